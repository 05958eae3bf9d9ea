"""Names that a pre-tokenised text spaces apart: "Dr . Regina Benjamin", "Regina M . Benjamin", "U . S .".

Some sources (corpora, feeds written from tokenised text) put a space before every full stop, so an
abbreviation's stop stands as a word of its own. The model then reads "Dr", "U" and "Regina M" as names of their
own and the stop as a sentence end. Two repairs of the model's name spans, for any text:

- **titles**: the titles written before a name include an abbreviated title whose stop is spaced off
  ("Dr . Regina Benjamin", "Lt . Gen . Smith"), so the mention covers them as it covers "Dr. Regina Benjamin";
- **initials**: a name ending in one capital letter, a spaced stop, then a name right after it, one of the two
  a person's, are one name ("Regina M . Benjamin" is Regina M. Benjamin); a name of one capital letter followed
  by spaced letters is the whole abbreviation ("U . S ." is U.S.).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from newsgraph.ingest.found import Found
from newsgraph.ingest.names import TITLE_WORDS, clean_name, fold, name_key

#: The model's labels of the two halves of a name cut at a spaced initial; one of them must be a person's.
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SPACED_STOP = re.compile(r"\b([A-Za-z]) \.")
_BETWEEN_LETTERS = re.compile(r"(?<=\b[A-Za-z]\.) (?=[A-Za-z]\.)")


def title_start(doc: Doc, start: int) -> int:
    """The first token of the titles written right before a name that starts at ``start`` ("President Vladimir
    Putin"), a title whose stop is spaced off its word included ("Dr . Regina Benjamin").

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Said", "Dr", ".", "Regina", "Benjamin", "."])
    >>> title_start(doc, 3), title_start(doc, 1)
    (1, 1)
    """
    first = start
    while first > 0:
        before = doc[first - 1]
        if fold(before.text).strip(".") in TITLE_WORDS:
            first -= 1
        elif (before.text == "." and first > 1 and doc[first - 2].whitespace_
              and fold(doc[first - 2].text) in TITLE_WORDS):
            first -= 2
        else:
            break
    return first


def spaced_names(doc: Doc, found: list[Found]) -> list[Found]:
    """The name mentions with spaced initials and letters joined (module notes), in text order.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words="nominating Regina M . Benjamin for the U . S . post".split())
    >>> names = [Found(1, 3, "Regina M", "ORG", "name", "regina m"), Found(4, 5, "Benjamin", "PERSON", "name",
    ...          "benjamin"), Found(7, 8, "U", "ORG", "name", "u")]
    >>> [(f.start, f.end, f.name, f.label, f.key) for f in spaced_names(doc, names)]
    [(1, 5, 'Regina M. Benjamin', 'PERSON', 'regina benjamin'), (7, 11, 'U.S', 'ORG', 'united states')]
    """
    ordered = sorted(found, key=lambda f: f.start)
    joined: list[Found] = []
    for item in ordered:
        previous = joined[-1] if joined else None
        if previous is not None and _initial_then_name(doc, previous, item):
            joined[-1] = _renamed(doc, replace(previous, end=item.end, label="PERSON", kind=item.kind,
                                               weight=max(previous.weight, item.weight)))
            continue
        joined.append(_spelled_out(doc, item))
    return joined


def _initial_then_name(doc: Doc, first: Found, second: Found) -> bool:
    """``first`` ends in a capital initial whose stop stands alone and ``second`` follows it, one of them a
    person's name."""
    stop = first.end
    return (first.end - first.start >= 2 and second.start == stop + 1 and stop < len(doc)
            and doc[stop].text == "." and _is_letter(doc[stop - 1].text) and doc[stop - 1].whitespace_ != ""
            and "PERSON" in {first.label, second.label} and {first.label, second.label} <= _NAME_LABELS)


def _spelled_out(doc: Doc, item: Found) -> Found:
    """A name of one capital letter extended over the spaced letters after it ("U" of "U . S .")."""
    if item.end - item.start != 1 or not _is_letter(doc[item.start].text):
        return item
    end = item.end
    while end + 1 < len(doc) and doc[end].text == "." and _is_letter(doc[end + 1].text):
        end += 2
    if end == item.end:
        return item
    if end < len(doc) and doc[end].text == ".":
        end += 1
    return _renamed(doc, replace(item, end=end))


def _renamed(doc: Doc, item: Found) -> Found:
    name = clean_name(_BETWEEN_LETTERS.sub("", _SPACED_STOP.sub(r"\1.", doc[item.start:item.end].text)))
    return replace(item, name=name, key=name_key(name) or item.key)


def _is_letter(text: str) -> bool:
    return len(text) == 1 and text.isupper()
