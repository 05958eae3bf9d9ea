// name: contested
// answers: Which facts do independent sources contradict: a relation or event told as happening by one and as not happening by another, or measured differently (a count, a duration, a date, a share, a sum)?
// param: limit int = 100 — at most this many contested facts
// One row per contested fact and pair of values: what is contested (``kind``: polarity, or the quantity's kind and
// unit), each side's value, source, outlet and sentence, and how many sources take part. Two sources are
// independent when they are different articles with no COPY_OF between them. Hedged or conditional statements and
// approximate quantities ("about two hours") contradict nothing; dates are compared only when both name a day (two
// years or months told of one kind of happening are, in news, mostly two happenings). Two mentions of a merged
// event are taken for the same happening only when their sentences name a common entity (an event merges the
// mentions of one kind in one story, often several happenings). An event that relations were projected from is
// contested through those relations (they say who did what to whom), not through its mentions' polarity.
// 1. Relations reported with both polarities.
MATCH (v:Evidence)
WHERE NOT v.hedged AND NOT coalesce(v.conditional, false)
WITH v.edge_id AS edge, collect(v) AS evs
WHERE any(x IN evs WHERE x.negated) AND any(x IN evs WHERE NOT x.negated)
UNWIND [x IN evs WHERE NOT x.negated] AS yes
UNWIND [x IN evs WHERE x.negated] AS no
WITH edge, yes, no
WHERE yes.source <> no.source
MATCH (a:Source {id: yes.source}), (b:Source {id: no.source})
WHERE NOT (a)-[:COPY_OF]-(b)
WITH edge, yes, no, a, b
ORDER BY yes.source, yes.sentence_start, no.source, no.sentence_start
WITH edge, collect([yes, no, a, b])[0] AS pair, collect(DISTINCT a.id) + collect(DISTINCT b.id) AS ids
WITH edge, pair[0] AS yes, pair[1] AS no, pair[2] AS a, pair[3] AS b, ids
OPTIONAL MATCH (se:Entity {id: yes.subject_id})
OPTIONAL MATCH (sc:Concept {id: yes.subject_id})
OPTIONAL MATCH (oe:Entity {id: yes.object_id})
OPTIONAL MATCH (oc:Concept {id: yes.object_id})
WITH collect({fact: coalesce(se.name, sc.name, yes.subject_text) + ' –' + coalesce(yes.relation_class, yes.predicate)
                    + '→ ' + coalesce(oe.name, oc.name, yes.object_text),
              kind: 'polarity', value_a: 'happened', value_b: 'did not happen', text_a: yes.predicate,
              text_b: no.predicate, a: a, b: b,
              sentence_a: yes.sentence, sentence_b: no.sentence, ids: ids, id: edge}) AS relation_rows
// 2. Events measured differently: each REPORTS relationship's quantities, with the sentence of the mention each
// measures, paired across sources. From here on no clause may drop the last row (a part with nothing to say
// still passes its predecessors' rows on): optional matches, a placeholder for an empty UNWIND, CASE instead of
// WHERE; FalkorDB evaluates every branch of a CASE, so no branch may index or range over a null.
OPTIONAL MATCH (s:Source)-[r:REPORTS]->(ev:Event)
WHERE size(coalesce(r.quantity_kinds, [])) > 0
UNWIND CASE WHEN r IS NULL THEN [-1] ELSE range(0, size(r.quantity_kinds) - 1) END AS i
WITH relation_rows, ev,
     CASE WHEN i < 0 OR r.quantity_approximate[i] THEN null
          ELSE {kind: r.quantity_kinds[i] + CASE WHEN r.quantity_units[i] = '' THEN ''
                                                 ELSE ' (' + r.quantity_units[i] + ')' END,
                value: r.quantity_values[i], text: r.quantity_texts[i],
                source: s, mention: [j IN range(0, coalesce(size(r.starts), 0) - 1)
                                     WHERE r.starts[j] = r.quantity_starts[i]][0]}
     END AS claim, s, r
WITH relation_rows, ev,
     CASE WHEN claim IS NULL THEN null
          ELSE {kind: claim.kind, value: claim.value, text: claim.text, source: s,
                sentence: coalesce(r.sentences[claim.mention], ''),
                entities: [(s)-[m:MENTIONS]->(e:Entity) WHERE any(k IN m.starts
                           WHERE k >= r.sentence_starts[claim.mention] AND k < r.sentence_ends[claim.mention])
                           | e.id]}
     END AS claim
WITH relation_rows, ev, claim.kind AS kind, collect(claim) AS claims
UNWIND CASE WHEN size(claims) < 2 THEN [null] ELSE claims END AS x
UNWIND CASE WHEN size(claims) < 2 THEN [null] ELSE claims END AS y
WITH relation_rows, ev, kind, x, y, x.source AS sa, y.source AS sb
WITH relation_rows, ev, kind,
     CASE WHEN x IS NOT NULL AND x.value < y.value AND sa <> sb
               AND (NOT kind STARTS WITH 'date' OR size(x.value) = 10 AND size(y.value) = 10)
               AND any(e IN x.entities WHERE e IN y.entities)
               AND size([(sa)-[:COPY_OF]-(sb) | sb]) = 0 THEN [x, y] END AS pair
WITH relation_rows, ev, kind, pair
ORDER BY pair[0].source.id, pair[1].source.id
WITH relation_rows, ev, kind, pair[0].value AS va, pair[1].value AS vb, collect(pair) AS pairs
OPTIONAL MATCH (ev)-[:HAS_PARTICIPANT]->(p:Entity)
WITH relation_rows, ev, kind, pairs, p
ORDER BY p.name
WITH relation_rows, ev, kind, pairs, collect(DISTINCT p.name) AS who
WITH relation_rows,
     collect(CASE WHEN size(pairs) = 0 THEN null
                  ELSE {fact: ev.name + CASE WHEN size(who) = 0 THEN ''
                                             ELSE ' (' + reduce(t = '', n IN who |
                                                  t + CASE WHEN t = '' THEN '' ELSE ', ' END + n) + ')' END,
                        kind: kind, value_a: pairs[0][0].value, value_b: pairs[0][1].value, text_a: pairs[0][0].text,
                        text_b: pairs[0][1].text, a: pairs[0][0].source,
                        b: pairs[0][1].source, sentence_a: pairs[0][0].sentence, sentence_b: pairs[0][1].sentence,
                        ids: [x IN pairs | x[0].source.id] + [x IN pairs | x[1].source.id], id: ev.id}
             END) AS event_rows
// 3. Events no relation was projected from, told as happening by one source and as not happening by another.
OPTIONAL MATCH (s:Source)-[r:REPORTS]->(ev:Event)
WHERE any(k IN range(0, size(r.negated) - 1) WHERE r.negated[k] AND NOT r.hedged[k])
  AND NOT (ev)<-[:OF_EVENT]-(:Evidence)
OPTIONAL MATCH (t:Source)-[q:REPORTS]->(ev)
WHERE t <> s AND any(k IN range(0, size(q.negated) - 1) WHERE NOT q.negated[k] AND NOT q.hedged[k])
  AND NOT (t)-[:COPY_OF]-(s)
WITH relation_rows, event_rows, ev, s, r, t, q,
     [k IN range(0, coalesce(size(q.negated), 0) - 1) WHERE NOT q.negated[k] AND NOT q.hedged[k]][0] AS yes,
     [k IN range(0, coalesce(size(r.negated), 0) - 1) WHERE r.negated[k] AND NOT r.hedged[k]][0] AS no
WITH relation_rows, event_rows, ev, s, r, t, q, yes, no,
     [(t)-[m:MENTIONS]->(e:Entity) WHERE any(k IN m.starts WHERE k >= q.sentence_starts[yes]
      AND k < q.sentence_ends[yes]) | e.id] AS yes_entities,
     [(s)-[m:MENTIONS]->(e:Entity) WHERE any(k IN m.starts WHERE k >= r.sentence_starts[no]
      AND k < r.sentence_ends[no]) | e.id] AS no_entities
ORDER BY t.id, s.id
WITH relation_rows, event_rows, ev,
     collect(CASE WHEN t IS NULL OR NOT any(e IN yes_entities WHERE e IN no_entities) THEN null
                  ELSE [t, q, s, r, yes, no] END) AS pairs
WITH relation_rows, event_rows,
     collect(CASE WHEN size(pairs) = 0 THEN null
                  ELSE {fact: ev.name, kind: 'polarity', value_a: 'happened', value_b: 'did not happen',
                        text_a: pairs[0][1].texts[pairs[0][4]], text_b: pairs[0][3].texts[pairs[0][5]],
                        a: pairs[0][0], b: pairs[0][2], id: ev.id,
                        ids: [x IN pairs | x[0].id] + [x IN pairs | x[2].id],
                        sentence_a: pairs[0][1].sentences[pairs[0][4]],
                        sentence_b: pairs[0][3].sentences[pairs[0][5]]}
             END) AS polarity_rows
UNWIND relation_rows + event_rows + polarity_rows AS row
WITH row, reduce(acc = [], x IN row.ids | CASE WHEN x IN acc THEN acc ELSE acc + [x] END) AS sources
RETURN row.fact AS contested, row.kind AS kind, row.value_a AS value_a, row.text_a AS text_a,
       CASE WHEN coalesce(row.a.outlet, '') = '' THEN row.a.id ELSE row.a.outlet END AS outlet_a,
       row.sentence_a AS sentence_a, row.value_b AS value_b, row.text_b AS text_b,
       CASE WHEN coalesce(row.b.outlet, '') = '' THEN row.b.id ELSE row.b.outlet END AS outlet_b,
       row.sentence_b AS sentence_b, size(sources) AS source_count, row.a.id AS source_a, row.b.id AS source_b,
       row.id AS id
ORDER BY source_count DESC, contested, kind, value_a, value_b
LIMIT $limit
