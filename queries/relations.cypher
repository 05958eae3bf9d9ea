// name: relations
// answers: What relations does an entity take part in, in either direction, and who reports them?
// param: name string — the entity's name, an alias, a name merged into it, or its id (any case; "Mr." etc. ignored)
// lookup: name = entity
// param: limit int = 100 — at most this many relations
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: name=Putin
// Counted from each relation's Evidence nodes, its sources listed by date (undated last); with a date window only
// the evidence of sources in it counts, and a relation left with none is left out.
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
MATCH (e)-[r]-(o)
WHERE (o:Entity OR o:Concept) AND (dated IS NULL OR any(x IN coalesce(r.sources, []) WHERE x IN dated))
WITH dated, e, r, o, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction
OPTIONAL MATCH (v:Evidence {edge_id: r.id})
WHERE dated IS NULL OR v.source IN dated
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
WITH e, r, o, direction, v, s ORDER BY coalesce(s.published, '') = '', s.published, v.source, v.sentence_start
WITH e, r, o, direction, collect(v) AS found
WITH e, r, o, direction, found,
     reduce(acc = [], x IN found | CASE WHEN x.source IN acc THEN acc ELSE acc + [x.source] END) AS sources,
     reduce(acc = [], x IN found | CASE WHEN x.attributed_to_name IS NULL OR x.attributed_to_name IN acc THEN acc
                                        ELSE acc + [x.attributed_to_name] END) AS attributed_to
RETURN e.name AS entity, direction, r.predicate AS predicate, o.name AS other,
       coalesce(o.type, 'Concept') AS other_type,
       size(sources) AS source_count, sources, size(found) AS evidence,
       size([x IN found WHERE x.negated]) AS negated, size([x IN found WHERE x.hedged]) AS hedged,
       attributed_to
ORDER BY source_count DESC, evidence DESC, entity, direction DESC, predicate, other
LIMIT $limit
