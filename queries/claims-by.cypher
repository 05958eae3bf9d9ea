// name: claims-by
// answers: What is an entity reported as saying: the evidence attributed to it?
// param: name string — the speaker: name, alias or id (any case, "Mr."/"President" ignored)
// param: limit int = 100 — at most this many claims
// example: name=Kremlin
WITH toLower(trim($name)) AS key
WITH key,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH [key] + [t IN titles WHERE key STARTS WITH t | substring(key, size(t))] AS keys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH e, keys, collect(toLower(res.alias)) AS merged
WHERE e.id = $name OR toLower(e.name) IN keys OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) IN keys)
   OR any(a IN merged WHERE a IN keys)
MATCH (v:Evidence)-[:ATTRIBUTED_TO]->(e)
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
OPTIONAL MATCH (se:Entity {id: v.subject_id})
OPTIONAL MATCH (sc:Concept {id: v.subject_id})
OPTIONAL MATCH (oe:Entity {id: v.object_id})
OPTIONAL MATCH (oc:Concept {id: v.object_id})
RETURN e.name AS speaker, coalesce(se.name, sc.name, v.subject_text) AS subject, v.predicate AS predicate,
       coalesce(v.relation_class, v.predicate) AS relation_class,
       coalesce(oe.name, oc.name, v.object_text) AS object, v.negated AS negated, v.hedged AS hedged,
       v.source AS source, s.outlet AS outlet, v.sentence AS sentence
ORDER BY speaker, source, v.sentence_start, subject, predicate, object
LIMIT $limit
