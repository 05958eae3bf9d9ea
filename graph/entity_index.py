"""The stored entities, indexed once per ingest for resolution and updated with each chunk's entities.

``resolve`` looks a local entity up by exact key, by the first letter of its last word (the spelling and surname
rules) and by acronym or last word (the short-name rule). Building those indexes from every stored entity costs
about a tenth of a millisecond an entity; an ingest builds them once (``EntityIndex(store.known_entities())``) and,
after each chunk, ``update``s the entities the chunk created or changed. ``resolve(analyses, index=index)`` then
costs what the chunk's own mentions cost, however many entities are stored.

A resolution against the index is the one ``resolve(analyses, known)`` gives with the same entities passed as
``known`` sorted by id: the same entities, assignment and merge log. Where two stored entities share a key, the
one with the smaller id answers for it, and spelling variants that score alike are taken in id order.

The index lives as long as the ingest, so it is built to give Python's cyclic garbage collector little to walk:
its tables hold tuples of strings and ints rather than sets and lists (the collector stops tracking a tuple of
atoms), a block's keys and clusters are two lists rather than a tuple apiece, and a stored entity's cluster holds
a frozenset, a tuple and plain dicts of atoms rather than sets, Counters and a list (``newsgraph.graph.index_view``
gives the cluster of one a mention joins mutable copies for the resolution). With 50,000 stored entities the
collector tracks about 170,000 of its objects, not 700,000. A full collection still reads every reference of the
large tables: an ingest keeps them out of its walks (``newsgraph.gcpause.freezing``); the index itself freezes
nothing, as it cannot know what else the process holds or how long it lives.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

from newsgraph.graph.index_view import IndexView
from newsgraph.graph.name_rules import canonical_name, entity_keys, short_names
from newsgraph.graph.resolve import _block, _Cluster, cluster_entity
from newsgraph.graph.spellings import Spellings
from newsgraph.model import Entity


class EntityIndex:
    """Stored entities indexed for resolution; ``update`` adds new entities and replaces changed ones.

    >>> index = EntityIndex([Entity("donald-trump", "Donald Trump", "Person")])
    >>> len(index), index.key_owner("donald trump")
    (1, 'donald-trump')
    >>> index.update([Entity("donald-trump", "Donald Trump", "Person", ("Trump",)), Entity("kyiv", "Kyiv", "Place")])
    >>> len(index), index.key_owner("kyiv")
    (2, 'kyiv')
    """

    def __init__(self, known: Iterable[Entity] = (), *, by_id: bool = True, fuzzy_threshold: float = 88.0,
                 counts: Mapping[str, Mapping[str, int]] | None = None) -> None:
        self._clusters: dict[str, _Cluster] = {}
        self._rank: dict[str, Hashable] = {}  # precedence among entities that share a key: the id (or input order)
        self._where: dict[str, tuple[tuple[str, int], ...]] = {}  # id → its block entries (letter, position)
        self._owners: dict[str, tuple[str, ...]] = {}  # key → ids that hold it (not as a mere surname)
        self.by_key: dict[str, _Cluster] = {}
        self.blocks: dict[str, _BaseBlock] = {}
        self.by_short: dict[str, dict[int, _Cluster]] = defaultdict(dict)
        self._ids: list[str] = []  # sorted
        self._resolved: list[Entity] = []  # what each stored entity resolves to when no mention joins it
        self._by_id = by_id
        self._threshold = fuzzy_threshold  # the spelling search is prepared for it (any other works, slower)
        # entity id → name → the sources that wrote it (``name_counts``): the weight of each stored name
        self._counts: dict[str, dict[str, int]] = {k: dict(v) for k, v in (counts or {}).items()}
        entities = list(known)
        if by_id:
            entities.sort(key=lambda e: e.id)
        for n, entity in enumerate(entities):
            self._add(entity, entity.id if by_id else n)
        order = sorted(range(len(entities)), key=lambda n: entities[n].id)
        self._ids = [entities[n].id for n in order]
        self._resolved = [self._fresh_entity(entities[n]) for n in order]

    def __len__(self) -> int:
        return len(self._clusters)

    def key_owner(self, key: str) -> str | None:
        """The id of the stored entity a name key resolves to by the ``same name`` rule, if any."""
        cluster = self.by_key.get(key)
        return cluster.known.id if cluster is not None and cluster.known is not None else None

    def update(self, entities: Iterable[Entity], counts: Mapping[str, Mapping[str, int]] | None = None) -> None:
        """Add entities not indexed yet and replace the ones with an id already indexed (their new name, type and
        aliases), as if the index were built again from all of them; ``counts`` are the sources that wrote each
        name in the chunk (``name_counts.graph_name_counts``), added to the stored ones.

        What it costs is the chunk's: an entity stored as it is given is left alone (a chunk passes every entity it
        mentions, most of them unchanged), and the new ones join the sorted ids in one merge, not one insertion
        (each a move of every id after it) apiece."""
        if not self._by_id:
            raise ValueError("an index in input order cannot be updated; build it with by_id=True")
        added: dict[str, Entity] = {}  # new ids → what they resolve to when no mention joins them
        for entity_id, chunk in (counts or {}).items():
            stored = self._counts.setdefault(entity_id, {})
            for name, n in chunk.items():
                stored[name] = stored.get(name, 0) + n
        for entity in entities:
            cluster = self._clusters.get(entity.id)
            if cluster is not None:
                if cluster.known == entity and not (counts and entity.id in counts):
                    continue  # indexed as it is: building the index again would index it the same way
                self._remove(entity.id)
            self._add(entity, entity.id)
            fresh = self._fresh_entity(entity)
            if entity.id in added:
                added[entity.id] = fresh
                continue
            i = bisect.bisect_left(self._ids, entity.id)
            if i < len(self._ids) and self._ids[i] == entity.id:
                self._resolved[i] = fresh
            else:
                added[entity.id] = fresh
        if added:
            self._ids, self._resolved = _merged(self._ids, self._resolved, added)
        for letter, block in self.blocks.items():
            block.compact_if_sparse(letter, self._where)

    def view(self) -> IndexView:
        """A per-resolution view: what a resolution adds goes to layers of its own, undone by ``IndexView.restore``."""
        return IndexView(self)

    def resolved_entities(self, replaced: dict[str, Entity], added: list[Entity]) -> tuple[Entity, ...]:
        """Every stored entity as resolved (``replaced`` by id where mentions joined it) and the ``added`` ones,
        sorted by id."""
        out = list(self._resolved)
        for entity_id, entity in replaced.items():
            out[bisect.bisect_left(self._ids, entity_id)] = entity
        if not added:
            return tuple(out)
        merged: list[Entity] = []
        start = 0
        for entity in sorted(added, key=lambda e: e.id):
            i = bisect.bisect_right(self._ids, entity.id)
            merged.extend(out[start:i])
            merged.append(entity)
            start = i
        merged.extend(out[start:])
        return tuple(merged)

    def is_stored(self, entity_id: str) -> bool:
        return entity_id in self._clusters

    def _fresh_entity(self, entity: Entity) -> Entity:
        """What a stored entity resolves to when no mention joins it: most often the entity itself, kept rather
        than an equal copy (one object fewer an entity for memory and the garbage collector)."""
        resolved = cluster_entity(_fresh(entity, self._counts.get(entity.id)), entity.id)
        return entity if resolved == entity else resolved

    def _add(self, entity: Entity, rank: Hashable) -> None:
        cluster = _fresh(entity, self._counts.get(entity.id))
        self._clusters[entity.id] = cluster
        self._rank[entity.id] = rank
        where = []
        # a new set, as the index has always taken them (its order of iteration is the precedence among the
        # entity's keys, ``intra`` below, and a copy made by a set operation may iterate in another order)
        keys = entity_keys((entity.name, *entity.aliases), entity.type) - set()
        surnames = {k.rsplit(" ", 1)[1] for k in keys if " " in k}
        for intra, key in enumerate(keys):  # the order resolve's own indexing takes them in
            if key not in surnames:
                self._owners[key] = (*self._owners.get(key, ()), entity.id)
                self._elect(key)
            letter = _block(key)
            block = self.blocks.get(letter)
            if block is None:
                block = self.blocks[letter] = _BaseBlock(self._threshold)
            where.append((letter, block.add(key, cluster, (rank, intra))))
            for short in short_names(key):
                self.by_short[short].setdefault(id(cluster), cluster)
        self._where[entity.id] = tuple(where)
        cluster.keys, cluster.surnames = frozenset(keys), tuple(surnames)  # type: ignore[assignment]

    def _remove(self, entity_id: str) -> None:
        cluster = self._clusters.pop(entity_id)
        for key in cluster.keys:
            owners = self._owners.get(key)
            if owners and entity_id in owners:
                self._owners[key] = tuple(o for o in owners if o != entity_id)
                self._elect(key)
            for short in short_names(key):
                clusters = self.by_short.get(short)
                if clusters is not None:
                    clusters.pop(id(cluster), None)
                    if not clusters:
                        del self.by_short[short]
        for letter, position in self._where.pop(entity_id):
            self.blocks[letter].kill(position)
        del self._rank[entity_id]

    def _elect(self, key: str) -> None:
        owners = self._owners.get(key)
        if not owners:
            self._owners.pop(key, None)
            self.by_key.pop(key, None)
            return
        self.by_key[key] = self._clusters[min(owners, key=self._rank.__getitem__)]  # type: ignore[arg-type]


def _merged(ids: list[str], values: list[Entity], added: dict[str, Entity]) -> tuple[list[str], list[Entity]]:
    """The sorted ``ids`` (with their ``values``) and the ``added`` ones (none of them among ``ids``), sorted.

    >>> _merged(["a", "c"], [Entity("a", "A", "Other"), Entity("c", "C", "Other")], {"b": Entity("b", "B", "Other")})[0]
    ['a', 'b', 'c']
    """
    out_ids: list[str] = []
    out_values: list[Entity] = []
    start = 0
    for entity_id in sorted(added):
        i = bisect.bisect_left(ids, entity_id, start)
        out_ids += ids[start:i]
        out_values += values[start:i]
        out_ids.append(entity_id)
        out_values.append(added[entity_id])
        start = i
    out_ids += ids[start:]
    out_values += values[start:]
    return out_ids, out_values


def _fresh(entity: Entity, counts: Mapping[str, int] | None = None) -> _Cluster:
    """The cluster resolution starts a stored entity with: its names, each counted as often as sources wrote it
    (``counts``, ``name_counts``; an alias at least once), the stored name at least twice and, should the counts
    name it otherwise (an analyst's canonical name), as often as the best of them; its type.

    A stored name with no counts is counted twice, each alias once.

    >>> from newsgraph.graph.name_rules import canonical_name
    >>> lee = Entity("t", "Ann Lee", "Person", ("Anne Lee",))
    >>> [_fresh(lee, c).names for c in (None, {"Ann Lee": 4, "Anne Lee": 1})]
    [{'Ann Lee': 2, 'Anne Lee': 1}, {'Ann Lee': 4, 'Anne Lee': 1}]
    >>> canonical_name(_fresh(Entity("t", "Ann Lee", "Person", ("Anne Lee",)), {"Ann Lee": 1, "Anne Lee": 3}))
    'Ann Lee'

    Its names and votes are plain dicts and it has no members, as a tuple: an index of many stored entities keeps
    them for the whole ingest, and dicts of strings and numbers and empty tuples are no work for the garbage
    collector, as Counters and lists are (``IndexView.touch`` gives a cluster a mention joins mutable copies).
    """
    cluster = _Cluster(known=entity, type=entity.type)
    counts = counts or {}
    cluster.names = {entity.name: max(2, counts.get(entity.name, 0)),  # type: ignore[assignment]
                     **{a: max(1, counts.get(a, 0)) for a in entity.aliases if a != entity.name}}
    if counts and canonical_name(cluster) != entity.name:  # the stored name stays the name until mentions join
        cluster.names[entity.name] = max(cluster.names.values()) + 1
    cluster.votes = {entity.type: 3}  # type: ignore[assignment]
    cluster.members = ()  # type: ignore[assignment]
    return cluster


class _BaseBlock:
    """The stored keys whose last word starts with one letter; removed entries stay as gaps until compaction."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        # the entries: key and cluster at each position, in two lists rather than a tuple apiece (a tuple that
        # holds a cluster is one more object for the garbage collector to walk)
        self.texts: list[str | None] = []
        self.clusters: list[_Cluster | None] = []
        self.order: list[tuple] = []  # (entity rank, position among its keys): resolve's precedence
        self.keys: dict[int, Spellings] = {}  # by the key's number of words (resolve compares only equal counts)
        self.lasts = Spellings(threshold)
        # positions as tuples of ints, which the collector leaves alone (sets it walks)
        self.by_last: dict[str, tuple[int, ...]] = {}  # multi-word keys by last word
        self.persons_by_last: dict[str, tuple[int, ...]] = {}  # those of entities stored as persons
        self.dead = 0

    def __len__(self) -> int:
        return len(self.texts)

    def entry(self, position: int) -> tuple[str, _Cluster] | None:
        """The key and cluster at ``position``; None where an entry was removed."""
        text, cluster = self.texts[position], self.clusters[position]
        return None if text is None or cluster is None else (text, cluster)

    def add(self, key: str, cluster: _Cluster, order: tuple) -> int:
        words = key.split()
        position = len(self.texts)
        if len(words) >= 2:
            self.by_last[words[-1]] = (*self.by_last.get(words[-1], ()), position)
            if cluster.type == "Person":
                self.persons_by_last[words[-1]] = (*self.persons_by_last.get(words[-1], ()), position)
        self.texts.append(key)
        self.clusters.append(cluster)
        self.order.append(order)
        self._keys(len(words)).add(key, position)
        self.lasts.add(words[-1] if words else "", position)
        return position

    def kill(self, position: int) -> None:
        key = self.texts[position]
        if key is None:
            return
        words = key.split()
        for by_last in (self.by_last, self.persons_by_last) if len(words) >= 2 else ():
            kept = tuple(p for p in by_last.get(words[-1], ()) if p != position)
            if kept:
                by_last[words[-1]] = kept
            else:
                by_last.pop(words[-1], None)
        self._keys(len(words)).remove(key, position)
        self.lasts.remove(words[-1] if words else "", position)
        self.texts[position] = self.clusters[position] = None
        self.dead += 1

    def compact_if_sparse(self, letter: str, where: dict[str, tuple[tuple[str, int], ...]]) -> None:
        """Drop the gaps once they are half the block, renumbering the positions ``where`` records."""
        if self.dead < 1000 or self.dead * 2 < len(self.texts):
            return
        live = [(n, entry, self.order[n]) for n in range(len(self.texts)) if (entry := self.entry(n)) is not None]
        self.__init__(self.threshold)  # type: ignore[misc]
        moved = {old: self.add(key, cluster, order) for old, (key, cluster), order in live}
        for entity_id in {cluster.known.id for _, (_, cluster), _ in live if cluster.known is not None}:
            where[entity_id] = tuple((at, moved[p] if at == letter else p) for at, p in where[entity_id])

    def _keys(self, words: int) -> Spellings:
        spellings = self.keys.get(words)
        if spellings is None:
            spellings = self.keys[words] = Spellings(self.threshold)
        return spellings

    def near(self, key: str, threshold: float, lasts: bool = True) -> list[int]:
        """Entries whose whole key, of as many words, or (with ``lasts``) last word is within ``threshold`` of the
        key's, in resolve's order.

        A spelling variant of a longer or shorter key is only ever a lone person's word against a surname, which
        the last words find; so the whole keys searched are those of the same number of words."""
        spellings = self.keys.get(len(key.split()))
        hits = spellings.near(key, threshold) if spellings is not None else set()
        if lasts:
            hits |= self.lasts.near(key.split()[-1] if key.split() else "", threshold)
        return sorted(hits, key=self.order.__getitem__)

    def with_last(self, word: str) -> list[int]:
        return sorted(self.by_last.get(word, ()), key=self.order.__getitem__)

    def persons_ending(self, word: str, more: Iterable[int] = ()) -> list[int]:
        """The multi-word keys ending in ``word`` of entities stored as persons (and the ``more`` entries), in
        resolve's order."""
        return sorted({*self.persons_by_last.get(word, ()), *more}, key=self.order.__getitem__)
