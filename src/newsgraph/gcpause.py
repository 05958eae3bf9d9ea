"""Pause Python's cyclic garbage collector around a stage that allocates many short-lived objects, and keep data
built once for a long stage out of its collections.

Extraction and graph building make millions of small objects (spaCy tokens, records, dicts) that reference counting
frees as soon as they are dropped; none of them needs the cyclic collector. But every few hundred allocations the
collector runs, and its full passes walk every object alive in the process — the loaded model, the analyses kept
for resolution — so in a long ingest it took a tenth of extraction and half of graph building. Paused for one
article or one build, collections that fall due run after it, once, instead of many times inside it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off, and turn it back on after (if it was on before).

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def freezing() -> Iterator[Callable[[], None]]:
    """Run the block with ``freeze``: called once the block's long-lived data is built (an ingest's indexes of the
    stored entities, stories and copies), it keeps every object alive then out of the collector's later passes
    (``gc.freeze``); on leaving the block they are handed back to it (``gc.unfreeze``).

    A full collection walks every tracked object alive and reads every reference they hold: with 50,000 stored
    entities the entity index alone made each one a pause of a third to two thirds of a second, several times a
    chunk's resolution, though nothing in the index is ever garbage while the ingest runs (an entity an update
    replaces is freed by reference counting: nothing in the index refers back to it). Frozen, it is walked no more.
    What is garbage in a cycle when ``freeze`` runs and older than the young generations, which it collects first,
    stays until the block ends, and so does a frozen object that becomes cyclic garbage later: both are collected
    once the block hands them back, so nothing outlives it. Objects frozen before the block (by a caller that
    manages freezing itself) are left to that caller: then ``freeze`` does nothing.

    >>> with freezing() as freeze:
    ...     freeze()
    ...     gc.get_freeze_count() > 0
    True
    >>> gc.get_freeze_count()
    0
    """
    if gc.get_freeze_count():
        yield lambda: None
        return
    frozen = False

    def freeze() -> None:
        nonlocal frozen
        gc.collect(1)  # the young generations' garbage: cheap, and most of what would be held
        gc.freeze()
        frozen = True

    try:
        yield freeze
    finally:
        if frozen:
            gc.unfreeze()
