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


def test_a_dash_left_at_either_end_of_a_name_is_no_part_of_it():
    # "A 61-year-old man - John Smith - was charged": the model's span may take the dash after the name
    assert name_key("Eric Allen Kirkpatrick -") == name_key("Eric Allen Kirkpatrick") == "eric allen kirkpatrick"
    assert name_key("– Jean-Luc Picard") == "jean-luc picard"


def test_slugs_spell_latin_letters_as_ascii_and_other_scripts_by_their_hash():
    """Before, "Łukasz" was "ukasz" and every name in another script "x", numbered in the order names came."""
    from newsgraph.ingest.names import slug

    assert [slug(n) for n in ("Łukasz Kowalski", "Martin Ødegaard", "Straße", "Þóra Arnórsdóttir")] == [
        "lukasz-kowalski", "martin-odegaard", "strasse", "thora-arnorsdottir"]
    cyrillic, chinese = slug("Владимир Путин"), slug("习近平")
    assert cyrillic.startswith("x-") and chinese.startswith("x-") and cyrillic != chinese
    assert slug("Владимир Путин") == cyrillic and slug(" Владимир Путин ") == cyrillic
    assert slug("") == slug("  ") == "x"
