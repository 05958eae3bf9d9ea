"""What the workbench shows, read from a store: search hits, entity, story and source pages, neighbourhoods and
the evidence behind a relation, each as a JSON-ready dict. Every statement runs read-only (``run_read_only``).

The Cypher is in ``newsgraph.workbench.cypher``; this module shapes rows into pages. The fact layer (stories,
events) is used when the graph has it and reported as absent when it has not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from newsgraph.errors import UnknownEntity
from newsgraph.graph.cypher import COUNTS
from newsgraph.graph.store import GraphStore
from newsgraph.workbench import cypher
from newsgraph.workbench.facts import story_facts
from newsgraph.workbench.search import Named, find, named
from newsgraph.workbench.shapes import alias_table, edge_of, evidence_item, node_of, relation_groups, timeline

#: Most relations read per expansion of the graph view, most reported first.
EXPAND_LIMIT = 300
#: Most rows a page list holds.
PAGE_LIMIT = 500


class Pages:
    """The workbench's read model over one store.

    Args:
        store: An open store; only ``run_read_only`` is called on it.
        timeout: Seconds after which the store abandons one statement.
    """

    def __init__(self, store: GraphStore, *, timeout: float = 30.0) -> None:
        self.store = store
        self.timeout = timeout
        self._layers: dict[str, bool] | None = None
        self._name_index: tuple[tuple[Any, ...], list[Named]] | None = None

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.store.run_read_only(query, params or {}, timeout=self.timeout)

    def read_all(self, queries: list[str], params: dict[str, Any]) -> list[dict[str, Any]]:
        return [row for query in queries for row in self.read(query, params)]

    # --- the graph's shape ----------------------------------------------------------------------------------------
    def layers(self) -> dict[str, bool]:
        """Which optional parts the graph holds: stories, fact-layer events, links between copies of a source.

        Read once per ``Pages``: the workbench serves a graph that is not written meanwhile (restart it after an
        ingest to see new layers).
        """
        if self._layers is None:
            self._layers = {name: bool(self.read(query)) for name, query in
                            (("stories", cypher.HAS_STORIES), ("events", cypher.HAS_FACT_EVENTS),
                             ("copies", cypher.HAS_COPIES))}
        return self._layers

    def info(self) -> dict[str, Any]:
        """The home page: counts, optional layers, the most reported entities and the largest stories."""
        counts = {k: int(v or 0) for k, v in self.read(COUNTS)[0].items()}  # as the ingest summary counts
        layers = self.layers()
        stories = self.read(cypher.STORIES, {"limit": 50}) if layers["stories"] else []
        return {"store": self.store.kind, "counts": counts, "layers": layers,
                "entities": self.read(cypher.TOP_ENTITIES, {"limit": 30}), "stories": stories}

    # --- search ---------------------------------------------------------------------------------------------------
    def search(self, text: str, limit: int = 25) -> dict[str, Any]:
        """Entities by any name they go by, compared as the CLI compares names (``search.find``); concepts,
        sources and stories by the words of their names."""
        q = text.strip()
        if not q:
            return {"query": q, "entities": [], "concepts": [], "sources": [], "stories": []}
        params = {"q": q, "limit": limit}
        stories = self.read(cypher.SEARCH_STORIES, params) if self.layers()["stories"] else []
        return {"query": q, "entities": find(self._names(), q, limit),
                "concepts": self.read(cypher.SEARCH_CONCEPTS, params),
                "sources": self.read(cypher.SEARCH_SOURCES, params), "stories": stories}

    def _names(self) -> list[Named]:
        """Every entity's names, read again when the graph has changed (``cypher.GRAPH_SIZE``)."""
        size = tuple(self.read(cypher.GRAPH_SIZE)[0].values())
        cached = self._name_index
        if cached is None or cached[0] != size:
            cached = self._name_index = (size, [named(row) for row in self.read(cypher.ENTITY_NAMES)])
        return cached[1]

    # --- entity and concept pages ---------------------------------------------------------------------------------
    def node_kind(self, node_id: str) -> str:
        """``Entity`` or ``Concept``: the label of the node with this id.

        Raises:
            UnknownEntity: no entity or concept has it.
        """
        for kind in cypher.NODE_LABELS:
            if self.read(cypher.nodes_by_id(kind), {"ids": [node_id]}):
                return kind
        raise UnknownEntity(f"no entity or concept has the id {node_id!r}; search for it by name")

    def entity(self, node_id: str) -> dict[str, Any]:
        """An entity's (or concept's) page: aliases with their sources, the resolution log, relations grouped by
        class, and the timeline of its events when the graph has them.

        Raises:
            UnknownEntity: no entity or concept has the id.
        """
        kind = self.node_kind(node_id)
        [head] = self.read(cypher.ENTITY if kind == "Entity" else cypher.CONCEPT, {"id": node_id})
        rows = self.read_all(cypher.relations_of(kind), {"id": node_id, "limit": 5 * PAGE_LIMIT})
        page: dict[str, Any] = {"kind": kind, **head, "relations": relation_groups(rows, node_id),
                                "aliases": [], "resolution": [], "pronouns": 0, "timeline": None}
        if kind == "Entity":
            mentions = self.read(cypher.ENTITY_MENTIONS, {"id": node_id})
            page["resolution"] = self.read(cypher.ENTITY_RESOLUTIONS, {"id": node_id})
            page["aliases"], page["pronouns"] = alias_table(head, mentions, page["resolution"])
            page["sources_list"] = [_without(m, "texts") for m in mentions]
            if self.layers()["events"]:
                page["timeline"] = timeline(self.read(cypher.ENTITY_EVENTS, {"id": node_id, "limit": PAGE_LIMIT}))
        return page

    # --- graph view -----------------------------------------------------------------------------------------------
    def neighbourhood(self, ids: Iterable[str], hops: int = 1, *, limit: int = EXPAND_LIMIT,
                      sources: bool = False, events: bool = False) -> dict[str, Any]:
        """The nodes within ``hops`` relations of ``ids`` and the relations between them, for the graph view.

        Each expansion reads at most ``limit`` relations per label, most reported first; ``sources`` and ``events``
        add the sources mentioning the entities and the fact layer's events they take part in.

        Raises:
            UnknownEntity: no entity or concept has any of the ids.
        """
        start = list(dict.fromkeys(ids))
        nodes: dict[str, dict] = {}
        for kind in cypher.NODE_LABELS:
            for row in self.read(cypher.nodes_by_id(kind), {"ids": start}):
                nodes[row["id"]] = node_of(row["id"], row["name"], row["labels"], row["type"], row["sources"])
        if not nodes:
            raise UnknownEntity(f"no entity or concept has the id {', '.join(map(repr, start))}; search for it by name")
        edges: dict[str, dict] = {}
        frontier = [i for i in start if i in nodes]
        for _ in range(max(0, min(hops, 3))):
            reached = []
            for kind in cypher.NODE_LABELS:
                ids_here = [i for i in frontier if nodes[i]["kind"] == kind]
                if not ids_here:
                    continue
                rows = self.read_all(cypher.neighbours_of(kind), {"ids": ids_here, "limit": limit})
                rows.sort(key=lambda r: (-(r["props"].get("source_count") or 0), str(r["props"].get("id"))))
                for row in rows[:limit]:
                    if row["other_id"] not in nodes:
                        nodes[row["other_id"]] = node_of(row["other_id"], row["other_name"], row["other_labels"],
                                                         row["other_type"], row["other_sources"])
                        reached.append(row["other_id"])
                    edge = edge_of(row["type"], row["props"], row["subject"], row["object"])
                    edges.setdefault(edge["id"], edge)
            frontier = reached
        entity_ids = [i for i, n in nodes.items() if n["kind"] == "Entity"]
        if sources and entity_ids:
            for row in self.read(cypher.SOURCES_MENTIONING, {"ids": entity_ids}):
                nodes.setdefault(row["source"], {"id": row["source"], "kind": "Source",
                                                 "name": row["outlet"] or row["source"], "type": "Source",
                                                 "published": row["published"], "title": row["title"]})
                key = f"mentions:{row['source']}:{row['entity']}"
                edges[key] = {"id": key, "source": row["source"], "target": row["entity"], "type": "MENTIONS",
                              "predicate": "mentions", "bookkeeping": True, "width": 1, "polarity": "none"}
        if events and entity_ids and self.layers()["events"]:
            for row in self.read(cypher.EVENTS_OF, {"ids": entity_ids}):
                nodes.setdefault(row["event"], {"id": row["event"], "kind": "Event", "name": row["name"],
                                                "type": row["event_class"] or "Event"})
                key = f"participant:{row['event']}:{row['entity']}"
                edges[key] = {"id": key, "source": row["event"], "target": row["entity"], "type": "HAS_PARTICIPANT",
                              "predicate": row["role"] or "participant", "bookkeeping": True, "width": 1,
                              "polarity": "none"}
        return {"nodes": list(nodes.values()), "edges": list(edges.values()), "start": start}

    # --- evidence panel -------------------------------------------------------------------------------------------
    def evidence(self, edge_ids: list[str]) -> dict[str, list[dict]]:
        """Every sentence behind each relation: outlet, date, URL, and the spans to highlight in it."""
        rows = self.read(cypher.EVIDENCE, {"ids": list(edge_ids)})
        pairs = {(r["evidence"]["source"], r["evidence"]["event_id"]) for r in rows if r["evidence"].get("event_id")}
        triggers: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        if pairs and self.layers()["events"]:
            for row in self.read(cypher.EVENT_TRIGGERS, {"pairs": [{"source": s, "event": e} for s, e in pairs]}):
                starts = row["starts"] or []
                lemmas = list(row["lemmas"] or [])[:len(starts)] + [""] * (len(starts) - len(row["lemmas"] or []))
                triggers[(row["source"], row["event"])] = list(zip(starts, row["ends"] or [], lemmas))
        out: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            ev = row["evidence"]
            out[ev["edge_id"]].append(evidence_item(row, triggers.get((ev["source"], ev.get("event_id")), [])))
        return dict(out)

    def relation(self, edge_id: str) -> dict[str, Any]:
        """One relation with its evidence (for a link to it).

        Raises:
            UnknownEntity: no relation has the id.
        """
        items = self.evidence([edge_id]).get(edge_id, [])
        subject = items[0]["subject_id"] if items else None
        for kind in cypher.NODE_LABELS:
            rows = self.read(cypher.relation_by_id(kind), {"subject": subject, "id": edge_id}) if subject else []
            if rows:
                row = rows[0]
                edge = edge_of(row["type"], row["props"], row["subject"], row["object"])
                return {**edge, "subject_name": row["subject_name"], "object_name": row["object_name"],
                        "evidence": items}
        raise UnknownEntity(f"no relation has the id {edge_id!r}")

    # --- story and source pages -----------------------------------------------------------------------------------
    def story(self, story_id: str) -> dict[str, Any]:
        """A story: its sources with outlet and date, its events, and which facts are corroborated, reported by one
        outlet only, or contested.

        Raises:
            UnknownEntity: the graph has no stories, or none with this id.
        """
        if not self.layers()["stories"]:
            raise UnknownEntity("no stories in this graph")
        found = self.read(cypher.STORY, {"id": story_id})
        if not found:
            raise UnknownEntity(f"no story has the id {story_id!r}")
        sources = self.read(cypher.STORY_SOURCES, {"id": story_id})
        events = self.read(cypher.STORY_EVENTS, {"id": story_id, "limit": PAGE_LIMIT})
        evidence = self.read(cypher.STORY_EVIDENCE, {"id": story_id, "limit": 2 * PAGE_LIMIT})
        ends = sorted({row[key] for row in evidence for key in ("subject_id", "object_id") if row.get(key)})
        names = {row["id"]: row["name"] for kind in cypher.NODE_LABELS
                 for row in self.read(cypher.names_by_id(kind), {"ids": ends}) if row.get("name")}
        return {"story": found[0]["story"], "sources": sources, **story_facts(sources, events, evidence, names)}

    def source(self, source_id: str) -> dict[str, Any]:
        """A source: its metadata, stories, the entities it mentions and its relation sentences.

        Raises:
            UnknownEntity: no source has the id.
        """
        found = self.read(cypher.SOURCE, {"id": source_id})
        if not found or found[0]["source"] is None:
            raise UnknownEntity(f"no source has the id {source_id!r}")
        head = found[0]
        props = {k: v for k, v in head["source"].items() if k not in {"sha256", "minhash"}}
        evidence = [evidence_item({"evidence": r["evidence"], **props}, [])
                    for r in self.read(cypher.SOURCE_EVIDENCE, {"id": source_id, "limit": PAGE_LIMIT})]
        return {"source": props, "stories": [s for s in head["stories"] if s and s.get("id")],
                "copy_of": [c for c in head["copy_of"] if c],
                "entities": self.read(cypher.SOURCE_ENTITIES, {"id": source_id, "limit": PAGE_LIMIT}),
                "evidence": evidence}


def _without(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}
