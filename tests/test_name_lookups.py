"""A name an analyst gives a query is matched as the graph writes names: "Apple Inc." and "U.N." (stored, as every
name, without a final period: "Apple Inc", "U.N") find their entity, in the query and in the check of an unknown
name alike."""

from __future__ import annotations

import pytest

GRAPH = """// test-only
    CREATE (s:Source {id: 's1', published: '2024-04-01', outlet: 'Wire'}),
           (a:Entity:Organization {id: 'apple-inc', name: 'Apple Inc', type: 'Organization', aliases: []}),
           (u:Entity:Organization {id: 'u-n', name: 'U.N', type: 'Organization', aliases: []}),
           (k:Entity:Organization {id: 'kremlin', name: 'Kremlin', type: 'Organization', aliases: []}),
           (a)-[:SUPPORT {id: 'r1', predicate: 'support', sources: ['s1'], source_count: 1}]->(u),
           (k)-[:CRITICISE {id: 'r2', predicate: 'criticise', sources: ['s1'], source_count: 1}]->(u)"""


@pytest.mark.store
@pytest.mark.parametrize("name, other", [("Apple Inc.", "U.N"), ("apple inc.", "U.N"), ("U.N.", "Apple Inc"),
                                         ("the Kremlin’s", "U.N"), ("Apple Inc", "U.N")])
def test_a_name_written_with_its_final_period_finds_its_entity(empty_store, name, other):
    from newsgraph.queries import get_query, run_query
    from newsgraph.queries.lookups import unknown_names

    empty_store.run(GRAPH)
    rows = run_query(empty_store, "relations", {"name": name})
    assert other in [r["other"] for r in rows]
    assert unknown_names(empty_store, get_query("relations").lookups, {"name": name}) == []


@pytest.mark.store
def test_a_name_that_differs_by_more_than_punctuation_is_still_unknown(empty_store):
    from newsgraph.errors import UnknownEntity
    from newsgraph.queries import check_lookups, get_query, run_query

    empty_store.run(GRAPH)
    assert run_query(empty_store, "relations", {"name": "Apple Corp."}) == []
    with pytest.raises(UnknownEntity, match=r"no entity matches name='Apple Corp\.'"):
        check_lookups(empty_store, get_query("relations"), {"name": "Apple Corp."})
    rows = run_query(empty_store, "connections", {"a": "Apple Inc.", "b": "Kremlin."})
    assert rows, "both names of a two-entity query are matched as stored"
