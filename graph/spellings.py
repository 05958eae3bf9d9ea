"""A set of strings searchable by ``fuzz.ratio`` at a threshold without scoring every one of them.

>>> spellings = Spellings(88.0)
>>> for n, text in enumerate(["volodymyr zelenskyy", "vladimir putin", "donald trump"]):
...     spellings.add(text, n)
>>> spellings.near("volodymyr zelensky", 88.0), spellings.near("donald tusk", 88.0)
({0}, set())
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from operator import itemgetter

from rapidfuzz import fuzz, process

_Probe = tuple[Callable[[str], tuple[str, ...]], tuple[dict[int, str], ...]]
SEPARATOR = "\n"  # between the strings of one piece (a string that holds it is always scored)


class Spellings:
    """Strings (each at some entry positions) searchable by ``fuzz.ratio`` without a pass over all of them.

    ``fuzz.ratio(a, b) >= t`` bounds the insertions and deletions ``d`` that turn ``b`` into ``a``
    (``d <= (1 - t/100) (len(a) + len(b))``). Cut the start of ``b`` into more pieces than the most edits any ``a``
    may need: one piece is left whole with exactly as many edits before it as its number ``n`` (and at most
    ``d - n`` after it), so it appears in ``a`` no more than ``n`` characters from where it is in ``b`` and no more
    than ``d - n`` from where the length difference would put it. ``d`` has the parity of the length difference
    (each character of the longer string left over is one deletion, the rest come in pairs), so for strings of
    equal length an odd bound is one less. The strings one of whose pieces is such
    a substring of the query include every match, and rapidfuzz scores only those (the pigeonhole filter of
    Pass-Join, Li et al. 2011, with its multi-match-aware windows).

    The pieces are kept by the shape of the cut (piece size and count, which the length decides), so that a query
    looks up a few dozen substrings whatever the number of strings; the lookups for one query length are prepared
    once (the substrings' slices and the tables they are looked up in), and the search runs them in C.

    A piece's table is keyed by the piece's hash, an int, not by the piece: a table of str keys keeps no hashes, so
    each probe of a lookup that finds nothing (two lookups in three) reads a stored key's string from memory to
    compare hashes; one of int keys compares the hash it keeps beside the key. Two pieces with one hash only bring
    strings the scoring then rejects. A piece's strings are kept as one string, joined by ``SEPARATOR``: one object
    read in one piece where a tuple's strings are each read apart; a search joins the ones it finds and splits them
    into the list rapidfuzz scores (a string two pieces find is scored twice, in C, which costs less than a
    merge). A piece's string is built again when a string joins or leaves it, which costs little: most hold a few
    strings. With 50,000 stored entities the tables are read from memory far more than from the processor's caches,
    so what a search reads is much of its time: the same searches in a loop took 38-39 ms against 42-48 ms with
    str keys and tuples.
    """

    def __init__(self, threshold: float) -> None:
        self.where: dict[str, tuple[int, ...]] = {}  # tuples of ints: no object for the garbage collector
        self.threshold = threshold  # the pieces are cut for one threshold (cut again for a search at another)
        # (piece size, piece count, piece no) → hash of the piece → its strings, joined; a table once made stays (the
        # probes hold it). The hashes are this process's (str hashes are salted): the tables are never pickled.
        self.pieces: dict[tuple[int, int, int], dict[int, str]] = {}
        self.whole: set[str] = set()  # too short to cut: always scored
        self._probes: dict[int, _Probe] = {}  # query length → its lookups at this threshold

    def add(self, text: str, position: int) -> None:
        places = self.where.get(text)
        if places is None:
            self.where[text] = (position,)
            if 1 < self.threshold <= 100:
                self._cut(text, add=True)
        elif position not in places:
            self.where[text] = (*places, position)

    def remove(self, text: str, position: int) -> None:
        places = tuple(p for p in self.where[text] if p != position)
        if places:
            self.where[text] = places
            return
        del self.where[text]
        if 1 < self.threshold <= 100:
            self._cut(text, add=False)

    def _cut(self, text: str, *, add: bool) -> None:
        cut = _cut(len(text), self.threshold)
        if cut is None or SEPARATOR in text:
            (self.whole.add if add else self.whole.discard)(text)
            return
        size, count = cut
        for n in range(count):
            table = self._table((size, count, n))
            piece = hash(text[n * size:(n + 1) * size])
            if add:
                strings = table.get(piece)
                # a string is cut once: never twice in one piece's strings
                table[piece] = text if strings is None else strings + SEPARATOR + text
            else:
                strings = table[piece]
                if strings == text:
                    del table[piece]
                else:
                    kept = strings.split(SEPARATOR)
                    kept.remove(text)
                    table[piece] = SEPARATOR.join(kept)

    def _table(self, shape: tuple[int, int, int]) -> dict[int, str]:
        table = self.pieces.get(shape)
        if table is None:
            table = self.pieces[shape] = {}
        return table

    def _probe(self, length: int) -> _Probe:
        """The substrings a query of ``length`` looks up, as one C-level slicer, and the tables, in order."""
        places = _places(length, self.threshold)
        slices = [slice(at, at + size) for size, _, _, at in places]
        slicer: Callable[[str], tuple[str, ...]]
        if len(slices) > 1:
            slicer = itemgetter(*slices)
        else:
            def slicer(query: str) -> tuple[str, ...]:  # itemgetter of one slice returns no tuple
                return tuple(query[s] for s in slices)
        probe = self._probes[length] = (slicer, tuple(self._table((size, count, n)) for size, count, n, _ in places))
        return probe

    def near(self, query: str, threshold: float) -> set[int]:
        """The positions of the strings whose ``fuzz.ratio`` with ``query`` is at least ``threshold``."""
        if not self.where or threshold > 100:
            return set()
        if threshold <= 1:
            candidates = list(self.where)
        else:
            if threshold != self.threshold:
                self.threshold, self.pieces, self.whole, self._probes = threshold, {}, set(), {}
                for text in self.where:
                    self._cut(text, add=True)
            slicer, tables = self._probes.get(len(query)) or self._probe(len(query))
            found = SEPARATOR.join(filter(None, map(dict.get, tables, map(hash, slicer(query)))))
            candidates = [*self.whole, *found.split(SEPARATOR)] if found else list(self.whole)
        hits: set[int] = set()
        if not candidates:
            return hits
        for text, _, _ in process.extract(query, candidates, scorer=fuzz.ratio, score_cutoff=threshold, limit=None):
            hits.update(self.where[text])
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
def _places(length: int, threshold: float) -> tuple[tuple[int, int, int, int], ...]:
    """Where a query of ``length`` may hold the whole piece of a match that has as many edits before it as its
    number: (piece size, piece count, piece number, position).

    A match of length m, ``edits`` insertions and deletions away, has a whole piece with exactly as many edits
    before it as its number n (the first piece k whose edits, with those before it, fall short of k + 1). So that
    piece moved by no more than n, by no more than ``edits - n`` from where the length difference would put it,
    and by no more than the insertions (or deletions) between the two allow.
    """
    share = threshold / 100
    places = set()
    for other in range(max(int(length * share / (2 - share)) - 1, 0), int(length * (2 - share) / share) + 2):
        cut = _cut(other, threshold)
        edits, delta = int((1 - share) * (length + other) + 1e-6), length - other
        edits -= (edits - delta) % 2  # insertions and deletions number the length difference plus an even count
        if cut is None or abs(delta) > edits:
            continue
        size, count = cut
        low, high = -((edits - delta) // 2), (edits + delta) // 2
        for n in range(min(count, edits + 1)):
            start = n * size
            for at in range(max(0, start + low, start + delta - edits + n, start - n),
                            min(length - size, start + high, start + delta + edits - n, start + n) + 1):
                places.add((size, count, n, at))
    return tuple(sorted(places))
