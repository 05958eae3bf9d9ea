// name: story
// answers: What is one story: its sources with outlet and date, its events (most told first) and who reports them?
// param: name string — a story id, a source id, or words of the story's name or of a source's title (any case)
// lookup: name = story
// param: limit int = 50 — at most this many events
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: name=ceasefire
// A story groups the sources about one real-world happening; its events are merged across those sources. Its
// sources are listed by date, undated last; with a date window only its sources in the window (and the events
// they report) are shown, and a story with none is not found.
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
MATCH (s0:Source)-[:IN_STORY]->(t:Story)
WHERE t.id = $name OR s0.id = $name OR toLower(t.name) CONTAINS toLower(trim($name))
   OR toLower(coalesce(s0.title, '')) CONTAINS toLower(trim($name))
WITH DISTINCT dated, t
MATCH (s:Source)-[:IN_STORY]->(t)
WHERE dated IS NULL OR s.id IN dated
WITH dated, t, s ORDER BY coalesce(s.published, '') = '', s.published, s.id
WITH dated, t, collect(s.id) AS sources, collect(coalesce(s.outlet, '')) AS outlets,
     collect(coalesce(s.published, '')) AS dates
MATCH (ev:Event)-[:PART_OF]->(t)
OPTIONAL MATCH (src:Source)-[r:REPORTS]->(ev)
WHERE dated IS NULL OR src.id IN dated
WITH t, sources, outlets, dates, ev, src, r ORDER BY coalesce(src.published, '') = '', src.published, src.id
WITH t, sources, outlets, dates, ev, collect(src.id) AS reported_by, sum(size(r.starts)) AS mentions,
     [x IN collect(r.texts[0]) WHERE x IS NOT NULL] AS triggers
WHERE size(reported_by) > 0
RETURN t.id AS story, t.name AS title, sources, outlets, dates, ev.name AS event, ev.id AS event_id,
       size(reported_by) AS source_count, reported_by, toInteger(mentions) AS mentions, triggers
ORDER BY story, source_count DESC, mentions DESC, event, event_id
LIMIT $limit
