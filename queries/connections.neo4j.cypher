// name: connections
// answers: How are two entities connected through reported relations (up to a few hops), and on what evidence?
// param: a string — one entity: name, alias or id (any case, "Mr."/"President" ignored)
// param: b string — the other entity: name, alias or id
// lookup: a = entity
// lookup: b = entity
// param: hops int = 3 — the longest path to consider, in relations (1 to 4)
// range: hops = 1..4
// param: limit int = 10 — at most this many paths, shortest first
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// example: a=Trump
// example: b=Kremlin
// Paths run through Entity and Concept nodes only (never Source, Evidence or Resolution). They are found as node
// chains, one fixed length per branch so each step is filtered as it goes; then the relations of each step are read
// (one row per relation: two nodes may be linked by several). A variable-length bound cannot be a parameter.
// Sources are listed by date, undated last. With a date window every step needs a relation reported in it,
// and only the window's evidence counts.
// Neo4j variant: the subquery imports x and y with a scope clause, CALL (x, y, dated) { ... }, which FalkorDB lacks;
// Neo4j 5.23+ deprecates the importing WITH that connections.cypher uses.
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
WITH dated, toLower(trim($a)) AS ka, toLower(trim($b)) AS kb,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH dated, [ka] + [t IN titles WHERE ka STARTS WITH t | substring(ka, size(t))] AS akeys,
     [kb] + [t IN titles WHERE kb STARTS WITH t | substring(kb, size(t))] AS bkeys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH dated, e, akeys, bkeys,
     [toLower(e.name)] + [a IN coalesce(e.aliases, []) | toLower(a)] + collect(toLower(res.alias)) AS known
WITH dated, collect(CASE WHEN e.id = $a OR any(k IN known WHERE k IN akeys) THEN e END) AS xs,
     collect(CASE WHEN e.id = $b OR any(k IN known WHERE k IN bkeys) THEN e END) AS ys
UNWIND xs AS x
UNWIND ys AS y
CALL (x, y, dated) {
  WITH x, y, dated WHERE $hops >= 1 AND x <> y
  MATCH (x)-[r1]-(y)
  WHERE dated IS NULL OR any(z IN r1.sources WHERE z IN dated)
  RETURN [x, y] AS chain
  UNION
  WITH x, y, dated WHERE $hops >= 2 AND x <> y
  MATCH (x)-[r1]-(m1)-[r2]-(y)
  WHERE m1:Entity AND NOT m1 IN [x, y]
    AND (dated IS NULL OR (any(z IN r1.sources WHERE z IN dated) AND any(z IN r2.sources WHERE z IN dated)))
  RETURN [x, m1, y] AS chain
  UNION
  WITH x, y, dated WHERE $hops >= 3 AND x <> y
  MATCH (x)-[r1]-(m1)-[r2]-(m2)-[r3]-(y)
  WHERE m1:Entity AND m2:Entity AND NOT m1 IN [x, y] AND NOT m2 IN [x, y, m1]
    AND (dated IS NULL OR (any(z IN r1.sources WHERE z IN dated) AND any(z IN r2.sources WHERE z IN dated) AND any(z IN r3.sources WHERE z IN dated)))
  RETURN [x, m1, m2, y] AS chain
  UNION
  WITH x, y, dated WHERE $hops >= 4 AND x <> y
  MATCH (x)-[r1]-(m1)-[r2]-(m2)-[r3]-(m3)-[r4]-(y)
  WHERE m1:Entity AND m2:Entity AND m3:Entity
    AND NOT m1 IN [x, y] AND NOT m2 IN [x, y, m1] AND NOT m3 IN [x, y, m1, m2]
    AND (dated IS NULL OR (any(z IN r1.sources WHERE z IN dated) AND any(z IN r2.sources WHERE z IN dated) AND any(z IN r3.sources WHERE z IN dated) AND any(z IN r4.sources WHERE z IN dated)))
  RETURN [x, m1, m2, m3, y] AS chain
}
WITH DISTINCT dated, chain
WITH dated, chain, [n IN chain | n.name] AS names
ORDER BY size(chain), names
LIMIT $limit
WITH dated, collect(chain) AS chains
UNWIND range(0, size(chains) - 1) AS i
WITH dated, i, chains[i] AS chain
UNWIND range(0, size(chain) - 2) AS h
WITH dated, i, chain, h, chain[h] AS n1, chain[h + 1] AS n2
MATCH (n1)-[r]-(n2)
WHERE dated IS NULL OR any(z IN r.sources WHERE z IN dated)
OPTIONAL MATCH (v:Evidence {edge_id: r.id})
WHERE dated IS NULL OR v.source IN dated
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
WITH i, chain, h, r, n1, n2, v, s
ORDER BY coalesce(s.published, '') = '', s.published, v.source, v.sentence_start
WITH i, chain, h, r, n1, n2, collect(v) AS found, collect(v.source) AS evidence_sources,
     collect(v.sentence) AS sentences
RETURN i + 1 AS path, size(chain) - 1 AS length, h + 1 AS hop, n1.name AS `from`,
       CASE WHEN startNode(r) = n1 THEN '->' ELSE '<-' END AS direction, r.predicate AS predicate, n2.name AS `to`,
       reduce(acc = [], x IN evidence_sources | CASE WHEN x IN acc THEN acc ELSE acc + [x] END) AS sources,
       size([x IN found WHERE x.negated]) AS negated, size([x IN found WHERE x.hedged]) AS hedged,
       evidence_sources, sentences
ORDER BY path, hop, predicate
