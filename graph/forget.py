"""Forget what ingesting some sources wrote, so that they can be ingested again as if for the first time.

``ingest --force`` analyses sources whose text is stored again (a new version of newsgraph, another model, an
overrides or roles file), and a rerun completes sources whose write was cut off before their ledger row. Writing
the new analysis over the old one would keep whatever of the old one the new one does not repeat: a relation whose
ends the new resolution names differently would keep its counts with no evidence, and the first run's mentions,
event reports and merge log rows would stay beside the second's. So their ingest first, per source:

- takes it out of the ledger (``sha256``): interrupted after this, a rerun ingests it again;
- takes out its ``Evidence`` nodes (with their links to events and speakers), its ``MENTIONS`` and ``REPORTS``,
  and the merge log rows (``Resolution``) of its mentions (those of ``resolve --overrides`` name a file and stay);
  a source left unfinished may have relations and event participations its evidence and reports do not lead to
  (a refused statement: FalkorDB's MULTI/EXEC does not roll back), which are found by their ``sources``, events
  nothing reports, and entities only its merge log rows lead to;
- recomputes what those fed: every relation its evidence supported gets the aggregates of the evidence left
  (``moves.relation_statements``) or goes when none is left; events, entities and concepts it touched get their
  counts again, and go when nothing is left at them (an event no source reports; a participation no source names;
  an entity or concept with no mention and no relationship but merge log rows).

What stays is what comes of the text alone, which is the same text (a text under a stored id with another text is
refused before this): the ``Source`` node and its properties, its story (``IN_STORY``), its copy links and
fingerprint (for an unfinished source given a corrected text, the first text's). What the store keeps only as a
merged whole is not taken apart either: a surviving entity's type, and the participations a version before
stored without their sources; the new analysis MERGEs into them. A surviving entity's aliases lose those no
mention or merge log row left gives, and its name, if nothing left gives it, becomes the alias left resolution
would choose.

Each batch of sources is one unit: one transaction (Neo4j), one MULTI/EXEC (FalkorDB).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from newsgraph.graph import cypher, reresolve_cypher as rc
from newsgraph.graph.moves import Part, evidence_of_relations, relation_statements, relations_of_evidence
from newsgraph.graph.name_rules import canonical_name
from newsgraph.graph.resolve import _Cluster
from newsgraph.graph.store import GraphStore, Statement, chunks
from newsgraph.ingest.names import name_key

#: The entities and concepts sources mention.
MENTIONED_BY_SOURCES = """
UNWIND $ids AS id
MATCH (:Source {id: id})-[:MENTIONS]->(n)
RETURN DISTINCT n.id AS id, 'Concept' IN labels(n) AS concept
"""

#: The entities the sources' merge log rows resolve to: a write whose mentions were refused (MULTI/EXEC does not
#: roll back) left entities that only these rows lead to.
LOGGED_BY_SOURCES = """
UNWIND $ids AS id
MATCH (:Resolution {source: id})-[:RESOLVES_TO]->(e:Entity)
RETURN DISTINCT e.id AS id
"""

#: The events sources report, with those events' participants (the role, and the sources that name it so).
REPORTED_BY_SOURCES = """
UNWIND $ids AS id
MATCH (:Source {id: id})-[:REPORTS]->(v:Event)
OPTIONAL MATCH (v)-[p:HAS_PARTICIPANT]->(e:Entity)
RETURN DISTINCT v.id AS event, e.id AS entity, p.role AS role, p.sources AS sources
"""

#: The entities' names, types and aliases, and the texts of each source's mentions of them.
ENTITY_TEXTS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (s:Source)-[m:MENTIONS]->(e)
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, s.id AS source, m.texts AS texts
"""

#: The names the merge log resolves to the entities, with the source whose ingest logged each (and whether the row
#: stays whatever is taken out: the analyst's, which name a file).
ENTITY_LOG_NAMES = """
UNWIND $ids AS id
MATCH (m:Resolution)-[:RESOLVES_TO]->(e:Entity {id: id})
RETURN e.id AS id, m.alias AS alias, m.source AS source,
       m.override_alias IS NOT NULL OR coalesce(m.rule, '') = 'analyst never' AS kept
"""

SET_NAMES = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.name = row.name, e.aliases = row.aliases
"""

#: Which sources name a participation, once some no longer do.
SET_PARTICIPANT_SOURCES = """
UNWIND $rows AS row
MATCH (:Event {id: row.event})-[p:HAS_PARTICIPANT]->(:Entity {id: row.entity})
WHERE p.role = row.role
SET p.sources = row.sources
"""

#: The relations whose ``sources`` name some sources: a write that stored a relation but not its evidence
#: (FalkorDB's MULTI/EXEC does not roll back) left no other way to them. Reads every relationship.
RELATIONS_NAMING_SOURCES = """
MATCH (a)-[r]->(b)
WHERE r.sources IS NOT NULL AND any(s IN r.sources WHERE s IN $ids) AND (a:Entity OR a:Concept)
  AND (b:Entity OR b:Concept)
RETURN r.id AS id, type(r) AS type, r.predicate AS predicate, a.id AS subject, b.id AS object,
       'Concept' IN labels(a) AS subject_concept, 'Concept' IN labels(b) AS object_concept
"""

#: The participations whose ``sources`` name some sources, and the events nothing reports: what a write whose
#: reports were refused left (MULTI/EXEC does not roll back). Each reads every participation, or every event.
PARTICIPATIONS_NAMING_SOURCES = """
MATCH (v:Event)-[p:HAS_PARTICIPANT]->(e:Entity)
WHERE p.sources IS NOT NULL AND any(s IN p.sources WHERE s IN $ids)
RETURN v.id AS event, e.id AS entity, p.role AS role, p.sources AS sources
"""

UNREPORTED_EVENTS = """
MATCH (v:Event)
OPTIONAL MATCH (v)<-[r:REPORTS]-(:Source)
WITH v, count(r) AS told
WHERE told = 0
RETURN v.id AS event, null AS entity, null AS role, null AS sources
"""

#: The entities the sources' evidence names as speakers or principals.
SPOKEN_IN_SOURCES = """
UNWIND $ids AS id
MATCH (:Source {id: id})<-[:IN_SOURCE]-(:Evidence)-[:ATTRIBUTED_TO|ON_BEHALF_OF]->(e:Entity)
RETURN DISTINCT e.id AS id
"""

DROP_SOURCE_EVIDENCE = """
UNWIND $ids AS id
MATCH (:Source {id: id})<-[:IN_SOURCE]-(v:Evidence)
DETACH DELETE v
"""

DROP_SOURCE_LINKS = """
UNWIND $ids AS id
MATCH (:Source {id: id})-[m:MENTIONS|REPORTS]->()
DELETE m
"""

#: The merge log rows of the sources: their ingest's (an overrides or roles file applied then among them) and
#: ``resolve --roles``' links in them. The rows of ``resolve --overrides`` name the file, not a source, and stay.
DROP_SOURCE_RESOLUTIONS = """
UNWIND $ids AS id
MATCH (m:Resolution {source: id})
WHERE m.override_alias IS NULL AND coalesce(m.rule, '') <> 'analyst never'
DETACH DELETE m
"""

DROP_UNREPORTED_EVENTS = """
UNWIND $ids AS id
MATCH (v:Event {id: id})
OPTIONAL MATCH (v)<-[r:REPORTS|OF_EVENT]-()
WITH v, count(r) AS told
WHERE told = 0
DETACH DELETE v
"""

#: The merge log rows of entities left with nothing else (dropped with them, next).
DROP_LOG_OF_BARE_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (e)-[r]-(x)
WHERE NOT x:Resolution
WITH e, count(r) AS edges
WHERE edges = 0
MATCH (m:Resolution)-[:RESOLVES_TO]->(e)
DETACH DELETE m
"""

DROP_BARE_ENTITIES = rc.drop_bare("Entity")

#: Sources written but not marked complete: a write cut off before its ledger row, or a forgetting (``forgotten``:
#: taken out of the ledger when complete, and nothing written since).
UNFINISHED_SOURCES = "MATCH (s:Source) WHERE s.sha256 IS NULL RETURN s.id AS id, s.forgotten AS forgotten"

#: Out of the ledger: a source without ``sha256`` is not completely ingested, and the next ingest writes it. One
#: complete until now is marked ``forgotten``: whatever of its write is left, its evidence leads to (a rerun cut off
#: after this need not look for relations by their sources); ``cypher.MERGE_SOURCES`` unsets it.
UNMARK_SOURCES = """
UNWIND $ids AS id
MATCH (s:Source {id: id})
SET s.forgotten = CASE WHEN s.sha256 IS NULL THEN s.forgotten ELSE true END
SET s.sha256 = null
"""


def forget_sources(store: GraphStore, ids: Iterable[str], *, batch: int = 200,
                   unfinished: Collection[str] = ()) -> int:
    """Take out what ingesting the sources ``ids`` wrote (see the module notes), ``batch`` sources a unit;
    return how many sources there were. The relations of the ``unfinished`` ones (written, not in the ledger) are
    also looked for by their ``sources`` (``RELATIONS_NAMING_SOURCES``), which reads every relationship of the
    store: their write may have stored a relation and not its evidence.

    Raises:
        StoreUnavailable: the store failed; the batches before the failing one are forgotten, and their sources
            are out of the ledger (the next ingest writes them).
    """
    todo = sorted(set(ids))
    for start in range(0, len(todo), batch):
        part = todo[start:start + batch]
        store._write_units([forget_statements(store, part, unfinished=[x for x in part if x in unfinished])])
    return len(todo)


def unfinished_sources(store: GraphStore) -> dict[str, bool]:
    """The ids of the sources in ``store`` that are not completely ingested (``UNFINISHED_SOURCES``), each with
    whether it was only taken out (complete before, nothing written since: its relations need no search by their
    ``sources``)."""
    return {row["id"]: row["forgotten"] is True for row in store.run(UNFINISHED_SOURCES)}


def forget_statements(store: GraphStore, ids: Sequence[str], *, unfinished: Sequence[str] = ()) -> list[Statement]:
    """The statements, in order, that forget the sources ``ids`` (read from ``store`` as it is now); the
    relations and event participations of the ``unfinished`` ones are also looked for by their ``sources``, and
    events no source reports are counted again (and dropped) with theirs."""
    run = store.run
    relations = relations_of_evidence(run, run(cypher.RELATIONS_OF_SOURCES, {"ids": list(ids)}))
    told = run(REPORTED_BY_SOURCES, {"ids": list(ids)})
    for part in _id_lists(list(unfinished), 2000 if getattr(store, "splices_parameters", False) else None):
        for row in run(RELATIONS_NAMING_SOURCES, {"ids": part}):  # one read of every relationship a list
            relations.setdefault(row["id"], row)
        told += run(PARTICIPATIONS_NAMING_SOURCES, {"ids": part})
    if unfinished:
        told += run(UNREPORTED_EVENTS)
    gone = set(ids)
    kept = {e["id"]: e for e in evidence_of_relations(run, relations) if e["source"] not in gone}
    entities: set[str] = set()
    concepts: set[str] = set()
    for row in run(MENTIONED_BY_SOURCES, {"ids": list(ids)}):
        (concepts if row["concept"] else entities).add(row["id"])
    for rel in relations.values():
        for end, concept in ((rel["subject"], rel["subject_concept"]), (rel["object"], rel["object_concept"])):
            (concepts if concept else entities).add(end)
    events: set[str] = set()
    named: dict[tuple[str, str, str], dict] = {}  # participations with the sources still naming them ([]: none)
    for row in told:
        events.add(row["event"])
        if row["entity"] is None:
            continue
        entities.add(row["entity"])
        sources = row["sources"]  # None: stored before participations kept their sources; left as it is
        if sources is not None and gone.intersection(sources):
            named[(row["event"], row["entity"], row["role"])] = {
                "event": row["event"], "entity": row["entity"], "role": row["role"],
                "sources": [s for s in sources if s not in gone]}
    entities.update(row["id"] for row in run(SPOKEN_IN_SOURCES, {"ids": list(ids)}))
    entities.update(row["id"] for row in run(LOGGED_BY_SOURCES, {"ids": list(ids)}))

    out: list[Statement] = list(relation_statements(Part(relations, tuple(kept.values())), kept, set(relations),
                                                    store.batch_size))

    def batched(query: str, values: Iterable[str]) -> None:
        out.extend((query, {"ids": part}) for part in chunks(sorted(values), store.batch_size))

    # Out of the ledger first: where a failing statement stops the rest (FalkorDB's Bolt port applies each as it
    # runs), the sources are not left marked complete with their evidence gone.
    out[:0] = [(UNMARK_SOURCES, {"ids": part}) for part in chunks(sorted(ids), store.batch_size)]
    rows = [named[key] for key in sorted(named)]
    out.extend((SET_PARTICIPANT_SOURCES, {"rows": part})
               for part in chunks([r for r in rows if r["sources"]], store.batch_size))
    out.extend((rc.DROP_PARTICIPANTS, {"rows": part})
               for part in chunks([r for r in rows if not r["sources"]], store.batch_size))
    batched(DROP_SOURCE_EVIDENCE, ids)
    batched(DROP_SOURCE_LINKS, ids)
    batched(DROP_SOURCE_RESOLUTIONS, ids)
    batched(cypher.REFRESH_EVENT_COUNTS, events)
    batched(DROP_UNREPORTED_EVENTS, events)
    out.extend((SET_NAMES, {"rows": part}) for part in chunks(_names_left(run, sorted(entities), gone),
                                                              store.batch_size))
    batched(cypher.REFRESH_ENTITY_COUNTS, entities)
    batched(DROP_LOG_OF_BARE_ENTITIES, entities)
    batched(DROP_BARE_ENTITIES, entities)
    batched(rc.DROP_BARE_CONCEPTS, concepts)
    return out


def _names_left(run: Any, ids: list[str], gone: set[str]) -> list[dict]:
    """The entities among ``ids`` some of whose names only the sources ``gone`` wrote, each with its name and the
    aliases left: those a mention of another source or a merge log row that stays still gives (by ``name_key``, so
    that "Mr. Ford" keeps "Ford"). An alias a first run's misreading gave ("Ford Motor" on Henry Ford) would
    otherwise draw the new run's mentions back to it. A name nothing left gives is replaced by the one of the
    aliases left that resolution would choose (``canonical_name``: two words or more first, then the most
    mentioned), unless no alias is left."""
    known: dict[str, tuple[str, str, list[str]]] = {}
    said: dict[str, Counter[str]] = defaultdict(Counter)
    for row in run(ENTITY_TEXTS, {"ids": ids}):
        known[row["id"]] = (row["name"] or "", row["type"] or "Other", list(row["aliases"] or []))
        if row["source"] is not None and row["source"] not in gone:
            said[row["id"]].update(name_key(text) for text in row["texts"] or ())
    for row in run(ENTITY_LOG_NAMES, {"ids": ids}):
        if row["kept"] or row["source"] not in gone:
            said[row["id"]][name_key(row["alias"] or "")] += 0  # given, though not a mention
    rows = []
    for entity, (name, kind, names) in sorted(known.items()):
        given = said[entity]
        left = [alias for alias in names if name_key(alias) in given]
        new_name = name
        if name_key(name) not in given and left:
            new_name = canonical_name(_Cluster(names=Counter({a: max(given[name_key(a)], 1) for a in left}),
                                               type=kind))
            left = [alias for alias in left if alias != new_name]
        if (new_name, left) != (name, names):
            rows.append({"id": entity, "name": new_name, "aliases": left})
    return rows


def _id_lists(ids: list[str], most_bytes: int | None) -> Iterator[list[str]]:
    """``ids`` in one list, or in lists of at most about ``most_bytes`` of text each (a store that pastes its
    parameters into the statement's text).

    >>> [len(x) for x in _id_lists(["a" * 900, "b" * 900, "c" * 900], 2000)], list(_id_lists(["a", "b"], None))
    ([2, 1], [['a', 'b']])
    """
    if most_bytes is None:
        if ids:
            yield ids
        return
    part: list[str] = []
    size = 0
    for one in ids:
        cost = len(one.encode()) + 4
        if part and size + cost > most_bytes:
            yield part
            part, size = [], 0
        part.append(one)
        size += cost
    if part:
        yield part

