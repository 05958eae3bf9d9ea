"""A preposition of several words takes its argument from its last word; a fixed phrase takes none."""

from __future__ import annotations

from handmade import make_doc, named_triples
from newsgraph.ingest.complex_prepositions import NO_ARGUMENT, complex_preposition


def _triples(doc):
    return [(s, p, o) for s, p, o, _ in named_triples(doc)]


def test_as_part_of_takes_the_object_of_of():
    doc = make_doc("France PROPN nsubj 1 ent=GPE", "sent VERB ROOT 1 lemma=send", "troops NOUN dobj 1 lemma=troop",
                   "as ADP prep 1", "part NOUN pobj 3", "of ADP prep 4", "a DET det 8",
                   "peacekeeping NOUN compound 8", "force NOUN pobj 5", ". PUNCT punct 1")
    triples = _triples(doc)
    assert ("France", "send as part of", "[peacekeeping force]") in triples
    assert not any(o == "[part]" for *_, o in triples)


def test_the_words_of_the_phrase_are_kept_as_written_in_the_predicate():
    doc = make_doc("Hamas PROPN nsubj 1 ent=ORG", "acted VERB ROOT 1 lemma=act", "on ADP prep 1",
                   "behalf NOUN pobj 2", "of ADP prep 3", "Iran PROPN pobj 4 ent=GPE", ". PUNCT punct 1")
    assert _triples(doc) == [("Hamas", "act on behalf of", "Iran")]
    doc = make_doc("Police PROPN nsubj 1 ent=ORG", "acted VERB ROOT 1 lemma=act", "in ADP prep 1",
                   "the DET det 4", "wake NOUN pobj 2", "of ADP prep 4", "the DET det 7", "riot NOUN pobj 5",
                   ". PUNCT punct 1")
    assert _triples(doc) == [("Police", "act in the wake of", "[riot]")]


def test_in_order_to_is_a_purpose_not_an_argument():
    doc = make_doc("Officials NOUN nsubj 1", "accused VERB ROOT 1 lemma=accuse", "Putin PROPN dobj 1 ent=PERSON",
                   "in ADP prep 1", "order NOUN pobj 3", "to PART aux 6", "gain VERB acl 4", "time NOUN dobj 6",
                   ". PUNCT punct 1")
    triples = _triples(doc)
    assert ("[official]", "accuse", "Putin") in triples or ("[officials]", "accuse", "Putin") in triples
    assert not any(o == "[order]" for *_, o in triples)


def test_a_connective_or_a_manner_phrase_is_no_argument():
    doc = make_doc("Ukraine PROPN nsubj 2 ent=GPE", "would AUX aux 2", "recognise VERB ROOT 2",
                   "it PRON dobj 2", "in ADP prep 2", "any DET det 6", "case NOUN pobj 4", ". PUNCT punct 2")
    assert not any(p.endswith(" in") for _, p, _ in _triples(doc))
    doc = make_doc("Hastings PROPN nsubj 1 ent=PERSON", "described VERB ROOT 1 lemma=describe",
                   "the DET det 3", "bomb NOUN dobj 1", "in ADP prep 1", "detail NOUN pobj 4", ". PUNCT punct 1")
    assert _triples(doc) == [("Hastings", "describe", "[bomb]")]
    doc = make_doc("He PRON nsubj 1", "protects VERB ROOT 1 lemma=protect", "Kyiv PROPN dobj 1 ent=GPE",
                   "on ADP prep 1", "their PRON poss 5 tag=PRP$", "behalf NOUN pobj 3", ". PUNCT punct 1")
    assert complex_preposition(doc[3], doc[5]) == NO_ARGUMENT


def test_the_same_words_in_another_phrase_are_an_ordinary_argument():
    # "in the fact that": the idiom is "in fact", without a determiner or a clause
    doc = make_doc("She PRON nsubj 1", "took VERB ROOT 1 lemma=take", "solace NOUN dobj 1", "in ADP prep 1",
                   "the DET det 5", "fact NOUN pobj 3")
    assert complex_preposition(doc[3], doc[5]) is None
    # "on the grounds" without "of": a place, not "on the grounds of"
    doc = make_doc("They PRON nsubj 1", "walked VERB ROOT 1 lemma=walk", "on ADP prep 1", "the DET det 4",
                   "grounds NOUN pobj 2")
    assert complex_preposition(doc[2], doc[4]) is None
    # "as part" with no "of" and an "in front" of nothing stay as the parse has them
    doc = make_doc("They PRON nsubj 1", "stood VERB ROOT 1 lemma=stand", "in ADP prep 1", "front NOUN pobj 2")
    assert complex_preposition(doc[2], doc[3]) is None
