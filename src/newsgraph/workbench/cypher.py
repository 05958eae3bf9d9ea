"""Every statement the workbench sends: reads only, values always parameters, one text for FalkorDB and Neo4j.

The fact layer (``Story``, fact ``Event`` nodes, ``REPORTS``, ``PART_OF``, ``HAS_PARTICIPANT``, ``IN_STORY``,
``COPY_OF``) is optional: a graph without it returns no rows for those statements, and the pages say so. Entities
of type Event carry the labels ``Entity:Event``; the fact layer's events are the ``Event`` nodes that are not
entities. Node labels other than Entity and Concept never reach a statement from outside: ``node_label`` keeps
them to that allow-list.
"""

from __future__ import annotations

#: The node labels a page or a graph expansion may start from.
NODE_LABELS = ("Entity", "Concept")


def node_label(kind: str) -> str:
    """``kind`` if it is a label a page may start from, else ValueError.

    >>> node_label("Concept")
    'Concept'
    """
    if kind not in NODE_LABELS:
        raise ValueError(f"not a node label the workbench pages show: {kind!r}")
    return kind


#: Whether the optional layers hold anything (a label can exist without nodes, e.g. once it is indexed).
HAS_STORIES = "MATCH (t:Story) RETURN t.id AS id LIMIT 1"
HAS_FACT_EVENTS = "MATCH (ev:Event) WHERE NOT ev:Entity RETURN ev.id AS id LIMIT 1"
HAS_COPIES = "MATCH (:Source)-[c:COPY_OF]->(:Source) RETURN 1 AS found LIMIT 1"

# --- search -------------------------------------------------------------------------------------------------------
#: Every entity with every name it goes by (name, aliases, the descriptions resolution merged into it, the words
#: its sources used and their kinds), for the search (``newsgraph.workbench.search``), which compares name keys.
ENTITY_NAMES = """
MATCH (e:Entity)
OPTIONAL MATCH (:Source)-[m:MENTIONS]->(e)
WITH e, collect([m.texts, m.kinds]) AS mentions_texts
OPTIONAL MATCH (r:Resolution)-[:RESOLVES_TO]->(e)
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, e.source_count AS sources,
       e.mention_count AS mentions, mentions_texts, collect(DISTINCT r.alias) AS resolved
"""
#: What tells the search that the graph changed since it read the names: an ingest adds sources, a resolution
#: merges entities.
GRAPH_SIZE = """
MATCH (e:Entity)
WITH count(e) AS entities
OPTIONAL MATCH (s:Source)
WITH entities, count(s) AS sources
OPTIONAL MATCH (r:Resolution)
RETURN entities, sources, count(r) AS resolutions
"""
SEARCH_CONCEPTS = """
WITH toLower(trim($q)) AS q
MATCH (c:Concept)
WHERE toLower(c.name) CONTAINS q
RETURN c.id AS id, c.name AS name
ORDER BY size(c.name), name
LIMIT $limit
"""
SEARCH_SOURCES = """
WITH toLower(trim($q)) AS q
MATCH (s:Source)
WHERE toLower(s.id) CONTAINS q OR toLower(coalesce(s.title, '')) CONTAINS q
   OR toLower(coalesce(s.outlet, '')) CONTAINS q OR toLower(coalesce(s.url, '')) CONTAINS q
RETURN s.id AS id, s.title AS title, s.outlet AS outlet, s.published AS published, s.url AS url
ORDER BY published DESC, id
LIMIT $limit
"""
SEARCH_STORIES = """
WITH toLower(trim($q)) AS q
MATCH (t:Story)
WHERE toLower(coalesce(t.name, '')) CONTAINS q OR toLower(t.id) CONTAINS q
RETURN t.id AS id, t.name AS name, t.size AS size, t.first AS first, t.last AS last
ORDER BY size DESC, id
LIMIT $limit
"""

# --- home ---------------------------------------------------------------------------------------------------------
TOP_ENTITIES = """
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, e.type AS type, e.source_count AS sources, e.mention_count AS mentions
ORDER BY sources DESC, mentions DESC, name
LIMIT $limit
"""
STORIES = """
MATCH (t:Story)
RETURN t.id AS id, t.name AS name, t.size AS size, t.first AS first, t.last AS last
ORDER BY size DESC, id
LIMIT $limit
"""

# --- entity / concept page ---------------------------------------------------------------------------------------
ENTITY = """
MATCH (e:Entity {id: $id})
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, e.source_count AS sources,
       e.mention_count AS mentions, labels(e) AS labels
"""
CONCEPT = """
MATCH (c:Concept {id: $id})
RETURN c.id AS id, c.name AS name, 'Concept' AS type, [] AS aliases, null AS sources, null AS mentions,
       labels(c) AS labels
"""
#: The words each source used for the entity (MENTIONS spans), with the source's outlet and date.
ENTITY_MENTIONS = """
MATCH (s:Source)-[m:MENTIONS]->(e:Entity {id: $id})
RETURN s.id AS source, s.outlet AS outlet, s.title AS title, s.published AS published, s.url AS url,
       m.texts AS texts, m.count AS count
ORDER BY source
"""
#: The resolution log (``newsgraph entities --explain``): every alias merged into the entity, with its rule.
ENTITY_RESOLUTIONS = """
MATCH (m:Resolution)-[:RESOLVES_TO]->(e:Entity {id: $id})
OPTIONAL MATCH (s:Source {id: m.source})
RETURN m.alias AS alias, m.source AS source, s.outlet AS outlet, m.rule AS rule, m.detail AS detail
ORDER BY source, rule, alias
"""


def _both_ways(head: str, tail: str) -> list[str]:
    """``head`` + a labelled, directed pattern + ``tail``, four times: out to Entity, out to Concept, in from Entity,
    in from Concept. FalkorDB walks a pattern with an unlabelled far end through every relationship of the node (its
    mentions, resolution log, evidence links) and filters after: on ECB+ that took 300-400 ms for a well-known
    entity, the four labelled forms a few each (and less as four statements than as one UNION ALL)."""
    patterns = [f"(a)-[r]->(b:{far})" for far in NODE_LABELS] + [f"(a)<-[r]-(b:{far})" for far in NODE_LABELS]
    return [f"{head}\nMATCH {pattern}\n{tail}" for pattern in patterns]


def relations_of(kind: str) -> list[str]:
    """The statements reading the relations of one Entity or Concept, both directions, with the other end (at most
    ``$limit`` of each direction and label).

    >>> len(relations_of("Entity"))
    4
    """
    return _both_ways(f"MATCH (a:{node_label(kind)} {{id: $id}})", """WITH r, b LIMIT $limit
RETURN type(r) AS type, properties(r) AS props, startNode(r).id AS subject, endNode(r).id AS object,
       b.id AS other_id, b.name AS other_name, labels(b) AS other_labels""")


#: The fact layer's events an entity takes part in, with the dates and outlets of the sources reporting them that
#: name it among the participants (all of them for a participation stored without its sources).
ENTITY_EVENTS = """
MATCH (ev:Event)-[p:HAS_PARTICIPANT]->(e:Entity {id: $id})
WHERE NOT ev:Entity
OPTIONAL MATCH (s:Source)-[:REPORTS]->(ev)
WHERE p.sources IS NULL OR s.id IN p.sources
WITH ev, p, collect(DISTINCT s.published) AS dates, collect(DISTINCT coalesce(s.outlet, s.id)) AS outlets
RETURN ev.id AS id, ev.name AS name, ev.event_class AS event_class, ev.story AS story, p.role AS role,
       ev.source_count AS source_count, dates, outlets
LIMIT $limit
"""

# --- graph view ---------------------------------------------------------------------------------------------------


def neighbours_of(kind: str) -> list[str]:
    """The statements reading the relations touching the given nodes of one label, with both ends (at most
    ``$limit`` of each direction and
    label, most reported first)."""
    return _both_ways(f"UNWIND $ids AS id\nMATCH (a:{node_label(kind)} {{id: id}})", """WITH a, r, b
ORDER BY coalesce(r.source_count, 0) DESC, r.id
LIMIT $limit
RETURN a.id AS from, startNode(r).id AS subject, endNode(r).id AS object, type(r) AS type, properties(r) AS props,
       b.id AS other_id, b.name AS other_name, labels(b) AS other_labels, b.type AS other_type,
       b.source_count AS other_sources""")


def nodes_by_id(kind: str) -> str:
    return f"""
UNWIND $ids AS id
MATCH (n:{node_label(kind)} {{id: id}})
RETURN n.id AS id, n.name AS name, labels(n) AS labels, n.type AS type, n.source_count AS sources
"""


#: The sources mentioning some entities (shown in the graph view only when asked for).
SOURCES_MENTIONING = """
UNWIND $ids AS id
MATCH (s:Source)-[m:MENTIONS]->(e:Entity {id: id})
RETURN s.id AS source, s.outlet AS outlet, s.title AS title, s.published AS published, e.id AS entity,
       m.count AS count
"""
#: The fact layer's events of some entities (shown in the graph view only when asked for).
EVENTS_OF = """
UNWIND $ids AS id
MATCH (ev:Event)-[p:HAS_PARTICIPANT]->(e:Entity {id: id})
WHERE NOT ev:Entity
RETURN ev.id AS event, ev.name AS name, ev.event_class AS event_class, ev.source_count AS source_count,
       e.id AS entity, p.role AS role
"""

# --- evidence panel -----------------------------------------------------------------------------------------------
EVIDENCE = """
UNWIND $ids AS id
MATCH (v:Evidence {edge_id: id})
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
RETURN properties(v) AS evidence, s.outlet AS outlet, s.title AS title, s.published AS published, s.url AS url
ORDER BY evidence.edge_id, evidence.source, evidence.sentence_start
"""
#: Where a source reports an event (its trigger words), to mark the predicate in a sentence of that event.
EVENT_TRIGGERS = """
UNWIND $pairs AS pair
MATCH (s:Source {id: pair.source})-[rep:REPORTS]->(ev:Event {id: pair.event})
RETURN s.id AS source, ev.id AS event, rep.starts AS starts, rep.ends AS ends, rep.lemmas AS lemmas
"""


def relation_by_id(kind: str) -> str:
    return f"""
MATCH (a:{node_label(kind)} {{id: $subject}})-[r]->(b)
WHERE r.id = $id
RETURN type(r) AS type, properties(r) AS props, a.id AS subject, a.name AS subject_name, b.id AS object,
       b.name AS object_name
"""


# --- story and source pages ---------------------------------------------------------------------------------------
STORY = "MATCH (t:Story {id: $id}) RETURN properties(t) AS story"
STORY_SOURCES = """
MATCH (s:Source)-[:IN_STORY]->(t:Story {id: $id})
OPTIONAL MATCH (s)-[:COPY_OF]->(c:Source)
RETURN s.id AS id, s.outlet AS outlet, s.title AS title, s.published AS published, s.url AS url,
       s.copy_group AS copy_group, collect(c.id) AS copy_of
ORDER BY published, id
"""
STORY_EVENTS = """
MATCH (ev:Event)-[:PART_OF]->(t:Story {id: $id})
WHERE NOT ev:Entity
OPTIONAL MATCH (s:Source)-[rep:REPORTS]->(ev)
WITH ev, collect(CASE WHEN s IS NULL THEN NULL ELSE {source: s.id, outlet: s.outlet, published: s.published,
                                                    copy_group: s.copy_group, negated: rep.negated,
                                                    hedged: rep.hedged, conditional: rep.conditional,
                                                    affirmed: coalesce(rep.affirmed_sentence, '') > '',
                                                    denied: coalesce(rep.negated_sentence, '') > '',
                                                    affirmed_sentence: rep.affirmed_sentence,
                                                    negated_sentence: rep.negated_sentence} END) AS reports
OPTIONAL MATCH (ev)-[p:HAS_PARTICIPANT]->(e:Entity)
RETURN ev.id AS id, ev.name AS name, ev.event_class AS event_class, ev.source_count AS source_count, reports,
       size([(ev)<-[:OF_EVENT]-(:Evidence) | 1]) > 0 AS projected,
       collect(CASE WHEN e IS NULL THEN NULL ELSE {role: p.role, id: e.id, name: e.name} END) AS participants
LIMIT $limit
"""
#: Every sentence of the relations a story's sources report (at most ``$limit`` relations), also those of sources
#: outside the story, with each source's copy group and copies: a fact counts its sources as the queries do.
STORY_EVIDENCE = """
MATCH (s:Source)-[:IN_STORY]->(t:Story {id: $id})
MATCH (v:Evidence)-[:IN_SOURCE]->(s)
WITH DISTINCT v.edge_id AS edge
ORDER BY edge
LIMIT $limit
MATCH (v:Evidence {edge_id: edge})-[:IN_SOURCE]->(s:Source)
OPTIONAL MATCH (s)-[:COPY_OF]->(c:Source)
WITH v, s, collect(c.id) AS copy_of
RETURN v.edge_id AS edge, v.predicate AS predicate, v.relation_class AS relation_class,
       v.subject_id AS subject_id, v.subject_text AS subject_text, v.object_id AS object_id,
       v.object_text AS object_text, s.id AS source, s.outlet AS outlet, s.copy_group AS copy_group, copy_of,
       v.negated AS negated, v.hedged AS hedged, coalesce(v.conditional, false) AS conditional
ORDER BY edge, source, v.sentence_start
"""


def names_by_id(kind: str) -> str:
    """The names of the nodes of one label with the given ids."""
    return f"""
UNWIND $ids AS id
MATCH (n:{node_label(kind)} {{id: id}})
RETURN n.id AS id, n.name AS name
"""
SOURCE = """
MATCH (s:Source {id: $id})
OPTIONAL MATCH (s)-[:IN_STORY]->(t:Story)
OPTIONAL MATCH (s)-[:COPY_OF]->(c:Source)
RETURN properties(s) AS source, collect(DISTINCT {id: t.id, name: t.name}) AS stories, collect(DISTINCT c.id) AS copy_of
"""
SOURCE_ENTITIES = """
MATCH (s:Source {id: $id})-[m:MENTIONS]->(e:Entity)
RETURN e.id AS id, e.name AS name, e.type AS type, m.count AS count
ORDER BY count DESC, name
LIMIT $limit
"""
SOURCE_EVIDENCE = """
MATCH (v:Evidence)-[:IN_SOURCE]->(s:Source {id: $id})
RETURN properties(v) AS evidence
ORDER BY evidence.sentence_start, evidence.id
LIMIT $limit
"""

