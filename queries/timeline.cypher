// name: timeline
// answers: What is reported of an entity over time: its relations and events in date order, with outlet and sentence?
// param: name string — the entity's name, an alias, a name merged into it, or its id (any case; "Mr." etc. ignored)
// lookup: name = entity
// param: limit int = 200 — at most this many rows
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: name=Putin
// One row per evidence sentence of a relation the entity is in (kind "relation": its relation class, the entity's
// role, the other end), and one per report of an event it takes part in (kind "event": the event class, its roles,
// the other participants) unless a relation row of the same source already stands for that event. Rows are in the
// order of their source's publication date (undated last), then of the text; "when" is the time the sentence
// itself names ("on Tuesday" resolved against the date), when it names one. An event row's sentence is that of
// evidence of the event in the same source; where there is none, the sentence its report keeps (the first plain
// mention's, else the first negated one's); only for a report of hedged mentions alone, its trigger words. An event
// row stands for the report of a source that names the entity among the event's participants (a participation
// keeps the sources that name it; an event merges the mentions of one kind in a story, and another source may tell
// of someone else's arrest), and the event's other participants are those these sources name; with a date window,
// only sources in it count. A participation stored with no sources (by an older version) counts every report.
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
OPTIONAL MATCH (v:Evidence)
WHERE (v.subject_id = e.id OR v.object_id = e.id) AND (dated IS NULL OR v.source IN dated)
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
WITH dated, e, v, s, CASE WHEN v.subject_id = e.id THEN 'subject' ELSE 'object' END AS role
WITH dated, e, v, s, role, CASE WHEN role = 'subject' THEN v.object_id ELSE v.subject_id END AS other_id,
     CASE WHEN role = 'subject' THEN v.object_text ELSE v.subject_text END AS other_text
OPTIONAL MATCH (oe:Entity {id: other_id})
OPTIONAL MATCH (oc:Concept {id: other_id})
WITH dated, e, collect(CASE WHEN v IS NULL THEN NULL ELSE {
       date: coalesce(s.published, ''), kind: 'relation', class: coalesce(v.relation_class, v.predicate),
       predicate: v.predicate, role: role, other: coalesce(oe.name, oc.name, other_text), negated: v.negated,
       hedged: v.hedged, time: coalesce(v.when, ''), outlet: coalesce(s.outlet, v.source), source: v.source,
       start: v.sentence_start, sentence: v.sentence, event: v.event_id} END) AS rels
OPTIONAL MATCH (ev:Event)-[p:HAS_PARTICIPANT]->(e)
WHERE dated IS NULL OR p.sources IS NULL OR any(y IN p.sources WHERE y IN dated)
WITH dated, e, rels, ev, p ORDER BY p.role
WITH dated, e, rels, ev, collect(DISTINCT p.role) AS roles, collect(p) AS ps
WITH e, rels, ev, roles, CASE WHEN any(z IN ps WHERE z.sources IS NULL) THEN dated
     ELSE [y IN reduce(a = [], z IN ps | a + coalesce(z.sources, [])) WHERE dated IS NULL OR y IN dated] END AS kept
OPTIONAL MATCH (ev)-[q:HAS_PARTICIPANT]->(x:Entity)
WHERE x <> e AND (kept IS NULL OR q.sources IS NULL OR any(y IN q.sources WHERE y IN kept))
WITH e, rels, ev, roles, kept, x ORDER BY x.name
WITH e, rels, ev, roles, kept, collect(DISTINCT x.name) AS others
OPTIONAL MATCH (src:Source)-[r:REPORTS]->(ev)
WHERE kept IS NULL OR src.id IN kept
WITH e, rels, ev, roles, others, src, r,
     src IS NOT NULL AND NOT any(x IN rels WHERE x.event = ev.id AND x.source = src.id) AS shown
OPTIONAL MATCH (w:Evidence {event_id: ev.id})
WHERE shown AND w.source = src.id
WITH e, rels, ev, roles, others, src, r, shown, w ORDER BY w.sentence_start
WITH e, rels, ev, roles, others, src, r, shown, collect(w.sentence) AS sentences
WITH e, rels, collect(CASE WHEN shown THEN {
       date: coalesce(src.published, ''), kind: 'event', class: ev.event_class, predicate: r.texts[0],
       role: reduce(t = '', y IN roles | t + CASE WHEN t = '' THEN '' ELSE ', ' END + y),
       other: reduce(t = '', y IN others | t + CASE WHEN t = '' THEN '' ELSE ', ' END + y),
       negated: size(r.negated) > 0 AND all(y IN r.negated WHERE y),
       hedged: size(r.hedged) > 0 AND all(y IN r.hedged WHERE y), time: '', outlet: coalesce(src.outlet, src.id),
       source: src.id, start: r.sentence_starts[0], event: ev.id,
       sentence: head(sentences + [x IN [r.affirmed_sentence, r.negated_sentence] WHERE x > ''] + [r.texts[0]])}
     END) AS events
UNWIND rels + events AS row
RETURN e.name AS entity, row.date AS date, row.kind AS kind, row.class AS class, row.predicate AS predicate,
       row.role AS role, row.other AS other, row.negated AS negated, row.hedged AS hedged, row.time AS `when`,
       row.outlet AS outlet, row.source AS source, row.sentence AS sentence
ORDER BY date = '', date, source, row.start, kind DESC, class, other
LIMIT $limit
