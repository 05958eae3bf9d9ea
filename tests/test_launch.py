"""A server launched before the command line is imported (``newsgraph.graph.server_launch``, ``cli_start``):
taken over by the command, stopped when it is not used, never launched beside a running one; and the commands run
through ``python -m newsgraph`` as a user runs them (a real server, real files)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli_start import DEFAULT_DATA_DIR, launch_server
from newsgraph.graph import locks
from newsgraph.graph.falkor import FalkorStore
from newsgraph.graph.server import EmbeddedFalkorDB, _ping, _server_alive
from newsgraph.graph.server_launch import LaunchedFalkorDB, launched
from newsgraph.settings import Settings

GRAPH = [
    "CREATE (:Entity {id: 'e1', name: 'Kyiv', type: 'Place'})"
    "-[:ATTACK {id: 'r1', predicate: 'attack'}]->(:Concept {id: 'concept:grid', name: 'grid'})",
    "CREATE (:Evidence {id: 'v1', edge_id: 'r1', source: 's1', sentence: 'Kyiv attacked the grid.', "
    "sentence_start: 0, sentence_end: 23, subject_id: 'e1', subject_text: 'Kyiv', subject_start: 0, subject_end: 4, "
    "predicate: 'attack', object_id: 'concept:grid', object_text: 'grid', object_start: 18, object_end: 22})",
]


@pytest.fixture
def saved_graph(tmp_path) -> Path:
    """A data dir holding a saved newsgraph graph (one relation, one evidence), no server running."""
    data = tmp_path / "data"
    with EmbeddedFalkorDB(data) as server:
        store = FalkorStore(server.client(), "newsgraph")
        for statement in GRAPH:
            store.run(statement)
        store.ensure_schema()  # as an ingest leaves it: a command that reads it changes nothing
    assert (data / "graph.rdb").is_file() and not (data / "falkordb.pid").exists()
    return data


def _stopped(data: Path) -> bool:
    return not (data / "falkordb.pid").exists() and not _ping(data / "falkordb.sock") \
        and not (data / ".start.lock").exists()


def _snapshot(data: Path) -> tuple[bytes, int]:
    rdb = data / "graph.rdb"
    return rdb.read_bytes(), rdb.stat().st_mtime_ns


def test_settings_default_data_dir_is_the_launchers():
    assert DEFAULT_DATA_DIR == Settings.model_fields["data_dir"].default


@pytest.mark.parametrize(("args", "environ"), [
    (["export", "-f", "json", "-o", "x"], {"NEWSGRAPH_STORE": "neo4j"}),
    (["query", "corroborated", "--store", "neo4j"], {}),
    (["ingest", "a.txt"], {}),
    (["export", "--help"], {}),
])
def test_nothing_is_launched_for_other_stores_commands_or_help(tmp_path, args, environ):
    (tmp_path / "graph.rdb").write_bytes(b"")  # would be launched were it not for the command line
    assert launch_server([*args, "--data-dir", str(tmp_path)], environ) is None
    assert not (tmp_path / "falkordb.log").exists()


def test_the_bolt_variables_count_for_serve_only(monkeypatch):
    """A read command opens no Bolt port, whatever the shell exports for ``serve``: its launched server (which has
    none) is the one its settings name."""
    from newsgraph.cli import _settings

    monkeypatch.setenv("NEWSGRAPH_BOLT_PORT", "7687")
    monkeypatch.setenv("NEWSGRAPH_WEBSOCKET_PORT", "7688")
    read = _settings(data_dir="d", graph=None)
    assert (read.bolt_port, read.websocket_port) == (None, None)
    served = _settings(data_dir="d", bolt_port=None, bolt_host=None, websocket_port=None, websocket_origin=None)
    assert (served.bolt_port, served.websocket_port) == (7687, 7688)


def test_nothing_is_launched_without_a_saved_graph(tmp_path):
    assert launch_server(["export", "-f", "json", "-o", "x", "--data-dir", str(tmp_path / "none")], {}) is None
    assert not (tmp_path / "none").exists()
    assert launch_server(["export", "-f", "json", "-o", "x"], {"NEWSGRAPH_DATA_DIR": str(tmp_path)}) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.store
def test_launched_server_is_taken_over_once_and_stopped_as_started(saved_graph):
    server = LaunchedFalkorDB(saved_graph)
    assert server.launch()
    assert not server.launch()  # already launched
    assert launched(saved_graph, bolt_port=7000) is None  # not the server asked for
    assert launched(saved_graph) is server
    assert launched(saved_graph) is None  # taken
    with server:
        assert server.owned and _server_alive(server.pid)
        rows = server.client().select_graph("newsgraph").ro_query("MATCH (n:Entity) RETURN n.name").result_set
        assert rows == [["Kyiv"]]
        pid = server.pid
    log = (saved_graph / "falkordb.log").read_text()
    assert log.count("Indexes are constructed in the background") == 1  # only the launched one, not the first
    assert _stopped(saved_graph) and not _server_alive(pid)


@pytest.mark.store
def test_launched_server_never_started_is_stopped_without_saving(saved_graph):
    before = _snapshot(saved_graph)
    saves = (saved_graph / "falkordb.log").read_text().count("DB saved on disk")
    server = LaunchedFalkorDB(saved_graph)
    assert server.launch()
    server.stop()
    assert _stopped(saved_graph)
    assert _snapshot(saved_graph) == before
    assert (saved_graph / "falkordb.log").read_text().count("DB saved on disk") == saves


@pytest.mark.store
def test_nothing_is_launched_beside_a_running_server_or_a_starting_one(saved_graph):
    with EmbeddedFalkorDB(saved_graph) as running:
        other = LaunchedFalkorDB(saved_graph)
        assert not other.launch()
        with other:
            assert not other.owned and other.pid == running.pid
    with locks.exclusive(saved_graph / ".start.lock", 1.0, unlink=True):  # another process starting or stopping one
        assert not LaunchedFalkorDB(saved_graph).launch()
    assert _stopped(saved_graph)


@pytest.mark.store
def test_a_second_user_waits_for_the_launched_server_and_reuses_it(saved_graph):
    first = LaunchedFalkorDB(saved_graph)
    assert first.launch()
    second = EmbeddedFalkorDB(saved_graph)
    waiting = threading.Thread(target=second.start)
    waiting.start()
    first.start()
    waiting.join(30)
    assert not waiting.is_alive() and not second.owned and second.pid == first.pid
    second.stop()
    assert _server_alive(first.pid)  # still used by the one that started it
    first.stop()
    assert _stopped(saved_graph)


def _newsgraph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.store
def test_export_as_a_user_runs_it_writes_what_the_command_writes_and_stops_the_server(saved_graph, tmp_path):
    before = _snapshot(saved_graph)
    done = _newsgraph("export", "-f", "evidence-jsonl", "-o", str(tmp_path / "out.jsonl"),
                      "--data-dir", str(saved_graph))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {tmp_path / 'out.jsonl'} (1 lines)")
    assert _stopped(saved_graph) and _snapshot(saved_graph) == before
    result = CliRunner().invoke(app, ["export", "-f", "evidence-jsonl", "-o", str(tmp_path / "in.jsonl"),
                                      "--data-dir", str(saved_graph)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "in.jsonl").read_bytes()
    assert b'"predicate": "attack"' in (tmp_path / "out.jsonl").read_bytes()


@pytest.mark.store
@pytest.mark.parametrize("args", [
    ["export", "-f", "nope", "-o", "{out}"],
    ["export", "-f", "json", "-o", "{out}", "--since", "yesterday"],
    ["query", "no-such-query"],
    ["export", "-f", "json", "-o", "{out}", "--entity", "Nobody"],
])
def test_bad_input_after_a_launch_fails_in_one_line_and_leaves_no_server(saved_graph, tmp_path, args):
    before = _snapshot(saved_graph)
    out = tmp_path / "out.json"
    done = _newsgraph(*[a.replace("{out}", str(out)) for a in args], "--data-dir", str(saved_graph))
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsgraph: error: "), done.stderr
    assert not out.exists()
    assert _stopped(saved_graph) and _snapshot(saved_graph) == before
