"""Open the store the settings name: the embedded FalkorDB server in the data directory, or Neo4j."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from newsgraph.errors import BadSetting, NoGraph, ServerHung, StoreUnavailable
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.graph.store import GraphStore

#: The embedded server under each store ``open_store`` has open, by the store's id.
_servers: dict[int, EmbeddedFalkorDB] = {}


@contextmanager
def one_writer(settings: Settings, on_wait: Callable[[int | None], None] | None = None) -> Iterator[None]:
    """Be the only writer of the embedded store's data dir for the block, as ``open_store(write=True)`` is, so that
    several stores opened within it write as one writer (``newsgraph.graph.locks.one_writer``). Neo4j: nothing."""
    if settings.store == "neo4j":
        yield
        return
    from newsgraph.graph.server import EmbeddedFalkorDB

    with EmbeddedFalkorDB(settings.data_dir).one_writer(on_wait):
        yield


@contextmanager
def open_store(settings: Settings, *, write: bool = False, create: bool | None = None,
               on_wait: Callable[[int | None], None] | None = None) -> Iterator[GraphStore]:
    """Yield a ready store (schema ensured); stop what was started on exit.

    Args:
        settings: which store, where.
        write: the caller writes: on the embedded store, be its only writer (the data dir's write lock) for the
            whole block, waiting while another process holds it. Readers need no lock.
        create: make the graph when the embedded server holds none of that name (default: ``write``); a reader,
            or a writer that only changes what is stored, is refused instead, so that a mistyped ``--graph`` does
            not leave an empty graph behind that later commands take for the one meant.
        on_wait: called once with the pid of the writer being waited for (None if unknown).

    Raises:
        StoreUnavailable: the server cannot be started or reached, or failed under the block (it died, or cannot
            save the graph: the message names the data dir and the cause, e.g. no space left on device);
            ``ServerHung`` when the server this block started stopped answering (it has been killed).
        BadSetting: Neo4j is chosen without a URI.
        NoGraph: ``create`` is false and the embedded server holds no graph of the settings' name.
    """
    if settings.store == "neo4j":
        from newsgraph.graph.neo4j_store import Neo4jStore

        if not settings.neo4j_uri:
            raise BadSetting("--store neo4j needs --uri (or NEWSGRAPH_NEO4J_URI), e.g. bolt://localhost:7687")
        store: GraphStore = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                                       database=settings.neo4j_database, batch_size=settings.write_batch_size)
        try:
            store.ensure_schema()
            yield store
        finally:
            store.close()
        return
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.graph.server_launch import launched

    with contextlib.ExitStack() as stack:
        # A reader takes over a server launched on this data dir earlier in this process (the command line
        # launches one before its imports: newsgraph.cli_start), which has been loading the graph meanwhile.
        server = (None if write else launched(settings.data_dir, bolt_port=settings.bolt_port)) \
            or EmbeddedFalkorDB(settings.data_dir, bolt_port=settings.bolt_port, bolt_host=settings.bolt_host)
        if write:  # before the server starts: a waiting writer does not hold it up
            stack.enter_context(server.one_writer(on_wait))
        stack.enter_context(server)  # the server launched first: redis-py is imported while it loads the graph
        try:
            from newsgraph.graph.falkor import FalkorStore

            store = FalkorStore(server.client(settings.store_timeout), settings.graph,
                                batch_size=settings.write_batch_size)
            _servers[id(store)] = server
            stack.callback(_servers.pop, id(store), None)
            if not (write if create is None else create):
                _require_named_graph(store, settings)
            store.ensure_schema()
            yield store
        except Exception as exc:  # a store error, or the client's own: say what happened to the server
            failure = server.failure()
            if failure is None:
                raise
            if server.hung and server.owned:
                raise ServerHung(failure, data_dir=server.data_dir, pid=server.pid) from exc
            raise StoreUnavailable(failure) from exc


def server_lost(store: GraphStore, command: str) -> str | None:
    """Why ``command``, which serves ``store`` (opened by ``open_store``) until the user stops it, must end: the
    embedded server under it died or stopped answering (``newsgraph.graph.server_failure.lost``); None while it
    lives, and for Neo4j."""
    server = _servers.get(id(store))
    if server is None:
        return None
    from newsgraph.graph.server_failure import lost

    return lost(server, command)


def _require_named_graph(store: FalkorStore, settings: Settings) -> None:
    """Raise NoGraph naming the graphs there are when the server holds no graph of ``settings.graph``."""
    names = store.graph_names()
    if settings.graph in names:
        return
    held = f"it holds {', '.join(repr(n) for n in names)}" if names else "it holds no graph"
    raise NoGraph(f"no graph {settings.graph!r} in {settings.data_dir}: {held}; give --graph (or NEWSGRAPH_GRAPH) "
                  "the name the ingest used")
