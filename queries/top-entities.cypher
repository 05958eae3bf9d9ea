// name: top-entities
// answers: Which entities are the most connected, by number of relations, then by mentions?
// param: limit int = 10 — how many entities to list
// Degrees counted from the Evidence nodes (see corroborated.cypher for why); entities without relations are left out.
MATCH (v:Evidence)
WITH DISTINCT v.edge_id AS edge, v.subject_id AS subject, v.object_id AS object
UNWIND [[subject, object], [object, subject]] AS pair
WITH pair[0] AS id, count(DISTINCT edge) AS degree, count(DISTINCT pair[1]) AS neighbours
MATCH (e:Entity {id: id})
RETURN e.name AS name, e.type AS type, degree, neighbours, toInteger(e.mention_count) AS mentions,
       e.source_count AS sources
ORDER BY degree DESC, mentions DESC, name
LIMIT $limit
