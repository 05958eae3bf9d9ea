"""Names a pre-tokenised text spaces apart ("Dr . Regina Benjamin", "Regina M . Benjamin", "U . S ."), on
hand-built Docs: the article's mentions and entities as ``extract_mentions`` gives them."""

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.names import name_key


def _spaced(*tokens: str):
    return make_doc(*tokens, spaces=[True] * len(tokens))


def _names(doc):
    found = extract_mentions(doc, "a1")
    by_id = {e.local_id: e for e in found.entities}
    return [(doc.text[m.start:m.end], by_id[m.local_id].name) for m in found.mentions]


def test_a_title_with_a_spaced_stop_is_part_of_the_mention():
    # "Obama named Dr . Regina Benjamin ." — the model tagged "Dr" as an organisation of its own
    doc = _spaced("Obama PROPN nsubj 1 ent=PERSON", "named VERB ROOT 1", "Dr PROPN compound 5 ent=ORG",
                  ". PUNCT punct 5", "Regina PROPN compound 5 ent=PERSON", "Benjamin PROPN dobj 1 ent=PERSON",
                  ". PUNCT punct 1")
    assert _names(doc) == [("Obama", "Obama"), ("Dr . Regina Benjamin", "Regina Benjamin")]


def test_a_spaced_stop_after_a_word_that_is_no_title_starts_no_title():
    # "Mark Vinar said . Regina Benjamin left ." — "said" is no title
    doc = _spaced("Mark PROPN compound 1 ent=PERSON", "Vinar PROPN nsubj 2 ent=PERSON", "said VERB ROOT 2",
                  ". PUNCT punct 2", "Regina PROPN compound 5 ent=PERSON", "Benjamin PROPN nsubj 6 ent=PERSON",
                  "left VERB ROOT 6", ". PUNCT punct 6")
    assert _names(doc) == [("Mark Vinar", "Mark Vinar"), ("Regina Benjamin", "Regina Benjamin")]


def test_a_middle_initial_with_a_spaced_stop_joins_the_two_halves():
    # "Obama nominated Regina M . Benjamin ." — the model cut the name at the initial, the halves typed apart
    doc = _spaced("Obama PROPN nsubj 1 ent=PERSON", "nominated VERB ROOT 1", "Regina PROPN compound 5 ent=ORG",
                  "M PROPN compound 5 ent=ORG", ". PUNCT punct 5", "Benjamin PROPN dobj 1 ent=PERSON",
                  ". PUNCT punct 1")
    found = extract_mentions(doc, "a1")
    assert _names(doc) == [("Obama", "Obama"), ("Regina M . Benjamin", "Regina M. Benjamin")]
    assert [e.type for e in found.entities] == ["Person", "Person"]


def test_two_organisations_around_a_spaced_initial_stay_apart():
    # "Acme said Globex Group B . Initech rose ." — neither half is a person's name
    doc = _spaced("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "Globex PROPN compound 3 ent=ORG",
                  "Group PROPN compound 3 ent=ORG", "B PROPN appos 1 ent=ORG", ". PUNCT punct 1",
                  "Initech PROPN nsubj 7 ent=ORG", "rose VERB ROOT 7", ". PUNCT punct 7")
    names = [name for _, name in _names(doc)]
    assert "Initech" in names and not any("Initech" in n and "Globex" in n for n in names)


def test_spaced_letters_are_one_abbreviation():
    # "the U . S . economy grew ." — the model tagged only "U"
    doc = _spaced("the DET det 5", "U PROPN compound 5 ent=GPE", ". PUNCT punct 1", "S PROPN compound 5",
                  ". PUNCT punct 3", "economy NOUN nsubj 6", "grew VERB ROOT 6", ". PUNCT punct 6")
    found = extract_mentions(doc, "a1")
    assert [doc.text[m.start:m.end] for m in found.mentions] == ["U . S ."]
    assert name_key(found.entities[0].name) == "united states"
