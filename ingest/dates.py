"""Dates as ISO 8601 text: an article's publication date, and the time expressions of its sentences.

Two pure functions:

* ``parse_published`` reads the publication date as feeds, sidecars and pages write it ("2025-03-18",
  "18 March 2025", "March 18, 2025 5:00 PM EDT", "Tue, 18 Mar 2025 14:00:00 GMT", "04/04/2012") and returns it
  in ISO 8601 at the precision given: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM:SS`` with the
  UTC offset when the zone is known. Unreadable text gives ``""``.
* ``resolve_when`` resolves a time expression of the text ("on Tuesday", "last week", "in March 2025",
  "18 March", "two days ago") against the publication date: a day ``YYYY-MM-DD``, an ISO week ``YYYY-Www``, a
  month ``YYYY-MM`` or a year ``YYYY``; ``""`` when the expression names no resolvable time ("recently",
  "at 5 p.m.", "the 1990s") or needs a publication date the article does not have.

Rules (general, not tuned to any corpus):

* **Numeric day/month order.** ``04/05/2012`` is read month first (April 5), the convention of US outlets and of
  the feeds most English news metadata comes from; ``dayfirst=True`` reads it day first. A first number above 12
  can only be a day (``13/04/2012`` is April 13) whatever the setting.
* **A weekday without a date** ("on Tuesday") is the most recent such day on or before the publication date (news
  style names the days of the past week, today included); with ``future=True`` (the clause is in the future
  tense) the first such day on or after it. "last Tuesday" is strictly before, "next Tuesday" strictly after.
* **A day and month without a year** ("18 March") takes the year that puts it nearest the publication date; with
  ``future=True`` the first such date on or after it, with ``past=True`` (the clause tells what happened: "was
  hit on June 8" in an article of 3 May 2013 is 2012-06-08) the last such date on or before it. A month alone
  ("in December") likewise.
* **Numbers alone** are a date only with a year ("6/1/2013", "2013-06-01"): "6.1", "6 . 1" or "6/1" without a month's
  name is a magnitude, a score or a ratio more often than a day.
* **Weeks** are ISO weeks (Monday first): "last week" in an article of Wednesday 19 March 2025 is ``2025-W11``.

Time-zone abbreviations are read from a small table of unambiguous ones (``TZ_OFFSETS``); an ambiguous one
("IST") is ignored and the time kept without an offset.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as _dateutil

#: UTC offsets (hours) of unambiguous time-zone abbreviations seen in English news metadata.
TZ_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "WET": 0, "WEST": 1,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9,
    "AKDT": -8, "HST": -10, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11, "ACST": 9.5,
    "AWST": 8, "NZST": 12, "NZDT": 13,
}
_TZINFOS = {name: timezone(timedelta(hours=hours)) for name, hours in TZ_OFFSETS.items()}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_WORDS = set(MONTHS) | {m[:3] for m in MONTHS} | {"sept"}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
#: Words before a time expression that do not change the time it names.
_LEADING = {"on", "in", "at", "during", "since", "until", "till", "by", "before", "after", "from", "throughout",
            "within", "over", "of", "the", "early", "late", "earlier", "later", "mid", "around", "about"}
#: Days named relative to the publication day.
_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "now": 0, "last night": -1, "this morning": 0,
         "this afternoon": 0, "this evening": 0}
_STEPS = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
#: Parts of a day after a day expression ("Tuesday night", "yesterday morning").
_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night", "midday", "noon", "midnight", "overnight"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: A range or pair of days (the first is the publication day): "2025-03-18/2025-03-20", "2025-03-18 to …",
#: and, beside a month's name, "March 18-20, 2025", "18–20 March 2025". Read whole, dateutil's fuzzy parse took
#: the second day for a year, an hour or a time zone.
_ISO_FIRST = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:/|,|–|—|-\s|to\b|and\b|&)")
_DAY_RANGE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|&)\s*\d{1,2}(?:st|nd|rd|th)?\b")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^(1[5-9]|20|21)\d{2}$")
# two different defaults: a field that comes back different was not in the text
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2004, 2, 2, 1, 1, 1)  # both leap years: "29 February" parses


def parse_published(raw: str, *, dayfirst: bool = False) -> str:
    """The publication date ``raw`` in ISO 8601 at the precision it gives, or ``""`` when it cannot be read.

    Args:
        raw: the date as the source writes it.
        dayfirst: read an ambiguous numeric date (``04/05/2012``) day first; month first by default.

    >>> parse_published("2025-03-18"), parse_published("18 March 2025"), parse_published("04/05/2012")
    ('2025-03-18', '2025-03-18', '2012-04-05')
    >>> parse_published("March 18, 2025 5:00 PM EDT")
    '2025-03-18T17:00:00-04:00'
    >>> parse_published("Tue, 18 Mar 2025 14:00:00 GMT"), parse_published("March 2025"), parse_published("soon")
    ('2025-03-18T14:00:00+00:00', '2025-03', '')
    >>> parse_published("March 18-20, 2025"), parse_published("2025-03-18/2025-03-20")
    ('2025-03-18', '2025-03-18')
    """
    text = " ".join(str(raw).split())
    if not text:
        return ""
    if first := _ISO_FIRST.match(text):
        text = first.group(1)
    elif _MONTH_WORDS & set(re.findall(r"[a-z]+", text.lower())):
        text = _DAY_RANGE.sub(r"\1", text, count=1)
    if _ISO_DATE.match(text):
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            return _iso_datetime(value) if "T" in text or " " in text else value.date().isoformat()
    if _ISO_MONTH.match(text):
        return text if 1 <= int(text[5:]) <= 12 else ""
    if _YEAR.match(text):
        return text
    parsed = _parse_parts(text, dayfirst=dayfirst, fuzzy=True)
    if parsed is None:
        return ""
    value, has = parsed
    if not has["year"]:
        return ""
    if not has["month"]:
        return f"{value.year:04d}" if not has["day"] else ""
    if not has["day"]:
        return f"{value.year:04d}-{value.month:02d}"
    if has["hour"]:
        return _iso_datetime(value)
    return value.date().isoformat()


def resolve_when(text: str, published: str = "", *, future: bool = False, past: bool = False) -> str:
    """The time ``text`` names, resolved against the publication date ``published`` (ISO 8601), or ``""``.

    Args:
        text: a time expression as written, with or without its preposition ("on Tuesday", "last week").
        published: the article's publication date in ISO 8601 (``parse_published``); relative expressions need
            its day, a day or month without a year needs at least its year.
        future: the clause is in the future tense: a bare weekday, a day or month without a year is the next one.
        past: the clause is in a past tense: a day or month without a year is the last one (``future`` wins).

    >>> resolve_when("on Tuesday", "2025-03-19"), resolve_when("last week", "2025-03-19")
    ('2025-03-18', '2025-W11')
    >>> resolve_when("in March 2025"), resolve_when("on 18 March", "2025-03-19"), resolve_when("recently", "2025-03-19")
    ('2025-03', '2025-03-18', '')
    >>> resolve_when("Friday", "2025-03-19", future=True), resolve_when("two days ago", "2025-03-19T10:00:00Z")
    ('2025-03-21', '2025-03-17')
    >>> resolve_when("in September last year", "2025-03-19"), resolve_when("earlier this week", "2025-03-19")
    ('2024-09', '2025-W12')
    >>> resolve_when("on June 8", "2013-05-03"), resolve_when("on June 8", "2013-05-03", past=True)
    ('2013-06-08', '2012-06-08')
    >>> resolve_when("tomorrow", "9999-12-31"), resolve_when("next year", "9999-06-01")  # past the calendar's end
    ('', '')
    """
    try:
        found = _resolve_when(text, published, 1 if future else -1 if past else 0)
    except (OverflowError, ValueError):  # a day before 0001-01-01 or after 9999-12-31
        return ""
    return found if re.match(r"(?!0000)\d{4}(?!\d)", found) else ""


def _resolve_when(text: str, published: str, tense: int) -> str:
    words = re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?|[/.,:-]", str(text).lower())
    while words and words[0] in _LEADING | {","}:
        words.pop(0)
    if " ".join(words) in _DAYS:  # "last night", before "night" goes as a part of the day
        words = [" ".join(words)]
    while words and words[-1] in _PARTS_OF_DAY | {",", "."}:
        words.pop()
    if not words:
        return ""
    ref = _day(published)
    relative = _relative(words, ref, tense > 0)
    if relative is not None:
        return relative
    if len(words) > 2 and words[-1] == "year" and words[-2] in _STEPS:  # "in September last year"
        if ref is None:
            return ""
        return _absolute(" ".join(words[:-2]), None, f"{ref.year + _STEPS[words[-2]]:04d}", tense)
    return _absolute(" ".join(words), ref, published, tense)


# --- relative expressions ----------------------------------------------------------------------------------------
def _relative(words: list[str], ref: date | None, future: bool) -> str | None:
    """The resolution of a relative expression ("" when it needs a date there is not), None when not relative."""
    phrase = " ".join(words)
    if phrase in _DAYS:
        return "" if ref is None else (ref + timedelta(days=_DAYS[phrase])).isoformat()
    if words[-1] in WEEKDAYS and len(words) <= 2:
        qualifier = words[0] if len(words) == 2 else ""
        if qualifier not in {"", "last", "past", "next", "this", "coming"}:
            return None
        return "" if ref is None else _weekday(ref, WEEKDAYS.index(words[-1]), qualifier, future).isoformat()
    if len(words) == 2 and words[0] in {"last", "past", "previous", "this", "next", "coming"} \
            and words[1] in {"week", "month", "year"}:
        if ref is None:
            return ""
        return _period(ref, words[1], _STEPS[words[0]])
    if len(words) == 3 and words[-1] == "ago" and (words[0] in _NUMBER_WORDS or words[0].isdigit()):
        count = _NUMBER_WORDS.get(words[0]) or int(words[0])
        unit = words[1].rstrip("s")
        if unit not in {"day", "week", "month", "year"}:
            return None
        if ref is None:
            return ""
        if unit == "day":
            return (ref - timedelta(days=count)).isoformat()
        return _period(ref, unit, -count)
    return None


def _weekday(ref: date, weekday: int, qualifier: str, future: bool) -> date:
    back = (ref.weekday() - weekday) % 7  # days back to the most recent such day, 0 when it is today
    ahead = (weekday - ref.weekday()) % 7
    if qualifier in {"last", "past"}:
        return ref - timedelta(days=back or 7)
    if qualifier in {"next", "coming"}:
        return ref + timedelta(days=ahead or 7)
    return ref + timedelta(days=ahead) if future else ref - timedelta(days=back)


def _period(ref: date, unit: str, step: int) -> str:
    if unit == "week":
        year, week, _ = (ref + timedelta(weeks=step)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        months = ref.year * 12 + ref.month - 1 + step
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{ref.year + step:04d}"


# --- absolute expressions ----------------------------------------------------------------------------------------
def _absolute(phrase: str, ref: date | None, published: str, tense: int) -> str:
    """A calendar date; without its year the one nearest ``ref``, the next (``tense`` 1) or the last (-1)."""
    tokens = set(re.findall(r"[a-z]+", phrase))
    if not re.search(r"\d", phrase) and not tokens & _MONTH_WORDS:
        return ""
    if tokens - _MONTH_WORDS - set(WEEKDAYS) - {"of", "the", "st", "nd", "rd", "th", "and", "sept"}:
        return ""  # other words ("the 1990s", "5 p.m.", "two years"): not a calendar date we can name
    if _YEAR.match(phrase):
        return phrase
    parsed = _parse_parts(phrase, dayfirst=False, fuzzy=False)
    if parsed is None:
        return ""
    value, has = parsed
    if has["hour"] or not has["month"] or not has["year"] and not tokens & _MONTH_WORDS:
        return ""  # numbers alone are a date only with their year: "6.1" and "6/1" are a magnitude, a score
    if has["year"]:
        return value.date().isoformat() if has["day"] else f"{value.year:04d}-{value.month:02d}"
    if ref is None:  # only the year is known: the date in that year
        if not re.match(r"^\d{4}", published or ""):
            return ""
        year = int(published[:4])
        return f"{year:04d}-{value.month:02d}" + (f"-{value.day:02d}" if has["day"] else "")
    year = ref.year
    if not has["day"]:
        months = [(y, value.month) for y in (year - 1, year, year + 1)]
        here = (ref.year, ref.month)
        if tense:
            y, m = min(ym for ym in months if ym >= here) if tense > 0 else max(ym for ym in months if ym <= here)
        else:
            y, m = min(months, key=lambda ym: abs((ym[0] - here[0]) * 12 + ym[1] - here[1]))
        return f"{y:04d}-{m:02d}"
    candidates = []
    for y in (year - 1, year, year + 1):
        try:
            candidates.append(value.replace(year=y).date())
        except ValueError:  # 29 February
            continue
    if not candidates:
        return ""
    if tense:
        side = [d for d in candidates if (d >= ref if tense > 0 else d <= ref)]
        return (min(side) if tense > 0 else max(side)).isoformat() if side else ""
    return min(candidates, key=lambda d: (abs((d - ref).days), d > ref)).isoformat()


# --- helpers -----------------------------------------------------------------------------------------------------
def _parse_parts(text: str, *, dayfirst: bool, fuzzy: bool) -> tuple[datetime, dict[str, bool]] | None:
    """``text`` parsed by dateutil, with which of year, month, day and hour it gave (None when unreadable)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown zone name: dateutil warns and ignores it, as we do
            a = _dateutil.parse(text, default=_DEFAULT_A, dayfirst=dayfirst, fuzzy=fuzzy, tzinfos=_TZINFOS)
            b = _dateutil.parse(text, default=_DEFAULT_B, dayfirst=dayfirst, fuzzy=fuzzy, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None
    has = {"year": a.year == b.year, "month": a.month == b.month, "day": a.day == b.day, "hour": a.hour == b.hour}
    if has["day"] and not has["month"]:  # a bare number ("5") is not a date
        return None
    return a, has


def _iso_datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _day(published: str) -> date | None:
    """The calendar day of an ISO 8601 publication date (its local day when it has a time), or None."""
    if not _ISO_DATE.match(published or ""):
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
