// name: hedged
// answers: What is reported only as possible, intended or expected (hedged), or only under a condition (conditional)?
// param: kind string = "any" — "hedged" (may, reportedly, expected to, …), "conditional" (if, unless) or "any"
// param: limit int = 100 — at most this many statements
// example: kind=conditional
MATCH (v:Evidence)
WHERE ($kind IN ['any', 'hedged'] AND v.hedged = true) OR ($kind IN ['any', 'conditional'] AND v.conditional = true)
OPTIONAL MATCH (v)-[:IN_SOURCE]->(s:Source)
OPTIONAL MATCH (se:Entity {id: v.subject_id})
OPTIONAL MATCH (sc:Concept {id: v.subject_id})
OPTIONAL MATCH (oe:Entity {id: v.object_id})
OPTIONAL MATCH (oc:Concept {id: v.object_id})
RETURN coalesce(se.name, sc.name, v.subject_text) AS subject, v.predicate AS predicate,
       coalesce(oe.name, oc.name, v.object_text) AS object, v.negated AS negated, v.hedged AS hedged,
       coalesce(v.conditional, false) AS conditional, v.attributed_to_name AS attributed_to,
       v.source AS source, s.outlet AS outlet, v.sentence AS sentence
ORDER BY source, v.sentence_start, subject, predicate, object
LIMIT $limit
