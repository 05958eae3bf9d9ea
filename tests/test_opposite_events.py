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


def _refused(*negation: str, verb: str = "refused", lemma: str = "refuse", chain: tuple[str, ...] = ()):
    """Acme [did not] refused to [agree to] delay the launch: {trigger text: negated} of its event mentions."""
    n = len(negation)
    head = 1 + n
    tokens = [f"Acme PROPN nsubj {head} ent=ORG", *negation, f"{verb} VERB ROOT {head} lemma={lemma}"]
    for word, word_lemma in chain:  # "to agree", each the complement of the verb before it
        tokens += [f"to PART aux {len(tokens) + 1}", f"{word} VERB xcomp {head} lemma={word_lemma}"]
        head = len(tokens) - 1
    tokens += [f"to PART aux {len(tokens) + 1}", f"delay VERB xcomp {head} lemma=delay",
               f"the DET det {len(tokens) + 3}", f"launch NOUN dobj {len(tokens) + 1} lemma=launch",
               f". PUNCT punct {1 + n}"]
    doc = make_doc(*tokens)
    found = extract_mentions(doc, "a1")
    return {m.text: m.negated for m in extract_events(doc, "a1", found.token_entity)}


def test_what_is_refused_failed_or_declined_did_not_happen_in_both_layers():
    for verb, lemma in (("refused", "refuse"), ("declined", "decline"), ("failed", "fail"), ("neglected", "neglect")):
        assert _refused(verb=verb, lemma=lemma)["delay"] is True, verb
        assert relation_class(f"{lemma} to delay").polarity == -1, verb  # the claims layer reads it so too
    assert _refused(chain=(("agree", "agree"),)) == {"refused": True, "agree": True, "delay": True}
    assert relation_class("refuse to agree to delay").polarity == -1


def test_a_negated_refusal_leaves_the_complement_happened():
    assert _refused("did AUX aux 3 lemma=do", "not PART neg 3", verb="refuse") == {"refuse": False, "delay": False}
    assert _refused("did AUX aux 3 lemma=do", "not PART neg 3", verb="hesitate", lemma="hesitate")["delay"] is False
    # "Acme did not agree to delay the launch": no delay, as the relation's chain reads it
    assert _refused("did AUX aux 3 lemma=do", "not PART neg 3", verb="agree", lemma="agree")["delay"] is True


def test_the_complement_of_a_refusal_noun_and_its_conjuncts_are_negated():
    # Acme's refusal to delay or cancel the launch angered investors.
    doc = make_doc("Acme PROPN poss 2 ent=ORG", "'s PART case 0", "refusal NOUN nsubj 10 lemma=refusal",
                   "to PART aux 4", "delay VERB acl 2 lemma=delay", "or CCONJ cc 4", "cancel VERB conj 4 lemma=cancel",
                   "the DET det 8", "launch NOUN dobj 4 lemma=launch", ", PUNCT punct 10",
                   "angered VERB ROOT 10 lemma=anger", "investors NOUN dobj 10 lemma=investor", ". PUNCT punct 10")
    negated = {m.text: m.negated for m in extract_events(doc, "a1")}
    assert negated["delay"] and negated["cancel"] and negated["refusal"]
    assert not negated["angered"]
    # the same clause under a noun that refuses nothing: "Acme's decision to delay …"
    doc = make_doc("Acme PROPN poss 2 ent=ORG", "'s PART case 0", "decision NOUN ROOT 2 lemma=decision",
                   "to PART aux 4", "delay VERB acl 2 lemma=delay", "the DET det 6", "launch NOUN dobj 4 lemma=launch")
    assert not {m.text: m.negated for m in extract_events(doc, "a1")}["delay"]


def test_the_event_noun_of_a_refused_or_negated_light_verb_is_negated_with_it():
    # Acme refused to hold talks.  /  Acme did not hold talks.  /  Acme held talks.
    def talks(*before: str, verb: str = "hold") -> dict[str, bool]:
        root = len(before) + 1
        doc = make_doc(f"Acme PROPN nsubj {root} ent=ORG", *before, f"{verb} VERB ROOT {root} lemma=hold",
                       f"talks NOUN dobj {root} lemma=talk", f". PUNCT punct {root}")
        return {m.text: m.negated for m in extract_events(doc, "a1")}

    assert talks("did AUX aux 3 lemma=do", "not PART neg 3")["talks"] is True
    assert talks(verb="held")["talks"] is False
    refused = make_doc("Acme PROPN nsubj 1 ent=ORG", "refused VERB ROOT 1 lemma=refuse", "to PART aux 3",
                       "hold VERB xcomp 1 lemma=hold", "talks NOUN dobj 3 lemma=talk", ". PUNCT punct 1")
    assert {m.text: m.negated for m in extract_events(refused, "a1")}["talks"] is True
