"""The Cypher newsgraph sends to a store: one text for FalkorDB and Neo4j alike, values always as parameters.

Labels and relationship types are never taken from raw text: entity types come from ``ENTITY_TYPES`` and
relationship types pass ``relationship_type`` (``[A-Z][A-Z0-9_]*``); ``label`` checks both again.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from newsgraph.graph.cypher_facts import (  # the fact layer's writes, re-exported
    ADD_REPORT_PROPS as ADD_REPORT_PROPS,
    IN_STORY as IN_STORY,
    MERGE_EVENTS as MERGE_EVENTS,
    MERGE_PARTICIPANTS as MERGE_PARTICIPANTS,
    MERGE_REPORTS as MERGE_REPORTS,
    MERGE_STORIES as MERGE_STORIES,
    REFRESH_EVENT_COUNTS as REFRESH_EVENT_COUNTS,
)
from newsgraph.graph.cypher_reads import (  # the reads, re-exported
    ALL_NODES as ALL_NODES,
    ALL_RELATIONS as ALL_RELATIONS,
    COUNTS as COUNTS,
    ENTITIES_BY_RESOLVED_ALIAS as ENTITIES_BY_RESOLVED_ALIAS,
    EVIDENCE_FOR_RELATIONS as EVIDENCE_FOR_RELATIONS,
    EVIDENCE_OF as EVIDENCE_OF,
    EXPLAIN_ENTITY as EXPLAIN_ENTITY,
    KNOWN_ENTITIES as KNOWN_ENTITIES,
    KNOWN_STORIES as KNOWN_STORIES,
    LEDGER as LEDGER,
    MENTIONS_OF as MENTIONS_OF,
    NEIGHBOURS as NEIGHBOURS,
    NODES_BY_ID as NODES_BY_ID,
    PARTICIPANTS_OF as PARTICIPANTS_OF,
    RELATION_COUNTS as RELATION_COUNTS,
    REPORTS_OF as REPORTS_OF,
    RESOLUTIONS_OF as RESOLUTIONS_OF,
    STORY_LINKS as STORY_LINKS,
    STORY_MEMBERS as STORY_MEMBERS,
)
from newsgraph.model import ENTITY_TYPES, evidence_properties

NODE_LABELS = ("Entity", "Concept", "Source", "Evidence", "Event", "Story")
#: Relationship types that are bookkeeping (mention spans, stories, participants), not relations between entities.
BOOKKEEPING = frozenset({"MENTIONS", "REPORTS", "IN_STORY", "PART_OF", "HAS_PARTICIPANT", "COPY_OF"})
_SAFE = re.compile(r"^[A-Z][A-Za-z0-9_]*$")


def label(name: str) -> str:
    """Return ``name`` if it is a safe label or relationship type, else raise ValueError.

    >>> label("AGREE_TO")
    'AGREE_TO'
    """
    if not _SAFE.match(name):
        raise ValueError(f"unsafe label or relationship type {name!r}")
    return name


#: Labels whose ``id`` is indexed (FalkorDB) or unique (Neo4j); Resolution ids too, or every MERGE of the merge
#: log scans all of them.
_ID_LABELS = (*NODE_LABELS, "Resolution")


_LITERAL = re.compile(r"""('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`|//[^\n]*)""")
_AROUND = re.compile(r"\s*(<>|<=|>=|=~|=|\+|\||,)\s*")


def compact(query: str) -> str:
    r"""The statement with the spaces and comments it does not need dropped (outside string literals and quoted
    names): ``//`` comments gone, runs of whitespace made one space, none around ``,``, ``=``, ``<>``, ``<=``,
    ``>=``, ``+``, ``|``, and none after a map key's ``:``. FalkorDB's Bolt port writes parameters into the
    statement and aborts past about 4 KB, so a statement that would pass that is sent there compacted.

    >>> compact("// who's there\nMATCH (n {id: $id})\n  WHERE n.url <> 'http://a,  b' AND n.x = 1 // one\n"
    ...         "RETURN n.id AS id,   n.name AS name")
    "MATCH (n {id:$id}) WHERE n.url<>'http://a,  b' AND n.x=1 RETURN n.id AS id,n.name AS name"
    """
    pieces: list[str] = [""]  # code, literal, code, literal, …: comments joined into the code around them
    for k, part in enumerate(_LITERAL.split(query)):
        if k % 2 == 0 or part.startswith("//"):
            pieces[-1] += part if k % 2 == 0 else "\n"
        else:
            pieces += [part, ""]
    for k in range(0, len(pieces), 2):
        text = _AROUND.sub(r"\1", re.sub(r"\s+", " ", pieces[k]))
        pieces[k] = re.sub(r"([{,]\s*[A-Za-z_][A-Za-z0-9_]*):\s+", r"\1:", text)
    return "".join(pieces).strip()


#: The indexes a FalkorDB graph has, a row per label with its indexed properties (FalkorDB's procedure; never sent
#: to Neo4j).
FALKORDB_INDEX_LIST = "CALL db.indexes() YIELD label, properties RETURN label, properties"


def falkordb_indexes(existing: Collection[tuple[str, str]] = ()) -> list[str]:
    """The CREATE INDEX statements of the indexes newsgraph reads FalkorDB through, less the (label, property)
    pairs in ``existing`` (as ``FALKORDB_INDEX_LIST`` lists them)."""
    targets = [(label(node), "id") for node in _ID_LABELS] + [
        ("Evidence", "edge_id"), ("Entity", "name"), ("Evidence", "event_id"), ("Resolution", "source")]
    return [f"CREATE INDEX FOR (n:{node}) ON (n.{prop})" for node, prop in targets if (node, prop) not in existing]


def neo4j_constraints() -> list[str]:
    return [
        f"CREATE CONSTRAINT {node.lower()}_id IF NOT EXISTS FOR (n:{label(node)}) REQUIRE n.id IS UNIQUE"
        for node in _ID_LABELS
    ] + [
        "CREATE INDEX evidence_edge_id IF NOT EXISTS FOR (n:Evidence) ON (n.edge_id)",
        "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "CREATE INDEX evidence_event_id IF NOT EXISTS FOR (n:Evidence) ON (n.event_id)",
        "CREATE INDEX resolution_source IF NOT EXISTS FOR (n:Resolution) ON (n.source)",
    ]


#: The first statement of a chunk's write: from here on the source may hold a partial write until its ledger row
#: (``forgotten``, set when its earlier write was taken out, no longer says it holds nothing: ``graph.forget``).
#: ``text`` is the text every offset of the source's mentions and evidence points into (an HTML page's extracted
#: text, not the page), or its first piece where a store sends it in pieces (``APPEND_SOURCE_TEXTS``).
MERGE_SOURCES = """
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s.name = row.name, s.title = row.title, s.outlet = row.outlet, s.url = row.url, s.published = row.published,
    s.published_raw = row.published_raw, s.author = row.author, s.text = row.text, s.forgotten = null
"""

#: The next piece of a source's text, for a store whose server takes only so much text in one statement.
APPEND_SOURCE_TEXTS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
SET s.text = s.text + row.text
"""

#: What copy detection keeps of a source (``newsgraph.graph.copies``): its MinHash signature, shingle count and
#: the version of the shingling that made them.
SET_FINGERPRINTS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
SET s.minhash = row.minhash, s.shingles = row.shingles, s.shingling = row.shingling
"""

#: The copy group of new sources and of stored ones whose group a new copy joined to another.
SET_COPY_GROUPS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
SET s.copy_group = row.group
"""

#: A near-duplicate: the later source of a pair is a copy of the earlier one.
MERGE_COPIES = """
UNWIND $rows AS row
MATCH (a:Source {id: row.source})
MATCH (b:Source {id: row.original})
MERGE (a)-[c:COPY_OF]->(b)
SET c.similarity = row.similarity, c.same_url = row.same_url
"""

#: The stored metadata of some sources, to compare with the input's (``newsgraph.sorting``).
STORED_METADATA = """
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s.id AS id, s.title AS title, s.outlet AS outlet, s.url AS url, s.published AS published,
       s.published_raw AS published_raw, s.author AS author
"""

#: The stored fingerprints of completely ingested sources, for comparing new articles with them.
KNOWN_FINGERPRINTS = """
MATCH (s:Source)
WHERE s.sha256 IS NOT NULL AND s.minhash IS NOT NULL
RETURN s.id AS id, s.published AS published, s.minhash AS minhash, s.shingles AS shingles,
       s.copy_group AS copy_group, s.url AS url
"""

#: The events some sources report (their independent sources change when the sources' copy groups do).
EVENTS_OF_SOURCES = """
UNWIND $ids AS id
MATCH (:Source {id: id})-[:REPORTS]->(e:Event)
RETURN DISTINCT e.id AS id
"""

#: The relations some sources give evidence for, with all their evidence's sources' copy groups and whether each
#: end is a concept (the label to match it by).
RELATIONS_OF_SOURCES = """
UNWIND $ids AS id
MATCH (:Source {id: id})<-[:IN_SOURCE]-(v:Evidence)
WITH DISTINCT v.edge_id AS edge
MATCH (w:Evidence {edge_id: edge})
OPTIONAL MATCH (w)-[:IN_SOURCE]->(s:Source)
WITH edge, w.subject_id AS subject, w.object_id AS object, collect(DISTINCT [w.source, s.copy_group]) AS groups
OPTIONAL MATCH (sc:Concept {id: subject})
OPTIONAL MATCH (oc:Concept {id: object})
RETURN edge, subject, object, groups, sc IS NOT NULL AS subject_concept, oc IS NOT NULL AS object_concept
"""


def set_independent_sources(subject_label: str, object_label: str) -> str:
    """Set the ``independent_sources`` of relations (by id, between two ids of the given labels) of any type."""
    return f"""
UNWIND $rows AS row
MATCH (a:{label(subject_label)} {{id: row.subject}})-[r]->(b:{label(object_label)} {{id: row.object}})
WHERE r.id = row.id
SET r.independent_sources = row.independent_sources
"""


#: The copies among stored sources (all with ``$ids`` null, else those from or to the given sources).
COPIES_OF = """
MATCH (a:Source)-[c:COPY_OF]->(b:Source)
WHERE $ids IS NULL OR a.id IN $ids OR b.id IN $ids
RETURN a.id AS source, b.id AS original, c.similarity AS similarity, c.same_url AS same_url
"""

# Written last for each batch: a source with a sha256 is completely ingested (the ledger).
MARK_SOURCES_DONE = """
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
SET s.sha256 = row.sha256
"""


def relabel_entities(entity_type: str) -> str:
    """Move stored entities whose type changed to the label of ``entity_type`` (run before ``merge_entities``)."""
    others = ":".join(label(t) for t in ENTITY_TYPES if t != entity_type)
    return f"""
UNWIND $rows AS row
MATCH (e:Entity {{id: row.id}})
WHERE NOT e:{label(entity_type)}
REMOVE e:{others}
SET e:{label(entity_type)}
"""


def merge_entities(entity_type: str) -> str:
    """Merge entities of one type, labels given in the MERGE: a node created with its labels costs FalkorDB a
    tenth of one created and then labelled by SET. Stored entities of another type are relabelled first
    (``relabel_entities``), so the MERGE finds them."""
    return f"""
UNWIND $rows AS row
MERGE (e:Entity:{label(entity_type)} {{id: row.id}})
SET e.name = row.name, e.type = row.type, e.aliases = row.aliases
"""


MERGE_CONCEPTS = """
UNWIND $rows AS row
MERGE (c:Concept {id: row.id})
SET c.name = row.name, c.story = row.story
"""

MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})
MATCH (e:Entity {id: row.entity})
MERGE (s)-[m:MENTIONS]->(e)
SET m.count = row.count, m.starts = row.starts, m.ends = row.ends, m.texts = row.texts, m.kinds = row.kinds
"""

#: The mentions of a concept in a source: the same rows as ``MERGE_MENTIONS``, to a ``Concept`` node.
MERGE_CONCEPT_MENTIONS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})
MATCH (c:Concept {id: row.entity})
MERGE (s)-[m:MENTIONS]->(c)
SET m.count = row.count, m.starts = row.starts, m.ends = row.ends, m.texts = row.texts, m.kinds = row.kinds
"""

REFRESH_ENTITY_COUNTS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (:Source)-[m:MENTIONS]->(e)
WITH e, toInteger(coalesce(sum(m.count), 0)) AS mentions, count(m) AS sources
SET e.mention_count = mentions, e.source_count = sources
"""

#: One Evidence node per relation mention, linked to its source; its properties are those of
#: ``Evidence.to_properties`` (``newsgraph.records``), set one by one.
MERGE_EVIDENCE = f"""
UNWIND $rows AS row
MATCH (s:Source {{id: row.source}})
MERGE (v:Evidence {{id: row.id}})
SET {", ".join(f"v.{name} = row.{name}" for name in evidence_properties())}
MERGE (v)-[:IN_SOURCE]->(s)
"""

LINK_EVIDENCE_EVENTS = """
UNWIND $rows AS row
MATCH (v:Evidence {id: row.id})
MATCH (e:Event {id: row.event_id})
MERGE (v)-[:OF_EVENT]->(e)
"""

LINK_ATTRIBUTION = """
UNWIND $rows AS row
MATCH (v:Evidence {id: row.id})
MATCH (e:Entity {id: row.attributed_to})
MERGE (v)-[:ATTRIBUTED_TO]->(e)
"""

#: Whom the speaker of an evidence represents ("her spokesman said": her).
LINK_PRINCIPAL = """
UNWIND $rows AS row
MATCH (v:Evidence {id: row.id})
MATCH (e:Entity {id: row.on_behalf_of})
MERGE (v)-[:ON_BEHALF_OF]->(e)
"""


def merge_relations(rel_type: str, subject_label: str, object_label: str) -> str:
    """MERGE one relationship type between two node labels and recompute its aggregates from its evidence.

    Idempotent: ``sources``, counts and ``evidence_ids`` are derived from the Evidence nodes, not added to.
    """
    return f"""
UNWIND $rows AS row
MATCH (a:{label(subject_label)} {{id: row.subject}})
MATCH (b:{label(object_label)} {{id: row.object}})
MERGE (a)-[r:{label(rel_type)} {{id: row.id}}]->(b)
SET r.predicate = row.predicate
WITH r, row
OPTIONAL MATCH (v:Evidence {{edge_id: row.id}})
OPTIONAL MATCH (v)-[:IN_SOURCE]->(src:Source)
WITH r, v, coalesce(src.copy_group, v.source) AS grp ORDER BY v.source, v.sentence_start, v.id
WITH r, collect(v) AS evs, collect(DISTINCT grp) AS groups
WITH r, evs, groups,
     reduce(acc = [], v IN evs | CASE WHEN v.source IN acc THEN acc ELSE acc + [v.source] END) AS srcs
SET r.sources = srcs, r.source_count = size(srcs), r.independent_sources = size(groups),
    r.evidence_ids = [v IN evs | v.id],
    r.evidence_count = size(evs), r.negated_count = size([v IN evs WHERE v.negated]),
    r.hedged_count = size([v IN evs WHERE v.hedged]), r.conditional_count = size([v IN evs WHERE v.conditional]),
    r.attributed_to = reduce(acc = [], v IN evs | CASE WHEN v.attributed_to_name IS NULL
        OR v.attributed_to_name IN acc THEN acc ELSE acc + [v.attributed_to_name] END),
    r.confidence = reduce(m = 0.0, v IN evs | CASE WHEN v.confidence > m THEN v.confidence ELSE m END)
"""


def _set_relations(rel_type: str, subject_label: str, object_label: str, rows: str, *, create: bool = False) -> str:
    return f"""UNWIND ${rows} AS row
MATCH (a:{label(subject_label)} {{id: row.subject}})
MATCH (b:{label(object_label)} {{id: row.object}})
{"CREATE" if create else "MERGE"} (a)-[r:{label(rel_type)} {{id: row.id}}]->(b)
SET r += row.props"""


def merge_relations_chain(parts: list[tuple[str, str, str]], *, new: frozenset[int] = frozenset()) -> str:
    """One statement merging several (relationship type, subject label, object label) parts, the rows of part
    ``i`` in parameter ``r<i>``, each row carrying the predicate and the aggregates as the map ``props`` (FalkorDB's
    writer; one ``SET +=`` plans faster than a SET per property).

    FalkorDB plans every statement whose text is new, and one relationship type per predicate makes thousands of
    texts; a chain costs one plan and one round trip instead of one per type, and the aggregates come computed
    from the relation's stored and new evidence (``falkor.relation_aggregates``) instead of from a per-relation
    evidence lookup. ``WITH count(*)`` keeps one row between parts, so a part whose rows match nothing does not
    stop the next. The parts numbered in ``new`` CREATE their relationships instead (a third cheaper for
    FalkorDB): the writer puts there only relations that have no stored evidence, and a relation is written after
    its evidence, in the same MULTI/EXEC, so such a relation is not stored.

    >>> text = merge_relations_chain([("SAY", "Entity", "Concept"), ("SAY", "Entity", "Entity")], new=frozenset({1}))
    >>> text.count("MERGE (a)"), text.count("CREATE (a)")
    (1, 1)
    """
    texts = [_set_relations(*part, rows=f"r{i}", create=i in new) for i, part in enumerate(parts)]
    return "\n" + "".join(f"{text}\nWITH count(*) AS part{i}\n" for i, text in enumerate(texts[:-1])) + texts[-1] + "\n"


MERGE_RESOLUTIONS = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity_id})
MERGE (m:Resolution {id: row.id})
SET m.alias = row.alias, m.source = row.source, m.rule = row.rule, m.detail = row.detail
MERGE (m)-[:RESOLVES_TO]->(e)
"""
