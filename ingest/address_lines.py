"""Web addresses at the start of a line of an article's text: where the page was found, not what it says.

A text saved from the web often starts with its address on a line of its own, and a tokenised corpus writes it
with spaces around its punctuation ("http : / / www . ny1 . com / content / news / woman - killed - in - queens").
Its words are the outlet's host and the page's slug: taken as prose they make concepts and events of "http" and
"www", and give every article of one outlet the same rare words to be grouped into one story by. Story terms
(``newsgraph.ingest.story_terms``), entity mentions (``newsgraph.ingest.mentions``), events, concepts and triples
(``newsgraph.ingest.analyze``) leave such an address out. An address inside a sentence ("see https://example.org
for more") is prose and stays.

A text whose lines were joined into one ("http : / / www . x . com / a - b Lindsay Lohan checks into rehab ...")
holds the address and the article on one line: only the address is left out. A tokenised address ends where two
words follow each other without the punctuation that joins the parts of an address ("- 20130504 Lindsay"); the
first of the two still belongs to it unless it is capitalised ("/ Lindsay Lohan": slugs are lower case, the
headline is not).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.ingest.columns import doc_table, doc_text

#: A web address, once the spaces a tokenised text puts around its punctuation are taken out.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
#: A word of punctuation that joins the parts of a tokenised address ("/", ".", "-", ":", "?", "=", ",").
_JOINER = re.compile(r"[/.:,\-_?=&#%+~'’]+")


def address_lines(text: str) -> list[tuple[int, int]]:
    r"""The (start, end) characters of the web addresses that start the lines of ``text``, written as one word or
    tokenised ("http : / / www . example . com / n / us / woman - killed"; module notes): the whole line when it
    holds nothing else, the address alone when the article's text follows it on the same line.

    >>> address_lines("http : / / www . ny1 . com / news / a - b\nWoman Killed\nSee https://x.org/a for more")
    [(0, 41)]
    >>> address_lines("http : / / x . com / 2013 / a - b Woman killed in Queens")
    [(0, 33)]
    """
    found, start = [], 0
    for line in text.split("\n"):
        end = _address_end(line)
        if end:
            found.append((start, start + (len(line) if not line[end:].strip() else end)))
        start += len(line) + 1
    return found


def _address_end(line: str) -> int:
    """The end (in ``line``) of the web address the line starts with, 0 when it starts with none."""
    if not line.lstrip()[:4].lower().startswith(("http", "www")):
        return 0
    words = list(re.finditer(r"\S+", line))
    last = 0  # index of the address's last word
    for i in range(1, len(words)):
        if not (_JOINER.fullmatch(words[i].group()) or _JOINER.fullmatch(words[i - 1].group())):
            # two words side by side: the address ended before the second, or before the first when that is
            # capitalised after a joiner ("/ Lindsay Lohan")
            last = i - 1
            if i > 1 and words[last].group().lstrip("'‘\"“")[:1].isupper():
                last -= 1
            break
    else:
        last = len(words) - 1
    if last < 0 or not _ADDRESS.fullmatch("".join(w.group() for w in words[:last + 1])):
        return 0
    return words[last].end()


def doc_address_lines(doc: Doc) -> list[tuple[int, int]]:
    """``address_lines`` of ``doc``'s text, worked out once per Doc for the passes that leave them out."""
    memo = doc_table(doc).memo("address lines")
    if None not in memo:
        memo[None] = address_lines(doc_text(doc))
    return memo[None]


def in_lines(at: int, lines: list[tuple[int, int]], end: int | None = None) -> bool:
    r"""True when character ``at`` (the characters ``at`` to ``end``, when given) lies in one of ``lines``
    ((start, end) pairs). A phrase the parser ran from the address into the headline below it ("htm\nMich.
    accountant") is not in the line: it is the headline's.

    >>> in_lines(3, [(0, 41)]), in_lines(41, [(0, 41)]), in_lines(38, [(0, 41)], 41), in_lines(38, [(0, 41)], 50)
    (True, False, True, False)
    """
    last = at if end is None else end - 1
    return any(start <= at and last < stop for start, stop in lines)
