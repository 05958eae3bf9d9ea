"""The main job: read articles, skip the ones already stored, parse, analyse, resolve, build and write — in chunks.

The articles stream through in chunks of ``settings.chunk_size`` input articles, so memory is bounded by the chunk
size, not by the corpus. Each chunk is parsed and analysed (in ``settings.workers`` worker processes, on Dask, or
in this process when one worker has a single chunk to do), then resolved against the entities already stored,
built into a graph and written — the write in a background thread while the next chunk is parsed. Results are put
back in input order before resolution, so the graph does not depend on the number of workers.

Resumable: the ledger (a ``sha256`` on each completely written source) is in the store, and a chunk's ledger
entries are written last, once the rest of its graph is in (last in one transaction on Neo4j; on FalkorDB in a
MULTI/EXEC of their own after the chunk's MULTI/EXEC has been applied whole), so a chunk that fails is not in the
ledger and the next run writes it again, after taking out what the failed write left of its sources
(``newsgraph.graph.forget``; so does ``force`` of what stored sources' earlier run wrote). One id stands for one
text: an article whose id is stored with another text is skipped with a reason; the same text under another id is
a new source (``newsgraph.sorting``). Chunks are cut from the input as
it is read, ledgered articles included, so a run killed after chunk *k* and started again processes exactly the
chunks after *k*, the same as the uninterrupted run did.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path

from newsgraph.chunking import Chunk, batch_size_for, batches, chunk_sizes, input_chunks
from newsgraph.gcpause import freezing
from newsgraph.graph.build import build_graph
from newsgraph.graph.copies import CopyIndex, fingerprint
from newsgraph.graph.entity_index import EntityIndex
from newsgraph.graph.forget import forget_sources, unfinished_sources
from newsgraph.graph.name_counts import STORED_NAME_SOURCES, graph_name_counts, stored_name_counts
from newsgraph.graph.overrides import Overrides, load_overrides, named, unmatched
from newsgraph.graph.resolve import resolve
from newsgraph.graph.roles import Roles, load_roles
from newsgraph.graph.store import GraphStore
from newsgraph.graph.stories import StoryIndex, StoryInput
from newsgraph.ingest.articles import read_articles
from newsgraph.model import Article, ArticleAnalysis, Entity, Resolution, Skipped
from newsgraph.parallel import Analyzer, BackgroundWriter, open_analyzer
from newsgraph.settings import Settings
from newsgraph.sorting import metadata_changes, sort_article

log = logging.getLogger(__name__)

#: ``progress(event, n)``: ``("total", n)`` once, before work starts (the number of input articles); then
#: ``("parsed", n)`` as n of them are parsed and analysed (one at a time, as each article's analysis is done, in
#: this process or a worker process; a batch at a time on Dask), found already stored, repeated or skipped, and
#: ``("articles", n)`` as n of them are done (written, already stored, repeated in the input or skipped). Each kind
#: adds up to the total.
Progress = Callable[[str, int], None]
#: Already stored articles whose metadata is compared with the store's in one read.
_METADATA_BATCH = 1000


class _Reported:
    """A parse handle that reports ``("parsed", 1)`` as each article is analysed, where the analyzer tells
    (``Analyzer.per_article``), and the articles not yet reported when its results are collected, one at a time."""

    def __init__(self, parser: Analyzer, articles: Sequence[Article], progress: Progress) -> None:
        self._progress, self._lock, self._reported, self._open = progress, threading.Lock(), 0, True
        if parser.per_article:
            self._handle = parser.submit(articles, on_article=self._one)  # type: ignore[call-arg]
        else:
            self._handle = parser.submit(articles)

    def _one(self) -> None:
        with self._lock:
            if not self._open:  # a late report of an article already counted
                return
            self._reported += 1
        self._progress("parsed", 1)

    def result(self) -> list:
        results = self._handle.result()
        with self._lock:
            self._open, rest = False, len(results) - self._reported
        for _ in range(rest):  # one at a time, as the rest are: the queue's reports may lag behind the results
            self._progress("parsed", 1)
        return results


def _reporting(parser: Analyzer, progress: Progress | None) -> Analyzer:
    """``parser`` with every handle reporting its parsed articles to ``progress`` (as is without one)."""
    if progress is None:
        return parser
    return dataclasses.replace(parser, submit=lambda articles: _Reported(parser, articles, progress),
                               per_article=False)


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did. ``entities`` counts distinct entities written; ``relations`` and ``evidence`` count
    relation writes and evidence rows summed over the chunks; ``redone`` are the stored sources whose earlier
    write was taken out before they were written again (forced, or left unfinished)."""

    ingested: tuple[str, ...]
    already: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    entities: int
    relations: int
    evidence: int
    words: int
    sentences: int
    seconds: float
    chunks: int = 0
    redone: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    repeated: tuple[str, ...] = ()


@dataclass
class _Totals:
    ingested: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    relations: int = 0
    evidence: int = 0
    words: int = 0
    sentences: int = 0
    chunks: int = 0
    redone: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def ingest(paths: Iterable[str | Path], store: GraphStore, settings: Settings, *, force: bool = False,
           progress: Progress | None = None, analyzer: Analyzer | None = None) -> IngestReport:
    """Ingest articles into ``store``, streaming them through in chunks (see the module notes).

    Articles already stored (the same id with the same text) are not processed again unless ``force``, which
    first takes out what their earlier run wrote (``newsgraph.graph.forget``), as is done for input sources a
    failed write left out of the ledger; the same text under a new id is a new source (a copy of the other).
    Unreadable inputs and articles with nothing to analyse are reported as skipped; the rest still go in.
    Problems that do not stop an article (an unreadable date, a sidecar entry that describes no article, an
    already stored article whose metadata the input gives otherwise) are reported as warnings.

    Args:
        paths: files and directories of articles.
        store: where the graph goes.
        settings: model, batch and chunk sizes, workers, Dask.
        force: process articles even if they are already stored, as if for the first time.
        progress: called as articles are done (see ``Progress``). The inputs are read twice: once to count
            them (and fail on a missing path before anything is written), once to process them.
        analyzer: where to parse (``newsgraph.parallel.open_analyzer``), for a caller that keeps one open
            across ingests or starts it early; by default one is opened for this ingest (in this process for
            an input of one chunk and one worker) and closed at the end.

    Raises:
        BadArticle: a path is missing or a directory holds no articles.
        BadSetting: Dask is asked for but unavailable, or the overrides or roles file is missing or malformed.
        ModelUnavailable: the spaCy pipeline cannot be loaded.
        StoreUnavailable: the store fails.
    """
    with _fewer_collections(), freezing() as freeze:
        return _ingest(list(paths), store, settings, force=force, progress=progress, analyzer=analyzer,
                       freeze=freeze)


@contextlib.contextmanager
def _fewer_collections(first_generation: int = 50_000) -> Iterator[None]:
    """Run the cyclic garbage collector less often (the first generation at ``first_generation`` allocations
    instead of 700), then as before. An ingest allocates millions of small acyclic objects (analyses, rows,
    graph attributes) that reference counting frees; with the default threshold the collector rescanned the
    live ones over and over: a third of this process's CPU."""
    before = gc.get_threshold()
    if before[0]:  # 0: collection is off already
        gc.set_threshold(max(before[0], first_generation), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _ingest(paths: list[str | Path], store: GraphStore, settings: Settings, *, force: bool,
            progress: Progress | None, analyzer: Analyzer | None, freeze: Callable[[], None]) -> IngestReport:
    started = time.perf_counter()
    overrides = load_overrides(settings.overrides) if settings.overrides else None  # fails before any write
    if settings.roles:
        load_roles(settings.roles)  # fails before any write; read again where it is applied
    stored = store.stored_texts()  # id → sha256: an id never stands for two texts
    unfinished = unfinished_sources(store)
    total = todo = 0
    redo: list[str] = []  # sources whose first write is taken out before they are written again
    left: list[str] = []  # sources a failed write left unmarked that this run does not write: only taken out
    seen: set[tuple[str, str]] = set()
    totals = _Totals()

    def warn(where: str, message: str) -> None:
        totals.warnings.append(f"{where}: {message}")

    kept: list[Article] = []  # already stored: is their metadata the stored one?
    for item in read_articles(paths, warn):  # a missing path or an empty directory fails before any write
        total += 1
        if not isinstance(item, Article):
            continue
        kind = sort_article(item, stored, seen, force)
        if kind == "new":
            todo += 1
            if item.id in unfinished or force and stored.get(item.id) == item.sha256:
                redo.append(item.id)
        elif kind == "already" and item.id in stored and (item.id, item.sha256) not in seen:
            seen.add((item.id, item.sha256))
            kept.append(item)
            if len(kept) >= _METADATA_BATCH:
                totals.warnings.extend(f"{w}: {m}" for w, m in metadata_changes(store.run, kept))
                kept.clear()
        elif item.id in unfinished:  # it comes earlier in the input
            left.append(item.id)
    totals.warnings.extend(f"{w}: {m}" for w, m in metadata_changes(store.run, kept))
    del kept
    if progress:
        progress("total", total)
    if not total:
        return _report(totals, started)
    cuts = list(chunk_sizes(total, settings.chunk_size))
    in_process = not todo or settings.workers == 1 and len(cuts) == 1 and not settings.dask
    opened = contextlib.nullcontext(analyzer) if analyzer else open_analyzer(settings, in_process=in_process)
    with opened as parser:  # worker processes load the pipeline while the input is cut into chunks
        parser = _reporting(parser, progress)
        if redo or left:  # before the stored entities and stories are read: the articles are resolved as if new
            totals.redone = sorted(set(redo))
            forget_sources(store, {*redo, *left}, unfinished={i for i, only_taken_out in unfinished.items()
                                                              if not only_taken_out})
        # The stored entities, stories and copies, indexed once, updated with each chunk's: read when the first
        # chunk is finished, so that the workers are parsing by then (reading and indexing them, the copy index's
        # imports included, took about a second before the first batch was sent).
        indexes: list[tuple[EntityIndex, StoryIndex, CopyIndex]] = []

        def finish(chunk: Chunk) -> None:
            if not indexes:
                indexes.append(_indexes(store, settings))
                freeze()  # the indexes live as long as the ingest: out of the garbage collector's walks
            _finish(chunk, *indexes[0], settings, overrides, writer, totals)

        def written(chunk: Chunk, evidence: int) -> None:
            with totals.lock:
                totals.evidence += evidence
            if progress:
                progress("articles", chunk.size)

        writer = BackgroundWriter(store, written)
        try:
            pending: deque[Chunk] = deque()
            # Past the counted articles (an input that grew since it was counted), chunks of the usual size.
            sizes = chain(cuts, repeat(settings.chunk_size))
            for n, chunk in enumerate(input_chunks(read_articles(paths), sizes, stored, force)):
                size = batch_size_for(settings, last_chunk=n >= len(cuts) - 1)
                chunk.handles = [parser.submit(batch) for batch in batches(chunk.articles, size)]
                pending.append(chunk)
                done = len(chunk.already) + len(chunk.repeated) + len(chunk.skipped)
                if progress and done:  # nothing to parse: done as soon as read
                    progress("parsed", done)
                while len(pending) > parser.lookahead:
                    finish(pending.popleft())
            while pending:
                finish(pending.popleft())
            writer.close()
        except BaseException:
            writer.abort()
            raise
    if overrides:  # a pair whose names nothing stored holds did nothing: most often a typo or a role description
        totals.warnings.extend(unmatched(overrides, store.known_entities()))
    return _report(totals, started)


def _indexes(store: GraphStore, settings: Settings) -> tuple[EntityIndex, StoryIndex, CopyIndex]:
    """The stored entities, stories and copy fingerprints, each in the index a chunk is resolved against."""
    known = EntityIndex(store.known_entities(), fuzzy_threshold=settings.fuzzy_threshold,
                        counts=stored_name_counts(store.run(STORED_NAME_SOURCES)))
    stories = StoryIndex(store.known_stories(), store.story_members(), threshold=settings.story_threshold,
                         window_days=settings.story_window_days)
    return known, stories, CopyIndex(store.known_fingerprints(), threshold=settings.copy_threshold)


def _finish(chunk: Chunk, known: EntityIndex, stories: StoryIndex, copies: CopyIndex, settings: Settings,
            overrides: Overrides | None, writer: BackgroundWriter, totals: _Totals) -> None:
    """Collect a chunk's analyses in input order, resolve them against what is stored, group them into stories,
    find their copies among the stored and earlier articles, build and queue the write."""
    analyses: list[ArticleAnalysis] = []
    for handle in chunk.handles:
        for result in handle.result():
            if isinstance(result, Skipped):
                chunk.skipped.append(result)
            else:
                analyses.append(result)
    chunk.handles = []
    graph = None
    if analyses:
        resolution = resolve(analyses, index=known, fuzzy_threshold=settings.fuzzy_threshold, overrides=overrides,
                             roles=_roles(settings), role_window_days=settings.story_window_days)
        resolution = named(resolution, overrides, known.is_stored)  # the analyst's canonical names
        grouped = stories.assign([story_input(a, resolution) for a in analyses])
        found = copies.assign([fingerprint(a.article.id, a.article.text, a.article.published, a.article.url)
                               for a in analyses])
        graph = build_graph(analyses, resolution, grouped, found)
        changed: list[Entity] = []
        for node, data in graph.nodes(data=True):  # what the store will hold once this graph is written
            if data["kind"] == "Entity":
                changed.append(Entity(node, data["name"], data["type"] or "Other", tuple(data.get("aliases") or ())))
                totals.entities.add(node)
        known.update(changed, graph_name_counts(graph))
        totals.relations += sum(1 for *_, d in graph.edges(data=True) if "evidence" in d)
    totals.ingested.extend(a.article.id for a in analyses)
    totals.already.extend(chunk.already)
    totals.repeated.extend(chunk.repeated)
    totals.skipped.extend(chunk.skipped)
    totals.words += sum(a.word_count for a in analyses)
    totals.sentences += sum(a.sentence_count for a in analyses)
    totals.chunks += 1
    chunk.articles = []
    writer.put(graph, chunk)


@functools.lru_cache(maxsize=4)
def _roles_file(path: Path, mtime: float) -> Roles:
    return load_roles(path)


def _roles(settings: Settings) -> Roles | None:
    """The analyst's roles file, read once per ingest (again if it changed)."""
    if not settings.roles:
        return None
    return _roles_file(settings.roles, settings.roles.stat().st_mtime)


def story_input(analysis: ArticleAnalysis, resolution: Resolution) -> StoryInput:
    """What story grouping needs of an analysed article: its terms and the entities resolution found in it."""
    article = analysis.article
    entities: dict[str, int] = {}
    for mention in analysis.mentions:
        entity = resolution.assignment.get((article.id, mention.local_id))
        if entity is not None:
            entities["e:" + entity] = entities.get("e:" + entity, 0) + 1
    return StoryInput(article.id, article.title, article.published,
                      tuple(sorted((*analysis.terms, *entities.items()))))


def _report(totals: _Totals, started: float) -> IngestReport:
    return IngestReport(
        ingested=tuple(totals.ingested), already=tuple(totals.already), skipped=tuple(totals.skipped),
        entities=len(totals.entities), relations=totals.relations, evidence=totals.evidence, words=totals.words,
        sentences=totals.sentences, seconds=time.perf_counter() - started, chunks=totals.chunks,
        redone=tuple(totals.redone), warnings=tuple(totals.warnings), repeated=tuple(totals.repeated),
    )
