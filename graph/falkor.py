"""The embedded default store: FalkorDB, through its native client (usually over the unix socket of an
``EmbeddedFalkorDB`` server in the data directory)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError, ResponseError

from newsgraph.errors import QueryRefused, StoreUnavailable, WriteRefused
from newsgraph.graph import cypher
from newsgraph.graph.store import GraphStore, Statement, chunks

log = logging.getLogger(__name__)


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

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement; rows as dicts of plain values.

        The compact reply is read here: scalars, lists and maps straight from redis-py's reply (the client's
        parser costs more than the server on a whole-graph read); a reply holding nodes, relationships or paths,
        whose compact form needs the graph's schema, goes through the client's parser.
        """
        reply = self._send("GRAPH.QUERY", query, params, compact=True, rejected=(StoreUnavailable, "query"))
        if len(reply) < 3:  # statistics only
            return []
        names = [column[1] for column in reply[0]]
        try:
            return [dict(zip(names, [v if t == 2 or t == 3 else _scalar(t, v) for t, v in row])) for row in reply[1]]
        except _GraphElement:
            from falkordb.query_result import QueryResult

            result = QueryResult(self._graph, reply)
            return [dict(zip(names, (_plain(v) for v in row))) for row in result.result_set]

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
            rows = _typed_rows(self._read_reply(query, params, compact=False), types)
            if rows is not None:
                return rows
        reply = self._read_reply(query, params, compact=True)
        if len(reply) < 3:
            return []
        try:
            return [[v if t == 2 or t == 3 else _scalar(t, v) for t, v in row] for row in reply[1]]
        except _GraphElement as exc:
            raise QueryRefused("read_rows takes scalars and lists only, not nodes, relationships or paths") from exc

    def _read_reply(self, query: str, params: dict[str, Any] | None, *, compact: bool) -> list:
        """The raw reply of a ``GRAPH.RO_QUERY``."""
        return self._send("GRAPH.RO_QUERY", query, params, compact=compact, rejected=(QueryRefused, "statement"))

    def _send(self, command: str, query: str, params: dict[str, Any] | None, *, compact: bool,
              rejected: tuple[type[Exception], str]) -> list:
        """The raw reply of ``command`` for ``query`` with its parameters in a ``CYPHER`` header. A lost connection
        raises ``StoreUnavailable``; a statement the server rejects, ``rejected``'s error class naming the kind."""
        from falkordb.helpers import stringify_param_value

        header = "CYPHER " + " ".join(f"`{k}`={stringify_param_value(v)}" for k, v in params.items()) + " " \
            if params else ""
        try:
            reply = self._client.connection.execute_command(command, self.graph_name, header + query,
                                                            *(["--compact"] if compact else []))
            if reply and isinstance(reply[-1], ResponseError):  # a run-time error comes as the last element
                raise reply[-1]
        except RedisConnectionError as exc:
            raise StoreUnavailable(f"FalkorDB connection lost: {exc}") from exc
        except ResponseError as exc:
            error, kind = rejected
            raise error(f"FalkorDB rejected the {kind}: {' '.join(str(exc).split())}") from exc
        return reply

    def run_read_only(self, query: str, params: dict[str, Any] | None = None, *, graph_elements: bool = False,
                      timeout: float | None = None) -> list[dict[str, Any]]:
        """``GRAPH.RO_QUERY``: FalkorDB refuses any statement that would write (see ``GraphStore.run_read_only``)."""
        try:
            result = self._graph.ro_query(query, params or {},
                                          timeout=None if timeout is None else max(1, int(timeout * 1000)))
        except RedisConnectionError as exc:
            raise StoreUnavailable(f"FalkorDB connection lost: {exc}") from exc
        except ResponseError as exc:
            message = " ".join(str(exc).split())
            if "read-only" in message:
                raise WriteRefused("refused: the statement writes to the graph, and only read-only Cypher runs "
                                   "here (FalkorDB GRAPH.RO_QUERY)") from exc
            raise QueryRefused(f"FalkorDB rejected the statement: {message}") from exc
        convert = _element if graph_elements else _plain
        header = [column[1] for column in (result.header or [])]
        return [dict(zip(header, (convert(v) for v in row))) for row in result.result_set]

    def _write_unit(self, statements: Sequence[Statement]) -> None:
        for query, params in statements:
            try:
                self._graph.query(query, params)
            except RedisConnectionError as exc:
                raise StoreUnavailable(f"FalkorDB connection lost while writing: {exc}") from exc
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

    def _write_units(self, units: Sequence[Sequence[Statement]]) -> None:
        """The statements of one graph in one MULTI/EXEC (one round trip; the client gone before EXEC, nothing is
        applied), then, once every reply says it was applied, the ledger rows (the trailing ``MARK_SOURCES_DONE``
        units) in a second one.

        MULTI/EXEC does not roll back: when one statement fails the others still apply. So the ledger, which would
        say the chunk's sources are complete, is sent only after all the rest is confirmed: a chunk that fails is
        not in the ledger, and running the ingest again writes it whole (every write is a MERGE).
        """
        cut = len(units)
        while cut and units[cut - 1] and all(query == cypher.MARK_SOURCES_DONE for query, _ in units[cut - 1]):
            cut -= 1
        for part in (units[:cut], units[cut:]):
            if part:
                self._multi_exec(part)

    def _multi_exec(self, units: Sequence[Sequence[Statement]]) -> None:
        """Run ``units`` in one MULTI/EXEC; raise StoreUnavailable if any statement failed."""
        from falkordb.helpers import stringify_param_value

        pipe = self._client.connection.pipeline(transaction=True)
        for statements in units:
            for query, params in statements:
                header = "CYPHER " + " ".join(f"`{k}`={stringify_param_value(v)}" for k, v in params.items()) + " "
                pipe.execute_command("GRAPH.QUERY", self.graph_name, (header if params else "") + query, "--compact")
        try:
            replies = pipe.execute(raise_on_error=False)
        except RedisConnectionError as exc:
            raise StoreUnavailable(f"FalkorDB connection lost while writing: {exc}") from exc
        except ResponseError as exc:
            raise StoreUnavailable(f"FalkorDB rejected a write: {' '.join(str(exc).split())}") from exc
        failed = next((r for r in replies if isinstance(r, Exception)), None)
        if failed is not None:
            raise StoreUnavailable(f"FalkorDB rejected a write: {' '.join(str(failed).split())}")

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


_FLAGS = {"true": True, "false": False}


def _typed_rows(reply: list, types: Sequence[type]) -> list[list[Any]] | None:
    """The rows of a plain (not compact) FalkorDB reply, each column made its type: ``float`` from the text of a
    double, ``bool`` from ``true``/``false``; ``str`` and ``int`` as they come. None when a value is not what its
    column's type can be read back from (then the caller reads the compact reply). A ``str`` column is not
    checked (a list, double or flag in it would come as its text), nor text in a number column that reads as a
    number: neither is newsgraph's doing.

    >>> _typed_rows([["a", "b", "c", "d"], [["x", 3, "0.5", "true"], [None, None, 2, None]], []],
    ...             [str, int, float, bool])
    [['x', 3, 0.5, True], [None, None, 2, None]]
    >>> _typed_rows([["a"], [["[1, 2]"]], []], [float]) is None
    True
    """
    if len(reply) < 3:
        return []
    rows = reply[1]
    if rows and len(rows[0]) != len(types):
        raise ValueError(f"{len(types)} column types for {len(rows[0])} columns")
    for k, kind in enumerate(types):
        if kind is str:  # text, or an integer: as the compact reply gives them
            continue
        for row in rows:
            value = row[k]
            if value is None or type(value) is int:  # an integer in a number or flag column: as stored
                continue
            if kind is int or not isinstance(value, str):
                return None
            if kind is float:
                try:
                    row[k] = float(value)
                except ValueError:
                    return None
            elif kind is bool and value in _FLAGS:
                row[k] = _FLAGS[value]
            else:
                return None
    return rows


class _GraphElement(Exception):
    """A compact value that is a node, relationship, path or other non-plain type."""


def _compact(cell: list) -> Any:
    """A plain Python value from one compact-format cell ``[type, value]`` of a FalkorDB reply: null, string,
    integer, boolean, double, array or map; raises ``_GraphElement`` for anything else.

    >>> _compact([6, [[2, "a"], [3, 1], [4, "true"], [5, "0.5"], [1, None], [6, [[2, "b"]]]]])
    ['a', 1, True, 0.5, None, ['b']]
    >>> _compact([10, ["k", [6, [[2, "v"]]], "n", [1, None]]])
    {'k': ['v'], 'n': None}
    """
    kind, value = cell
    if kind == 2 or kind == 3:  # string (decoded by redis-py), integer
        return value
    if kind == 6:  # a list, mostly of strings and integers: no call per item for those
        return [v if t == 2 or t == 3 else _scalar(t, v) for t, v in value]
    if kind == 10:
        return dict(zip(value[0::2], [v if t == 2 or t == 3 else _scalar(t, v) for t, v in value[1::2]]))
    return _scalar(kind, value)


def _scalar(kind: int, value: Any) -> Any:
    """``_compact`` of a cell of any other type than string and integer."""
    if kind == 2 or kind == 3:
        return value
    if kind == 1:
        return None
    if kind == 4:
        return value == "true"
    if kind == 5:
        return float(value)
    if kind == 6 or kind == 10:
        return _compact([kind, value])
    raise _GraphElement(kind)


def _element(value: Any) -> Any:
    """Like ``_plain``, but nodes, edges and paths as tagged dicts with their ids (``GraphStore.run_read_only``)."""
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path

    if isinstance(value, Node):
        return {"element": "node", "id": str(value.id), "labels": list(value.labels or []),
                "properties": _plain(dict(value.properties))}
    if isinstance(value, Edge):
        ends = [str(end.id if isinstance(end, Node) else end) for end in (value.src_node, value.dest_node)]
        return {"element": "relationship", "id": str(value.id), "type": value.relation, "start": ends[0],
                "end": ends[1], "properties": _plain(dict(value.properties))}
    if isinstance(value, Path):
        return {"element": "path", "nodes": [_element(n) for n in value.nodes()],
                "relationships": [_element(e) for e in value.edges()]}
    if isinstance(value, dict):
        return {k: _element(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_element(v) for v in value]
    return value


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
