"""Moving what a stored entity holds to another: its mention spans, the arguments and speakers of its evidence
(and so its relations, whose ids come from their ends), its event participations, the speakers of event reports
and its merge log.

``read_part`` (``newsgraph.graph.parts``) reads what two entities hold; ``move`` says, from that, what to write
so that the selected part of one belongs to the other. Relations are re-keyed from their evidence: a relation whose
end moves gets the id of (new subject, key, object), two relations that become one keep all their evidence, and
the aggregates (sources, independent sources, counts) of every relation touched are computed again from the
evidence it then has (``falkor.relation_aggregates``, the same numbers ``cypher.merge_relations`` derives). What
moves can carry a mark (the id of the entity it came from) so that a later move takes exactly it back
(``Selection.marked``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.graph import cypher, reresolve_cypher as rc
from newsgraph.graph.build import edge_id
from newsgraph.graph.falkor import relation_aggregates
from newsgraph.graph.parts import (
    Part as Part,
    _label,
    evidence_of_relations as evidence_of_relations,
    read_part as read_part,
    relations_of_evidence as relations_of_evidence,
)
from newsgraph.ingest.names import name_key

Statement = tuple[str, dict[str, Any]]
_SIDES = (("subject", "subject_id", "subject_text"), ("object", "object_id", "object_text"))
_SPEAKERS: tuple[tuple[str, str, str, str | None], ...] = (
    ("attributed", "attributed_to", "attributed_to_name", "speaker_text"),
    ("on_behalf", "on_behalf_of", "on_behalf_of_name", None))


@dataclass(frozen=True)
class Selection:
    """What moves from entity ``origin`` to entity ``target``: everything (``keys`` None and no ``marked``), the
    spans whose text has one of the name ``keys`` and what those spans support, or what carries the mark
    ``marked`` (the mark is then cleared). What moves is marked ``mark`` when one is given."""

    origin: str
    target: str
    target_name: str
    keys: frozenset[str] | None = None
    marked: str = ""
    mark: str = ""

    def takes(self, mark: str | None, text: str | None) -> bool:
        """Whether an item carrying ``mark`` and written ``text`` moves.

        >>> Selection("a", "b", "B", keys=frozenset({"sam williams"})).takes(None, "Sam Williams")
        True
        >>> Selection("a", "b", "B", marked="a").takes("", "Sam Williams")
        False
        """
        if self.marked:
            return mark == self.marked
        if self.keys is None:
            return True
        return bool(text) and name_key(text) in self.keys


@dataclass(frozen=True)
class Moved:
    """What a move wrote, in numbers, and the statements that write it (one unit: one transaction)."""

    statements: tuple[Statement, ...]
    spans: int
    evidence: int
    relations_before: int
    relations_after: int
    participants: int
    resolutions: int


def move(part: Part, sel: Selection, batch_size: int = 500) -> Moved:
    """The statements that move the selected part of ``sel.origin`` to ``sel.target`` (both entities must exist
    when they run), and what they move."""
    out: list[Statement] = []

    def batched(query: str, rows: list, key: str = "rows") -> None:
        for start in range(0, len(rows), batch_size):
            out.append((query, {key: rows[start:start + batch_size]}))

    mention_rows, drop_mentions, moved_spans, span_index = _mentions(part, sel)
    evidence_rows, relinks, recount, moved_evidence = _evidence(part, sel, span_index)
    old_ids = {e["edge_id"] for e in part.evidence if e["id"] in recount}
    after = {e["id"]: {**e, **evidence_rows.get(e["id"], {})} for e in part.evidence}
    new_ids = {e["edge_id"] for e in after.values() if e["id"] in recount}
    drops, puts = _relations(part, after, old_ids | new_ids, sel)
    staying = {e.get("event_id") for e in after.values() if sel.origin in (e.get("subject_id"), e.get("object_id"))}
    participant_puts, participant_drops, participations = _participants(
        part, sel, {after[i].get("event_id") for i in moved_evidence}, staying)
    report_rows = _reports(part, sel)
    resolution_drops, resolution_puts = _resolutions(part, sel)

    batched(rc.SET_EVIDENCE, [{"id": k, "props": v} for k, v in sorted(evidence_rows.items())])
    batched(rc.UNLINK_SPEAKERS, sorted(relinks), "ids")
    batched(cypher.LINK_ATTRIBUTION, [{"id": i, "attributed_to": after[i]["attributed_to"]}
                                      for i in sorted(relinks) if after[i].get("attributed_to")])
    batched(cypher.LINK_PRINCIPAL, [{"id": i, "on_behalf_of": after[i]["on_behalf_of"]}
                                    for i in sorted(relinks) if after[i].get("on_behalf_of")])
    for labels, rows in sorted(drops.items()):
        batched(rc.drop_relations(*labels), rows)
    for parts, rows in sorted(puts.items()):
        batched(rc.put_relations(*parts), rows)
    batched(rc.DROP_MENTIONS, drop_mentions)
    batched(rc.PUT_MENTIONS, mention_rows)
    batched(rc.DROP_PARTICIPANTS, participant_drops)
    batched(rc.PUT_PARTICIPANTS, participant_puts)
    batched(cypher.MERGE_REPORTS, report_rows)
    batched(rc.DROP_RESOLUTIONS, resolution_drops, "ids")
    batched(rc.PUT_RESOLUTIONS, resolution_puts)
    before = len({e["edge_id"] for e in part.evidence if e["id"] in recount})
    return Moved(tuple(out), moved_spans, len(moved_evidence), before, len(new_ids),
                 participations, len(resolution_drops))


def relation_statements(part: Part, after: dict[str, dict], ids: set[str], batch_size: int = 500) -> list[Statement]:
    """The statements that drop the relations ``ids`` the evidence ``after`` (id → properties once moved) leaves
    with none, and merge the others with the aggregates of the evidence they then have (``part`` holds the
    relations before, and every evidence of the relations ``ids``)."""
    drops, puts = _relations(part, after, ids, None)
    out: list[Statement] = []
    for query, grouped in ((rc.drop_relations, drops), (rc.put_relations, puts)):
        for labels, rows in sorted(grouped.items()):
            for start in range(0, len(rows), batch_size):
                out.append((query(*labels), {"rows": rows[start:start + batch_size]}))
    return out


def _mentions(part: Part, sel: Selection):
    """New MENTIONS of both entities per source, the ones to drop, how many spans moved, and the moved spans by
    source (what evidence of a moved name is recognised by)."""
    edges: dict[tuple[str, str], dict] = {(m["source"], m["entity"]): dict(m["props"]) for m in part.mentions}
    spans: dict[tuple[str, str], list[dict]] = {k: _spans(p) for k, p in edges.items()}
    moved = 0
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    changed: set[tuple[str, str]] = set()
    for (source, entity), found in list(spans.items()):
        if entity != sel.origin:
            continue
        taken = [s for s in found if sel.takes(s["was"], s["text"])]
        if not taken:
            continue
        moved += len(taken)
        index[source].extend((s["start"], s["end"]) for s in taken)
        spans[(source, entity)] = [s for s in found if s not in taken]
        mark = "" if sel.marked else sel.mark
        into = spans.setdefault((source, sel.target), [])
        into.extend({**s, "was": mark} for s in taken)
        into.sort(key=lambda s: s["start"])
        changed |= {(source, entity), (source, sel.target)}
    rows, drops = [], []
    for source, entity in sorted(changed):
        found = spans[(source, entity)]
        if not found:
            if (source, entity) in edges:
                drops.append({"source": source, "entity": entity})
            continue
        props = {k: v for k, v in edges.get((source, entity), {}).items() if k != "was"}
        props.update(count=len(found), starts=[s["start"] for s in found], ends=[s["end"] for s in found],
                     texts=[s["text"] for s in found], kinds=[s["kind"] for s in found])
        if any(s["was"] for s in found):
            props["was"] = [s["was"] for s in found]
        rows.append({"source": source, "entity": entity, "props": props})
    return rows, drops, moved, index


def _spans(props: dict) -> list[dict]:
    starts = list(props.get("starts") or [])
    n = len(starts)

    def column(name: str, empty: Any) -> list:
        values = list(props.get(name) or [])
        return values + [empty] * (n - len(values))

    return [{"start": s, "end": e, "text": t, "kind": k, "was": w}
            for s, e, t, k, w in zip(starts, column("ends", -1), column("texts", ""), column("kinds", ""),
                                     column("was", ""))]


def _evidence(part: Part, sel: Selection, span_index: dict[str, list[tuple[int, int]]]):
    """The new properties of the evidence that changes, the evidence whose speaker links change, the evidence
    whose relation must be counted again, and the evidence an argument of which moved."""
    rows: dict[str, dict] = {}
    relinks: set[str] = set()
    recount: set[str] = set()
    moved: set[str] = set()
    mark = None if sel.marked else (sel.mark or None)
    for e in part.evidence:
        new: dict[str, Any] = {}
        for side, id_field, text_field in _SIDES:
            if e.get(id_field) != sel.origin:
                continue
            covered = any(e.get(f"{side}_start", -1) <= s and end <= e.get(f"{side}_end", -1)
                          for s, end in span_index.get(e["source"], ()))
            if sel.takes(e.get(f"{side}_was") or "", e.get(text_field)) or (sel.keys is not None and covered
                                                                               and not sel.marked):
                new[id_field] = sel.target
                new[f"{side}_was"] = mark
        for prefix, id_field, name_field, said in _SPEAKERS:
            if e.get(id_field) != sel.origin:
                continue
            if sel.takes(e.get(f"{prefix}_was") or "", e.get(said) if said else None):
                new.update({id_field: sel.target, name_field: sel.target_name, f"{prefix}_was": mark})
                relinks.add(e["id"])
        if not new:
            continue
        if "subject_id" in new or "object_id" in new:
            moved.add(e["id"])
            relation = part.relations.get(e["edge_id"])
            if relation is not None:
                new["edge_id"] = edge_id(new.get("subject_id", e["subject_id"]), relation["predicate"],
                                         new.get("object_id", e["object_id"]))
        rows[e["id"]] = new
        recount.add(e["id"])
    return rows, relinks, recount, moved


def _relations(part: Part, after: dict[str, dict], ids: set[str], sel: Selection | None):
    """Drop the relations the move leaves with no evidence; merge every other relation touched (the ones whose
    evidence changed and the ones it now has) with the aggregates of the evidence it has after the move."""
    drops: dict[tuple[str, str], list[dict]] = defaultdict(list)
    kept = {e["edge_id"] for e in after.values()}
    for rel_id in sorted(ids - kept):
        rel = part.relations.get(rel_id)
        if rel is not None:
            drops[(_label(rel["subject_concept"]), _label(rel["object_concept"]))].append(
                {"id": rel_id, "subject": rel["subject"], "object": rel["object"]})
    grouped: dict[str, list[dict]] = defaultdict(list)
    for e in after.values():
        if e["edge_id"] in ids:
            grouped[e["edge_id"]].append(e)
    # new id → (type, key, subject label, object label), from the relation its evidence came from
    shapes: dict[str, tuple[str, str, str, str]] = {}
    for e in part.evidence:
        new = after[e["id"]]
        rel = part.relations.get(e["edge_id"])
        if rel is not None and new["edge_id"] in ids:
            subject_concept = rel["subject_concept"] and new["subject_id"] == e["subject_id"]
            object_concept = rel["object_concept"] and new["object_id"] == e["object_id"]
            shapes.setdefault(new["edge_id"], (rel["type"], rel["predicate"], _label(subject_concept),
                                               _label(object_concept)))
    puts: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for rel_id, evidence in sorted(grouped.items()):
        rel_type, key, sl, ol = shapes[rel_id]
        puts[(rel_type, sl, ol)].append({"id": rel_id, "subject": evidence[0]["subject_id"],
                                         "object": evidence[0]["object_id"],
                                         "props": {"predicate": key, **relation_aggregates(evidence)}})
    return drops, puts


def _participants(part: Part, sel: Selection, events: set[str | None], staying: set[str | None]):
    """The HAS_PARTICIPANT edges to write and to drop. A merge folds an edge into the target's (``folded`` lists
    the entities folded in, ``kept`` says the target had it itself); undoing it unfolds exactly those. A split by
    name gives the new entity the participations of the events of the evidence it took (``events``), and the
    entity split keeps those of them its remaining evidence is in (``staying``)."""
    have = {(p["event"], p["entity"], p["props"].get("role")): dict(p["props"]) for p in part.participants}
    puts: dict[tuple, dict] = {}
    drops: list[dict] = []
    moved = 0
    for (event, entity, role), props in sorted(have.items(), key=lambda kv: tuple(map(str, kv[0]))):
        told = _told(props)
        if sel.marked:
            if entity != sel.origin or sel.marked not in (props.get("folded") or []):
                continue
            moved += 1
            puts[(event, sel.target, role)] = {"role": role, **told}
            folded = [x for x in props["folded"] if x != sel.marked]
            if folded or props.get("kept"):
                rest = {"role": role, **({"folded": folded, "kept": bool(props.get("kept"))} if folded else {}), **told}
                puts[(event, entity, role)] = rest
            else:
                drops.append({"event": event, "entity": entity, "role": role})
            continue
        if entity != sel.origin or not (sel.keys is None or event in events):
            continue
        moved += 1
        if sel.keys is None or event not in staying:
            drops.append({"event": event, "entity": entity, "role": role})
        there = puts.get((event, sel.target, role)) or have.get((event, sel.target, role))
        if sel.mark:
            folded = [*(there or {}).get("folded", []), sel.mark]
            kept = there is not None and (bool(there.get("kept")) or not there.get("folded"))
            puts[(event, sel.target, role)] = {"role": role, "folded": folded, "kept": kept,
                                               **_told(props, there)}
        elif there is None:
            puts[(event, sel.target, role)] = {"role": role, **told}
    rows = [{"event": e, "entity": x, "role": r, "props": p} for (e, x, r), p in sorted(puts.items())]
    return rows, drops, moved


def _told(props: dict, there: dict | None = None) -> dict:
    """The ``sources`` that name a participation moved (``props``), with those of the one it joins (``there``):
    none when either was stored without them (which sources name it is then not known). When a merge is undone,
    both sides keep the sources of the whole: a participation is kept too long rather than lost
    (``newsgraph.graph.forget`` takes out one no source names).

    >>> _told({"sources": ["a"]}, {"sources": ["b", "a"]}), _told({"sources": ["a"]}, {}), _told({})
    ({'sources': ['b', 'a']}, {}, {})
    """
    if props.get("sources") is None or there is not None and there.get("sources") is None:
        return {}
    return {"sources": list(dict.fromkeys([*((there or {}).get("sources") or []), *props["sources"]]))}


def _reports(part: Part, sel: Selection) -> list[dict]:
    """The REPORTS whose speakers change, with their new properties."""
    rows = []
    mark = "" if sel.marked else sel.mark
    for report in part.reports:
        props = dict(report["props"])
        changed = False
        for name, texts in (("attributed_to", props.get("speaker_texts") or []), ("on_behalf_of", [])):
            ids = list(props.get(f"{name}_ids") or [])
            if sel.origin not in ids:
                continue
            names = list(props.get(f"{name}_names") or []) + [""] * len(ids)
            was = list(props.get(f"{name}_was") or []) + [""] * len(ids)
            for i, entity in enumerate(ids):
                text = texts[i] if i < len(texts) else None
                if entity == sel.origin and sel.takes(was[i], text if name == "attributed_to" else None):
                    ids[i], names[i], was[i], changed = sel.target, sel.target_name, mark, True
            props[f"{name}_ids"], props[f"{name}_names"] = ids, names[:len(ids)]
            props.pop(f"{name}_was", None)
            if any(was[:len(ids)]):
                props[f"{name}_was"] = was[:len(ids)]
        if changed:
            rows.append({"source": report["source"], "event": report["event"], "props": props})
    return rows


def _resolutions(part: Part, sel: Selection) -> tuple[list[str], list[dict]]:
    """The merge log rows that move: dropped, and written again under the target with the id it gives them."""
    drops, puts = [], []
    mark = "" if sel.marked else sel.mark
    for row in part.resolutions:
        props = dict(row["props"])
        if row["entity"] != sel.origin or not sel.takes(props.get("was") or "", props.get("alias")):
            continue
        new_id = resolution_id(sel.target, props.get("alias") or "", props.get("source") or "",
                               props.get("rule") or "")
        props.pop("was", None)
        drops.append(props["id"])
        props["id"] = new_id
        if mark:
            props["was"] = mark
        puts.append({"entity": sel.target, "id": new_id, "props": props})
    return drops, puts


def resolution_id(entity_id: str, alias: str, source: str, rule: str) -> str:
    """The id of a merge log row, as an ingest gives it (``store._resolution_row``).

    >>> len(resolution_id("vladimir-putin", "Putin", "a1", "same surname"))
    16
    """
    key = "\x1f".join((entity_id, alias, source, rule))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def entity_statements(rows: Iterable[dict]) -> list[Statement]:
    """Write entities (``{id, name, type, aliases}``) under their type's label, relabelling ones whose type
    changed."""
    by_type: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    out: list[Statement] = []
    for entity_type, typed in sorted(by_type.items()):
        out += [(cypher.relabel_entities(entity_type), {"rows": typed}), (cypher.merge_entities(entity_type),
                                                                          {"rows": typed})]
    return out
