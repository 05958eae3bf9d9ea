// name: story
// answers: What is one story: its sources with outlet and date, its events (most told first) and who reports them?
// param: name string — a story id, a source id, or words of the story's name or of a source's title (any case)
// param: limit int = 50 — at most this many events
// example: name=ceasefire
// A story groups the sources about one real-world happening; its events are merged across those sources.
MATCH (s0:Source)-[:IN_STORY]->(t:Story)
WHERE t.id = $name OR s0.id = $name OR toLower(t.name) CONTAINS toLower(trim($name))
   OR toLower(coalesce(s0.title, '')) CONTAINS toLower(trim($name))
WITH DISTINCT t
MATCH (s:Source)-[:IN_STORY]->(t)
WITH t, s ORDER BY s.published, s.id
WITH t, collect(s.id) AS sources, collect(coalesce(s.outlet, '')) AS outlets, collect(coalesce(s.published, '')) AS dates
MATCH (ev:Event)-[:PART_OF]->(t)
OPTIONAL MATCH (src:Source)-[r:REPORTS]->(ev)
WITH t, sources, outlets, dates, ev, src, r ORDER BY src.id
WITH t, sources, outlets, dates, ev, collect(src.id) AS reported_by, sum(size(r.starts)) AS mentions,
     [x IN collect(r.texts[0]) WHERE x IS NOT NULL] AS triggers
RETURN t.id AS story, t.name AS title, sources, outlets, dates, ev.name AS event, ev.id AS event_id,
       size(reported_by) AS source_count, reported_by, toInteger(mentions) AS mentions, triggers
ORDER BY story, source_count DESC, mentions DESC, event, event_id
LIMIT $limit
