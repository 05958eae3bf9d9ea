"""What the CLI settles before the library runs: stdin as an input file, and whether a read command has a graph.

``-`` among the ingest's paths stands for JSON Lines on stdin. A read command (``query``, ``cypher``, ``entities``,
``export``) on an embedded store checks first that its data directory holds a graph, so that a mistyped
``--data-dir`` fails in one line instead of starting a server that creates an empty store.
"""

from __future__ import annotations

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
    that names that file ``<stdin>`` in a message. The temporary file is deleted on exit.

    >>> with spooled_stdin(["a.txt", "b"], None) as (paths, shown):
    ...     [str(p) for p in paths], shown("a.txt: empty file")
    (['a.txt', 'b'], 'a.txt: empty file')
    """
    if STDIN not in paths:
        yield [Path(p) for p in paths], str
        return
    with tempfile.TemporaryDirectory(prefix="newsgraph-stdin-") as folder:
        spool = Path(folder, "stdin.jsonl")  # a .jsonl file whose stem, "stdin", starts the ids it gives
        with spool.open("wb") as out:
            shutil.copyfileobj(getattr(stdin, "buffer", stdin), out, 2**20)
        yield [spool if p == STDIN else Path(p) for p in paths], lambda text: text.replace(str(spool), STDIN_NAME)


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
