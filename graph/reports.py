"""The mentions of a source's REPORTS of an event as the stores keep them: parallel list properties, one element
per mention (``report_columns``), and back (``report_spans``). Shared by the stores and the neo4j-admin CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.graph.quantity_columns import report_extras

#: The per-mention flags of an event's REPORTS, stored as parallel lists under their own names.
FLAG_FIELDS = ("negated", "hedged", "conditional")
#: The per-mention fields of an event's REPORTS stored as plural parallel lists (``starts``, ``texts``, ...).
SPAN_FIELDS = ("start", "end", "text", "lemma", "kind", "sentence_start", "sentence_end", "speaker_text")
#: Who told each mention, as parallel lists ``<field>_ids`` and ``<field>_names`` ("" where nobody is named).
SPEAKER_FIELDS = ("attributed_to", "on_behalf_of")
_EMPTY_SPAN = {"text": "", "lemma": "", "kind": "", "speaker_text": ""}  # the rest are offsets: -1
_SPAN_KEYS = ("source", *SPAN_FIELDS, *FLAG_FIELDS, *SPEAKER_FIELDS)  # a mention's keys, in order


def report_columns(spans: Sequence[dict]) -> dict[str, list]:
    """The mentions of one REPORTS as the parallel lists the stores keep: a field's plural, a flag under its own
    name, a speaker as ``<field>_ids``/``<field>_names`` ("" for none: a list property cannot hold a null).

    >>> cols = report_columns([{"start": 4, "text": "said", "negated": False,
    ...                          "attributed_to": {"entity_id": "e1", "name": "Kremlin"}}])
    >>> cols["starts"], cols["negated"], cols["attributed_to_ids"], cols["attributed_to_names"], cols["speaker_texts"]
    ([4], [False], ['e1'], ['Kremlin'], [''])
    """
    columns: dict[str, list] = {f"{field}s": [m.get(field, _EMPTY_SPAN.get(field, -1)) for m in spans]
                                for field in SPAN_FIELDS}
    columns.update({field: [bool(m.get(field, False)) for m in spans] for field in FLAG_FIELDS})
    for field in SPEAKER_FIELDS:
        refs = [m.get(field) or {} for m in spans]
        columns[f"{field}_ids"] = [r.get("entity_id") or "" for r in refs]
        columns[f"{field}_names"] = [r.get("name") or "" for r in refs]
    return columns


def report_properties(spans: Sequence[dict]) -> dict[str, Any]:
    """Every property of one REPORTS as the stores write it: ``count``, the parallel lists (``report_columns``)
    and the quantities and per-polarity sentences (``report_extras``). A speaker list with no speaker in it (most
    reports) is left out, which reads back the same (``report_spans``) and keeps a report that tells an event
    twenty times within what FalkorDB's Bolt port takes.

    >>> sorted(report_properties([{"start": 4, "text": "fell", "negated": False}]))[:6]
    ['affirmed_sentence', 'conditional', 'count', 'ends', 'hedged', 'kinds']
    >>> "attributed_to_ids" in report_properties([{"start": 4, "text": "fell"}])
    False
    """
    columns = report_columns(spans)
    for name in [*(f"{f}_{part}" for f in SPEAKER_FIELDS for part in ("ids", "names")), "speaker_texts"]:
        if not any(columns[name]):
            del columns[name]
    return {"count": len(spans), **columns, **report_extras(list(spans))}


def report_spans(props: dict[str, Any], source: str) -> list[dict]:
    """The mentions of one REPORTS read back from its parallel lists (``report_columns``); lists a store written
    before a field existed lack are filled with its empty value.

    >>> report_spans({"starts": [4], "texts": ["said"], "attributed_to_ids": ["e1"],
    ...                "attributed_to_names": ["Kremlin"]}, "a1")[0]["attributed_to"]
    {'entity_id': 'e1', 'name': 'Kremlin'}
    """
    count = len(props.get("starts") or [])

    def column(name: str, empty: Any) -> list:
        values = list(props.get(name) or [])
        return values[:count] + [empty] * (count - len(values))

    columns = [column(f"{field}s", _EMPTY_SPAN.get(field, -1)) for field in SPAN_FIELDS]
    columns += [[bool(value) for value in column(field, False)] for field in FLAG_FIELDS]
    for field in SPEAKER_FIELDS:
        ids = column(f"{field}_ids", "")
        columns.append([{"entity_id": entity_id, "name": name} if entity_id else None
                        for entity_id, name in zip(ids, column(f"{field}_names", ""))] if any(ids) else [None] * count)
    return [dict(zip(_SPAN_KEYS, (source, *values))) for values in zip(*columns)]
