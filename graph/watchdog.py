"""Tell a hung FalkorDB server from a busy one while a command uses it, so a hang ends the wait in seconds.

A server is hung when it has answered nothing, not even PING on a connection of its own, for ``window`` seconds
and has used (almost) no CPU meanwhile: every thread of a deadlocked server waits on a lock (FalkorDB 4.16.3 has
been seen to deadlock so, and upstream FalkorDB#2129 is of that kind). A server that is merely slow to answer
burns CPU: a long MULTI/EXEC of write statements runs on its main thread and holds PING back for as long, and a
large snapshot answers that it is loading. Without ``/proc`` (CPU time unknown) nothing is called hung here; the
client's reply timeout (``NEWSGRAPH_STORE_TIMEOUT``) still ends the wait.
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


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of process ``pid`` (all its threads) in seconds; None without ``/proc``, or if it
    is gone.

    >>> cpu_seconds(os.getpid()) > 0
    True
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14 and 15


class HangWatch:
    """A daemon thread that probes the server every ``window / 5`` seconds and calls ``on_hang`` once, from that
    thread, when the server has been silent and idle for ``window`` seconds (see the module docstring).

    Args:
        probe: Whether the server answers a probe (PING on a fresh connection, an error reply counting as one)
            within the given number of seconds.
        cpu: The server's CPU seconds so far, None when they cannot be read.
        on_hang: What to do about it (the caller ends its own wait).
        window: Seconds of silence and idleness that make a hang.
    """

    def __init__(self, probe: Callable[[float], bool], cpu: Callable[[], float | None],
                 on_hang: Callable[[], None], *, window: float) -> None:
        self._probe, self._cpu, self._on_hang = probe, cpu, on_hang
        self.window = window
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
        while not self._stop.wait(step):
            if self._probe(step):
                silent_since = None
                continue
            now, cpu_now = time.monotonic(), self._cpu()
            if silent_since is None or cpu_now is None or cpu_then is None:
                silent_since, cpu_then = now, cpu_now
                continue
            if cpu_now - cpu_then > IDLE_CPU_SHARE * (now - silent_since) + 0.05:  # busy: start counting again
                silent_since, cpu_then = now, cpu_now
                continue
            if now - silent_since >= self.window and not self._stop.is_set():
                log.info("FalkorDB server silent and idle for %.0f s: hung", now - silent_since)
                self._on_hang()
                return


def watch_server(socket_path: Path, pid: int | None, on_hang: Callable[[], None], *, window: float) -> HangWatch:
    """Start watching the server on ``socket_path`` (process ``pid``; None: unknown, so never called hung)."""
    return HangWatch(lambda seconds: answers(socket_path, seconds),
                     lambda: None if pid is None else cpu_seconds(pid), on_hang, window=window).start()


def end_waits(owned_pid: int | None, clients: Iterable[falkordb.FalkorDB]) -> None:
    """End every wait for a hung server: kill it if it is ours (``owned_pid``: a hung server handles no SHUTDOWN or
    SIGTERM, and its death closes every connection), else disconnect our ``clients`` from it."""
    if owned_pid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(owned_pid, signal.SIGKILL)
        return
    for client in clients:
        with contextlib.suppress(Exception):  # whatever state the connection is in, it is being given up
            client.connection.connection_pool.disconnect()
