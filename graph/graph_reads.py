"""A stored graph read back as a networkx graph, whole or around some entities: nodes, relations with their
evidence, mentions, the event layer (events, reports, participants, stories) and copies, in the layout
``build_graph`` makes, so that exports and queries of a stored graph see what was written."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from newsgraph.graph import cypher
from newsgraph.graph.quantity_columns import attach_report_extras
from newsgraph.graph.reports import report_spans as _report_spans
from newsgraph.model import Evidence, Merge

if TYPE_CHECKING:
    import networkx as nx

class Run(Protocol):
    """A store's ``run``: one statement with its parameters, rows back as dicts."""

    def __call__(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


def read_graph(run: Run, around: Sequence[str] | None = None, hops: int = 1) -> nx.MultiDiGraph:
    """Read the whole graph, or the part within ``hops`` relations of the entities ``around``."""
    import networkx as nx  # here, not at the top: a command that reads no graph does not load it

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    if around is None:
        node_rows = run(cypher.ALL_NODES)
        relation_rows = run(cypher.ALL_RELATIONS)
    else:
        frontier, seen, relation_rows = set(around), set(around), []
        for _ in range(max(hops, 0)):
            if not frontier:
                break
            rows = run(cypher.NEIGHBOURS, {"ids": sorted(frontier)})
            relation_rows.extend(rows)
            reached = {r["subject"] for r in rows} | {r["object"] for r in rows}
            frontier = reached - seen
            seen |= reached
        node_rows = run(cypher.NODES_BY_ID, {"ids": sorted(seen)})
    for row in node_rows:
        props = dict(row["props"])
        kind = next(label for label in ("Entity", "Concept", "Source", "Event", "Story") if label in row["labels"])
        props.setdefault("name", row["id"])
        props["kind"] = kind
        props.pop("id", None)
        graph.add_node(row["id"], **props)
    entity_ids = [n for n, d in graph.nodes(data=True) if d["kind"] == "Entity"]
    edge_ids = set()
    for row in relation_rows:
        props = dict(row["props"])
        if row["subject"] not in graph or row["object"] not in graph:
            continue
        edge_ids.add(props["id"])
        graph.add_edge(row["subject"], row["object"], key=props.get("predicate", row["type"]), type=row["type"],
                       **{k: v for k, v in props.items() if k != "type"})
    resolved = run(cypher.RESOLUTIONS_OF, {"ids": None if around is None else entity_ids})
    graph.graph["merges"] = [Merge(r["entity_id"], r["alias"], r["source"], r["rule"], r["detail"] or "")
                             for r in resolved]
    _attach_mentions(run, graph, None if around is None else entity_ids)
    _attach_evidence(run, graph, None if around is None else sorted(edge_ids))
    _attach_events(run, graph, whole=around is None)
    _attach_copies(run, graph, whole=around is None)
    return graph

def _attach_copies(run: Run, graph: nx.MultiDiGraph, *, whole: bool) -> None:
    """The COPY_OF relationships between the sources of a graph read back."""
    ids = None if whole else sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "Source")
    if ids == []:
        return
    for row in run(cypher.COPIES_OF, {"ids": ids}):
        if row["source"] in graph and row["original"] in graph:
            graph.add_edge(row["source"], row["original"], key="COPY_OF", type="COPY_OF",
                           similarity=row["similarity"], same_url=bool(row.get("same_url")))

def _attach_events(run: Run, graph: nx.MultiDiGraph, *, whole: bool) -> None:
    """The fact layer of a graph read back: the events (with their stories) of the relations read — every
    event for a whole graph — with the sources' REPORTS of them, their entity participants, their stories."""
    if whole:
        ids = None
    else:
        ids = sorted({e["event_id"] for *_, d in graph.edges(data=True) for e in d.get("evidence", ())
                      if e.get("event_id")})
        if not ids:
            return
        rows = run(cypher.NODES_BY_ID, {"ids": ids})
        stories = sorted({r["props"].get("story") for r in rows if r["props"].get("story")})
        rows += run(cypher.NODES_BY_ID, {"ids": stories}) if stories else []
        for row in rows:
            props = {k: v for k, v in dict(row["props"]).items() if k != "id"}
            props.setdefault("name", row["id"])
            graph.add_node(row["id"], **props, kind="Event" if "Event" in row["labels"] else "Story")
    for row in run(cypher.REPORTS_OF, {"ids": ids}):
        if row["source"] not in graph or row["event"] not in graph:
            continue
        spans = _report_spans(row["props"], row["source"])
        attach_report_extras(spans, row["props"])
        graph.add_edge(row["source"], row["event"], key="REPORTS", type="REPORTS", mentions=spans)
    for row in run(cypher.PARTICIPANTS_OF, {"ids": ids}):
        if row["event"] in graph and row["entity"] in graph:
            graph.add_edge(row["event"], row["entity"], key=f"HAS_PARTICIPANT:{row['role']}",
                           type="HAS_PARTICIPANT", role=row["role"], sources=list(row.get("sources") or ()))
    story_ids = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "Story")
    for row in run(cypher.STORY_LINKS, {"ids": None if whole else story_ids}):
        if row["subject"] in graph and row["object"] in graph:
            graph.add_edge(row["subject"], row["object"], key=row["type"], type=row["type"])

def _attach_mentions(run: Run, graph: nx.MultiDiGraph, ids: list[str] | None) -> None:
    for row in run(cypher.MENTIONS_OF, {"ids": ids}):
        if row["entity"] not in graph:
            continue
        if row["source"] not in graph:
            source = run(cypher.NODES_BY_ID, {"ids": [row["source"]]})
            props = dict(source[0]["props"]) if source else {}
            props.pop("id", None)
            graph.add_node(row["source"], **{"name": row["source"], **props, "kind": "Source"})
        p = row["props"]
        kinds = p.get("kinds") or [""] * len(p.get("starts", []))
        spans = [{"source": row["source"], "start": s, "end": e, "text": t, "kind": k}
                 for s, e, t, k in zip(p.get("starts", []), p.get("ends", []), p.get("texts", []), kinds)]
        graph.add_edge(row["source"], row["entity"], key="MENTIONS", type="MENTIONS", count=p.get("count", 0),
                       mentions=spans)

def _attach_evidence(run: Run, graph: nx.MultiDiGraph, edge_ids: list[str] | None) -> None:
    by_edge: dict[str, list] = defaultdict(list)
    for row in run(cypher.EVIDENCE_OF, {"ids": edge_ids}):
        by_edge[row["props"]["edge_id"]].append(_evidence_record(row["props"], graph))
    for *_, data in graph.edges(data=True):
        if "id" in data and data.get("type") not in cypher.BOOKKEEPING:
            data["evidence"] = sorted(by_edge.get(data["id"], []),
                                      key=lambda e: (e["source"], e["sentence_start"], e["id"]))


def _evidence_record(props: dict, graph: nx.MultiDiGraph) -> dict:
    """An Evidence node's properties as an evidence.jsonl record (the inverse of the store's evidence row), its
    ends named from the graph's nodes."""
    return Evidence.from_properties(props, graph.nodes).to_row()
