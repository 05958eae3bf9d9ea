"""What copy detection adds to a store write (``GraphStore._statements``): the sources' fingerprints and copy
groups, the COPY_OF pairs, and the independent sources of stored relations that a new copy regrouped.

A new article that copies two stored ones joins their groups, so relations reported only by stored sources change
their count though this write brings no evidence for them; they are found through the regrouped sources' evidence
and set by id, between ends matched by label (an unlabelled match would scan every node).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from newsgraph.graph import cypher
from newsgraph.graph.copies import SHINGLING

if TYPE_CHECKING:
    import networkx as nx

Run = Callable[..., list[dict[str, Any]]]


def fingerprint_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """The MinHash signature, shingle count and shingling version (``copies.SHINGLING`` for a signature this
    version made) of each source node that has a signature (``cypher.SET_FINGERPRINTS``)."""
    return [{"id": node, "minhash": list(d["minhash"]), "shingles": d.get("shingles", 0),
             "shingling": d.get("shingling", SHINGLING)}
            for node, d in graph.nodes(data=True) if d["kind"] == "Source" and d.get("minhash")]


def copy_groups(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The copy group of each source node that has one, and of the stored sources this graph regroups."""
    groups = {node: d["copy_group"] for node, d in graph.nodes(data=True)
              if d["kind"] == "Source" and d.get("copy_group")}
    groups.update(graph.graph.get("copy_groups") or {})
    return groups


def copy_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """The COPY_OF pairs of a graph: its copy records (``build_graph``) and its COPY_OF edges (a graph read back),
    each with its similarity and whether the two sources have one address (``same_url``)."""
    rows = {(c.source, c.original): {"similarity": c.similarity, "same_url": c.same_url}
            for c in graph.graph.get("copies") or ()}
    for u, v, d in graph.edges(data=True):
        if d.get("type") == "COPY_OF":
            row = rows.setdefault((u, v), {"same_url": False})
            row["similarity"] = d.get("similarity")
            row["same_url"] = bool(d.get("same_url", row["same_url"]))
    return [{"source": a, "original": b, **row} for (a, b), row in sorted(rows.items())]


def regrouped_events(run: Run, regrouped: list[str], written: Iterable[str]) -> list[str]:
    """The stored events, other than those ``written``, told by a source whose copy group changed."""
    if not regrouped:
        return []
    return sorted({r["id"] for r in run(cypher.EVENTS_OF_SOURCES, {"ids": regrouped})} - set(written))


def regrouped_relations(run: Run, regrouped: list[str], written: Iterable[str],
                        groups: dict[str, str]) -> dict[tuple[str, str], list[dict]]:
    """The new ``independent_sources`` of stored relations, other than those ``written``, with evidence from a
    source whose copy group changed, by (subject label, object label) (``cypher.set_independent_sources``).
    ``groups`` maps a source to its new group; other sources keep their stored one."""
    if not regrouped:
        return {}
    skip = set(written)
    by_labels: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in run(cypher.RELATIONS_OF_SOURCES, {"ids": regrouped}):
        if row["edge"] in skip:
            continue
        found = {groups.get(source) or group or source for source, group in row["groups"]}
        labels = ("Concept" if row["subject_concept"] else "Entity", "Concept" if row["object_concept"] else "Entity")
        by_labels[labels].append({"id": row["edge"], "subject": row["subject"], "object": row["object"],
                                  "independent_sources": len(found)})
    return dict(by_labels)
