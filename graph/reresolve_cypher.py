"""The Cypher of re-resolving a stored graph (``newsgraph.graph.reresolve``): one text for FalkorDB and Neo4j,
every value a parameter, labels only through ``cypher.label``.

What a move marks so that it can be undone (a merge taken out of the overrides file) is kept in properties the
readers and exports do not show: ``was`` (a parallel list on ``MENTIONS``, a property of ``Resolution`` nodes),
``subject_was``/``object_was``/``attributed_was``/``on_behalf_was`` on ``Evidence``, ``folded``/``kept`` on
``HAS_PARTICIPANT`` and ``<speaker>_was`` lists on ``REPORTS``. Undoing a merge removes them again.
"""

from __future__ import annotations

from newsgraph.graph.cypher import label

#: The analyst merges this command made, with what undoing them needs.
OVERRIDE_RECORDS = """
MATCH (m:Resolution)-[:RESOLVES_TO]->(e:Entity)
WHERE m.override_alias IS NOT NULL
RETURN m.id AS id, e.id AS entity_id, m.override_alias AS alias, m.override_canonical AS canonical,
       m.former_id AS former_id, m.former_name AS former_name, m.former_type AS former_type,
       m.former_aliases AS former_aliases, m.target_name AS target_name, m.target_aliases AS target_aliases,
       m.target_type AS target_type, m.seq AS seq, m.story_ids AS story_ids, m.story_at AS story_at,
       m.story_weights AS story_weights, m.story_target_at AS story_target_at, m.renamed AS renamed
ORDER BY seq DESC
"""

#: The stories whose profile has a term (``story_terms.entity_term``), with their profile.
STORIES_WITH_TERM = """
MATCH (t:Story)
WHERE $term IN t.terms
RETURN t.id AS id, t.terms AS terms, t.weights AS weights
"""

STORY_PROFILES = """
UNWIND $ids AS id
MATCH (t:Story {id: id})
RETURN t.id AS id, t.terms AS terms, t.weights AS weights
"""

SET_STORY_PROFILES = """
UNWIND $rows AS row
MATCH (t:Story {id: row.id})
SET t.terms = row.terms, t.weights = row.weights
"""

#: How many mentions each entity has (what decides a merged entity's type).
MENTION_COUNTS = """
MATCH (e:Entity)
RETURN e.id AS id, e.mention_count AS mentions
"""

ENTITY_NODES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases
"""

#: The relations at some entities, either way, with their ends' labels.
RELATIONS_AT = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r]-(x)
WHERE x:Entity OR x:Concept
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN r.id AS id, type(r) AS type, r.predicate AS predicate, a.id AS subject, b.id AS object,
       'Concept' IN labels(a) AS subject_concept, 'Concept' IN labels(b) AS object_concept
"""

#: The relations whose evidence some entities said (or were represented in), by their evidence.
SPOKEN_BY = """
UNWIND $ids AS id
MATCH (v:Evidence)-[:ATTRIBUTED_TO|ON_BEHALF_OF]->(:Entity {id: id})
WITH DISTINCT v.edge_id AS edge, v.subject_id AS subject, v.object_id AS object
OPTIONAL MATCH (sc:Concept {id: subject})
OPTIONAL MATCH (oc:Concept {id: object})
RETURN edge, subject, object, sc IS NOT NULL AS subject_concept, oc IS NOT NULL AS object_concept
"""


def relations_between(subject_label: str, object_label: str) -> str:
    """The type and predicate of relations given by id and ends (ends of the given labels)."""
    return f"""
UNWIND $rows AS row
MATCH (a:{label(subject_label)} {{id: row.subject}})-[r]->(b:{label(object_label)} {{id: row.object}})
WHERE r.id = row.id
RETURN r.id AS id, type(r) AS type, r.predicate AS predicate, a.id AS subject, b.id AS object
"""


def drop_relations(subject_label: str, object_label: str) -> str:
    """Delete relations given by id and ends (they are merged again from their evidence afterwards)."""
    return f"""
UNWIND $rows AS row
MATCH (a:{label(subject_label)} {{id: row.subject}})-[r]->(b:{label(object_label)} {{id: row.object}})
WHERE r.id = row.id
DELETE r
"""


def put_relations(rel_type: str, subject_label: str, object_label: str) -> str:
    """Merge relations of one type between two labels, their predicate and aggregates given as ``row.props``."""
    return f"""
UNWIND $rows AS row
MATCH (a:{label(subject_label)} {{id: row.subject}})
MATCH (b:{label(object_label)} {{id: row.object}})
MERGE (a)-[r:{label(rel_type)} {{id: row.id}}]->(b)
SET r += row.props
"""


EVIDENCE_BY_EDGE = """
UNWIND $ids AS id
MATCH (v:Evidence {edge_id: id})
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
RETURN properties(v) AS props, s.copy_group AS copy_group
"""

ENTITY_MENTIONS = """
UNWIND $ids AS id
MATCH (s:Source)-[m:MENTIONS]->(e:Entity {id: id})
RETURN s.id AS source, e.id AS entity, properties(m) AS props
"""

ENTITY_PARTICIPATIONS = """
UNWIND $ids AS id
MATCH (v:Event)-[p:HAS_PARTICIPANT]->(e:Entity {id: id})
RETURN v.id AS event, e.id AS entity, properties(p) AS props
"""

#: The REPORTS whose speakers name some entities (``attributed_to_ids`` / ``on_behalf_of_ids``).
REPORTS_SPOKEN_BY = """
MATCH (s:Source)-[r:REPORTS]->(v:Event)
WHERE any(x IN coalesce(r.attributed_to_ids, []) + coalesce(r.on_behalf_of_ids, []) WHERE x IN $ids)
RETURN s.id AS source, v.id AS event, properties(r) AS props
"""

ENTITY_RESOLUTIONS = """
UNWIND $ids AS id
MATCH (m:Resolution)-[:RESOLVES_TO]->(e:Entity {id: id})
RETURN e.id AS entity, properties(m) AS props
"""

SET_EVIDENCE = """
UNWIND $rows AS row
MATCH (v:Evidence {id: row.id})
SET v += row.props
"""

UNLINK_SPEAKERS = """
UNWIND $ids AS id
MATCH (v:Evidence {id: id})-[l:ATTRIBUTED_TO|ON_BEHALF_OF]->(:Entity)
DELETE l
"""

PUT_MENTIONS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})
MATCH (e:Entity {id: row.entity})
MERGE (s)-[m:MENTIONS]->(e)
SET m = row.props
"""

DROP_MENTIONS = """
UNWIND $rows AS row
MATCH (:Source {id: row.source})-[m:MENTIONS]->(:Entity {id: row.entity})
DELETE m
"""

PUT_PARTICIPANTS = """
UNWIND $rows AS row
MATCH (v:Event {id: row.event})
MATCH (e:Entity {id: row.entity})
MERGE (v)-[p:HAS_PARTICIPANT {role: row.role}]->(e)
SET p = row.props
"""

DROP_PARTICIPANTS = """
UNWIND $rows AS row
MATCH (:Event {id: row.event})-[p:HAS_PARTICIPANT]->(:Entity {id: row.entity})
WHERE p.role = row.role
DELETE p
"""

DROP_RESOLUTIONS = """
UNWIND $ids AS id
MATCH (m:Resolution {id: id})
DETACH DELETE m
"""

PUT_RESOLUTIONS = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MERGE (m:Resolution {id: row.id})
SET m = row.props
MERGE (m)-[:RESOLVES_TO]->(e)
"""

DROP_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
DETACH DELETE e
"""

STORED_IDS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id
"""

#: Role descriptions a stored graph may keep unlinked: evidence with a concept at an end, or a speaker named only
#: by its text (``newsgraph.graph.reroles``).
UNLINKED_ENDS = """
MATCH (v:Evidence)
WHERE v.subject_id STARTS WITH 'concept:' OR v.object_id STARTS WITH 'concept:'
   OR (v.attributed_to IS NULL AND v.speaker_text IS NOT NULL AND v.speaker_text <> '')
RETURN v.id AS id, v.source AS source, v.predicate AS predicate, v.subject_id AS subject_id,
       v.subject_text AS subject_text, v.subject_start AS subject_start, v.subject_end AS subject_end,
       v.object_id AS object_id, v.object_text AS object_text, v.object_start AS object_start,
       v.object_end AS object_end, v.speaker_text AS speaker_text, v.attributed_to AS attributed_to
"""

#: The REPORTS that name a speaker by its text.
SPOKEN_REPORTS = """
MATCH (s:Source)-[r:REPORTS]->(v:Event)
WHERE any(t IN coalesce(r.speaker_texts, []) WHERE t <> '')
RETURN s.id AS source, v.id AS event, properties(r) AS props
"""

SOURCE_DATES = """
MATCH (s:Source)
RETURN s.id AS id, s.published AS published
"""

EVIDENCE_ENDS = """
UNWIND $ids AS id
MATCH (v:Evidence {id: id})
RETURN v.id AS id, v.edge_id AS edge_id, v.subject_id AS subject, v.object_id AS object
"""

SOURCE_MENTIONS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})-[m:MENTIONS]->(e:Entity {id: row.entity})
RETURN s.id AS source, e.id AS entity, properties(m) AS props
"""

SOURCE_REPORTS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})-[r:REPORTS]->(v:Event {id: row.event})
RETURN s.id AS source, v.id AS event, properties(r) AS props
"""

def drop_bare(node_label: str) -> str:
    """Delete the nodes of a label, given by id, that are left with no relationship at all."""
    return f"""
UNWIND $ids AS id
MATCH (n:{label(node_label)} {{id: id}})
OPTIONAL MATCH (n)-[r]-()
WITH n, count(r) AS edges
WHERE edges = 0
DELETE n
"""


#: Concepts left with no relationship at all (a role description's, once it is linked to its holder).
DROP_BARE_CONCEPTS = drop_bare("Concept")
