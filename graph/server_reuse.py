"""A server already answering on a data dir's socket, as ``EmbeddedFalkorDB.start`` finds it before launching one:
its pid and Bolt address, once it answers; stale pid, socket and Bolt files of a server that is gone are removed."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import StoreUnavailable
from newsgraph.graph.server_io import (
    loading as _loading,
    module_arg as _module_arg,
    ping as _ping,
    process_id as _process_id,
    server_alive as _server_alive,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Running:
    """A server found answering on the socket.

    Attributes:
        pid: Its pid, as it reports it (else as its pid file says), or None.
        bolt_port: Its Bolt port, or None when it speaks no Bolt.
        bolt_host: The address Bolt is kept to, as the process that started it recorded; None if unknown.
    """

    pid: int | None
    bolt_port: int | None
    bolt_host: str | None


def read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def find_running(data_dir: Path, socket_path: Path, pid_file: Path, bolt_file: Path, timeout: float) -> Running | None:
    """The server answering on ``socket_path``, waiting for one whose pid is alive (for as long as it says it is
    loading its data, else ``timeout`` seconds); None, with its stale pid, socket and Bolt files removed, when
    there is none.

    Raises:
        StoreUnavailable: a live process holds the data dir and its socket does not answer in time.
    """
    pid = read_pid(pid_file)
    deadline = time.monotonic() + timeout
    while not _ping(socket_path):
        if pid is not None and not _server_alive(pid):
            log.info("removing stale pid file %s (pid %d is gone)", pid_file, pid)
            pid_file.unlink(missing_ok=True)
            pid = None
        if pid is None:
            if socket_path.is_socket():
                log.info("removing stale socket %s", socket_path)
                socket_path.unlink()
            bolt_file.unlink(missing_ok=True)
            return None
        if _loading(socket_path):  # replaying a large data set: as long as it takes
            deadline = time.monotonic() + timeout
        if time.monotonic() >= deadline:  # alive but silent
            raise StoreUnavailable(f"data dir {data_dir} is in use by pid {pid}, whose socket {socket_path} does "
                                   "not answer; stop it or use another --data-dir")
        time.sleep(0.1)
    port = _module_arg(socket_path, "graph", "BOLT_PORT")
    bolt_port = int(port) if port and port.isdigit() else None  # GRAPH.CONFIG GET BOLT_PORT: junk if unset
    try:
        host, recorded = bolt_file.read_text().split()
        bolt_host = host if int(recorded) == bolt_port else None
    except (OSError, ValueError):
        bolt_host = None
    return Running(_process_id(socket_path) or pid, bolt_port, bolt_host)
