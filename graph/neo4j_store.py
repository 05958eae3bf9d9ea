"""Neo4j through the official driver: managed write transactions (retried on transient errors), UNWIND batches,
uniqueness constraints created if absent. The same Cypher as the embedded store.

The store also runs against other servers that speak Bolt, FalkorDB's Bolt port in particular (the tests use it as a
stand-in for Neo4j). Such a server is told apart from Neo4j by its agent and ``CALL dbms.components()`` (FalkorDB
announces itself as ``Neo4j/5.13.0`` but fails that call, harmlessly) and never receives Neo4j's constraint DDL.
What FalkorDB 4.16 does over Bolt, as measured:

- it keeps a client that names no database in its graph ``falkordb``, and takes the first key of a query's
  options as the graph's name (``db`` for a named database, ``mode`` for a read session);
- it has no transactions: each statement is applied as it runs, so a failed unit is not rolled back (MERGEs make
  running it again safe);
- it reports every failure as ``Neo.DatabaseError.General.UnknownError`` "An unknown error occurred";
- it splices parameters into the query text: strings go in unescaped (a ``'`` breaks the statement), floats keep
  six decimals, and past about 4 KB of query text and spliced parameters together the server aborts ("stack
  smashing detected"). So for a server that splices (probed with a harmless echo), strings are escaped here and
  each UNWIND list is cut into pieces that stay well under that size; a single row too large is refused with a
  message instead of sent;
- with ``appendonly yes`` the first write over Bolt aborts the whole server (assertion
  ``server.also_propagate.numops == 0`` in redis' blocked.c); run it with ``appendonly no``;
- after a Bolt client disconnects, the next connection the server accepts (Bolt or not) is swallowed: it never
  gets an answer. A TCP connection opened and closed without a byte takes that place harmlessly, so the store
  opens one before it connects and, on such a server, after it closes.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import AuthError, DriverError, Forbidden, Neo4jError, ServiceUnavailable, SessionExpired

from newsgraph.errors import BadQueryParameter, BadSetting, QueryRefused, StoreUnavailable, WriteRefused
from newsgraph.graph import cypher, spliced
from newsgraph.graph.cypher_params import missing_message, missing_parameters
from newsgraph.graph.neo4j_wire import (
    _element,
    _escaped,
    _one_line,
    _plain,
    _statement,
    _text_size,
    _unnamed_ends,
    read_only_refusal as read_only_refusal,  # re-exported
)
from newsgraph.graph.rows import Rows
from newsgraph.graph.store import GraphStore, Statement

log = logging.getLogger(__name__)
# The driver logs each retry of a transaction ("Transaction failed and will be retried in 2.2s (Couldn't connect
# ...)") as a warning, which Python prints on stderr when the program configures no logging: the store's own
# error says in one line what failed once the driver gives up.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# Statements of this module (the rest are in cypher.py). All but FALKORDB_INDEXES may be sent to Neo4j.
PROBE = "RETURN 1 AS ok"
COMPONENTS = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
DELETE_BATCH = """
MATCH (n) WHERE n:Entity OR n:Concept OR n:Source OR n:Evidence OR n:Resolution OR n:Event OR n:Story
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""
NODE_KEYS = "MATCH (n) WHERE elementId(n) IN $keys RETURN elementId(n) AS key, n.id AS id"  # Neo4j 5
ECHO = "RETURN $value AS value"  # with _ECHO_PROBE: a server that splices parameters into the text changes it
FALKORDB_INDEXES = cypher.FALKORDB_INDEX_LIST  # never sent to Neo4j

_ECHO_PROBE = "\\'"  # a backslash and a quote

_FALKORDB_HINT = ("FalkorDB's Bolt port reports every failure this way; run the statement through FalkorDB's own "
                  "client to see the cause")
_LOGIN_HINT = ("if this is FalkorDB's Bolt port, it fails a login like this when the password is not its "
               "requirepass: without one, give an empty --password")
_AOF_HINT = ("FalkorDB 4.16 aborts on the first write over Bolt while its append-only file is on; "
             "run it with appendonly off (CONFIG SET appendonly no)")


def check_uri(uri: str) -> str:
    """Return ``uri`` if the driver can use it, else raise BadSetting naming what is wrong.

    >>> check_uri("bolt://localhost:7687")
    'bolt://localhost:7687'

    Raises:
        BadSetting: not a bolt:// or neo4j:// URI (with +s / +ssc), no host, or a bad port.
    """
    def bad(why: str) -> BadSetting:
        return BadSetting(f"bad Neo4j URI {uri!r}: {why}; write it like bolt://localhost:7687 or neo4j://host:7687")

    parts = urlsplit(uri.strip())
    if parts.scheme not in SCHEMES:
        raise bad(f"scheme {parts.scheme or 'none'!r} is not one of {', '.join(SCHEMES)}")
    try:
        port = parts.port
    except ValueError:
        raise bad("the port is not a number in 1..65535") from None
    if port == 0:
        raise bad("the port is not a number in 1..65535")
    if not parts.hostname:
        raise bad("it names no host")
    return uri.strip()


class Neo4jStore(GraphStore):
    """A newsgraph graph in Neo4j (or in another server that speaks Bolt and Cypher, such as FalkorDB).

    Every ``_write_unit`` is one managed write transaction (``session.execute_write``): on Neo4j a unit that fails
    is rolled back whole, and transient failures are retried for up to ``retry_time`` seconds.

    Args:
        uri: ``bolt://host:port`` or ``neo4j://host:port`` (``+s`` / ``+ssc`` for TLS).
        user: User name.
        password: Password.
        database: Database to use; None for the server's default.
        batch_size: Rows per UNWIND batch.
        connection_timeout: Seconds to wait for a connection; a server that is down fails at once.
        retry_time: Seconds the driver keeps retrying a unit that failed transiently (its default is 30).

    Attributes:
        kind: The Cypher dialect the server speaks, which picks the text of canned queries: "neo4j", or
            "falkordb" for FalkorDB's Bolt port.
        is_neo4j: True when the server is really Neo4j (then constraints are created).
        splices_parameters: True for a server that writes parameters into the query text (FalkorDB).
        server_agent: What the server calls itself, e.g. ``Neo4j/5.26.0``.
        server_version: Neo4j's version from ``dbms.components()``, or "" for another server.

    Raises:
        BadSetting: The URI is malformed.
        StoreUnavailable: The server is down or unreachable, refuses the credentials, or lacks the database.
    """

    kind = "neo4j"

    def __init__(self, uri: str, user: str, password: str, *, database: str | None = None, batch_size: int = 2000,
                 connection_timeout: float = 5.0, retry_time: float = 15.0) -> None:
        super().__init__(batch_size=batch_size)
        self.uri, self.database = check_uri(uri), database or None
        self.is_neo4j, self.splices_parameters, self.server_agent, self.server_version = False, False, "", ""
        self._detected = False
        self._wrote = False  # a write transaction succeeded through this store
        if isinstance(_knock(self.uri, connection_timeout), TimeoutError):  # refused or unknown: the driver says
            raise StoreUnavailable(f"cannot reach Neo4j at {self.uri}: no answer in {connection_timeout:g} s; "
                                   "is the server running and the URI right?")
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri, auth=(user, password), connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout + 5.0, max_transaction_retry_time=retry_time)
        except (ValueError, DriverError) as exc:
            raise BadSetting(f"bad Neo4j URI {uri!r}: {_one_line(exc)}") from exc
        try:
            self._verify(connection_timeout)
            self.server_agent = self._driver.get_server_info().agent or ""
            self._auto(PROBE)  # the database exists and the user may read it
            self.is_neo4j = self._detect_neo4j()
            if not self.is_neo4j:
                self.splices_parameters = self._auto(ECHO, {"value": _ECHO_PROBE})[0]["value"] != _ECHO_PROBE
                self.kind = "falkordb" if self.splices_parameters else "neo4j"
            self._detected = True
        except (DriverError, Neo4jError, OSError) as exc:
            self._driver.close()
            raise self._error(exc, "connecting") from exc
        except BaseException:
            self._driver.close()
            raise
        log.info("connected to %s (%s%s)", self.uri, self.server_agent,
                 f", Neo4j {self.server_version}" if self.is_neo4j else ", not Neo4j")

    # --- connection -----------------------------------------------------------------------------------------
    def _verify(self, timeout: float) -> None:
        """Open one connection and shake hands. A server that is down was refused by ``_knock`` already; one that
        took the connection but left the Bolt handshake unanswered gets one more try (FalkorDB's Bolt port leaves
        the first connection opened after another client left unanswered and serves the next)."""
        try:
            self._driver.verify_connectivity()
        except ServiceUnavailable as exc:
            log.info("%s left the Bolt handshake unanswered for %g s (%s); trying once more", self.uri, timeout,
                     _one_line(exc))
            self._driver.verify_connectivity()

    def _auto(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one probe (a read) in an auto-commit transaction, without retries. The session keeps the default
        access mode: FalkorDB's Bolt port takes a read session's ``{"mode": "r"}`` for the name of a graph, and
        made an empty graph ``mode`` on every connection."""
        with self._driver.session(database=self.database) as session:
            return [record.data() for record in session.run(query, params or {})]

    def _detect_neo4j(self) -> bool:
        """True only for a real Neo4j: FalkorDB says ``Neo4j/5.13.0`` too, but fails ``dbms.components()``."""
        if not self.server_agent.startswith("Neo4j/"):
            return False
        try:
            rows = self._auto(COMPONENTS)
        except Neo4jError as exc:  # the statement failed; the server and the connection are fine
            log.info("%s is not Neo4j: dbms.components() failed (%s)", self.uri, _one_line(exc))
            return False
        kernel = [row for row in rows if row.get("name") == "Neo4j Kernel"]
        if kernel:
            self.server_version = " ".join([*(kernel[0].get("versions") or [])[:1], kernel[0].get("edition") or ""])
        return bool(kernel)

    # --- GraphStore -----------------------------------------------------------------------------------------
    def run(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        """Run one read statement (routed to a reader in a cluster); rows as dicts of plain values, with the
        statement's columns (``Rows``)."""
        if self.splices_parameters and \
                len(query.encode()) + _text_size(_escaped(params or {})) > spliced.SPLICED_BUDGET:
            query = cypher.compact(query)  # FalkorDB aborts past about 4 KB of statement and parameters
        rows = Rows()
        for part in self._parameter_sets(query, params or {}):
            try:
                records, _, keys = self._driver.execute_query(query, part, database_=self.database,
                                                              routing_=neo4j.RoutingControl.READ)
            except (DriverError, Neo4jError, OSError) as exc:
                raise self._error(exc, f"running {_statement(query)}") from exc
            rows += [{k: _plain(v) for k, v in record.items()} for record in records]
            rows.columns = tuple(keys)
        return rows

    def run_read_only(self, query: str, params: dict[str, Any] | None = None, *, graph_elements: bool = False,
                      timeout: float | None = None) -> Rows:
        """One statement in a managed read transaction (READ access mode), which Neo4j refuses to let write; see
        ``GraphStore.run_read_only``.

        Raises:
            WriteRefused: Neo4j refused a write in the read transaction.
            QueryRefused: Neo4j rejected the statement (syntax, unknown name, a failing function).
            StoreUnavailable: the server is not Neo4j (FalkorDB's Bolt port ignores the access mode and would let a
                write through), or it fails.
        """
        if not self.is_neo4j:
            raise StoreUnavailable(f"the Bolt server at {self.uri} is not Neo4j and does not keep read transactions "
                                   "from writing; run read-only Cypher on the embedded store (--store falkordb)")
        missing = missing_parameters(query, params or {})
        if missing:
            raise BadQueryParameter(missing_message(missing))
        rows = Rows()
        for part in self._parameter_sets(query, params or {}):
            @neo4j.unit_of_work(timeout=timeout)
            def work(tx: neo4j.ManagedTransaction, part: dict[str, Any] = part) -> Rows:
                result = tx.run(query, part)
                records, keys = list(result), result.keys()
                if graph_elements:
                    return Rows([{k: _element(v) for k, v in record.items()} for record in records], keys)
                unnamed = _unnamed_ends([record.values() for record in records])
                ends = {row["key"]: row["id"] for row in tx.run(NODE_KEYS, {"keys": unnamed})} if unnamed else {}
                return Rows([{k: _plain(v, ends) for k, v in record.items()} for record in records], keys)

            try:
                with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                    answer = session.execute_read(work)
                    rows += answer
                    rows.columns = answer.columns
            except Neo4jError as exc:
                code = exc.code or ""
                if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "WriteOnReadOnly" in code:
                    raise WriteRefused("refused: the statement writes to the graph, and only read-only Cypher runs "
                                       f"here (a Neo4j read transaction; {_one_line(exc)})") from exc
                if code.startswith("Neo.ClientError.Statement."):
                    raise QueryRefused(f"Neo4j rejected the statement: {code}: {_one_line(exc)}") from exc
                raise self._error(exc, f"running {_statement(query)}") from exc
            except (DriverError, OSError) as exc:
                raise self._error(exc, f"running {_statement(query)}") from exc
        return rows

    def _write_unit(self, statements: Sequence[Statement]) -> None:
        """Run ``statements`` in one managed write transaction: all or (on Neo4j) nothing."""
        if self.splices_parameters:  # a long text, a report of many mentions: in pieces (``spliced``)
            statements = spliced.props_in_pieces(list(statements), cypher.MERGE_REPORTS, cypher.ADD_REPORT_PROPS,
                                                 spliced.PROPS_PIECE)
            statements = spliced.text_in_pieces(statements, cypher.MERGE_SOURCES, cypher.APPEND_SOURCE_TEXTS,
                                                spliced.TEXT_PIECE)
        statements = [(query, part) for query, params in statements for part in self._parameter_sets(query, params)]
        current = ["beginning a transaction"]

        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, params in statements:
                current[0] = f"running {_statement(query)}"
                tx.run(query, params).consume()

        try:
            with self._driver.session(database=self.database) as session:
                session.execute_write(work)  # raised errors roll the transaction back; transient ones are retried
        except (DriverError, Neo4jError, OSError) as exc:
            raise self._error(exc, current[0], writing=True) from exc
        self._wrote = True

    def _write_units(self, units: Sequence[Sequence[Statement]]) -> None:
        """All statements of one graph (one chunk of an ingest) in one managed transaction."""
        self._write_unit([statement for statements in units for statement in statements])

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes if absent (on FalkorDB: its missing id indexes)."""
        if self.is_neo4j:
            for statement in cypher.neo4j_constraints():
                self._write_unit([(statement, {})])
            return
        try:
            existing = {(row["label"], prop) for row in self.run(FALKORDB_INDEXES) for prop in row["properties"]}
        except StoreUnavailable as exc:
            log.debug("cannot list the indexes of %s: %s", self.uri, exc)
            existing = set()
        for statement in cypher.falkordb_indexes(existing):
            try:
                with self._driver.session(database=self.database) as session:
                    session.execute_write(_run_consumed, statement)
            except Neo4jError as exc:  # e.g. it exists after all; the server and the connection are fine
                log.debug("index statement %r not applied: %s", statement, _one_line(exc))
            except (DriverError, OSError) as exc:
                raise self._error(exc, f"running {_statement(statement)}", writing=True) from exc

    def delete_all(self, *, batch: int = 10_000) -> int:
        """Delete every node of newsgraph's labels and their relationships; nodes with other labels stay.

        Args:
            batch: Nodes deleted per transaction.

        Returns:
            The number of nodes deleted.
        """
        total = 0
        while True:
            rows: list[int] = []

            def work(tx: neo4j.ManagedTransaction) -> None:
                rows[:] = [record["deleted"] for record in tx.run(DELETE_BATCH, {"limit": batch})]

            try:
                with self._driver.session(database=self.database) as session:
                    session.execute_write(work)
            except (DriverError, Neo4jError, OSError) as exc:
                raise self._error(exc, "deleting newsgraph's nodes", writing=True) from exc
            deleted = sum(rows)
            total += deleted
            if deleted < batch:
                return total

    def close(self) -> None:
        """Close the driver and its connections."""
        self._driver.close()
        if self.splices_parameters:  # FalkorDB: take the place its disconnect spoiled (see the module notes)
            _knock(self.uri, 1.0)

    def _parameter_sets(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The parameters to send for one statement (``spliced.parameter_sets`` on a server that splices them)."""
        return spliced.parameter_sets(query, params, self.uri) if self.splices_parameters else [params]

    # --- errors ---------------------------------------------------------------------------------------------
    def _error(self, exc: BaseException, doing: str, *, writing: bool = False) -> StoreUnavailable:
        """One line naming the problem and the fix, for any driver or server error."""
        known_other = self.is_neo4j is False and self._detected
        where = f"the Bolt server at {self.uri}" if known_other else f"Neo4j at {self.uri}"
        code = getattr(exc, "code", None) or ""
        message = _one_line(exc)
        if isinstance(exc, AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized") \
                or "AuthenticationRateLimit" in code:
            return StoreUnavailable(f"{where} refused the user name or password ({message}); "
                                    "check --user and --password")
        if "DatabaseNotFound" in code:
            return StoreUnavailable(f"{where} has no database {self.database!r} ({message}); create it "
                                    "(CREATE DATABASE) or leave --database unset for the default database")
        if isinstance(exc, Forbidden) or ".Security." in code:
            on = f" to database {self.database!r}" if self.database else ""
            return StoreUnavailable(f"{where} refused access while {doing} ({message}); "
                                    f"the user needs read and write access{on}")
        if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)) or not isinstance(exc, Neo4jError):
            hint = "; is the server running and the URI right?"
            if writing and self.splices_parameters and not self._wrote:  # FalkorDB lost at this store's first write
                down = _knock(self.uri, 1.0)
                hint = f"; {_AOF_HINT}" if down is None else \
                    f"; the server is down ({_one_line(down)}): start it again, then run the command again"
            return StoreUnavailable(f"cannot reach {where} while {doing}: {message}{hint}")
        hint = ""
        if code.endswith("General.UnknownError") and (self.splices_parameters or not self._detected):
            hint = f" ({_LOGIN_HINT})" if doing == "connecting" else f" ({_FALKORDB_HINT})"
        return StoreUnavailable(f"{where} failed while {doing}: {code}: {message}{hint}")


def _knock(uri: str, timeout: float) -> OSError | None:
    """Open and close a TCP connection to the server of ``uri`` without sending a byte; return what failed."""
    parts = urlsplit(uri)
    try:
        socket.create_connection((parts.hostname or "localhost", parts.port or 7687), timeout=timeout).close()
    except OSError as exc:
        return exc
    return None


def _run_consumed(tx: neo4j.ManagedTransaction, query: str) -> None:
    """Run ``query`` in the transaction ``tx`` and discard its result."""
    tx.run(query).consume()
