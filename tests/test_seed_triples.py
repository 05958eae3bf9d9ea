"""The extractor on the seed articles: every sentence that relates an entity to something yields a triple."""

import pytest

from newsgraph.ingest.analyze import analyze
from newsgraph.ingest.articles import read_articles
from newsgraph.ingest.triples import PRONOUNS

pytestmark = pytest.mark.model

#: Seed sentences that mention an entity but state no relation with it as an argument, and why.
NO_ENTITY_RELATION = {
    "His request could not be confirmed": "intransitive; the entity is only a possessive pronoun",
    "The American and Russian calls of the call": "the entities are only adjectives of a concept",
    "Negotiations came after a remarkable public violation": "the entities sit inside a noun phrase",
    "The Trump administration temporarily suspended": "the actor is the administration, not Trump",
    "But this can also reflect the desire": "demonstrative subject; the entity sits inside a noun phrase",
    "The only treaty for limiting remaining nuclear weapons": "intransitive; the entities sit inside a noun phrase",
    # the entity is only a circumstance of the clause (its place or channel): an attribute, not a relation object
    "These negotiations will begin immediately in the Middle East": "intransitive; the place is `where`",
    "would immediately start in the Middle East": "intransitive; the place is `where`",
    "Before the call, he posted on Truth Social": "the platform is `via`, the call the `occasion`",
    "While Washington and Moscow signed up last month in Normalize": "garbled text; the model's GPE is `where`",
}


@pytest.fixture(scope="module")
def seed_analyses(nlp, seeds_dir):
    articles = [a for a in read_articles([seeds_dir]) if hasattr(a, "text")]
    return [(analyze(a, nlp(a.text)), nlp(a.text)) for a in articles]


def _states_something(sent) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) for t in sent)


def test_every_sentence_relating_an_entity_yields_a_triple(seed_analyses):
    missing, excused = [], set()
    for analysis, doc in seed_analyses:
        with_triples = {t.sentence_start for t in analysis.triples}
        for sent in doc.sents:
            text = sent.text.strip()
            start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
            has_entity = any(sent.start_char <= m.start < sent.end_char for m in analysis.mentions)
            if not has_entity or not _states_something(sent) or start in with_triples:
                continue
            reason = [p for p in NO_ENTITY_RELATION if text.startswith(p) or p in text]
            if reason:
                excused.update(reason)
            else:
                missing.append(text)
    assert missing == []
    assert excused <= set(NO_ENTITY_RELATION)


def test_no_subject_is_a_bare_pronoun(seed_analyses):
    for analysis, _ in seed_analyses:
        for t in analysis.triples:
            assert t.subject.is_entity or (t.subject.concept and t.subject.concept.lower() not in PRONOUNS), t


def test_attributions_are_on_the_evidence(seed_analyses):
    names = {}
    said = {}
    for analysis, _ in seed_analyses:
        names.update({(analysis.article.id, e.local_id): e.name for e in analysis.entities})
        for t in analysis.triples:
            if t.attributed_to is not None:
                said.setdefault(names[(analysis.article.id, t.attributed_to.local_id)], []).append(t.sentence)
    assert any("the Kremlin said" in s for s in said.get("Kremlin", []))
    assert any("told reporters" in s for s in said.get("Volodymyr Zelenskyy", []))
    assert any("added the Kremlin" in s for s in said.get("Kremlin", []))


def test_skipping_sentences_without_an_entity_keeps_every_entity_triple(nlp, seeds_dir):
    from newsgraph.ingest.mentions import extract_mentions
    from newsgraph.ingest.triples import extract_triples

    skipped = 0
    for article in (a for a in read_articles([seeds_dir]) if hasattr(a, "text")):
        doc = nlp(article.text)
        found = extract_mentions(doc, article.id)
        every = extract_triples(doc, article.id, found.token_entity)
        kept = extract_triples(doc, article.id, found.token_entity, entity_sentences_only=True)
        wanted = tuple(t for t in every if t.subject.is_entity or t.object.is_entity or t.attributed_to is not None)
        assert tuple(t for t in kept if t in wanted) == wanted and set(kept) <= set(every)
        skipped += len(every) - len(kept)
    assert skipped > 0  # some sentences of the seeds relate no entity


def test_circumstantial_phrases_are_attributes_not_edges(seed_analyses):
    from newsgraph.ingest.circumstances import is_circumstantial

    edges, attributes = [], []
    for analysis, doc in seed_analyses:
        for t in analysis.triples:
            head = doc.char_span(t.object.start, t.object.end, alignment_mode="expand").root
            if head.dep_ == "pobj" and t.predicate.split()[-1] == head.head.lower_ and is_circumstantial(head.head):
                edges.append((t.predicate, t.object.text))
            attributes.append((t.predicate, t.when, t.when_text, t.where, t.via, t.occasion))
    assert edges == []
    predicates = {p for p, *_ in attributes}
    assert not predicates & {"decline after", "reiterate during", "raise in", "post on", "meet in", "outline in"}
    assert not any(p == "say in" and via for p, *_, via, _ in attributes)  # "said in a statement"
    assert ("raise", "", "", "Kyiv", "", "") in attributes
    assert any(p == "reiterate" and via == "call" for p, *_, via, _ in attributes)
    assert any(p == "decline to commit to" and occasion.startswith("after a high-stakes phone call")
               for p, *_, occasion in attributes)
    # "on Tuesday evening" in an article published on Tuesday 18 March 2025
    assert any(when == "2025-03-18" and text == "on Tuesday evening" for _, when, text, *_ in attributes)
