"""Quantities and sentences as the store keeps them: parallel list properties, since a property holds no map.

Shared by the store writers and readers (``newsgraph.graph.store``) and the neo4j-admin CSV export
(``newsgraph.graph.neo4j_csv``), so that the three agree on the columns.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.model import QUANTITY_FIELDS


def quantity_columns(quantities: Iterable[dict]) -> dict[str, list]:
    """Quantity records as the parallel list properties the store keeps: a field's plural after ``quantity_``,
    the flag under its own name.

    >>> quantity_columns([{"kind": "duration", "value": "PT2H", "unit": "", "text": "two-hour", "approximate": False}])
    {'quantity_kinds': ['duration'], 'quantity_values': ['PT2H'], 'quantity_units': [''], \
'quantity_texts': ['two-hour'], 'quantity_approximate': [False]}
    """
    found = list(quantities)
    return {_QUANTITY_COLUMNS[name]: [q.get(name, False if name == "approximate" else "") for q in found]
            for name in QUANTITY_FIELDS}


_QUANTITY_COLUMNS = {name: "quantity_approximate" if name == "approximate" else f"quantity_{name}s"
                     for name in QUANTITY_FIELDS}


def quantity_records(props: dict) -> list[dict]:
    """The inverse of ``quantity_columns``: the quantity records of a node's or relationship's properties."""
    columns = [props.get(_QUANTITY_COLUMNS[name]) or [] for name in QUANTITY_FIELDS]
    return [dict(zip(QUANTITY_FIELDS, values)) for values in zip(*columns)]


def report_extras(spans: list[dict]) -> dict[str, list]:
    """What a ``REPORTS`` relationship keeps beside the per-mention lists: each mention's sentence, and the
    quantities of all its mentions flattened (``quantity_columns``), ``quantity_starts`` holding the trigger
    offset of the mention each measures."""
    pairs = [(m["start"], q) for m in spans for q in m.get("quantities") or ()]
    return {"sentences": [m.get("sentence", "") for m in spans], "quantity_starts": [start for start, _ in pairs],
            **quantity_columns(q for _, q in pairs)}


def attach_report_extras(spans: list[dict], props: dict) -> None:
    """The inverse of ``report_extras``: each span's sentence and quantities back from a relationship's
    properties (a store written before they were kept gives ``""`` and none)."""
    sentences = props.get("sentences") or []
    starts = props.get("quantity_starts") or []
    quantities = quantity_records(props)
    for k, span in enumerate(spans):
        span["sentence"] = sentences[k] if k < len(sentences) else ""
        span["quantities"] = [q for start, q in zip(starts, quantities) if start == span["start"]]

