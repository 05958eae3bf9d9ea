// name: claims-by
// answers: What is an entity reported as saying, itself or through its spokespeople (evidence attributed to it or said on its behalf)?
// param: name string — the speaker or whom the speaker represents: name, alias or id (any case, "Mr."/"President" ignored)
// lookup: name = entity
// param: limit int = 100 — at most this many claims
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: name=Kremlin
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
MATCH (v:Evidence)-[:ATTRIBUTED_TO|ON_BEHALF_OF]->(e)
WHERE dated IS NULL OR v.source IN dated
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
       coalesce(v.conditional, false) AS conditional, v.source AS source, s.outlet AS outlet,
       s.published AS published, v.sentence AS sentence
ORDER BY speaker, coalesce(published, '') = '', published, source, v.sentence_start, subject, predicate, object
LIMIT $limit
