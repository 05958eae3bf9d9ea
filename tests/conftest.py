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
