"""The main job: read articles, skip the ones already stored, parse, analyse, resolve, build and write."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import BadArticle
from newsgraph.graph.build import build_graph
from newsgraph.graph.resolve import resolve
from newsgraph.graph.store import GraphStore
from newsgraph.ingest.analyze import analyze
from newsgraph.ingest.articles import read_articles
from newsgraph.ingest.nlp import load_pipeline, parse
from newsgraph.model import Article, Skipped
from newsgraph.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did."""

    ingested: tuple[str, ...]
    already: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    entities: int
    relations: int
    evidence: int
    words: int
    sentences: int
    seconds: float


def ingest(paths: Iterable[str | Path], store: GraphStore, settings: Settings, *, force: bool = False,
           progress: Callable[[str, int], None] | None = None) -> IngestReport:
    """Ingest articles into ``store``.

    Articles whose text is already stored (same sha256) are not processed again unless ``force``; writing is
    idempotent either way. Unreadable inputs and articles with nothing to analyse are reported as skipped; the
    rest still go in.

    Raises:
        BadArticle: a path is missing or a directory holds no articles.
        ModelUnavailable: the spaCy pipeline cannot be loaded.
        StoreUnavailable: the store fails.
    """
    started = time.perf_counter()
    ledger = {} if force else store.ledger()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    already: list[str] = []
    batch_hashes: set[str] = set()
    for item in read_articles(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.sha256 in ledger or item.sha256 in batch_hashes:
            already.append(item.id)
        else:
            batch_hashes.add(item.sha256)
            articles.append(item)
    analyses = []
    if articles:
        nlp = load_pipeline(settings.model)
        for article, doc in parse(articles, nlp, batch_size=settings.batch_size, n_process=settings.workers):
            try:
                analyses.append(analyze(article, doc))
            except BadArticle as exc:
                skipped.append(Skipped(article.path or article.id, str(exc).split(": ", 1)[-1]))
            if progress:
                progress("parse", 1)
    evidence = 0
    graph = None
    if analyses:
        resolution = resolve(analyses, store.known_entities(), fuzzy_threshold=settings.fuzzy_threshold)
        graph = build_graph(analyses, resolution)
        evidence = store.write_graph(graph)
    relations = 0 if graph is None else sum(1 for *_, k in graph.edges(keys=True) if k != "MENTIONS")
    entities = 0 if graph is None else sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "Entity")
    return IngestReport(
        ingested=tuple(a.article.id for a in analyses), already=tuple(already), skipped=tuple(skipped),
        entities=entities, relations=relations, evidence=evidence,
        words=sum(a.word_count for a in analyses), sentences=sum(a.sentence_count for a in analyses),
        seconds=time.perf_counter() - started,
    )
