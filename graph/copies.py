"""Near-duplicate sources: syndicated wire copies and light rewrites of one article, found as articles arrive.

An article's text becomes a set of word shingles (runs of ``SHINGLE_WORDS`` words of the text in Unicode NFKC,
case-folded: punctuation, spacing, case and how an accent is encoded do not count) and a MinHash signature of that
set (``datasketch``: ``NUM_PERM`` permutations from the fixed seed ``SEED``, hashing scheme ``SCHEME``, so a
signature is the same in every run and on every machine). Two articles are copies when the estimated share of the
shorter one's shingles that the other one has (containment, from the signatures' Jaccard estimate and the two
shingle counts) reaches the threshold: a wire story cut short by one outlet is still a copy of the full one, while
two reports that quote the same statement are not. Candidates come from an LSH index over the signatures (banded for
the Jaccard that the threshold means at a length ratio of ``MIN_LENGTH_RATIO``), and each candidate is checked on
its signature. Two articles at one address (``url_key``: the URL without its scheme, ``www.``, fragment, trailing
slash and tracking parameters) are two versions of one article, an outlet's update of its story: they are copies
whatever their words (``Copy.same_url``).

Copies are joined into groups, the connected components of the copy pairs; a group is named after its earliest
member (by published date, unknown dates last, then id), and a copy points to the earlier article of its pair.
A fact's ``independent_sources`` is the number of groups among its sources.

Incremental: stored sources keep their signature, shingle count, shingling version, group and URL
(``Source.minhash``, ``Source.shingles``, ``Source.shingling``, ``Source.copy_group``, ``Source.url``), and
``CopyIndex`` starts from them, so a new article is compared with every stored one. Pairs do not depend on the order
articles arrive in, so one run or several give the same copies and groups.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

#: Words per shingle.
SHINGLE_WORDS = 5
#: The version of the rule that turns a text into shingles, stored with each signature (``Source.shingling``): 2
#: normalises the text (NFKC, case folding) first; a signature stored without it was made from the text as it came.
SHINGLING = 2
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

#: Invisible characters that can sit inside a word in a web copy (soft hyphen, zero-width joiners, word joiner,
#: byte-order mark): dropped before the text is cut into words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200c\u200d\u2060\ufeff"))
#: Query parameters that track a reader rather than name an article, dropped from a URL's key (and any ``utm_*``).
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
    "ocid", "cmpid", "smid", "ref_src", "at_medium", "at_campaign", "at_custom1", "at_custom2", "cmp", "s_cid",
})
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class Fingerprint:
    """What copy detection keeps of an article: its id, ISO date ("" when unknown), MinHash signature, number of
    distinct shingles, for a stored source its group ("" for a new article), and its address (``url_key``)."""

    source: str
    published: str
    signature: tuple[int, ...]
    shingles: int
    group: str = ""
    #: The article's ``url_key`` ("" when it has no URL).
    url: str = ""


@dataclass(frozen=True)
class Copy:
    """``source`` is a copy of ``original`` (the earlier of the two) with the given containment; ``same_url`` when
    the two have one address (two versions of one article, a copy whatever their containment)."""

    source: str
    original: str
    similarity: float
    same_url: bool = False


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
    """The word shingles of a text: every run of ``size`` words (a shorter text is one shingle) of the text in
    NFKC, case-folded, so an accent written as a letter and a combining mark, a ligature or a full-width letter is
    the same word as its usual form. A combining mark left over belongs to its word.

    >>> sorted(shingles("Klitschko stopped Thompson, in Bern!", size=3))
    ['klitschko stopped thompson', 'stopped thompson in', 'thompson in bern']
    >>> shingles("Two words", size=3), shingles(" ... ")
    ({'two words'}, set())
    >>> shingles("Pedro Sa\u0301nchez", size=2) == shingles("PEDRO SÁNCHEZ", size=2) == {"pedro sánchez"}
    True
    """
    words = _word().findall(normalise(text))
    if not words:
        return set()
    return {" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}


def normalise(text: str) -> str:
    """A text as shingles see it: NFKC, case-folded, without the invisible characters that split a word.

    >>> normalise("Ma\u0301laga \ufb01nal Stra\u00dfe co\u00adoperate")
    'málaga final strasse cooperate'
    """
    folded = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).casefold()
    return unicodedata.normalize("NFKC", folded)


def url_key(url: str) -> str:
    """The address of an article, the same for every way of writing it: host (lower case, without ``www.`` and a
    default port) and path (without a trailing slash), with the query's parameters sorted, less those that track a
    reader (``utm_*``, ``fbclid``, ...); no scheme, no fragment. "" for no URL, and for a site's front page (no
    path and no query), which many articles may give.

    >>> url_key("https://www.Example.com/news/acme-globex/?utm_source=x&id=7#top")
    'example.com/news/acme-globex?id=7'
    >>> url_key("http://example.com:80/news/acme-globex?id=7") == url_key("example.com/news/acme-globex?id=7")
    True
    >>> url_key("https://www.example.com/"), url_key(""), url_key("not a url")
    ('', '', '')
    """
    text = url.strip()
    if not text:
        return ""
    if not _SCHEME.match(text) and not text.startswith("//"):
        text = "//" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").rstrip(".")
    if not host or " " in host:
        return ""
    host = host.removeprefix("www.")
    if port and not (port == 80 and parts.scheme in {"http", ""} or port == 443 and parts.scheme in {"https", ""}):
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=~%").rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMETERS)
    if not path and not query:
        return ""
    return host + path + (f"?{urlencode(query)}" if query else "")


def fingerprint(source: str, text: str, published: str = "", url: str = "") -> Fingerprint:
    """The fingerprint of an article's text (and its address, ``url_key``).

    >>> a = fingerprint("a", "The champion stopped the challenger in the sixth round on Saturday night.")
    >>> len(a.signature), a.shingles
    (128, 8)
    >>> a == fingerprint("a", "the CHAMPION stopped the challenger -- in the sixth round, on Saturday night")
    True
    """
    found = shingles(text)
    if not found:
        return Fingerprint(source, published, (), 0, url=url_key(url))
    minhash = _minhash()
    minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    return Fingerprint(source, published, tuple(int(v) for v in minhash.hashvalues), len(found), url=url_key(url))


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
        self._by_url: dict[str, set[str]] = {}
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
            for other, score, same_url in found:
                first, later = sorted((article, self._known[other]), key=lambda f: order_key(f.published, f.source))
                copies[(later.source, first.source)] = Copy(later.source, first.source, score, same_url)
                touched |= self._join(article.source, other)
        fresh = set(new)
        regrouped = sorted(s for s in touched - fresh if self._group[s] != self._written.get(s, s))
        groups = {s: self._group[s] for s in (*new, *regrouped)}
        self._written.update(groups)
        return CopyAssignment(tuple(copies[k] for k in sorted(copies)), tuple(sorted(groups.items())),
                              tuple(regrouped), tuple(articles))

    def _copies_of(self, article: Fingerprint) -> list[tuple[str, float, bool]]:
        """The known articles ``article`` is a copy of or has the address of: (id, containment, same address)."""
        candidates = set(self._by_url.get(article.url, ())) if article.url else set()
        if article.signature and len(article.signature) == NUM_PERM:
            candidates |= set(self._lsh.query(_lean(article.signature)))
        found = []
        for other in sorted(candidates - {article.source}):
            known = self._known[other]
            score = similarity(article, known)
            same_url = bool(article.url) and article.url == known.url
            if same_url or score >= self.threshold:
                found.append((other, score, same_url))
        return found

    def _add(self, item: Fingerprint, group: str) -> None:
        self._known[item.source] = item
        self._group[item.source] = group
        self._members.setdefault(group, set()).add(item.source)
        if item.url:
            self._by_url.setdefault(item.url, set()).add(item.source)
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


@lru_cache(maxsize=1)
def _word() -> re.Pattern[str]:
    """A word: a run of word characters and combining marks (which ``\\w`` leaves out, so a mark NFKC cannot
    join to its letter would split the word). Marks lie in planes 0, 1 and 14; the class is built on first use."""
    planes = (*range(0x20000), *range(0xE0000, min(0xE1000, sys.maxunicode + 1)))
    marks = [c for c in planes if unicodedata.category(chr(c)).startswith("M")]
    ranges: list[list[int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    spans = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return re.compile(f"[\\w{spans}]+")


def _lean(signature: Sequence[int]):
    import numpy as np
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.array(signature, dtype=np.uint32), scheme=SCHEME)
