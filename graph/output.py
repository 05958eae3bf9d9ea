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


def write_file(target: Path, content: bytes, *, what: str = "an export") -> bool:
    """Write ``content`` to ``target`` (see the module notes).

    Returns:
        True when all of ``content`` was written; False when ``target`` is a stream whose reader stopped reading
        (a broken pipe, ``| head``): the export ends quietly, as a shell tool's does.

    Raises:
        BadSetting: ``target`` is a folder, a socket or another special file, or its folder does not exist.
        OSError: the write failed (no space left on device, permission denied, ...).
    """
    if is_stream(target):
        return _write_stream(target, content)
    real = Path(os.path.realpath(target))
    if real.is_dir():
        raise BadSetting(f"cannot export {what} to {target}: it is a folder, give a file name")
    _check_parent(target, real)
    if real.exists() and not real.is_file():
        raise BadSetting(f"cannot export to {target}: it is a {_kind(real)}, not a file, folder or device")
    _replace(real, content)
    return True


def write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into the folder ``target`` (or the folder a symlink leads to): a new folder is renamed
    into place whole; in an existing one every file is checked and staged first and only then renamed over the old
    ones (other files there are left alone), so that a failure leaves the old files as they were and no temporary
    file behind.

    Raises:
        BadSetting: ``target`` exists and is not a folder, or its parent does not exist; one of the files to
            write is a folder or a special file (the message names it).
        OSError: a write failed.
    """
    real = Path(os.path.realpath(target))
    if real.exists() and not real.is_dir():
        raise BadSetting(f"cannot export csv to {target}: it exists and is not a folder")
    _check_parent(target, real)
    if real.is_dir():
        for name in sorted(files):
            final = real / name
            if final.is_dir():
                raise BadSetting(f"cannot export csv to {target / name}: it is a folder, not a file")
            if final.exists() and not final.is_file():
                raise BadSetting(f"cannot export csv to {target / name}: it is a {_kind(final)}, not a file")
    _write_dir(real, files, shown=target)


def check_path(path: str | os.PathLike, what: str, *, one_file: bool) -> None:
    """Refuse a path no export can mean: an empty one, or one ending with ``/`` where ``what`` writes one file
    (``-o newdir/`` would write a file named ``newdir``).

    >>> check_path("out/", "csv", one_file=False), check_path("g.json", "json", one_file=True)
    (None, None)

    Raises:
        BadSetting: the path is empty, or ends with ``/`` for a format that writes one file.
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if not text:
        raise BadSetting(f"cannot export {what}: the path is empty, give a file name")
    if one_file and text.endswith(("/", os.sep)) and not is_stream(Path(text)):
        raise BadSetting(f"cannot export to {text}: it ends with / but {what} writes one file, give a file name")


def _check_parent(target: Path, real: Path) -> None:
    """Refuse ``target`` when its folder (``real.parent``) does not exist, naming the first of its folders that is
    missing or is not a folder."""
    if real.parent.is_dir():
        return
    folder = real.parent
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    if folder.exists() and not folder.is_dir():
        raise BadSetting(f"cannot export to {target}: {folder} is not a folder")
    raise BadSetting(f"cannot export to {target}: its folder {real.parent} does not exist")


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


def _write_stream(target: Path, content: bytes) -> bool:
    """Write ``content`` to a device, FIFO or inherited descriptor, as a shell redirection would; False when the
    reader stopped reading first."""
    if stat.S_ISSOCK(os.stat(target).st_mode):
        raise BadSetting(f"cannot export to {target}: it is a socket")
    try:
        with open(target, "wb") as fh:
            fh.write(content)
            fh.flush()
    except BrokenPipeError:  # the reader has read what it wanted (`| head`): stop, as a shell tool does, silently
        return False
    return True


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


def _write_dir(target: Path, files: dict[str, bytes], shown: Path) -> None:
    """Write ``files`` into the folder ``target``: a new folder is renamed into place whole; in an existing one
    every file is staged first and only then renamed over the old ones (other files there are left alone). Should
    a rename fail, the old files already replaced are put back (from hard links made before the first rename,
    where the file system has them), no temporary file stays, and the error names the file (as ``shown/<name>``)."""
    if target.is_dir():
        staged: list[tuple[Path, Path]] = []
        done: list[Path] = []
        keep = Path(tempfile.mkdtemp(dir=target, prefix=".old.", suffix=".tmp"))  # links to the old files
        try:
            for name, content in sorted(files.items()):
                staged.append((_stage(target, name, content), target / name))
            for _, final in staged:
                if final.is_file() and not final.is_symlink():
                    with contextlib.suppress(OSError):
                        os.link(final, keep / final.name)
            try:
                for tmp, final in staged:
                    os.replace(tmp, final)
                    done.append(final)
            except BaseException as exc:
                for final in done:
                    if (keep / final.name).exists():
                        with contextlib.suppress(OSError):
                            os.replace(keep / final.name, final)
                if isinstance(exc, OSError):
                    failed = shown / staged[len(done)][1].name
                    raise BadSetting(f"cannot export csv to {failed}: {(exc.strerror or str(exc)).lower()}") from exc
                raise
        finally:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            shutil.rmtree(keep, ignore_errors=True)
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
