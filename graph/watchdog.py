"""Tell a hung FalkorDB server from a busy one while a command uses it, so a hang ends the wait in seconds.

A server is hung when it has answered nothing, not even PING on a connection of its own, for ``window`` seconds
and has used (almost) no CPU meanwhile: every thread of a deadlocked server waits on a lock (FalkorDB 4.16.3 has
been seen to deadlock so, and upstream FalkorDB#2129 is of that kind). A server that is merely slow to answer
burns CPU: a long MULTI/EXEC of write statements runs on its main thread and holds PING back for as long, and a
large snapshot answers that it is loading. Without ``/proc`` (CPU time unknown) nothing is called hung here; the
client's reply timeout (``NEWSGRAPH_STORE_TIMEOUT``) still ends the wait. The process is known by its pid and its
start time, so a pid the kernel has given to another process since is neither measured nor killed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.graph.server_io import answers

if TYPE_CHECKING:
    import falkordb

log = logging.getLogger(__name__)

#: CPU seconds a server may use over the window and still be called idle: its own timers and the kernel's
#: accounting, far below what a server doing work for a client uses in the same time.
IDLE_CPU_SHARE = 0.02


def _stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name (the third field on), None without it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def process_start(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks after boot (field 22 of ``/proc/PID/stat``): with the pid, what
    tells it from a later process given the same pid. None without ``/proc``, or if it is gone.

    >>> process_start(os.getpid()) == process_start(os.getpid()) is not None
    True
    """
    fields = _stat(pid)
    return None if fields is None else int(fields[19])


def cpu_seconds(pid: int, started: int | None = None) -> float | None:
    """User plus system CPU time of process ``pid`` (all its threads) in seconds; None without ``/proc``, if it is
    gone, or if it is not the process that ``started`` then (``process_start``).

    >>> cpu_seconds(os.getpid()) > 0, cpu_seconds(os.getpid(), started=-1)
    (True, None)
    """
    fields = _stat(pid)
    if fields is None or started is not None and int(fields[19]) != started:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14 and 15


def idle_while(pid: int, seconds: float) -> bool:
    """Whether process ``pid`` uses (almost) no CPU over the next ``seconds``; false when that cannot be read.

    >>> idle_while(os.getpid(), 0.05)  # this process only sleeps meanwhile
    True
    """
    started = process_start(pid)
    before = cpu_seconds(pid, started)
    time.sleep(seconds)
    after = cpu_seconds(pid, started)
    return before is not None and after is not None and after - before <= IDLE_CPU_SHARE * seconds + 0.05


class HangWatch:
    """A daemon thread that probes the server every ``window / 5`` seconds and calls ``on_hang`` from that thread
    when the server has been silent and idle for ``window`` seconds (see the module docstring): once, or, with
    ``repeat``, again at every probe while it stays so (ending the waits of commands sent to it since).

    Args:
        probe: Whether the server answers a probe (PING on a fresh connection, an error reply counting as one)
            within the given number of seconds.
        cpu: The server's CPU seconds so far, None when they cannot be read.
        on_hang: What to do about it (the caller ends its own wait).
        window: Seconds of silence and idleness that make a hang.
        repeat: Whether to go on calling ``on_hang`` while the server stays silent (for a server that is not
            killed: a command sent to it after the first call would otherwise wait its whole reply timeout).
    """

    def __init__(self, probe: Callable[[float], bool], cpu: Callable[[], float | None],
                 on_hang: Callable[[], None], *, window: float, repeat: bool = False) -> None:
        self._probe, self._cpu, self._on_hang = probe, cpu, on_hang
        self.window, self.repeat = window, repeat
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsgraph-hang-watch", daemon=True)

    def start(self) -> HangWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        """End the watch (waits for a probe under way, at most ``window / 5`` seconds)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        step = self.window / 5
        silent_since: float | None = None
        cpu_then: float | None = None
        called = False
        while not self._stop.wait(step):
            try:
                if self._probe(step):
                    silent_since, called = None, False
                    continue
                now, cpu_now = time.monotonic(), self._cpu()
                if silent_since is None or cpu_now is None or cpu_then is None:
                    silent_since, cpu_then = now, cpu_now
                    continue
                if cpu_now - cpu_then > IDLE_CPU_SHARE * (now - silent_since) + 0.05:  # busy: count again
                    silent_since, cpu_then = now, cpu_now
                    continue
                if now - silent_since >= self.window and not self._stop.is_set():
                    if not called:
                        log.info("FalkorDB server silent and idle for %.0f s: hung", now - silent_since)
                    self._on_hang()
                    called = True
                    if not self.repeat:
                        return
            except Exception:  # a watch that died unseen would leave a hung server's waits to their timeout
                log.exception("FalkorDB hang watch: probe failed")


def watch_server(socket_path: Path, pid: int | None, started: int | None, on_hang: Callable[[], None], *,
                 window: float, repeat: bool = False) -> HangWatch:
    """Start watching the server on ``socket_path``: process ``pid`` that ``started`` then (``process_start``; either
    None: unknown, so never called hung)."""
    return HangWatch(lambda seconds: answers(socket_path, seconds),
                     lambda: None if pid is None or started is None else cpu_seconds(pid, started), on_hang,
                     window=window, repeat=repeat).start()


def end_waits(owned_pid: int | None, clients: Iterable[falkordb.FalkorDB], started: int | None = None) -> None:
    """End every wait for a hung server: kill it if it is ours (``owned_pid``, the process that ``started`` then:
    a hung server handles no SHUTDOWN or SIGTERM, and its death closes every connection), else disconnect our
    ``clients`` from it. A pid that now names another process is left alone."""
    if owned_pid is not None:
        if started is None or process_start(owned_pid) == started:
            with contextlib.suppress(OSError):  # gone already, or (not ours after all) not ours to kill
                os.kill(owned_pid, signal.SIGKILL)
        return
    for client in clients:
        with contextlib.suppress(Exception):  # whatever state the connection is in, it is being given up
            client.connection.connection_pool.disconnect()
