"""The keeper of an embedded FalkorDB server: the parent of redis-server, stopping it when nobody uses it.

Run by ``EmbeddedFalkorDB`` as ``python -m newsgraph.graph.keeper USERS_LOCK LOG PID_FILE -- REDIS_ARGS...`` in a
session of its own. Every process using the server holds a shared flock on ``USERS_LOCK`` (the data dir's
``.users.lock``); the one that finds itself last stops the server itself (SHUTDOWN SAVE, whose failure it can
report). The keeper covers the rest: when it can take that lock exclusively, every user has gone without stopping
the server (killed, crashed), so it sends SIGTERM (redis saves and exits). So the server outlives the process that
started it while another process still uses it, and never outlives its last user. The keeper makes files private
(umask 077) and dies with the server; if the keeper is killed, the kernel sends the server SIGTERM.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
from collections.abc import Callable

_POLL = 0.2
_TERM_GRACE = 120.0  # a large graph takes a while to save


def main(argv: list[str]) -> int:
    """Start redis-server with ``argv`` after ``--``; return its exit code once it is gone."""
    users_lock, log_path, pid_file, sep, *server_args = argv
    if sep != "--" or not server_args:
        print("usage: keeper USERS_LOCK LOG PID_FILE -- REDIS_ARGS...", file=sys.stderr)
        return 2
    os.umask(0o077)
    for sig in (signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)  # only the users (through the lock) or SIGTERM/SIGKILL end us
    log_fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    with contextlib.suppress(OSError):
        os.fchmod(log_fd, 0o600)
    server = subprocess.Popen(server_args, stdin=subprocess.DEVNULL, stdout=log_fd, stderr=subprocess.STDOUT,
                              preexec_fn=_die_with_parent_hook())  # fmt: skip
    os.close(log_fd)
    with contextlib.suppress(OSError):  # a full disk: the server will say so when it saves
        with open(pid_file, "w", encoding="ascii") as fh:
            fh.write(f"{server.pid}\n")
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    lock_fd = os.open(users_lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    while server.poll() is None:
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            # Waiting on the server rather than sleeping: the keeper ends as soon as the server does (a user that
            # stopped it waits for the keeper), not up to a poll interval later.
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=_POLL)
            continue
        if server.poll() is None:  # every user is gone and none stopped it
            server.terminate()
            try:
                server.wait(timeout=_TERM_GRACE)
            except subprocess.TimeoutExpired:
                server.kill()
        break
    code = server.wait()
    with contextlib.suppress(OSError, ValueError):
        with open(pid_file, encoding="ascii") as fh:
            if int(fh.read().strip()) == server.pid:
                os.unlink(pid_file)
    return code


def _die_with_parent_hook() -> Callable[[], None] | None:
    """A pre-exec hook having Linux send the server SIGTERM when the keeper dies (prctl resolved here, so the
    forked child makes one foreign call)."""
    if sys.platform != "linux":
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return lambda: prctl(1, signal.SIGTERM)  # 1 == PR_SET_PDEATHSIG


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
