// name: top-entities
// answers: Which entities are the most connected, by number of relations, then by mentions?
// param: limit int = 10 — how many entities to list
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// Degrees counted from the Evidence nodes (see corroborated.cypher for why); entities without relations are left out.
// With a date window, relations, mentions and sources count only the sources in the window.
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
MATCH (v:Evidence)
WHERE dated IS NULL OR v.source IN dated
WITH dated, v
WITH DISTINCT dated, v.edge_id AS edge, v.subject_id AS subject, v.object_id AS object
UNWIND [[subject, object], [object, subject]] AS pair
WITH dated, pair[0] AS id, count(DISTINCT edge) AS degree, count(DISTINCT pair[1]) AS neighbours
MATCH (e:Entity {id: id})
OPTIONAL MATCH (s:Source)-[m:MENTIONS]->(e)
WHERE dated IS NOT NULL AND s.id IN dated
WITH dated, e, degree, neighbours, toInteger(sum(m.count)) AS in_window, count(m) AS window_sources
RETURN e.name AS name, e.type AS type, degree, neighbours,
       CASE WHEN dated IS NULL THEN toInteger(e.mention_count) ELSE in_window END AS mentions,
       CASE WHEN dated IS NULL THEN e.source_count ELSE window_sources END AS sources
ORDER BY degree DESC, mentions DESC, name
LIMIT $limit
