"""Opposite decisions on hand-built parses: "refused", "declined", "rejected" are negated mentions of the event
"agreed" and "accepted" name, as the relation classes read them ("decline to commit to" is AGREE_TO, -1)."""

from handmade import make_doc
from newsgraph.ingest.events import extract_events
from newsgraph.ingest.lexicon import event_class, event_polarity, relation_class
from newsgraph.ingest.mentions import extract_mentions


def _decision(verb: str, lemma: str, negation: bool = False) -> tuple[str, bool]:
    """(event class, negated) of the verb of "Parliament [did not] VERB the plan"."""
    head = 3 if negation else 1
    tokens = [f"Parliament PROPN nsubj {head} ent=ORG"]
    if negation:
        tokens += ["did AUX aux 3 lemma=do", "not PART neg 3"]
    tokens += [f"{verb} VERB ROOT {head} lemma={lemma}", f"the DET det {head + 2}",
               f"plan NOUN dobj {head}", f". PUNCT punct {head}"]
    doc = make_doc(*tokens)
    found = extract_mentions(doc, "a1")
    [mention] = [m for m in extract_events(doc, "a1", found.token_entity) if m.text == verb]
    return mention.event_class, mention.negated


def test_a_refusal_is_a_negated_agreement_in_both_layers():
    agreed = _decision("accepted", "accept")
    assert agreed == (event_class("agree"), False)
    for verb, lemma in (("rejected", "reject"), ("refused", "refuse"), ("declined", "decline")):
        assert _decision(verb, lemma) == (event_class("agree"), True), verb
        cls = relation_class(lemma)
        assert (cls.rel_type, cls.polarity) == (relation_class("accept").rel_type, -1)
    assert _decision("reject", "reject", negation=True) == (event_class("agree"), False)  # two negations cancel
    assert event_polarity("reject") == -1 and event_polarity("accept") == 1
