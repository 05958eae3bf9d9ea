"""Open the store the settings name: the embedded FalkorDB server in the data directory, or Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsgraph.errors import BadSetting
from newsgraph.graph.store import GraphStore
from newsgraph.settings import Settings


@contextmanager
def open_store(settings: Settings) -> Iterator[GraphStore]:
    """Yield a ready store (schema ensured); stop what was started on exit.

    Raises:
        StoreUnavailable: the server cannot be started or reached.
        BadSetting: Neo4j is chosen without a URI.
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
    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB

    with EmbeddedFalkorDB(settings.data_dir, bolt_port=settings.bolt_port) as server:
        store = FalkorStore(server.client(), settings.graph, batch_size=settings.write_batch_size)
        store.ensure_schema()
        yield store
