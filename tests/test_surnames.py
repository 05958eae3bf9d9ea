"""A lone surname inside one article (``newsgraph.ingest.surnames``), on hand-built mention candidates."""

from __future__ import annotations

from newsgraph.ingest.anaphora import Found
from newsgraph.ingest.surnames import link_surnames


def _keys(*items: tuple[int, str, str]) -> list[str]:
    found = [Found(start, start + len(name.split()), name, label, "name", name.lower().replace(".", ""))
             for start, name, label in items]
    return [item.key for item in link_surnames(found)]


def test_a_surname_after_a_generational_suffix_finds_its_person():
    assert _keys((0, "Anthony LaCalamita III", "PERSON"), (10, "LaCalamita", "PERSON")) == \
        ["anthony lacalamita iii", "anthony lacalamita iii"]


def test_a_lone_surname_refers_back_to_the_one_person_named_before_it():
    keys = _keys((0, "Anthony LaCalamita III", "PERSON"), (10, "LaCalamita", "PERSON"),
                 (40, "Michele LaCalamita", "PERSON"), (50, "LaCalamita", "PERSON"))
    assert keys[1] == "anthony lacalamita iii"
    assert keys[3] == "lacalamita"  # both named before it: it stays apart


def test_two_people_of_one_surname_named_before_it_leave_it_apart():
    assert _keys((0, "Sam Williams", "PERSON"), (5, "Esther Williams", "PERSON"), (9, "Williams", "PERSON"))[2] == \
        "williams"


def test_a_surname_before_any_full_name_joins_the_articles_one_person_of_that_surname():
    assert _keys((0, "Jackman", "PERSON"), (8, "Hugh Jackman", "PERSON"))[0] == "hugh jackman"
    assert _keys((0, "Williams", "PERSON"), (8, "Sam Williams", "PERSON"), (12, "Esther Williams", "PERSON"))[0] == \
        "williams"


def test_a_lone_word_that_starts_an_organisations_name_stays_the_organisation():
    keys = _keys((0, "Ford Motor Company", "ORG"), (5, "William Clay Ford Jr.", "PERSON"), (12, "Ford", "ORG"),
                 (20, "Ford", "PERSON"))
    assert keys[2] == "ford" and keys[3] == "william clay ford jr"
    assert _keys((5, "William Clay Ford Jr.", "PERSON"), (12, "Ford", "ORG"))[1] == "william clay ford jr"



def test_a_short_form_that_ends_the_full_name_finds_its_person():
    """Before, "Lo Presti" and "Rodríguez Zapatero" were persons of their own beside "Gaetano Lo Presti" and "José
    Luis Rodríguez Zapatero": only a lone last word or the same first name linked."""
    assert _keys((0, "Gaetano Lo Presti", "PERSON"), (9, "Lo Presti", "PERSON"))[1] == "gaetano lo presti"
    keys = _keys((0, "Jose Luis Rodriguez Zapatero", "PERSON"), (9, "Rodriguez Zapatero", "PERSON"),
                 (20, "Luis Zapatero", "PERSON"), (30, "Lars Lokke Rasmussen", "PERSON"),
                 (40, "Lokke Rasmussen", "PERSON"))
    assert keys[1] == "jose luis rodriguez zapatero" and keys[4] == "lars lokke rasmussen"
    assert keys[2] == "luis zapatero"  # not the words the full name ends with
