"""A relative clause opened by a possessive "whose" has no gap: the noun it modifies is the possessor of one of
the clause's nouns, not its object ("Mensah, whose son died" says nothing that happened to Mensah)."""

from handmade import make_doc
from newsgraph.ingest.clauses import find_clauses


def _relative_objects(doc):
    return {c.verb.text: None if c.relative_object is None else c.relative_object.text
            for c in find_clauses(doc[:])}


def test_whose_on_the_subject_leaves_the_antecedent_out():
    # The minister met Mensah, whose son died.
    doc = make_doc("The DET det 1", "minister NOUN nsubj 2", "met VERB ROOT 2 lemma=meet", "Mensah PROPN dobj 2",
                   ", PUNCT punct 3", "whose DET poss 6 tag=WP$", "son NOUN nsubj 7", "died VERB relcl 3 lemma=die",
                   ". PUNCT punct 2")
    assert _relative_objects(doc)["died"] is None


def test_whose_on_the_object_leaves_the_antecedent_out_and_a_gap_still_takes_it():
    # Police questioned the man whose car officers seized.
    doc = make_doc("Police NOUN nsubj 1", "questioned VERB ROOT 1 lemma=question", "the DET det 3",
                   "man NOUN dobj 1", "whose DET poss 5 tag=WP$", "car NOUN dobj 7", "officers NOUN nsubj 7",
                   "seized VERB relcl 3 lemma=seize", ". PUNCT punct 1")
    assert _relative_objects(doc)["seized"] is None
    # Police found the car officers seized.
    doc = make_doc("Police NOUN nsubj 1", "found VERB ROOT 1 lemma=find", "the DET det 3", "car NOUN dobj 1",
                   "officers NOUN nsubj 5", "seized VERB relcl 3 lemma=seize", ". PUNCT punct 1")
    assert _relative_objects(doc)["seized"] == "car"
