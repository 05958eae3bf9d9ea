"""A set of strings searchable by ``fuzz.ratio`` at a threshold without scoring every one of them.

>>> spellings = Spellings(88.0)
>>> for n, text in enumerate(["volodymyr zelenskyy", "vladimir putin", "donald trump"]):
...     spellings.add(text, n)
>>> spellings.near("volodymyr zelensky", 88.0), spellings.near("donald tusk", 88.0)
({0}, set())
"""

from __future__ import annotations

import functools
from collections import defaultdict

from rapidfuzz import fuzz, process


class Spellings:
    """Strings (each at some entry positions) searchable by ``fuzz.ratio`` without a pass over all of them.

    ``fuzz.ratio(a, b) >= t`` bounds the insertions and deletions ``d`` that turn ``b`` into ``a``
    (``d <= (1 - t/100) (len(a) + len(b))``). Cut the start of ``b`` into more pieces than the most edits any ``a``
    may need: one piece is left whole and appears in ``a`` a few characters from where it is in ``b``. So the
    strings one of whose pieces is such a substring of the query include every match, and rapidfuzz scores only
    those (the pigeonhole filter of Pass-Join, Li et al. 2011).
    """

    def __init__(self, threshold: float) -> None:
        self.where: dict[str, set[int]] = {}
        self.threshold = threshold  # the pieces are cut for one threshold (cut again for a search at another)
        self.pieces: dict[tuple[int, int, str], set[str]] = defaultdict(set)  # (piece size, piece no, piece) → strings
        self.whole: set[str] = set()  # too short to cut: always scored

    def add(self, text: str, position: int) -> None:
        places = self.where.get(text)
        if places is None:
            places = self.where[text] = set()
            if 1 < self.threshold <= 100:
                self._cut(text, add=True)
        places.add(position)

    def remove(self, text: str, position: int) -> None:
        places = self.where[text]
        places.discard(position)
        if not places:
            del self.where[text]
            if 1 < self.threshold <= 100:
                self._cut(text, add=False)

    def _cut(self, text: str, *, add: bool) -> None:
        cut = _cut(len(text), self.threshold)
        if cut is None:
            (self.whole.add if add else self.whole.discard)(text)
            return
        size, count = cut
        for n in range(count):
            key = (size, n, text[n * size:(n + 1) * size])
            if add:
                self.pieces[key].add(text)
            else:
                self.pieces[key].discard(text)
                if not self.pieces[key]:
                    del self.pieces[key]

    def near(self, query: str, threshold: float) -> set[int]:
        """The positions of the strings whose ``fuzz.ratio`` with ``query`` is at least ``threshold``."""
        if not self.where or threshold > 100:
            return set()
        if threshold <= 1:
            candidates = set(self.where)
        else:
            if threshold != self.threshold:
                self.threshold, self.pieces, self.whole = threshold, defaultdict(set), set()
                for text in self.where:
                    self._cut(text, add=True)
            get = self.pieces.get
            found = [get((size, n, query[at:at + size])) for size, n, at in _places(len(query), threshold)]
            candidates = self.whole.union(*(f for f in found if f))
        hits: set[int] = set()
        if not candidates:
            return hits
        for text, _, _ in process.extract(query, list(candidates), scorer=fuzz.ratio, score_cutoff=threshold,
                                          limit=None):
            hits |= self.where[text]
        return hits


@functools.lru_cache(maxsize=4096)
def _cut(length: int, threshold: float) -> tuple[int, int] | None:
    """(size, count) of the pieces a string of ``length`` is cut into from its start, one more than the edits a
    match at ``threshold`` may need with any string; None when it is too short for that."""
    share = threshold / 100
    longest = int(length * (2 - share) / share) + 1
    count = int((1 - share) * (length + longest) + 1e-6) + 1
    size = length // count
    return (size, count) if size else None


@functools.lru_cache(maxsize=4096)
def _places(length: int, threshold: float) -> tuple[tuple[int, int, int], ...]:
    """Where a query of ``length`` may hold a whole piece of a match: (piece size, piece number, position).

    The first whole piece (number n) of a string of length m has n edits before it: it moved by no more than
    the insertions (or deletions) between the two allow, and by no more than ``edits - n`` from where the length
    difference would put it.
    """
    share = threshold / 100
    places = set()
    for other in range(max(int(length * share / (2 - share)) - 1, 0), int(length * (2 - share) / share) + 2):
        cut = _cut(other, threshold)
        edits, delta = int((1 - share) * (length + other) + 1e-6), length - other
        if cut is None or abs(delta) > edits:
            continue
        size, count = cut
        low, high = -((edits - delta) // 2), (edits + delta) // 2
        for n in range(min(count, edits + 1)):
            start = n * size
            for at in range(max(0, start + low, start + delta - edits + n),
                            min(length - size, start + high, start + delta + edits - n) + 1):
                places.add((size, n, at))
    return tuple(sorted(places))
