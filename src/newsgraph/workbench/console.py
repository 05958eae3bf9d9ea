"""The Cypher console: the canned queries with their parameters, and ad-hoc Cypher, both run read-only; results
as a table and, when they hold nodes and relationships, as a graph. Every statement runs with a row cap the store
applies (``rowcap``): at most ``MAX_ROWS`` + 1 rows ever leave the store, whatever the statement matches."""

from __future__ import annotations

from typing import Any

from newsgraph.errors import BadQueryParameter
from newsgraph.graph.store import GraphStore
from newsgraph.queries import bind, get_query, list_queries
from newsgraph.queries.lookups import check_names, stored_spellings
from newsgraph.workbench.rowcap import cap_rows

#: Most rows a console result shows.
MAX_ROWS = 1000


def canned_queries() -> list[dict[str, Any]]:
    """The canned queries, each with its question, parameters (type, default, description) and example values."""
    return [{"name": q.name, "answers": q.answers, "text": q.text, "examples": q.examples,
             "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description,
                         "required": p.required} for p in q.params]}
            for q in list_queries()]


def run_canned(store: GraphStore, name: str, raw: dict[str, Any], *, timeout: float = 30.0) -> dict[str, Any]:
    """Run a canned query read-only with parameters given as strings (empty ones take their default), as
    ``newsgraph query`` runs it: an entity's name that matches none as given is tried again as the graph writes
    names, and a name that matches no entity, story or source (the query's lookups) is an error, not an empty
    answer.

    Raises:
        UnknownQuery: no canned query has the name.
        UnknownEntity: a parameter that names an entity matches none.
        BadQueryParameter: a parameter is missing, unknown or of the wrong type, or names no story or source.
        QueryRefused: the store refused the statement.
    """
    query = get_query(name)
    params = bind(query, {k: v for k, v in raw.items() if not (isinstance(v, str) and v.strip() == "")})
    text = query.neo4j_text if store.kind == "neo4j" else query.text
    reply = _capped_run(store, text, params, timeout)
    if not reply["rows"] and (stored := stored_spellings(query.lookups, params)) is not None:
        reply = _capped_run(store, text, stored, timeout)  # "Apple Inc." is stored as "Apple Inc"
    if not reply["rows"]:
        check_names(_ReadOnly(store, timeout), query.name, query.lookups, params)
    return reply


class _ReadOnly:
    """A store whose ``run`` runs read-only, for the name lookups of ``queries.lookups``: the workbench writes
    nothing."""

    def __init__(self, store: GraphStore, timeout: float) -> None:
        self.store, self.timeout = store, timeout

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.store.run_read_only(query, params or {}, timeout=self.timeout)


def run_cypher(store: GraphStore, text: str, params: Any = None, *, timeout: float = 30.0) -> dict[str, Any]:
    """Run ad-hoc Cypher read-only; a statement that writes is refused by the store.

    Raises:
        BadQueryParameter: the statement is empty or the parameters are not a JSON object.
        QueryRefused: the store refused the statement (it writes, or it is not valid Cypher).
    """
    if not isinstance(text, str) or not text.strip():
        raise BadQueryParameter("the Cypher statement is empty; write one, e.g. MATCH (e:Entity) RETURN e LIMIT 25")
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise BadQueryParameter(f"parameters must be a JSON object like {{\"name\": \"Putin\"}}, got {params!r}")
    return _capped_run(store, text, params, timeout)


def _capped_run(store: GraphStore, text: str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run ``text`` with the row cap; the reply names the statement the store ran."""
    capped = cap_rows(text, params, MAX_ROWS + 1)
    rows = store.run_read_only(capped.text, params, graph_elements=True, timeout=timeout)
    if capped.columns and rows and set(capped.columns) == set(rows[0]):  # RETURN * of a wrap orders by name
        rows = [{name: row[name] for name in capped.columns} for row in rows]
    return {**result(rows), "statement": capped.text}


def result(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Columns, the first ``MAX_ROWS`` rows (``truncated`` when there were more), and the nodes and relationships
    found anywhere in them.

    >>> r = result([{"n": {"element": "node", "id": "1", "labels": ["Entity"], "properties": {"name": "A"}},
    ...              "r": {"element": "relationship", "id": "9", "type": "T", "start": "1", "end": "2",
    ...                    "properties": {}}}])
    >>> r["columns"], sorted(n["id"] for n in r["graph"]["nodes"]), [e["id"] for e in r["graph"]["edges"]]
    (['n', 'r'], ['1', '2'], ['9'])
    """
    columns = list(dict.fromkeys(k for row in rows for k in row))
    nodes: dict[str, dict] = {}
    edges: dict[str, dict] = {}

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict) and value.get("element") == "node":
            props = value.get("properties") or {}
            nodes[value["id"]] = {"id": value["id"], "labels": value.get("labels") or [], "properties": props,
                                  "name": _caption(props, value.get("labels") or [])}
        elif isinstance(value, dict) and value.get("element") == "relationship":
            edges[value["id"]] = {"id": value["id"], "type": value["type"], "source": value["start"],
                                  "target": value["end"], "properties": value.get("properties") or {}}
        elif isinstance(value, dict) and value.get("element") == "path":
            walk(value.get("nodes"))
            walk(value.get("relationships"))
        elif isinstance(value, dict):
            walk(list(value.values()))

    shown = rows[:MAX_ROWS]
    walk(shown)
    for edge in edges.values():  # an end the result does not hold is drawn as a bare node
        for end in (edge["source"], edge["target"]):
            nodes.setdefault(end, {"id": end, "labels": [], "properties": {}, "name": f"#{end}"})
    return {"columns": columns, "rows": shown, "total": len(shown), "truncated": len(rows) > MAX_ROWS,
            "graph": {"nodes": list(nodes.values()), "edges": list(edges.values())}}


def _caption(props: dict[str, Any], labels: list[str]) -> str:
    for key in ("name", "title", "alias", "predicate", "id"):
        if props.get(key):
            return str(props[key])
    return ":" + ":".join(labels) if labels else "node"
