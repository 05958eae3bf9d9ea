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
from newsgraph.graph.watchdog import HangWatch, cpu_seconds


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
            finally:
                os.kill(pid, signal.SIGCONT)
        assert owner.client().select_graph("g").query("MATCH (n:N) RETURN n.v").result_set == [[1]]
    finally:
        owner.stop()


def test_server_hung_is_a_store_error_naming_its_data_dir_and_pid():
    from newsgraph.errors import ServerHung

    assert issubclass(ServerHung, StoreUnavailable)
    exc = ServerHung("message", data_dir="d", pid=7)
    assert (str(exc), exc.data_dir, exc.pid, exc.exit_code) == ("message", "d", 7, 4)
