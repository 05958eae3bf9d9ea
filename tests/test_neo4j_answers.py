"""The Neo4j store's answers and errors: relationships keep their ends (``start``/``end``) as the embedded store
gives them, a statement's parameters without a value are named before it is sent, and the append-only hint is
given only when a server still answers after the first write over Bolt failed (a server that is down says so)."""

from __future__ import annotations

import os
import signal
from types import SimpleNamespace

import pytest
from neo4j._codec.hydration.bolt.v1.hydration_handler import _GraphHydrator  # the driver's own builder of values
from neo4j.exceptions import ServiceUnavailable

from newsgraph.errors import BadQueryParameter, StoreUnavailable
from newsgraph.graph import cypher
from newsgraph.graph.neo4j_store import Neo4jStore
from newsgraph.graph.neo4j_wire import _plain
from test_neo4j_bolt import _FakeResult, fake  # noqa: F401  (a fixture)


def _arrive(with_ends: bool):
    """(person)-[:ARRIVE]->(centre) as the driver builds it: with its end nodes' properties when the statement
    returned them, else with their element ids only."""
    hydrator = _GraphHydrator()
    if with_ends:
        hydrator.hydrate_node(1, ["Entity"], {"id": "person"}, element_id="4:x:1")
        hydrator.hydrate_node(2, ["Entity"], {"id": "centre"}, element_id="4:x:2")
    relationship = hydrator.hydrate_relationship(9, 1, 2, "ARRIVE", {"predicate": "arrive"}, element_id="5:x:9",
                                                 n0_element_id="4:x:1", n1_element_id="4:x:2")
    return hydrator, relationship


def test_a_relationship_keeps_its_ends():
    _, relationship = _arrive(with_ends=True)
    assert _plain(relationship) == {"type": "ARRIVE", "start": "person", "end": "centre", "predicate": "arrive"}
    _, alone = _arrive(with_ends=False)
    assert _plain(alone) == {"type": "ARRIVE", "start": "4:x:1", "end": "4:x:2", "predicate": "arrive"}
    assert _plain(alone, {"4:x:1": "person"})["start"] == "person"


def test_a_path_keeps_its_direction():
    hydrator, relationship = _arrive(with_ends=True)
    path = hydrator.hydrate_path([hydrator.graph.nodes["4:x:2"], hydrator.graph.nodes["4:x:1"]],
                                 [relationship], [-1, 1])  # centre <-[:ARRIVE]- person
    shown = _plain(path)
    assert [n["id"] for n in shown["nodes"]] == ["centre", "person"]
    assert [(r["start"], r["end"]) for r in shown["relationships"]] == [("person", "centre")]


def test_a_read_only_relationship_alone_names_its_ends_by_their_id(fake):  # noqa: F811
    driver = fake()
    _, alone = _arrive(with_ends=False)
    keys = {"4:x:1": "person", "4:x:2": "centre"}

    def run(query, parameters=None):
        if query == "MATCH ()-[r]->() RETURN r":
            return _FakeResult([{"r": alone}], ["r"])
        assert "elementId(n) IN $keys" in query  # the ends' id property, looked up by element id
        return [{"key": key, "id": keys[key]} for key in parameters["keys"]]

    driver.execute_read = lambda work: work(SimpleNamespace(run=run))
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw")
    assert store.run_read_only("MATCH ()-[r]->() RETURN r") == [
        {"r": {"type": "ARRIVE", "start": "person", "end": "centre", "predicate": "arrive"}}]


def test_a_read_only_statement_without_a_parameter_value_is_not_sent(fake):  # noqa: F811
    driver = fake()
    driver.execute_read = lambda work: pytest.fail("sent")
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw")
    with pytest.raises(BadQueryParameter, match=r"no value for \$name, which the statement uses"):
        store.run_read_only("MATCH (e:Entity {name: $name}) RETURN e.id AS id, '$not' AS x")


def _first_write_lost(fake, monkeypatch, down: OSError | None) -> str:  # noqa: F811
    driver = fake(agent="FalkorDB/4.16")
    driver.answers["RETURN $value AS value"] = [{"value": "\\\\'"}]  # a server that splices parameters
    store = Neo4jStore("bolt://db:7687", "neo4j", "")
    assert store.splices_parameters

    def lost(work):
        raise ServiceUnavailable("Failed to read from defunct connection IPv4Address(('db', 7687))")

    driver.execute_write = lost
    monkeypatch.setattr("newsgraph.graph.neo4j_store._knock", lambda uri, timeout: down)
    with pytest.raises(StoreUnavailable) as err:
        store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": [{"id": "concept:1", "name": "one"}]})])
    return str(err.value)


def test_the_append_only_hint_is_for_a_server_that_still_answers(fake, monkeypatch):  # noqa: F811
    assert "appendonly" in _first_write_lost(fake, monkeypatch, None)
    message = _first_write_lost(fake, monkeypatch, ConnectionRefusedError(111, "Connection refused"))
    assert "appendonly" not in message and "the server is down" in message and "Connection refused" in message


@pytest.mark.store
def test_a_bolt_server_killed_before_the_first_write_is_named_down(tmp_path):
    """A server killed (kill -9) under an ingest over Bolt was blamed on FalkorDB's append-only file."""
    from conftest import _free_bolt_port
    from newsgraph.graph.server import EmbeddedFalkorDB

    server = EmbeddedFalkorDB(tmp_path / "data", bolt_port=_free_bolt_port()).start()
    try:
        store = Neo4jStore(f"bolt://127.0.0.1:{server.bolt_port}", "neo4j", "", retry_time=1.0)
        os.kill(server.pid, signal.SIGKILL)
        with pytest.raises(StoreUnavailable) as err:
            store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": [{"id": "concept:1", "name": "one"}]})])
        store.close()
    finally:
        server.stop()
    message = str(err.value)
    assert "appendonly" not in message and "the server is down" in message and "\n" not in message
