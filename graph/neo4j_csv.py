"""The provenance graph as a CSV set that ``neo4j-admin database import full`` takes as it is.

Two files, each with a header in neo4j-admin's ``name:type`` format:

* ``nodes.csv`` — ``:ID``, ``:LABEL`` and one column per property. Every node of the graph, whatever its
  ``kind`` (the first label; an Entity also gets its ``type`` as a second label), the ``Evidence`` nodes of the
  relations' evidence and the ``Resolution`` nodes of the merge log (``graph.graph["merges"]``). The import id is
  ``<kind>:<id>`` (ids are unique per label, not across labels) and is not stored; ``id`` is a property as in the
  stores.
* ``relationships.csv`` — ``:START_ID``, ``:END_ID``, ``:TYPE`` and the properties. Every edge of the graph with its
  ``type`` (the key when it has none), a relation's evidence linked as the store links it (``IN_SOURCE``,
  ``ATTRIBUTED_TO``, ``ON_BEHALF_OF``) and ``RESOLVES_TO`` for the merge log. A relationship whose end is not in
  the export (a subgraph) is left out, so that the import needs no ``--skip-bad-relationships``.

Properties are the node and edge attributes with plain values: strings, ``long``, ``double``, ``boolean`` and
arrays of them. Nested spans (an edge's ``mentions``) become parallel arrays as the stores keep them (``starts``,
``ends``, ``texts``; flags keep their name; a REPORTS mention's speaker and principal as ``<field>_ids`` and
``<field>_names``, "" for none; the mentions' quantities as the ``quantity_*`` arrays); other nested values are
JSON text in ``<name>_json``. Array elements are separated by ``ARRAY_DELIMITER`` (U+001F, which text does not
contain; a stray one becomes a space), so names with ``;`` survive. Strings are always quoted, an absent value never
is: neo4j-admin stores ``""`` as an empty string and leaves the property off for an empty field (also for an empty
array). Fields may span lines (sentences do), hence ``--multiline-fields=true`` in ``IMPORT_COMMAND``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsgraph.graph.cypher import label
from newsgraph.graph.quantity_columns import report_extras
from newsgraph.graph.reports import report_properties as _report_properties
from newsgraph.graph.store import _evidence_row, _resolution_row

if TYPE_CHECKING:
    import networkx as nx

ARRAY_DELIMITER = "\x1f"
IMPORT_COMMAND = ("neo4j-admin database import full neo4j --nodes=import/nodes.csv "
                  "--relationships=import/relationships.csv --array-delimiter=U+001F --multiline-fields=true")

#: How the store links an Evidence node: relationship type → the Evidence property holding the target id, and the
#: target's kind.
EVIDENCE_LINKS = (("IN_SOURCE", "source", "Source"), ("ATTRIBUTED_TO", "attributed_to", "Entity"),
                  ("ON_BEHALF_OF", "on_behalf_of", "Entity"), ("OF_EVENT", "event_id", "Event"))
_NESTED_SPANS = "mentions"
_NOT_PROPERTIES = {"kind", "labels"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Row = tuple[tuple[str, ...], dict[str, Any]]  # the special columns, the properties


def csv_files(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """Render ``graph`` as ``nodes.csv`` and ``relationships.csv`` for neo4j-admin (see the module notes).

    Args:
        graph: A newsgraph MultiDiGraph (``build_graph`` or ``GraphStore.read_graph``).

    Returns:
        File name → content (UTF-8), rows in a stable order.

    Raises:
        ValueError: A node kind or entity type is not a safe label.
    """
    return csv_tables(graph)[0]


def csv_tables(graph: nx.MultiDiGraph) -> tuple[dict[str, bytes], dict[str, int]]:
    """``csv_files(graph)`` and how many rows (records, the header not counted) each file holds: the nodes and
    relationships an import makes, Evidence and Resolution nodes and their links included."""
    nodes = list(_node_rows(graph))
    present = {row[0][0] for row in nodes}
    relationships = [row for row in _relationship_rows(graph) if row[0][0] in present and row[0][1] in present]
    files = {"nodes.csv": _table((":ID", ":LABEL"), sorted(nodes, key=lambda r: r[0])),
             "relationships.csv": _table((":START_ID", ":END_ID", ":TYPE"),
                                         sorted(relationships, key=lambda r: (r[0][2], r[0][0], r[0][1],
                                                                              str(r[1].get("id", "")))))}
    return files, {"nodes.csv": len(nodes), "relationships.csv": len(relationships)}


def csv_zip(files: dict[str, bytes]) -> bytes:
    """``files`` (``csv_files``) as one zip archive, byte for byte the same for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: byte-identical archives
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def _import_id(graph: nx.MultiDiGraph, node: Any) -> str:
    return f"{graph.nodes[node].get('kind') or 'Node'}:{node}"


def _node_rows(graph: nx.MultiDiGraph) -> Iterator[Row]:
    for node, data in graph.nodes(data=True):
        kind = data.get("kind") or "Node"
        labels = [kind, *([data["type"]] if kind == "Entity" and data.get("type") else []), *(data.get("labels") or ())]
        props = {"id": str(node), **{k: v for k, v in data.items() if k not in _NOT_PROPERTIES}}
        yield (f"{kind}:{node}", ARRAY_DELIMITER.join(label(x) for x in dict.fromkeys(labels))), props
    seen: set[str] = set()
    for record in _evidence(graph):
        flat = _evidence_row(record)
        if flat["id"] not in seen:
            seen.add(flat["id"])
            yield (f"Evidence:{flat['id']}", "Evidence"), flat
    for merge in graph.graph.get("merges") or ():
        row = _resolution_row(merge)
        yield (f"Resolution:{row['id']}", "Resolution"), {k: v for k, v in row.items() if k != "entity_id"}


def _relationship_rows(graph: nx.MultiDiGraph) -> Iterator[Row]:
    for u, v, key, data in graph.edges(keys=True, data=True):
        props = {k: value for k, value in data.items() if k not in {"type", "evidence", _NESTED_SPANS}}
        spans = data.get(_NESTED_SPANS)
        if str(data.get("type") or key) == "REPORTS" and isinstance(spans, list):
            props.update(_report_properties(spans))
        else:
            props.update(_span_columns(spans))
        yield (_import_id(graph, u), _import_id(graph, v), label(str(data.get("type") or key))), props
    for record in _evidence(graph):
        flat = _evidence_row(record)
        for rel_type, prop, kind in EVIDENCE_LINKS:
            if flat.get(prop) is not None:
                yield (f"Evidence:{flat['id']}", f"{kind}:{flat[prop]}", rel_type), {}
    for merge in graph.graph.get("merges") or ():
        row = _resolution_row(merge)
        yield (f"Resolution:{row['id']}", f"Entity:{row['entity_id']}", "RESOLVES_TO"), {}


def _evidence(graph: nx.MultiDiGraph) -> Iterator[dict]:
    for *_, data in graph.edges(data=True):
        evidence = data.get("evidence")
        if isinstance(evidence, list):
            yield from (e for e in evidence if isinstance(e, dict))


def _span_columns(spans: Any) -> dict[str, Any]:
    """Spans (dicts) as parallel arrays, as the stores keep them: a field's plural, a flag under its own name;
    ``source`` is left out (it is the relationship's start node).

    >>> _span_columns([{"source": "a", "start": 0, "text": "Putin", "negated": False}])
    {'starts': [0], 'texts': ['Putin'], 'negated': [False]}
    """
    if not isinstance(spans, list) or not all(isinstance(s, dict) for s in spans):
        return {} if spans is None else {_NESTED_SPANS: spans}
    fields = [f for f in dict.fromkeys(k for s in spans for k in s) if f not in {"source", "quantities", "sentence"}]
    columns: dict[str, Any] = {}
    if any("quantities" in s or "sentence" in s for s in spans):  # kept as the store keeps them
        columns.update(report_extras(spans))
    for field in fields:
        values = [s.get(field) for s in spans]
        flag = all(isinstance(x, bool) for x in values if x is not None)
        columns[field if flag and any(x is not None for x in values) else f"{field}s"] = values
    return columns


# --- rendering -------------------------------------------------------------------------------------------------------
def _table(special: tuple[str, ...], rows: list[Row]) -> bytes:
    columns: dict[str, list] = {}
    for _, props in rows:
        for name, value in props.items():
            columns.setdefault(name, []).append(value)
    types = {name: _column_type(values) for name, values in columns.items()}
    names = sorted(columns)
    header = [*special, *(f"{_property_name(n, types[n])}:{types[n]}" for n in names)]
    lines = [",".join(header)]
    for fixed, props in rows:
        lines.append(",".join([*(_quote(x) for x in fixed), *(_field(props.get(n), types[n]) for n in names)]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _property_name(name: str, column_type: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"property name {name!r} cannot be a CSV column; use letters, digits and _")
    return f"{name}_json" if column_type == "json" else name


def _scalar_type(values: Iterable[Any]) -> str | None:
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return None
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    if all(k in (str, int, float, bool) for k in kinds):
        return "string"
    return "json"


def _column_type(values: list[Any]) -> str:
    """The neo4j-admin type of a column from its values; ``json`` for nested values (written as JSON text).

    >>> _column_type([1, 2.5]), _column_type([["a"], []]), _column_type([True, None]), _column_type([{"a": 1}])
    ('double', 'string[]', 'boolean', 'json')
    """
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, (list, tuple)) for v in present):
        inner = _scalar_type(x for v in present for x in v)
        return "json" if inner == "json" else f"{inner or 'string'}[]"
    if any(isinstance(v, (list, tuple, dict, set, frozenset)) for v in present):
        return "json"
    return _scalar_type(present) or "string"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _number(value: float | int) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return repr(value) if isinstance(value, float) else str(int(value))


def _element(value: Any, element_type: str) -> str:
    if element_type == "boolean":
        return "true" if value else "false"
    if element_type in {"long", "double"}:
        return _number(float(value) if element_type == "double" else value)
    return str(value)


def _field(value: Any, column_type: str) -> str:
    '''One CSV field: empty (unquoted) for no value, strings quoted, arrays joined by ``ARRAY_DELIMITER``.

    >>> _field(None, "string"), _field("", "string"), _field('say "no"', "string"), _field(3, "double")
    ('', '""', '"say ""no"""', '3.0')
    >>> _field(["a;b", "c"], "string[]") == '"a;b' + ARRAY_DELIMITER + 'c"'
    True
    '''
    if value is None or (isinstance(value, (list, tuple)) and not value and column_type.endswith("[]")):
        return ""
    if column_type == "json":
        return _quote(json.dumps(value, ensure_ascii=False, sort_keys=True, default=json_default))
    if column_type.endswith("[]"):
        element_type = column_type[:-2]
        parts = [_element(x, element_type).replace(ARRAY_DELIMITER, " ") for x in value if x is not None]
        return _quote(ARRAY_DELIMITER.join(parts)) if element_type == "string" else ARRAY_DELIMITER.join(parts)
    if column_type == "string":
        return _quote(value if isinstance(value, str) else str(value))
    return _element(value, column_type)


def json_default(value: Any) -> Any:
    """How the exports write what JSON has no type for: a dataclass as its fields, a set sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"cannot export a value of type {type(value).__name__}: {value!r}")
