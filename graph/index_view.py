"""The entity index as one resolution sees it: the stored entries first, then what the resolution adds, in layers
of its own that ``IndexView.restore`` undoes (``newsgraph.graph.entity_index.EntityIndex.view``).

A stored entity's cluster is kept immutable in the index (a frozenset of keys, a tuple of surnames, plain dicts of
names and votes, no members): ``IndexView.touch`` gives the cluster of one a mention joins mutable copies and keeps the
originals, which ``restore`` puts back.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.graph.resolve import _Block, _Cluster

if TYPE_CHECKING:
    from newsgraph.graph.entity_index import EntityIndex, _BaseBlock


@dataclass
class _Saved:
    """A stored entity's cluster as the index holds it (immutable: a frozenset, a tuple, plain dicts)."""
    keys: AbstractSet[str]
    surnames: Iterable[str]
    names: Mapping[str, int]
    votes: Mapping[str, float]
    type: str


class IndexView:
    """The index as one resolution sees it: the stored entries first, then what the resolution adds."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self.by_key = _KeyView(index.by_key)
        # the multi-word keys of stored entities, not persons when stored, that a mention joined (it may make them
        # persons): letter → last word → positions
        self.unlisted: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.by_block = _BlocksView(index.blocks, self.unlisted)
        self.by_short = _ShortView(index.by_short)
        self.new: list[_Cluster] = []
        self.touched: dict[int, tuple[_Cluster, _Saved]] = {}

    def touch(self, cluster: _Cluster) -> None:
        """Note a stored entity's cluster before a mention changes it, to undo the change afterwards."""
        if cluster.known is not None and id(cluster) not in self.touched:
            if cluster.type != "Person":
                for letter, position in self.index._where[cluster.known.id]:
                    key = self.index.blocks[letter].texts[position]
                    words = key.split() if key is not None else []
                    if len(words) >= 2:
                        self.unlisted[letter][words[-1]].add(position)
            self.touched[id(cluster)] = (cluster, _Saved(cluster.keys, cluster.surnames, cluster.names, cluster.votes,
                                                         cluster.type))
            cluster.keys, cluster.surnames = set(cluster.keys), set(cluster.surnames)
            cluster.names, cluster.votes, cluster.members = Counter(cluster.names), Counter(cluster.votes), []

    def holds(self, cluster: _Cluster) -> bool:
        return cluster.known is not None or any(c is cluster for c in self.new)

    def stored_touched(self) -> list[_Cluster]:
        """The stored entities' clusters a mention joined, in the index's order."""
        clusters = [c for c, _ in self.touched.values()]
        return sorted(clusters, key=lambda c: self.index._rank[c.known.id])  # type: ignore[union-attr,return-value,arg-type]

    def restore(self) -> None:
        for cluster, saved in self.touched.values():
            cluster.keys, cluster.surnames = saved.keys, saved.surnames  # type: ignore[assignment]
            cluster.names, cluster.votes, cluster.type = saved.names, saved.votes, saved.type  # type: ignore[assignment]
            cluster.members = ()  # type: ignore[assignment]
        self.touched = {}


class _KeyView:
    def __init__(self, base: dict[str, _Cluster]) -> None:
        self.base = base
        self.added: dict[str, _Cluster] = {}

    def get(self, key: str) -> _Cluster | None:
        found = self.base.get(key)
        return found if found is not None else self.added.get(key)

    def setdefault(self, key: str, cluster: _Cluster) -> None:
        if key not in self.base:
            self.added.setdefault(key, cluster)


class _ShortView:
    def __init__(self, base: dict[str, dict[int, _Cluster]]) -> None:
        self.base = base
        self.added: dict[str, dict[int, _Cluster]] = defaultdict(dict)

    def get(self, short: str, default: dict[int, _Cluster]) -> dict[int, _Cluster]:
        base, added = self.base.get(short), self.added.get(short)
        if base is None and added is None:
            return default
        return {**(base or {}), **(added or {})}

    def __getitem__(self, short: str) -> dict[int, _Cluster]:
        return self.added[short]


class _BlockView:
    """One block: the stored entries (positions below ``offset``), then the resolution's own."""

    def __init__(self, base: _BaseBlock | None, added: _Block | None, more: dict[str, set[int]]) -> None:
        self.base, self.added, self.more = base, added, more
        self.offset = len(base) if base is not None else 0
        self.entries = self
        self.by_last = self

    def __getitem__(self, position: int) -> tuple[str, _Cluster]:
        if position < self.offset:
            entry = self.base.entry(position)  # type: ignore[union-attr]
            assert entry is not None
            return entry
        return self.added.entries[position - self.offset]  # type: ignore[union-attr]

    def get(self, word: str, default: Iterable[int] = ()) -> list[int]:
        out = self.base.with_last(word) if self.base is not None else []
        if self.added is not None:
            out += [self.offset + n for n in self.added.by_last.get(word, ())]
        return out

    def persons_ending(self, word: str) -> list[int]:
        """A superset of the entries of persons whose multi-word key ends in ``word``: the stored persons', the
        stored entities' a mention joined, and the resolution's own."""
        out = self.base.persons_ending(word, self.more.get(word, ())) if self.base is not None else []
        if self.added is not None:
            out += [self.offset + n for n in self.added.by_last.get(word, ())]
        return out

    def near(self, key: str, threshold: float, lasts: bool = True) -> list[int]:
        out = self.base.near(key, threshold, lasts) if self.base is not None else []
        if self.added is not None:
            out += [self.offset + n for n in self.added.near(key, threshold, lasts)]
        return out


class _BlocksView:
    def __init__(self, base: dict[str, _BaseBlock], unlisted: dict[str, dict[str, set[int]]]) -> None:
        self.base, self.unlisted = base, unlisted
        self.added: dict[str, _Block] = defaultdict(_Block)

    def get(self, letter: str) -> _BlockView | None:
        base, added = self.base.get(letter), self.added.get(letter)
        if base is None and added is None:
            return None
        return _BlockView(base, added, self.unlisted.get(letter, {}))

    def __getitem__(self, letter: str) -> _Block:
        return self.added[letter]
