"""The Cypher newsgraph reads a stored graph back with (the evidence a relation's aggregates are computed from,
the ledger, known entities and stories, the graph and its parts, counts, the merge log): one text for FalkorDB
and Neo4j alike, values always as parameters. Re-exported by ``newsgraph.graph.cypher``, which writes."""

from __future__ import annotations

#: The stored evidence of some relations: what their aggregates are computed from, with the new evidence.
EVIDENCE_FOR_RELATIONS = """
UNWIND $ids AS id
MATCH (v:Evidence {edge_id: id})
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
RETURN v.edge_id AS edge_id, v.id AS id, v.source AS source, v.sentence_start AS sentence_start,
       v.negated AS negated, v.hedged AS hedged, v.attributed_to_name AS attributed_to_name,
       v.confidence AS confidence, s.copy_group AS copy_group
"""

LEDGER = "MATCH (s:Source) WHERE s.sha256 IS NOT NULL RETURN s.id AS id, s.sha256 AS sha256"
KNOWN_ENTITIES = "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases"
ALL_NODES = """
MATCH (n) WHERE n:Entity OR n:Concept OR n:Source OR n:Event OR n:Story
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
"""
KNOWN_STORIES = """
MATCH (t:Story)
RETURN t.id AS id, t.name AS name, t.terms AS terms, t.weights AS weights, t.size AS size, t.first AS first,
       t.last AS last
"""
STORY_MEMBERS = "MATCH (s:Source)-[:IN_STORY]->(t:Story) RETURN s.id AS source, t.id AS story"
#: The bookkeeping relationships of the fact layer: sources' reports of events, stories, participants.
REPORTS_OF = """
MATCH (s:Source)-[r:REPORTS]->(e:Event)
WHERE $ids IS NULL OR e.id IN $ids
RETURN s.id AS source, e.id AS event, properties(r) AS props
"""
#: The links of sources (IN_STORY) and events (PART_OF) to stories. Typed: an untyped relationship makes FalkorDB
#: look for each pair's relationships in every relationship type of the graph (3 s on ECB+, typed 0.02 s).
STORY_LINKS = """
MATCH (a)-[r:IN_STORY|PART_OF]->(t:Story)
WHERE (a:Source OR a:Event) AND ($ids IS NULL OR t.id IN $ids)
RETURN a.id AS subject, type(r) AS type, t.id AS object
"""
PARTICIPANTS_OF = """
MATCH (e:Event)-[p:HAS_PARTICIPANT]->(x:Entity)
WHERE $ids IS NULL OR e.id IN $ids
RETURN e.id AS event, x.id AS entity, p.role AS role, p.sources AS sources
"""
NODES_BY_ID = """
UNWIND $ids AS id
MATCH (n {id: id}) WHERE n:Entity OR n:Concept OR n:Source OR n:Event OR n:Story
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
"""
ALL_RELATIONS = """
MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Concept) AND (b:Entity OR b:Concept)
RETURN a.id AS subject, type(r) AS type, b.id AS object, properties(r) AS props
"""
NEIGHBOURS = """
MATCH (a)-[r]-(b)
WHERE a.id IN $ids AND (a:Entity OR a:Concept) AND (b:Entity OR b:Concept)
RETURN startNode(r).id AS subject, type(r) AS type, endNode(r).id AS object, properties(r) AS props
"""
MENTIONS_OF = """
MATCH (s:Source)-[m:MENTIONS]->(e)
WHERE (e:Entity OR e:Concept) AND ($ids IS NULL OR e.id IN $ids)
RETURN s.id AS source, e.id AS entity, properties(m) AS props
"""
EVIDENCE_OF = """
MATCH (v:Evidence)
WHERE $ids IS NULL OR v.edge_id IN $ids
RETURN properties(v) AS props
"""
COUNTS = """
OPTIONAL MATCH (s:Source) WHERE s.sha256 IS NOT NULL
WITH count(s) AS sources
OPTIONAL MATCH (e:Entity)
WITH sources, count(e) AS entities
OPTIONAL MATCH (c:Concept)
WITH sources, entities, count(c) AS concepts
OPTIONAL MATCH (v:Evidence)
WITH sources, entities, concepts, count(v) AS evidence
OPTIONAL MATCH (ev:Event)
WITH sources, entities, concepts, evidence, count(ev) AS events
OPTIONAL MATCH (t:Story)
RETURN sources, entities, concepts, evidence, events, count(t) AS stories
"""
#: Counted from the Evidence nodes (every relation has one per sentence, ``edge_id`` its id), as the canned queries
#: group them: a match over all relationships takes FalkorDB seconds once there are thousands of relationship types
#: (11 s for ECB+'s 13,098 relations). ``corroborated`` counts what the ``corroborated`` query lists: the relations
#: two independent sources or more state plainly (a source's copies count once, in its ``copy_group``; a negated,
#: hedged or conditional report corroborates nothing); ``reported`` the relations two sources or more report at
#: all, copies counted.
RELATION_COUNTS = """
MATCH (v:Evidence)
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
WITH v.edge_id AS edge, count(DISTINCT v.source) AS sources,
     count(DISTINCT CASE WHEN NOT v.negated AND NOT v.hedged AND NOT coalesce(v.conditional, false)
                    THEN coalesce(s.copy_group, v.source) END) AS affirming
RETURN count(edge) AS relations, sum(CASE WHEN sources >= 2 THEN 1 ELSE 0 END) AS reported,
       sum(CASE WHEN affirming >= 2 THEN 1 ELSE 0 END) AS corroborated
"""

#: One entity (by id: ``GraphStore.find_entity`` has chosen it) with its merge log.
EXPLAIN_ENTITY = """
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (m:Resolution)-[:RESOLVES_TO]->(e)
WITH e, m ORDER BY m.source, m.rule, m.alias
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases,
       e.mention_count AS mention_count, e.source_count AS source_count,
       collect(CASE WHEN m IS NULL THEN NULL
                    ELSE {alias: m.alias, source: m.source, rule: m.rule, detail: m.detail} END) AS merges
"""
#: The merge log of some entities (all with ``$ids`` null), for a graph read back (``GraphStore.read_graph``).
RESOLUTIONS_OF = """
MATCH (m:Resolution)-[:RESOLVES_TO]->(e:Entity)
WHERE $ids IS NULL OR e.id IN $ids
RETURN e.id AS entity_id, m.alias AS alias, m.source AS source, m.rule AS rule, m.detail AS detail
ORDER BY entity_id, source, rule, alias
"""
ENTITIES_BY_RESOLVED_ALIAS = """
MATCH (m:Resolution)-[:RESOLVES_TO]->(e:Entity)
WHERE toLower(m.alias) = toLower($alias)
RETURN DISTINCT e.id AS id
"""
