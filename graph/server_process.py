"""The process of an embedded FalkorDB server, as ``newsgraph.graph.server`` runs it under its keeper: its command
line (redis-server with the FalkorDB module) and its end."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import time
from pathlib import Path

from newsgraph.graph.server_io import ping, saved, server_alive as alive, shutdown

log = logging.getLogger(__name__)


def redis_args(server: str, module: str, *, data_dir: Path, socket_path: Path, legacy_log: bool = False,
               delay_indexing: bool = False, bolt_port: int | None = None) -> list[str]:
    """The arguments that run ``server`` (redis-server) with ``module`` (FalkorDB) on ``data_dir``.

    Args:
        server: Path of redis-server.
        module: Path of the FalkorDB module.
        data_dir: The data directory (``graph.rdb`` in it).
        socket_path: The unix socket (TCP is off).
        legacy_log: The data dir holds an append-only log of an older version: keep it on, to load it once.
        delay_indexing: Answer once the graph is loaded, building the indexes afterwards.
        bolt_port: Also speak Bolt on this port.

    >>> args = redis_args("redis-server", "falkordb.so", data_dir=Path("d"), socket_path=Path("d/s.sock"),
    ...                   delay_indexing=True)
    >>> args[:3], args[args.index("--appendonly") + 1], args[args.index("--loadmodule"):]
    (['redis-server', '--port', '0'], 'no', ['--loadmodule', 'falkordb.so', 'DELAY_INDEXING', 'yes'])
    """
    args = [server, "--port", "0", "--unixsocket", str(socket_path), "--unixsocketperm", "700",
            "--dir", str(data_dir), "--dbfilename", "graph.rdb",
            # Persistence through RDB snapshots (every minute after a change, and on shutdown, SIGTERM
            # included), not the append-only log: replaying that log runs every write query again (minutes
            # after a large ingest), FalkorDB 4.16 asserts when a client command arrives while it replays a
            # MULTI/EXEC (the unit of an ingest's chunk), and it aborts on a write over Bolt while the log is
            # on. A snapshot is consistent (taken between commands), so a server killed outright loses at most
            # the last minute — the ledger with it, so running the ingest again redoes exactly that. A command
            # that wrote has its writes saved before it ends (``EmbeddedFalkorDB.stop``): what is lost is what a
            # command still at work (or a Bolt client) wrote. A failed snapshot (a full disk) makes the server
            # refuse writes until one succeeds.
            "--appendonly", "yes" if legacy_log else "no",
            "--save", "60 1", "--daemonize", "no", "--loadmodule", module]  # fmt: skip
    if delay_indexing:
        # The indexes are built after the snapshot is loaded, in the background: the server answers as soon as
        # the graph is in memory (building the ten indexes is about half the load of the ECB+ graph). A statement
        # run meanwhile is planned without an index still being built (a label scan: the same rows, slower for a
        # lookup by id); writes go on as usual.
        args += ["DELAY_INDEXING", "yes"]
    if bolt_port is not None:
        args += ["BOLT_PORT", str(bolt_port)]
    return args


def ask_to_stop(socket_path: Path, data_dir: Path, timeout: float, *, save: bool | None = None) -> bool:
    """Ask the server on ``socket_path`` to shut down: SHUTDOWN SAVE, or NOSAVE when ``graph.rdb`` already holds
    what it holds (a session that only read: the same snapshot written again would cost a full save of the graph),
    or as ``save`` says. True if it stopped, False if it refused (its save failed).
    """
    # FalkorDB 4.16 swallows the first connection made on the socket after a Bolt client disconnects (it gets the
    # closed Bolt descriptor's number): a PING or two take that one first.
    any(ping(socket_path, 0.5) for _ in range(4))
    if save is None:
        save = not saved(socket_path, data_dir)
    return not shutdown(socket_path, save=save, timeout=timeout)  # a successful SHUTDOWN closes without a reply


def end_server(pid: int | None, keeper: subprocess.Popen[bytes] | None, *, wait: float, hung: bool = False) -> None:
    """Wait up to ``wait`` seconds for server ``pid`` to exit (after a SHUTDOWN), then send it SIGTERM, then
    SIGKILL (5 s each); a server whose pid is not known yet is ended through its keeper. Then wait for the keeper.
    A ``hung`` server (one that stopped answering: it handles no SIGTERM either) gets SIGKILL at once."""
    steps = ((signal.SIGKILL, 5.0),) if hung else ((None, wait), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0))
    for sig, seconds in steps:
        if pid is None:
            if keeper is not None and keeper.poll() is None:  # not up yet: end it through its keeper
                keeper.kill()
            break
        if sig is not None and alive(pid):
            (log.info if hung else log.warning)("FalkorDB pid %d is still running; sending %s", pid, sig.name)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + seconds
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if not alive(pid):
            break
    if keeper is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            keeper.wait(timeout=5.0)
