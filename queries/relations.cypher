// name: relations
// answers: What relations does an entity take part in, in either direction, and who reports them?
// param: name string — the entity's name, an alias, a name merged into it, or its id (any case; "Mr." etc. ignored)
// param: limit int = 100 — at most this many relations
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
MATCH (e)-[r]-(o)
WHERE o:Entity OR o:Concept
WITH e, r, o, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction
RETURN e.name AS entity, direction, r.predicate AS predicate, o.name AS other,
       coalesce(o.type, 'Concept') AS other_type,
       r.source_count AS source_count, r.sources AS sources, r.evidence_count AS evidence,
       r.negated_count AS negated, r.hedged_count AS hedged, r.attributed_to AS attributed_to
ORDER BY source_count DESC, evidence DESC, entity, direction DESC, predicate, other
LIMIT $limit
