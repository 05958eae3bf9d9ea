// name: sources
// answers: Which sources are stored, and how many entities, relations and evidence sentences come from each?
MATCH (s:Source)
OPTIONAL MATCH (s)-[m:MENTIONS]->(:Entity)
WITH s, count(m) AS entities, toInteger(sum(m.count)) AS mentions
OPTIONAL MATCH (v:Evidence)-[:IN_SOURCE]->(s)
WITH s, entities, mentions, count(v) AS evidence, count(DISTINCT v.edge_id) AS relations
RETURN s.id AS id, s.outlet AS outlet, s.published AS published, s.title AS title, s.url AS url,
       s.sha256 IS NOT NULL AS complete, entities, mentions, relations, evidence
ORDER BY published, outlet, id
