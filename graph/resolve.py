"""Cross-article entity resolution: one canonical entity per real-world person, place or organisation.

Rules, tried in order for every local entity (an entity as seen inside one article) against the entities built
so far, which start with the ones already in the store:

0. ``analyst merge`` / never — the analyst's overrides file (``newsgraph.graph.overrides``): an alias joins its
   canonical name first; a ``never`` pair is never put in one entity, whatever rule would join them;
1. ``same name`` — the normalised keys match (case, diacritics, titles, middle initials, possessives,
   "US"/"United States"), whatever type the model gave each mention (it tags "Kyiv" a person and "Eric Allen
   Kirkpatrick" an organisation in places; the vote over all mentions settles the type);
2. ``same surname`` — a person's lone surname (or same first name and surname) matches exactly one known person
   ("Williams" joins no one when Sam and Esther Williams are known); a lone surname the model tagged as an
   organisation still joins the person ("Trump" tagged ORG); a full name joins a lone surname seen before when no
   other person has that surname;
3. ``spelling variant`` — a fuzzy match (rapidfuzz ratio ≥ ``fuzzy_threshold``) of the keys that keeps the first
   or the last half of the name as written (``newsgraph.graph.spellings``), blocked on the first letter of the last
   word, with compatible types and first names ("Zelenskyy"/"Zelensky"); a lone word
   that matches two entities equally well ("Commission") joins neither;
4. ``short name`` — an organisation's acronym written in capitals ("AMA" = American Medical Association, "IBM" =
   International Business Machines Corp.) or a lone last word of exactly one organisation's name ("Chargers");
   never a first word, which names a company's product line as often as the company ("Microsoft Office"); a lone
   word met before the longer name joins it once the chunk is placed (``newsgraph.graph.lone_names``); before
   the rules 1-4, ``initials``: a short form written with the initials of a longer name's leading words ("INS
   Sukanya" / "Indian Naval Ship Sukanya") joins the one entity of that name (``newsgraph.graph.initials``);
5. ``role in another article`` — a role description an article does not settle ("the Russian leader" where it
   names no Russian leader) joins the one person the other articles within ``role_window_days`` name as holding
   that role ("President Vladimir V. Putin of Russia"), the sentence that says so logged as evidence;
6. ``analyst role`` — failing that, the one holder the analyst's roles file (``newsgraph.graph.roles``) gives for
   the article's date: the entity of that name whatever the model's type (the file names a person, and its line
   outweighs the model's tags, so the entity becomes a Person), else a new person. A description nothing settles
   stays unlinked (no entity).

Keys: ``newsgraph.graph.name_rules`` ("Comedian Ellen DeGeneres", "General Motors" with "GM", "Academy"); its
rule ``surname in the article`` joins a lone word to the article's one person it ends ("Jackman", tagged a place).

Precision: a lone surname joins a person only when exactly one known person has that surname; a full name never
joins through another entity's surname alias or by containment ("Sam Williams" / "Esther Williams", "Guinea" /
"Papua New Guinea"); company suffixes and spaced letters are normalised by ``name_key``.

Blocking: every candidate comes from an index (exact key, last word, acronym, first letter of the last word
searched by rapidfuzz in C), never from all pairs, so 1,000 articles resolve in well under a second. An ingest
indexes the stored entities once (``newsgraph.graph.entity_index.EntityIndex``) and updates the index after each
chunk instead of indexing every stored entity again for every chunk.

Policy for capitals and institutions: "Moscow said", "Washington agreed" stay the capitals (Place), "the Kremlin"
and "the White House" stay institutions (Organization): none is merged into the country or into the leader, and
the relation says who acted. Demonyms stand for their country ("Russian" → Russia), in-article
(``newsgraph.ingest.mentions``). Types are decided by a vote over every mention, so a person the model once
tagged ORG stays a person. Every decision is logged as a ``Merge`` with its rule and detail.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from newsgraph.graph.initials import Initials, written_short_keys
from newsgraph.graph.lone_names import given_name_only, join_named_later
from newsgraph.graph.name_rules import (
    across_types,
    article_surnames,
    assign_ids,
    cluster_entity,
    generation_clash,
    kept_apart,
    local_keys,
    name_similarity,
    same_first_name,
    short_names,
    titled_organisations,
)
from newsgraph.graph.overrides import Overrides
from newsgraph.graph.roles import RoleHolder, Roles, holder_in_other_articles
from newsgraph.ingest.name_marks import marks
from newsgraph.ingest.names import acronym, name_key, role_key
from newsgraph.model import ArticleAnalysis, Entity, LocalEntity, Merge, Resolution

if TYPE_CHECKING:
    from newsgraph.graph.entity_index import EntityIndex

COMPATIBLE = {
    frozenset({"Place", "Organization"}),  # "Washington agreed", "the Kremlin" tagged as a place
    frozenset({"Group", "Organization"}),
}


@dataclass
class _Cluster:
    keys: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)  # last words of its multi-word keys
    names: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    members: list[LocalEntity] = field(default_factory=list)
    known: Entity | None = None
    type: str = "Other"
    #: ``name_rules.cluster_marks``: how many names the marks were read from, and the marks.
    name_marks: tuple[int, dict[str, set[str]]] | None = None

    def vote(self, votes: dict[str, float]) -> None:
        self.votes.update(votes)
        self.type = max(self.votes.items(), key=lambda kv: kv[1])[0] if self.votes else "Other"

    @property
    def longest_key(self) -> str:
        return max(self.keys, key=lambda k: (len(k.split()), len(k)))


def resolve(analyses: Iterable[ArticleAnalysis], known: Sequence[Entity] = (), *,
            fuzzy_threshold: float = 88.0, overrides: Overrides | None = None, roles: Roles | None = None,
            role_window_days: int = 10, index: EntityIndex | None = None) -> Resolution:
    """Resolve the local entities of many articles into canonical entities.

    Args:
        analyses: the analysed articles.
        known: entities already in the store; a new mention that matches one joins it and keeps its id.
        fuzzy_threshold: the rapidfuzz ratio (0-100) at which two spellings count as one name.
        overrides: the analyst's overrides (``newsgraph.graph.overrides.load_overrides``): an alias joins its
            canonical name whatever the rules say (rule ``analyst merge``), and a ``never`` pair is never put in
            one entity (a rule that would merge them starts a new entity instead).
        roles: the analyst's roles file (``newsgraph.graph.roles.load_roles``), for role descriptions no article
            of the same days settles.
        role_window_days: how many days apart two articles may be for a role one of them names to settle a role
            description in the other (both must be dated).
        index: the stored entities already indexed (``newsgraph.graph.entity_index.EntityIndex``), instead of
            ``known``: an ingest builds it once and updates it after each chunk. The result is the one ``known``
            sorted by id gives; the index is left as it was.

    >>> from newsgraph.model import Article, ArticleAnalysis, LocalEntity
    >>> def art(i, *names):
    ...     ents = tuple(LocalEntity(i, n, name, "Person", (name,), (("Person", 1),)) for n, name in enumerate(names))
    ...     return ArticleAnalysis(Article(i, "x"), (), ents, ())
    >>> res = resolve([art("a", "Volodymyr Zelenskyy"), art("b", "Zelensky", "Donald Trump")])
    >>> sorted(e.name for e in res.entities)
    ['Donald Trump', 'Volodymyr Zelenskyy']
    """
    from newsgraph.graph.entity_index import EntityIndex  # it builds on this module's clusters

    if index is not None and known:
        raise ValueError("resolve() takes the stored entities as known or as an index, not both")
    view = (index or EntityIndex(known, by_id=False)).view()
    try:
        return _resolve(analyses, view, fuzzy_threshold, overrides, roles, role_window_days)
    finally:
        view.restore()


def _resolve(analyses, view, fuzzy_threshold, overrides, roles, role_window_days) -> Resolution:
    clusters = view.new  # the stored entities' clusters are in the index
    by_key = view.by_key
    by_block = view.by_block
    merges: list[tuple[_Cluster, LocalEntity, str, str, str]] = []
    overrides = overrides or Overrides()
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in overrides.never:
        partners[a].add(b)
        partners[b].add(a)

    by_short = view.by_short  # acronym / last word → clusters by id

    def index(cluster: _Cluster, keys: Iterable[str]) -> None:
        keys = set(keys) - cluster.keys
        cluster.surnames.update(k.rsplit(" ", 1)[1] for k in keys if " " in k)
        for key in keys:
            if key not in cluster.keys:
                cluster.keys.add(key)
                if key not in cluster.surnames:  # "williams" of Esther Williams: a surname
                    by_key.setdefault(key, cluster)
                by_block[_block(key)].add(key, cluster)
                for short in short_names(key):
                    by_short[short].setdefault(id(cluster), cluster)

    holders: dict[tuple[str, str], list[RoleHolder]] = defaultdict(list)
    described: list[tuple[LocalEntity, str]] = []
    initials = Initials()
    for analysis in sorted(analyses, key=lambda a: a.article.id):
        surnames, titled = article_surnames(analysis.entities), titled_organisations(analysis)
        for local in analysis.entities:
            if local.role:
                described.append((local, analysis.article.published))
                continue
            keys, main, person = local_keys(local, surnames, titled.get(local.local_id, ""))
            if not keys:
                continue
            # The names an analyst keeps apart from this entity's; not its own: an article that groups both names
            # of a never pair (its "Donald Trump" and its "Trump") could otherwise join no stored entity, and each
            # such article made one more.
            enemies = set().union(*(partners[k] for k in keys)) - keys if partners else set()

            ours = marks((local.name, *local.names)) if local.type == "Person" else {}

            def forcible(cluster: _Cluster, enemies=enemies, keys=keys) -> bool:  # what an analyst merge may join
                return not (enemies and enemies & cluster.keys) and not generation_clash(keys, cluster.keys)

            def allowed(cluster: _Cluster, local=local, keys=keys, ours=ours, forcible=forcible) -> bool:
                return forcible(cluster) and (not ours or not kept_apart(local, cluster, by_block, ours)) and \
                    not across_types(local, keys, cluster)

            target, rule, detail = _forced(keys, overrides, by_key, forcible)
            if target is None and person and by_key.get(person) is not None and allowed(by_key.get(person)):
                target, rule, detail = (by_key.get(person), "surname in the article",
                                        f"{local.name!r} ends the name of {person!r}, the article's only person of "
                                        "that surname")
            written = written_short_keys(analysis, local)
            if target is None and (found := initials.find(written, keys))[0] is not None and allowed(found[0]):
                target, rule, detail = found[0], "initials", found[1]
            if target is None:
                target, rule, detail = _match(local, main, keys, by_key, by_block, fuzzy_threshold, allowed)
            if target is None:
                target, rule, detail = _short_name(local, main, by_key, by_short, allowed)
            if overrides.merge:  # index the canonical name too, so that it joins this entity later
                keys |= {c for c in map(overrides.canonical, keys) if c}
            if target is None:
                target = _Cluster()
                clusters.append(target)
                rule, detail = "new", ""
            view.touch(target)
            target.members.append(local)
            target.names.update(local.names)
            votes = dict(local.type_votes) or {local.type: 1}
            if person or local.local_id in titled:  # the article's evidence outweighs the model's tag
                votes = {"Person" if person else "Organization": sum(votes.values())}
            target.vote(votes)
            index(target, keys)
            initials.add(target, written, keys)
            merges.append((target, local, rule, detail, local.source))
            for country, role, evidence in local.roles:
                if country:
                    holders[(name_key(country), role_key(role))].append(
                        RoleHolder(target, local.name, local.source, analysis.article.published, evidence))

    for local, published in described:  # role descriptions, once every named entity of the chunk is placed
        holder, detail = holder_in_other_articles(local, published, holders, role_window_days)
        target, rule = (holder.cluster, "role in another article") if holder is not None else (None, "")
        if target is None and roles:
            target, rule, detail = _analyst_role(local, published, roles, by_key)
            if target is not None and not view.holds(target):
                clusters.append(target)
                index(target, {name_key(n) for n in target.names})
        if target is None:
            continue  # nothing supports a holder: the description stays unlinked
        view.touch(target)
        if rule == "analyst role":  # the file names a person: its word outweighs the model's tags of the name
            target.vote({"Person": sum(target.votes.values()) + 1})
        target.members.append(local)
        merges.append((target, local, rule, detail, local.source))

    merges = join_named_later(clusters, merges, by_short, view.touch, index, lambda a, b: not (set().union(
        *(partners[k] for k in a.keys)) & b.keys) and not generation_clash(a.keys, b.keys))
    touched = view.stored_touched()
    ids = assign_ids([*touched, *clusters], view.index.is_stored)
    entities = view.index.resolved_entities({c.known.id: cluster_entity(c, c.known.id) for c in touched},
                                            [cluster_entity(c, ids[id(c)]) for c in clusters])
    assignment = {(m.source, m.local_id): ids[id(c)] for c in (*touched, *clusters) for m in c.members}
    log = []
    for cluster, local, rule, detail, source in merges:
        entity_id = ids[id(cluster)]
        log.append(Merge(entity_id, local.name, source, rule, detail))
        for other in local.names:
            if other != local.name:
                log.append(Merge(entity_id, other, source, "in-article name",
                                 f"{other!r} is a shorter or titled form of {local.name!r}"))
        evidence = "".join(f"; the article names {local.name!r} {role} of {country}: “{sentence}”" if country else
                           f"; the article titles {local.name!r} {role}, the only one: “{sentence}”"
                           for country, role, sentence in local.roles[:1])
        for description in () if local.role else local.descriptions:
            log.append(Merge(entity_id, description, source, "in-article description",
                             f"{description!r} describes {local.name!r}{evidence}"))
    return Resolution(entities, assignment, tuple(log))


def _analyst_role(local: LocalEntity, published: str, roles: Roles, by_key):
    """A role description joins the one holder the analyst's roles file gives for the article's date: the entity
    of the holder's name whatever type the model gave it (the caller makes it a person), else a new person."""
    country, role = local.role[0], local.role[1]
    lines = roles.holders(country, role, published)
    if len({name_key(r.holder) for r in lines}) != 1:
        return None, "", ""
    line = lines[0]
    cluster = by_key.get(name_key(line.holder))
    if cluster is None:
        cluster = _Cluster()
        cluster.names.update({line.holder: 1})
    return cluster, "analyst role", (f"{local.name!r} ({role} of {country}, {published or 'undated'}): "
                                     f"{line.origin} names {line.holder!r}")


def _forced(keys: set[str], overrides: Overrides, by_key, allowed):
    """An analyst merge: the local entity has an alias key; it joins the entity of the canonical name."""
    for key in sorted(keys):
        canonical = overrides.canonical(key)
        if canonical is None:
            continue
        cluster = by_key.get(canonical)
        detail = f"{key!r} → {canonical!r}" + (f" ({overrides.origin})" if overrides.origin else "")
        if cluster is not None and allowed(cluster):
            return cluster, "analyst merge", detail
        return None, "", ""
    return None, "", ""


def _match(local: LocalEntity, main: str, keys: set[str], by_key, by_block, threshold: float,
           allowed=lambda c: True):
    first = main.split()[0] if local.type == "Person" and len(main.split()) >= 2 else ""
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        cluster = by_key.get(key)
        if cluster is None or not allowed(cluster) or first and " " not in key and any(
                k.split()[0] != first for k in cluster.keys if len(k.split()) >= 2 and k.split()[-1] == key):
            continue  # "Esther Williams" joins no "Williams" that is already Reggie Williams
        if given_name_only(key, keys if local.type == "Person" else (), cluster):
            continue  # "Tony" of "Tony Thompson" is no other article's "Tony"
        return cluster, "same name", f"key {key!r}"
    words = main.split()
    block = by_block.get(_block(main))
    if block is None:
        return None, "", ""
    if local.type == "Person" or local.type == "Organization" and 1 <= len(words) <= 2:
        fits: dict[int, tuple[_Cluster, str]] = {}
        for n in block.persons_ending(words[-1]):
            key, cluster = block.entries[n]
            other = key.split()
            if (cluster.type == "Person" and len(other) >= 2 and (len(words) <= 2 or len(other) == 2) and (
                    len(words) == 1 or same_first_name(words[0], other[0])) and allowed(cluster)):
                fits.setdefault(id(cluster), (cluster, key))  # a middle name is no other person's
        if len(fits) == 1:
            cluster, key = next(iter(fits.values()))
            return cluster, "same surname", f"{local.name!r} ~ {key!r}, the only person of that surname"
        if len(fits) > 1 and len(words) == 1:
            return None, "", ""  # "Williams": Sam or Esther?
    if local.type == "Person" and len(words) >= 2:
        lone = by_key.get(words[-1])
        if (lone is not None and lone.type == "Person" and all(len(k.split()) == 1 for k in lone.keys)
                and not block.by_last.get(words[-1]) and allowed(lone)):
            return lone, "same surname", f"{local.name!r} ~ {words[-1]!r}, the only person of that surname"
    best, best_score, best_key, rivals = None, 0.0, "", set()
    # Only a lone word of a person can match a longer key by its last word: nothing else needs that search.
    for n in block.near(main, threshold, lasts=len(words) <= 1 and local.type == "Person"):
        key, cluster = block.entries[n]
        if len(key.split()) != len(words) and not (len(words) == 1 and local.type == cluster.type == "Person"):
            continue  # containment is no spelling variant: "Guinea" / "Papua New Guinea", "Sam Williams" / "Williams"
        if len(words) == 1 and given_name_only(key, (), cluster):
            continue
        score = name_similarity(main, key)
        if score >= threshold and _compatible(local, cluster) and allowed(cluster):
            if len(words) == 1:
                rivals.add(id(cluster))  # a lone word must fit one entity only
            if score > best_score:
                best, best_score, best_key = cluster, score, key
                rivals.add(id(cluster))
            elif score == best_score:
                rivals.add(id(cluster))
    if best is not None and len(rivals) > 1 and len(words) == 1:
        return None, "", ""  # "Commission": the European one or the Federal Trade one?
    if best is not None:
        return best, "spelling variant", f"{local.name!r} ~ {best_key!r} (ratio {best_score:.0f})"
    return None, "", ""


def _short_name(local: LocalEntity, main: str, by_key, by_short, allowed):
    """Organisations: an acronym written in capitals ("AMA") or a lone last word ("Chargers") joins the one
    organisation whose longer name it abbreviates, and a longer name joins the one acronym already seen."""
    if local.type != "Organization":
        return None, "", ""
    words = main.split()
    if len(words) == 1:
        in_capitals = any(n.isupper() and name_key(n) == main for n in local.names)
        candidates = [c for c in by_short.get(main, {}).values() if c.type == "Organization" and allowed(c)
                      and (in_capitals or not any(acronym(k) == main for k in c.keys))]
        if len(candidates) == 1:
            return candidates[0], "short name", f"{local.name!r} abbreviates {candidates[0].longest_key!r}"
        return None, "", ""
    short = acronym(main)
    cluster = by_key.get(short) if short else None
    if cluster is not None and cluster.type == "Organization" and allowed(cluster) and any(
            n.isupper() for n in cluster.names if name_key(n) == short):
        return cluster, "short name", f"{short!r} abbreviates {local.name!r}"
    return None, "", ""


def _compatible(local: LocalEntity, cluster: _Cluster) -> bool:
    a, b = local.type, cluster.type
    if a == b or frozenset({a, b}) in COMPATIBLE:
        return True
    votes = dict(local.type_votes)
    return votes.get(b, 0) > 0 or cluster.votes.get(a, 0) > 0


class _Block:
    """The keys whose last word starts with one letter, with indexes for the surname and spelling rules."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, _Cluster]] = []
        self.keys: list[str] = []
        self.lasts: list[str] = []
        self.by_last: dict[str, list[int]] = defaultdict(list)  # last word of a multi-word key → entries

    def add(self, key: str, cluster: _Cluster) -> None:
        words = key.split()
        if len(words) >= 2:
            self.by_last[words[-1]].append(len(self.entries))
        self.entries.append((key, cluster))
        self.keys.append(key)
        self.lasts.append(words[-1] if words else "")

    def persons_ending(self, word: str) -> list[int]:
        """Entries whose multi-word key ends in ``word``, persons' among them (the surname rule's candidates)."""
        return self.by_last.get(word, [])

    def near(self, key: str, threshold: float, lasts: bool = True) -> list[int]:
        """Entries whose whole key or (with ``lasts``) last word is within ``threshold`` of the key's (rapidfuzz,
        in C)."""
        last = key.split()[-1] if key.split() else ""
        hits = set()
        for query, choices in ((key, self.keys), (last, self.lasts))[:2 if lasts else 1]:
            hits |= {n for _, _, n in process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=threshold,
                                                      limit=None)}
        return sorted(hits)


def _block(key: str) -> str:
    words = key.split()
    return words[-1][:1] if words else ""
