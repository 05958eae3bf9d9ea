// name: events
// answers: Which events does an entity take part in, in time order, with their stories and reporting sources?
// param: name string — the entity's name, an alias, a name merged into it, or its id (any case; "Mr." etc. ignored)
// lookup: name = entity
// param: limit int = 100 — at most this many events
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: name=Putin
// Time order: by the date of the first source reporting the event (sources by date, undated last). Only the
// reports of sources that name the entity among the event's participants count (a participation keeps the sources
// that name it; an event merges the mentions of one kind in a story, and another source may tell of someone else's
// arrest); with a date window, only those of sources in it, and an event none of them reports is left out. A
// participation stored with no sources (by an older version) counts every report of its event.
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
WITH dated, toLower(trim($name)) AS key
WITH dated, key,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH dated, [key] + [t IN titles WHERE key STARTS WITH t | substring(key, size(t))] AS keys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH dated, e, keys, collect(toLower(res.alias)) AS merged
WHERE e.id = $name OR toLower(e.name) IN keys OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) IN keys)
   OR any(a IN merged WHERE a IN keys)
MATCH (ev:Event)-[p:HAS_PARTICIPANT]->(e)
WHERE dated IS NULL OR p.sources IS NULL OR any(x IN p.sources WHERE x IN dated)
WITH dated, e, ev, p ORDER BY p.role
WITH dated, e, ev, collect(DISTINCT p.role) AS roles, collect(p) AS ps
WITH e, ev, roles, CASE WHEN any(z IN ps WHERE z.sources IS NULL) THEN dated
     ELSE [y IN reduce(a = [], z IN ps | a + coalesce(z.sources, [])) WHERE dated IS NULL OR y IN dated] END AS kept
MATCH (s:Source)-[r:REPORTS]->(ev)
WHERE kept IS NULL OR s.id IN kept
WITH e, ev, roles, s, r ORDER BY coalesce(s.published, '') = '', s.published, s.id
WITH e, ev, roles, collect(s.id) AS sources, collect(coalesce(s.published, '')) AS dates,
     sum(size(r.starts)) AS mentions, collect(r.texts[0]) AS triggers
OPTIONAL MATCH (ev)-[:PART_OF]->(t:Story)
WITH e, ev, roles, sources, [d IN dates WHERE d <> ''] AS dated, mentions, triggers, t
RETURN e.name AS entity, ev.name AS event, roles, CASE WHEN size(dated) > 0 THEN dated[0] ELSE '' END AS first_date,
       size(sources) AS source_count, sources, toInteger(mentions) AS mentions, triggers, t.name AS story,
       ev.id AS event_id
ORDER BY first_date = '', first_date, story, source_count DESC, event
LIMIT $limit
