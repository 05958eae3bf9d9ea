// name: corroborated
// answers: Which relations are reported by at least K distinct sources, with one example sentence per source?
// param: min_sources int = 2 — the least number of distinct sources reporting a relation
// param: limit int = 100 — at most this many relations
MATCH (a)-[r]->(b)
WHERE (a:Entity OR a:Concept) AND (b:Entity OR b:Concept) AND r.source_count >= $min_sources
MATCH (v:Evidence {edge_id: r.id})
WITH a, r, b, v
ORDER BY v.source, v.sentence_start
WITH a, r, b, v.source AS source, collect(v.sentence)[0] AS sentence
OPTIONAL MATCH (s:Source {id: source})
WITH a, r, b, source, s.outlet AS outlet, sentence
ORDER BY source
WITH a, r, b, collect(source) AS sources, collect(coalesce(outlet, source)) AS outlets, collect(sentence) AS sentences
RETURN a.name AS subject, r.predicate AS predicate, b.name AS object, size(sources) AS source_count, sources, outlets,
       r.negated_count AS negated, r.hedged_count AS hedged, sentences
ORDER BY source_count DESC, subject, predicate, object
LIMIT $limit
