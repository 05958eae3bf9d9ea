// name: single-source
// answers: Which relations does only one source report (optionally only those from one source or outlet)?
// param: source string = "" — a source id or an outlet name (any case); empty for every source
// param: limit int = 100 — at most this many relations
// example: source=The Guardian
MATCH (a)-[r]->(b)
WHERE (a:Entity OR a:Concept) AND (b:Entity OR b:Concept) AND r.source_count = 1
MATCH (s:Source {id: r.sources[0]})
WHERE $source = '' OR s.id = $source OR toLower(s.outlet) = toLower(trim($source))
OPTIONAL MATCH (v:Evidence {edge_id: r.id})
WITH a, r, b, s, v
ORDER BY v.sentence_start
WITH a, r, b, s, collect(v.sentence)[0] AS sentence
RETURN s.id AS source, s.outlet AS outlet, a.name AS subject, r.predicate AS predicate, b.name AS object,
       r.evidence_count AS evidence, r.negated_count AS negated, r.hedged_count AS hedged,
       r.attributed_to AS attributed_to, sentence
ORDER BY outlet, source, subject, predicate, object
LIMIT $limit
