"""The lock files of a data directory, all ``fcntl.flock`` (released by the kernel when their holder dies).

* ``.start.lock`` — exclusive while a server starts or stops, so two processes never start two servers on one dir.
* ``.users.lock`` — shared by every process using the running server (see ``newsgraph.graph.keeper``).
* ``.write.lock`` — exclusive for the whole of a command that writes (``newsgraph ingest``): one writer per data
  dir. It holds the writer's pid, so a second writer can say whom it waits for.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newsgraph.errors import StoreUnavailable

_POLL = 0.05
#: The write locks this process holds, with the thread holding each (``one_writer`` nests within a thread).
_writing: set[tuple[str, int]] = set()


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise StoreUnavailable(f"cannot create lock file {path}: {exc.strerror}") from exc


def _same_file(path: Path, fd: int) -> bool:
    try:  # the previous holder may have deleted the file: then lock the new one
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def exclusive(path: Path, timeout: float, *, unlink: bool = False) -> Iterator[None]:
    """Hold an exclusive flock on ``path``, polling up to ``timeout`` seconds; optionally delete it on exit.

    Raises:
        StoreUnavailable: the lock file cannot be created, or the lock is not free in time.
    """
    deadline = time.monotonic() + timeout
    while True:
        fd = _open(path)
        try:
            while True:
                with contextlib.suppress(BlockingIOError):
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(f"timed out after {timeout:g} s waiting for lock {path}")
                time.sleep(_POLL)
            if _same_file(path, fd):
                try:
                    yield
                finally:
                    if unlink:
                        path.unlink(missing_ok=True)
                return
        finally:
            os.close(fd)


def share(path: Path, timeout: float) -> int:
    """Take a shared flock on ``path`` (waiting up to ``timeout`` s while someone holds it exclusively); return
    the open descriptor, which holds the lock until ``release``d or closed.

    Raises:
        StoreUnavailable: the lock file cannot be created, or the lock is not free in time.
    """
    deadline = time.monotonic() + timeout
    fd = _open(path)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreUnavailable(f"timed out after {timeout:g} s waiting for lock {path}") from None
            time.sleep(_POLL)


def release_if_last(fd: int) -> bool:
    """Turn the shared lock on ``fd`` exclusive if nobody else shares it; return whether it did. Either way the
    caller is leaving: close ``fd`` when done."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def one_writer(data_dir: Path, on_wait: Callable[[int | None], None] | None = None) -> Iterator[None]:
    """Be the only writer of ``data_dir`` (its ``.write.lock``) until the block ends, waiting for the holder. Within
    a block of this thread's, another block on the same data dir is part of it (it neither waits nor releases); a
    block of another thread of this process waits as another process's would (each opens the lock file anew, and
    ``flock`` locks of two open files exclude each other).

    Args:
        data_dir: The data directory (it must exist).
        on_wait: Called once, with the holder's pid (None if unknown), if another writer holds the lock.

    Raises:
        StoreUnavailable: the lock file cannot be created.
    """
    path = data_dir / ".write.lock"
    key = (os.path.realpath(path), threading.get_ident())
    if key in _writing:  # this thread writes there already: a nested block of the same writer
        yield
        return
    fd = _open(path)
    held = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                holder, deadline = _holder(fd), time.monotonic() + 1.0
                while holder is None and time.monotonic() < deadline:  # it may not have written it yet
                    time.sleep(_POLL)
                    holder = _holder(fd)
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)  # blocks until the holder ends (or dies: the kernel releases it)
        held = True
        with contextlib.suppress(OSError):  # a full disk: the pid stays unknown to a waiting writer
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _writing.add(key)
        yield
    finally:
        _writing.discard(key)
        if held:  # a wait given up (Ctrl-C, on_wait raising) leaves the holder's pid in place
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
        os.close(fd)


def _holder(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip())
    except (OSError, ValueError):
        return None
