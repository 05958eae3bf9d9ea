// name: entity
// answers: Which canonical entity does a name, alias or id stand for, and how often and where is it mentioned?
// param: name string — the entity's name, an alias, a name merged into it, or its id (any case; "Mr." etc. ignored)
// example: name=Mr. Putin
WITH toLower(trim($name)) AS key
WITH key,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH [key] + [t IN titles WHERE key STARTS WITH t | substring(key, size(t))] AS keys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH e, keys, collect(toLower(res.alias)) AS merged
WHERE e.id = $name OR toLower(e.name) IN keys OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) IN keys)
   OR any(a IN merged WHERE a IN keys)
OPTIONAL MATCH (s:Source)-[m:MENTIONS]->(e)
WITH e, s, m ORDER BY s.id
WITH e, collect(s.id) AS sources, toInteger(sum(m.count)) AS mentions
OPTIONAL MATCH (e)-[r]-(o)
WHERE o:Entity OR o:Concept
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, sources AS mentioned_in,
       size(sources) AS source_count, mentions, count(r) AS relations
ORDER BY mentions DESC, id
