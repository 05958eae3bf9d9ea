"""A set of strings searchable by ``fuzz.ratio`` at a threshold in two lookups, whatever the number of strings.

>>> spellings = Spellings(88.0)
>>> for n, text in enumerate(["volodymyr zelenskyy", "vladimir putin", "donald trump"]):
...     spellings.add(text, n)
>>> spellings.near("volodymyr zelensky", 88.0), spellings.near("donald tusk", 88.0)
({0}, set())
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator

from rapidfuzz import fuzz, process

SEPARATOR = "\n"  # between the strings of one entry (a string that holds it is always scored)


class Spellings:
    """Strings (each at some entry positions) searchable by ``fuzz.ratio`` without a pass over all of them.

    A search finds the strings within the threshold of the query that keep the first half of the query as written
    or its last half (``len(query) // 2`` characters): a spelling variant of a name changes it in one place or in
    places close together ("Zelenskyy" / "Zelensky", "mobilisation" / "mobilization", "Kirkpatrick" /
    "Kirkpatric"), so one end of it stays. A string that differs from the query at both ends is not found even when
    it scores above the threshold; of the 68 pairs of names of the ECB+ dev and MEANTIME graphs that score 88 or
    more with as many words, one does so ("delhi" / "delphi", which is no spelling variant), and none of the
    benchmarks' resolutions changes.

    Each string is kept under its first and its last ``h`` characters for every half length ``h`` of a query that
    can reach the threshold with it (``fuzz.ratio(a, b) >= t`` bounds the length difference: ``|len(a) - len(b)|
    <= (1 - t/100) (len(a) + len(b))``), so a query looks up two entries, one per end, in one table, and scores
    (in C, by rapidfuzz) the few strings they hold. An earlier index, exact against a pass over every string (the
    pigeonhole filter of Pass-Join), looked up ~35 pieces of each query and scored the ~80 stored strings they
    reached: with 50,000 stored entities that was all of what a chunk's resolution paid over an empty store's
    (``benchmarks/resolution_scale.py``).

    The table is keyed by the hash of the entry, an int (a table of str keys keeps no hashes, so a probe that finds
    nothing reads a stored key's string to compare; two entries with one hash only bring strings the scoring then
    rejects), and an entry's strings are kept as one string joined by ``SEPARATOR``: one object to read.
    """

    def __init__(self, threshold: float) -> None:
        self.where: dict[str, tuple[int, ...]] = {}  # tuples of ints: no object for the garbage collector
        self.threshold = threshold  # the entries are made for one threshold (made again for a search at another)
        # hash of an end entry → its strings, joined. The hashes are this process's (str hashes are salted): the
        # table is never pickled.
        self.ends: dict[int, str] = {}
        self.whole: set[str] = set()  # strings that hold the separator: always scored

    def add(self, text: str, position: int) -> None:
        places = self.where.get(text)
        if places is None:
            self.where[text] = (position,)
            if 1 < self.threshold <= 100:
                self._enter(text, add=True)
        elif position not in places:
            self.where[text] = (*places, position)

    def remove(self, text: str, position: int) -> None:
        places = tuple(p for p in self.where[text] if p != position)
        if places:
            self.where[text] = places
            return
        del self.where[text]
        if 1 < self.threshold <= 100:
            self._enter(text, add=False)

    def _enter(self, text: str, *, add: bool) -> None:
        if SEPARATOR in text:
            (self.whole.add if add else self.whole.discard)(text)
            return
        table = self.ends
        for entry in _entries(text, self.threshold):
            if add:
                strings = table.get(entry)
                # a string is entered once under each end entry: never twice in one entry's strings
                table[entry] = text if strings is None else strings + SEPARATOR + text
            else:
                strings = table[entry]
                if strings == text:
                    del table[entry]
                else:
                    kept = strings.split(SEPARATOR)
                    kept.remove(text)
                    table[entry] = SEPARATOR.join(kept)

    def near(self, query: str, threshold: float) -> set[int]:
        """The positions of the strings whose ``fuzz.ratio`` with ``query`` is at least ``threshold`` and that keep
        its first or its last half as written (class notes); every string within the threshold at a threshold of
        1 or less."""
        if not self.where or threshold > 100:
            return set()
        half = len(query) // 2
        if threshold <= 1 or not half:
            candidates = list(self.where)
        else:
            if threshold != self.threshold:
                self.threshold, self.ends, self.whole = threshold, {}, set()
                for text in self.where:
                    self._enter(text, add=True)
            get = self.ends.get
            first, last = get(_entry("<", query[:half])), get(_entry(">", query[-half:]))
            found = f"{first}{SEPARATOR}{last}" if first and last else first or last
            candidates = [*self.whole, *found.split(SEPARATOR)] if found else list(self.whole)
        hits: set[int] = set()
        if not candidates:
            return hits
        for text, _, _ in process.extract(query, candidates, scorer=fuzz.ratio, score_cutoff=threshold, limit=None):
            hits.update(self.where[text])
        return hits


def _entry(side: str, end: str) -> int:
    """The table key of one end of a string: its side and its characters (the length is theirs)."""
    return hash(side + end)


def _entries(text: str, threshold: float) -> Iterator[int]:
    """The end entries ``text`` is kept under: its first and last ``h`` characters for each half length ``h`` of a
    query that may reach ``threshold`` with it."""
    for half in _halves(len(text), threshold):
        yield _entry("<", text[:half])
        yield _entry(">", text[-half:])


@functools.lru_cache(maxsize=4096)
def _halves(length: int, threshold: float) -> tuple[int, ...]:
    """The half lengths (at least 1, at most ``length``) of the queries whose length allows ``fuzz.ratio`` of
    ``threshold`` with a string of ``length``: from ``length * t / (2 - t)`` to ``length * (2 - t) / t`` characters,
    ``t`` the threshold over 100.

    >>> _halves(20, 88.0), _halves(10, 88.0), _halves(1, 88.0)
    ((8, 9, 10, 11, 12), (4, 5, 6), ())
    """
    share = threshold / 100
    shortest = math.ceil(length * share / (2 - share) - 1e-9)
    longest = math.floor(length * (2 - share) / share + 1e-9)
    return tuple(sorted({h for h in (q // 2 for q in range(shortest, longest + 1)) if 1 <= h <= length}))
