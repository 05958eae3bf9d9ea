"""Values out of FalkorDB's replies: the compact format's typed cells as plain Python values (``compact``,
``scalar``), typed columns of a plain reply (``typed_rows``), and the client library's nodes, relationships and
paths as plain or tagged dicts (``plain``, ``element``)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from newsgraph.graph.rows import nested

__all__ = ["GraphElement", "compact", "element", "node_keys", "plain", "scalar", "typed_rows"]

_FLAGS = {"true": True, "false": False}


def typed_rows(reply: list, types: Sequence[type]) -> list[list[Any]] | None:
    """The rows of a plain (not compact) FalkorDB reply, each column made its type: ``float`` from the text of a
    double, ``bool`` from ``true``/``false``; ``str`` and ``int`` as they come. None when a value is not what its
    column's type can be read back from (then the caller reads the compact reply). A ``str`` column is not
    checked (a list, double or flag in it would come as its text), nor text in a number column that reads as a
    number: neither is newsgraph's doing.

    >>> typed_rows([["a", "b", "c", "d"], [["x", 3, "0.5", "true"], [None, None, 2, None]], []],
    ...             [str, int, float, bool])
    [['x', 3, 0.5, True], [None, None, 2, None]]
    >>> typed_rows([["a"], [["[1, 2]"]], []], [float]) is None
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


class GraphElement(Exception):
    """A compact value that is a node, relationship, path or other non-plain type."""


def compact(cell: list) -> Any:
    """A plain Python value from one compact-format cell ``[type, value]`` of a FalkorDB reply: null, string,
    integer, boolean, double, array or map; raises ``GraphElement`` for anything else.

    >>> compact([6, [[2, "a"], [3, 1], [4, "true"], [5, "0.5"], [1, None], [6, [[2, "b"]]]]])
    ['a', 1, True, 0.5, None, ['b']]
    >>> compact([10, ["k", [6, [[2, "v"]]], "n", [1, None]]])
    {'k': ['v'], 'n': None}
    """
    kind, value = cell
    if kind == 2 or kind == 3:  # string (decoded by redis-py), integer
        return value
    if kind == 6:  # a list, mostly of strings and integers: no call per item for those
        return [v if t == 2 or t == 3 else scalar(t, v) for t, v in value]
    if kind == 10:
        return dict(zip(value[0::2], [v if t == 2 or t == 3 else scalar(t, v) for t, v in value[1::2]]))
    return scalar(kind, value)


def scalar(kind: int, value: Any) -> Any:
    """``compact`` of a cell of any other type than string and integer."""
    if kind == 2 or kind == 3:
        return value
    if kind == 1:
        return None
    if kind == 4:
        return value == "true"
    if kind == 5:
        return float(value)
    if kind == 6 or kind == 10:
        return compact([kind, value])
    raise GraphElement(kind)


def element(value: Any) -> Any:
    """Like ``plain``, but nodes, edges and paths as tagged dicts with their ids (``GraphStore.run_read_only``)."""
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path

    if isinstance(value, Node):
        return {"element": "node", "id": str(value.id), "labels": list(value.labels or []),
                "properties": plain(dict(value.properties))}
    if isinstance(value, Edge):
        ends = [str(end.id if isinstance(end, Node) else end) for end in (value.src_node, value.dest_node)]
        return {"element": "relationship", "id": str(value.id), "type": value.relation, "start": ends[0],
                "end": ends[1], "properties": plain(dict(value.properties))}
    if isinstance(value, Path):
        return {"element": "path", "nodes": [element(n) for n in value.nodes()],
                "relationships": [element(e) for e in value.edges()]}
    if isinstance(value, dict):
        return {k: element(v) for k, v in value.items()}
    if isinstance(value, list):
        return [element(v) for v in value]
    return value


def plain(value: Any, ends: Mapping[int, Any] | None = None) -> Any:
    """Turn FalkorDB's result values (OrderedDicts, nodes, relationships, paths) into plain dicts and lists: a node
    as its properties with ``labels``, a relationship as its properties with ``type``, ``start`` and ``end`` (the
    ``id`` property of its end nodes: from ``ends``, by internal id, or the node itself; else the internal id as
    text), a path as ``{"nodes": [...], "relationships": [...]}`` of those (not the client's text of it, which
    shows only ids). A date-time has no zone in FalkorDB (the client gives it as UTC): it comes without one.

    >>> from falkordb import Edge, Node, Path
    >>> a, b = Node(1, labels=["Entity"], properties={"id": "a"}), Node(2, labels=["Concept"], properties={})
    >>> path = plain(Path([a, b], [Edge(a, "AGREE_TO", b, 7, properties={"source_count": 2})]))
    >>> path["nodes"]
    [{'labels': ['Entity'], 'id': 'a'}, {'labels': ['Concept']}]
    >>> path["relationships"]
    [{'type': 'AGREE_TO', 'start': 'a', 'end': '2', 'source_count': 2}]
    >>> plain(Edge(1, "AGREE_TO", 2, 7), {1: "a", 2: "b"})
    {'type': 'AGREE_TO', 'start': 'a', 'end': 'b'}
    """
    if isinstance(value, dict):
        return {k: plain(v, ends) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, ends) for v in value]
    if hasattr(value, "properties") and hasattr(value, "labels"):
        return {"labels": list(value.labels or []), **plain(dict(value.properties), ends)}
    if hasattr(value, "properties") and hasattr(value, "relation"):
        return {"type": value.relation, "start": _end(value.src_node, ends), "end": _end(value.dest_node, ends),
                **plain(dict(value.properties), ends)}
    if callable(getattr(value, "nodes", None)) and callable(getattr(value, "edges", None)):  # a falkordb Path
        ends = {**(ends or {}), **node_keys(value.nodes())[0]}  # its edges' ends are its nodes
        return {"nodes": [plain(n, ends) for n in value.nodes()],
                "relationships": [plain(e, ends) for e in value.edges()]}
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def node_keys(values: Any) -> tuple[dict[int, Any], set[int]]:
    """The ``id`` property of each node in ``values`` by internal id (nodes without one left out), and the
    internal ids of the end nodes of its relationships, which ``plain`` names by that property.

    >>> from falkordb import Edge, Node
    >>> node_keys([[Node(1, properties={"id": "a"}), Edge(1, "T", 2, 7)]])
    ({1: 'a'}, {1, 2})
    """
    known: dict[int, Any] = {}
    wanted: set[int] = set()

    def inside(value: Any) -> list[Any] | None:
        if hasattr(value, "properties") and hasattr(value, "relation"):  # an edge: the end nodes it holds
            return [end for end in (value.src_node, value.dest_node) if hasattr(end, "labels")]
        if callable(getattr(value, "nodes", None)) and callable(getattr(value, "edges", None)):  # a path
            return [*value.nodes(), *value.edges()]
        return None

    for value in nested(values, inside):
        if hasattr(value, "properties") and hasattr(value, "labels"):
            if value.properties and value.properties.get("id") is not None:
                known[value.id] = value.properties["id"]
        elif hasattr(value, "properties") and hasattr(value, "relation"):
            wanted.update(end.id if hasattr(end, "labels") else end for end in (value.src_node, value.dest_node))
    return known, wanted


def _end(node: Any, ends: Mapping[int, Any] | None) -> Any:
    """A relationship's end node as ``plain`` names it."""
    if hasattr(node, "labels"):
        key = (node.properties or {}).get("id")
        return key if key is not None else str(node.id)
    key = (ends or {}).get(node)
    return key if key is not None else str(node)
