"""In-article linking on hand-built Docs: surnames, titles, descriptions, demonyms, pronouns."""

from handmade import make_doc

from newsgraph.ingest.mentions import extract_mentions


def _entities(doc):
    found = extract_mentions(doc, "a1")
    by_id = {e.local_id: e for e in found.entities}
    return found, by_id


def test_surname_and_title_link_to_the_full_name():
    doc = make_doc(
        "Vladimir PROPN compound 1 ent=PERSON", "Putin PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2", ". PUNCT punct 2",
        "Mr. PROPN compound 5", "Putin PROPN nsubj 6 ent=PERSON", "left VERB ROOT 6", ". PUNCT punct 6",
    )
    found, by_id = _entities(doc)
    assert len(by_id) == 1
    entity = by_id[0]
    assert entity.name == "Vladimir Putin" and entity.type == "Person"
    kinds = [m.kind for m in found.mentions]
    assert kinds == ["name", "title"]
    assert found.mentions[1].text == "Mr. Putin"


def test_lone_surname_tagged_org_joins_the_person():
    doc = make_doc(
        "Donald PROPN compound 1 ent=PERSON", "Trump PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2", ". PUNCT punct 2",
        "Trump PROPN nsubj 5 ent=ORG", "left VERB ROOT 5", ". PUNCT punct 5",
    )
    _, by_id = _entities(doc)
    assert [e.name for e in by_id.values()] == ["Donald Trump"]
    assert by_id[0].type == "Person"


def test_demonym_stands_for_its_country():
    doc = make_doc(
        "Russia PROPN nsubj 1 ent=GPE", "attacked VERB ROOT 1", "the DET det 4", "Russian ADJ amod 4 ent=NORP",
        "border NOUN dobj 1", ". PUNCT punct 1",
    )
    found, by_id = _entities(doc)
    assert [e.name for e in by_id.values()] == ["Russia"]
    assert [m.kind for m in found.mentions] == ["name", "demonym"]


def test_description_learned_from_apposition():
    # "Ukraine's president, Volodymyr Zelenskyy, spoke. The Ukrainian president left."
    doc = make_doc(
        "Ukraine PROPN poss 2 ent=GPE", "’s PART case 0", "president NOUN nsubj 7", ", PUNCT punct 2",
        "Volodymyr PROPN compound 5 ent=PERSON", "Zelenskyy PROPN appos 2 ent=PERSON", ", PUNCT punct 2",
        "spoke VERB ROOT 7", ". PUNCT punct 7",
        "The DET det 11", "Ukrainian ADJ amod 11 ent=NORP", "president NOUN nsubj 12", "left VERB ROOT 12",
        ". PUNCT punct 12",
    )
    found, by_id = _entities(doc)
    zelenskyy = next(e for e in by_id.values() if e.name == "Volodymyr Zelenskyy")
    described = [m for m in found.mentions if m.kind == "description"]
    assert [m.text for m in described] == ["Ukraine’s president", "The Ukrainian president"]
    assert {m.local_id for m in described} == {zelenskyy.local_id}


def test_description_from_role_table_when_the_article_says_nothing():
    doc = make_doc(
        "Vladimir PROPN compound 1 ent=PERSON", "Putin PROPN nsubj 2 ent=PERSON", "agreed VERB ROOT 2",
        ", PUNCT punct 2", "but CCONJ cc 2", "the DET det 7", "Russian ADJ amod 7 ent=NORP", "leader NOUN nsubj 8",
        "declined VERB conj 2", ". PUNCT punct 2",
    )
    found, _ = _entities(doc)
    described = [m for m in found.mentions if m.kind == "description"]
    assert [m.text for m in described] == ["the Russian leader"]
    putin = next(m for m in found.mentions if m.text == "Vladimir Putin")
    assert described[0].local_id == putin.local_id
    assert not extract_mentions(doc, "a1", roles={}).mentions[-1].kind == "description"


def test_pronoun_links_to_recent_person_but_not_to_a_place_mislabelled_person():
    doc = make_doc(
        "Kyiv PROPN nsubj 1 ent=PERSON", "waited VERB ROOT 1", ". PUNCT punct 1",
        "He PRON nsubj 4", "left VERB ROOT 4", ". PUNCT punct 4",
    )
    found, _ = _entities(doc)
    assert [m.kind for m in found.mentions] == ["name"]  # "Kyiv" is not a safe antecedent
    doc = make_doc(
        "Volodymyr PROPN compound 1 ent=PERSON", "Zelenskyy PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2",
        ". PUNCT punct 2", "He PRON nsubj 5", "left VERB ROOT 5", ". PUNCT punct 5",
    )
    found, _ = _entities(doc)
    assert [(m.text, m.kind, m.local_id) for m in found.mentions] == [
        ("Volodymyr Zelenskyy", "name", 0), ("He", "pronoun", 0)]


def test_title_case_common_noun_is_not_an_entity():
    doc = make_doc("We PRON nsubj 1", "agreed VERB ROOT 1", "to ADP prep 1", "a DET det 4",
                   "Ceasefire NOUN pobj 2 ent=PERSON", ". PUNCT punct 1")
    assert extract_mentions(doc, "a1").mentions == ()


def test_mention_offsets_point_into_the_text():
    doc = make_doc("Mr. PROPN compound 1", "Putin PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2", ". PUNCT punct 2")
    found = extract_mentions(doc, "a1")
    for mention in found.mentions:
        assert doc.text[mention.start:mention.end] == mention.text


def test_title_case_word_the_article_also_uses_in_lower_case_is_not_a_name():
    doc = make_doc("We PRON nsubj 1", "want VERB ROOT 1", "a DET det 3", "ceasefire NOUN dobj 1", ". PUNCT punct 1",
                   "Ceasefire PROPN nsubj 6 ent=ORG", "now ADV advmod 6", "came VERB ROOT 6", ". PUNCT punct 6")
    assert extract_mentions(doc, "a1").mentions == ()


def test_lone_name_after_a_locative_preposition_is_a_place():
    doc = make_doc("Fears NOUN nsubj 3", "in ADP prep 0", "Kyiv PROPN pobj 1 ent=PERSON", "grew VERB ROOT 3",
                   ". PUNCT punct 3")
    [entity] = extract_mentions(doc, "a1").entities
    assert entity.type == "Place"
