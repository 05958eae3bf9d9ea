"""Picture credits on hand-built Docs: their photographer and agency are no entity or concept of the article."""

from handmade import make_doc
from newsgraph.ingest.concepts import extract_concepts
from newsgraph.ingest.credits import credit_tokens
from newsgraph.ingest.mentions import extract_mentions


def _caption(label: str):
    """People inspect the damage. <label> : Igor Tkachenko / EPA"""
    return make_doc("People NOUN nsubj 1", "inspect VERB ROOT 1", "the DET det 3", "damage NOUN dobj 1",
                    ". PUNCT punct 1", f"{label} NOUN ROOT 5", ": PUNCT punct 5",
                    "Igor PROPN compound 8 ent=PERSON", "Tkachenko PROPN appos 5 ent=PERSON", "/ PUNCT punct 8",
                    "EPA PROPN appos 5 ent=ORG")


def test_the_names_of_a_picture_credit_are_no_mentions():
    doc = _caption("Photograph")
    assert {doc[i].text for i in credit_tokens(doc)} >= {"Photograph", "Igor", "Tkachenko", "EPA"}
    assert extract_mentions(doc, "a1").entities == ()
    heads = {m.head for m in extract_concepts(doc, "a1")}
    assert heads == {"people", "damage"}  # the caption stays; the credit's words are no concepts


def test_the_same_names_outside_a_credit_are_entities():
    doc = _caption("Spokesman")  # "Spokesman: Igor Tkachenko / EPA" is no picture credit
    assert credit_tokens(doc) == frozenset()
    names = {e.name for e in extract_mentions(doc, "a1").entities}
    assert names == {"Igor Tkachenko", "EPA"}
