"""Load a CSV set in neo4j-admin's import format into FalkorDB with its own ``LOAD CSV``: a real importer reads
the files (quoting, fields over several lines, UTF-8); these statements give the columns neo4j-admin's meaning.

neo4j-admin's rules, as documented for ``neo4j-admin database import full``: the header names each column
``name:type``; ``:ID`` is the import id (not stored when it has no name), ``:LABEL`` the labels and ``:TYPE`` the
relationship type (several separated by the array delimiter), ``:START_ID``/``:END_ID`` the ends of a
relationship; ``long``/``int``, ``double``/``float``, ``boolean`` and ``string`` are the scalar types, ``<type>[]``
an array split on the array delimiter; an empty field sets no property. FalkorDB's LOAD CSV also drops a quoted
empty field, so an empty string comes back as no property here (neo4j-admin keeps it).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

_CONVERT = {"string": "{}", "long": "toInteger({})", "int": "toInteger({})", "double": "toFloat({})",
            "float": "toFloat({})", "boolean": "(toLower({}) = 'true')"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SAFE = re.compile(r"^[A-Z][A-Za-z0-9_]*$")
_MARK = "ImportNode"  # a temporary label on every imported node, with its import id, indexed


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def _assignments(header: list[str], variable: str) -> str:
    parts = []
    for column in header:
        name, _, kind = column.rpartition(":")
        if not name or kind in {"ID", "LABEL", "TYPE", "START_ID", "END_ID", "IGNORE"}:
            continue
        if not _NAME.match(name):
            raise ValueError(f"column {column!r}: not a property name")
        field = f"row[{_literal(column)}]"
        if kind.endswith("[]"):
            convert = _CONVERT[kind[:-2]].format("x")
            value = f"CASE WHEN {field} IS NULL THEN NULL ELSE [x IN split({field}, $delimiter) | {convert}] END"
        else:
            value = _CONVERT[kind or "string"].format(field)
        parts.append(f"{variable}.`{name}` = {value}")
    return ", ".join(parts)


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _safe(names: str, delimiter: str) -> list[str]:
    parts = names.split(delimiter)
    if not all(_SAFE.match(p) for p in parts):
        raise ValueError(f"unsafe label or type {names!r}")
    return parts


def load(graph, folder: Path, uri_prefix: str, *, delimiter: str) -> None:
    """Import ``folder``'s ``nodes.csv`` and ``relationships.csv`` into the FalkorDB ``graph`` (a falkordb Graph),
    the files read by the server as ``uri_prefix + name``."""
    nodes, relationships = folder / "nodes.csv", folder / "relationships.csv"
    node_header, rel_header = _header(nodes), _header(relationships)
    id_column = next(c for c in node_header if c.rpartition(":")[2] == "ID")
    label_column = next(c for c in node_header if c.rpartition(":")[2] == "LABEL")
    start = next(c for c in rel_header if c.rpartition(":")[2] == "START_ID")
    end = next(c for c in rel_header if c.rpartition(":")[2] == "END_ID")
    type_column = next(c for c in rel_header if c.rpartition(":")[2] == "TYPE")
    params = {"file": uri_prefix + nodes.name, "delimiter": delimiter}
    label_sets = [r[0] for r in graph.query(f"LOAD CSV WITH HEADERS FROM $file AS row "
                                            f"RETURN DISTINCT row[{_literal(label_column)}]", params).result_set]
    graph.query(f"CREATE INDEX FOR (n:{_MARK}) ON (n.import_id)")
    for labels in label_sets:
        names = ":".join(_safe(labels, delimiter))
        graph.query(f"LOAD CSV WITH HEADERS FROM $file AS row WITH row WHERE row[{_literal(label_column)}] = $labels "
                    f"CREATE (n:{_MARK}:{names}) SET n.import_id = row[{_literal(id_column)}], "
                    f"{_assignments(node_header, 'n')}", {**params, "labels": labels})
    params["file"] = uri_prefix + relationships.name
    types = [r[0] for r in graph.query(f"LOAD CSV WITH HEADERS FROM $file AS row "
                                       f"RETURN DISTINCT row[{_literal(type_column)}]", params).result_set]
    sets = _assignments(rel_header, "r")
    for rel_type in types:
        (name,) = _safe(rel_type, "\0")
        graph.query(f"LOAD CSV WITH HEADERS FROM $file AS row WITH row WHERE row[{_literal(type_column)}] = $type "
                    f"MATCH (a:{_MARK} {{import_id: row[{_literal(start)}]}}) "
                    f"MATCH (b:{_MARK} {{import_id: row[{_literal(end)}]}}) "
                    f"CREATE (a)-[r:{name}]->(b)" + (f" SET {sets}" if sets else ""), {**params, "type": rel_type})
    graph.query(f"MATCH (n:{_MARK}) REMOVE n:{_MARK}, n.import_id")
    graph.query(f"DROP INDEX ON :{_MARK}(import_id)")
