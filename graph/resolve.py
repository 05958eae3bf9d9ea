"""Cross-article entity resolution: one canonical entity per real-world person, place or organisation.

Rules, tried in order for every local entity (an entity as seen inside one article) against the entities built
so far, which start with the ones already in the store:

1. ``same name`` — the normalised keys match (case, diacritics, titles, middle initials, possessives,
   "US"/"United States"), and the types are compatible or the name is one word (the small model tags "Kyiv" a
   person in places; the vote settles the type);
2. ``same surname`` — a person's lone surname (or same first name and surname) matches a known person; a lone
   surname the model tagged as an organisation still joins the person ("Trump" tagged ORG);
3. ``spelling variant`` — a fuzzy match (rapidfuzz ratio ≥ ``fuzzy_threshold``) of the keys, blocked on the
   first letter of the last word, with compatible types and first names ("Zelenskyy"/"Zelensky").

Capitals stay places and institutions stay institutions: "Washington" is not merged into the United States nor
"the Kremlin" into Vladimir Putin; the relation says who acted. Types are decided by vote over every mention.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsgraph.ingest.names import name_key, slug
from newsgraph.model import ArticleAnalysis, Entity, LocalEntity, Merge, Resolution

COMPATIBLE = {
    frozenset({"Place", "Organization"}),  # "Washington agreed", "the Kremlin" tagged as a place
    frozenset({"Group", "Organization"}),
}


@dataclass
class _Cluster:
    keys: set[str] = field(default_factory=set)
    names: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    members: list[LocalEntity] = field(default_factory=list)
    known: Entity | None = None

    @property
    def type(self) -> str:
        return self.votes.most_common(1)[0][0] if self.votes else "Other"

    @property
    def longest_key(self) -> str:
        return max(self.keys, key=lambda k: (len(k.split()), len(k)))


def resolve(analyses: Iterable[ArticleAnalysis], known: Sequence[Entity] = (), *,
            fuzzy_threshold: float = 88.0) -> Resolution:
    """Resolve the local entities of many articles into canonical entities.

    Args:
        analyses: the analysed articles.
        known: entities already in the store; a new mention that matches one joins it and keeps its id.
        fuzzy_threshold: the rapidfuzz ratio (0-100) at which two spellings count as one name.

    >>> from newsgraph.model import Article, ArticleAnalysis, LocalEntity
    >>> def art(i, *names):
    ...     ents = tuple(LocalEntity(i, n, name, "Person", (name,), (("Person", 1),)) for n, name in enumerate(names))
    ...     return ArticleAnalysis(Article(i, "x"), (), ents, ())
    >>> res = resolve([art("a", "Volodymyr Zelenskyy"), art("b", "Zelensky", "Donald Trump")])
    >>> sorted(e.name for e in res.entities)
    ['Donald Trump', 'Volodymyr Zelenskyy']
    """
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    by_block: dict[str, list[_Cluster]] = defaultdict(list)
    merges: list[tuple[_Cluster, LocalEntity, str, str, str]] = []

    def index(cluster: _Cluster, keys: Iterable[str]) -> None:
        for key in keys:
            if key not in cluster.keys:
                cluster.keys.add(key)
                by_key.setdefault(key, cluster)
                by_block[_block(key)].append(cluster)

    for entity in known:
        cluster = _Cluster(known=entity)
        cluster.names.update({entity.name: 2, **{a: 1 for a in entity.aliases}})
        cluster.votes[entity.type] += 3
        clusters.append(cluster)
        index(cluster, {name_key(n) for n in (entity.name, *entity.aliases)} - {""})

    for analysis in sorted(analyses, key=lambda a: a.article.id):
        for local in analysis.entities:
            keys = {name_key(n) for n in (local.name, *local.names)} - {""}
            if not keys:
                continue
            target, rule, detail = _match(local, keys, by_key, by_block, fuzzy_threshold)
            if target is None:
                target = _Cluster()
                clusters.append(target)
                rule, detail = "new", ""
            target.members.append(local)
            target.names.update(local.names)
            target.votes.update(dict(local.type_votes) or {local.type: 1})
            index(target, keys)
            merges.append((target, local, rule, detail, local.source))

    ids = _assign_ids(clusters)
    entities = tuple(sorted((_entity(c, ids[id(c)]) for c in clusters), key=lambda e: e.id))
    assignment = {(m.source, m.local_id): ids[id(c)] for c in clusters for m in c.members}
    log = []
    for cluster, local, rule, detail, source in merges:
        entity_id = ids[id(cluster)]
        log.append(Merge(entity_id, local.name, source, rule, detail))
        for other in local.names:
            if other != local.name:
                log.append(Merge(entity_id, other, source, "in-article name", f"{other!r} is a shorter or titled form of {local.name!r}"))
        for description in local.descriptions:
            log.append(Merge(entity_id, description, source, "in-article description", f"{description!r} describes {local.name!r}"))
    return Resolution(entities, assignment, tuple(log))


def _match(local: LocalEntity, keys: set[str], by_key, by_block, threshold: float):
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        cluster = by_key.get(key)
        if cluster is not None and (_compatible(local, cluster) or len(key.split()) == 1):
            return cluster, "same name", f"key {key!r}"
    main = name_key(local.name)
    words = main.split()
    if local.type in {"Person", "Organization"} and words:
        candidates = [c for c in by_block[_block(main)] if c.type == "Person"]
        for cluster in candidates:
            for key in sorted(cluster.keys):
                other = key.split()
                if len(other) >= 2 and other[-1] == words[-1] and (len(words) == 1 or words[0] == other[0]):
                    return cluster, "same surname", f"{local.name!r} ~ {key!r}"
    best, best_score, best_key = None, 0.0, ""
    for cluster in by_block[_block(main)]:
        if not _compatible(local, cluster):
            continue
        for key in cluster.keys:
            score = _name_similarity(main, key)
            if score >= threshold and score > best_score:
                best, best_score, best_key = cluster, score, key
    if best is not None:
        return best, "spelling variant", f"{local.name!r} ~ {best_key!r} (ratio {best_score:.0f})"
    return None, "", ""


def _name_similarity(a: str, b: str) -> float:
    """Similarity of two name keys; persons' first names must agree when both have one."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) and min(len(wa), len(wb)) > 1:
        return 0.0
    if len(wa) > 1 and len(wb) > 1 and fuzz.ratio(wa[0], wb[0]) < 80:
        return 0.0
    if len(wa) != len(wb):
        return fuzz.ratio(wa[-1], wb[-1]) if min(len(wa[-1]), len(wb[-1])) >= 5 else 0.0
    return fuzz.ratio(a, b) if min(len(a), len(b)) >= 5 else 0.0


def _compatible(local: LocalEntity, cluster: _Cluster) -> bool:
    a, b = local.type, cluster.type
    if a == b or frozenset({a, b}) in COMPATIBLE:
        return True
    votes = dict(local.type_votes)
    return votes.get(b, 0) > 0 or cluster.votes.get(a, 0) > 0


def _block(key: str) -> str:
    words = key.split()
    return words[-1][:1] if words else ""


def _canonical_name(cluster: _Cluster) -> str:
    if cluster.known is not None and name_key(cluster.known.name) == cluster.longest_key:
        return cluster.known.name
    longest = cluster.longest_key
    candidates = [n for n in cluster.names if name_key(n) == longest] or list(cluster.names)
    return max(candidates, key=lambda n: (cluster.names[n], n[:1].isupper(), -len(n), n))


def _assign_ids(clusters: list[_Cluster]) -> dict[int, str]:
    ids: dict[int, str] = {}
    used = {c.known.id for c in clusters if c.known is not None}
    for cluster in clusters:
        if cluster.known is not None:
            ids[id(cluster)] = cluster.known.id
    for cluster in sorted((c for c in clusters if c.known is None), key=lambda c: (-sum(c.names.values()), c.longest_key)):
        base = slug(_canonical_name(cluster))
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        ids[id(cluster)] = candidate
    return ids


def _entity(cluster: _Cluster, entity_id: str) -> Entity:
    name = _canonical_name(cluster)
    aliases = tuple(sorted(set(cluster.names) - {name}))
    return Entity(entity_id, name, cluster.type, aliases)
