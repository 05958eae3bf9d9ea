// name: single-source
// answers: Which relations does only one independent source report (one article, or one article and its copies), optionally only those from one source or outlet?
// param: source string = "" — a source id or an outlet name (any case); empty for every source
// lookup: source = source
// param: limit int = 100 — at most this many relations
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: source=The Guardian
// Grouped from the Evidence nodes (see corroborated.cypher for why). Copies (COPY_OF) share a Source.copy_group;
// source is the first of the relation's sources by date, sources all of them; sentence is the first of source's
// evidence sentences (a copy may word it otherwise). With a date window, "only one independent source" counts the
// sources in the window.
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
MATCH (v:Evidence)
WHERE dated IS NULL OR v.source IN dated
WITH dated, v.edge_id AS edge, collect(DISTINCT v.source) AS ids
UNWIND ids AS id
OPTIONAL MATCH (c:Source {id: id})
WITH dated, edge, id, coalesce(c.copy_group, id) AS copy_group,
     CASE WHEN coalesce(c.outlet, '') = '' THEN id ELSE c.outlet END AS outlet, coalesce(c.published, '') AS published
ORDER BY published = '', published, id
WITH dated, edge, collect(id) AS sources, collect(outlet) AS outlets, collect(DISTINCT copy_group) AS groups
WHERE size(groups) = 1
  AND ($source = '' OR $source IN sources OR any(o IN outlets WHERE toLower(o) = toLower(trim($source))))
MATCH (v:Evidence {edge_id: edge})
WHERE dated IS NULL OR v.source IN dated
OPTIONAL MATCH (c:Source {id: v.source})
WITH sources, outlets, edge, v, coalesce(c.published, '') AS published
ORDER BY published = '', published, v.source, v.sentence_start
WITH sources, outlets, edge, collect(v) AS found
WITH sources, outlets, found[0] AS v, size(found) AS evidence, size([x IN found WHERE x.negated]) AS negated,
     size([x IN found WHERE x.hedged]) AS hedged,
     [x IN found WHERE x.attributed_to_name IS NOT NULL | x.attributed_to_name] AS attributed_to
OPTIONAL MATCH (se:Entity {id: v.subject_id})
OPTIONAL MATCH (sc:Concept {id: v.subject_id})
OPTIONAL MATCH (oe:Entity {id: v.object_id})
OPTIONAL MATCH (oc:Concept {id: v.object_id})
RETURN sources[0] AS source, outlets[0] AS outlet, coalesce(se.name, sc.name, v.subject_text) AS subject,
       coalesce(v.relation_class, v.predicate) AS predicate, coalesce(oe.name, oc.name, v.object_text) AS object,
       size(sources) AS source_count, sources, outlets, evidence, negated, hedged, attributed_to, v.sentence AS sentence
ORDER BY outlet, source, subject, predicate, object
LIMIT $limit
