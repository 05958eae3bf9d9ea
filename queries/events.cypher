// name: events
// answers: Which events does an entity take part in, in time order, with their stories and reporting sources?
// param: name string — the entity's name, an alias, a name merged into it, or its id (any case; "Mr." etc. ignored)
// param: limit int = 100 — at most this many events
// example: name=Putin
WITH toLower(trim($name)) AS key
WITH key,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH [key] + [t IN titles WHERE key STARTS WITH t | substring(key, size(t))] AS keys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH e, keys, collect(toLower(res.alias)) AS merged
WHERE e.id = $name OR toLower(e.name) IN keys OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) IN keys)
   OR any(a IN merged WHERE a IN keys)
MATCH (ev:Event)-[p:HAS_PARTICIPANT]->(e)
WITH e, ev, p ORDER BY p.role
WITH e, ev, collect(DISTINCT p.role) AS roles
MATCH (s:Source)-[r:REPORTS]->(ev)
WITH e, ev, roles, s, r ORDER BY s.published, s.id
WITH e, ev, roles, collect(s.id) AS sources, collect(coalesce(s.published, '')) AS dates,
     sum(size(r.starts)) AS mentions, collect(r.texts[0]) AS triggers
OPTIONAL MATCH (ev)-[:PART_OF]->(t:Story)
WITH e, ev, roles, sources, [d IN dates WHERE d <> ''] AS dated, mentions, triggers, t
RETURN e.name AS entity, ev.name AS event, roles, CASE WHEN size(dated) > 0 THEN dated[0] ELSE '' END AS first_date,
       size(sources) AS source_count, sources, toInteger(mentions) AS mentions, triggers, t.name AS story,
       ev.id AS event_id
ORDER BY first_date, story, source_count DESC, event
LIMIT $limit
