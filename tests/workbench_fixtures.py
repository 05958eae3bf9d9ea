"""Helpers for the workbench tests: a workbench served from a thread, a hand-built fact layer, Chromium."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The seed story's limited ceasefire (not its "month-long full truce": "limited" and "full" tell them apart): the
#: story is the one the Guardian, ingested first, started.
CEASEFIRE = "concept:97d4ddd232b4:limited-ceasefire"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def serving(store) -> Iterator[str]:
    """A workbench on a free loopback port for ``store``; yields its URL."""
    from newsgraph.workbench.server import Workbench

    workbench = Workbench(store, "127.0.0.1", 0)
    thread = threading.Thread(target=workbench.serve_forever, daemon=True)
    thread.start()
    try:
        yield workbench.url
    finally:
        workbench.shutdown()
        thread.join(5)


#: A small graph with the fact layer: two outlets report one event of one story (one of them also a copy), a
#: relation whose sentences disagree, and an event reported by one outlet only.
FACT_LAYER = [
    """CREATE (a:Source {id: 'a1', outlet: 'Alpha News', published: '2024-05-01', title: 'Talks',
    url: 'https://alpha.example/1'}),
              (b:Source {id: 'b1', outlet: 'Beta Post', published: '2024-05-02', title: 'Talks again', url: ''}),
              (c:Source {id: 'c1', outlet: 'Gamma Wire', published: '2024-05-02', title: 'Talks (wire copy)', url: ''}),
              (x:Entity:Person {id: 'ann-lee', name: 'Ann Lee', type: 'Person', aliases: ['Lee'], source_count: 3,
                                mention_count: 5}),
              (y:Entity:Organization {id: 'acme', name: 'Acme', type: 'Organization', aliases: [], source_count: 2,
                                      mention_count: 2}),
              (t:Story {id: 'story-1', name: 'Acme talks', size: 3, first: '2024-05-01', last: '2024-05-02'}),
              (e1:Event {id: 'ev-1', name: 'Ann Lee meets Acme', event_class: 'MEET', story: 'story-1',
                         source_count: 2, mention_count: 2, sources: ['a1', 'b1']}),
              (e2:Event {id: 'ev-2', name: 'Acme resigns', event_class: 'RESIGN', story: 'story-1', source_count: 1,
                         mention_count: 1, sources: ['b1']}),
              (a)-[:IN_STORY]->(t), (b)-[:IN_STORY]->(t), (c)-[:IN_STORY]->(t), (c)-[:COPY_OF]->(a),
              (a)-[:REPORTS {starts: [8], ends: [13], texts: ['meets'], negated: false, hedged: false}]->(e1),
              (b)-[:REPORTS {starts: [9], ends: [14], texts: ['meets'], negated: false, hedged: false}]->(e1),
              (b)-[:REPORTS {starts: [5], ends: [12], texts: ['resigns'], negated: false, hedged: false}]->(e2),
              (e1)-[:PART_OF]->(t), (e2)-[:PART_OF]->(t),
              (e1)-[:HAS_PARTICIPANT {role: 'agent'}]->(x), (e1)-[:HAS_PARTICIPANT {role: 'patient'}]->(y),
              (a)-[:MENTIONS {count: 2, texts: ['Ann Lee', 'she'], starts: [0, 20], ends: [7, 23]}]->(x),
              (b)-[:MENTIONS {count: 2, texts: ['Ms. Lee', 'Lee'], starts: [0, 30], ends: [7, 33]}]->(x),
              (x)-[:MEET {id: 'rel-1', predicate: 'meet', sources: ['a1', 'b1'], source_count: 2,
                          independent_sources: 2,
                          evidence_count: 2, negated_count: 1, hedged_count: 0}]->(y),
              (v1:Evidence {id: 'v1', edge_id: 'rel-1', source: 'a1', sentence: 'Ann Lee meets Acme today.',
                            sentence_start: 0,
                            sentence_end: 25, predicate: 'meet', subject_id: 'ann-lee', subject_text: 'Ann Lee',
                            subject_start: 0,
                            subject_end: 7, object_id: 'acme', object_text: 'Acme', object_start: 14, object_end: 18,
                            negated: false, hedged: false, event_id: 'ev-1', relation_class: 'MEET'}),
              (v2:Evidence {id: 'v2', edge_id: 'rel-1', source: 'b1', sentence: 'Ann Lee did not meet Acme.',
                            sentence_start: 0,
                            sentence_end: 26, predicate: 'meet', subject_id: 'ann-lee', subject_text: 'Ann Lee',
                            subject_start: 0,
                            subject_end: 7, object_id: 'acme', object_text: 'Acme', object_start: 21, object_end: 25,
                            negated: true, hedged: false, relation_class: 'MEET'}),
              (v1)-[:IN_SOURCE]->(a), (v2)-[:IN_SOURCE]->(b)""",
]


#: A story whose sources copy one another (Beta News and Delta Daily are copies of Wire Alpha, one copy group) and
#: an article of another story: relation → (subject, class, object, [(source, negated, hedged)]). Told only by the
#: two copies (thank: one independent source), by a copy and an independent article (lose: two), denied by one
#: article (fire), told in this story and in another (hire: two), plainly by one group and hedged by another
#: (resign: two independent sources, one affirming).
COPY_SOURCES = [("cA", "Wire Alpha", "cA", [], "st-1"), ("cB", "Beta News", "cA", ["cA"], "st-1"),
                ("cD", "Delta Daily", "cA", ["cA", "cB"], "st-1"), ("cC", "Gamma Post", "cC", [], "st-1"),
                ("cX", "Other Times", "cX", [], "st-2")]
COPY_RELATIONS = {
    "r-thank": ("novak", "THANK", "staff", [("cB", False, False), ("cD", False, False)]),
    "r-lose": ("orbis", "LOSE", "money", [("cD", False, False), ("cC", False, False)]),
    "r-fire": ("orbis", "FIRE", "dvorak", [("cC", True, False)]),
    "r-hire": ("orbis", "HIRE", "dvorak", [("cC", False, False), ("cX", False, False)]),
    "r-resign": ("novak", "RESIGN_FROM", "orbis", [("cA", False, False), ("cB", False, False), ("cC", False, True)]),
}


def write_copies(store) -> None:
    """The graph of ``COPY_SOURCES`` and ``COPY_RELATIONS`` in ``store``."""
    store.run("""CREATE (:Story {id: 'st-1', name: 'Novak quits Orbis', size: 4, first: '2024-03-04',
                                 last: '2024-03-05'}),
                        (:Story {id: 'st-2', name: 'Orbis hires', size: 1, first: '2024-03-06', last: '2024-03-06'}),
                        (:Entity:Person {id: 'novak', name: 'Klara Novak', type: 'Person', aliases: ['Novak']}),
                        (:Entity:Person {id: 'dvorak', name: 'Tomas Dvorak', type: 'Person', aliases: []}),
                        (:Entity:Organization {id: 'orbis', name: 'Orbis Bank', type: 'Organization', aliases: []}),
                        (:Concept {id: 'staff', name: 'staff'}), (:Concept {id: 'money', name: 'money'})""")
    for sid, outlet, group, copy_of, story in COPY_SOURCES:
        store.run("""MATCH (t:Story {id: $story})
                     CREATE (s:Source {id: $id, outlet: $outlet, copy_group: $group, published: '2024-03-04',
                                       title: $outlet + ' report', url: ''})-[:IN_STORY]->(t)
                     WITH s UNWIND $copy_of AS c MATCH (o:Source {id: c}) CREATE (s)-[:COPY_OF]->(o)""",
                  {"id": sid, "outlet": outlet, "group": group, "copy_of": copy_of, "story": story})
    names = {"novak": "Klara Novak", "orbis": "Orbis Bank", "dvorak": "Tomas Dvorak", "staff": "the staff",
             "money": "money"}
    for rid, (subject, rel_type, obj, told) in COPY_RELATIONS.items():
        predicate = rel_type.lower().replace("_", " ")
        store.run(f"""MATCH (a {{id: $subject}}), (b {{id: $object}})
                      CREATE (a)-[:{rel_type} {{id: $id, predicate: $predicate, sources: $sources,
                                               source_count: size($sources), evidence_count: size($sources),
                                               negated_count: $negated, hedged_count: $hedged}}]->(b)""",
                  {"subject": subject, "object": obj, "id": rid, "predicate": predicate,
                   "sources": [s for s, _, _ in told], "negated": sum(n for _, n, _ in told),
                   "hedged": sum(h for _, _, h in told)})
        for i, (source, negated, hedged) in enumerate(told):
            sentence = f"{names[subject]} {'did not ' if negated else 'may ' if hedged else ''}{predicate} " \
                       f"{names[obj]}."
            store.run("""MATCH (s:Source {id: $source})
                         CREATE (:Evidence {id: $id, edge_id: $edge, source: $source, sentence: $sentence,
                                            sentence_start: 0, sentence_end: size($sentence), predicate: $predicate,
                                            relation_class: $class, subject_id: $subject, subject_text: $subject_text,
                                            subject_start: 0, subject_end: size($subject_text), object_id: $object,
                                            object_text: $object_text, negated: $negated, hedged: $hedged,
                                            conditional: false})-[:IN_SOURCE]->(s)""",
                      {"source": source, "id": f"{rid}-{i}", "edge": rid, "sentence": sentence,
                       "predicate": predicate, "class": rel_type, "subject": subject,
                       "subject_text": names[subject], "object": obj, "object_text": names[obj], "negated": negated,
                       "hedged": hedged})
