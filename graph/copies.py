"""Near-duplicate sources: syndicated wire copies and light rewrites of one article, found as articles arrive.

An article's text becomes a set of word shingles (runs of ``SHINGLE_WORDS`` lower-cased words; punctuation,
spacing and case do not count) and a MinHash signature of that set (``datasketch``: ``NUM_PERM`` permutations from
the fixed seed ``SEED``, hashing scheme ``SCHEME``, so a signature is the same in every run and on every machine). Two
articles are copies when the estimated share of the shorter one's shingles that the other one has (containment,
from the signatures' Jaccard estimate and the two shingle counts) reaches the threshold: a wire story cut short by
one outlet is still a copy of the full one, while two reports that quote the same statement are not. Candidates
come from an LSH index over the signatures (banded for the Jaccard that the threshold means at a length ratio of
``MIN_LENGTH_RATIO``), and each candidate is checked on its signature.

Copies are joined into groups, the connected components of the copy pairs; a group is named after its earliest
member (by published date, unknown dates last, then id), and a copy points to the earlier article of its pair.
A fact's ``independent_sources`` is the number of groups among its sources.

Incremental: stored sources keep their signature, shingle count and group (``Source.minhash``,
``Source.shingles``, ``Source.copy_group``), and ``CopyIndex`` starts from them, so a new article is compared with
every stored one. Pairs do not depend on the order articles arrive in, so one run or several give the same copies
and groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Words per shingle.
SHINGLE_WORDS = 5
#: MinHash permutations (the length of a stored signature) and their seed. Changing either makes stored
#: signatures incomparable with new ones.
NUM_PERM = 128
SEED = 1
#: datasketch's hashing scheme (32-bit SHA-1 hashes, affine permutations), named so that a new default of the
#: library cannot change the signatures.
SCHEME = "affine32"
#: Default containment at which two articles are copies (chosen on ECB+; see the README, Benchmarks).
DEFAULT_THRESHOLD = 0.5
#: The shortest article, relative to the other of a pair, whose copies the LSH index is banded to find.
MIN_LENGTH_RATIO = 0.25

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What copy detection keeps of an article: its id, ISO date ("" when unknown), MinHash signature, number of
    distinct shingles and, for a stored source, its group ("" for a new article)."""

    source: str
    published: str
    signature: tuple[int, ...]
    shingles: int
    group: str = ""


@dataclass(frozen=True)
class Copy:
    """``source`` is a copy of ``original`` (the earlier of the two) with the given containment."""

    source: str
    original: str
    similarity: float


@dataclass(frozen=True)
class CopyAssignment:
    """What one batch of new articles changed: the copy pairs found for them, the group of each new article and
    of each stored source whose group changed (source, group), those stored sources, and the new articles'
    fingerprints."""

    copies: tuple[Copy, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()
    regrouped: tuple[str, ...] = ()
    fingerprints: tuple[Fingerprint, ...] = ()

    def group_of(self, source: str) -> str:
        """The group of ``source`` after this batch (the source itself when it is in no group here)."""
        return dict(self.groups).get(source, source)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word shingles of a text: every run of ``size`` lower-cased words (a shorter text is one shingle).

    >>> sorted(shingles("Klitschko stopped Thompson, in Bern!", size=3))
    ['klitschko stopped thompson', 'stopped thompson in', 'thompson in bern']
    >>> shingles("Two words", size=3), shingles(" ... ")
    ({'two words'}, set())
    """
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    return {" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}


def fingerprint(source: str, text: str, published: str = "") -> Fingerprint:
    """The fingerprint of an article's text.

    >>> a = fingerprint("a", "The champion stopped the challenger in the sixth round on Saturday night.")
    >>> len(a.signature), a.shingles
    (128, 8)
    >>> a == fingerprint("a", "the CHAMPION stopped the challenger -- in the sixth round, on Saturday night")
    True
    """
    found = shingles(text)
    if not found:
        return Fingerprint(source, published, (), 0)
    minhash = _minhash()
    minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    return Fingerprint(source, published, tuple(int(v) for v in minhash.hashvalues), len(found))


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """The estimated share of the smaller shingle set that the other one holds (0 to 1, to three decimals).

    >>> text = "Wladimir Klitschko stopped Tony Thompson in the sixth round to keep his heavyweight titles on Saturday."
    >>> a = fingerprint("a", text + " The Ukrainian champion dropped Thompson again in the sixth round.")
    >>> similarity(a, fingerprint("b", text)) > 0.8, similarity(a, fingerprint("c", "A different story."))
    (True, 0.0)
    """
    if not a.signature or not b.signature or len(a.signature) != len(b.signature):
        return 0.0
    jaccard = sum(x == y for x, y in zip(a.signature, b.signature)) / len(a.signature)
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return round(min(1.0, shared / min(a.shingles, b.shingles)), 3)


def order_key(published: str, source: str) -> tuple[str, str]:
    """How articles are ordered to tell a copy from its original: by date (unknown dates last), then id.

    >>> sorted([order_key("", "a"), order_key("2012-07-08", "b"), order_key("2012-07-07", "c")])
    [('2012-07-07', 'c'), ('2012-07-08', 'b'), ('\\uffff', 'a')]
    """
    return (published or "\uffff", source)


class CopyIndex:
    """The fingerprints known so far, in an LSH index, with the copy groups; updated as articles arrive."""

    def __init__(self, stored: Iterable[Fingerprint] = (), *, threshold: float = DEFAULT_THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands(_band_jaccard(threshold)))
        self._known: dict[str, Fingerprint] = {}
        self._group: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        #: The group each known source has in the store (or will have once the last assignment is written).
        self._written: dict[str, str] = {}
        for item in sorted(stored, key=lambda f: f.source):
            self._add(item, item.group or item.source)
            self._written[item.source] = item.group or item.source

    def __len__(self) -> int:
        return len(self._known)

    def group_of(self, source: str) -> str:
        return self._group.get(source, source)

    def assign(self, articles: Sequence[Fingerprint]) -> CopyAssignment:
        """Compare each article (in order) with every one known, add it, and join the groups of its copies."""
        copies: dict[tuple[str, str], Copy] = {}
        touched: set[str] = set()
        new: list[str] = []
        for article in articles:
            found = self._copies_of(article)
            if article.source not in self._known:
                self._add(article, article.source)
            new.append(article.source)
            for other, score in found:
                first, later = sorted((article, self._known[other]), key=lambda f: order_key(f.published, f.source))
                copies[(later.source, first.source)] = Copy(later.source, first.source, score)
                touched |= self._join(article.source, other)
        fresh = set(new)
        regrouped = sorted(s for s in touched - fresh if self._group[s] != self._written.get(s, s))
        groups = {s: self._group[s] for s in (*new, *regrouped)}
        self._written.update(groups)
        return CopyAssignment(tuple(copies[k] for k in sorted(copies)), tuple(sorted(groups.items())),
                              tuple(regrouped), tuple(articles))

    def _copies_of(self, article: Fingerprint) -> list[tuple[str, float]]:
        if not article.signature or len(article.signature) != NUM_PERM:
            return []
        found = []
        for other in sorted(self._lsh.query(_lean(article.signature))):
            if other == article.source:
                continue
            score = similarity(article, self._known[other])
            if score >= self.threshold:
                found.append((other, score))
        return found

    def _add(self, item: Fingerprint, group: str) -> None:
        self._known[item.source] = item
        self._group[item.source] = group
        self._members.setdefault(group, set()).add(item.source)
        if item.signature and len(item.signature) == NUM_PERM:
            self._lsh.insert(item.source, _lean(item.signature), check_duplication=False)

    def _join(self, a: str, b: str) -> set[str]:
        """Join the groups of ``a`` and ``b`` under their earliest member; the members of the joined group."""
        ga, gb = self._group[a], self._group[b]
        if ga == gb:
            return set()
        members = self._members.pop(ga) | self._members.pop(gb)
        first = min(members, key=lambda s: order_key(self._known[s].published, s))
        for source in members:
            self._group[source] = first
        self._members[first] = members
        return members


def _band_jaccard(threshold: float) -> float:
    """The Jaccard similarity at which the LSH index is banded: that of two articles whose shorter one, at
    ``MIN_LENGTH_RATIO`` of the other's length, has ``threshold`` of its shingles in the other.

    >>> round(_band_jaccard(0.5), 3)
    0.111
    """
    c, r = threshold, MIN_LENGTH_RATIO
    return max(0.05, min(0.95, c * r / (1 + r - c * r)))


@lru_cache(maxsize=8)
def _bands(jaccard: float) -> tuple[int, int]:
    """The bands and rows per band datasketch chooses for ``jaccard`` (an integration it runs in each new index;
    done once here)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=jaccard, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _minhash():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)


def _lean(signature: Sequence[int]):
    import numpy as np
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.array(signature, dtype=np.uint32), scheme=SCHEME)
