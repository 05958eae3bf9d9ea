// name: contested
// answers: Which facts do independent sources contradict: a relation or event told as happening by one and as not happening by another, or measured differently (a count, a duration, a date, a share, a sum)?
// param: limit int = 100 — at most this many contested facts
// param: since date = "" — only what sources published on or after this day report (YYYY-MM-DD; "" for no bound)
// param: until date = "" — only what sources published on or before this day report (YYYY-MM-DD; "" for no bound)
// One row per contested fact and pair of values: what is contested (``kind``: polarity, or the quantity's kind and
// unit), each side's value, source, outlet and sentence, and how many sources take part. Two sources are
// independent when they are different articles with no COPY_OF between them. Hedged or conditional statements, the
// quantities of hedged or conditional mentions ("may cut 2,000 jobs") and approximate quantities ("about two
// hours") contradict nothing. Values are compared as text, which ingest makes one text per value ("48 hours" and
// "two days" are both P2D; a duration in months or years has the unit calendar, so it is never compared with one
// in days or hours: a month is 28 to 31 days); dates are compared only when both name a day (two
// years or months told of one kind of happening are, in news, mostly two happenings). Two mentions of a merged
// event are taken for the same happening only when their sentences name a common entity (an event merges the
// mentions of one kind in one story, often several happenings). An event that relations were projected from is
// contested through those relations (they say who did what to whom), not through its mentions' polarity.
// The statement stays under 4 KB, what FalkorDB's Bolt port takes; its parts: (1) relations reported with both
// polarities; (2) events measured differently, each REPORTS relationship's quantities paired across sources; (3)
// events no relation was projected from, told as happening by one source and as not happening by another, in
// one word (a REPORTS negated_lemmas word among the other source's lemmas: "resigned" / "refused to resign"; an
// event's class gathers words that need not tell one happening: "an understanding" / "would not recognise"). After
// part 1 no clause may drop the last row (a part with nothing to say still passes the rows collected before):
// optional matches, a placeholder for an empty UNWIND, CASE instead of WHERE; FalkorDB evaluates every branch of
// a CASE, so no branch may index or range over a null (with no quantity at all, r is null: coalesce). A quantity
// is left out when its mention (REPORTS starts[j] = quantity_starts[i]) is hedged or conditional. `es` lists the
// entities a claim's sentence names. With a date window (README, "Dates") both sides' sources must lie in it.
MATCH (v:Evidence) WHERE NOT v.hedged AND NOT coalesce(v.conditional, false)
WITH v.edge_id AS edge, collect(v) AS vs
UNWIND [x IN vs WHERE NOT x.negated] AS y
UNWIND [x IN vs WHERE x.negated] AS n
MATCH (a:Source {id: y.source}), (b:Source {id: n.source}) WHERE a <> b AND NOT (a)-[:COPY_OF]-(b)
WITH edge, y, n, a, b ORDER BY y.source, y.sentence_start, n.source, n.sentence_start
WITH edge, collect([y, n, a, b])[0] AS p, collect(a.id) + collect(b.id) AS ids
OPTIONAL MATCH (s {id: p[0].subject_id})
OPTIONAL MATCH (o {id: p[0].object_id})
WITH collect({f: coalesce(s.name, p[0].subject_text) + ' –' + p[0].relation_class + '→ ' + coalesce(o.name,
 p[0].object_text), k: 'polarity', va: 'happened', vb: 'did not happen', ta: p[0].predicate, tb: p[1].predicate,
 a: p[2], b: p[3], sa: p[0].sentence, sb: p[1].sentence, ids: ids, id: edge}) AS h
OPTIONAL MATCH (s:Source)-[r:REPORTS]->(v:Event) WHERE size(r.quantity_kinds) > 0
UNWIND [-1] + [i IN range(0, size(coalesce(r.quantity_kinds, []))-1) WHERE size([j IN range(0, size(r.starts)-1)
 WHERE r.quantity_approximate[i] OR r.starts[j] = r.quantity_starts[i] AND (r.hedged[j] OR r.conditional[j])]) = 0]
 AS i
WITH h, v, CASE WHEN i < 0 THEN null ELSE {k: r.quantity_kinds[i] +
 CASE WHEN r.quantity_units[i] > '' THEN ' (' + r.quantity_units[i] + ')' ELSE '' END,
 v: r.quantity_values[i], t: r.quantity_texts[i], st: r.quantity_sentences[i], s: s,
 es: [(s)-[m:MENTIONS]->(e:Entity) WHERE any(x IN range(0, size(m.texts)-1) WHERE m.kinds[x] <> 'pronoun'
 AND r.quantity_sentences[i] CONTAINS m.texts[x]) | e.id]}
 END AS c
WITH h, v, c.k AS k, collect(c) AS cs
UNWIND CASE WHEN size(cs) < 2 THEN [null] ELSE cs END AS x
UNWIND CASE WHEN size(cs) < 2 THEN [null] ELSE cs END AS y
WITH h, v, k, x, y, x.s AS a, y.s AS b
WITH h, v, k, CASE WHEN x.v < y.v AND a <> b AND (NOT k STARTS WITH 'date' OR size(x.v) = 10
 AND size(y.v) = 10) AND any(e IN x.es WHERE e IN y.es) AND size([(a)-[:COPY_OF]-(b) | b]) = 0 THEN [x, y] END AS p
WITH h, v, k, p ORDER BY p[0].s.id, p[1].s.id
WITH h, v, k, p[0].v AS va, p[1].v AS vb, collect(p) AS ps
WITH h, collect(CASE WHEN size(ps) = 0 THEN null ELSE {f: v.name, k: k, va: ps[0][0].v,
 vb: ps[0][1].v, ta: ps[0][0].t, tb: ps[0][1].t, a: ps[0][0].s, b: ps[0][1].s, sa: ps[0][0].st, sb: ps[0][1].st,
 ids: [x IN ps | x[0].s.id] + [x IN ps | x[1].s.id], id: v.id, who: [(v)-[:HAS_PARTICIPANT]->(e:Entity) | e.name]}
 END) AS er
OPTIONAL MATCH (b:Source)-[r:REPORTS]->(v:Event) WHERE r.negated_sentence > '' AND NOT (v)<-[:OF_EVENT]-()
OPTIONAL MATCH (a:Source)-[q:REPORTS]->(v) WHERE a <> b AND NOT (a)-[:COPY_OF]-(b)
WITH h, er, v, a, q, b, r ORDER BY a.id, b.id
WITH h, er, v, collect(CASE WHEN a IS NULL OR NOT any(e IN [(a)-[m:MENTIONS]->(e:Entity) WHERE any(x IN
 range(0, size(m.texts)-1) WHERE m.kinds[x] <> 'pronoun' AND q.affirmed_sentence CONTAINS m.texts[x]) | e]
 WHERE any(t IN [(b)-[n:MENTIONS]->(e) | n] WHERE any(z IN range(0, size(t.texts)-1) WHERE t.kinds[z] <> 'pronoun'
 AND r.negated_sentence CONTAINS t.texts[z]))) OR NOT any(l IN r.negated_lemmas WHERE l IN q.lemmas) THEN null
 ELSE [a, q, b, r] END) AS ps
WITH h, er, collect(CASE WHEN ps = [] THEN null ELSE {f: v.name, k: 'polarity', va: 'happened',
 vb: 'did not happen', a: ps[0][0], b: ps[0][2], sa: ps[0][1].affirmed_sentence, sb: ps[0][3].negated_sentence,
 ids: [x IN ps | x[0].id] + [x IN ps | x[2].id], id: v.id, who: [(v)-[:HAS_PARTICIPANT]->(e:Entity) | e.name]}
 END) AS pr
UNWIND h + er + pr AS w
WITH w, [x IN [w.a, w.b] | left(coalesce(x.published, ''), 10)] AS ds
WHERE $since + $until = '' OR all(d IN ds WHERE d > '' AND d >= left($since, size(d))
 AND ($until = '' OR d <= left($until, size(d))))
UNWIND w.ids AS x
WITH w, count(DISTINCT x) AS n
RETURN w.f AS contested, w.who AS participants, w.k AS kind, w.va AS value_a, w.ta AS text_a,
 w.a.outlet AS outlet_a, w.sa AS sentence_a, w.vb AS value_b, w.tb AS text_b, w.b.outlet AS outlet_b,
 w.sb AS sentence_b, n AS source_count, w.a.id AS source_a, w.b.id AS source_b, w.id AS id
ORDER BY source_count DESC, contested, kind, value_a, value_b
LIMIT $limit
