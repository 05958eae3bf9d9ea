"""Pause Python's cyclic garbage collector around a stage that allocates many short-lived objects.

Extraction and graph building make millions of small objects (spaCy tokens, records, dicts) that reference counting
frees as soon as they are dropped; none of them needs the cyclic collector. But every few hundred allocations the
collector runs, and its full passes walk every object alive in the process — the loaded model, the analyses kept
for resolution — so in a long ingest it took a tenth of extraction and half of graph building. Paused for one
article or one build, collections that fall due run after it, once, instead of many times inside it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
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
