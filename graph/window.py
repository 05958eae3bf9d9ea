"""A date window (``--since`` / ``--until``): which sources it keeps, and a graph cut down to them.

The window is on the sources' publication dates (``published``, ISO 8601 at the precision the article gave). What
it filters, the same way in the canned queries (their ``since`` / ``until`` parameters) and in exports:

* a source is **in** the window when its date lies on or after ``since`` and on or before ``until`` (both days
  inclusive, either may be left open), compared at the precision the date has: a source dated only ``2025-03``
  is in any window that includes a day of March 2025, one dated ``2025`` in any that includes a day of 2025; a
  date with a time counts by its day as written;
* an **undated** source (no ``published``, or one that could not be read) is never in a window;
* evidence is kept only from sources in the window; a relation left without evidence goes, and the counts of one
  that stays (sources, independent sources, evidence, negated, hedged, conditional) are those of its kept evidence;
* an event no source in the window reports goes; so does a story with no source in the window; one that stays
  counts only the window's sources (an event's sources, reports and their flags; a story's size, first and last
  days), and so does an entity's mention count; an entity takes part in an event only where a source in the
  window names it among the event's participants (``HAS_PARTICIPANT.sources``, kept to those sources);
* an entity goes when no source in the window mentions it and no relation is left to it; a concept when no
  relation is left to it.

Without ``since`` and ``until`` nothing is filtered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from newsgraph.errors import BadSetting
from newsgraph.graph.cypher import BOOKKEEPING

if TYPE_CHECKING:
    import networkx as nx

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Runs(Protocol):
    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


def check_window(since: str | None, until: str | None) -> tuple[str, str]:
    """The window's two ends as ``YYYY-MM-DD`` text, ``""`` for an open end.

    >>> check_window("2025-03-18", None)
    ('2025-03-18', '')
    >>> check_window("18/03/2025", None)
    Traceback (most recent call last):
    ...
    newsgraph.errors.BadSetting: --since '18/03/2025': not a day; write it YYYY-MM-DD, e.g. 2025-03-18

    Raises:
        BadSetting: an end is not a day written ``YYYY-MM-DD``, or ``since`` is after ``until``.
    """
    ends = []
    for option, value in (("--since", since), ("--until", until)):
        text = (value or "").strip()
        if text and not _valid_day(text):
            raise BadSetting(f"{option} {value!r}: not a day; write it YYYY-MM-DD, e.g. 2025-03-18")
        ends.append(text)
    if ends[0] and ends[1] and ends[0] > ends[1]:
        raise BadSetting(f"--since {ends[0]} is after --until {ends[1]}: no day lies in that window")
    return ends[0], ends[1]


def _valid_day(text: str) -> bool:
    if not _DAY.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def in_window(published: str | None, since: str = "", until: str = "") -> bool:
    """Whether a source published on ``published`` is in the window from ``since`` to ``until`` (days, inclusive;
    ``""`` open). The canned queries test the same in Cypher.

    >>> in_window("2025-03-18", "2025-03-18", "2025-03-18"), in_window("2025-03-19T01:00:00+02:00", "", "2025-03-18")
    (True, False)
    >>> in_window("2025-03", "2025-03-10", ""), in_window("2025", "", "2024-12-31"), in_window("", "2000-01-01", "")
    (True, False, False)
    >>> in_window("", "", "")
    True
    """
    if not since and not until:
        return True
    day = (published or "")[:10]
    if not day:
        return False
    return day >= since[:len(day)] and (not until or day <= until[:len(day)])


def window_graph(graph: nx.MultiDiGraph, since: str = "", until: str = "",
                 around: Sequence[str] | None = None, hops: int = 1) -> nx.MultiDiGraph:
    """A copy of ``graph`` (as ``GraphStore.read_graph`` returns it) holding only what the window keeps (see the
    module's docstring); ``graph`` itself when the window is open at both ends.

    Args:
        graph: the graph read from the store.
        since: first day, ``YYYY-MM-DD``, or ``""``.
        until: last day, ``YYYY-MM-DD``, or ``""``.
        around: the entities a subgraph was read around: what is no longer within ``hops`` relations of them once
            relations are dropped goes too.
        hops: with ``around``, how many relations away to keep.
    """
    if not since and not until:
        return graph
    kept = graph.copy()
    kept.graph = dict(graph.graph)
    sources = {n for n, d in kept.nodes(data=True)
               if d.get("kind") == "Source" and in_window(d.get("published"), since, until)}
    kept.remove_nodes_from([n for n, d in graph.nodes(data=True) if d.get("kind") == "Source" and n not in sources])
    groups = _groups(kept)
    for a, b, key, data in list(kept.edges(keys=True, data=True)):
        if "evidence" in data and data.get("type") not in BOOKKEEPING:
            evidence = [e for e in data["evidence"] if e.get("source") in sources]
            if evidence:
                _recount(data, evidence, groups)
            else:
                kept.remove_edge(a, b, key)
        elif data.get("type") == "HAS_PARTICIPANT" and data.get("sources"):  # as `events` and `timeline` count
            told = [s for s in data["sources"] if s in sources or s not in graph]  # a subgraph's unread: kept
            if told:
                data["sources"] = told
            else:
                kept.remove_edge(a, b, key)
    kept.remove_nodes_from([n for n, d in graph.nodes(data=True)  # reported (or told) only by sources gone
                            if d.get("kind") in {"Event", "Story"} and _linked_to_source(graph, n)
                            and not _linked_to_source(kept, n)])
    recounts = {"Event": _recount_event, "Story": _recount_story, "Entity": _recount_entity}
    for node, data in kept.nodes(data=True):
        recount = recounts.get(str(data.get("kind")))
        if recount is not None:
            recount(graph, kept, node, data, groups)
    if around is not None:
        _keep_near(kept, around, hops)
    kept.remove_nodes_from([n for n, d in kept.nodes(data=True) if _left_alone(kept, n, d.get("kind"))])
    entities = {n for n, d in kept.nodes(data=True) if d.get("kind") == "Entity"}
    kept.graph["merges"] = [m for m in graph.graph.get("merges", ())
                            if m.entity_id in entities and (not m.source or m.source in sources)]
    return kept


def _recount(data: dict, evidence: list[dict], groups: dict[str, str]) -> None:
    """A kept relation's aggregates from its kept evidence (as the store computes them from all of it)."""
    srcs = list(dict.fromkeys(e["source"] for e in evidence))
    names = [(e.get("attributed_to") or {}).get("name") for e in evidence]
    data.update(evidence=evidence, sources=srcs, source_count=len(srcs), evidence_count=len(evidence),
                evidence_ids=[e["id"] for e in evidence], negated_count=sum(bool(e.get("negated")) for e in evidence),
                hedged_count=sum(bool(e.get("hedged")) for e in evidence),
                conditional_count=sum(bool(e.get("conditional")) for e in evidence),
                attributed_to=list(dict.fromkeys(n for n in names if n)))
    _independent(data, srcs, groups)


def _independent(data: dict, sources: list[str], groups: dict[str, str]) -> None:
    """``independent_sources`` of the kept sources: their copy groups (the whole graph's count is the most there
    can be: a subgraph's sources may lack their group)."""
    if isinstance(data.get("independent_sources"), int):
        data["independent_sources"] = min(data["independent_sources"], len({groups.get(s) or s for s in sources}))


def _groups(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {n: d.get("copy_group") or n for n, d in graph.nodes(data=True) if d.get("kind") == "Source"}


def _removed(graph: nx.MultiDiGraph, kept: nx.MultiDiGraph, node: str, link: str) -> tuple[list[dict], bool]:
    """The ``link`` edges (REPORTS, IN_STORY, MENTIONS) of ``node`` from the sources the window removed, and
    whether ``graph`` held every such edge of the node (a subgraph holds only those of the sources it read)."""
    edges = [(s, d) for s, _, d in graph.in_edges(node, data=True) if d.get("type") == link]
    stored = graph.nodes[node].get("size" if link == "IN_STORY" else "source_count")
    return [d for s, d in edges if s not in kept], stored == len(edges)


def _less(data: dict, name: str, n: int) -> None:
    """``data[name]`` less ``n``, where the node has that count."""
    if isinstance(data.get(name), int) and not isinstance(data[name], bool):
        data[name] -= n


def _recount_event(graph: nx.MultiDiGraph, kept: nx.MultiDiGraph, node: str, data: dict,
                   groups: dict[str, str]) -> None:
    """A kept event's counts less the reports of the sources gone (``cypher.REFRESH_EVENT_COUNTS`` computes them
    from all); its independent sources again when the graph holds all its reports."""
    gone, whole = _removed(graph, kept, node, "REPORTS")
    told = [span for d in gone for span in d.get("mentions") or []]
    if isinstance(data.get("sources"), list):
        data["sources"] = [s for s in data["sources"] if s in kept or s not in graph]
    _less(data, "source_count", len(gone))
    _less(data, "mention_count", len(told))
    for flag in ("negated", "hedged", "conditional"):
        _less(data, f"{flag}_count", sum(bool(span.get(flag)) for span in told))
    if whole and isinstance(data.get("sources"), list):
        _independent(data, data["sources"], groups)
    elif isinstance(data.get("independent_sources"), int) and isinstance(data.get("source_count"), int):
        data["independent_sources"] = min(data["independent_sources"], data["source_count"])


def _recount_story(graph: nx.MultiDiGraph, kept: nx.MultiDiGraph, node: str, data: dict,
                   groups: dict[str, str]) -> None:
    """A kept story's size less its sources gone; its first and last days again when the graph holds them all."""
    gone, whole = _removed(graph, kept, node, "IN_STORY")
    _less(data, "size", len(gone))
    if whole and gone:
        days = sorted(day for s, _, d in kept.in_edges(node, data=True)
                      if d.get("type") == "IN_STORY" and (day := str(kept.nodes[s].get("published") or "")[:10]))
        data.update(first=days[0] if days else None, last=days[-1] if days else None)


def _recount_entity(graph: nx.MultiDiGraph, kept: nx.MultiDiGraph, node: str, data: dict,
                    groups: dict[str, str]) -> None:
    """A kept entity's counts less the mentions of the sources gone (``cypher.REFRESH_ENTITY_COUNTS``)."""
    gone, _ = _removed(graph, kept, node, "MENTIONS")
    _less(data, "mention_count", sum(d.get("count") or 0 for d in gone))
    _less(data, "source_count", len(gone))


def _linked_to_source(graph: nx.MultiDiGraph, node: str) -> bool:
    return any(graph.nodes[p].get("kind") == "Source" for p in graph.predecessors(node))


def _relation_edges(graph: nx.MultiDiGraph) -> Iterable[tuple[str, str]]:
    for a, b, data in graph.edges(data=True):
        if data.get("type") not in BOOKKEEPING and graph.nodes[a].get("kind") in {"Entity", "Concept"} \
                and graph.nodes[b].get("kind") in {"Entity", "Concept"}:
            yield a, b


def _keep_near(graph: nx.MultiDiGraph, around: Sequence[str], hops: int) -> None:
    import networkx as nx

    relations: nx.Graph[str] = nx.Graph(list(_relation_edges(graph)))
    near = set(around)
    for start in around:
        if start in relations:
            near |= set(nx.single_source_shortest_path_length(relations, start, cutoff=max(hops, 0)))
    graph.remove_nodes_from([n for n, d in list(graph.nodes(data=True))
                             if d.get("kind") in {"Entity", "Concept"} and n not in near])


def _left_alone(graph: nx.MultiDiGraph, node: str, kind: str | None) -> bool:
    """An entity no kept source mentions and no relation reaches, or a concept no relation reaches."""
    if kind not in {"Entity", "Concept"}:
        return False
    for a, b, data in (*graph.in_edges(node, data=True), *graph.out_edges(node, data=True)):
        if data.get("type") == "MENTIONS" or data.get("type") not in BOOKKEEPING:
            return False
    return True


_SOURCE_DATES = "MATCH (s:Source) RETURN s.id AS id, s.published AS published"
_MENTIONED_IN = """
UNWIND $ids AS id
MATCH (s:Source {id: id})-[:MENTIONS]->(e:Entity)
RETURN DISTINCT e.id AS id
"""


_MENTION_COUNTS = """
UNWIND $ids AS id
MATCH (:Source {id: id})-[m:MENTIONS]->(:Entity {id: $entity})
RETURN toInteger(coalesce(sum(m.count), 0)) AS mentions, count(m) AS sources
"""


def window_mention_counts(store: _Runs, entity_id: str, sources: set[str]) -> tuple[int, int]:
    """How many mentions of the entity ``entity_id`` the ``sources`` hold, and in how many of them."""
    if not sources:
        return 0, 0
    [row] = store.run(_MENTION_COUNTS, {"ids": sorted(sources), "entity": entity_id}) or [{"mentions": 0,
                                                                                          "sources": 0}]
    return int(row["mentions"] or 0), int(row["sources"] or 0)


def window_sources(store: _Runs, since: str = "", until: str = "") -> set[str]:
    """The ids of the stored sources in the window (every source when it is open at both ends)."""
    return {row["id"] for row in store.run(_SOURCE_DATES) if in_window(row["published"], since, until)}


def window_entities(store: _Runs, since: str = "", until: str = "") -> set[str]:
    """The ids of the entities some source in the window mentions."""
    ids = sorted(window_sources(store, since, until))
    return {row["id"] for row in store.run(_MENTIONED_IN, {"ids": ids})} if ids else set()
