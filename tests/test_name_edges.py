"""A list bullet or another symbol the parser ran into a name is no part of it: not of the entity's name, not of
the mention's span (whose text stays the article's text at its offsets)."""

from __future__ import annotations

import pytest

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.names import clean_name, name_key


@pytest.mark.parametrize("written, name", [
    ("• Sovcomflot", "Sovcomflot"), ("▪ Gazprom", "Gazprom"), ("· Rosneft", "Rosneft"), ("‣ Lukoil", "Lukoil"),
    ("► Novatek", "Novatek"), ("■Transneft", "Transneft"), ("Sovcomflot;", "Sovcomflot"), ("* Gunvor", "Gunvor"),
    ("« Total »", "Total"), ("— Shell –", "Shell"), ("‘Vitol’", "Vitol"),
])
def test_symbols_and_punctuation_around_a_name_are_cut_off(written, name):
    assert clean_name(written) == name
    assert name_key(written) == name_key(name)


@pytest.mark.parametrize("written, name", [
    ("Alternative for Germany (AfD)", "Alternative for Germany (AfD)"), ("#MeToo", "#MeToo"), ("Canal+", "Canal+"),
    ("Yahoo!", "Yahoo!"), ("AT&T", "AT&T"), ("’Ndrangheta", "’Ndrangheta"),
    # as stored before: no final period, possessive or surrounding brackets
    ("Apple Inc.", "Apple Inc"), ("U.N.", "U.N"), ("the Kremlin’s", "Kremlin"), ("(AfD)", "AfD"),
])
def test_a_mark_that_belongs_to_the_name_stays(written, name):
    assert clean_name(written) == name


def _mentions(doc):
    found = extract_mentions(doc, "a1")
    for mention in found.mentions:
        assert doc.text[mention.start:mention.end] == mention.text
    return found


def test_a_bullet_token_is_no_part_of_the_mention():
    doc = make_doc("The DET det 1", "measures NOUN nsubj 2", "target VERB ROOT 2", ": PUNCT punct 2",
                   "• PUNCT punct 5 ent=ORG", "Sovcomflot PROPN dobj 2 ent=ORG", ", PUNCT punct 5",
                   "the DET det 9", "state NOUN compound 9", "shipping NOUN compound 9", "company NOUN appos 5",
                   ". PUNCT punct 2")
    found = _mentions(doc)
    [mention] = [m for m in found.mentions if m.kind == "name"]
    assert mention.text == "Sovcomflot" and mention.start == doc.text.index("Sovcomflot")
    assert [e.name for e in found.entities if e.local_id == mention.local_id] == ["Sovcomflot"]


def test_a_bullet_glued_to_the_name_is_no_part_of_the_mention():
    doc = make_doc("•Rosneft PROPN nsubj 1 ent=ORG", "denied VERB ROOT 1", "wrongdoing NOUN dobj 1",
                   ". PUNCT punct 1")
    found = _mentions(doc)
    [mention] = [m for m in found.mentions if m.kind == "name"]
    assert (mention.start, mention.end, mention.text) == (1, 8, "Rosneft")
    assert [e.name for e in found.entities] == ["Rosneft"]
