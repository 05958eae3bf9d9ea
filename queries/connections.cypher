// name: connections
// answers: How are two entities connected through reported relations (up to a few hops), and on what evidence?
// param: a string — one entity: name, alias or id (any case, "Mr."/"President" ignored)
// param: b string — the other entity: name, alias or id
// param: hops int = 3 — the longest path to consider, in relations (at most 4)
// param: limit int = 10 — at most this many paths, shortest first
// example: a=Trump
// example: b=Kremlin
// Paths run through entities only (never a Concept, Event, Source, Evidence or Resolution): a concept such as
// "time" or "decision" would tie unrelated stories together; concepts may only end a path. They are found as node
// chains, one fixed length per branch so each step is filtered as it goes; then the relations of each step are read
// (one row per relation: two nodes may be linked by several). A variable-length bound cannot be a parameter.
WITH toLower(trim($a)) AS ka, toLower(trim($b)) AS kb,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH [ka] + [t IN titles WHERE ka STARTS WITH t | substring(ka, size(t))] AS akeys,
     [kb] + [t IN titles WHERE kb STARTS WITH t | substring(kb, size(t))] AS bkeys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH e, akeys, bkeys,
     [toLower(e.name)] + [a IN coalesce(e.aliases, []) | toLower(a)] + collect(toLower(res.alias)) AS known
WITH collect(CASE WHEN e.id = $a OR any(k IN known WHERE k IN akeys) THEN e END) AS xs,
     collect(CASE WHEN e.id = $b OR any(k IN known WHERE k IN bkeys) THEN e END) AS ys
UNWIND xs AS x
UNWIND ys AS y
CALL {
  WITH x, y
  WITH x, y WHERE $hops >= 1 AND x <> y
  MATCH (x)--(y)
  RETURN [x, y] AS chain
  UNION
  WITH x, y
  WITH x, y WHERE $hops >= 2 AND x <> y
  MATCH (x)--(m1)--(y)
  WHERE m1:Entity AND NOT m1 IN [x, y]
  RETURN [x, m1, y] AS chain
  UNION
  WITH x, y
  WITH x, y WHERE $hops >= 3 AND x <> y
  MATCH (x)--(m1)--(m2)--(y)
  WHERE m1:Entity AND m2:Entity AND NOT m1 IN [x, y] AND NOT m2 IN [x, y, m1]
  RETURN [x, m1, m2, y] AS chain
  UNION
  WITH x, y
  WITH x, y WHERE $hops >= 4 AND x <> y
  MATCH (x)--(m1)--(m2)--(m3)--(y)
  WHERE m1:Entity AND m2:Entity AND m3:Entity
    AND NOT m1 IN [x, y] AND NOT m2 IN [x, y, m1] AND NOT m3 IN [x, y, m1, m2]
  RETURN [x, m1, m2, m3, y] AS chain
}
WITH DISTINCT chain
WITH chain, [n IN chain | n.name] AS names
ORDER BY size(chain), names
LIMIT $limit
WITH collect(chain) AS chains
UNWIND range(0, size(chains) - 1) AS i
WITH i, chains[i] AS chain
UNWIND range(0, size(chain) - 2) AS h
WITH i, chain, h, chain[h] AS n1, chain[h + 1] AS n2
MATCH (n1)-[r]-(n2)
OPTIONAL MATCH (v:Evidence {edge_id: r.id})
WITH i, chain, h, r, n1, n2, v
ORDER BY v.source, v.sentence_start
WITH i, chain, h, r, n1, n2, collect(v.source) AS evidence_sources, collect(v.sentence) AS sentences
RETURN i + 1 AS path, size(chain) - 1 AS length, h + 1 AS hop, n1.name AS `from`,
       CASE WHEN startNode(r) = n1 THEN '->' ELSE '<-' END AS direction, r.predicate AS predicate, n2.name AS `to`,
       r.sources AS sources, r.negated_count AS negated, r.hedged_count AS hedged, evidence_sources, sentences
ORDER BY path, hop, predicate
