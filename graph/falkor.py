"""The embedded default store: FalkorDB, through its native client (usually over the unix socket of an
``EmbeddedFalkorDB`` server in the data directory)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

from newsgraph.errors import StoreUnavailable
from newsgraph.graph.store import GraphStore, Statement

log = logging.getLogger(__name__)


class FalkorStore(GraphStore):
    """A newsgraph graph inside FalkorDB.

    FalkorDB runs each statement atomically but has no multi-statement transactions; ``GraphStore`` orders the
    writes so that a source is marked complete only after all of its rows are in, and every write is a MERGE, so
    an interrupted batch is finished by running it again.
    """

    kind = "falkordb"

    def __init__(self, client: Any, graph_name: str = "newsgraph", *, batch_size: int = 2000) -> None:
        super().__init__(batch_size=batch_size)
        self.graph_name = graph_name
        self._graph = client.select_graph(graph_name)

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            result = self._graph.query(query, params or {})
        except RedisConnectionError as exc:
            raise StoreUnavailable(f"FalkorDB connection lost: {exc}") from exc
        header = [column[1] for column in (result.header or [])]
        return [dict(zip(header, (_plain(v) for v in row))) for row in result.result_set]

    def _write_unit(self, statements: Sequence[Statement]) -> None:
        for query, params in statements:
            try:
                self._graph.query(query, params)
            except RedisConnectionError as exc:
                raise StoreUnavailable(f"FalkorDB connection lost while writing: {exc}") from exc
            except ResponseError as exc:
                raise StoreUnavailable(f"FalkorDB rejected a write: {' '.join(str(exc).split())}") from exc

    def ensure_schema(self) -> None:
        from newsgraph.graph.cypher import falkordb_indexes

        for statement in falkordb_indexes():
            try:
                self._graph.query(statement)
            except ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise StoreUnavailable(f"FalkorDB cannot create an index: {exc}") from exc

    def delete_all(self) -> None:
        """Remove every node and relationship of this graph."""
        try:
            self._graph.delete()
        except ResponseError:
            pass  # an empty graph does not exist yet


def _plain(value: Any) -> Any:
    """Turn FalkorDB's result values (OrderedDicts, nodes) into plain dicts and lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "properties") and hasattr(value, "labels"):
        return {"labels": list(value.labels), **_plain(dict(value.properties))}
    if hasattr(value, "properties") and hasattr(value, "relation"):
        return {"type": value.relation, **_plain(dict(value.properties))}
    return value
