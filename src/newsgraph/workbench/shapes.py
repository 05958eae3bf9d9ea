"""Pure shaping of store rows into the workbench's JSON: nodes and edges of the graph view, alias tables, relation
groups, timelines and highlighted evidence (a story's facts: ``newsgraph.workbench.facts``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

#: Personal and possessive pronouns: mentions, not aliases; the alias table counts them apart.
PRONOUNS = frozenset("""i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves""".split())


def polarity(evidence_count: int, negated_count: int, contested: bool | None = None) -> str:
    """``positive``, ``negated`` (every sentence denies it) or ``contested`` (some sentences deny it, or the
    relation says so).

    >>> polarity(2, 0), polarity(2, 2), polarity(3, 1), polarity(2, 0, contested=True)
    ('positive', 'negated', 'contested', 'contested')
    """
    if contested or 0 < negated_count < evidence_count:
        return "contested"
    return "negated" if evidence_count and negated_count >= evidence_count else "positive"


def independent_sources(props: dict[str, Any]) -> int:
    """How many independent sources back a relation: ``independent_sources`` (a count or a list) when the graph
    has it, else ``source_count``.

    >>> independent_sources({"source_count": 3}), independent_sources({"source_count": 3, "independent_sources": ["a"]})
    (3, 1)
    """
    value = props.get("independent_sources")
    if isinstance(value, list):
        return len(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return int(props.get("source_count") or 0)


def node_of(node_id: str, name: str | None, labels: list[str], node_type: str | None,
            sources: int | None) -> dict[str, Any]:
    """A graph-view node.

    >>> node_of("concept:truce", "truce", ["Concept"], None, None)["kind"]
    'Concept'
    """
    kind = "Entity" if "Entity" in labels else "Concept" if "Concept" in labels else (labels or ["Node"])[0]
    return {"id": node_id, "name": name or node_id, "kind": kind,
            "type": node_type or ("Concept" if kind == "Concept" else kind), "sources": int(sources or 0)}


def edge_of(rel_type: str, props: dict[str, Any], subject: str, obj: str) -> dict[str, Any]:
    """A graph-view edge: width from the independent sources, colour from polarity, dashed when every sentence
    hedges.

    >>> e = edge_of("AGREE_TO", {"id": "r1", "predicate": "agree to", "source_count": 2, "evidence_count": 2,
    ...             "negated_count": 0, "hedged_count": 0}, "putin", "concept:ceasefire")
    >>> e["width"], e["polarity"], e["hedged"]
    (2, 'positive', False)
    """
    evidence_count = int(props.get("evidence_count") or 0)
    negated = int(props.get("negated_count") or 0)
    hedged = int(props.get("hedged_count") or 0)
    return {"id": props.get("id"), "source": subject, "target": obj, "type": rel_type,
            "predicate": props.get("predicate") or rel_type.lower().replace("_", " "),
            "sources": list(props.get("sources") or []), "source_count": int(props.get("source_count") or 0),
            "width": independent_sources(props), "evidence_count": evidence_count, "negated_count": negated,
            "hedged_count": hedged, "polarity": polarity(evidence_count, negated, props.get("contested")),
            "hedged": bool(evidence_count) and hedged >= evidence_count,
            "attributed_to": list(props.get("attributed_to") or [])}


def relation_groups(rows: list[dict[str, Any]], node_id: str) -> list[dict[str, Any]]:
    """An entity's relations grouped by class (relationship type), most independently sourced class first.

    >>> rows = [{"type": "AGREE_TO", "props": {"id": "r1", "predicate": "agree to", "source_count": 2,
    ...          "sources": ["a", "b"], "evidence_count": 2, "negated_count": 0}, "subject": "p", "object": "c",
    ...          "other_id": "c", "other_name": "ceasefire", "other_labels": ["Concept"]}]
    >>> [(g["class"], g["sources"], g["relations"][0]["direction"]) for g in relation_groups(rows, "p")]
    [('AGREE_TO', 2, 'out')]
    """
    groups: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        edge = edge_of(row["type"], row["props"], row["subject"], row["object"])
        direction = "out" if row["subject"] == node_id else "in"
        groups[row["type"]].setdefault(edge["id"], {**edge, "direction": direction, "other_id": row["other_id"],
                                                    "other_name": row["other_name"] or row["other_id"],
                                                    "other_kind": node_of(row["other_id"], "", row["other_labels"],
                                                                          None, None)["kind"]})
    out = []
    for rel_type, relations in groups.items():
        items = sorted(relations.values(), key=lambda e: (-e["width"], e["predicate"], e["other_name"]))
        sources = {s for e in items for s in e["sources"]}
        out.append({"class": rel_type, "label": rel_type.lower().replace("_", " "), "relations": items,
                    "sources": max(len(sources), max(e["width"] for e in items)),
                    "negated": sum(e["negated_count"] > 0 for e in items),
                    "hedged": sum(e["hedged_count"] > 0 for e in items),
                    "contested": sum(e["polarity"] == "contested" for e in items)})
    return sorted(out, key=lambda g: (-g["sources"], -len(g["relations"]), g["class"]))


def alias_table(entity: dict[str, Any], mentions: list[dict[str, Any]],
                resolutions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The names an entity goes by, each with the sources that used it and the resolution rules that merged it;
    pronouns are only counted.

    >>> rows, pronouns = alias_table({"name": "Vladimir Putin", "aliases": ["Putin"]},
    ...     [{"source": "g", "outlet": "The Guardian", "published": "2025",
    ...       "texts": ["Putin", "he", "the Russian leader"]}],
    ...     [{"alias": "the Russian leader", "source": "g", "outlet": "The Guardian", "rule": "in-article description",
    ...       "detail": ""}])
    >>> [(r["alias"], [s["outlet"] for s in r["sources"]], r["rules"]) for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('Vladimir Putin', [], []), ('Putin', ['The Guardian'], []),
     ('the Russian leader', ['The Guardian'], ['in-article description'])]
    >>> pronouns
    1
    """
    table: dict[str, dict[str, Any]] = {}
    pronouns = 0

    def entry(text: str) -> dict[str, Any]:
        return table.setdefault(" ".join(text.lower().split()), {"alias": text, "forms": {}, "sources": {},
                                                                 "count": 0, "rules": []})

    for alias in [entity.get("name") or "", *(entity.get("aliases") or [])]:
        if alias:
            entry(alias)
    for row in mentions:
        source = {"id": row["source"], "outlet": row.get("outlet") or row["source"], "published": row.get("published")}
        for text in row.get("texts") or []:
            if text.strip().lower() in PRONOUNS:
                pronouns += 1
                continue
            item = entry(text)
            item["count"] += 1
            item["forms"][text] = item["forms"].get(text, 0) + 1
            item["sources"][source["id"]] = source
    for row in resolutions:
        item = entry(row["alias"])
        if row.get("rule") and row["rule"] not in item["rules"]:
            item["rules"].append(row["rule"])
        if row.get("source"):
            item["sources"].setdefault(row["source"], {"id": row["source"],
                                                       "outlet": row.get("outlet") or row["source"],
                                                       "published": None})
    rows = []
    for item in table.values():
        if item["forms"]:
            item["alias"] = max(item["forms"].items(), key=lambda kv: (kv[1], kv[0] == kv[0].lower()))[0]
        rows.append({"alias": item["alias"], "count": item["count"], "rules": item["rules"],
                     "sources": sorted(item["sources"].values(), key=lambda s: s["id"])})
    ranked = sorted(rows, key=lambda r: (r["alias"] != (entity.get("name") or ""), -len(r["sources"]),
                                         r["alias"].lower()))
    return ranked, pronouns


def timeline(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An entity's events in date order (the earliest date of a source reporting each); undated ones last.

    >>> [e["id"] for e in timeline([{"id": "b", "dates": ["2025-03-19"]}, {"id": "a", "dates": []},
    ...                             {"id": "c", "dates": ["2025-03-18", None]}])]
    ['c', 'b', 'a']
    """
    events = []
    for row in rows:
        dates = sorted(d for d in row.get("dates") or [] if d)
        events.append({**row, "date": dates[0] if dates else None})
    return sorted(events, key=lambda e: (e["date"] is None, e["date"] or "", e.get("name") or "", e["id"]))


def safe_url(url: Any) -> str:
    """The URL if it is http(s), else "" (a ``javascript:`` link must never be rendered).

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', '')
    """
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def spans(evidence: dict[str, Any], triggers: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """The subject, predicate and object spans of an evidence sentence, as offsets into the sentence, in order and
    without overlaps. The predicate comes from ``predicate_start``/``predicate_end`` (or ``trigger_*``) when stored,
    else from the event's trigger words in this sentence; without either only subject and object are marked.

    >>> ev = {"sentence": "Putin agreed to a truce.", "sentence_start": 100, "subject_start": 100,
    ...       "subject_end": 105, "object_start": 116, "object_end": 123}
    >>> [(s["role"], ev["sentence"][s["start"]:s["end"]]) for s in spans(ev, [(106, 112)])]
    [('subject', 'Putin'), ('predicate', 'agreed'), ('object', 'a truce')]
    """
    base = int(evidence.get("sentence_start") or 0)
    size = len(evidence.get("sentence") or "")
    found = []
    for role in ("subject", "object"):
        found.append((role, evidence.get(f"{role}_start"), evidence.get(f"{role}_end")))
    for prefix in ("predicate", "trigger"):
        if isinstance(evidence.get(f"{prefix}_start"), int) and isinstance(evidence.get(f"{prefix}_end"), int):
            found.append(("predicate", evidence[f"{prefix}_start"], evidence[f"{prefix}_end"]))
            break
    else:
        found.extend(("predicate", s, e) for s, e in triggers)
    out: list[dict[str, Any]] = []
    for role, start, end in sorted(((r, s - base, e - base) for r, s, e in found
                                    if isinstance(s, int) and isinstance(e, int)), key=lambda x: (x[1], x[2])):
        if 0 <= start < end <= size and (not out or start >= out[-1]["end"]):
            out.append({"role": role, "start": start, "end": end})
    return out


def own_triggers(predicate: Any, triggers: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Of the trigger words (start, end, lemma) a source reports an evidence's event with, those of the relation's
    own predicate: one event holds every mention of its class in the story, so a sentence can hold another of
    them ("agreed … declined to commit": both the agree event's; only "agreed" is the predicate of "agree to").
    A trigger without a lemma (a store written before reports kept them) is kept.

    >>> own_triggers("agree to", [(5, 11, "agree"), (40, 46, "commit")]), own_triggers("meet", [(8, 13, "")])
    ([(5, 11)], [(8, 13)])
    """
    words = set(str(predicate or "").lower().split())
    return [(start, end) for start, end, lemma in triggers if not lemma or str(lemma).lower() in words]


def evidence_item(row: dict[str, Any], triggers: Sequence[tuple[int, int, str]]) -> dict[str, Any]:
    """One sentence of the evidence panel: the sentence, its spans (the predicate's from ``triggers``, the
    event's trigger words in its source, where the evidence stores none), its source's outlet, date and URL."""
    ev = row["evidence"]
    return {"id": ev.get("id"), "edge_id": ev.get("edge_id"), "source": ev.get("source"),
            "outlet": row.get("outlet") or ev.get("source"), "title": row.get("title") or "",
            "published": row.get("published") or "", "url": safe_url(row.get("url")),
            "sentence": ev.get("sentence") or "", "spans": spans(ev, own_triggers(ev.get("predicate"), triggers)),
            "predicate": ev.get("predicate"),
            "subject_id": ev.get("subject_id"), "subject_text": ev.get("subject_text"),
            "object_id": ev.get("object_id"), "object_text": ev.get("object_text"),
            "negated": bool(ev.get("negated")), "hedged": bool(ev.get("hedged")),
            "attributed_to": ev.get("attributed_to_name"), "confidence": ev.get("confidence"),
            "event_id": ev.get("event_id"), "relation_class": ev.get("relation_class")}
