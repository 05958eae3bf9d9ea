"""Publication dates in many formats to ISO 8601, and time expressions resolved against them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from newsgraph.ingest.dates import MONTHS, WEEKDAYS, parse_published, resolve_when


@pytest.mark.parametrize(("raw", "iso"), [
    ("2025-03-18", "2025-03-18"),
    ("  2025-03-18 ", "2025-03-18"),
    ("2025-03-18T14:05:00Z", "2025-03-18T14:05:00+00:00"),
    ("2025-03-18T14:05:00+01:00", "2025-03-18T14:05:00+01:00"),
    ("2025-03-18 14:05", "2025-03-18T14:05:00"),
    ("18 March 2025", "2025-03-18"),
    ("18 Mar 2025", "2025-03-18"),
    ("March 18, 2025", "2025-03-18"),
    ("Mar 18th, 2025", "2025-03-18"),
    ("Tuesday, March 18, 2025", "2025-03-18"),
    ("March 18, 2025 5:00 PM EDT", "2025-03-18T17:00:00-04:00"),
    ("March 18, 2025 at 9:30 a.m. PST", "2025-03-18T09:30:00-08:00"),
    ("Tue, 18 Mar 2025 14:00:00 GMT", "2025-03-18T14:00:00+00:00"),
    ("Tue, 18 Mar 2025 14:00:00 +0200", "2025-03-18T14:00:00+02:00"),
    ("Published: 18 March 2025", "2025-03-18"),
    ("Updated March 18, 2025", "2025-03-18"),
    ("07 June 2013", "2013-06-07"),
    ("20130607", "2013-06-07"),
    ("18.03.2025", "2025-03-18"),
    ("2025/03/18", "2025-03-18"),
    ("March 2025", "2025-03"),
    ("2025-03", "2025-03"),
    ("2025", "2025"),
    ("2012-02-29", "2012-02-29"),
])
def test_publication_dates_in_many_formats(raw, iso):
    assert parse_published(raw) == iso


@pytest.mark.parametrize(("raw", "iso"), [
    ("March 18-20, 2025", "2025-03-18"),          # was 2020-03-18T20:25:00: the second day read as a year
    ("18-20 March 2025", "2025-03-18"),           # was 2018-03-20T20:25:00
    ("18–20 March 2025", "2025-03-18"),
    ("18th-20th March 2025", "2025-03-18"),
    ("March 18 and 19, 2025", "2025-03-18"),
    ("2025-03-18/2025-03-20", "2025-03-18"),      # was 2025-03-18T20:25:00-20:00: the second date an offset
    ("2025-03-18 to 2025-03-20", "2025-03-18"),
    ("2025-03-18, 2025-03-19", "2025-03-18"),
    ("March 18, 2025 10:30 - 11:00", "2025-03-18T10:30:00"),
    ("18-03-2025", "2025-03-18"),                 # no month's name: a numeric date, not a range
])
def test_a_range_or_pair_of_days_is_read_as_its_first_day(raw, iso):
    assert parse_published(raw) == iso


@given(st.dates(), st.sampled_from(["tomorrow", "yesterday", "next week", "last month", "next year", "in January",
                                    "on Friday", "two days ago", "three years ago", "in September last year",
                                    "on 18 March"]), st.booleans())
def test_a_time_at_either_end_of_the_calendar_resolves_to_a_day_there_is_or_nothing(day, text, future):
    """A 9999-12-31 article that said "tomorrow" failed the whole ingest (OverflowError); "next year" was 10000."""
    found = resolve_when(text, day.isoformat(), future=future)
    assert found == "" or (found[:4].isdigit() and "0001" <= found[:4] <= "9999" and not found[4:5].isdigit())


@pytest.mark.parametrize(("raw", "month_first", "day_first"), [
    ("04/04/2012", "2012-04-04", "2012-04-04"),
    ("05/02/2013", "2013-05-02", "2013-02-05"),    # ambiguous: month first unless asked otherwise
    ("13/04/2012", "2012-04-13", "2012-04-13"),    # 13 cannot be a month
    ("04/13/2012", "2012-04-13", "2012-04-13"),
    ("5/2/13", "2013-05-02", "2013-02-05"),
])
def test_ambiguous_numeric_dates_read_month_first_by_default(raw, month_first, day_first):
    assert parse_published(raw) == month_first
    assert parse_published(raw, dayfirst=True) == day_first


@pytest.mark.parametrize("raw", ["", "   ", "soon", "yesterday", "March 18", "2025-13-01", "2025-02-30", "n/a",
                                 "3 hours ago", "18"])
def test_unreadable_or_yearless_publication_dates_are_empty(raw):
    assert parse_published(raw) == ""


def test_an_ambiguous_zone_keeps_the_time_without_an_offset():
    assert parse_published("March 18, 2025 10:30 IST") == "2025-03-18T10:30:00"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_written_out_reads_back(day):
    month = MONTHS[day.month - 1].title()
    for written in (day.isoformat(), f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}",
                    f"{month[:3]} {day.day} {day.year}", f"{day.month}/{day.day}/{day.year}",
                    f"{WEEKDAYS[day.weekday()][:3].title()}, {day.day:02d} {month[:3]} {day.year} 08:00:00 GMT"):
        assert parse_published(written)[:10] == day.isoformat(), written


@given(st.text(max_size=40))
def test_any_text_gives_iso_or_nothing(text):
    iso = parse_published(text)
    assert iso == "" or iso[:4].isdigit()


# --- time expressions --------------------------------------------------------------------------------------------
WEDNESDAY = "2025-03-19"


@pytest.mark.parametrize(("text", "iso"), [
    ("on Tuesday", "2025-03-18"),
    ("Tuesday", "2025-03-18"),
    ("on Tuesday evening", "2025-03-18"),
    ("on Wednesday", "2025-03-19"),         # the publication day itself
    ("on Thursday", "2025-03-13"),          # past by default: the one before
    ("last Wednesday", "2025-03-12"),
    ("next Tuesday", "2025-03-25"),
    ("yesterday", "2025-03-18"),
    ("late yesterday", "2025-03-18"),
    ("today", "2025-03-19"),
    ("tomorrow", "2025-03-20"),
    ("last night", "2025-03-18"),
    ("last week", "2025-W11"),
    ("this week", "2025-W12"),
    ("earlier this week", "2025-W12"),
    ("next week", "2025-W13"),
    ("last month", "2025-02"),
    ("earlier this month", "2025-03"),
    ("last year", "2024"),
    ("two days ago", "2025-03-17"),
    ("3 weeks ago", "2025-W09"),
    ("in March 2025", "2025-03"),
    ("in 2022", "2022"),
    ("since 1991", "1991"),
    ("on 18 March", "2025-03-18"),
    ("on March 18", "2025-03-18"),
    ("on 18 March 2024", "2024-03-18"),
    ("in December", "2024-12"),            # the nearest December
    ("in September last year", "2024-09"),
    ("on Tuesday, March 18", "2025-03-18"),
    ("recently", ""),
    ("at 5 p.m.", ""),
    ("the 1990s", ""),
    ("for two years", ""),
])
def test_time_expressions_resolve_against_the_publication_date(text, iso):
    assert resolve_when(text, WEDNESDAY) == iso


def test_future_tense_looks_ahead():
    assert resolve_when("on Friday", WEDNESDAY, future=True) == "2025-03-21"
    assert resolve_when("on Wednesday", WEDNESDAY, future=True) == "2025-03-19"
    assert resolve_when("in December", WEDNESDAY, future=True) == "2025-12"
    assert resolve_when("on 2 January", WEDNESDAY, future=True) == "2026-01-02"


def test_relative_times_need_a_publication_day():
    assert resolve_when("on Tuesday", "") == "" and resolve_when("last week", "2025") == ""
    assert resolve_when("on 18 March", "2025") == "2025-03-18"  # the year alone places a day and month
    assert resolve_when("in March 2025", "") == "2025-03"       # an explicit date needs nothing
    assert resolve_when("on Tuesday", "2025-03-19T23:30:00-04:00") == "2025-03-18"  # the local day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(WEEKDAYS),
       st.booleans())
def test_a_weekday_resolves_to_that_weekday_within_a_week(published, weekday, future):
    resolved = date.fromisoformat(resolve_when(f"on {weekday.title()}", published.isoformat(), future=future))
    assert WEEKDAYS[resolved.weekday()] == weekday
    offset = (resolved - published).days
    assert (0 <= offset <= 6) if future else (-6 <= offset <= 0)
    last = date.fromisoformat(resolve_when(f"last {weekday}", published.isoformat()))
    assert timedelta(days=1) <= published - last <= timedelta(days=7)


@given(st.text(max_size=30), st.sampled_from(["", "2025", "2025-03-19", "garbage"]))
def test_any_expression_resolves_to_iso_or_nothing(text, published):
    iso = resolve_when(text, published)
    assert iso == "" or iso[:4].isdigit()


def test_a_past_clause_takes_the_last_day_or_month_not_after_the_publication_date():
    assert resolve_when("on June 8", "2013-05-03") == "2013-06-08"  # nearest, when the tense is not known
    assert resolve_when("on June 8", "2013-05-03", past=True) == "2012-06-08"
    assert resolve_when("on May 3", "2013-05-03", past=True) == "2013-05-03"
    assert resolve_when("in September", "2025-03-19", past=True) == "2024-09"
    assert resolve_when("in March", "2025-03-19", past=True) == "2025-03"
    assert resolve_when("on June 8", "2013-05-03", future=True, past=True) == "2013-06-08"  # future wins
    assert resolve_when("on Friday", WEDNESDAY, past=True) == "2025-03-14"


@pytest.mark.parametrize("text", ["at 6 . 1", "6.1", "at 4.6", "6/1", "3-1"])
def test_numbers_alone_are_a_date_only_with_their_year(text):
    assert resolve_when(text, "2005-03-28") == ""


def test_numbers_with_their_year_or_a_month_name_stay_dates():
    assert resolve_when("on 6/1/2005", "2005-03-28") == "2005-06-01"
    assert resolve_when("on 1 June", "2005-03-28") == "2005-06-01"
