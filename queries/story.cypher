// name: story
// answers: What is one story: its sources with outlet and date, its events (most told first) and who reports them?
// param: name string — a story id, a source id, or words of the story's name or of a source's title (any case)
// lookup: name = story
// param: limit int = 50 — at most this many events of each story
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: name=ceasefire
// A story groups the sources about one real-world happening; its events are merged across those sources. Its
// sources are listed by date, undated last; with a date window only its sources in the window (and the events
// they report) are shown, and a story with none is not found. When the name matches several stories, each shows
// its own most told events, up to the limit: the limit is per story, not one for all of them.
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
WITH t, sources, outlets, dates, ev, reported_by, mentions, triggers
ORDER BY t.id, size(reported_by) DESC, mentions DESC, ev.name, ev.id
WITH t, sources, outlets, dates,
     collect({event: ev.name, event_id: ev.id, source_count: size(reported_by), reported_by: reported_by,
              mentions: toInteger(mentions), triggers: triggers})[0..$limit] AS kept
UNWIND kept AS k
RETURN t.id AS story, t.name AS title, sources, outlets, dates, k.event AS event, k.event_id AS event_id,
       k.source_count AS source_count, k.reported_by AS reported_by, k.mentions AS mentions, k.triggers AS triggers
ORDER BY story, source_count DESC, mentions DESC, event, event_id
