"""Export the provenance graph (the MultiDiGraph of ``build_graph`` or ``GraphStore.read_graph``) to files.

One entry point, ``export(graph, fmt, path)``. Every format is rendered completely in memory first, in sorted
order (two exports of the same graph are byte-identical), then written to a temporary file or folder beside
the target and renamed into place, so a failure never leaves a half-written export behind.

Formats:

* ``graphml`` / ``gexf`` — the whole graph with scalar attributes only: lists of scalars joined with ``;``,
  nested values (evidence, mention spans) as JSON strings in ``<name>_json``, ``None`` dropped, the first
  evidence sentence as ``sentence``. GraphML edge ids are the MultiDiGraph keys; GEXF edge ids are the relation
  ids with the key in ``networkx_key`` and the relationship type in ``rel_type`` (GEXF reserves ``type``).
* ``json`` — node-link JSON (``networkx.node_link_data``) with the full nested evidence.
* ``csv`` — ``nodes.csv``, ``relationships.csv`` and ``mentions.csv`` in a folder, or in a zip when the path
  ends in ``.zip``. Headers are ``name:TYPE`` in the neo4j-admin import style (``;`` array delimiter); import
  the mentions with ``--relationships=MENTIONS=mentions.csv``.
* ``evidence-jsonl`` — one line per relation mention with its sentence, spans and flags.
* ``entities-jsonl`` — one line per entity with its aliases and mention spans.
* ``mentions-jsonl`` — one line per entity, concept and event mention: ``source``, ``start``, ``end`` (offsets
  into the article text), ``text``, ``node_id`` (the merged node), ``node_label`` (``Entity``, ``Concept`` or
  ``Event``) and ``kind`` (how it was found: name, title, description, pronoun, ... for entities; ``phrase`` for
  concepts; verbal, nominal or speech for events, whose span is the trigger).
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from newsgraph.errors import BadSetting
from newsgraph.graph.cypher import BOOKKEEPING

FORMATS = ("graphml", "gexf", "json", "csv", "evidence-jsonl", "entities-jsonl", "mentions-jsonl")


NODE_COLUMNS = ("id:ID", "kind:LABEL", "name", "type", "aliases:string[]", "mention_count:long",
                "source_count:long")
RELATIONSHIP_COLUMNS = ("id", "subject:START_ID", "type:TYPE", "predicate", "object:END_ID", "sources:string[]",
                        "source_count:long", "evidence_count:long", "negated_count:long", "hedged_count:long",
                        "example_sentence")
MENTION_COLUMNS = ("source:START_ID", "entity:END_ID", "count:long")
_NESTED = {"evidence", "mentions"}


def export(graph: nx.MultiDiGraph, fmt: str, path: str | os.PathLike) -> list[Path]:
    """Write ``graph`` to ``path`` in format ``fmt``.

    Args:
        graph: A newsgraph MultiDiGraph (node attribute ``kind``; relation edges keyed by predicate with
            ``evidence``; ``MENTIONS`` edges from source to entity with ``mentions`` spans).
        fmt: One of ``FORMATS``.
        path: The file to write, or for ``csv`` a folder (or a ``.zip`` file). Its parent must exist; an
            existing file is replaced.

    Returns:
        The files written, sorted.

    Raises:
        BadSetting: The format is unknown, the parent folder of ``path`` does not exist, or ``path`` is a folder
            where a file is expected (or the reverse).
    """
    if fmt not in FORMATS:
        raise BadSetting(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    target = Path(path)
    if not target.parent.is_dir():
        raise BadSetting(f"cannot export to {target}: its folder {target.parent} does not exist")
    if fmt == "csv" and target.suffix.lower() != ".zip":
        if target.exists() and not target.is_dir():
            raise BadSetting(f"cannot export csv to {target}: it exists and is not a folder")
        files = _csv_files(graph)
        _write_dir(target, files)
        return [target / name for name in sorted(files)]
    if target.is_dir():
        raise BadSetting(f"cannot export {fmt} to {target}: it is a folder, give a file name")
    renderers: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
        "graphml": _graphml, "gexf": _gexf, "json": _json, "csv": _csv_zip,
        "evidence-jsonl": _evidence_jsonl, "entities-jsonl": _entities_jsonl, "mentions-jsonl": _mentions_jsonl,
    }
    _write_file(target, renderers[fmt](graph))
    return [target]


# --- canonical form ----------------------------------------------------------------------------------------------
def _key(*values: Any) -> tuple:
    """A sort key that puts ``None`` last instead of failing on it."""
    return tuple((v is None, "" if v is None else v) for v in values)


def _evidence_key(e: dict) -> tuple:
    subject, obj = e.get("subject") or {}, e.get("object") or {}
    return _key(e.get("source"), e.get("sentence_start"), subject.get("start"), obj.get("start"),
                e.get("predicate"), e.get("edge_id"), e.get("id"))


def _span_key(m: dict) -> tuple:
    return _key(m.get("source"), m.get("start"), m.get("end"), m.get("text"))


def _is_mention(key: Any, data: dict) -> bool:
    return key == "MENTIONS" or data.get("type") == "MENTIONS"


def _is_bookkeeping(key: Any, data: dict) -> bool:
    return str(key).split(":")[0] in BOOKKEEPING or data.get("type") in BOOKKEEPING


def _canonical(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A deep copy with nodes, edges, evidence, spans and aliases in sorted order."""
    out = nx.MultiDiGraph(**copy.deepcopy(dict(graph.graph)))
    for node, data in sorted(graph.nodes(data=True), key=lambda n: str(n[0])):
        data = copy.deepcopy(dict(data))
        if isinstance(data.get("aliases"), (list, tuple, set)):
            data["aliases"] = sorted(data["aliases"], key=str)
        out.add_node(node, **data)
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: tuple(map(str, e[:3]))):
        data = copy.deepcopy(dict(data))
        if isinstance(data.get("evidence"), list):
            data["evidence"] = sorted(data["evidence"], key=_evidence_key)
        if isinstance(data.get("mentions"), list):
            data["mentions"] = sorted(data["mentions"], key=_span_key)
        out.add_edge(u, v, key=k, **data)
    return out


def _json_default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"cannot export a value of type {type(value).__name__}: {value!r}")


def _dumps(value: Any, **kw: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default, **kw)


# --- graphml / gexf ----------------------------------------------------------------------------------------------
def _flat(data: dict) -> dict:
    """Scalar attributes only: lists of scalars joined with ';', nested values as JSON, ``None`` dropped."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, (bool, int, float, str)):
            out[name] = value
        elif (name not in _NESTED and isinstance(value, (list, tuple, set, frozenset))
              and all(isinstance(v, (bool, int, float, str)) for v in value)):
            out[name] = ";".join(map(str, value))
        else:
            out[f"{name}_json"] = _dumps(value, sort_keys=True)
    first = (data.get("evidence") or [{}])[0]
    if isinstance(first, dict) and first.get("sentence"):
        out.setdefault("sentence", first["sentence"])
    return out


def _unify(rows: list[dict]) -> None:
    """Give every attribute one type across rows (GraphML/GEXF declare one type per attribute)."""
    types: dict[str, set] = {}
    for row in rows:
        for name, value in row.items():
            types.setdefault(name, set()).add(type(value))
    for name, seen in types.items():
        if len(seen) < 2:
            continue
        cast = float if seen <= {int, float} else str
        for row in rows:
            if name in row:
                row[name] = cast(row[name])


def _flat_graph(graph: nx.MultiDiGraph, for_gexf: bool = False) -> nx.MultiDiGraph:
    canon = _canonical(graph)
    nodes, edges = [(n, _flat(d)) for n, d in canon.nodes(data=True)], [
        (u, v, k, _flat(d)) for u, v, k, d in canon.edges(keys=True, data=True)]
    if for_gexf:
        for n, data in nodes:
            data["label"] = str(data.get("name", n))
        for u, v, k, data in edges:
            if "type" in data:
                data["rel_type"] = data.pop("type")
            data["id"] = str(data.get("id") or f"{u}|{k}|{v}")
            data["networkx_key"] = str(k)
            data["label"] = str(data.get("predicate", k))
    _unify([d for _, d in nodes])
    _unify([d for *_, d in edges])
    out = nx.MultiDiGraph()
    out.add_nodes_from(nodes)
    out.add_edges_from(edges)
    return out


def _graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()  # the plain-xml writer: the same bytes whether or not lxml is installed
    nx.write_graphml_xml(_flat_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(_flat_graph(graph, for_gexf=True))
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)  # a date would make two exports differ
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- json ----------------------------------------------------------------------------------------------------------
def _json(graph: nx.MultiDiGraph) -> bytes:
    data = nx.node_link_data(_canonical(graph), edges="edges")
    return (_dumps(data, sort_keys=True, indent=2) + "\n").encode("utf-8")


# --- csv -----------------------------------------------------------------------------------------------------------
def _count(value: Any) -> Any:
    """An integral count as an int (the store returns sums as floats); ``None`` as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _csv_bytes(header: tuple[str, ...], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _csv_files(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    canon = _canonical(graph)
    nodes = [[n, d.get("kind", ""), d.get("name", n), d.get("type") or "", ";".join(map(str, d.get("aliases") or ())),
              _count(d.get("mention_count")), _count(d.get("source_count"))] for n, d in canon.nodes(data=True)]
    relations, mentions = [], []
    for u, v, k, d in canon.edges(keys=True, data=True):
        if _is_mention(k, d):
            mentions.append([u, v, _count(d.get("count", len(d.get("mentions") or ())))])
            continue
        if _is_bookkeeping(k, d):
            continue
        evidence = d.get("evidence")
        if isinstance(evidence, list):
            counts = (len(evidence), sum(bool(e.get("negated")) for e in evidence),
                      sum(bool(e.get("hedged")) for e in evidence))
        else:
            counts = tuple(_count(d.get(name)) for name in ("evidence_count", "negated_count", "hedged_count"))
        sources = d.get("sources") or sorted({e.get("source") for e in evidence or () if e.get("source")})
        relations.append([d.get("id", ""), u, d.get("type", ""), d.get("predicate", k), v, ";".join(sources),
                          _count(d.get("source_count", len(sources))), *counts,
                          evidence[0].get("sentence", "") if evidence else ""])
    return {"nodes.csv": _csv_bytes(NODE_COLUMNS, nodes),
            "relationships.csv": _csv_bytes(RELATIONSHIP_COLUMNS, relations),
            "mentions.csv": _csv_bytes(MENTION_COLUMNS, mentions)}


def _csv_zip(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(_csv_files(graph).items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: byte-identical archives
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


# --- jsonl ---------------------------------------------------------------------------------------------------------
def _jsonl(records: list[dict]) -> bytes:
    return "".join(_dumps(r) + "\n" for r in records).encode("utf-8")


def _side(part: dict | None, graph: nx.MultiDiGraph) -> dict:
    part = part or {}
    node = part.get("entity_id")
    data = graph.nodes[node] if node in graph else {}
    kind_type = "Concept" if data.get("kind") == "Concept" else None
    return {"text": part.get("text"), "start": part.get("start"), "end": part.get("end"), "entity_id": node,
            "name": part.get("name") or data.get("name"), "type": part.get("type") or data.get("type", kind_type)}


def _evidence_jsonl(graph: nx.MultiDiGraph) -> bytes:
    records = []
    for u, v, k, d in graph.edges(keys=True, data=True):
        if _is_bookkeeping(k, d):
            continue
        for e in d.get("evidence") or ():
            attributed = e.get("attributed_to")
            records.append({
                "id": e.get("id"), "edge_id": e.get("edge_id", d.get("id")), "source": e.get("source"),
                "sentence": e.get("sentence"), "sentence_start": e.get("sentence_start"),
                "sentence_end": e.get("sentence_end"), "subject": _side(e.get("subject"), graph),
                "predicate": e.get("predicate", d.get("predicate", k)), "object": _side(e.get("object"), graph),
                "negated": bool(e.get("negated")), "hedged": bool(e.get("hedged")),
                "attributed_to": ({"entity_id": attributed.get("entity_id"), "name": attributed.get("name")}
                                  if attributed else None),
                "confidence": e.get("confidence"), "relation_class": e.get("relation_class", d.get("predicate", k)),
                "event_id": e.get("event_id") or None,
            })
    return _jsonl(sorted(records, key=_evidence_key))


def _entities_jsonl(graph: nx.MultiDiGraph) -> bytes:
    records = []
    for node, data in sorted(graph.nodes(data=True), key=lambda n: str(n[0])):
        if data.get("kind") != "Entity":
            continue
        spans = [{"source": m.get("source", u), "start": m.get("start"), "end": m.get("end"), "text": m.get("text")}
                 for u, _, k, d in graph.in_edges(node, keys=True, data=True) if _is_mention(k, d)
                 for m in d.get("mentions") or ()]
        records.append({"entity_id": node, "name": data.get("name"), "type": data.get("type"),
                        "aliases": sorted(data.get("aliases") or (), key=str), "mentions": sorted(spans, key=_span_key)})
    return _jsonl(records)


def _mentions_jsonl(graph: nx.MultiDiGraph) -> bytes:
    records: dict[tuple, dict] = {}

    def add(source: Any, start: Any, end: Any, text: Any, node: Any, label: str, kind: Any) -> None:
        record = {"source": source, "start": start, "end": end, "text": text, "node_id": node,
                  "node_label": label, "kind": kind or ""}
        records.setdefault((source, start, end, label, node), record)

    for u, v, k, d in graph.edges(keys=True, data=True):
        if _is_mention(k, d):
            for m in d.get("mentions") or ():
                add(m.get("source", u), m.get("start"), m.get("end"), m.get("text"), v, "Entity", m.get("kind"))
        elif k == "REPORTS" or d.get("type") == "REPORTS":
            for m in d.get("mentions") or ():
                add(m.get("source", u), m.get("start"), m.get("end"), m.get("text"), v, "Event", m.get("kind"))
        elif not _is_bookkeeping(k, d):
            for e in d.get("evidence") or ():
                for side in (e.get("subject") or {}, e.get("object") or {}):
                    node = side.get("entity_id")
                    if node in graph and graph.nodes[node].get("kind") == "Concept":
                        add(e.get("source"), side.get("start"), side.get("end"), side.get("text"), node, "Concept",
                            "phrase")
    ordered = sorted(records.values(), key=lambda r: _key(r["source"], r["start"], r["end"], r["node_label"],
                                                           r["node_id"]))
    return _jsonl(ordered)


# --- atomic writes -------------------------------------------------------------------------------------------------
def _stage(folder: Path, name: str, content: bytes) -> Path:
    """Write ``content`` to a new hidden temporary file in ``folder`` and return its path."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _write_file(target: Path, content: bytes) -> None:
    os.replace(_stage(target.parent, target.name, content), target)  # atomic on one file system


def _write_dir(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into the folder ``target``: a new folder is renamed into place whole; in an existing one
    every file is staged first and only then renamed over the old ones (other files there are left alone)."""
    if target.is_dir():
        staged: list[tuple[Path, Path]] = []
        try:
            for name, content in sorted(files.items()):
                staged.append((_stage(target, name, content), target / name))
        except BaseException:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            raise
        for tmp, final in staged:
            os.replace(tmp, final)
        return
    tmp_dir = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        for name, content in sorted(files.items()):
            (tmp_dir / name).write_bytes(content)
        os.chmod(tmp_dir, 0o755)
        os.rename(tmp_dir, target)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
