"""What the spelling search (``newsgraph.graph.spellings``) promises, as a pass over every string."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process


def within(query: str, texts: Sequence[str | None], threshold: float) -> set[int]:
    """The positions of the strings within ``threshold`` of ``query`` (``fuzz.ratio``) that keep its first or last
    ``len(query) // 2`` characters as written; every string within the threshold for a query of one character or at
    a threshold of 1 or less."""
    half = len(query) // 2
    return {n for text, _, n in process.extract(query, texts, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
            if threshold <= 1 or not half or text.startswith(query[:half]) or text.endswith(query[-half:])}
