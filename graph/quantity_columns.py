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
    """The inverse of ``quantity_columns``: the quantity records of a node's or relationship's properties. A
    column that is absent (an import that keeps no property for ``[""]``) gives its empty value.

    >>> quantity_records({"quantity_kinds": ["count"], "quantity_values": ["12"], "quantity_texts": ["12"]})
    [{'kind': 'count', 'value': '12', 'unit': '', 'text': '12', 'approximate': False}]
    """
    size = len(props.get("quantity_kinds") or ())
    columns = [props.get(_QUANTITY_COLUMNS[name]) or [False if name == "approximate" else ""] * size
               for name in QUANTITY_FIELDS]
    return [dict(zip(QUANTITY_FIELDS, values)) for values in zip(*columns)]


def report_extras(spans: list[dict]) -> dict:
    """What a ``REPORTS`` relationship keeps beside the per-mention lists: the quantities of all its mentions
    flattened (``quantity_columns``), ``quantity_starts`` holding the trigger offset of the mention each measures
    and ``quantity_sentences`` its sentence, and one sentence per polarity: ``affirmed_sentence`` (the first
    mention neither negated nor hedged) and ``negated_sentence`` (the first negated, not hedged), ``""`` for none;
    and ``negated_lemmas``, the words the negated mentions (not hedged) tell it in (``contested`` pairs them with
    another source's mentions of the same word).

    Not every mention's sentence: over FalkorDB's Bolt port a relationship's parameters must stay within about
    4 KB, and an event told fifteen times in an article would pass it.

    >>> spans = [{"start": 5, "sentence": "A two-hour call.", "negated": False, "hedged": False,
    ...           "quantities": [{"kind": "duration", "value": "PT2H", "text": "two-hour"}]},
    ...          {"start": 40, "sentence": "No call.", "negated": True, "hedged": False}]
    >>> extras = report_extras(spans)
    >>> extras["quantity_starts"], extras["quantity_sentences"], extras["negated_sentence"]
    ([5], ['A two-hour call.'], 'No call.')
    >>> report_extras([{"start": 1, "lemma": "resign", "negated": True}])["negated_lemmas"]
    ['resign']
    """
    pairs = [(m, q) for m in spans for q in m.get("quantities") or ()]
    affirmed = next((m.get("sentence", "") for m in spans if not m.get("negated") and not m.get("hedged")), "")
    negated = next((m.get("sentence", "") for m in spans if m.get("negated") and not m.get("hedged")), "")
    return {"quantity_starts": [m["start"] for m, _ in pairs],
            "quantity_sentences": [m.get("sentence", "") for m, _ in pairs],
            **quantity_columns(q for _, q in pairs), "affirmed_sentence": affirmed, "negated_sentence": negated,
            "negated_lemmas": sorted({m.get("lemma") or "" for m in spans if m.get("negated") and not m.get("hedged")}
                                     - {""})}


def attach_report_extras(spans: list[dict], props: dict) -> None:
    """The inverse of ``report_extras``, as far as it goes: each span's quantities, and the sentence of the spans
    whose sentence was kept (``""`` for the others, and for a store written before these were kept)."""
    starts = props.get("quantity_starts") or []
    if not starts:  # most reports: no quantity, so no kept sentence but the per-polarity ones
        for span in spans:
            span["quantities"] = []
            span["sentence"] = ""
    else:
        sentences = props.get("quantity_sentences") or [""] * len(starts)
        quantities = quantity_records(props)
        for span in spans:
            span["quantities"] = [q for start, q in zip(starts, quantities) if start == span["start"]]
            span["sentence"] = next((t for start, t in zip(starts, sentences) if start == span["start"]), "")
    for name, negated in (("affirmed_sentence", False), ("negated_sentence", True)):
        first = next((span for span in spans if bool(span.get("negated")) == negated and not span.get("hedged")),
                     None)
        if first is not None and props.get(name):
            first["sentence"] = props[name]
