"""A place name followed by a plural name word is an organisation's name (``ingest/place_names_orgs.py``), on
hand-built Docs."""

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions


def _names(*tokens):
    found = extract_mentions(make_doc(*tokens), "a1")
    by_id = {e.local_id: e for e in found.entities}
    return [(m.text, by_id[m.local_id].name, by_id[m.local_id].type) for m in found.mentions if m.kind == "name"]


def test_a_place_modifying_a_plural_name_word_is_an_organisation_and_the_word_alone_is_it_too():
    # "The Philadelphia 76ers fired Cheeks . The 76ers lost ."
    assert _names("The DET det 2", "Philadelphia PROPN compound 2 ent=GPE", "76ers NOUN nsubj 3 tag=NNS",
                  "fired VERB ROOT 3", "Cheeks PROPN dobj 3 ent=PERSON", ". PUNCT punct 3",
                  "The DET det 7", "76ers NOUN nsubj 8 tag=NNS", "lost VERB ROOT 8", ". PUNCT punct 8") == [
        ("Philadelphia 76ers", "Philadelphia 76ers", "Organization"), ("Cheeks", "Cheeks", "Person"),
        ("76ers", "Philadelphia 76ers", "Organization")]
    # "the Boston Celtics won": a capitalised plural proper noun the model left untagged
    assert _names("the DET det 2", "Boston PROPN compound 2 ent=GPE", "Celtics PROPN nsubj 3 tag=NNPS",
                  "won VERB ROOT 3", ". PUNCT punct 3") == [("Boston Celtics", "Boston Celtics", "Organization")]


def test_a_place_before_a_common_plural_or_a_decade_stays_a_place():
    # "Philadelphia residents cheered ." / "Philadelphia 1990s music"
    assert _names("Philadelphia PROPN compound 1 ent=GPE", "residents NOUN nsubj 2 tag=NNS", "cheered VERB ROOT 2",
                  ". PUNCT punct 2") == [("Philadelphia", "Philadelphia", "Place")]
    assert _names("Philadelphia PROPN compound 1 ent=GPE", "1990s NOUN compound 2 tag=NNS", "music NOUN ROOT 2",
                  ". PUNCT punct 2") == [("Philadelphia", "Philadelphia", "Place")]
