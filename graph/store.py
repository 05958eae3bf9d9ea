"""Graph stores: write the provenance graph with idempotent MERGEs in UNWIND batches, read it back, run Cypher.

``GraphStore`` holds everything both backends share (the statements and how rows are batched); a backend
supplies ``run`` (one statement, rows back as dicts), ``run_read_only`` (the same, refused by the store if it
writes), ``_write_unit`` (statements that belong together, in one
transaction where the backend has them), optionally ``_write_units`` (all the units of one graph, atomically where
it can) and ``ensure_schema``.
"""

from __future__ import annotations

import hashlib
import logging
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from newsgraph.errors import BadArticle, UnknownEntity
from newsgraph.graph import copy_writes, cypher, graph_reads
from newsgraph.graph.copies import Fingerprint, url_key
from newsgraph.graph.lookup import find_entity
from newsgraph.graph.reports import report_properties as _report_properties
from newsgraph.model import Entity, Evidence, Relation, Story, value_problem

if TYPE_CHECKING:
    import networkx as nx

log = logging.getLogger(__name__)

Statement = tuple[str, dict[str, Any]]


class GraphStore(ABC):
    """A Cypher graph store holding newsgraph's schema."""

    kind = "abstract"
    #: Whether two threads may read at once, each on its own connection (FalkorDB's Bolt port cannot).
    parallel_reads = False

    def __init__(self, *, batch_size: int = 2000) -> None:
        self.batch_size = max(1, batch_size)

    # --- what a backend supplies -----------------------------------------------------------------------------
    @abstractmethod
    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement and return its rows as dicts of plain Python values."""

    @abstractmethod
    def run_read_only(self, query: str, params: dict[str, Any] | None = None, *, graph_elements: bool = False,
                      timeout: float | None = None) -> list[dict[str, Any]]:
        """Run one statement that the store itself refuses if it would write (FalkorDB ``GRAPH.RO_QUERY``, a Neo4j
        read transaction).

        Args:
            query: The Cypher text; every value in ``params``.
            params: The parameters.
            graph_elements: Return nodes as ``{"element": "node", "id", "labels", "properties"}``,
                relationships as ``{"element": "relationship", "id", "type", "start", "end", "properties"}`` and
                paths as ``{"element": "path", "nodes", "relationships"}`` (ids are the store's own, as strings),
                so that a caller can draw them; by default they come back as ``run`` returns them.
            timeout: Seconds after which the store abandons the statement; None for the store's default.

        Raises:
            WriteRefused: the statement writes (a ``QueryRefused``).
            QueryRefused: the store rejects the statement (the message says why).
            StoreUnavailable: the store cannot be reached, or cannot keep a statement from writing.
        """

    def read_rows(self, query: str, params: dict[str, Any] | None = None, *,
                  types: Sequence[type] | None = None) -> list[list[Any]]:
        """One read statement's rows of scalars and lists, as lists in column order; ``types`` (``str``, ``int``,
        ``float`` or ``bool`` per column) may let a backend read a cheaper reply (``FalkorStore.read_rows``)."""
        return [list(row.values()) for row in self.run(query, params)]

    @abstractmethod
    def _write_unit(self, statements: Sequence[Statement]) -> None:
        """Run statements that belong together (one transaction where the backend has them)."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the id indexes (and constraints where the store has them) if absent."""

    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- shared ----------------------------------------------------------------------------------------------
    def ledger(self) -> dict[str, str]:
        """sha256 → source id of every completely ingested article."""
        return {row["sha256"]: row["id"] for row in self.run(cypher.LEDGER)}

    def known_stories(self) -> list[Story]:
        """The stories already in the store, for grouping new articles (``newsgraph.graph.stories``)."""
        return [
            Story(row["id"], row["name"] or row["id"],
                  tuple((t, w / 1000) for t, w in zip(row["terms"] or (), row["weights"] or ())),
                  int(row["size"] or 0), row["first"] or "", row["last"] or "")
            for row in self.run(cypher.KNOWN_STORIES)
        ]

    def known_fingerprints(self) -> list[Fingerprint]:
        """The fingerprints of the completely ingested sources, for finding copies of new articles among them."""
        return [Fingerprint(row["id"], row["published"] or "", tuple(int(v) for v in row["minhash"] or ()),
                            int(row["shingles"] or 0), row["copy_group"] or "", url_key(row["url"] or ""))
                for row in self.run(cypher.KNOWN_FINGERPRINTS)]

    def story_members(self) -> dict[str, str]:
        """Source id → story id of every stored source that is in a story."""
        return {row["source"]: row["story"] for row in self.run(cypher.STORY_MEMBERS)}

    def stored_texts(self) -> dict[str, str]:
        """source id → sha256 of the text of every completely ingested article."""
        return {row["id"]: row["sha256"] for row in self.run(cypher.LEDGER)}

    def known_entities(self) -> list[Entity]:
        """The entities already in the store, for incremental resolution."""
        return [
            Entity(row["id"], row["name"], row["type"] or "Other", tuple(row["aliases"] or ()))
            for row in self.run(cypher.KNOWN_ENTITIES)
        ]

    def find_entity(self, text: str) -> Entity:
        """The entity an analyst means by ``text``: a name, alias, id, or a description resolution linked to it
        ("the Russian leader").

        Raises:
            UnknownEntity: nothing matches, or several entities do.
        """
        known = self.known_entities()
        try:
            return find_entity(known, text)
        except UnknownEntity:
            ids = [row["id"] for row in self.run(cypher.ENTITIES_BY_RESOLVED_ALIAS, {"alias": text.strip()})]
            if len(ids) != 1:
                raise
            return next(e for e in known if e.id == ids[0])

    def write_graph(self, graph: nx.MultiDiGraph, progress: Callable[[int], None] | None = None) -> int:
        """Write a graph built by ``build_graph``; return the number of relation evidence rows written.

        Every value is checked before anything is written. Sources are marked complete (their ``sha256`` set) only
        after everything else of theirs is written: last in the one Neo4j transaction, in a MULTI/EXEC of its own
        on FalkorDB once the rest is confirmed. A write that fails leaves its sources out of the ledger, and writing
        the graph again completes it.

        Raises:
            BadArticle: a value cannot be stored (a NUL character or a lone surrogate); nothing was written.
            StoreUnavailable: the store failed.
        """
        units = list(self._statements(graph))
        self._write_checked(units)
        if progress:
            progress(len(units))
        return sum(len(d.get("evidence", [])) for *_, d in graph.edges(data=True))

    def _write_checked(self, units: Sequence[Sequence[Statement]]) -> None:
        """Check every value of ``units`` (``check_values``), then ``_write_units`` them."""
        check_values(units)
        self._write_units(units)

    def _write_units(self, units: Sequence[Sequence[Statement]]) -> None:
        """Run the units of one graph in order; backends that can make them one atomic unit do so."""
        for statements in units:
            self._write_unit(statements)

    def _statements(self, graph: nx.MultiDiGraph) -> Iterable[list[Statement]]:
        sources, concepts, stories, events = [], [], [], []
        entities: dict[str, list] = defaultdict(list)
        for node, data in graph.nodes(data=True):
            kind = data["kind"]
            if kind == "Source":
                sources.append({"id": node, "name": data.get("name", node), **{k: data.get(k, "") for k in
                                ("title", "outlet", "url", "published", "published_raw", "author", "sha256")},
                                "text": data.get("text")})
            elif kind == "Entity":
                entities[data["type"]].append({"id": node, "name": data["name"], "type": data["type"],
                                               "aliases": list(data.get("aliases", []))})
            elif kind == "Story":
                stories.append({"id": node, "name": data["name"], "size": data["size"], "first": data["first"],
                                "last": data["last"], "terms": data["terms"], "weights": data["weights"]})
            elif kind == "Event":
                events.append({"id": node, "name": data["name"], "event_class": data["event_class"],
                               "story": data["story"]})
            else:
                concepts.append({"id": node, "name": data["name"], "story": data.get("story", "")})
        mentions: list[dict] = []
        concept_mentions: list[dict] = []
        reports: list[dict] = []
        in_story: list[dict] = []
        participants: list[dict] = []
        evidence: list[dict] = []
        relations: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for subject, obj, key, data in graph.edges(keys=True, data=True):
            edge_type = data.get("type")
            if key == "MENTIONS":
                spans = data.get("mentions", [])
                rows = concept_mentions if graph.nodes[obj]["kind"] == "Concept" else mentions
                rows.append({"source": subject, "entity": obj, "count": data["count"],
                             "starts": [m["start"] for m in spans], "ends": [m["end"] for m in spans],
                             "texts": [m["text"] for m in spans], "kinds": [m.get("kind", "") for m in spans]})
            elif key == "REPORTS":
                reports.append({"source": subject, "event": obj, "props": _report_properties(data["mentions"])})
            elif key == "IN_STORY":
                in_story.append({"source": subject, "story": obj})
            elif edge_type == "HAS_PARTICIPANT":
                participants.append({"event": subject, "entity": obj, "role": data["role"],
                                     "sources": list(data.get("sources") or ())})
            elif edge_type in {"PART_OF", "COPY_OF"}:
                continue  # written with the event; copies from the sources' copy records below
            else:
                labels = (graph.nodes[subject]["kind"], graph.nodes[obj]["kind"])
                relation = Relation.from_edge(subject, obj, data)
                relations[(relation.type, *labels)].append(relation.store_row())
                evidence.extend(e.to_properties() for e in relation.evidence)
        yield from self._batched(cypher.MERGE_SOURCES, sources)
        yield from self._batched(cypher.SET_FINGERPRINTS, copy_writes.fingerprint_rows(graph))
        groups = copy_writes.copy_groups(graph)
        yield from self._batched(cypher.SET_COPY_GROUPS, [{"id": k, "group": v} for k, v in sorted(groups.items())])
        yield from self._batched(cypher.MERGE_COPIES, copy_writes.copy_rows(graph))
        yield from self._batched(cypher.MERGE_STORIES, stories)
        yield from self._batched(cypher.IN_STORY, in_story)
        for entity_type, rows in sorted(entities.items()):
            yield from self._batched(cypher.relabel_entities(entity_type), rows)
            yield from self._batched(cypher.merge_entities(entity_type), rows)
        yield from self._batched(cypher.MERGE_CONCEPTS, concepts)
        yield from self._batched(cypher.MERGE_EVENTS, events)
        yield from self._batched(cypher.MERGE_MENTIONS, mentions)
        yield from self._batched(cypher.MERGE_CONCEPT_MENTIONS, concept_mentions)
        yield from self._batched(cypher.MERGE_REPORTS, reports)
        yield from self._batched(cypher.MERGE_PARTICIPANTS, participants)
        ids = [{"id": node} for node, d in graph.nodes(data=True) if d["kind"] == "Entity"]
        for chunk in chunks(ids, self.batch_size):
            yield [(cypher.REFRESH_ENTITY_COUNTS, {"ids": [r["id"] for r in chunk]})]
        regrouped = sorted(graph.graph.get("regrouped") or ())  # stored sources whose copy group changed
        event_ids = [r["id"] for r in events]
        event_ids += copy_writes.regrouped_events(self.run, regrouped, event_ids)
        for chunk in chunks(event_ids, self.batch_size):
            yield [(cypher.REFRESH_EVENT_COUNTS, {"ids": chunk})]
        yield from self._batched(cypher.MERGE_EVIDENCE, evidence)
        # The links need an evidence's id and the other end's, not its every property (a third of the text
        # and of the server's parsing of a chunk's writes, sent again three times).
        yield from self._batched(cypher.LINK_ATTRIBUTION, _link_rows(evidence, "attributed_to"))
        yield from self._batched(cypher.LINK_PRINCIPAL, _link_rows(evidence, "on_behalf_of"))
        yield from self._batched(cypher.LINK_EVIDENCE_EVENTS, _link_rows(evidence, "event_id"))
        yield from self._relation_statements(relations, evidence, groups)
        written = [row["id"] for rows in relations.values() for row in rows]
        for labels, rows in sorted(copy_writes.regrouped_relations(self.run, regrouped, written, groups).items()):
            yield from self._batched(cypher.set_independent_sources(*labels), rows)
        yield from self._batched(cypher.MERGE_RESOLUTIONS, [_resolution_row(m) for m in graph.graph.get("merges", ())])
        yield from self._batched(cypher.MARK_SOURCES_DONE, [{"id": r["id"], "sha256": r["sha256"]} for r in sources])

    def _relation_statements(self, relations: dict[tuple[str, str, str], list[dict]],
                             evidence: list[dict], groups: dict[str, str]) -> Iterable[list[Statement]]:
        """The statements merging the relations (after their evidence is written), one per type and label pair
        (their independent sources from the sources' copy groups, written before them)."""
        for key, rows in sorted(relations.items()):
            yield from self._batched(cypher.merge_relations(*key), rows)

    def _batched(self, query: str, rows: list[dict]) -> Iterable[list[Statement]]:
        for chunk in chunks(rows, self.batch_size):
            yield [(query, {"rows": chunk})]

    def read_graph(self, around: Sequence[str] | None = None, hops: int = 1) -> nx.MultiDiGraph:
        """Read the whole graph, or the part within ``hops`` relations of the entities ``around``."""
        return graph_reads.read_graph(self.run, around, hops)

    def counts(self) -> dict[str, int]:
        """How many sources, entities, concepts, relations, evidence rows are stored, how many relations two
        independent sources or more state plainly (``corroborated``) and how many two sources report (``reported``,
        copies counted)."""
        row = self.run(cypher.COUNTS)[0]
        rel = self.run(cypher.RELATION_COUNTS)[0]
        return {k: int(v or 0) for k, v in (row | rel).items()}


def check_values(units: Sequence[Sequence[Statement]]) -> None:
    """Raise BadArticle, naming the row's source, if any value of any statement cannot be stored."""
    def problem(value: Any) -> str | None:
        if isinstance(value, str):
            return value_problem(value)
        if isinstance(value, dict):
            return next((p for v in value.values() if (p := problem(v))), None)
        if isinstance(value, (list, tuple)):
            return next((p for v in value if (p := problem(v))), None)
        return None

    for statements in units:
        for _, params in statements:
            if value_problem("".join(_strings(params, []))) is None:  # one search over all of a statement's text
                continue
            for rows in params.values():
                for row in rows if isinstance(rows, list) else [rows]:
                    found = problem(row)
                    if found:
                        where = row.get("source") or row.get("id") if isinstance(row, dict) else None
                        raise BadArticle(f"cannot store a value{f' of {where}' if where else ''}: it holds {found}; "
                                         f"nothing of this chunk was written")


def _strings(values: dict | list | tuple, found: list[str]) -> list[str]:
    """Every string in ``values`` (a statement's parameters: maps and lists of rows, lists and scalars) appended to
    ``found``, in order; returns ``found``.

    >>> _strings({"rows": [{"id": "a", "n": 1, "names": ["b", "c"]}], "ids": ("d",), "x": None}, [])
    ['a', 'b', 'c', 'd']
    """
    for value in values.values() if isinstance(values, dict) else values:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, (dict, list, tuple)):
            _strings(value, found)
    return found


def _link_rows(evidence: list[dict], key: str) -> list[dict]:
    """The rows linking evidence to the node its ``key`` names: ``id`` and ``key`` of each evidence that has one.

    >>> _link_rows([{"id": "v1", "event_id": "e1", "sentence": "..."}, {"id": "v2", "event_id": None}], "event_id")
    [{'id': 'v1', 'event_id': 'e1'}]
    """
    return [{"id": row["id"], key: row[key]} for row in evidence if row[key]]


def chunks(rows: list, size: int) -> Iterable[list]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _resolution_row(merge) -> dict:
    key = "\x1f".join((merge.entity_id, merge.alias, merge.source, merge.rule))
    return {"id": hashlib.sha1(key.encode()).hexdigest()[:16], "entity_id": merge.entity_id, "alias": merge.alias,
            "source": merge.source, "rule": merge.rule, "detail": merge.detail}


def _evidence_row(record: dict) -> dict:
    """Flatten an evidence record (as in evidence.jsonl) into the properties of an Evidence node."""
    return Evidence.from_row(record).to_properties()
