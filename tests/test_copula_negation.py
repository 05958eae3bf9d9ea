"""A "not" the parser hangs on a copula's complement ("is not related to") negates the clause; the contrast of
"is Lund, not Lind" negates nothing."""

from handmade import make_doc
from newsgraph.ingest.qualifiers import is_negated


def test_not_on_the_complement_of_a_copula_negates_the_clause():
    # Lund, not Lind, is not related to Marta.
    doc = make_doc("Lund PROPN nsubj 5", ", PUNCT punct 0", "not PART neg 0", "Lind PROPN appos 0",
                   ", PUNCT punct 0", "is AUX ROOT 5 lemma=be", "not PART neg 7", "related VERB acomp 5 lemma=relate",
                   "to ADP prep 7", "Marta PROPN pobj 8", ". PUNCT punct 5")
    assert is_negated(doc[5], (doc[9],))


def test_the_contrast_after_a_copula_complement_negates_nothing():
    # He is Lund, not Lind.
    doc = make_doc("He PRON nsubj 1", "is AUX ROOT 1 lemma=be", "Lund PROPN attr 1", ", PUNCT punct 2",
                   "not PART neg 2", "Lind PROPN appos 2", ". PUNCT punct 1")
    assert not is_negated(doc[1], (doc[2],))
    # He is not related to Marta: the "not" on the copula, counted once.
    doc = make_doc("He PRON nsubj 1", "is AUX ROOT 1 lemma=be", "not PART neg 1", "related VERB acomp 1 lemma=relate",
                   "to ADP prep 3", "Marta PROPN pobj 4", ". PUNCT punct 1")
    assert is_negated(doc[1], (doc[5],))
