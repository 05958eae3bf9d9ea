"""Denials and allegations on hand-built parses: what a verb of denial or rebuttal denies is negated and the
denier's claim ("Acme denied that it bribed Hill", "Hill rejected allegations that Acme bribed Lopez", "Acme
denied firing Smith"), what a report noun holds is only reported ("allegations that Acme bribed Hill": hedged),
and a denial that is negated itself asserts nothing ("did not deny that …": hedged, not negated)."""

from handmade import entity_spans, make_doc
from newsgraph.ingest.events import extract_events
from newsgraph.ingest.lexicon import relation_class
from newsgraph.ingest.lexicon_data import tables
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.qualifier_words import DENIAL_VERBS
from newsgraph.ingest.qualifiers import denier, is_hedged, is_negated, reported_noun
from newsgraph.ingest.triples import extract_triples


def _triples(doc):
    found = extract_mentions(doc, "a1")
    spans = entity_spans(doc, found.mentions)
    names = {e.local_id: e.name for e in found.entities}
    out = {}
    for t in extract_triples(doc, "a1", found.token_entity, entity_spans=spans):
        side = lambda a: names[a.local_id] if a.is_entity else f"[{a.concept}]"  # noqa: E731
        speaker = names[t.attributed_to.local_id] if t.attributed_to is not None else None
        out[(side(t.subject), t.predicate, side(t.object))] = (t.negated, t.hedged, speaker)
    return out


def _events(doc):
    return {m.text: (m.negated, m.hedged) for m in extract_events(doc, "a1")}


def _denied_that(*negation: str):
    # Acme denied that it bribed Hill.  /  Acme did not deny that it bribed Hill.
    n = len(negation)
    return make_doc("Acme PROPN nsubj %d ent=ORG" % (1 + n), *negation,
                    "denied VERB ROOT %d lemma=deny tag=VBD" % (1 + n), "that SCONJ mark %d" % (4 + n),
                    "it PRON nsubj %d" % (4 + n), "bribed VERB ccomp %d lemma=bribe tag=VBD" % (1 + n),
                    "Hill PROPN dobj %d ent=PERSON" % (4 + n), ". PUNCT punct %d" % (1 + n))


def test_what_a_verb_of_denial_denies_is_negated_and_the_deniers_claim():
    doc = _denied_that()
    assert denier(doc[4]).i == 1
    assert is_negated(doc[4]) and not is_hedged(doc[4])
    assert not is_negated(doc[1])  # the denial itself happened
    assert _triples(doc)[("Acme", "bribe", "Hill")] == (True, False, "Acme")
    assert _events(doc)["bribed"] == (True, False)


def test_a_negated_denial_asserts_nothing_hedged_not_negated():
    doc = make_doc("Acme PROPN nsubj 3 ent=ORG", "did AUX aux 3", "not PART neg 3",
                   "deny VERB ROOT 3 lemma=deny tag=VB", "that SCONJ mark 6", "it PRON nsubj 6",
                   "bribed VERB ccomp 3 lemma=bribe tag=VBD", "Hill PROPN dobj 6 ent=PERSON", ". PUNCT punct 3")
    assert not is_negated(doc[6]) and is_hedged(doc[6])
    assert _triples(doc)[("Acme", "bribe", "Hill")] == (False, True, "Acme")
    assert _events(doc)["bribed"] == (False, True)


def _rejected(verb: str, lemma: str, noun: str, noun_lemma: str):
    # Hill rejected allegations that Acme bribed Lopez.
    return make_doc("Hill PROPN nsubj 1 ent=PERSON", f"{verb} VERB ROOT 1 lemma={lemma} tag=VBD",
                    f"{noun} NOUN dobj 1 lemma={noun_lemma} tag=NNS", "that SCONJ mark 5",
                    "Acme PROPN nsubj 5 ent=ORG", "bribed VERB acl 2 lemma=bribe tag=VBD",
                    "Lopez PROPN dobj 5 ent=PERSON", ". PUNCT punct 1")


def test_a_rebutted_report_is_negated_and_the_rebutters_claim():
    for verb, lemma, noun, noun_lemma in [("rejected", "reject", "allegations", "allegation"),
                                          ("dismissed", "dismiss", "reports", "report"),
                                          ("refuted", "refute", "claims", "claim"),
                                          ("disputed", "dispute", "accusations", "accusation")]:
        doc = _rejected(verb, lemma, noun, noun_lemma)
        assert reported_noun(doc[5]).i == 2 and denier(doc[5]).i == 1, verb
        assert is_negated(doc[5]) and not is_hedged(doc[5]), verb
        assert _triples(doc)[("Acme", "bribe", "Lopez")] == (True, False, "Hill"), verb
        assert _events(doc)["bribed"] == (True, False), verb


def test_what_a_report_noun_holds_is_hedged_not_stated():
    # Allegations that Acme bribed Lopez surfaced.  /  Hill repeated allegations that Acme bribed Lopez.
    doc = make_doc("Allegations NOUN nsubj 5 lemma=allegation tag=NNS", "that SCONJ mark 3",
                   "Acme PROPN nsubj 3 ent=ORG", "bribed VERB acl 0 lemma=bribe tag=VBD",
                   "Lopez PROPN dobj 3 ent=PERSON", "surfaced VERB ROOT 5 lemma=surface tag=VBD", ". PUNCT punct 5")
    assert denier(doc[3]) is None and is_hedged(doc[3]) and not is_negated(doc[3])
    assert _events(doc)["bribed"] == (False, True)
    doc = _rejected("repeated", "repeat", "allegations", "allegation")
    assert denier(doc[5]) is None and is_hedged(doc[5]) and not is_negated(doc[5])
    assert _triples(doc)[("Acme", "bribe", "Lopez")][:2] == (False, True)


def test_a_relative_clause_on_a_report_noun_is_no_content():
    # Hill rejected the claims that Acme made.
    doc = make_doc("Hill PROPN nsubj 1 ent=PERSON", "rejected VERB ROOT 1 lemma=reject tag=VBD", "the DET det 3",
                   "claims NOUN dobj 1 lemma=claim tag=NNS", "that PRON dobj 5", "Acme PROPN nsubj 5 ent=ORG",
                   "made VERB relcl 3 lemma=make tag=VBD", ". PUNCT punct 1")
    assert reported_noun(doc[6]) is None and denier(doc[6]) is None
    assert not is_negated(doc[6]) and not is_hedged(doc[6])


def _denied_firing(*negation: str):
    # Acme denied firing Smith.  /  Acme did not deny firing Smith.
    n = len(negation)
    return make_doc("Acme PROPN nsubj %d ent=ORG" % (1 + n), *negation,
                    "%s VERB ROOT %d lemma=deny tag=%s" % ("deny" if n else "denied", 1 + n, "VB" if n else "VBD"),
                    "firing VERB xcomp %d lemma=fire tag=VBG" % (1 + n), "Smith PROPN dobj %d ent=PERSON" % (2 + n),
                    ". PUNCT punct %d" % (1 + n))


def test_a_denied_gerund_is_negated_in_its_event_and_its_relation_class():
    doc = _denied_firing()
    assert _events(doc)["firing"] == (True, False)
    negated, hedged, _ = _triples(doc)[("Acme", "deny to fire", "Smith")]
    assert (negated, hedged) == (False, False)
    assert relation_class("deny to fire").polarity == -1  # the graph folds it into the evidence's ``negated``
    assert relation_class("deny to fire").name == relation_class("fire").name
    doc = _denied_firing("did AUX aux 3", "not PART neg 3")
    assert _events(doc)["firing"] == (False, True)
    negated, hedged, _ = _triples(doc)[("Acme", "deny to fire", "Smith")]
    assert (negated, hedged) == (True, True)  # with the class's -1: not negated, only hedged


def test_every_verb_of_denial_flips_the_polarity_of_its_complement_in_the_lexicon():
    assert DENIAL_VERBS <= tables().negative
