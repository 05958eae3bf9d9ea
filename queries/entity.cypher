// name: entity
// answers: Which canonical entity does a name, alias or id stand for, and how often and where is it mentioned?
// param: name string — the entity's name, an alias, a name merged into it, or its id (any case; "Mr." etc. ignored)
// lookup: name = entity
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: name=Mr. Putin
// Sources it is mentioned in are listed by date, undated last. With a date window, an entity no source in it
// mentions is not found, and relations count those with evidence from a source in it.
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
OPTIONAL MATCH (s:Source)-[m:MENTIONS]->(e)
WHERE dated IS NULL OR s.id IN dated
WITH dated, e, s, m ORDER BY coalesce(s.published, '') = '', s.published, s.id
WITH dated, e, collect(s.id) AS sources, toInteger(sum(m.count)) AS mentions
WHERE dated IS NULL OR size(sources) > 0
OPTIONAL MATCH (e)-[r]-(o)
WHERE (o:Entity OR o:Concept) AND (dated IS NULL OR any(x IN coalesce(r.sources, []) WHERE x IN dated))
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, sources AS mentioned_in,
       size(sources) AS source_count, mentions, count(r) AS relations
ORDER BY mentions DESC, id
