// name: negated
// answers: What is reported as not happening (negated evidence), by whom and where?
// param: hedged string = "any" — "yes" for only hedged or conditional statements, "no" for only plain ones, "any" for all
// values: hedged = any | yes | no
// param: limit int = 100 — at most this many statements
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// Statements in the order of their source's publication date (undated last), then of the text.
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
MATCH (v:Evidence)
WHERE v.negated = true AND (dated IS NULL OR v.source IN dated)
  AND ($hedged = 'any' OR ($hedged = 'yes') = (v.hedged = true OR v.conditional = true))
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
OPTIONAL MATCH (se:Entity {id: v.subject_id})
OPTIONAL MATCH (sc:Concept {id: v.subject_id})
OPTIONAL MATCH (oe:Entity {id: v.object_id})
OPTIONAL MATCH (oc:Concept {id: v.object_id})
RETURN coalesce(se.name, sc.name, v.subject_text) AS subject, v.predicate AS predicate,
       coalesce(oe.name, oc.name, v.object_text) AS object, v.hedged AS hedged,
       coalesce(v.conditional, false) AS conditional, v.attributed_to_name AS attributed_to,
       v.source AS source, s.outlet AS outlet, v.sentence AS sentence
ORDER BY coalesce(s.published, '') = '', s.published, source, v.sentence_start, subject, predicate, object
LIMIT $limit
