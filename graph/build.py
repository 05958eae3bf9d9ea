"""Merge resolved triples into one networkx MultiDiGraph: one edge per (subject, predicate, object).

Node ids: entity ids from resolution, ``concept:<slug>`` for concepts, article ids for sources. Node attribute
``kind`` is ``Entity``, ``Concept`` or ``Source`` (a source has ``published`` in ISO 8601 and ``published_raw`` as
read). Relation edges are keyed by their predicate and carry ``id``,
``type`` (the relationship type, e.g. ``AGREE_TO``), ``predicate``, ``sources``, ``source_count`` and
``evidence`` (a list of evidence records, the rows of ``evidence.jsonl``, with the mention's circumstances
``when``, ``when_text``, ``where``, ``where_text``, ``via``, ``via_text``, ``occasion``). ``MENTIONS`` edges go from a source
to an entity and carry ``count`` and the mention spans.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from newsgraph.ingest.names import slug
from newsgraph.model import CIRCUMSTANCE_FIELDS, Arg, ArticleAnalysis, Resolution, Triple

RESERVED_TYPES = {"MENTIONS", "IN_SOURCE", "ATTRIBUTED_TO"}
_TYPE_OK = re.compile(r"^[A-Z][A-Z0-9_]*$")


def relationship_type(predicate: str) -> str:
    """The sanitised relationship type of a predicate: upper case, ``[A-Z][A-Z0-9_]*``, at most 64 characters.

    >>> relationship_type("decline to commit to")
    'DECLINE_TO_COMMIT_TO'
    >>> relationship_type("2x; DROP")
    'REL_2X_DROP'
    """
    name = re.sub(r"[^A-Z0-9]+", "_", predicate.upper()).strip("_")[:64] or "RELATED_TO"
    if not name[0].isalpha() or name in RESERVED_TYPES:
        name = f"REL_{name}"[:64]
    assert _TYPE_OK.match(name), name
    return name


def concept_id(name: str) -> str:
    """The node id of a concept.

    >>> concept_id("limited ceasefire")
    'concept:limited-ceasefire'
    """
    return f"concept:{slug(name)}"


def edge_id(subject: str, predicate: str, obj: str) -> str:
    """A stable id for the relation (subject, predicate, object)."""
    return hashlib.sha1(f"{subject}\x1f{predicate}\x1f{obj}".encode()).hexdigest()[:16]


def build_graph(analyses: Iterable[ArticleAnalysis], resolution: Resolution) -> nx.MultiDiGraph:
    """Build the provenance graph of the analysed articles under a resolution."""
    graph = nx.MultiDiGraph(merges=list(resolution.merges))
    entities = {e.id: e for e in resolution.entities}
    for analysis in analyses:
        article = analysis.article
        when = article.published or article.published_raw
        name = article.title or " ".join(p for p in (article.outlet, when) if p) or article.id
        graph.add_node(article.id, kind="Source", name=name, title=article.title, outlet=article.outlet,
                       url=article.url, published=article.published, published_raw=article.published_raw,
                       sha256=article.sha256, author=article.author)
        spans: dict[str, list] = defaultdict(list)
        for mention in analysis.mentions:
            entity_id = resolution.assignment.get((article.id, mention.local_id))
            if entity_id is not None:
                spans[entity_id].append({"source": article.id, "start": mention.start, "end": mention.end,
                                         "text": mention.text})
        for entity_id, found in spans.items():
            _add_entity(graph, entities[entity_id])
            graph.add_edge(article.id, entity_id, key="MENTIONS", type="MENTIONS", count=len(found), mentions=found)
        for triple in analysis.triples:
            _add_triple(graph, triple, resolution, entities)
    for node, data in graph.nodes(data=True):
        if data["kind"] == "Entity":
            mentions = [d for _, _, k, d in graph.in_edges(node, keys=True, data=True) if k == "MENTIONS"]
            data["mention_count"] = sum(d["count"] for d in mentions)
            data["source_count"] = len(mentions)
    return graph


def _add_entity(graph: nx.MultiDiGraph, entity) -> None:
    if entity.id not in graph:
        graph.add_node(entity.id, kind="Entity", name=entity.name, type=entity.type, aliases=list(entity.aliases))


def _node_of(arg: Arg, source: str, resolution: Resolution, entities, graph) -> tuple[str, dict]:
    if arg.local_id is not None:
        entity = entities[resolution.assignment[(source, arg.local_id)]]
        _add_entity(graph, entity)
        return entity.id, {"entity_id": entity.id, "name": entity.name, "type": entity.type}
    node = concept_id(arg.concept)
    if node not in graph:
        graph.add_node(node, kind="Concept", name=arg.concept)
    return node, {"entity_id": node, "name": arg.concept, "type": "Concept"}


def _add_triple(graph, triple: Triple, resolution: Resolution, entities) -> None:
    subject, subject_info = _node_of(triple.subject, triple.source, resolution, entities, graph)
    obj, object_info = _node_of(triple.object, triple.source, resolution, entities, graph)
    if subject == obj:
        return
    key = triple.predicate
    rel_id = edge_id(subject, key, obj)
    if not graph.has_edge(subject, obj, key):
        graph.add_edge(subject, obj, key=key, id=rel_id, type=relationship_type(key), predicate=key,
                       sources=[], source_count=0, evidence=[])
    data = graph.edges[subject, obj, key]
    attributed = None
    if triple.attributed_to is not None and triple.attributed_to.local_id is not None:
        speaker = entities[resolution.assignment[(triple.source, triple.attributed_to.local_id)]]
        attributed = {"entity_id": speaker.id, "name": speaker.name}
    record = {
        "id": evidence_id(triple), "edge_id": rel_id, "source": triple.source, "sentence": triple.sentence,
        "sentence_start": triple.sentence_start, "sentence_end": triple.sentence_end,
        "subject": {"text": triple.subject.text, "start": triple.subject.start, "end": triple.subject.end,
                    **subject_info},
        "predicate": triple.predicate,
        "object": {"text": triple.object.text, "start": triple.object.start, "end": triple.object.end, **object_info},
        "negated": triple.negated, "hedged": triple.hedged, "attributed_to": attributed,
        "confidence": triple.confidence, **{name: getattr(triple, name) for name in CIRCUMSTANCE_FIELDS},
    }
    if all(e["id"] != record["id"] for e in data["evidence"]):
        data["evidence"].append(record)
    if triple.source not in data["sources"]:
        data["sources"].append(triple.source)
        data["sources"].sort()
    data["source_count"] = len(data["sources"])


def evidence_id(triple: Triple) -> str:
    """A stable id for one relation mention: its source, its spans and its predicate."""
    parts = (triple.source, triple.subject.start, triple.subject.end, triple.predicate, triple.object.start,
             triple.object.end)
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]
