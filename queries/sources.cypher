// name: sources
// answers: Which sources are stored (by date, undated last), and how many entities, relations and evidence come from each?
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
MATCH (s:Source)
WHERE dated IS NULL OR s.id IN dated
OPTIONAL MATCH (s)-[m:MENTIONS]->(:Entity)
WITH s, count(m) AS entities, toInteger(sum(m.count)) AS mentions
OPTIONAL MATCH (v:Evidence)-[:IN_SOURCE]->(s)
WITH s, entities, mentions, count(v) AS evidence, count(DISTINCT v.edge_id) AS relations
RETURN s.id AS id, s.outlet AS outlet, s.published AS published, s.title AS title, s.url AS url,
       s.sha256 IS NOT NULL AS complete, entities, mentions, relations, evidence
ORDER BY coalesce(published, '') = '', published, outlet, id
