"""The Neo4j store end to end against a real Neo4j: the checks ``test_neo4j_bolt`` runs over FalkorDB's Bolt port
(seed ingest, every canned query in its Neo4j form, re-ingest, the CLI, all against the native FalkorStore), plus
what only Neo4j can show: constraints, rollback of a failed unit, a wrong password, a missing database.

Runs only when NEWSGRAPH_NEO4J_URI is set; NEWSGRAPH_NEO4J_USER (default neo4j), NEWSGRAPH_NEO4J_PASSWORD and
NEWSGRAPH_NEO4J_DATABASE (default: the user's home database) say how to log in. With authentication on, e.g.::

    docker run --rm -d --name newsgraph-neo4j -p 7687:7687 -e NEO4J_AUTH=neo4j/newsgraph-test neo4j:5
    NEWSGRAPH_NEO4J_URI=bolt://localhost:7687 NEWSGRAPH_NEO4J_PASSWORD=newsgraph-test pytest tests/test_neo4j_live.py

It deletes the nodes of newsgraph's labels (Entity, Concept, Source, Evidence, Resolution) and nothing else, before
and after; give it a dedicated database (Enterprise) or a throw-away server to be safe. The uniqueness constraints
and indexes it creates are left in place.
"""

from __future__ import annotations

import os
import re
import uuid

import pytest

URI = os.environ.get("NEWSGRAPH_NEO4J_URI", "")
if not URI:
    pytest.skip("NEWSGRAPH_NEO4J_URI is not set: no Neo4j to test against (see this module's docstring)",
                allow_module_level=True)

from newsgraph.errors import StoreUnavailable  # noqa: E402
from newsgraph.graph import cypher  # noqa: E402
from newsgraph.graph.neo4j_store import Neo4jStore  # noqa: E402
from test_neo4j_bolt import TEST_ONLY, Neo4jEndToEnd, Target  # noqa: E402

USER = os.environ.get("NEWSGRAPH_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("NEWSGRAPH_NEO4J_PASSWORD", "")
DATABASE = os.environ.get("NEWSGRAPH_NEO4J_DATABASE") or None

pytestmark = [pytest.mark.live_neo4j, pytest.mark.store, pytest.mark.model]


@pytest.fixture(scope="module")
def target():
    live = Target(URI, USER, PASSWORD, DATABASE, expect_neo4j=True)
    live.wipe()
    yield live
    live.wipe()


class TestLiveNeo4j(Neo4jEndToEnd):
    strict_order = False  # the same rows; rows that tie on every ORDER BY key may come in another order

    def test_constraints_exist(self, written):
        wanted = {re.match(r"CREATE \w+ (\w+)", s)[1] for s in cypher.neo4j_constraints()}
        shown = {row["name"] for kind in ("CONSTRAINTS", "INDEXES")
                 for row in written.store.run(TEST_ONLY + f"SHOW {kind} YIELD name RETURN name")}
        assert wanted <= shown

    def test_a_unit_failing_halfway_is_rolled_back(self, written):
        probe = f"newsgraph-live-rollback-{uuid.uuid4().hex[:8]}-"
        unit = [(TEST_ONLY + "UNWIND $rows AS row CREATE (:Source {id: $probe + toString(row), x: 1 / row})",
                 {"rows": [1, 0], "probe": probe})]
        with pytest.raises(StoreUnavailable, match="ArithmeticError") as err:
            written.store._write_unit(unit)
        assert "\n" not in str(err.value)
        count = TEST_ONLY + "MATCH (s:Source) WHERE s.id STARTS WITH $probe RETURN count(s) AS n"
        assert written.store.run(count, {"probe": probe}) == [{"n": 0}]

    def test_a_write_in_a_read_transaction_is_refused(self, written):
        from newsgraph.errors import QueryRefused

        probe = f"newsgraph-live-readonly-{uuid.uuid4().hex[:8]}"
        with pytest.raises(QueryRefused, match="writes to the graph"):
            written.store.run_read_only(TEST_ONLY + "CREATE (:Source {id: $probe})", {"probe": probe})
        count = TEST_ONLY + "MATCH (s:Source {id: $probe}) RETURN count(s) AS n"
        assert written.store.run(count, {"probe": probe}) == [{"n": 0}]


def test_a_wrong_password_is_named_in_one_line():
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore(URI, USER, PASSWORD + "-not-the-password", database=DATABASE)
    assert "refused the user name or password" in str(err.value) and "\n" not in str(err.value)


def test_a_missing_database_is_named_in_one_line():
    missing = f"newsgraph-missing-{uuid.uuid4().hex[:8]}"
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore(URI, USER, PASSWORD, database=missing)
    assert f"has no database '{missing}'" in str(err.value) and "\n" not in str(err.value)


def test_ad_hoc_cypher_reads_and_a_write_is_refused():
    from newsgraph.errors import BadCypher, WriteRefused

    store = Neo4jStore(URI, USER, PASSWORD, database=DATABASE)
    try:
        assert store.run_read_only("RETURN $x AS x", {"x": [1, "a"]}) == [{"x": [1, "a"]}]
        probe = f"newsgraph-live-readonly-{uuid.uuid4().hex[:8]}"
        with pytest.raises(WriteRefused) as err:
            store.run_read_only("CREATE (:Source {id: $id})", {"id": probe})
        assert "\n" not in str(err.value)
        count = TEST_ONLY + "MATCH (s:Source {id: $id}) RETURN count(s) AS n"
        assert store.run(count, {"id": probe}) == [{"n": 0}]
        with pytest.raises(BadCypher):
            store.run_read_only("MATCH (n RETURN n")
    finally:
        store.close()
