"""Writing a rendered export where the user asked, as a careful program would.

A regular file (new, or the file a symlink leads to) is written to a temporary file beside it and renamed into
place, keeping the mode of the file it replaces: a failure never leaves half a file. A device, FIFO or inherited
descriptor (``/dev/stdout``, anything reached through ``/proc/<pid>/fd``) is opened and written like a shell
redirection would, never replaced. A socket, or another special file, is refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from newsgraph.errors import BadSetting


def write_file(target: Path, content: bytes, *, what: str = "an export") -> None:
    """Write ``content`` to ``target`` (see the module notes).

    Raises:
        BadSetting: ``target`` is a folder, a socket or another special file, or its folder does not exist.
        OSError: the write failed (no space left on device, permission denied, ...).
    """
    if is_stream(target):
        _write_stream(target, content)
        return
    real = Path(os.path.realpath(target))
    if real.is_dir():
        raise BadSetting(f"cannot export {what} to {target}: it is a folder, give a file name")
    if not real.parent.is_dir():
        raise BadSetting(f"cannot export to {target}: its folder {real.parent} does not exist")
    if real.exists() and not real.is_file():
        raise BadSetting(f"cannot export to {target}: it is a {_kind(real)}, not a file, folder or device")
    _replace(real, content)


def write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into the folder ``target`` (or the folder a symlink leads to): a new folder is renamed
    into place whole; in an existing one every file is staged first and only then renamed over the old ones
    (other files there are left alone).

    Raises:
        BadSetting: ``target`` exists and is not a folder, or its parent does not exist.
        OSError: a write failed.
    """
    real = Path(os.path.realpath(target))
    if real.exists() and not real.is_dir():
        raise BadSetting(f"cannot export csv to {target}: it exists and is not a folder")
    if not real.parent.is_dir():
        raise BadSetting(f"cannot export to {target}: its folder {real.parent} does not exist")
    _write_dir(real, files)


def is_stream(target: Path) -> bool:
    """True if ``target`` is written in place: a device or FIFO, or a descriptor link of ``/proc`` (``/dev/stdout``
    is one), whatever it points to."""
    link = target
    for _ in range(40):  # the kernel's own symlink limit
        if str(link).startswith(("/proc/", "/dev/fd/")):
            return True
        if not link.is_symlink():
            break
        link = link.parent / os.readlink(link)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode)


def _kind(path: Path) -> str:
    return "socket" if stat.S_ISSOCK(path.stat().st_mode) else "special file"


def _write_stream(target: Path, content: bytes) -> None:
    """Write ``content`` to a device, FIFO or inherited descriptor, as a shell redirection would."""
    if stat.S_ISSOCK(os.stat(target).st_mode):
        raise BadSetting(f"cannot export to {target}: it is a socket")
    try:
        with open(target, "wb") as fh:
            fh.write(content)
            fh.flush()
    except BrokenPipeError:  # the reader has read what it wanted (`| head`): stop, as a shell tool does, silently
        return


def _stage(folder: Path, name: str, content: bytes) -> Path:
    """Write ``content`` to a new hidden temporary file in ``folder`` and return its path."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _replace(target: Path, content: bytes) -> None:
    tmp = _stage(target.parent, target.name, content)
    try:
        with contextlib.suppress(FileNotFoundError):  # keep the mode of the file replaced
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(tmp, target)  # atomic on one file system
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_dir(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into the folder ``target``: a new folder is renamed into place whole; in an existing one
    every file is staged first and only then renamed over the old ones (other files there are left alone)."""
    if target.is_dir():
        staged: list[tuple[Path, Path]] = []
        try:
            for name, content in sorted(files.items()):
                staged.append((_stage(target, name, content), target / name))
        except BaseException:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            raise
        for tmp, final in staged:
            os.replace(tmp, final)
        return
    tmp_dir = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        for name, content in sorted(files.items()):
            (tmp_dir / name).write_bytes(content)
        os.chmod(tmp_dir, 0o755)
        os.rename(tmp_dir, target)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
