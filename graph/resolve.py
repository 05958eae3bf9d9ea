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

Blocking (rules 1-4 are ``newsgraph.graph.candidates``): every candidate comes from an index (exact key, last
word, acronym, first letter of the last word searched by rapidfuzz in C), never from all pairs, so 1,000 articles
resolve in well under a second. An ingest indexes the stored entities once
(``newsgraph.graph.entity_index.EntityIndex``) and updates the index after each
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

from newsgraph.graph.candidates import COMPATIBLE as COMPATIBLE, _Block as _Block, _block, _match, _short_name
from newsgraph.graph.initials import Initials, written_short_keys
from newsgraph.graph.lone_names import join_named_later
from newsgraph.graph.name_rules import (
    across_types,
    article_surnames,
    assign_ids,
    cluster_entity,
    generation_clash,
    kept_apart,
    local_keys,
    short_names,
    titled_organisations,
)
from newsgraph.graph.overrides import Overrides
from newsgraph.graph.roles import RoleHolder, Roles, holder_in_other_articles
from newsgraph.ingest.name_marks import marks
from newsgraph.ingest.names import name_key, role_key
from newsgraph.model import ArticleAnalysis, Entity, LocalEntity, Merge, Resolution

if TYPE_CHECKING:
    from newsgraph.graph.entity_index import EntityIndex


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
