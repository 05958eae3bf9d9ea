"""Triple extraction on hand-built parses: voice, xcomp chains, prepositions, coordination, speech, flags."""

import pytest
from handmade import make_doc

from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.triples import extract_triples


def _triples(doc):
    found = extract_mentions(doc, "a1")
    spans = {}
    for m in found.mentions:
        span = doc.char_span(m.start, m.end)
        for token in span:
            spans[token.i] = (span.start, span.end)
    names = {e.local_id: e.name for e in found.entities}
    out = []
    for t in extract_triples(doc, "a1", found.token_entity, entity_spans=spans):
        side = lambda a: names[a.local_id] if a.is_entity else f"[{a.concept}]"  # noqa: E731
        out.append((side(t.subject), t.predicate, side(t.object), t))
    return out


def _simple(doc):
    return [(s, p, o) for s, p, o, _ in _triples(doc)]


def test_active_verb_with_prepositional_object_and_implied_preposition():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON lemma=Putin", "agreed VERB ROOT 1 lemma=agree", "a DET det 4",
                   "limited ADJ amod 4", "ceasefire NOUN dobj 1", ". PUNCT punct 1")
    assert _simple(doc) == [("Putin", "agree to", "[limited ceasefire]")]


def test_passive_with_agent_becomes_active():
    doc = make_doc("Strikes NOUN nsubjpass 2 lemma=strike", "were AUX auxpass 2 lemma=be",
                   "suspended VERB ROOT 2 lemma=suspend", "by ADP agent 2", "Russia PROPN pobj 3 ent=GPE",
                   ". PUNCT punct 2")
    assert _simple(doc) == [("Russia", "suspend", "[strike]")]


def test_xcomp_chain_and_negation_free_decline():
    # the Russian leader declined to commit to a month-long truce
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "declined VERB ROOT 1 lemma=decline", "to PART aux 3",
                   "commit VERB xcomp 1 lemma=commit", "to ADP prep 3", "a DET det 6", "truce NOUN pobj 4",
                   ". PUNCT punct 1")
    triples = _triples(doc)
    assert ("Putin", "decline to commit to", "[truce]") in [(s, p, o) for s, p, o, _ in triples]
    assert not any(t.negated for *_, t in triples)


def test_phrasal_verb_with_preposition():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "pushed VERB ROOT 1 lemma=push", "back ADV advmod 1",
                   "against ADP prep 1", "the DET det 5", "plan NOUN pobj 3", ". PUNCT punct 1")
    assert _simple(doc) == [("Putin", "push against", "[plan]")]


def test_coordinated_subjects_and_objects_split():
    doc = make_doc("Russia PROPN nsubj 2 ent=GPE", "would AUX aux 2", "release VERB ROOT 2", "23 NUM nummod 4",
                   "soldiers NOUN dobj 2 lemma=soldier", "and CCONJ cc 2", "exchange VERB conj 2",
                   "175 NUM nummod 8", "prisoners NOUN dobj 6 lemma=prisoner", ". PUNCT punct 2")
    triples = _triples(doc)
    assert [(s, p, o) for s, p, o, _ in triples] == [
        ("Russia", "release", "[23 soldier]"), ("Russia", "exchange", "[175 prisoner]")]
    assert all(t.hedged for *_, t in triples)  # "would"
    doc = make_doc("Putin PROPN nsubj 3 ent=PERSON", "and CCONJ cc 0", "Zelenskyy PROPN conj 0 ent=PERSON",
                   "met VERB ROOT 3 lemma=meet", "in ADP prep 3", "Riyadh PROPN pobj 4 ent=GPE", ". PUNCT punct 3")
    assert _simple(doc) == [("Putin", "meet in", "Riyadh"), ("Zelenskyy", "meet in", "Riyadh")]


def test_reported_speech_is_attributed_and_negation_flagged():
    doc = make_doc("The DET det 1", "Kremlin PROPN nsubj 2 ent=ORG", "said VERB ROOT 2 lemma=say",
                   "that SCONJ mark 7", "Putin PROPN nsubj 7 ent=PERSON", "would AUX aux 7", "not PART neg 7",
                   "accept VERB ccomp 2", "a DET det 9", "truce NOUN dobj 7", ". PUNCT punct 2")
    [(s, p, o, triple)] = _triples(doc)
    assert (s, p, o) == ("Putin", "accept", "[truce]")
    assert triple.negated and triple.hedged
    assert triple.attributed_to is not None and triple.attributed_to.text == "Kremlin"


def test_according_to_attributes():
    doc = make_doc("According VERB prep 6", "to ADP prep 0", "the DET det 3", "Kremlin PROPN pobj 1 ent=ORG",
                   ", PUNCT punct 6", "Putin PROPN nsubj 6 ent=PERSON", "demanded VERB ROOT 6 lemma=demand",
                   "an DET det 8", "end NOUN dobj 6", ". PUNCT punct 6")
    [(s, p, o, triple)] = _triples(doc)
    assert (s, p, o) == ("Putin", "demand", "[end]")
    assert triple.attributed_to.text == "Kremlin"


def test_no_indication_is_negated():
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "gave VERB ROOT 1 lemma=give", "no DET det 3",
                   "indication NOUN dobj 1", ". PUNCT punct 1")
    [(_, _, _, triple)] = _triples(doc)
    assert triple.negated


def test_pronoun_subject_without_antecedent_gives_no_triple():
    doc = make_doc("It PRON nsubj 1", "agreed VERB ROOT 1 lemma=agree", "to ADP prep 1", "a DET det 4",
                   "truce NOUN pobj 2", ". PUNCT punct 1")
    assert _simple(doc) == []


def test_dates_are_not_objects():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "spoke VERB ROOT 1 lemma=speak", "on ADP prep 1",
                   "Tuesday PROPN pobj 2 ent=DATE", ". PUNCT punct 1")
    assert _simple(doc) == []


def test_offsets_and_sentence_point_into_the_text():
    doc = make_doc("Yes INTJ ROOT 0", ". PUNCT punct 0", "Putin PROPN nsubj 3 ent=PERSON", "agreed VERB ROOT 3",
                   "to ADP prep 3", "a DET det 6", "truce NOUN pobj 4", ". PUNCT punct 3")
    [(_, _, _, t)] = _triples(doc)
    assert doc.text[t.sentence_start:t.sentence_end] == t.sentence == "Putin agreed to a truce."
    assert doc.text[t.subject.start:t.subject.end] == "Putin"
    assert doc.text[t.object.start:t.object.end] == "a truce"
    assert t.object.concept == "truce"


@pytest.mark.model
def test_seed_sentences_with_the_model(nlp):
    from newsgraph.ingest.analyze import analyze
    from newsgraph.model import Article

    text = ("Vladimir Putin has agreed to a limited ceasefire against Ukraine’s energy infrastructure, but the "
            "Russian leader declined to commit to a month-long full truce.")
    result = analyze(Article("x", text), nlp(text))
    names = {e.local_id: e.name for e in result.entities}
    found = {(names.get(t.subject.local_id), t.predicate, t.object.concept) for t in result.triples}
    assert ("Vladimir Putin", "agree to", "limited ceasefire") in found
    assert ("Vladimir Putin", "decline to commit to", "month-long full truce") in found
