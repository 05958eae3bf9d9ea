"""Lines of an article's text that hold nothing but a web address: where the page was found, not what it says.

A text saved from the web often starts with its address on a line of its own, and a tokenised corpus writes it
with spaces around its punctuation ("http : / / www . ny1 . com / content / news / woman - killed - in - queens").
Its words are the outlet's host and the page's slug: taken as prose they make concepts and events of "http" and
"www", and give every article of one outlet the same rare words to be grouped into one story by. Story terms
(``newsgraph.ingest.story_terms``), entity mentions (``newsgraph.ingest.mentions``), events, concepts and triples
(``newsgraph.ingest.analyze``) leave such a line out. An address inside a sentence ("see https://example.org for
more") is prose and stays.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.ingest.columns import doc_table, doc_text

#: A web address, once the spaces a tokenised text puts around its punctuation are taken out.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def address_lines(text: str) -> list[tuple[int, int]]:
    r"""The (start, end) characters of the lines of ``text`` that hold nothing but a web address, written as one
    word or tokenised ("http : / / www . example . com / n / us / woman - killed"; module notes).

    >>> address_lines("http : / / www . ny1 . com / news / a - b\nWoman Killed\nSee https://x.org/a for more")
    [(0, 41)]
    """
    found, start = [], 0
    for line in text.split("\n"):
        if _ADDRESS.fullmatch("".join(line.split())):
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


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
