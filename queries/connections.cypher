// name: connections
// answers: How are two entities connected through reported relations (up to a few hops), and on what evidence?
// param: a string — one entity: name, alias or id (any case, "Mr."/"President" ignored)
// param: b string — the other entity: name, alias or id
// param: hops int = 3 — the longest path to consider, in relations (at most 4)
// param: limit int = 10 — at most this many paths, shortest first
// example: a=Trump
// example: b=Kremlin
WITH toLower(trim($a)) AS ka, toLower(trim($b)) AS kb,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH [ka] + [t IN titles WHERE ka STARTS WITH t | substring(ka, size(t))] AS akeys,
     [kb] + [t IN titles WHERE kb STARTS WITH t | substring(kb, size(t))] AS bkeys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH e, akeys, bkeys, [toLower(e.name)] + [a IN coalesce(e.aliases, []) | toLower(a)] + collect(toLower(res.alias)) AS known
WITH akeys, bkeys,
     collect(CASE WHEN e.id = $a OR any(k IN known WHERE k IN akeys) THEN e END) AS xs,
     collect(CASE WHEN e.id = $b OR any(k IN known WHERE k IN bkeys) THEN e END) AS ys
UNWIND xs AS x
UNWIND ys AS y
MATCH p = (x)-[*1..4]-(y)
WHERE length(p) <= $hops
  AND all(n IN nodes(p) WHERE (n:Entity OR n:Concept) AND single(m IN nodes(p) WHERE m = n))
WITH p, [n IN nodes(p) | n.name] AS names
ORDER BY length(p), names
LIMIT $limit
WITH collect(p) AS paths
UNWIND range(0, size(paths) - 1) AS i
WITH i, paths[i] AS p
UNWIND range(0, length(p) - 1) AS h
WITH i, p, h, relationships(p)[h] AS r, nodes(p)[h] AS n1, nodes(p)[h + 1] AS n2
OPTIONAL MATCH (v:Evidence {edge_id: r.id})
WITH i, p, h, r, n1, n2, v
ORDER BY v.source, v.sentence_start
WITH i, p, h, r, n1, n2, collect(v.source) AS evidence_sources, collect(v.sentence) AS sentences
RETURN i + 1 AS path, length(p) AS length, h + 1 AS hop, n1.name AS `from`,
       CASE WHEN startNode(r) = n1 THEN '->' ELSE '<-' END AS direction, r.predicate AS predicate, n2.name AS `to`,
       r.sources AS sources, r.negated_count AS negated, r.hedged_count AS hedged, evidence_sources, sentences
ORDER BY path, hop
