"""The keys names are compared by (``newsgraph.ingest.names.name_key`` / ``titled_key``)."""

from __future__ import annotations

from newsgraph.ingest.names import name_key, titled_key


def test_a_place_names_leading_abbreviation_is_written_out_in_its_key():
    assert name_key("Mt Cook") == name_key("Mount Cook") == name_key("Mt. Cook") == "mount cook"
    assert titled_key("Ft. Worth") == titled_key("Fort Worth")
    assert name_key("St. Louis") == name_key("Saint Louis")


def test_only_a_first_word_is_taken_for_an_abbreviation():
    assert name_key("Main St.") == "main st"
    assert name_key("Mt") == "mt"  # nothing after it: no place name to begin
