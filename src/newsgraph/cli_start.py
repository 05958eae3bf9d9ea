"""The start of the ``newsgraph`` command: a read command (``query``, ``cypher``, ``entities``, ``export``) on an
embedded store launches its server before anything else is imported, so that the server loads the graph while
Python imports the command line and parses it (a few tenths of a second each on a large graph).

The launch is a guess from the raw arguments and the environment, made before the command line is parsed: the
command still builds and checks its settings as always, and ``open_store`` takes the launched server over only if
it is the one those settings name (the same data dir, no Bolt port). A server launched and not used (bad input, a
guess that differs) is stopped when the command exits, like any server a command starts; one is launched only
where the data dir holds a saved graph and plainly no server runs (``newsgraph.graph.server_launch``). Nothing heavier
than the server module is imported here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.graph.server_launch import LaunchedFalkorDB

#: The commands that read the store and launch its server early.
READ_COMMANDS = frozenset({"query", "cypher", "entities", "export"})
#: ``Settings.data_dir``'s default (kept equal by a test: ``newsgraph.settings`` imports pydantic).
DEFAULT_DATA_DIR = Path(".newsgraph")
_ENV_PREFIX = "NEWSGRAPH_"


def option_values(args: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """The last value given to each long option of ``names`` in ``args`` (``--name value`` or ``--name=value``),
    up to a ``--``.

    >>> option_values(["-f", "json", "--data-dir", "a", "--store=neo4j", "--data-dir=b", "--", "--graph", "x"],
    ...               ["--data-dir", "--store", "--graph"])
    {'--data-dir': 'b', '--store': 'neo4j'}
    """
    found: dict[str, str] = {}
    for index, arg in enumerate(args):
        if arg == "--":
            break
        name, sep, value = arg.partition("=")
        if name in names and sep:
            found[name] = value
        elif arg in names and index + 1 < len(args):
            found[arg] = args[index + 1]
    return found


def launch_server(args: Sequence[str], environ: Mapping[str, str]) -> LaunchedFalkorDB | None:
    """Launch the embedded server the read command ``args`` (the command line less the program) will use, when
    its data dir holds a saved graph and no server runs there; return it, or None if none was launched.

    The data dir and store are those the settings will have: the ``--data-dir``/``--store`` flags over the
    ``NEWSGRAPH_DATA_DIR``/``NEWSGRAPH_STORE`` variables over the defaults (a read command opens no Bolt port,
    whatever ``NEWSGRAPH_BOLT_PORT`` says: only ``serve`` does). Nothing is launched for another command,
    ``--help`` or Neo4j, and nothing is ever raised: a problem is left for the command to meet and report.

    >>> launch_server(["ingest", "seeds"], {}), launch_server(["export", "--help"], {})
    (None, None)
    """
    if not args or args[0] not in READ_COMMANDS or "--help" in args[1:]:
        return None
    flags = option_values(args[1:], ("--data-dir", "--store"))
    store = flags.get("--store") or environ.get(f"{_ENV_PREFIX}STORE") or "falkordb"
    if store != "falkordb":
        return None
    data_dir = Path(flags.get("--data-dir") or environ.get(f"{_ENV_PREFIX}DATA_DIR") or DEFAULT_DATA_DIR)
    if not (data_dir / "graph.rdb").is_file():
        return None
    from newsgraph.errors import NewsgraphError
    from newsgraph.graph.server_launch import LaunchedFalkorDB

    server = LaunchedFalkorDB(data_dir)
    try:
        return server if server.launch() else None
    except (OSError, NewsgraphError):
        return None


def main() -> None:  # pragma: no cover - the console entry of `newsgraph` and `python -m newsgraph`
    """Launch the server of a read command, run the command line, and stop the server if the command did not
    take it (it failed first): here, before the interpreter shuts down, as the command itself would have."""
    server = launch_server(sys.argv[1:], os.environ)
    try:
        from newsgraph.cli import main as run

        run()
    finally:
        if server is not None:
            _stop(server)


def _stop(server: LaunchedFalkorDB) -> None:
    """Stop ``server`` (nothing if the command has stopped it); a failure is one line on stderr."""
    from newsgraph.errors import StoreUnavailable

    try:
        server.stop()
    except StoreUnavailable as exc:
        print(f"newsgraph: error: {exc}", file=sys.stderr)
