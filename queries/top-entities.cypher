// name: top-entities
// answers: Which entities are the most connected, by number of relations, then by mentions?
// param: limit int = 10 — how many entities to list
MATCH (e:Entity)
OPTIONAL MATCH (e)-[r]-(o)
WHERE o:Entity OR o:Concept
WITH e, count(r) AS degree, count(DISTINCT o) AS neighbours
RETURN e.name AS name, e.type AS type, degree, neighbours, toInteger(e.mention_count) AS mentions,
       e.source_count AS sources
ORDER BY degree DESC, mentions DESC, name
LIMIT $limit
