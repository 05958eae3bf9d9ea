// name: corroborated
// answers: Which relations do at least K independent sources state as happening, plainly (not negated, hedged or conditional; an article and its copies count once), with one example sentence per source that states it?
// param: min_sources int = 2 — the least number of independent sources stating a relation plainly
// param: limit int = 100 — at most this many relations
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// Grouped from the Evidence nodes (one per relation and sentence; edge_id is the relation's id): a scan over all
// relationships is slow on FalkorDB once there are thousands of relationship types. Sources that are copies of one
// another (COPY_OF) share a copy_group; independent_sources counts the groups, source_count every source. A source
// affirms a relation when one of its mentions is neither negated nor hedged nor conditional; affirming_sources
// counts the groups with an affirming source, and the threshold and the ranking go by it: a denial ("did not
// approve") or a hedge ("may approve", "reportedly approved") corroborates nothing, though it is still listed
// and counted (sources, negated, hedged, conditional), but gives no example: `sentences` holds one sentence per
// affirming source, one of its plain mentions. Sources are listed by date.
// Date window: the ids of the sources published from $since to $until (see README, "Dates"), null for no window.
OPTIONAL MATCH (w:Source)
WITH w, substring(coalesce(w.published, ''), 0, 10) AS day
WITH collect(CASE WHEN day <> '' AND day >= substring($since, 0, size(day))
  AND ($until = '' OR day <= substring($until, 0, size(day))) THEN w.id END) AS dated
WITH CASE WHEN $since = '' AND $until = '' THEN null ELSE dated END AS dated
MATCH (v:Evidence)
WHERE dated IS NULL OR v.source IN dated
WITH dated, v.edge_id AS edge,
     collect(DISTINCT CASE WHEN NOT v.negated AND NOT v.hedged AND NOT coalesce(v.conditional, false)
                      THEN v.source END) AS affirming
WHERE size(affirming) >= $min_sources
MATCH (v:Evidence {edge_id: edge})
WHERE dated IS NULL OR v.source IN dated
WITH edge, v
ORDER BY v.source, v.sentence_start
WITH edge, v.source AS source, collect(v) AS found
WITH edge, source, size(found) AS evidence, coalesce([x IN found WHERE NOT x.negated AND NOT x.hedged
     AND NOT coalesce(x.conditional, false)][0], found[0]) AS v,
     size([x IN found WHERE x.negated]) AS negated, size([x IN found WHERE x.hedged]) AS hedged,
     size([x IN found WHERE coalesce(x.conditional, false)]) AS conditional,
     size([x IN found WHERE NOT x.negated AND NOT x.hedged AND NOT coalesce(x.conditional, false)]) > 0 AS affirms
OPTIONAL MATCH (s:Source {id: source})
WITH edge, v, source, CASE WHEN coalesce(s.outlet, '') = '' THEN source ELSE s.outlet END AS outlet,
     coalesce(s.copy_group, source) AS copy_group, coalesce(s.published, '') AS published, evidence, negated, hedged,
     conditional, affirms
ORDER BY published = '', published, source
WITH edge, collect(CASE WHEN affirms THEN v END) AS examples, collect(v) AS any_examples, collect(source) AS sources,
     collect(outlet) AS outlets,
     collect(DISTINCT copy_group) AS groups, collect(DISTINCT CASE WHEN affirms THEN copy_group END) AS affirming,
     collect(DISTINCT outlet) AS distinct_outlets, sum(evidence) AS evidence, sum(negated) AS negated,
     sum(hedged) AS hedged, sum(conditional) AS conditional
WHERE size(affirming) >= $min_sources
WITH edge, coalesce(examples[0], any_examples[0]) AS v, sources, outlets, size(affirming) AS affirming,
     size(groups) AS independent, size(distinct_outlets) AS outlet_count, [x IN examples | x.sentence] AS sentences,
     evidence, negated, hedged, conditional
OPTIONAL MATCH (se:Entity {id: v.subject_id})
OPTIONAL MATCH (sc:Concept {id: v.subject_id})
OPTIONAL MATCH (oe:Entity {id: v.object_id})
OPTIONAL MATCH (oc:Concept {id: v.object_id})
RETURN coalesce(se.name, sc.name, v.subject_text) AS subject, coalesce(v.relation_class, v.predicate) AS predicate,
       coalesce(oe.name, oc.name, v.object_text) AS object, affirming AS affirming_sources,
       independent AS independent_sources, size(sources) AS source_count, outlet_count, sources, outlets,
       toInteger(evidence) AS evidence, toInteger(negated) AS negated, toInteger(hedged) AS hedged,
       toInteger(conditional) AS conditional, sentences
ORDER BY affirming_sources DESC, independent_sources DESC, outlet_count DESC, source_count DESC, subject, predicate,
         object
LIMIT $limit
