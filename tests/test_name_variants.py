"""Variant spellings of one organisation inside an article, on hand-built Docs: stated acronyms, the name without
its country, a clipped first word; and the traps: other types and unstated letters join nothing."""

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions


def _names(doc) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((e.name, e.names) for e in extract_mentions(doc, "a1").entities)


def _mention_entities(doc) -> dict[str, set[str]]:
    found = extract_mentions(doc, "a1")
    names = {e.local_id: e.name for e in found.entities}
    out: dict[str, set[str]] = {}
    for m in found.mentions:
        out.setdefault(m.text, set()).add(names[m.local_id])
    return out


def test_an_acronym_stated_in_brackets_joins_its_name_even_where_the_model_missed_it():
    # "The European Central Bank ( ECB ) acted . The ECB said . ECB rates fell ."
    doc = make_doc(
        "The DET det 3", "European PROPN compound 3 ent=ORG", "Central PROPN compound 3 ent=ORG",
        "Bank PROPN nsubj 8 ent=ORG", "( PUNCT punct 3", "ECB PROPN appos 3", ") PUNCT punct 3",
        "really ADV advmod 8", "acted VERB ROOT 8", ". PUNCT punct 8",
        "The DET det 11", "ECB PROPN nsubj 12 ent=ORG", "said VERB ROOT 12", ". PUNCT punct 12",
        "ECB PROPN compound 15", "rates NOUN nsubj 16", "fell VERB ROOT 16", ". PUNCT punct 16",
    )
    entities = _mention_entities(doc)
    assert entities["ECB"] == {"European Central Bank"}
    found = extract_mentions(doc, "a1")
    assert sum(m.text == "ECB" for m in found.mentions) == 3  # the bracketed one and the untagged one too


def test_bracketed_letters_the_name_does_not_spell_join_nothing():
    # "The State Property Agency ( AVAS ) said . AVAS agreed ."
    doc = make_doc(
        "The DET det 3", "State PROPN compound 3 ent=ORG", "Property PROPN compound 3 ent=ORG",
        "Agency PROPN nsubj 7 ent=ORG", "( PUNCT punct 3", "AVAS PROPN appos 3 ent=ORG", ") PUNCT punct 3",
        "said VERB ROOT 7", ". PUNCT punct 7",
        "AVAS PROPN nsubj 10 ent=ORG", "agreed VERB ROOT 10", ". PUNCT punct 10",
    )
    assert len(extract_mentions(doc, "a1").entities) == 2


def test_an_organisation_named_without_its_country_is_the_same_organisation():
    # "The United States Air Force chose a tanker . The Air Force said ."
    doc = make_doc(
        "The DET det 4", "United PROPN compound 4 ent=ORG", "States PROPN compound 4 ent=ORG",
        "Air PROPN compound 4 ent=ORG", "Force PROPN nsubj 5 ent=ORG", "chose VERB ROOT 5", "a DET det 7",
        "tanker NOUN dobj 5", ". PUNCT punct 5",
        "The DET det 11", "Air PROPN compound 11 ent=ORG", "Force PROPN nsubj 12 ent=ORG", "said VERB ROOT 12",
        ". PUNCT punct 12",
    )
    assert _names(doc) == [("United States Air Force", ("Air Force", "United States Air Force"))]


def test_a_country_left_off_two_organisations_joins_neither():
    # "The US Air Force and the UK Air Force met . The Air Force said ."
    doc = make_doc(
        "The DET det 3", "US PROPN compound 3 ent=ORG", "Air PROPN compound 3 ent=ORG", "Force PROPN nsubj 10 ent=ORG",
        "and CCONJ cc 3", "the DET det 9", "UK PROPN compound 9 ent=ORG", "Air PROPN compound 9 ent=ORG",
        "Force PROPN conj 3 ent=ORG", "met VERB ROOT 10", ". PUNCT punct 10",
        "The DET det 14", "Air PROPN compound 14 ent=ORG", "Force PROPN nsubj 15 ent=ORG", "said VERB ROOT 15",
        ". PUNCT punct 15",
    )
    assert len(extract_mentions(doc, "a1").entities) == 3


def test_a_place_is_no_short_form_of_an_organisation_named_after_it():
    # "Singapore Airlines flew to Singapore . Singapore said ."
    doc = make_doc(
        "Singapore PROPN compound 1 ent=ORG", "Airlines PROPN nsubj 2 ent=ORG", "flew VERB ROOT 2",
        "to ADP prep 2", "Singapore PROPN pobj 3 ent=GPE", ". PUNCT punct 2",
        "Singapore PROPN nsubj 7 ent=GPE", "said VERB ROOT 7", ". PUNCT punct 7",
    )
    assert [name for name, _ in _names(doc)] == ["Singapore", "Singapore Airlines"]


def test_a_clipped_first_word_joins_the_one_organisation_it_begins():
    # "The U.S. Federal Reserve cut rates . The Fed said ."
    doc = make_doc(
        "The DET det 3", "U.S. PROPN compound 3 ent=ORG", "Federal PROPN compound 3 ent=ORG",
        "Reserve PROPN nsubj 4 ent=ORG", "cut VERB ROOT 4", "rates NOUN dobj 4", ". PUNCT punct 4",
        "The DET det 8", "Fed PROPN nsubj 9 ent=ORG", "said VERB ROOT 9", ". PUNCT punct 9",
    )
    assert _names(doc) == [("U.S. Federal Reserve", ("Fed", "U.S. Federal Reserve"))]


def test_a_clipped_word_two_organisations_begin_joins_neither():
    # "National Grid and National Express met . Nat said ."
    doc = make_doc(
        "National PROPN compound 1 ent=ORG", "Grid PROPN nsubj 5 ent=ORG", "and CCONJ cc 1",
        "National PROPN compound 4 ent=ORG", "Express PROPN conj 1 ent=ORG", "met VERB ROOT 5", ". PUNCT punct 5",
        "Nat PROPN nsubj 8 ent=ORG", "said VERB ROOT 8", ". PUNCT punct 8",
    )
    assert len(extract_mentions(doc, "a1").entities) == 3


def test_a_first_name_is_no_clipped_form_of_an_organisation():
    # "Federal Reserve met Fed" (a person's name)
    doc = make_doc(
        "Federal PROPN compound 1 ent=ORG", "Reserve PROPN nsubj 2 ent=ORG", "met VERB ROOT 2",
        "Fed PROPN dobj 2 ent=PERSON", ". PUNCT punct 2",
    )
    assert len(extract_mentions(doc, "a1").entities) == 2


def test_a_word_that_is_a_stem_of_another_word_is_no_clipping():
    # "Macworld Conference opened . Mac sales rose ." / "Congressional Record printed it . Congress met ."
    doc = make_doc(
        "Macworld PROPN compound 1 ent=ORG", "Conference PROPN nsubj 2 ent=ORG", "opened VERB ROOT 2",
        ". PUNCT punct 2", "Mac PROPN compound 5 ent=ORG", "sales NOUN nsubj 6", "rose VERB ROOT 6", ". PUNCT punct 6",
    )
    assert len(extract_mentions(doc, "a1").entities) == 2
    doc = make_doc(
        "Congressional PROPN compound 1 ent=ORG", "Record PROPN nsubj 2 ent=ORG", "printed VERB ROOT 2",
        "it PRON dobj 2", ". PUNCT punct 2", "Congress PROPN nsubj 6 ent=ORG", "met VERB ROOT 6", ". PUNCT punct 6",
    )
    assert len(extract_mentions(doc, "a1").entities) == 2
