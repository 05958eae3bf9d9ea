"""Shared fixtures: the repository's seeds, the spaCy pipeline, and a real FalkorDB holding the seed graph."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GUARDIAN = "000_efa7b280693db64d"
NYT = "004_ce22d2c7d8544631"


# --- markers that tell the truth: `pytest -m "not model and not store"` starts no server and loads no model -----
#: Fixtures that start a FalkorDB server / load the spaCy model, by the marker their users must carry.
_MARKED_FIXTURES = {"store": {"falkor_server", "empty_store", "seed_store", "falkor_bolt"},
                    "model": {"nlp", "seed_store"}}


def unmarked_fixtures(fixturenames: Iterable[str], markers: Iterable[str]) -> dict[str, list[str]]:
    """The fixtures a test uses that need a marker it lacks, by marker."""
    missing = {}
    for marker, fixtures in _MARKED_FIXTURES.items():
        used = sorted(fixtures.intersection(fixturenames))
        if used and marker not in markers:
            missing[marker] = used
    return missing


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    problems = []
    for item in items:
        markers = {mark.name for mark in item.iter_markers()}
        for marker, used in unmarked_fixtures(getattr(item, "fixturenames", ()), markers).items():
            problems.append(f"{item.nodeid} uses {', '.join(used)}: mark it @pytest.mark.{marker}")
    if problems:
        raise pytest.UsageError("tests without the marker their fixtures need:\n" + "\n".join(problems))


@pytest.fixture(autouse=True)
def _unmarked_tests_start_no_server_and_load_no_model(request, monkeypatch):
    """A test without ``store`` that starts a FalkorDB server, or without ``model`` that loads an installed spaCy
    pipeline, fails (a pipeline already loaded by an earlier test is cached and not seen: run the unmarked tests
    alone, ``pytest -m "not model and not store"``, to check them all)."""
    if request.node.get_closest_marker("store") is None:
        from newsgraph.graph.server import EmbeddedFalkorDB

        def start(self):
            raise AssertionError(f"{request.node.nodeid} starts a FalkorDB server: mark it @pytest.mark.store")

        from newsgraph.graph.server_launch import LaunchedFalkorDB

        monkeypatch.setattr(EmbeddedFalkorDB, "start", start)
        monkeypatch.setattr(LaunchedFalkorDB, "launch", start)
    if request.node.get_closest_marker("model") is None:
        import spacy

        real_load = spacy.load

        def load(name, *args, **kwargs):
            if isinstance(name, str) and spacy.util.is_package(name):
                raise AssertionError(f"{request.node.nodeid} loads the spaCy pipeline {name}: "
                                     "mark it @pytest.mark.model")
            return real_load(name, *args, **kwargs)

        monkeypatch.setattr(spacy, "load", load)


# --- one module, one name: the doctests of the package are collected as newsgraph.*, never by folder name -------
#: The folders setuptools maps into newsgraph (package-dir in pyproject.toml).
PACKAGE_FOLDERS = tuple(ROOT / folder for folder in ("src/newsgraph", "graph", "ingest", "queries"))


def misnamed_modules(modules: dict[str, object]) -> list[str]:
    """Modules of the package imported under a name outside ``newsgraph``, and files imported under two names.

    >>> from types import SimpleNamespace as Module
    >>> build = str(ROOT / "graph" / "build.py")
    >>> misnamed_modules({"newsgraph.graph.build": Module(__file__=build)})
    []
    >>> for problem in misnamed_modules({"newsgraph.graph.build": Module(__file__=build),
    ...                                  "graph.build": Module(__file__=build)}):
    ...     print(problem)
    graph.build is a file of the package imported outside newsgraph
    graph.build and newsgraph.graph.build are one file
    """
    problems = []
    names_of: dict[str, list[str]] = {}
    for name, module in sorted(modules.items()):
        file = getattr(module, "__file__", None)
        if not file:
            continue
        real = Path(os.path.realpath(file))
        in_folders = any(real.is_relative_to(folder) for folder in PACKAGE_FOLDERS)
        if in_folders or name == "newsgraph" or name.startswith("newsgraph."):
            names_of.setdefault(str(real), []).append(name)
        if in_folders and not (name == "newsgraph" or name.startswith("newsgraph.")):
            problems.append(f"{name} is a file of the package imported outside newsgraph")
    problems += [f"{' and '.join(names)} are one file" for names in names_of.values() if len(names) > 1]
    return problems


def pytest_collection_finish(session: pytest.Session) -> None:
    problems = misnamed_modules(dict(sys.modules))
    if problems:
        raise pytest.UsageError(
            "modules imported under the wrong name (an editable install made with setuptools' default import hook "
            "hides newsgraph's folders from pytest: install with `pip install '.[test]'` or `pip install -e "
            "'.[test]' --config-settings editable_mode=strict`):\n" + "\n".join(problems))


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
@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium, driven by Playwright (whose own browsers are never downloaded), for the
    real-browser tests: the workbench and the Neo4j Browser's WebSocket driver."""
    from playwright.sync_api import sync_playwright

    from workbench_fixtures import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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


# --- a small generated corpus for the streaming, worker, Dask and resume tests ----------------------------------
_PEOPLE = ("Vladimir Putin", "Donald Trump", "Volodymyr Zelenskyy", "Emmanuel Macron", "Olaf Scholz", "Keir Starmer",
           "Xi Jinping", "Narendra Modi")
_PLACES = ("Moscow", "Washington", "Kyiv", "Paris", "Berlin", "London", "Beijing", "New Delhi")
_BODIES = ("the United Nations", "NATO", "the European Union", "the Kremlin", "the White House")


def generated_article(i: int) -> str:
    """A short news-like article (about 70 words) whose people, places and bodies vary with ``i``."""
    a, b, c = (_PEOPLE[(i * k + k) % len(_PEOPLE)] for k in (1, 3, 5))
    if len({a, b, c}) < 3:
        b, c = _PEOPLE[(i + 2) % len(_PEOPLE)], _PEOPLE[(i + 5) % len(_PEOPLE)]
    place, body, other = _PLACES[i % len(_PLACES)], _BODIES[i % len(_BODIES)], _BODIES[(i + 2) % len(_BODIES)]
    return (f"{a} met {b} in {place} on Tuesday, officials said.\n"
            f"{a} agreed to a limited ceasefire, {body} said in a statement.\n"
            f"{b} did not rule out new sanctions against {c}.\n"
            f"Mr. {a.split()[-1]} told reporters that {other} would support the plan.\n"
            f"{c} criticised the agreement and said {place} had not consulted him.\n")


@pytest.fixture(scope="session")
def generated_dir(tmp_path_factory) -> Path:
    """A directory of 24 short generated articles (``a00.txt`` ... ``a23.txt``)."""
    folder = tmp_path_factory.mktemp("generated")
    for i in range(24):
        (folder / f"a{i:02d}.txt").write_text(generated_article(i), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def clean_ingest(generated_dir, tmp_path_factory) -> tuple[Path, str]:
    """The generated corpus ingested once by the command line, without trouble: its data dir and its evidence and
    entities exports (``tests/faults.py``), for the fault tests to compare a store that had trouble with."""
    from faults import exported, ingest_args, newsgraph

    data = tmp_path_factory.mktemp("clean") / "data"
    result = newsgraph(*ingest_args(data, generated_dir))
    assert result.returncode == 0, result.stderr
    return data, exported(data, tmp_path_factory.mktemp("clean-export"))


@pytest.fixture()
def evidence_of(tmp_path):
    """``evidence_of(store)``: the store's evidence-jsonl and entities-jsonl exports, as text."""
    from newsgraph.graph.export import export

    def read(store) -> str:
        graph = store.read_graph()
        parts = []
        for fmt in ("evidence-jsonl", "entities-jsonl"):
            [path] = export(graph, fmt, tmp_path / f"{id(store)}.{fmt}")
            parts.append(path.read_text(encoding="utf-8"))
        return "\n".join(parts)

    return read
