"""A light verb with an event noun as its object says the noun's event: "carried out strikes on refineries" is an
attack on the refineries, "held talks with Putin" talks with him."""

from __future__ import annotations

from handmade import make_doc, named_triples
from newsgraph.graph.build import triple_class
from newsgraph.ingest.lexicon import light_noun_class
from newsgraph.ingest.triples import _without_light_nouns
from newsgraph.model import Arg, Triple


def _triples(doc):
    return [(s, p, o) for s, p, o, _ in named_triples(doc)]


def test_the_event_nouns_own_phrase_is_an_argument_of_the_light_verb():
    doc = make_doc("Ukraine PROPN nsubj 1 ent=GPE", "carried VERB ROOT 1 lemma=carry", "out ADP prt 1",
                   "strikes NOUN dobj 1 lemma=strike", "on ADP prep 3", "Russian ADJ amod 7",
                   "oil NOUN compound 7", "refineries NOUN pobj 4 lemma=refinery", ". PUNCT punct 1")
    triples = _triples(doc)
    assert any(s == "Ukraine" and p == "carry out strike on" and "refinery" in o for s, p, o in triples)
    # the noun is in that predicate: a relation to the noun itself would say nothing more
    assert ("Ukraine", "carry out", "[strike]") not in triples


def test_a_light_verb_keeps_its_event_noun_as_object_when_that_is_all_the_clause_says():
    alone = make_doc("Ukraine PROPN nsubj 1 ent=GPE", "carried VERB ROOT 1 lemma=carry", "out ADP prt 1",
                     "strikes NOUN dobj 1 lemma=strike", ". PUNCT punct 1")
    assert ("Ukraine", "carry out", "[strike]") in _triples(alone)
    # whose rating it is says more than "put rating on"
    owned = make_doc("Moody PROPN nsubj 2 ent=ORG", "'s PART case 0", "put VERB ROOT 2 lemma=put",
                     "Portugal PROPN poss 5 ent=GPE", "'s PART case 3", "rating NOUN dobj 2 lemma=rating",
                     "on ADP prep 5", "review NOUN pobj 6 lemma=review", ". PUNCT punct 2")
    assert {("Moody", "put", "[rating of portugal]"), ("Moody", "put rating on", "[review]")} <= set(_triples(owned))


def test_only_a_light_verb_with_its_event_noun_loses_the_noun_as_object():
    def triples(verb: str, noun: str) -> tuple[Triple, ...]:
        subject = Arg("Acme", 0, 4, local_id=1)
        return (Triple(subject, verb, Arg(noun, 10, 20, concept=noun), "a1", "…", 0, 40, trigger_start=5),
                Triple(subject, f"{verb} {noun} with", Arg("Initech", 26, 33, local_id=2), "a1", "…", 0, 40,
                       trigger_start=5))

    assert [t.predicate for t in _without_light_nouns(list(triples("hold", "talk")))] == ["hold talk with"]
    # "signed a deal with Initech": a deal is no event, and "sign" no light verb
    assert [t.predicate for t in _without_light_nouns(list(triples("sign", "deal")))] == ["sign", "sign deal with"]


def test_a_phrase_the_parser_hung_on_the_light_verb_is_the_nouns_too():
    # "Trump held talks with Putin" with "with Putin" on "held"
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "held VERB ROOT 1 lemma=hold", "talks NOUN dobj 1 lemma=talk",
                   "with ADP prep 1", "Putin PROPN pobj 3 ent=PERSON", ". PUNCT punct 1")
    assert ("Trump", "hold talk with", "Putin") in _triples(doc)


def test_a_light_verb_with_a_noun_that_is_no_event_is_an_ordinary_verb():
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "held VERB ROOT 1 lemma=hold",
                   "tournaments NOUN dobj 1 lemma=tournament", "in ADP prep 2", "Sochi PROPN pobj 3 ent=GPE",
                   ". PUNCT punct 1")
    assert not any(p.startswith("hold tournament") for _, p, _ in _triples(doc))
    assert light_noun_class("hold", "tournament") is None


def test_the_relation_class_of_a_light_verb_and_its_event_noun_is_the_nouns():
    def triple(predicate: str, obj: Arg) -> Triple:
        return Triple(Arg("Ukraine", 0, 7, local_id=1), predicate, obj, "a1", "…", 0, 10)

    strikes = Arg("strikes", 20, 27, concept="strike")
    assert triple_class(triple("carry out", strikes)).name == "attack"
    assert triple_class(triple("agree to hold", Arg("talks", 20, 25, concept="talk"))).name == "talk"
    # not for an entity, a passive or a verb that is no light verb
    assert triple_class(triple("carry out", Arg("Strike", 20, 26, local_id=2))).name != "attack"
    assert triple_class(triple("sign", Arg("deal", 20, 24, concept="deal"))).name == "sign"
    assert triple_class(triple("be carry out", strikes)).name != "attack"


def test_take_with_an_adverb_that_completes_a_phrase_is_that_phrase_as_relation_and_event():
    from newsgraph.ingest.events import extract_events

    doc = make_doc("Acme PROPN nsubj 1 ent=ORG", "takes VERB ROOT 1 lemma=take tag=VBZ",
                   "the DET det 3", "allegations NOUN dobj 1 lemma=allegation", "very ADV advmod 5",
                   "seriously ADV advmod 1", ". PUNCT punct 1")
    assert ("Acme", "take seriously", "[allegation]") in _triples(doc)
    (event,) = [e for e in extract_events(doc, "a1") if e.text == "takes"]
    assert (event.lemma, event.event_class) == ("take seriously", "heed")
    # an adverb that makes no curated phrase leaves the light verb as it was: no event
    quickly = make_doc("Acme PROPN nsubj 1 ent=ORG", "took VERB ROOT 1 lemma=take tag=VBD",
                       "the DET det 3", "money NOUN dobj 1 lemma=money", "quickly ADV advmod 1", ". PUNCT punct 1")
    assert ("Acme", "take", "[money]") in _triples(quickly)
    assert not [e for e in extract_events(quickly, "a1") if e.text == "took"]
