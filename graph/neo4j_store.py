"""Neo4j through the official driver: managed transactions (retried on transient errors), UNWIND batches,
uniqueness constraints created if absent. The same Cypher as the embedded store.

Servers that speak Bolt but are not Neo4j (FalkorDB's Bolt port) are detected with ``CALL dbms.components()``
and get their own index statements instead of Neo4j's constraint DDL.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import neo4j
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

from newsgraph.errors import StoreUnavailable
from newsgraph.graph import cypher
from newsgraph.graph.store import GraphStore, Statement

log = logging.getLogger(__name__)


class Neo4jStore(GraphStore):
    """A newsgraph graph in Neo4j (or any server that speaks Bolt and Cypher)."""

    kind = "neo4j"

    def __init__(self, uri: str, user: str, password: str, *, database: str | None = None,
                 batch_size: int = 2000, connection_timeout: float = 10.0) -> None:
        super().__init__(batch_size=batch_size)
        self.uri, self.database = uri, database or None
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password),
                                                      connection_timeout=connection_timeout)
            self._driver.verify_connectivity()
        except (ValueError, ConfigurationError) as exc:
            raise StoreUnavailable(f"bad Neo4j URI {uri!r}: {_one_line(exc)} (try bolt://host:7687 or neo4j://host)") from exc
        except AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {uri} refused the user name or password ({_one_line(exc)})") from exc
        except (ServiceUnavailable, OSError, DriverError) as exc:
            raise StoreUnavailable(f"Neo4j at {uri} cannot be reached: {_one_line(exc)}") from exc
        except Neo4jError as exc:
            raise StoreUnavailable(_describe(exc, uri, self.database)) from exc
        self.is_neo4j = self._detect_neo4j()

    def _detect_neo4j(self) -> bool:
        """True only for a real Neo4j: FalkorDB announces itself as Neo4j/5.13 but has no dbms.components()."""
        try:
            rows = self.run("CALL dbms.components() YIELD name RETURN name")
        except StoreUnavailable:
            return False
        return any(str(r.get("name", "")).lower().startswith("neo4j") for r in rows)

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            records, _, _ = self._driver.execute_query(query, params or {}, database_=self.database,
                                                       routing_=neo4j.RoutingControl.READ)
        except (ServiceUnavailable, OSError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} cannot be reached: {_one_line(exc)}") from exc
        except Neo4jError as exc:
            raise StoreUnavailable(_describe(exc, self.uri, self.database)) from exc
        return [{k: _plain(v) for k, v in record.items()} for record in records]

    def _write_unit(self, statements: Sequence[Statement]) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, params in statements:
                tx.run(query, params).consume()

        try:
            with self._driver.session(database=self.database) as session:
                session.execute_write(work)  # rolled back whole on failure; transient errors retried
        except (ServiceUnavailable, OSError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} cannot be reached: {_one_line(exc)}") from exc
        except Neo4jError as exc:
            raise StoreUnavailable(_describe(exc, self.uri, self.database)) from exc

    def ensure_schema(self) -> None:
        if self.is_neo4j:
            for statement in cypher.neo4j_constraints():
                self._write_unit([(statement, {})])
            return
        for statement in cypher.falkordb_indexes():
            try:
                self._write_unit([(statement, {})])
            except StoreUnavailable as exc:  # FalkorDB over Bolt: an index that exists is an error there
                log.debug("index statement not applied: %s", exc)

    def delete_all(self) -> None:
        """Remove every node and relationship (of newsgraph's labels)."""
        self._write_unit([("MATCH (n) WHERE n:Entity OR n:Concept OR n:Source OR n:Evidence OR n:Resolution "
                           "DETACH DELETE n", {})])

    def close(self) -> None:
        self._driver.close()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **{k: _plain(v) for k, v in value.items()}}
    return value


def _describe(exc: Neo4jError, uri: str, database: str | None) -> str:
    code = getattr(exc, "code", "") or ""
    if "DatabaseNotFound" in code:
        return f"Neo4j at {uri} has no database {database!r} (create it, or drop --database to use the default)"
    if "Security" in code:
        return f"Neo4j at {uri} refused access: {_one_line(exc)}"
    if isinstance(exc, ClientError):
        return f"Neo4j at {uri} rejected a statement: {code} {_one_line(exc)}".strip()
    return f"Neo4j at {uri} failed: {code} {_one_line(exc)}".strip()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "message", None) or exc).split())[:300]
