"""Statements fitted to a Bolt server that splices parameters into the query text (FalkorDB's Bolt port: about
4 KB of query text and parameters together at most, past which it aborts; see ``neo4j_store``): strings escaped,
an UNWIND list cut into pieces, a source's text and a large report's properties sent in pieces."""

from __future__ import annotations

import re
from typing import Any

from newsgraph.errors import StoreUnavailable
from newsgraph.graph import cypher
from newsgraph.graph.neo4j_wire import _cut, _escaped, _statement, _text_size

PARAM_BUDGET = 3400  # bytes of spliced parameter text per statement; FalkorDB 4.16 aborts at about 4,080
SPLICED_BUDGET = 3900  # bytes of query text and spliced parameters together: the 4,080 holds for both
PROPS_PIECE = 1500  # bytes of spliced text of one relationship's properties per row
TEXT_PIECE = 600  # characters of a source's text per row spliced: 2,400 bytes of UTF-8 at most, escaped 1,200
_UNWOUND = re.compile(r"^\s*UNWIND \$(\w+) AS ")
_UNION_READS = frozenset({cypher.NODES_BY_ID, cypher.NEIGHBOURS, cypher.MENTIONS_OF, cypher.EVIDENCE_OF,
                          cypher.RESOLUTIONS_OF})


def parameter_sets(query: str, params: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    """The parameters to send for one statement to the server at ``uri``: strings escaped, and the list the
    statement UNWINDs (or a read that is a union over its list) cut into pieces of at most ``PARAM_BUDGET`` bytes
    of text, less where the statement's own text is long (the server's limit holds for the two together:
    ``SPLICED_BUDGET``).

    Raises:
        StoreUnavailable: the parameters are too large for such a server and cannot be cut.

    >>> parameter_sets("UNWIND $rows AS row RETURN row", {"rows": ["it's"]}, "bolt://x")
    [{'rows': ["it\\\\'s"]}]
    """
    params = _escaped(params)
    budget = min(PARAM_BUDGET, SPLICED_BUDGET - len(query.encode()))
    if _text_size(params) <= budget:
        return [params]
    unwound = _UNWOUND.match(query)
    key = unwound[1] if unwound else next((k for k, v in params.items() if isinstance(v, list)), "")
    if (unwound or query in _UNION_READS) and isinstance(params.get(key), list):
        parts = _cut(params[key], budget - _text_size({k: v for k, v in params.items() if k != key}) - len(key) - 4)
        if parts is not None:
            return [{**params, key: part} for part in parts]
    raise StoreUnavailable(f"the Bolt server at {uri} cannot take the parameters of {_statement(query)}: it writes "
                           "them into the query text, and FalkorDB aborts past about 4 KB of them; use the embedded "
                           "store (--store falkordb) instead")


def props_in_pieces(statements: list[tuple[str, dict[str, Any]]], setting: str, adding: str,
                    budget: int) -> list[tuple[str, dict[str, Any]]]:
    """``statements`` with each row of a ``setting`` statement (one that sets a relationship's properties from
    ``row.props``) whose properties take more than ``budget`` bytes of spliced text cut by keys: the row keeps the
    first keys, and ``adding`` statements (``SET r += row.props``) right after it carry the others, so that every
    row fits a server that splices parameters into the query text. A property larger than ``budget`` alone stays a
    piece of its own (the statement is then refused by size, as before).

    >>> rows = [{"id": "a", "props": {"x": "1" * 10, "y": "2" * 10, "z": "3"}}, {"id": "b", "props": {"x": "4"}}]
    >>> for query, params in props_in_pieces([("SET", {"rows": rows})], "SET", "ADD", 20):
    ...     print(query, params["rows"])
    SET [{'id': 'a', 'props': {'x': '1111111111'}}, {'id': 'b', 'props': {'x': '4'}}]
    ADD [{'id': 'a', 'props': {'y': '2222222222'}}, {'id': 'a', 'props': {'z': '3'}}]
    """
    out: list[tuple[str, dict[str, Any]]] = []
    for query, params in statements:
        if query != setting or not any(_text_size(row["props"]) > budget for row in params["rows"]):
            out.append((query, params))
            continue
        firsts: list[dict[str, Any]] = []
        later: list[dict[str, Any]] = []
        for row in params["rows"]:
            pieces: list[dict[str, Any]] = [{}]
            for key, value in row["props"].items():
                if pieces[-1] and _text_size({**pieces[-1], key: value}) > budget:
                    pieces.append({})
                pieces[-1][key] = value
            firsts.append({**row, "props": pieces[0]})
            later.extend({**row, "props": piece} for piece in pieces[1:])
        out.append((query, {**params, "rows": firsts}))
        out.append((adding, {**params, "rows": later}))
    return out


def text_in_pieces(statements: list[tuple[str, dict[str, Any]]], setting: str, adding: str,
                   size: int) -> list[tuple[str, dict[str, Any]]]:
    """``statements`` with the ``text`` of each row of a ``setting`` statement cut to its first ``size``
    characters, and ``adding`` statements (``SET s.text = s.text + row.text``) right after it carrying the rest,
    ``size`` characters a row, in order.

    >>> rows = [{"id": "a", "text": "abcde"}, {"id": "b", "text": "xy"}, {"id": "c", "text": None}]
    >>> for query, params in text_in_pieces([("SET", {"rows": rows})], "SET", "ADD", 2):
    ...     print(query, params["rows"])
    SET [{'id': 'a', 'text': 'ab'}, {'id': 'b', 'text': 'xy'}, {'id': 'c', 'text': None}]
    ADD [{'id': 'a', 'text': 'cd'}]
    ADD [{'id': 'a', 'text': 'e'}]
    """
    out: list[tuple[str, dict[str, Any]]] = []
    for query, params in statements:
        rows = params.get("rows") if query == setting else None
        longest = max((len(row.get("text") or "") for row in rows or ()), default=0)
        if longest <= size:
            out.append((query, params))
            continue
        assert rows is not None
        out.append((query, {**params, "rows": [{**row, "text": row["text"] and row["text"][:size]} for row in rows]}))
        out.extend((adding, {"rows": [{"id": row["id"], "text": row["text"][start:start + size]} for row in rows
                                      if len(row.get("text") or "") > start]})
                   for start in range(size, longest, size))
    return out
