"""A story's facts for its page: its events and relations, each with its sources counted as the canned queries
count them, sorted into corroborated, single-outlet and contested.

- **Independent sources** are copy groups (``Source.copy_group``: an article and its copies count once), as
  ``independent_sources`` of the relations and events and the ``corroborated`` and ``single-source`` queries have
  them; a graph without ``copy_group`` groups the sources its ``COPY_OF`` links join.
- **Corroborated**: two or more independent sources state it plainly (a mention neither negated, hedged nor
  conditional), as ``corroborated`` has it (``affirming_sources``).
- **One independent source says**: one independent source reports it (one article, or one article and its copies), as
  ``single-source`` has it, negated or hedged or not (the fact carries its negated and hedged counts).
- **Contested**: told as happening by one source and as not happening by another, neither a copy of the other, as
  ``contested`` has it (a relation by its sentences that are neither hedged nor conditional; an event no relation
  was projected from by its sources' affirmed and negated mentions).

A relation's counts cover all its evidence, also sentences of sources outside the story, so that the page, the
entity page and the queries agree.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def copy_groups(sources: list[dict]) -> dict[str, str]:
    """Each source's copy group: its ``copy_group`` when stored, else the group its ``copy_of`` links join (named
    by the group's smallest id).

    >>> copy_groups([{"id": "b", "copy_of": ["a"]}, {"id": "c", "copy_of": ["b"]}, {"id": "d"}])
    {'b': 'a', 'c': 'a', 'd': 'd', 'a': 'a'}
    >>> copy_groups([{"id": "b", "copy_of": ["a"], "copy_group": "a"}, {"id": "x", "copy_group": "a"}])["x"]
    'a'
    """
    parent: dict[str, str] = {}

    def root(i: str) -> str:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for source in sources:
        for other in source.get("copy_of") or []:
            a, b = root(source["id"]), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    stored = {s["id"]: s["copy_group"] for s in sources if s.get("copy_group")}
    return {i: stored.get(i) or root(i) for i in [s["id"] for s in sources] + list(parent)}


def _flag(value: Any) -> bool:
    return any(bool(v) for v in value) if isinstance(value, list) else bool(value)


def _flags(value: Any, size: int) -> list[bool]:
    return [bool(v) for v in value] if isinstance(value, list) and len(value) == size else [_flag(value)] * size


def _told_plainly(report: dict) -> bool:
    """Whether a source's report of an event has a mention neither negated, hedged nor conditional (one flag per
    mention, or one for all).

    >>> _told_plainly({"negated": [True, False], "hedged": [False, True]}), _told_plainly({"negated": False})
    (False, True)
    """
    negated = report.get("negated")
    size = len(negated) if isinstance(negated, list) else 1
    columns = [_flags(report.get(key), size) for key in ("negated", "hedged", "conditional")]
    return any(not any(flags) for flags in zip(*columns))


def _count(reports: list[dict], key: str) -> int:
    """How many mentions of the reports carry the flag ``key`` (one flag per mention, or one for the report)."""
    return sum(sum(r[key]) if isinstance(r.get(key), list) else int(bool(r.get(key))) for r in reports)


def story_facts(sources: list[dict], events: list[dict], evidence: list[dict],
                names: dict[str, str] | None = None) -> dict[str, Any]:
    """A story's events and relations sorted into corroborated, single-outlet and contested (see the module).

    Args:
        sources: The story's sources (``id``, ``outlet``, ``copy_of``, ``copy_group``).
        events: The story's events, each with its ``reports`` (``source``, ``negated``, ``hedged``, ...).
        evidence: Every evidence row of the relations the story's sources report (``edge``, ``source``,
            ``outlet``, ``copy_group``, ``copy_of``, ``negated``, ``hedged``, ``conditional``, ...).
        names: Entity and concept names by id, for the relations' ends.

    >>> sources = [{"id": "a", "outlet": "A", "copy_of": []}, {"id": "b", "outlet": "B", "copy_of": ["a"]},
    ...            {"id": "c", "outlet": "C", "copy_of": []}]
    >>> def row(s, **flags):
    ...     return {"edge": "r", "predicate": "agree to", "subject_id": "p", "subject_text": "Putin",
    ...             "object_id": "t", "object_text": "a truce", "source": s, "outlet": s.upper(), **flags}
    >>> facts = story_facts(sources, [], [row("a"), row("b")])  # an article and its copy: one source
    >>> [(f["outlets"], f["independent"]) for f in facts["single"]], facts["corroborated"]
    ([(['A', 'B'], 1)], [])
    >>> facts = story_facts(sources, [], [row("b"), row("c", negated=True)], {"p": "Vladimir Putin"})
    >>> [(f["name"], f["independent"], f["affirming"], f["negated"]) for f in facts["contested"]]
    [('Vladimir Putin –agree to→ a truce', 2, 1, 1)]
    """
    rows_sources = [{"id": r["source"], "copy_of": r.get("copy_of"), "copy_group": r.get("copy_group")}
                    for r in evidence] + [{"id": r["source"], "copy_group": r.get("copy_group")}
                                          for e in events for r in e.get("reports") or [] if r and r.get("source")]
    group = copy_groups(sources + rows_sources)
    outlet_of = {s["id"]: s.get("outlet") or s["id"] for s in sources}
    outlet_of.update({r["source"]: r.get("outlet") or outlet_of.get(r["source"]) or r["source"] for r in evidence})
    copy_pairs = {frozenset((s["id"], c)) for s in sources + rows_sources for c in s.get("copy_of") or []}
    names = names or {}

    def contradicted(told: set[str], denied: set[str]) -> bool:
        return any(a != b and frozenset((a, b)) not in copy_pairs for a in told for b in denied)

    def counted(ids: set[str], plain: set[str]) -> dict[str, Any]:
        return {"outlets": sorted({outlet_of.get(i, i) for i in ids}), "sources": sorted(ids),
                "independent": len({group.get(i, i) for i in ids}),
                "affirming": len({group.get(i, i) for i in plain})}

    facts: list[dict[str, Any]] = []
    for event in events:
        reports = [r for r in event.get("reports") or [] if r and r.get("source")]
        contested = not event.get("projected") and contradicted(
            {r["source"] for r in reports if r.get("affirmed", not _flag(r.get("negated")))},
            {r["source"] for r in reports if r.get("denied", _flag(r.get("negated")))})
        facts.append({"kind": "event", "id": event["id"], "name": event.get("name") or event["id"],
                      "event_class": event.get("event_class"), "contested": contested,
                      **counted({r["source"] for r in reports}, {r["source"] for r in reports if _told_plainly(r)}),
                      "negated": _count(reports, "negated"), "hedged": _count(reports, "hedged"),
                      "reports": [{"source": r["source"], "outlet": r.get("outlet") or outlet_of.get(r["source"]),
                                   "affirmed_sentence": r.get("affirmed_sentence") or "",
                                   "negated_sentence": r.get("negated_sentence") or ""} for r in reports],
                      "participants": [p for p in event.get("participants") or [] if p and p.get("id")]})
    by_edge: dict[str, list[dict]] = defaultdict(list)
    for row in evidence:
        by_edge[row["edge"]].append(row)
    for edge, rows in by_edge.items():
        first = rows[0]
        plain = [r for r in rows if not r.get("hedged") and not r.get("conditional")]
        contested = contradicted({r["source"] for r in plain if not r.get("negated")},
                                 {r["source"] for r in plain if r.get("negated")})
        subject = names.get(first.get("subject_id") or "") or first.get("subject_text")
        obj = names.get(first.get("object_id") or "") or first.get("object_text")
        facts.append({"kind": "relation", "id": edge, "name": f"{subject} –{first.get('predicate')}→ {obj}",
                      "subject": subject, "object": obj, "predicate": first.get("predicate"),
                      "subject_id": first.get("subject_id"), "object_id": first.get("object_id"),
                      "relation_class": first.get("relation_class"), "contested": contested,
                      **counted({r["source"] for r in rows}, {r["source"] for r in plain if not r.get("negated")}),
                      "negated": sum(bool(r.get("negated")) for r in rows),
                      "hedged": sum(bool(r.get("hedged")) for r in rows),
                      "conditional": sum(bool(r.get("conditional")) for r in rows)})
    facts.sort(key=lambda f: (-f["independent"], -len(f["outlets"]), f["kind"] != "event", f["name"]))
    return {"events": [f for f in facts if f["kind"] == "event"],
            "corroborated": [f for f in facts if f["affirming"] >= 2],
            "single": [f for f in facts if f["independent"] == 1],
            "contested": [f for f in facts if f["contested"]]}
