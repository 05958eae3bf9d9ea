"""Turn a parsed article into an ``ArticleAnalysis``: mentions, local entities and triples with evidence."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newsgraph.errors import BadArticle
from newsgraph.gcpause import paused_gc
from newsgraph.ingest.address_lines import doc_address_lines, in_lines
from newsgraph.ingest.columns import word_and_sentence_counts
from newsgraph.ingest.concepts import extract_concepts
from newsgraph.ingest.events import extract_events
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.quantities import event_quantities
from newsgraph.ingest.quotes import find_quotations
from newsgraph.ingest.story_terms import story_terms
from newsgraph.ingest.triples import extract_triples
from newsgraph.model import Article, ArticleAnalysis


@paused_gc()  # millions of short-lived objects, none in a cycle: see newsgraph.gcpause
def analyze(article: Article, doc: Doc, *, entity_triples_only: bool = True) -> ArticleAnalysis:
    """Find the mentions and triples of one parsed article.

    Args:
        article: the article the Doc was parsed from.
        doc: its parse.
        entity_triples_only: keep only triples with a named entity at one end at least, or attributed to one
            (what "the Kremlin said" is kept whatever it is about).

    Raises:
        BadArticle: the article has no sentence with a word in it.
    """
    words, sentences = word_and_sentence_counts(doc)
    if not sentences:
        raise BadArticle(f"{article.path or article.id}: no sentences to analyse")
    found = extract_mentions(doc, article.id)
    spans: dict[int, tuple[int, int]] = {}
    for mention in found.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                spans.setdefault(token.i, (span.start, span.end))
    quotations = find_quotations(doc)
    triples = extract_triples(doc, article.id, found.token_entity, entity_spans=spans,
                              entity_sentences_only=entity_triples_only, published=article.published,
                              quotations=quotations)
    if entity_triples_only:
        triples = tuple(t for t in triples if t.subject.is_entity or t.object.is_entity
                        or t.attributed_to is not None)
    events = extract_events(doc, article.id, found.token_entity, spans, quotations)
    measures = event_quantities(doc, [e.start for e in events] + [t.trigger_start for t in triples],
                                article.published)
    if measures:
        triples = tuple(replace(t, quantities=measures[t.trigger_start]) if t.trigger_start in measures else t
                        for t in triples)
        events = tuple(replace(e, quantities=measures[e.start]) if e.start in measures else e for e in events)
    concepts = extract_concepts(doc, article.id, spans)
    addresses = doc_address_lines(doc)
    if addresses:  # a line that is only the page's address: no events, triples or concepts ("http", "www")
        triples = tuple(t for t in triples if not in_lines(t.trigger_start, addresses))
        gone = {e.start for e in events if in_lines(e.start, addresses)}
        events = tuple(e if e.content not in gone else replace(e, content=-1) for e in events if e.start not in gone)
        concepts = tuple(c for c in concepts if not in_lines(c.start, addresses, c.end))
    return ArticleAnalysis(
        article=article, mentions=found.mentions, entities=found.entities, triples=triples,
        sentence_count=sentences, word_count=words, events=events, terms=story_terms(doc), concepts=concepts,
    )
