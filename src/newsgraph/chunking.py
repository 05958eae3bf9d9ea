"""The input of an ingest cut into chunks (in input order, the same cut whenever a run resumes) and each chunk's
articles into the batches a parsing task takes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsgraph.model import Article, Skipped
from newsgraph.parallel import Handle
from newsgraph.settings import Settings
from newsgraph.sorting import id_taken, sort_article


@dataclass
class Chunk:
    """One chunk of input: what to process (and its parse handles), what was already stored, repeated in the input
    or skipped."""

    size: int
    articles: list[Article] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    handles: list[Handle] = field(default_factory=list)


def chunk_sizes(total: int, size: int) -> Iterator[int]:
    """How many input articles go in each chunk: ``size`` each, except that the last quarter-chunk of an input
    longer than one chunk is a chunk of its own, so that what runs after the last parse (resolving and writing the
    last chunk, with nothing left to overlap it) is short.

    >>> list(chunk_sizes(982, 256)), list(chunk_sizes(300, 256)), list(chunk_sizes(200, 256))
    ([256, 256, 256, 150, 64], [256, 44], [200])
    """
    tail = size // 4 if total > size else 0
    left = total
    while left > 0:
        n = min(size, left)
        if tail and tail < left <= size:
            n = left - tail
        yield n
        left -= n


def input_chunks(items: Iterable[Article | Skipped], sizes: Iterable[int], stored: dict[str, str] | None = None,
            force: bool = False) -> Iterator[Chunk]:
    """Cut the input into chunks of the given sizes, in input order; sort each item into process/already/skipped
    (``newsgraph.sorting.sort_article``).

    Chunks are cut before the ledger is consulted, so a run that resumes cuts the same chunks as the first run.
    """
    stored = stored or {}
    seen: set[tuple[str, str]] = set()
    stream = iter(items)
    for size in sizes:
        batch = list(islice(stream, size))
        if not batch:
            return
        chunk = Chunk(size=len(batch))
        for item in batch:
            if isinstance(item, Skipped):
                chunk.skipped.append(item)
                continue
            kind = sort_article(item, stored, seen, force)
            if kind == "taken":
                chunk.skipped.append(Skipped(item.path or item.id, id_taken(item.id, stored[item.id])))
            elif kind == "already":
                chunk.already.append(item.id)
            elif kind == "repeated":
                chunk.repeated.append(item.id)
            else:
                chunk.articles.append(item)
        yield chunk


def batch_size_for(settings: Settings, *, last_chunk: bool) -> int:
    """Articles per parsing task: ``settings.batch_size``, but a quarter of it in the last chunk when several
    workers share the parsing, so that they finish their last tasks at about the same time rather than one
    waiting for the other's last full batch."""
    spread = settings.workers > 1 or bool(settings.dask)
    return -(-settings.batch_size // 4) if spread and last_chunk else settings.batch_size


def batches(articles: list[Article], size: int) -> Iterator[list[Article]]:
    """``articles`` in runs of ``size``, in order (the last one shorter)."""
    for start in range(0, len(articles), size):
        yield articles[start:start + size]
