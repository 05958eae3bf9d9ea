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
