"""A comma-set "which" clause after "the N of Name" hangs on the name; other relative clauses keep the parser's
head. Hand-built Docs, no model."""

from handmade import make_doc
from newsgraph.ingest.attachments import attach_relatives_to_names, name_antecedent
from newsgraph.ingest.clauses import subjects_of

_COAST = (
    "Pirates NOUN nsubj 1 tag=NNS", "operate VERB ROOT 1 tag=VBP", "off ADP prep 1 tag=IN", "the DET det 4 tag=DT",
    "coast NOUN pobj 2 tag=NN", "of ADP prep 4 tag=IN", "Somalia PROPN pobj 5 tag=NNP ent=GPE",
    ", PUNCT punct 4 tag=,", "which PRON nsubj 10 tag=WDT", "has AUX aux 10 tag=VBZ",
    "had VERB relcl 4 tag=VBN lemma=have", "no DET det 12 tag=DT", "government NOUN dobj 10 tag=NN",
    ". PUNCT punct 1 tag=.",
)


def test_the_clause_after_the_coast_of_a_country_is_the_countrys():
    doc = make_doc(*_COAST)
    assert name_antecedent(doc[10]).text == "Somalia"
    attach_relatives_to_names(doc)
    assert doc[10].head.text == "Somalia" and doc[7].head.text == "Somalia"
    assert [t.text for t in subjects_of(doc[10])[0]] == ["Somalia"]
    assert len(list(doc.sents)) == 1


def test_a_clause_with_no_comma_or_with_who_or_that_stays():
    no_comma = [t.replace(" 10 ", " 9 ").replace(" 12 ", " 11 ") for t in _COAST if not t.startswith(",")]
    doc = make_doc(*no_comma)
    assert doc[9].dep_ == "relcl" and doc[7].text == "which" and name_antecedent(doc[9]) is None
    that = make_doc(*(t.replace("which PRON", "that PRON") for t in _COAST))
    assert name_antecedent(that[10]) is None


def test_a_person_a_common_noun_or_a_verb_that_agrees_with_the_head_alone_keeps_the_head():
    person = make_doc(*(t.replace("Somalia PROPN pobj 5 tag=NNP ent=GPE", "Smith PROPN pobj 5 tag=NNP ent=PERSON")
                        for t in _COAST))
    assert name_antecedent(person[10]) is None
    common = make_doc(*(t.replace("Somalia PROPN pobj 5 tag=NNP ent=GPE", "country NOUN pobj 5 tag=NN")
                        for t in _COAST))
    assert name_antecedent(common[10]) is None
    plural = make_doc(*(t.replace("coast NOUN pobj 2 tag=NN", "shores NOUN pobj 2 tag=NNS")
                        .replace("has AUX aux 10 tag=VBZ", "have AUX aux 10 tag=VBP") for t in _COAST))
    assert name_antecedent(plural[10]) is None
    singular = make_doc(*(t.replace("coast NOUN pobj 2 tag=NN", "shores NOUN pobj 2 tag=NNS") for t in _COAST))
    assert name_antecedent(singular[10]).text == "Somalia"  # "has": the one country, not the shores


def test_a_which_after_a_preposition_counts_and_a_phrase_that_does_not_end_at_the_comma_does_not():
    doc = make_doc(
        "They VERB nsubj 1 tag=PRP", "met VERB ROOT 1 tag=VBD", "in ADP prep 1 tag=IN", "the DET det 4 tag=DT",
        "capital NOUN pobj 2 tag=NN", "of ADP prep 4 tag=IN", "Kenya PROPN pobj 5 tag=NNP ent=GPE",
        ", PUNCT punct 4 tag=,", "in ADP prep 11 tag=IN", "which PRON pobj 8 tag=WDT", "talks NOUN nsubj 11 tag=NNS",
        "began VERB relcl 4 tag=VBD", ". PUNCT punct 1 tag=.")
    assert name_antecedent(doc[11]).text == "Kenya"
    later = make_doc(
        "They VERB nsubj 1 tag=PRP", "saw VERB ROOT 1 tag=VBD", "the DET det 3 tag=DT", "fate NOUN dobj 1 tag=NN",
        "of ADP prep 3 tag=IN", "Kenya PROPN pobj 4 tag=NNP ent=GPE", "today NOUN npadvmod 3 tag=NN",
        ", PUNCT punct 3 tag=,", "which PRON nsubj 9 tag=WDT", "worried VERB relcl 3 tag=VBD",
        ". PUNCT punct 1 tag=.")
    assert name_antecedent(later[9]) is None


def test_a_noun_with_a_name_of_its_own_or_a_name_of_another_kind_keeps_the_clause():
    named = make_doc(
        "Youths NOUN nsubj 1 tag=NNS", "gathered VERB ROOT 1 tag=VBD", "in ADP prep 1 tag=IN", "the DET det 5 tag=DT",
        "Exarchia PROPN compound 5 tag=NNP", "district NOUN pobj 2 tag=NN", "of ADP prep 5 tag=IN",
        "Athens PROPN pobj 6 tag=NNP ent=GPE", ", PUNCT punct 5 tag=,", "which PRON nsubjpass 11 tag=WDT",
        "is AUX auxpass 11 tag=VBZ", "known VERB relcl 5 tag=VBN", ". PUNCT punct 1 tag=.")
    assert name_antecedent(named[11]) is None
    law = make_doc(*(t.replace("Somalia PROPN pobj 5 tag=NNP ent=GPE", "Act PROPN pobj 5 tag=NNP ent=LAW")
                     for t in _COAST))
    assert name_antecedent(law[10]) is None
    org = make_doc(*(t.replace("Somalia PROPN pobj 5 tag=NNP ent=GPE", "Acme PROPN pobj 5 tag=NNP ent=ORG")
                     for t in _COAST))
    assert name_antecedent(org[10]).text == "Acme"
