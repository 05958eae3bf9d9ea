"""One embedded FalkorDB server shared by several commands: what a command reported done survives the server's
death while another command (``browse``, ``serve``) keeps it up; ``browse`` ends when its server dies, as ``serve``
does; ``browse`` on a data dir that holds no graph makes nothing there."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faults import ingest_args, newsgraph, server_alive, server_pid, start, wait_for
from newsgraph.cli import app
from newsgraph.graph.server import EmbeddedFalkorDB
from newsgraph.graph.server_io import info


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _kill_server(data: Path) -> int:
    pid = server_pid(data)
    assert pid is not None and server_alive(pid)
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not server_alive(pid), timeout=10, what="the killed server to be gone")
    return pid


def _small_graph(data: Path) -> None:
    """A saved graph ``newsgraph`` of one source, made without the spaCy model."""
    from newsgraph.graph.falkor import FalkorStore

    with EmbeddedFalkorDB(data) as server:
        FalkorStore(server.client(), "newsgraph").ensure_schema()
        server.client().select_graph("newsgraph").query("CREATE (:Source {id: 's1', title: 'One'})")


def _count(data: Path, graph: str = "g") -> int:
    with EmbeddedFalkorDB(data, startup_timeout=15) as server:
        return server.client().select_graph(graph).ro_query("MATCH (n) RETURN count(n)").result_set[0][0]


def _browse(data: Path) -> subprocess.Popen[str]:
    browse = start("browse", "--data-dir", str(data), "--port", str(_free_port()))
    assert browse.stdout is not None and browse.stderr is not None
    line = browse.stdout.readline()
    assert "workbench on" in line, line + browse.stderr.read()
    return browse


def _ended(process: subprocess.Popen[str], timeout: float = 30) -> str:
    """Wait for ``process`` to end by itself (killing it if it does not); its stderr."""
    try:
        _, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    return err


# --- the writes of a command that leaves the server to others --------------------------------------------------------
@pytest.mark.store
def test_a_writer_that_leaves_the_server_to_another_user_has_its_writes_saved(tmp_path):
    """Before, the writer left the server running for its other user without saving: a server killed within the
    next minute (before its minutely snapshot) took the writes with it."""
    data = tmp_path / "data"
    holder = EmbeddedFalkorDB(data, startup_timeout=15).start()  # as browse or serve holds it
    try:
        writer = EmbeddedFalkorDB(data, startup_timeout=15)
        with writer.one_writer(), writer:
            writer.client().select_graph("g").query("UNWIND range(1, 50) AS i CREATE (:N {v: i})")
        assert server_alive(holder.pid) and not writer.owned  # left up for its other user
        assert info(holder.socket_path, "persistence")["rdb_changes_since_last_save"] == 0
        _kill_server(data)
    finally:
        holder.stop()
    assert _count(data) == 50


@pytest.mark.store
def test_a_reader_leaving_a_shared_server_saves_nothing(tmp_path):
    """Only a writer pays for a save on its way out: a reader (a query while an ingest runs) leaves at once."""
    data = tmp_path / "data"
    with EmbeddedFalkorDB(data, startup_timeout=15) as holder:
        holder.client().select_graph("g").query("CREATE (:N)")
        reader = EmbeddedFalkorDB(data, startup_timeout=15)
        with reader:
            assert reader.client().select_graph("g").ro_query("MATCH (n) RETURN count(n)").result_set == [[1]]
        assert info(holder.socket_path, "persistence")["rdb_changes_since_last_save"] > 0
    assert _count(data) == 1  # the last user saved it


@pytest.mark.store
def test_a_writer_alone_saves_once_and_stops_the_server(tmp_path):
    data = tmp_path / "data"
    writer = EmbeddedFalkorDB(data, startup_timeout=15)
    with writer.one_writer(), writer:
        writer.client().select_graph("g").query("CREATE (:N)")
        pid = writer.pid
    assert not server_alive(pid)
    log = (data / "falkordb.log").read_text()
    assert log.count("Background saving terminated with success") == 1 and "Saving the final RDB" not in log
    assert _count(data) == 1


@pytest.mark.store
@pytest.mark.model
@pytest.mark.parametrize("sharer", ["browse", "serve"])
def test_an_ingest_under_a_sharing_command_survives_a_killed_server(generated_dir, tmp_path, sharer):
    """The ingest's exit 0 and "N articles" held only in the server's memory while ``browse`` or ``serve`` kept it
    up: ``kill -9`` of the server then lost what the ingest reported stored."""
    data = tmp_path / "data"
    first, rest = tmp_path / "first", tmp_path / "rest"
    for folder, names in ((first, range(2)), (rest, range(2, 6))):
        folder.mkdir()
        for i in names:
            shutil.copy(generated_dir / f"a{i:02d}.txt", folder)
    assert newsgraph(*ingest_args(data, first)).returncode == 0
    if sharer == "browse":
        sharing = _browse(data)
    else:
        sharing = start("serve", "--data-dir", str(data))
        assert sharing.stdout is not None and "FalkorDB serving" in sharing.stdout.readline()
    try:
        pid = server_pid(data)
        ingested = newsgraph(*ingest_args(data, rest))
        assert ingested.returncode == 0, ingested.stderr
        assert server_pid(data) == pid and server_alive(pid)  # the ingest left it to the sharing command
        _kill_server(data)
    finally:
        err = _ended(sharing)
    assert sharing.returncode == 4, err
    sources = newsgraph("query", "sources", "-f", "json", "--data-dir", str(data))
    assert sources.returncode == 0, sources.stderr
    assert len(json.loads(sources.stdout)) == 6


# --- browse watches its server ---------------------------------------------------------------------------------------
@pytest.mark.store
def test_browse_ends_in_one_line_when_its_server_is_killed(tmp_path):
    """Before, browse printed nothing and answered every page with 503 "FalkorDB connection lost" for ever."""
    data = tmp_path / "data"
    _small_graph(data)
    browse = _browse(data)
    try:
        pid = _kill_server(data)
    finally:
        err = _ended(browse)
    assert browse.returncode == 4, err
    [line] = err.strip().splitlines()
    assert line.startswith(f"newsgraph: error: the FalkorDB server for {data.resolve()} (pid {pid}) stopped"), line
    assert line.endswith("start browse again"), line


@pytest.mark.store
def test_browse_stops_on_sigterm_with_its_server(tmp_path):
    """SIGTERM (as SIGINT) stops browse cleanly, exit 0, and with it the server it was the last user of; before, it
    died of the signal."""
    data = tmp_path / "data"
    _small_graph(data)
    browse = _browse(data)
    pid = server_pid(data)
    browse.send_signal(signal.SIGTERM)
    err = _ended(browse)
    assert (browse.returncode, err) == (0, "")
    wait_for(lambda: pid is None or not server_alive(pid), timeout=10, what="the server to stop with browse")


# --- browse on a data dir without a graph ----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["missing", "empty"])
def test_browse_on_a_data_dir_without_a_graph_fails_in_one_line_and_creates_nothing(tmp_path, kind):
    """Before, browse made .users.lock, falkordb.log and graph.rdb there (starting a server) and then said to give
    --graph the name the ingest used."""
    data = tmp_path / "typo"
    if kind == "empty":
        data.mkdir()
    result = CliRunner().invoke(app, ["browse", "--data-dir", str(data), "--port", str(_free_port())])
    assert result.exit_code == 2, result.output
    what = "no such directory" if kind == "missing" else "the directory holds no newsgraph store"
    assert result.stderr.splitlines() == [f"newsgraph: error: no graph in {data}: {what}; give the --data-dir (or "
                                          "NEWSGRAPH_DATA_DIR) of a store that newsgraph ingest built"]
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if kind == "missing" else ["typo"])
    assert kind == "missing" or list(data.iterdir()) == []
