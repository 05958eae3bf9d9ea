"""Why a running embedded FalkorDB server failed a command: it has died, it is hung, its last background save
failed, or it is still busy with a statement the command stopped waiting for (``NEWSGRAPH_STORE_TIMEOUT``).

A server that does not answer PING is hung only if it also works no more: its CPU is watched for ``FAILURE_LOOK``
seconds, the test of ``newsgraph.graph.watchdog`` over a short look. A FalkorDB transaction runs on the server's
main thread and holds PING back for as long as it runs, so a long write outlasting a short timeout is silent too,
but busy: it is left to finish (and to save what it writes), not called hung and killed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.graph.server_io import answers, bgsave_failed, server_alive
from newsgraph.graph.watchdog import idle_while

if TYPE_CHECKING:
    from newsgraph.graph.server import EmbeddedFalkorDB

#: Seconds ``failure_of`` watches the CPU of a server that does not answer, to tell a hung one from a busy one.
FAILURE_LOOK = 2.0


def failure_of(server: EmbeddedFalkorDB) -> str | None:
    """The one-line reason ``server`` (running) cannot go on, or None if it is fine; marks it hung when it is."""
    pid = server.pid
    if server.hung:
        return hung_message(server.data_dir, pid, server.owned)
    if pid is not None and not server_alive(pid):
        return stopped_message(server.data_dir, pid)
    if bgsave_failed(server.socket_path):
        return server.save_failure()
    if pid is None or answers(server.socket_path):
        return None
    idle = idle_while(pid, FAILURE_LOOK)
    if server.hung or idle and not answers(server.socket_path):  # the watch may have found it so meanwhile
        server.mark_hung()
        return hung_message(server.data_dir, pid, server.owned)
    if not server_alive(pid):
        return stopped_message(server.data_dir, pid)
    return (f"the FalkorDB server for {server.data_dir} (pid {pid}) is still working on a statement this command "
            f"stopped waiting for (NEWSGRAPH_STORE_TIMEOUT); the store there keeps what it finishes: run the command "
            f"again, with a longer timeout if this recurs")


def lost(server: EmbeddedFalkorDB, command: str) -> str | None:
    """Why ``command``, which keeps ``server`` up for as long as the user wants (``serve``, ``browse``), must end: the
    server has died (killed, or failed) or stopped answering; None while it lives. Cheap enough to ask twice a
    second: the process table, and the hang watch's verdict (``newsgraph.graph.watchdog``)."""
    pid = server.pid
    if server.hung:
        ender = "it was killed" if server.owned else f"stop it: kill {pid}"
        return (f"the FalkorDB server for {server.data_dir} (pid {pid}) stopped answering ({ender}); the store is as "
                f"of its last save: start {command} again")
    if pid is not None and not server_alive(pid):
        return (f"the FalkorDB server for {server.data_dir} (pid {pid}) stopped (killed, or it failed: see "
                f"falkordb.log there); the store is as of its last save: start {command} again")
    return None


def stopped_message(data_dir: Path, pid: int | None) -> str:
    return (f"the FalkorDB server for {data_dir} (pid {pid}) stopped while in use; the store there is as of its "
            f"last save: run the command again to finish the job")


def hung_message(data_dir: Path, pid: int | None, owned: bool) -> str:
    ender = "this command stops it" if owned else f"stop it: kill {pid}"
    return (f"the FalkorDB server for {data_dir} (pid {pid}) stopped answering while in use ({ender}); the store "
            f"there is as of its last save: run the command again to finish the job")
