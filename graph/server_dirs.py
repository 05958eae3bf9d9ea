"""The files of an embedded FalkorDB server's data directory (``newsgraph.graph.server``): where its unix socket
goes, and the directories made private (0700) and files kept 0600 before a server starts or a writer locks it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from newsgraph.errors import StoreUnavailable

_SUN_PATH_MAX = 107  # sizeof(sockaddr_un.sun_path) - 1 on Linux


def socket_path(data_dir: Path) -> Path:
    """The unix socket of the server of ``data_dir`` (resolved): ``<data_dir>/falkordb.sock``, or, when that is
    over the socket path limit, ``<tempdir>/newsgraph-<uid>/<hash of the data dir>.sock``.

    >>> socket_path(Path("/data/news")).as_posix()
    '/data/news/falkordb.sock'
    """
    path = data_dir / "falkordb.sock"
    if len(os.fsencode(path)) > _SUN_PATH_MAX:
        digest = hashlib.sha256(os.fsencode(data_dir)).hexdigest()[:16]
        path = Path(tempfile.gettempdir(), f"newsgraph-{os.getuid()}", f"{digest}.sock")
    return path


def prepare_dirs(data_dir: Path, socket_path: Path, log_file: Path) -> None:
    """Create the data dir (0700) and the socket's private dir if it is elsewhere; set the modes of the data dir,
    ``graph.rdb`` and the log.

    Raises:
        StoreUnavailable: the data dir cannot be made or is no directory, the socket path is too long, or the
            socket's dir is not a private dir of this user.
    """
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        pass  # exists but is not a directory: reported below
    except OSError as exc:
        msg = f"cannot create data dir {data_dir}: {exc.strerror}; use another --data-dir"
        raise StoreUnavailable(msg) from exc
    if not data_dir.is_dir():
        raise StoreUnavailable(f"data dir {data_dir} is not a directory; use another --data-dir")
    for path, mode in ((data_dir, 0o700), (data_dir / "graph.rdb", 0o600), (log_file, 0o600)):
        with contextlib.suppress(OSError):  # missing, or not ours
            if path.stat().st_mode & 0o777 != mode:
                path.chmod(mode)
    if len(os.fsencode(socket_path)) > _SUN_PATH_MAX:
        msg = f"socket path {socket_path} is over {_SUN_PATH_MAX} bytes; use a shorter --data-dir"
        raise StoreUnavailable(msg)
    sock_dir = socket_path.parent
    if sock_dir != data_dir:  # the short fallback under tempdir must be a private dir of ours
        with contextlib.suppress(FileExistsError):
            sock_dir.mkdir(mode=0o700)
        st = sock_dir.lstat()
        if not sock_dir.is_dir() or sock_dir.is_symlink() or st.st_uid != os.getuid() or st.st_mode & 0o077:
            raise StoreUnavailable(f"socket dir {sock_dir} is not a private dir of ours; use a shorter --data-dir")
