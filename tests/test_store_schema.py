"""The FalkorDB store's schema: a store opened again sends no index statement; a missing index is created."""

import pytest

from newsgraph.graph.cypher import falkordb_indexes

pytestmark = pytest.mark.store

_INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"


def _indexed(store) -> set[tuple[str, str]]:
    return {(label, prop) for label, props in store.read_rows(_INDEXES) for prop in props}


def _graph_writes(server) -> int:
    """How many GRAPH.QUERY commands the server has run (its command statistics)."""
    stats = server.client().connection.info("commandstats")
    return int(next((v["calls"] for k, v in stats.items() if k.lower() == "cmdstat_graph.query"), 0))


def test_a_new_graph_gets_every_index(falkor_server):
    from newsgraph.graph.falkor import FalkorStore

    store = FalkorStore(falkor_server.client(), "t_schema_new")
    store.delete_all()
    try:
        store.ensure_schema()
        assert len(_indexed(store)) == len(falkordb_indexes()) == 11
    finally:
        store.delete_all()


def test_reopening_sends_no_index_statement_and_a_missing_index_is_created(falkor_server, empty_store):
    before = _graph_writes(falkor_server)
    empty_store.ensure_schema()  # the fixture made every index
    assert _graph_writes(falkor_server) == before
    empty_store.run("DROP INDEX FOR (n:Concept) ON (n.id)")
    assert ("Concept", "id") not in _indexed(empty_store)
    before = _graph_writes(falkor_server)
    empty_store.ensure_schema()
    assert _graph_writes(falkor_server) == before + 1
    assert len(_indexed(empty_store)) == len(falkordb_indexes())
