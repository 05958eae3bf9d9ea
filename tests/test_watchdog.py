"""The hang watch (``newsgraph.graph.watchdog``): a server silent and idle is hung, one silent and busy is not; on a
real server stopped with SIGSTOP, a statement waiting for it fails in seconds, not after its reply timeout."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

import pytest

from newsgraph.errors import StoreUnavailable
from newsgraph.graph import server as server_module
from newsgraph.graph.server import EmbeddedFalkorDB, _server_alive
from newsgraph.graph.server_io import command
from newsgraph.graph.watchdog import HangWatch, cpu_seconds, end_waits, process_start


def _watch(answers, cpu, window: float = 0.5) -> tuple[HangWatch, threading.Event]:
    hung = threading.Event()
    return HangWatch(answers, cpu, hung.set, window=window).start(), hung


def test_a_silent_idle_server_is_hung():
    watch, hung = _watch(lambda seconds: False, lambda: 12.0)
    try:
        assert hung.wait(5)
    finally:
        watch.stop()


def test_a_silent_busy_server_is_not_hung():
    started = time.monotonic()
    watch, hung = _watch(lambda seconds: False, lambda: (time.monotonic() - started) * 0.9)  # 90 % of a core
    try:
        assert not hung.wait(2.5)
    finally:
        watch.stop()


def test_a_server_that_answers_is_not_hung_and_unknown_cpu_calls_nothing_hung():
    for answers, cpu in ((lambda seconds: True, lambda: 1.0), (lambda seconds: False, lambda: None)):
        watch, hung = _watch(answers, cpu)
        try:
            assert not hung.wait(2.0)
        finally:
            watch.stop()


def test_silence_must_last_the_whole_window():
    calls = iter([False, False, True] + [False] * 1000)  # silent, answers once, then silent for good
    moments: list[float] = []
    watch, hung = _watch(lambda seconds: next(calls), lambda: moments.append(time.monotonic()) or 3.0, window=1.0)
    try:
        assert hung.wait(10)
    finally:
        watch.stop()
    assert moments[-1] - moments[2] >= 1.0  # counted from the first probe of the second silence


def test_a_repeating_watch_calls_again_while_silent_and_outlives_a_failing_probe():
    calls: list[float] = []
    probes = iter([RuntimeError("socket gone wrong")] + [False] * 10_000)

    def probe(seconds: float) -> bool:
        outcome = next(probes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    watch = HangWatch(probe, lambda: 5.0, lambda: calls.append(time.monotonic()), window=0.5, repeat=True).start()
    try:
        deadline = time.monotonic() + 10
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watch.stop()
    assert len(calls) >= 3  # once hung, at every probe while silent: a command sent since is ended too


def test_a_pid_that_now_names_another_process_is_neither_measured_nor_killed():
    if not os.path.exists("/proc/self/stat"):
        pytest.skip("no /proc here: the watch calls nothing hung (covered by the reply timeout)")
    import subprocess
    import sys

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = process_start(other.pid)
        assert started is not None and cpu_seconds(other.pid, started) is not None
        assert cpu_seconds(other.pid, started + 1) is None
        end_waits(other.pid, [], started + 1)  # the server that had this pid started at another time
        assert other.poll() is None
        end_waits(other.pid, [], started)
        assert other.wait(10) == -signal.SIGKILL
    finally:
        other.kill()
        other.wait()


def test_cpu_seconds_reads_proc_and_none_for_no_process():
    if not os.path.exists("/proc/self/stat"):
        pytest.skip("no /proc here: the watch calls nothing hung (covered by the reply timeout)")
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    assert cpu_seconds(os.getpid()) >= before + 0.2
    assert cpu_seconds(2**22 + 12345) is None


@pytest.mark.store
def test_a_stopped_server_fails_a_waiting_statement_in_seconds_and_is_killed(tmp_path, monkeypatch):
    monkeypatch.setattr(server_module, "HANG_WINDOW", 1.0)
    with EmbeddedFalkorDB(tmp_path / "data") as server:
        graph = server.client(reply_timeout=600).select_graph("g")
        graph.query("CREATE (:N {v: 1})")
        pid = server.pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            with pytest.raises(Exception) as caught:  # redis-py's ConnectionError: the server is gone
                graph.query("MATCH (n:N) RETURN n.v")
            assert time.monotonic() - started < 60
            assert server.hung and not _server_alive(pid)
            failure = server.failure()
            assert failure is not None and f"(pid {pid}) stopped answering" in failure, caught.value
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


@pytest.mark.store
def test_a_reused_server_that_stops_is_left_to_its_owner_and_our_wait_ends(tmp_path, monkeypatch):
    monkeypatch.setattr(server_module, "HANG_WINDOW", 1.0)
    owner = EmbeddedFalkorDB(tmp_path / "data").start()
    try:  # the owner makes no client (whose watch would find the server hung too, and kill it)
        command(owner.socket_path, "GRAPH.QUERY", "g", "CREATE (:N {v: 1})")
        pid = owner.pid
        assert pid is not None
        with EmbeddedFalkorDB(tmp_path / "data") as user:
            assert not user.owned
            graph = user.client(reply_timeout=600).select_graph("g")
            os.kill(pid, signal.SIGSTOP)
            try:
                started = time.monotonic()
                with pytest.raises(Exception):  # noqa: B017 - redis-py's, whichever the disconnect gives
                    graph.query("MATCH (n:N) RETURN n.v")
                assert time.monotonic() - started < 60
                assert user.hung and _server_alive(pid)  # not ours to kill
                assert f"stop it: kill {pid}" in (user.failure() or "")
                started = time.monotonic()  # a statement sent after that is ended too, not left to its timeout
                with pytest.raises(Exception):  # noqa: B017 - redis-py's, whichever the disconnect gives
                    graph.query("MATCH (n:N) RETURN n.v")
                assert time.monotonic() - started < 30
            finally:
                os.kill(pid, signal.SIGCONT)
        assert owner.client().select_graph("g").query("MATCH (n:N) RETURN n.v").result_set == [[1]]
    finally:
        owner.stop()


@pytest.mark.store
def test_a_server_busy_past_the_reply_timeout_is_slow_not_hung(tmp_path):
    """A transaction runs on the server's main thread, so it holds PING back as a hang would; the server works
    meanwhile: the command's wait ends at its timeout, and the server is neither called hung nor killed."""
    with EmbeddedFalkorDB(tmp_path / "data") as server:
        client = server.client(reply_timeout=1)
        client.select_graph("g").query("CREATE (:N {v: 1})")
        pipe = client.connection.pipeline(transaction=True)
        pipe.execute_command("GRAPH.QUERY", "g", "UNWIND range(1, 12000) AS x UNWIND range(1, 12000) AS y "
                                                 "WITH x, y WHERE (x + y) % 7 = 0 RETURN count(x)")
        with pytest.raises(Exception):  # noqa: B017 - redis-py's TimeoutError
            pipe.execute()
        failure = server.failure()
        assert failure is not None and "is still working on a statement" in failure
        assert not server.hung and server.pid is not None and _server_alive(server.pid)


def test_server_hung_is_a_store_error_naming_its_data_dir_and_pid():
    from newsgraph.errors import ServerHung

    assert issubclass(ServerHung, StoreUnavailable)
    exc = ServerHung("message", data_dir="d", pid=7)
    assert (str(exc), exc.data_dir, exc.pid, exc.exit_code) == ("message", "d", 7, 4)
