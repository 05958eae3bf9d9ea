"""The JSON Lines formats of an export (``newsgraph.graph.export``): one line per relation mention
(``evidence-jsonl``), entity (``entities-jsonl``), entity, concept or event mention (``mentions-jsonl``) or source
(``sources-jsonl``), each rendered from the provenance graph in sorted order.

Every offset of evidence-jsonl and mentions-jsonl points into the text of its ``source``; sources-jsonl gives that
text, so ``text[start:end]`` of a source's line is the span a row quotes. It lists every source a row of the other
line formats names, and every source node of the graph.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsgraph.graph.cypher import BOOKKEEPING
from newsgraph.graph.neo4j_csv import json_default
from newsgraph.model import Evidence

if TYPE_CHECKING:
    import networkx as nx

#: What a sources-jsonl line gives of its Source node besides its id (``source``) and its ``text``, in this order.
SOURCE_FIELDS = ("title", "outlet", "url", "published", "published_raw", "author", "sha256", "copy_group")


def none_last(*values: Any) -> tuple:
    """A sort key that puts ``None`` last instead of failing on it.

    >>> sorted([(None, 1), ("b", 2), ("a", 3)], key=lambda v: none_last(*v))
    [('a', 3), ('b', 2), (None, 1)]
    """
    return tuple((v is None, "" if v is None else v) for v in values)


def evidence_order(record: dict) -> tuple:
    """Where an evidence row (``Evidence.to_row``'s form) goes in evidence-jsonl: by source, sentence, subject and
    object offsets, predicate, relation and id."""
    subject, obj = record.get("subject") or {}, record.get("object") or {}
    return none_last(record.get("source"), record.get("sentence_start"), subject.get("start"), obj.get("start"),
                     record.get("predicate"), record.get("edge_id"), record.get("id"))


def span_order(span: dict) -> tuple:
    """Where a mention span goes: by source, start, end and text."""
    return none_last(span.get("source"), span.get("start"), span.get("end"), span.get("text"))


def is_mention(key: Any, data: dict) -> bool:
    """Whether an edge (key and attributes) is a source's ``MENTIONS`` of an entity or concept."""
    return key == "MENTIONS" or data.get("type") == "MENTIONS"


def is_bookkeeping(key: Any, data: dict) -> bool:
    """Whether an edge is one of the store's bookkeeping links rather than an analysts' relation."""
    return str(key).split(":")[0] in BOOKKEEPING or data.get("type") in BOOKKEEPING


_LINE = json.JSONEncoder(ensure_ascii=False, default=json_default)  # what export's JSON text does, made once


def jsonl_line(record: dict) -> str:
    """One line of a JSONL export, its newline included.

    >>> jsonl_line({"text": "Київ", "n": 1})
    '{"text": "Київ", "n": 1}\\n'
    """
    return _LINE.encode(record) + "\n"


def _jsonl(records: list[dict]) -> bytes:
    return "".join(map(jsonl_line, records)).encode("utf-8")


def _evidence_jsonl(graph: nx.MultiDiGraph) -> bytes:
    records = []
    for u, v, k, d in graph.edges(keys=True, data=True):
        if is_bookkeeping(k, d):
            continue
        predicate = d.get("predicate", k)
        for e in d.get("evidence") or ():
            evidence = Evidence.from_row(e, graph.nodes, edge_id=d.get("id"), predicate=predicate,
                                         relation_class=predicate)
            records.append(evidence.to_row())
    return _jsonl(sorted(records, key=evidence_order))


def _entities_jsonl(graph: nx.MultiDiGraph) -> bytes:
    records = []
    for node, data in sorted(graph.nodes(data=True), key=lambda n: str(n[0])):
        if data.get("kind") != "Entity":
            continue
        spans = [{"source": m.get("source", u), "start": m.get("start"), "end": m.get("end"), "text": m.get("text")}
                 for u, _, k, d in graph.in_edges(node, keys=True, data=True) if is_mention(k, d)
                 for m in d.get("mentions") or ()]
        records.append({"entity_id": node, "name": data.get("name"), "type": data.get("type"),
                        "aliases": sorted(data.get("aliases") or (), key=str),
                        "mentions": sorted(spans, key=span_order)})
    return _jsonl(records)


def _speaker_ref(value: Any) -> dict | None:
    return {"entity_id": value.get("entity_id"), "name": value.get("name")} if isinstance(value, dict) and \
        value.get("entity_id") else None


def _event_fields(mention: dict, event: dict) -> dict:
    """What an event mention's line adds to the common fields: its trigger lemma, sentence span, flags, who told
    it, and its event's class and story."""
    return {"lemma": mention.get("lemma") or "", "sentence_start": mention.get("sentence_start"),
            "sentence_end": mention.get("sentence_end"), "negated": bool(mention.get("negated")),
            "hedged": bool(mention.get("hedged")), "conditional": bool(mention.get("conditional")),
            "attributed_to": _speaker_ref(mention.get("attributed_to")),
            "on_behalf_of": _speaker_ref(mention.get("on_behalf_of")),
            "speaker_text": mention.get("speaker_text") or "", "event_class": event.get("event_class") or "",
            "story": event.get("story") or ""}


def _mentions_jsonl(graph: nx.MultiDiGraph) -> bytes:
    records: dict[tuple, dict] = {}

    def add(source: Any, start: Any, end: Any, text: Any, node: Any, label: str, kind: Any, **more: Any) -> None:
        record = {"source": source, "start": start, "end": end, "text": text, "node_id": node,
                  "node_label": label, "kind": kind or "", **more}
        records.setdefault((source, start, end, label, node), record)

    for u, v, k, d in graph.edges(keys=True, data=True):
        if is_mention(k, d):
            for m in d.get("mentions") or ():
                label = "Concept" if v in graph and graph.nodes[v].get("kind") == "Concept" else "Entity"
                add(m.get("source", u), m.get("start"), m.get("end"), m.get("text"), v, label, m.get("kind"))
        elif k == "REPORTS" or d.get("type") == "REPORTS":
            event = graph.nodes[v] if v in graph else {}
            for m in d.get("mentions") or ():
                add(m.get("source", u), m.get("start"), m.get("end"), m.get("text"), v, "Event", m.get("kind"),
                    **_event_fields(m, event))
        elif not is_bookkeeping(k, d):
            for e in d.get("evidence") or ():
                for side in (e.get("subject") or {}, e.get("object") or {}):
                    node = side.get("entity_id")
                    if node in graph and graph.nodes[node].get("kind") == "Concept":
                        add(e.get("source"), side.get("start"), side.get("end"), side.get("text"), node, "Concept",
                            "phrase")
    ordered = sorted(records.values(), key=lambda r: none_last(r["source"], r["start"], r["end"], r["node_label"],
                                                               r["node_id"]))
    return _jsonl(ordered)


def referenced_sources(graph: nx.MultiDiGraph) -> set[str]:
    """The sources the evidence-jsonl and mentions-jsonl lines of ``graph`` name: of every mention span (of an
    entity, concept or event) and every relation's evidence."""
    found: set[Any] = set()
    for u, _, k, d in graph.edges(keys=True, data=True):
        if is_mention(k, d) or k == "REPORTS" or d.get("type") == "REPORTS":
            found.update(m.get("source", u) for m in d.get("mentions") or ())
        elif not is_bookkeeping(k, d):
            found.update(e.get("source") for e in d.get("evidence") or ())
    return {source for source in found if isinstance(source, str)}


def source_record(source: str, data: dict[str, Any]) -> dict[str, Any]:
    """The sources-jsonl line of a source from its node's attributes: its id, ``SOURCE_FIELDS`` (``""`` where the
    node has none) and ``text``, the text the offsets of its mentions and evidence point into (null for a source
    stored without it, by a version of newsgraph before it kept the text).

    >>> source_record("a1", {"outlet": "Wire", "published": None, "text": "Putin agreed.", "minhash": [1]})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'source': 'a1', 'title': '', 'outlet': 'Wire', 'url': '', 'published': '', 'published_raw': '', 'author': '',
     'sha256': '', 'copy_group': '', 'text': 'Putin agreed.'}
    """
    text = data.get("text")
    return {"source": source, **{name: data.get(name) or "" for name in SOURCE_FIELDS},
            "text": text if isinstance(text, str) else None}


def sources_lines(sources: dict[str, dict[str, Any]]) -> list[str]:
    """The lines of sources-jsonl for ``sources`` (id → node attributes), sorted by id."""
    return [jsonl_line(source_record(source, sources[source])) for source in sorted(sources)]


def _sources_jsonl(graph: nx.MultiDiGraph) -> bytes:
    nodes = {node: dict(data) for node, data in graph.nodes(data=True) if data.get("kind") == "Source"}
    for source in referenced_sources(graph).difference(nodes):
        nodes[source] = dict(graph.nodes[source]) if source in graph else {}
    return "".join(sources_lines(nodes)).encode("utf-8")


#: The renderer of each JSON Lines format.
RENDERERS: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
    "evidence-jsonl": _evidence_jsonl, "entities-jsonl": _entities_jsonl, "mentions-jsonl": _mentions_jsonl,
    "sources-jsonl": _sources_jsonl,
}
