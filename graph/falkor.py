"""The embedded default store: FalkorDB, through its native client (usually over the unix socket of an
``EmbeddedFalkorDB`` server in the data directory)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError, ResponseError, TimeoutError as RedisTimeout

from newsgraph.errors import BadQueryParameter, QueryRefused, StoreUnavailable, WriteRefused
from newsgraph.graph import cypher
from newsgraph.graph.cypher_params import header, missing_message, missing_parameters, parameter_problem
from newsgraph.graph.falkor_replies import GraphElement, element, node_keys, plain, scalar, typed_rows
from newsgraph.graph.rows import Rows
from newsgraph.graph.store import GraphStore, Statement, _strings, check_values, chunks
from newsgraph.model import value_problem

log = logging.getLogger(__name__)

#: The ``id`` property of nodes by internal id: how ``plain`` names the ends of a relationship returned alone.
NODE_KEYS = "MATCH (n) WHERE id(n) IN $ids RETURN id(n) AS internal, n.id AS id"


class FalkorStore(GraphStore):
    """A newsgraph graph inside FalkorDB.

    FalkorDB runs each statement atomically but has no rollback; the statements of one graph (one chunk of an
    ingest) go in one MULTI/EXEC, which the server runs whole or, if the client dies before EXEC, not at all, and
    the ledger rows in a second one once every reply of the first says it was applied (see ``_write_units``).
    ``GraphStore`` orders the writes so that a source is marked complete only after all of its rows are in, and
    every write is a MERGE but the CREATE of a relation with no stored evidence (which, written after its evidence,
    cannot be stored), so a failed write is finished by running it again.
    """

    kind = "falkordb"
    parallel_reads = True  # redis-py takes a connection of its pool per command
    #: Relationship types (with a label pair) merged per statement; see ``cypher.merge_relations_chain``.
    relation_parts_per_statement = 64

    def __init__(self, client: Any, graph_name: str = "newsgraph", *, batch_size: int = 2000) -> None:
        super().__init__(batch_size=batch_size)
        self.graph_name = graph_name
        self._client = client
        self._graph = client.select_graph(graph_name)

    def run(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        """Run one statement; rows as dicts of plain values, with the statement's columns (``Rows``).

        The compact reply is read here: scalars, lists and maps straight from redis-py's reply (the client's
        parser costs more than the server on a whole-graph read); a reply holding nodes, relationships or paths,
        whose compact form needs the graph's schema, goes through the client's parser.
        """
        reply = self._send("GRAPH.QUERY", query, params, compact=True, rejected=(StoreUnavailable, "query"))
        if len(reply) < 3:  # statistics only
            return Rows()
        names = [column[1] for column in reply[0]]
        try:
            return Rows([dict(zip(names, [v if t == 2 or t == 3 else scalar(t, v) for t, v in row]))
                         for row in reply[1]], names)
        except GraphElement:
            from falkordb.query_result import QueryResult

            result = QueryResult(self._graph, reply)
            ends = self._node_keys(result.result_set)
            return Rows([dict(zip(names, (plain(v, ends) for v in row))) for row in result.result_set], names)

    def read_rows(self, query: str, params: dict[str, Any] | None = None, *,
                  types: Sequence[type] | None = None) -> list[list[Any]]:
        """``GRAPH.RO_QUERY``, read straight from redis-py's reply (as ``run`` does): rows as lists of plain values,
        with no dict per row (see ``GraphStore.read_rows``).

        Without ``types``, the compact reply (every value tagged with its type). With them, FalkorDB's plain reply,
        which costs this process a fifth of the compact one's parsing: strings and integers come as they are, a
        double and a boolean as text, which the column's type turns back into its value (``float``: the same
        digits the compact reply gives; ``bool``: ``true``/``false``). A value the plain reply cannot be trusted
        to give back (a list, or text where the column wants a number or a flag) makes it read the compact reply
        instead.

        Raises:
            QueryRefused: FalkorDB rejected the statement, or it returns graph elements.
            StoreUnavailable: the connection was lost.
        """
        if types is not None:
            rows = typed_rows(self._read_reply(query, params, compact=False), types)
            if rows is not None:
                return rows
        reply = self._read_reply(query, params, compact=True)
        if len(reply) < 3:
            return []
        try:
            return [[v if t == 2 or t == 3 else scalar(t, v) for t, v in row] for row in reply[1]]
        except GraphElement as exc:
            raise QueryRefused("read_rows takes scalars and lists only, not nodes, relationships or paths") from exc

    def _lost(self, exc: Exception, doing: str = "") -> StoreUnavailable:
        """The error for a connection lost, or a reply not come within the client's ``socket_timeout``."""
        if isinstance(exc, RedisTimeout):
            waited = self._client.connection.connection_pool.connection_kwargs.get("socket_timeout")
            return StoreUnavailable(f"FalkorDB did not answer{doing} within {waited:g} s (NEWSGRAPH_STORE_TIMEOUT)")
        return StoreUnavailable(f"FalkorDB connection lost{doing}: {exc}")

    def _read_reply(self, query: str, params: dict[str, Any] | None, *, compact: bool) -> list:
        """The raw reply of a ``GRAPH.RO_QUERY``."""
        return self._send("GRAPH.RO_QUERY", query, params, compact=compact, rejected=(QueryRefused, "statement"))

    def _send(self, command: str, query: str, params: dict[str, Any] | None, *, compact: bool,
              rejected: tuple[type[Exception], str]) -> list:
        """The raw reply of ``command`` for ``query`` with its parameters in a ``CYPHER`` header. A lost connection
        raises ``StoreUnavailable``; a statement the server rejects, ``rejected``'s error class naming the kind."""
        try:
            reply = self._client.connection.execute_command(command, self.graph_name, header(params) + query,
                                                            *(["--compact"] if compact else []))
            if reply and isinstance(reply[-1], ResponseError):  # a run-time error comes as the last element
                raise reply[-1]
        except (RedisConnectionError, RedisTimeout) as exc:
            raise self._lost(exc) from exc
        except ResponseError as exc:
            error, kind = rejected
            raise error(f"FalkorDB rejected the {kind}: {' '.join(str(exc).split())}") from exc
        return reply

    def run_read_only(self, query: str, params: dict[str, Any] | None = None, *, graph_elements: bool = False,
                      timeout: float | None = None) -> Rows:
        """``GRAPH.RO_QUERY``: FalkorDB refuses any statement that would write (see ``GraphStore.run_read_only``).

        Raises:
            BadQueryParameter: the statement uses a parameter that has no value, or a parameter holds what
                FalkorDB's ``CYPHER`` header cannot carry: a NUL character or a lone surrogate (its parser answered
                with a parse error of the header), an empty map key or one with a backtick, a number that is not
                finite.
        """
        for name, value in (params or {}).items():
            problem = value_problem("".join(_strings({name: value}, []))) if value is not None else None
            problem = problem or parameter_problem(value)
            if problem:
                raise BadQueryParameter(f"parameter {name!r} holds {problem}, which the store cannot take")
        missing = missing_parameters(query, params or {})
        if missing and not query.lstrip()[:7].upper() == "CYPHER ":  # a statement with its own parameter header
            raise BadQueryParameter(missing_message(missing))
        try:
            result = self._graph.ro_query(query, params or {},
                                          timeout=None if timeout is None else max(1, int(timeout * 1000)))
        except ValueError as exc:  # the client's writer of the parameters refused one
            raise BadQueryParameter(f"a parameter the store cannot take: {' '.join(str(exc).split())}") from exc
        except (RedisConnectionError, RedisTimeout) as exc:
            raise self._lost(exc) from exc
        except ResponseError as exc:
            message = " ".join(str(exc).split())
            if "read-only" in message:
                raise WriteRefused("refused: the statement writes to the graph, and only read-only Cypher runs "
                                   "here (FalkorDB GRAPH.RO_QUERY)") from exc
            raise QueryRefused(f"FalkorDB rejected the statement: {message}") from exc
        header = [column[1] for column in (result.header or [])]
        if graph_elements:
            return Rows([dict(zip(header, (element(v) for v in row))) for row in result.result_set], header)
        ends = self._node_keys(result.result_set)
        return Rows([dict(zip(header, (plain(v, ends) for v in row))) for row in result.result_set], header)

    def _node_keys(self, rows: list) -> dict[int, Any]:
        """The ``id`` property of the end nodes of the relationships in ``rows``, by internal id (``plain`` names
        the ends by it): from the nodes in ``rows``, the rest read from the graph."""
        known, wanted = node_keys(rows)
        unknown = sorted(wanted - known.keys())
        if unknown:
            known.update((internal, key) for internal, key in self.read_rows(NODE_KEYS, {"ids": unknown})
                         if key is not None)
        return known

    def _write_unit(self, statements: Sequence[Statement]) -> None:
        for query, params in statements:
            try:
                self._graph.query(query, params)
            except (RedisConnectionError, RedisTimeout) as exc:
                raise self._lost(exc, " while writing") from exc
            except ResponseError as exc:
                raise StoreUnavailable(f"FalkorDB rejected a write: {' '.join(str(exc).split())}") from exc

    def _relation_statements(self, relations: dict[tuple[str, str, str], list[dict]],
                             evidence: list[dict], groups: dict[str, str]) -> Iterable[list[Statement]]:
        """Chained MERGEs whose rows carry the aggregates, computed here from the stored and the new evidence.

        The stored evidence is read one batch of relations at a time and dropped once their aggregates are
        computed, so what this holds does not grow with how often the store has seen a relation.
        """
        new: dict[str, list[dict]] = defaultdict(list)
        for row in evidence:
            new[row["edge_id"]].append(row)
        group: list[tuple[tuple[str, str, str], list[dict]]] = []
        for key, rows in sorted(relations.items()):
            for part in chunks(rows, self.batch_size):
                if group and (len(group) >= self.relation_parts_per_statement
                              or sum(len(r) for _, r in group) + len(part) > self.batch_size):
                    yield self._chain(group, new, groups)
                    group = []
                group.append((key, part))
        if group:
            yield self._chain(group, new, groups)

    def _chain(self, group: list[tuple[tuple[str, str, str], list[dict]]],
               new: dict[str, list[dict]], groups: dict[str, str]) -> list[Statement]:
        """One chained statement for ``group``, its rows completed with the aggregates of their stored evidence
        and their ``new`` evidence (by relation id; a new row replaces a stored one with its id), the copy group of
        a source from ``groups`` (what this write sets) else as stored. A part's rows without stored evidence
        (relations not stored yet) go in a part of their own that CREATEs them."""
        by_edge: dict[str, dict[str, dict]] = defaultdict(dict)
        for row in self.run(cypher.EVIDENCE_FOR_RELATIONS, {"ids": [row["id"] for _, rows in group for row in rows]}):
            by_edge[row["edge_id"]][row["id"]] = row
        parts: list[tuple[str, str, str]] = []
        created: set[int] = set()
        params: dict[str, list[dict]] = {}
        for key, rows in group:
            stored: list[dict] = []
            fresh: list[dict] = []
            for row in rows:
                evidence = by_edge.pop(row["id"], {})
                side = stored if evidence else fresh
                evidence.update((v["id"], v) for v in new.get(row["id"], ()))
                side.append({"subject": row["subject"], "object": row["object"], "id": row["id"],
                             "props": {"predicate": row["predicate"],
                                       **relation_aggregates(evidence.values(), groups)}})
            for part_rows, create in ((stored, False), (fresh, True)):
                if part_rows:
                    if create:
                        created.add(len(parts))
                    params[f"r{len(parts)}"] = part_rows
                    parts.append(key)
        return [(cypher.merge_relations_chain(parts, new=frozenset(created)), params)]

    def _write_checked(self, units: Sequence[Sequence[Statement]]) -> None:
        """``_write_units``, which checks the values as it writes the statements out."""
        self._write_units(units)

    def _write_units(self, units: Sequence[Sequence[Statement]]) -> None:
        """The statements of one graph in one MULTI/EXEC (one round trip; the client gone before EXEC, nothing is
        applied), then, once every reply says it was applied, the ledger rows (the trailing ``MARK_SOURCES_DONE``
        units) in a second one.

        MULTI/EXEC does not roll back: when one statement fails the others still apply. So the ledger, which would
        say the chunk's sources are complete, is sent only after all the rest is confirmed: a chunk that fails is
        not in the ledger, and running the ingest again writes it whole (every write is a MERGE).

        Nothing is sent when a value cannot be stored (``BadArticle``, as ``check_values`` raises it). The check
        searches each statement's text as sent: every string value is in it as it is (only ``\\`` and ``"``
        escaped), so one search of each finds what the row-by-row check would; only then are the rows searched,
        for the error to name the source.
        """
        texts = [[header(params) + query for query, params in statements] for statements in units]
        if any(value_problem(text) for unit in texts for text in unit):
            check_values(units)
        cut = len(units)
        while cut and units[cut - 1] and all(query == cypher.MARK_SOURCES_DONE for query, _ in units[cut - 1]):
            cut -= 1
        for part in (texts[:cut], texts[cut:]):
            if part:
                self._multi_exec(part)

    def _multi_exec(self, units: Sequence[Sequence[str]]) -> None:
        """Run the statement texts of ``units`` in one MULTI/EXEC; raise StoreUnavailable if any statement
        failed."""
        pipe = self._client.connection.pipeline(transaction=True)
        for statements in units:
            for text in statements:
                pipe.execute_command("GRAPH.QUERY", self.graph_name, text, "--compact")
        try:
            replies = pipe.execute(raise_on_error=False)
        except (RedisConnectionError, RedisTimeout) as exc:
            raise self._lost(exc, " while writing") from exc
        except ResponseError as exc:
            raise StoreUnavailable(f"FalkorDB rejected a write: {' '.join(str(exc).split())}") from exc
        failed = next((r for r in replies if isinstance(r, Exception)), None)
        if failed is not None:
            raise StoreUnavailable(f"FalkorDB rejected a write: {' '.join(str(failed).split())}")

    def graph_names(self) -> list[str]:
        """The names of the graphs the server holds (``GRAPH.LIST``), sorted."""
        try:
            names = self._client.connection.execute_command("GRAPH.LIST")
        except (RedisConnectionError, RedisTimeout) as exc:
            raise self._lost(exc) from exc
        return sorted(n.decode() if isinstance(n, bytes) else str(n) for n in names)

    def ensure_schema(self) -> None:
        """Create the indexes the graph lacks: one listing of those it has (a store opened again, to read it, sends
        no index statement), then a CREATE INDEX for each one missing."""
        from newsgraph.graph.cypher import falkordb_indexes

        for statement in falkordb_indexes(self._indexed()):
            try:
                self._graph.query(statement)
            except ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise StoreUnavailable(f"FalkorDB cannot create an index: {exc}") from exc

    def _indexed(self) -> set[tuple[str, str]]:
        """The (label, property) pairs the graph has an index on; none when it cannot say (a graph not created
        yet), and then every index statement is sent."""
        try:
            rows = self.read_rows(cypher.FALKORDB_INDEX_LIST)
        except (QueryRefused, StoreUnavailable) as exc:
            log.debug("cannot list the indexes of graph %s: %s", self.graph_name, exc)
            return set()
        return {(label, prop) for label, properties in rows for prop in properties or ()}

    def delete_all(self) -> None:
        """Remove every node and relationship of this graph."""
        try:
            self._graph.delete()
        except ResponseError:
            pass  # an empty graph does not exist yet


def relation_aggregates(evidence: Iterable[dict], groups: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The aggregates of a relation from its evidence rows (``Evidence`` node properties): the sources in order of
    (source, sentence start, id), the counts, how many independent sources (copy groups: from ``groups``, else a
    row's ``copy_group``, else the source itself), who it is attributed to, and the highest confidence.

    >>> rows = [{"id": "e2", "source": "b", "sentence_start": 0, "negated": True, "hedged": False,
    ...          "attributed_to_name": "Kremlin", "confidence": 0.5},
    ...         {"id": "e1", "source": "a", "sentence_start": 9, "negated": False, "hedged": False,
    ...          "attributed_to_name": None, "confidence": 0.75}]
    >>> agg = relation_aggregates(rows)
    >>> agg["sources"], agg["evidence_ids"], agg["negated_count"], agg["attributed_to"], agg["confidence"]
    (['a', 'b'], ['e1', 'e2'], 1, ['Kremlin'], 0.75)
    >>> agg["independent_sources"], relation_aggregates(rows, {"b": "a"})["independent_sources"]
    (2, 1)
    """
    groups = groups or {}
    rows = sorted(evidence, key=lambda v: (v["source"], v["sentence_start"], v["id"]))
    sources = list(dict.fromkeys(v["source"] for v in rows))
    confidences = [v["confidence"] for v in rows if isinstance(v.get("confidence"), (int, float))]
    return {
        "sources": sources, "source_count": len(sources),
        "independent_sources": len({groups.get(v["source"]) or v.get("copy_group") or v["source"] for v in rows}),
        "evidence_ids": [v["id"] for v in rows],
        "evidence_count": len(rows), "negated_count": sum(1 for v in rows if v.get("negated")),
        "hedged_count": sum(1 for v in rows if v.get("hedged")),
        "conditional_count": sum(1 for v in rows if v.get("conditional")),
        "attributed_to": list(dict.fromkeys(v["attributed_to_name"] for v in rows
                                            if v.get("attributed_to_name") is not None)),
        "confidence": max([0.0, *confidences]),
    }
