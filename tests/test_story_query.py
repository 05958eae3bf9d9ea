"""The ``story`` query on a hand-built graph: when a name matches several stories, ``limit`` caps each story's
events, most told first, not all of them together."""

from __future__ import annotations

import pytest

#: Two stories whose names share "Zurana", three events each, told by 3, 2 and 1 sources.
GRAPH = """
CREATE (a:Source {id: 'a', outlet: 'Alpha', published: '2024-05-01', title: 'Zurana flood'}),
       (b:Source {id: 'b', outlet: 'Beta', published: '2024-05-02', title: 'Zurana flood again'}),
       (c:Source {id: 'c', outlet: 'Gamma', published: '2024-05-03', title: 'Zurana flood, day three'}),
       (d:Source {id: 'd', outlet: 'Alpha', published: '2024-09-01', title: 'Zurana vote'}),
       (e:Source {id: 'e', outlet: 'Beta', published: '2024-09-02', title: 'Zurana vote count'}),
       (f:Source {id: 'f', outlet: 'Gamma', published: '2024-09-03', title: 'Zurana vote result'}),
       (t1:Story {id: 'story-flood', name: 'Zurana flood'}), (t2:Story {id: 'story-vote', name: 'Zurana vote'}),
       (a)-[:IN_STORY]->(t1), (b)-[:IN_STORY]->(t1), (c)-[:IN_STORY]->(t1),
       (d)-[:IN_STORY]->(t2), (e)-[:IN_STORY]->(t2), (f)-[:IN_STORY]->(t2),
       (f1:Event {id: 'ev-flood', name: 'flood'})-[:PART_OF]->(t1),
       (f2:Event {id: 'ev-rescue', name: 'rescue'})-[:PART_OF]->(t1),
       (f3:Event {id: 'ev-close', name: 'close'})-[:PART_OF]->(t1),
       (v1:Event {id: 'ev-vote', name: 'vote'})-[:PART_OF]->(t2),
       (v2:Event {id: 'ev-count', name: 'count'})-[:PART_OF]->(t2),
       (v3:Event {id: 'ev-win', name: 'win'})-[:PART_OF]->(t2)
WITH a, b, c, d, e, f, f1, f2, f3, v1, v2, v3
UNWIND [[a, f1], [b, f1], [c, f1], [a, f2], [b, f2], [c, f3], [d, v1], [e, v1], [f, v1], [d, v2], [e, v2], [f, v3]]
    AS pair
WITH pair[0] AS s, pair[1] AS ev
CREATE (s)-[:REPORTS {starts: [0], texts: [ev.name]}]->(ev)
"""


@pytest.mark.store
def test_the_limit_caps_each_matching_story_not_all_together(empty_store):
    """Before: ``story -p name=zurana -p limit=2`` showed the first story's two events and none of the second's."""
    from newsgraph.queries import run_query

    empty_store.run(GRAPH)
    rows = run_query(empty_store, "story", {"name": "zurana", "limit": "2"})
    assert [(r["story"], r["event"], r["source_count"]) for r in rows] == [
        ("story-flood", "flood", 3), ("story-flood", "rescue", 2), ("story-vote", "vote", 3),
        ("story-vote", "count", 2)]
    assert len(run_query(empty_store, "story", {"name": "zurana"})) == 6
    assert [r["event"] for r in run_query(empty_store, "story", {"name": "vote", "limit": "1"})] == ["vote"]
