// name: claims-by
// answers: What is an entity reported as saying, itself or through its spokespeople (evidence attributed to it or said on its behalf)?
// param: name string — the speaker or whom the speaker represents: name, alias or id (any case, "Mr."/"President" ignored)
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
MATCH (v:Evidence)-[:ATTRIBUTED_TO|ON_BEHALF_OF]->(e)
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
OPTIONAL MATCH (se:Entity {id: v.subject_id})
OPTIONAL MATCH (sc:Concept {id: v.subject_id})
OPTIONAL MATCH (oe:Entity {id: v.object_id})
OPTIONAL MATCH (oc:Concept {id: v.object_id})
WITH DISTINCT e, v, s, se, sc, oe, oc
RETURN coalesce(v.attributed_to_name, v.speaker_text, e.name) AS speaker, v.on_behalf_of_name AS on_behalf_of,
       v.speaker_text AS speaker_text, coalesce(se.name, sc.name, v.subject_text) AS subject, v.predicate AS predicate,
       coalesce(v.relation_class, v.predicate) AS relation_class,
       coalesce(oe.name, oc.name, v.object_text) AS object, v.negated AS negated, v.hedged AS hedged,
       coalesce(v.conditional, false) AS conditional, v.source AS source, s.outlet AS outlet, v.sentence AS sentence
ORDER BY speaker, source, v.sentence_start, subject, predicate, object
LIMIT $limit
