"""The day a part of an article is written on: a live blog or a diary names it in a line of its own.

A report written over several days ("Monday, June 9" over one day's updates, "Tuesday 10 June 2025" over the
next) tells its relative times against the day of its section, not against the day it was last published:
"tomorrow morning" under "Monday, June 9" of a page published on Friday 13 June is Tuesday 10 June.

Rule (general; no outlet's layout): a **day heading** is a line that holds a date with a day and nothing else
but a weekday, a time of day ("10:48 a.m.", "14:05 BST") and punctuation, at most twelve words; it is resolved
against the publication date as a date of the past (a day heading later than the page is no day of it). Every
character after a day heading, up to the next one, has that day as its reference; text before the first has the
publication date. An article without day headings keeps its publication date everywhere.
"""

from __future__ import annotations

import bisect
import re
from typing import cast

from spacy.tokens import Token

from newsgraph.ingest.columns import doc_table, doc_text
from newsgraph.ingest.dates import MONTHS, WEEKDAYS, resolve_when

_LINE = re.compile(r"[^\n]+")
#: A time of day: "10:48", "10.48 a.m.", "9am", "9 p.m.".
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+\.?|\d+(?:st|nd|rd|th)?")
_MONTH_WORDS = frozenset(MONTHS) | frozenset(m[:3] for m in MONTHS) | {"sept"}
#: Words a day heading may hold besides its date: a weekday, and a time of day with its zone.
_TIME_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "bst", "cet", "cest", "est",
                         "edt", "cst", "cdt", "pst", "pdt", "et", "pt", "updated", "update", "updates"})


def section_day(token: Token, published: str) -> str:
    """The day ``token``'s relative times are told against: its section's day heading, else ``published``. The
    headings are found once a Doc."""
    memo = doc_table(token.doc).memo("day headings")
    if published not in memo:
        memo[published] = day_headings(doc_text(token.doc), published)
    return reference_day(cast(tuple[list[int], list[str]], memo[published]), token.idx, published)


def day_headings(text: str, published: str) -> tuple[list[int], list[str]]:
    """The start offsets of the day headings of ``text`` and the day (ISO 8601) each names, in text order.

    >>> text = "Live: the talks\\nMonday, June 9\\nTalks begin tomorrow.\\nTuesday 10 June 2025\\nThey began."
    >>> day_headings(text, "2025-06-13")
    ([16, 53], ['2025-06-09', '2025-06-10'])
    >>> day_headings("On Monday, June 9, talks began.\\nJune 2025", "2025-06-13")  # a sentence; a month alone
    ([], [])
    >>> day_headings("10:48 a.m. BST, Monday 9 June\\n9 June 11am", "2025-06-13")
    ([0, 30], ['2025-06-09', '2025-06-09'])
    """
    starts: list[int] = []
    days: list[str] = []
    for match in _LINE.finditer(text):
        day = _heading_day(match.group(), published)
        if day:
            starts.append(match.start())
            days.append(day)
    return starts, days


def reference_day(headings: tuple[list[int], list[str]], at: int, published: str) -> str:
    """The day relative times at character ``at`` are told against: the last day heading before it, or
    ``published``.

    >>> headings = ([16, 53], ["2025-06-09", "2025-06-10"])
    >>> reference_day(headings, 10, "2025-06-13"), reference_day(headings, 40, "2025-06-13")
    ('2025-06-13', '2025-06-09')
    """
    starts, days = headings
    n = bisect.bisect_right(starts, at)
    return days[n - 1] if n else published


def _heading_day(line: str, published: str) -> str:
    words = _WORD.findall(_CLOCK.sub(" ", line))
    if not words or len(words) > 12 or not published:
        return ""
    lowered = [word.lower() for word in words]
    if not any(word.rstrip(".") in _MONTH_WORDS for word in lowered):
        return ""
    if any(not (word.rstrip(".") in _MONTH_WORDS or word in WEEKDAYS or word in _TIME_WORDS or word[0].isdigit())
           for word in lowered):
        return ""
    date_words = [word for word, low in zip(words, lowered, strict=True) if low not in _TIME_WORDS]
    day = resolve_when(" ".join(date_words), published, past=True)
    return day if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else ""
