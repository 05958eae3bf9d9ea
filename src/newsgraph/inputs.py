"""What the CLI settles before the library runs: stdin as an input file, and whether a read command has a graph.

``-`` among the ingest's paths stands for JSON Lines on stdin. A read command (``query``, ``cypher``, ``entities``,
``export``) on an embedded store checks first that its data directory holds a graph, so that a mistyped
``--data-dir`` fails in one line instead of starting a server that creates an empty store.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import NoGraph
from newsgraph.settings import Settings

#: The path that stands for stdin.
STDIN = "-"
#: What stdin is called in messages.
STDIN_NAME = "<stdin>"
# The embedded server keeps its graph in graph.rdb (an older version: appendonlydir/), and its pid in falkordb.pid
# while it runs (newsgraph serve): one of them is in every data directory that holds a graph.
_GRAPH_FILES = ("graph.rdb", "appendonlydir", "falkordb.pid")


@contextmanager
def spooled_stdin(paths: Sequence[str], stdin: IO[Any]) -> Iterator[tuple[list[Path], Callable[[str], str]]]:
    """The input paths, with ``-`` standing for the JSON Lines on ``stdin`` copied to a temporary file first (the
    ingest reads its inputs twice: to count them, then to process them; a pipe can be read once); and a function
    that names that file ``<stdin>`` in a message. The temporary file is deleted on exit; one that a killed ingest
    (``kill -9``, which runs no clean-up) left is deleted by the next ingest from stdin (``remove_stale_spools``).

    >>> with spooled_stdin(["a.txt", "b"], None) as (paths, shown):
    ...     [str(p) for p in paths], shown("a.txt: empty file")
    (['a.txt', 'b'], 'a.txt: empty file')
    """
    if STDIN not in paths:
        yield [Path(p) for p in paths], str
        return
    remove_stale_spools()
    with tempfile.TemporaryDirectory(prefix=f"{_SPOOL_PREFIX}{os.getpid()}-") as folder:
        spool = Path(folder, "stdin.jsonl")  # a .jsonl file whose stem, "stdin", starts the ids it gives
        with spool.open("wb") as out:
            shutil.copyfileobj(getattr(stdin, "buffer", stdin), out, 2**20)
        yield [spool if p == STDIN else Path(p) for p in paths], lambda text: text.replace(str(spool), STDIN_NAME)


#: The temporary folders of stdin copies: ``newsgraph-stdin-<pid of the ingest>-<random>``.
_SPOOL_PREFIX = "newsgraph-stdin-"
_SPOOL = re.compile(rf"{_SPOOL_PREFIX}(\d+)-")


def remove_stale_spools(folder: Path | None = None) -> list[Path]:
    """Delete the copies of stdin (in ``folder``, the temporary directory by default) that this user's ingests
    left when they were killed: a spool whose ingest process is gone. Returns what was deleted. A spool of a
    running process, another user's, or one whose process cannot be told is left alone."""
    folder = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _SPOOL.match(entry.name)
        try:
            if not match or entry.is_symlink() or not entry.is_dir() or entry.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        if not _process_gone(int(match.group(1))):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _process_gone(pid: int) -> bool:
    """True when no process has id ``pid`` (not when one does, or it cannot be told)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return False
    return False


def require_graph(settings: Settings) -> None:
    """Check that the embedded store of ``settings`` exists, without starting a server or creating anything.

    Raises:
        NoGraph: the data directory is missing, or holds neither a saved graph nor a running server.
    """
    if settings.store != "falkordb":
        return
    directory = settings.data_dir
    fix = "give the --data-dir (or NEWSGRAPH_DATA_DIR) of a store that newsgraph ingest built"
    if not directory.is_dir():
        what = "no such directory" if not directory.exists() else "not a directory"
        raise NoGraph(f"no graph in {directory}: {what}; {fix}")
    if not any((directory / name).exists() for name in _GRAPH_FILES):
        raise NoGraph(f"no graph in {directory}: the directory holds no newsgraph store; {fix}")
