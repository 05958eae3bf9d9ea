"""Quantities and times: normalised as written in news, and attached to the event they measure."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from handmade import make_doc
from newsgraph.ingest.numbers import normalise_quantity
from newsgraph.ingest.quantities import event_quantities

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spell(n: int) -> str:
    """An integer in English words, as news writes it ("one hundred and five", "twenty-one")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10 - 2] + ("-" + _UNITS[n % 10] if n % 10 else "")
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            head, rest = divmod(n, size)
            tail = "" if not rest else (" and " if rest < 100 else " ") + _spell(rest)
            return f"{_spell(head)} {name}{tail}"
    raise AssertionError(n)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_spelled_integers_read_back(n):
    assert normalise_quantity(_spell(n)).value == str(n)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_integers_in_digits_read_back_with_and_without_separators(n):
    assert normalise_quantity(str(n)).value == str(n)
    assert normalise_quantity(f"{n:,}").value == str(n)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["minute", "hour", "day"]))
def test_a_duration_is_the_same_in_words_and_digits(n, unit):
    plural = unit + ("s" if n > 1 else "")
    spelled, digits = normalise_quantity(f"{_spell(n)} {plural}", "TIME"), normalise_quantity(f"{n} {plural}", "TIME")
    assert spelled.kind == digits.kind == "duration"
    assert spelled.value == digits.value and spelled.value.startswith("P")


@pytest.mark.parametrize("text,label,kind,value,unit", [
    ("three", "CARDINAL", "count", "3", ""),
    ("1,200", "CARDINAL", "count", "1200", ""),
    ("two dozen", "CARDINAL", "count", "24", ""),
    ("one and a half million", "CARDINAL", "count", "1500000", ""),
    ("two-hour", "TIME", "duration", "PT2H", ""),
    ("two and a half hours", "DATE", "duration", "PT2H30M", ""),
    ("two hours and a half", "TIME", "duration", "PT2H30M", ""),
    ("90 minutes", "TIME", "duration", "PT1H30M", ""),
    ("an hour and a half", "TIME", "duration", "PT1H30M", ""),
    ("three-day", "DATE", "duration", "P3D", ""),
    ("a year and a half", "DATE", "duration", "P1Y6M", "calendar"),
    ("a 12-year", "DATE", "duration", "P12Y", "calendar"),
    ("40%", "PERCENT", "percent", "40", "%"),
    ("3.5 per cent", "PERCENT", "percent", "3.5", "%"),
    ("two percentage points", "PERCENT", "percent", "2", "pp"),
    ("$1.2 million", "MONEY", "money", "1200000", "USD"),
    ("20 million euros", "MONEY", "money", "20000000", "EUR"),
    ("£3bn", "MONEY", "money", "3000000000", "GBP"),
    ("50 cents", "MONEY", "money", "0.5", "USD"),
    ("5 km", "QUANTITY", "amount", "5", "km"),
    ("10,000 tonnes", "QUANTITY", "amount", "10000", "t"),
])
def test_phrases_normalise(text, label, kind, value, unit):
    found = normalise_quantity(text, label)
    assert (found.kind, found.value, found.unit, found.text) == (kind, value, unit, text)
    assert not found.approximate


@pytest.mark.parametrize("text,label", [
    ("several", "CARDINAL"), ("dozens", "CARDINAL"), ("tens of thousands", "CARDINAL"), ("hundreds", "CARDINAL"),
    ("3-1", "CARDINAL"), ("one two", "CARDINAL"), ("Tuesday", "DATE"), ("2012", "DATE"), ("5 p.m.", "TIME"),
    ("two days ago", "DATE"), ("last week", "DATE"), ("the 45-year-old", "DATE"), ("hours", "TIME"),
    ("decades", "DATE"), ("several hours", "TIME"), ("", "CARDINAL"),
])
def test_no_definite_value_is_none(text, label):
    assert normalise_quantity(text, label) is None


@pytest.mark.parametrize("text,value", [("about 90 minutes", "PT1H30M"), ("more than 200", "200"),
                                        ("at least 12", "12"), ("nearly two hours", "PT2H")])
def test_approximators_are_dropped_and_flagged(text, value):
    found = normalise_quantity(text, "TIME" if "minute" in text or "hour" in text else "CARDINAL")
    assert found.value == value and found.approximate


@pytest.mark.parametrize("a,b,value", [
    ("two hours", "120 minutes", "PT2H"),
    ("48 hours", "two days", "P2D"),
    ("a week", "seven days", "P7D"),
    ("a fortnight", "14 days", "P14D"),
    ("36 hours", "a day and a half", "P1DT12H"),
    ("18 months", "a year and a half", "P1Y6M"),
    ("a decade", "10 years", "P10Y"),
    ("half a day", "12 hours", "PT12H"),  # before, "half a" was one and a half: P1DT12H
    ("half an hour", "30 minutes", "PT30M"),
    ("half a year", "six months", "P6M"),
])
def test_one_length_is_one_text_whatever_its_units(a, b, value):
    """Before, "48 hours" was PT48H and "two days" P2D, "a week" P1W and "seven days" P7D: `contested`, which
    compares the texts, took each pair for two lengths."""
    assert normalise_quantity(a, "TIME").value == normalise_quantity(b, "TIME").value == value


@pytest.mark.parametrize("a,b", [("a month", "30 days"), ("a year", "365 days"), ("three months", "12 weeks")])
def test_months_and_years_are_not_turned_into_days_and_are_told_apart_by_their_unit(a, b):
    """A month is 28 to 31 days: "a month" and "30 days" are lengths `contested` must not compare, so the one
    counted in months or years has the unit ``calendar`` (a quantity's kind and unit are what it compares)."""
    calendar, days = normalise_quantity(a, "DATE"), normalise_quantity(b, "DATE")
    assert calendar.value != days.value and (calendar.unit, days.unit) == ("calendar", "")


@given(st.text(max_size=40), st.sampled_from(["CARDINAL", "QUANTITY", "TIME", "DATE", "PERCENT", "MONEY"]))
def test_any_text_gives_a_quantity_or_none(text, label):
    found = normalise_quantity(text, label)
    assert found is None or found.value and found.text == text


# --- attaching ----------------------------------------------------------------------------------------------------
def _measures(doc, *trigger_words, published="2025-03-19"):
    starts = [t.idx for t in doc if t.text in trigger_words]
    found = event_quantities(doc, starts, published)
    by_word = {t.idx: t.text for t in doc}
    return {by_word[k]: [(q.kind, q.value, q.unit, q.text) for q in v] for k, v in found.items()}


def test_a_duration_modifying_an_event_noun_measures_it():
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "held VERB ROOT 1 lemma=hold", "a DET det 6",
                   "two NUM nummod 5 ent=TIME", "- PUNCT punct 5 ent=TIME", "hour NOUN compound 6 ent=TIME",
                   "call NOUN dobj 1", "on ADP prep 1", "Tuesday PROPN pobj 7 ent=DATE", ". PUNCT punct 1",
                   spaces=[True, True, True, False, False, True, True, True, False, False])
    assert _measures(doc, "call", "held") == {"call": [("duration", "PT2H", "", "two-hour")],
                                              "held": [("date", "2025-03-18", "", "on Tuesday")]}


def test_a_count_measures_the_clause_of_the_noun_it_counts():
    doc = make_doc("The DET det 1", "attack NOUN nsubj 2", "killed VERB ROOT 2 lemma=kill",
                   "12 NUM nummod 4 ent=CARDINAL", "people NOUN dobj 2", "and CCONJ cc 2",
                   "injured VERB conj 2 lemma=injure", "two NUM nummod 9 ent=CARDINAL",
                   "dozen NOUN quantmod 7 ent=CARDINAL", "others NOUN dobj 6 lemma=other", ". PUNCT punct 2")
    assert _measures(doc, "attack", "killed", "injured") == {
        "killed": [("count", "12", "people", "12")], "injured": [("count", "24", "other", "two dozen")]}


def test_a_length_given_by_a_verb_of_duration_measures_what_lasted():
    doc = make_doc("The DET det 1", "call NOUN nsubj 2", "lasted VERB ROOT 2 lemma=last",
                   "two NUM nummod 7 ent=DATE", "and CCONJ cc 3 ent=DATE", "a DET quantmod 6 ent=DATE",
                   "half NOUN conj 3 ent=DATE", "hours NOUN dobj 2 lemma=hour ent=DATE", ". PUNCT punct 2")
    assert _measures(doc, "call", "lasted") == {"call": [("duration", "PT2H30M", "", "two and a half hours")]}


def test_a_relative_clause_of_duration_measures_its_noun():
    doc = make_doc("They PRON nsubj 1", "held VERB ROOT 1 lemma=hold", "a DET det 3", "call NOUN dobj 1",
                   "that PRON nsubj 5", "lasted VERB relcl 3 lemma=last", "90 NUM nummod 7 ent=TIME",
                   "minutes NOUN npadvmod 5 lemma=minute ent=TIME", ". PUNCT punct 1")
    assert _measures(doc, "call", "lasted") == {"call": [("duration", "PT1H30M", "", "90 minutes")]}


def test_a_relative_clause_of_duration_hung_on_a_prepositional_object_measures_the_event():
    doc = make_doc("During ADP prep 12", "the DET det 2", "call NOUN pobj 0", "with ADP prep 2",
                   "Trump PROPN pobj 3 ent=PERSON", ", PUNCT punct 4", "which PRON nsubj 7",
                   "lasted VERB relcl 4 lemma=last", "two NUM nummod 9 ent=TIME",
                   "hours NOUN dobj 7 lemma=hour ent=TIME",
                   ", PUNCT punct 12", "Putin PROPN nsubj 12 ent=PERSON", "spoke VERB ROOT 12 lemma=speak",
                   ". PUNCT punct 12")
    assert [t.head.i for t in doc][11:] == [12, 12, 12]
    assert _measures(doc, "call", "lasted", "spoke") == {"call": [("duration", "PT2H", "", "two hours")]}


def test_the_parts_of_a_split_count_count_nothing():
    doc = make_doc("They PRON nsubj 1", "arrested VERB ROOT 1 lemma=arrest", "12 NUM nummod 7 ent=CARDINAL",
                   "Somali ADJ amod 7", "and CCONJ cc 2", "11 NUM nummod 7 ent=CARDINAL", "Yemeni ADJ amod 7",
                   "pirates NOUN dobj 1 lemma=pirate", ". PUNCT punct 1")
    assert _measures(doc, "arrested") == {}


def test_a_number_of_happenings_measures_none_of_them():
    doc = make_doc("They PRON nsubj 1", "lost VERB ROOT 1 lemma=lose", "two NUM nummod 3 ent=CARDINAL",
                   "games NOUN dobj 1 lemma=game", ". PUNCT punct 1")
    assert _measures(doc, "lost", "games") == {}


def test_a_measure_does_not_climb_out_of_its_clause():
    # "Officials said the toll was 12": "was" is no event and its subject no event noun; "said" is not measured
    doc = make_doc("Officials NOUN nsubj 1", "said VERB ROOT 1 lemma=say", "the DET det 3", "toll NOUN nsubj 4",
                   "was AUX ccomp 1 lemma=be", "12 NUM attr 4 ent=CARDINAL", ". PUNCT punct 1")
    assert _measures(doc, "said") == {}


def test_an_unlabelled_number_is_read_as_a_count():
    doc = make_doc("Police NOUN nsubj 1", "arrested VERB ROOT 1 lemma=arrest", "3 NUM nummod 3",
                   "men NOUN dobj 1 lemma=man", ". PUNCT punct 1")
    assert _measures(doc, "arrested") == {"arrested": [("count", "3", "man", "3")]}
