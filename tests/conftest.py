"""Shared fixtures: the repository's seeds, the spaCy pipeline, and a real FalkorDB holding the seed graph."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GUARDIAN = "000_efa7b280693db64d"
NYT = "004_ce22d2c7d8544631"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.ingest.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def falkor_server(tmp_path_factory):
    """One embedded FalkorDB server for the session (tests use their own graph names)."""
    from newsgraph.graph.server import EmbeddedFalkorDB

    server = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb")).start()
    yield server
    server.stop()


@pytest.fixture()
def empty_store(falkor_server, request):
    """A FalkorStore on a fresh, empty graph of the session server."""
    from newsgraph.graph.falkor import FalkorStore

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50]
    store = FalkorStore(falkor_server.client(), name)
    store.delete_all()
    store.ensure_schema()
    yield store
    store.delete_all()


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory):
    from newsgraph.settings import Settings

    return Settings.build({"data_dir": str(tmp_path_factory.mktemp("data"))}, {})


@pytest.fixture(scope="session")
def seed_store(falkor_server, seed_settings):
    """A FalkorStore holding the graph of the two seed articles (read-only for tests)."""
    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.pipeline import ingest

    store = FalkorStore(falkor_server.client(), "seeds")
    store.delete_all()
    store.ensure_schema()
    ingest([SEEDS], store, seed_settings)
    yield store
    store.delete_all()


# --- the Neo4j driver path over FalkorDB's Bolt port -------------------------------------------------------------
def _free_bolt_port() -> int:
    """A port in 20000..32767 (FalkorDB ignores larger ones) that nothing listens on, on any interface."""
    import random
    import socket

    for _ in range(200):
        port = random.randint(20000, 32767)
        with socket.socket() as probe:
            try:
                probe.bind(("0.0.0.0", port))  # FalkorDB binds Bolt on all interfaces
            except OSError:
                continue
        return port
    raise RuntimeError("no free port in 20000..32767")


@pytest.fixture(scope="session")
def falkor_bolt(tmp_path_factory):
    """An embedded FalkorDB that also speaks Bolt on a free port, for running the Neo4j store over real Bolt.

    Its append-only file is switched off first: FalkorDB 4.16 aborts on the first write over Bolt while it is on.
    Everything written over Bolt lands in its graph ``falkordb`` (Bolt's database name is ignored). A marker
    written natively and read over Bolt proves the port is this server's, not another test session's.
    """
    import uuid

    import neo4j

    from newsgraph.graph.server import EmbeddedFalkorDB

    server = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb-bolt"), bolt_port=_free_bolt_port()).start()
    try:
        client = server.client()
        client.connection.config_set("appendonly", "no")
        token = uuid.uuid4().hex
        client.select_graph("falkordb").query("CREATE (:BoltCheck {token: $token})", {"token": token})
        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{server.bolt_port}", auth=("neo4j", "")) as driver:
            found = driver.execute_query("MATCH (n:BoltCheck) RETURN n.token AS token").records
        assert [r["token"] for r in found] == [token], f"port {server.bolt_port} is not served by our FalkorDB"
        client.select_graph("falkordb").query("MATCH (n:BoltCheck) DELETE n")
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()
