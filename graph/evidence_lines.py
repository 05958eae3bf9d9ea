"""The lines of evidence-jsonl made from the columns of the Evidence nodes, a column at a time.

``Evidence.row_from_properties`` and ``jsonl_line`` make one line from one node's properties: a dict of
properties, a dict for the row, the JSON encoder over it. For a whole graph (16,000 lines for ECB+) that is most of
an export's time in Python. ``evidence_lines`` makes the same lines from the store's rows as columns: each column
is completed (defaults, flags, texts) and encoded to JSON text with one call over the whole column (the standard
library's string encoder, ``int``/``float``'s own text), and each line is one ``%`` of a template that holds the
fixed keys. A column holding anything else than the common values (text, integers, finite numbers, flags, nulls)
is encoded value by value by the same JSON encoder as ``jsonl_line``, and so are the quantities of the rows that
have any. So every line is byte for byte the line ``jsonl_line`` writes for ``Evidence.row_from_properties`` of
its properties (a test compares them on any properties).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from newsgraph.records import Endpoint, EntityRef, evidence_row_fields

_NULL = "null"
_FLAG_TEXT = {True: "true", False: "false"}
_encode_text: Callable[[str], str] = json.encoder.encode_basestring  # the C encoder where Python has it


def evidence_lines(names: Sequence[str], rows: Sequence[Sequence[Any]],
                   nodes: Mapping[str, Mapping[str, Any]]) -> tuple[list[tuple], list[str]]:
    """An order key and the line (``jsonl_line``, its newline included) of the evidence of each row of ``rows``,
    whose columns are the Evidence node properties ``names`` (a property a node lacks is null; the quantity lists
    null or empty when it has none), the ends named from ``nodes`` (``node_names``). The keys sort the rows as
    ``evidence_order``'s keys do.

    >>> from newsgraph.records import Evidence
    >>> props = Evidence("v1", "r1", "a1", "Putin agreed.", 0, 13, Endpoint("Putin", 0, 5, "e1"), "agree",
    ...                  Endpoint("truce", 6, 11, "concept:truce")).to_properties()
    >>> nodes = {"e1": {"name": "Putin", "kind": "Entity", "type": "Person"}}
    >>> keys, lines = evidence_lines(list(props), [list(props.values())], nodes)
    >>> from newsgraph.graph.jsonl_export import jsonl_line
    >>> lines == [jsonl_line(Evidence.row_from_properties(props, nodes))], keys
    (True, [('a1', 0, 0, 6, 'agree', 'r1', 'v1')])
    """
    width = len(rows)
    columns = dict(zip(names, (list(column) for column in zip(*rows)))) if rows else {}
    absent: list[Any] = [None] * width

    def column(name: str) -> list[Any]:
        return columns.get(name, absent)

    values: dict[str, list[Any]] = {}  # each field of the row, as row_from_properties has it
    encoded: list[list[str]] = []  # the columns of the template, in its order
    for name, kind, default in evidence_row_fields():
        if kind == "end":
            ends = _end_columns(column(f"{name}_text"), column(f"{name}_start"), column(f"{name}_end"),
                                column(f"{name}_id"), nodes)
            values[f"{name}.start"] = ends[1]
            encoded += map(_json_column, ends)
        elif kind == "speaker":
            encoded.append(_speaker_column(column(name), column(f"{name}_name")))
        elif kind == "quantities":
            encoded.append(_quantities_column(column))
        else:
            values[name] = field = _field_column(column(name), kind, default)
            encoded.append(_json_column(field))
    lines = list(map(_template().__mod__, zip(*encoded))) if width else []
    keys = list(zip(*(_key_column(values[name]) for name in ("source", "sentence_start", "subject.start",
                                                              "object.start", "predicate", "edge_id", "id"))))
    return keys, lines


def _field_column(raw: list[Any], kind: str, default: Any) -> list[Any]:
    """A scalar field's values as a row has them: a missing value its default, a flag a boolean, a text ``""`` for
    a null (``nullable-text``: null for ``""``)."""
    column = [default if value is None else value for value in raw] if None in raw else raw
    if kind == "flag":
        return list(map(bool, column))
    if kind == "text" or kind == "nullable-text":
        column = [value or "" for value in column]
        return [value or None for value in column] if kind == "nullable-text" else column
    return column


def _end_columns(texts: list[Any], starts: list[Any], ends: list[Any], ids: list[Any],
                 nodes: Mapping[str, Mapping[str, Any]]) -> tuple[list[Any], ...]:
    """An end's ``text``, ``start``, ``end``, ``entity_id``, ``name`` and ``type``, as ``Endpoint.to_row`` of the end
    named from its node (``Endpoint.named``) gives them."""
    found = [nodes[node_id] if node_id in nodes else {} for node_id in ids]
    names = [data.get("name") for data in found]
    types = [data.get("type", "Concept" if data.get("kind") == "Concept" else None) for data in found]
    return texts, starts, ends, ids, names, types


def _speaker_column(ids: list[Any], names: list[Any]) -> list[str]:
    """The JSON of a speaker field: ``{"entity_id", "name"}`` where the node has an id, else null."""
    layout = _speaker_template()
    return [layout % (_json_value(node_id), _json_value(name)) if node_id else _NULL
            for node_id, name in zip(ids, names)]


def _quantities_column(column: Callable[[str], list[Any]]) -> list[str]:
    """The JSON of the quantities of each row: ``[]`` where ``quantity_kinds`` is empty, else the records of the
    quantity lists (``quantity_records``, as ``Evidence.from_properties`` reads them)."""
    from newsgraph.graph.quantity_columns import quantity_columns, quantity_records

    names = list(quantity_columns([]))
    lists = [column(name) for name in names]
    return ["[]" if not kinds else _json_value(quantity_records(dict(zip(names, (c[k] for c in lists)))))
            for k, kinds in enumerate(lists[0])]


def _json_column(values: list[Any]) -> list[str]:
    """Each value as JSON text, as the JSON encoder of ``jsonl_line`` writes it inside a line.

    >>> _json_column(["Київ", None]), _json_column([3, -1]), _json_column([0.7, 1.0]), _json_column([True, False])
    (['"Київ"', 'null'], ['3', '-1'], ['0.7', '1.0'], ['true', 'false'])
    >>> _json_column([float("nan"), [1, "a"], 2])
    ['NaN', '[1, "a"]', '2']
    """
    kinds = set(map(type, values))
    if kinds <= {str}:
        return list(map(_encode_text, values))
    if kinds <= {str, type(None)}:
        return [_NULL if value is None else _encode_text(value) for value in values]
    if kinds <= {bool}:
        return list(map(_FLAG_TEXT.__getitem__, values))
    if kinds <= {int}:
        return list(map(int.__repr__, values))
    if kinds <= {int, type(None)}:
        return [_NULL if value is None else int.__repr__(value) for value in values]
    if kinds <= {float} and all(map(math.isfinite, values)):
        return list(map(float.__repr__, values))
    return list(map(_json_value, values))


def _json_value(value: Any) -> str:
    """One value as JSON text, by the encoder of ``jsonl_line``."""
    if type(value) is str:
        return _encode_text(value)
    return _late_encoder()(value)


def _key_column(values: list[Any]) -> list[Any]:
    """A column of ``evidence_order``'s key: ``(is None, value or "")`` pairs where the column has a null; else the
    values themselves, which sort as those pairs would (every pair would start with False)."""
    if None not in values:
        return values
    return [(value is None, "" if value is None else value) for value in values]


@cache
def _template() -> str:
    """The line with a ``%s`` for each value: the row's keys in order, an end as an object of its own keys."""
    end_keys = list(_end_row_keys())
    parts = []
    for name, kind, _ in evidence_row_fields():
        key = _encode_text(name).replace("%", "%%")
        if kind == "end":
            inner = ", ".join(f"{_encode_text(k).replace('%', '%%')}: %s" for k in end_keys)
            parts.append(f"{key}: {{{inner}}}")
        else:
            parts.append(f"{key}: %s")
    return "{" + ", ".join(parts) + "}\n"


@cache
def _speaker_template() -> str:
    keys = list(EntityRef("", "").to_row())
    return "{" + ", ".join(f"{_encode_text(k).replace('%', '%%')}: %s" for k in keys) + "}"


def _end_row_keys() -> tuple[str, ...]:
    """The keys of an end's object, which ``_end_columns`` gives in this order."""
    keys = tuple(Endpoint("", 0, 0, "").to_row())
    if keys != ("text", "start", "end", "entity_id", "name", "type"):
        raise RuntimeError(f"evidence_lines does not know the end layout {keys}")
    return keys


@cache
def _late_encoder() -> Callable[[Any], str]:
    from newsgraph.graph.jsonl_export import jsonl_line

    return lambda value: jsonl_line(value)[:-1]
