"""What crosses the wire between ``Neo4jStore`` and a Bolt server, as plain functions: parameters escaped and cut
into pieces for a server that splices them into the query text (FalkorDB's Bolt port; see ``neo4j_store``), the
driver's values turned into plain ones, and the driver's errors into one line or the error to raise."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError

from newsgraph.errors import BadCypher, WriteRefused
from newsgraph.graph.rows import nested


def read_only_refusal(code: str, message: str) -> BadCypher | None:
    """The error to raise for an ad-hoc read that failed with Neo4j status ``code``: WriteRefused for a write Neo4j
    refused in a read transaction (its access-mode codes; a follower in a cluster says NotALeader), BadCypher for a
    rejected statement, None for anything else (the server's fault, not the statement's).

    >>> type(read_only_refusal("Neo.ClientError.Statement.AccessMode", "Writing in read access mode not allowed"))
    <class 'newsgraph.errors.WriteRefused'>
    >>> type(read_only_refusal("Neo.ClientError.Statement.SyntaxError", "Invalid input")).__name__
    'BadCypher'
    """
    if code.endswith((".AccessMode", ".NotALeader", ".ForbiddenOnReadOnlyDatabase")) or \
            "ForbiddenDueToTransactionType" in code:
        return WriteRefused(f"refused: the statement would change the graph ({code}: {message}); "
                            "newsgraph cypher only reads")
    if code.startswith(("Neo.ClientError.Statement.", "Neo.ClientError.Procedure.", "Neo.ClientError.Schema.")):
        return BadCypher(f"Neo4j rejected the statement: {code}: {message}")
    return None


def _statement(query: str) -> str:
    """A statement's text, on one line and short, to name it in a message."""
    text = " ".join(query.split())
    return f"`{text[:90]}{'…' if len(text) > 90 else ''}`"


def _escaped(value: Any) -> Any:
    """``value`` with every string escaped for a server that puts it between single quotes as it is (FalkorDB)."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    return value


def _cut(items: list, budget: int) -> list[list] | None:
    """``items`` in consecutive pieces of at most ``budget`` bytes of text each; None if one item is larger.

    >>> _cut(["a", "b", "c"], 10)
    [['a', 'b'], ['c']]
    """
    parts: list[list] = [[]]
    size = 0
    for item in items:
        item_size = _text_size(item) + 2
        if item_size > budget:
            return None
        if parts[-1] and size + item_size > budget:
            parts.append([])
            size = 0
        parts[-1].append(item)
        size += item_size
    return parts


def _text_size(value: Any) -> int:
    """At least the number of bytes FalkorDB writes for ``value`` when it splices it into a query.

    >>> _text_size({"rows": [{"id": "a"}]})
    25
    """
    if isinstance(value, str):
        return len(value.encode()) + 2
    if isinstance(value, float):
        return 32  # "%f": six decimals after up to 308 digits; 32 covers every value newsgraph writes
    if isinstance(value, (bool, int)) or value is None:
        return max(5, len(str(value)))
    if isinstance(value, dict):
        return 2 + sum(len(str(k)) + 4 + _text_size(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return 2 + sum(_text_size(v) + 2 for v in value)
    return len(str(value).encode()) + 2


def _element(value: Any) -> Any:
    """Like ``_plain``, but nodes, relationships and paths as tagged dicts with their element ids."""
    if isinstance(value, neo4j.graph.Node):
        return {"element": "node", "id": value.element_id, "labels": sorted(value.labels),
                "properties": {k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        start, end = value.start_node, value.end_node
        return {"element": "relationship", "id": value.element_id, "type": value.type,
                "start": start.element_id if start is not None else None,
                "end": end.element_id if end is not None else None,
                "properties": {k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return {"element": "path", "nodes": [_element(n) for n in value.nodes],
                "relationships": [_element(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: _element(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_element(v) for v in value]
    return value


def _plain(value: Any, ends: Mapping[str, Any] | None = None) -> Any:
    """Turn driver values into plain dicts and lists: a node as its properties with ``labels``, a relationship as
    its properties with ``type``, ``start`` and ``end`` (the ``id`` property of its end nodes, from the node or else
    from ``ends`` by element id; else the element id), a path as ``{"nodes": [...], "relationships": [...]}`` of
    those (as ``falkor_replies.plain``)."""
    if isinstance(value, dict):
        return {k: _plain(v, ends) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, ends) for v in value]
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: _plain(v, ends) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "start": _end(value.start_node, ends), "end": _end(value.end_node, ends),
                **{k: _plain(v, ends) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n, ends) for n in value.nodes],
                "relationships": [_plain(r, ends) for r in value.relationships]}
    return value


def _end(node: neo4j.graph.Node | None, ends: Mapping[str, Any] | None) -> Any:
    """A relationship's end node as ``_plain`` names it."""
    if node is None:
        return None
    key = node.get("id")
    if key is None:
        key = (ends or {}).get(node.element_id)
    return key if key is not None else node.element_id


def _unnamed_ends(values: Any) -> list[str]:
    """The element ids of the end nodes of relationships in ``values`` that hold no ``id`` property as the driver
    gave them (a relationship returned without its nodes comes with their element ids only)."""
    found: dict[str, None] = {}

    def paths(value: Any) -> Any:
        return value.relationships if isinstance(value, neo4j.graph.Path) else None

    for value in nested(values, paths):
        if isinstance(value, neo4j.graph.Relationship):
            for end in (value.start_node, value.end_node):
                if end is not None and end.get("id") is None:
                    found[end.element_id] = None
    return list(found)


def _one_line(exc: BaseException) -> str:
    """The error's own message (not the driver's decorated ``str``), on one line, at most 300 characters."""
    text = getattr(exc, "message", None) if isinstance(exc, Neo4jError) else None
    return " ".join(str(text or exc or type(exc).__name__).split())[:300]

