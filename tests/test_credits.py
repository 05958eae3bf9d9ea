"""Credits on hand-built Docs: their photographers, reporters and agencies are no entity or concept of the article."""

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


def test_the_reporters_of_a_credit_line_are_no_mentions():
    doc = make_doc("Reporting NOUN ROOT 0", "by ADP prep 0", "Jane PROPN compound 3 ent=PERSON",
                   "Doe PROPN pobj 1 ent=PERSON", "; PUNCT punct 0", "Editing NOUN appos 0", "by ADP prep 5",
                   "Kim PROPN compound 8 ent=PERSON", "Lee PROPN pobj 6 ent=PERSON")
    assert extract_mentions(doc, "a1").entities == ()
    doc = make_doc("Jane PROPN compound 1 ent=PERSON", "Doe PROPN nsubj 2 ent=PERSON",
                   "contributed VERB ROOT 2 lemma=contribute", "reporting NOUN dobj 2", "from ADP prep 2",
                   "Kyiv PROPN pobj 4 ent=GPE", ". PUNCT punct 2")
    assert extract_mentions(doc, "a1").entities == ()
    doc = make_doc("Jane PROPN compound 1 ent=PERSON", "Doe PROPN nsubj 2 ent=PERSON",
                   "contributed VERB ROOT 2 lemma=contribute", "$ SYM dobj 2", "5 NUM nummod 3", "to ADP prep 2",
                   "Kyiv PROPN pobj 5 ent=GPE", ". PUNCT punct 2")
    assert {e.name for e in extract_mentions(doc, "a1").entities} == {"Jane Doe", "Kyiv"}


def test_a_byline_with_the_reporters_role_is_a_credit():
    doc = make_doc("By ADP ROOT 0", "Hélène PROPN compound 2 ent=PERSON", "Dubois PROPN pobj 0 ent=PERSON",
                   ", PUNCT punct 2", "Paris PROPN compound 5 ent=GPE", "correspondent NOUN appos 2")
    assert {doc[i].text for i in credit_tokens(doc)} == {t.text for t in doc}
    assert extract_mentions(doc, "a1").entities == ()
    assert extract_concepts(doc, "a1") == ()


def test_a_sentence_opening_with_by_and_a_comma_is_no_byline():
    doc = make_doc("By ADP prep 4", "Monday PROPN pobj 0 ent=DATE", ", PUNCT punct 4", "Acme PROPN nsubj 4 ent=ORG",
                   "hired VERB ROOT 4", "a DET det 6", "correspondent NOUN dobj 4", ". PUNCT punct 4")
    assert credit_tokens(doc) == frozenset()


def test_a_credit_line_makes_no_event():
    from newsgraph.ingest.events import extract_events

    doc = make_doc("Reporting VERB ROOT 0 lemma=report", "by ADP agent 0", "Julia PROPN compound 3",
                   "Mendes VERB pobj 1 lemma=mend", "; PUNCT punct 0", "Editing VERB conj 0 lemma=edit",
                   "by ADP agent 5", "Tom PROPN compound 8", "Hale VERB pobj 6 lemma=hale")
    assert doc.text.startswith("Reporting by Julia Mendes")
    assert extract_events(doc, "a") == ()
    story = make_doc("Police PROPN nsubj 1", "arrested VERB ROOT 1 lemma=arrest", "Smith PROPN dobj 1 ent=PERSON")
    assert [m.text for m in extract_events(story, "a")] == ["arrested"]
