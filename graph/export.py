"""Export the provenance graph (the MultiDiGraph of ``build_graph`` or ``GraphStore.read_graph``) to files.

One entry point, ``export(graph, fmt, path)``. Every format is rendered completely in memory first, in sorted
order (two exports of the same graph are byte-identical), then written. A regular file (new, or reached through
symlinks) is written to a temporary file beside it and renamed into place, so a failure never leaves a
half-written export behind; a device, FIFO or ``/dev/stdout`` (anything reached through ``/proc/<pid>/fd``) is
written to as any program would, never replaced. A failed write is a ``BadSetting`` naming the path and the cause
("no space left on device", "permission denied").

Formats:

* ``graphml`` / ``gexf`` — the whole graph with scalar attributes only: lists of scalars joined with ``;``,
  nested values (evidence, mention spans) as JSON strings in ``<name>_json``, ``None`` dropped, the first
  evidence sentence as ``sentence``. Valid against the GraphML and GEXF 1.2 schemas: every edge has a unique id
  (the relation id; ``<type>:<from>:<to>`` for the others), its MultiDiGraph key in ``networkx_key`` and a
  ``weight`` (how many independent sources report it). GEXF keeps the relationship type in ``rel_type`` (it
  reserves ``type``). How the subgraph was chosen (``graph.graph["selection"]``, ``newsgraph.graph.selection``)
  is GraphML graph data (``selection``: its title; ``selection_entity``, ``selection_hops``, ... each option given)
  and GEXF's ``<meta><description>``.
* ``json`` — node-link JSON (``networkx.node_link_data``) with the full nested evidence; the graph attributes
  hold the resolution ``merges`` and the ``selection``.
* ``csv`` — ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full`` in a folder, or in
  a zip when the path ends in ``.zip`` (``newsgraph.graph.neo4j_csv``).
* ``evidence-jsonl`` — one line per relation mention with its sentence, spans, flags, circumstances and the
  ``quantities`` of its event (``{"kind", "value", "unit", "text", "approximate"}`` each).
* ``entities-jsonl`` — one line per entity with its aliases and mention spans.
* ``mentions-jsonl`` — one line per entity, concept and event mention: ``source``, ``start``, ``end`` (offsets
  into the article text), ``text``, ``node_id`` (the merged node), ``node_label`` (``Entity``, ``Concept`` or
  ``Event``) and ``kind`` (how it was found: name, title, description, pronoun, ... for entities; ``phrase`` for
  concepts; verbal, nominal or speech for events, whose span is the trigger). An event mention's line also has
  its trigger ``lemma``, ``sentence_start``/``sentence_end``, ``negated``, ``hedged``, ``conditional``, who told
  it (``attributed_to`` and ``on_behalf_of`` as ``{entity_id, name}`` or null, ``speaker_text`` as written) and
  its event's ``event_class`` and ``story``.
* ``sources-jsonl`` — one line per source: ``source`` (its id), ``title``, ``outlet``, ``url``, ``published``,
  ``published_raw``, ``author``, ``sha256``, ``copy_group`` and ``text``, the text every offset of the other line
  formats points into (the text extracted from an HTML page or Markdown file, not the file), so that
  ``text[start:end]`` is a row's ``text``; null for a source stored without it. It lists the source nodes of the
  graph and every source a line of evidence-jsonl or mentions-jsonl names.

The JSON Lines formats are rendered by ``newsgraph.graph.jsonl_export``.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import BadSetting
from newsgraph.graph.jsonl_export import (
    RENDERERS as _LINE_RENDERERS,
    evidence_order as evidence_order,
    jsonl_line as jsonl_line,
    span_order,
)
from newsgraph.graph.neo4j_csv import csv_tables as _csv_tables, csv_zip, json_default
from newsgraph.graph.output import check_path, is_stream, write_file, write_folder

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("graphml", "gexf", "json", "csv", "evidence-jsonl", "entities-jsonl", "mentions-jsonl", "sources-jsonl")
_NESTED = {"evidence", "mentions"}


@dataclass(frozen=True)
class Exported:
    """What ``export_counted`` wrote: the files (sorted), how many nodes and edges they hold (for ``csv`` the rows
    of ``nodes.csv`` and ``relationships.csv``, Evidence and Resolution nodes and their links included; else the
    graph's nodes and edges), and whether all of it was written (False when a stream's reader stopped reading)."""

    paths: list[Path]
    nodes: int
    edges: int
    complete: bool = True


def export(graph: nx.MultiDiGraph, fmt: str, path: str | os.PathLike) -> list[Path]:
    """Write ``graph`` to ``path`` in format ``fmt``.

    Args:
        graph: A newsgraph MultiDiGraph (node attribute ``kind``; relation edges keyed by predicate with
            ``evidence``; ``MENTIONS`` edges from source to entity with ``mentions`` spans).
        fmt: One of ``FORMATS``.
        path: The file to write, or for ``csv`` a folder (or a ``.zip`` file; to a device or FIFO, csv is the
            zip). Its parent must exist; an existing file is replaced (through symlinks, keeping its mode); a
            device, FIFO or ``/dev/stdout`` is written to.

    Returns:
        The files written, sorted.

    Raises:
        BadSetting: The format is unknown, the path is empty, the parent folder of ``path`` does not exist (or is
            not a folder), ``path`` is a folder where a file is expected (or ends with ``/``) or the reverse, or a
            socket, or the write fails (the message gives the cause: no space left on device, permission denied,
            ...).
    """
    return export_counted(graph, fmt, path).paths


def export_counted(graph: nx.MultiDiGraph, fmt: str, path: str | os.PathLike) -> Exported:
    """``export(graph, fmt, path)``, telling what it wrote (``Exported``)."""
    if fmt not in FORMATS:
        raise BadSetting(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    target = Path(path)
    check_path(path, fmt, one_file=fmt != "csv" or target.suffix.lower() == ".zip")
    renderers: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
        "graphml": _graphml, "gexf": _gexf, "json": _json, **_LINE_RENDERERS}
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    try:
        if fmt == "csv":
            files, rows = _csv_tables(graph)
            nodes, edges = rows["nodes.csv"], rows["relationships.csv"]
            if target.suffix.lower() != ".zip" and not is_stream(target):
                write_folder(target, files)
                return Exported([target / name for name in sorted(files)], nodes, edges)
            complete = write_file(target, csv_zip(files), what=fmt)
        else:
            complete = write_file(target, renderers[fmt](graph), what=fmt)
    except OSError as exc:
        raise BadSetting(f"cannot export to {target}: {(exc.strerror or str(exc)).lower()}") from exc
    return Exported([target], nodes, edges, complete)


# --- canonical form ----------------------------------------------------------------------------------------------
def _canonical(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with nodes, edges, evidence, spans and aliases in sorted order. The attribute dicts are new and so
    are the sorted lists; the values inside them (evidence records, spans) are shared with ``graph``, which the
    renderers only read (a deep copy of a whole store's graph cost more than reading it)."""
    import networkx as nx

    out: nx.MultiDiGraph[Any] = nx.MultiDiGraph(**copy.deepcopy(dict(graph.graph)))
    for node, data in sorted(graph.nodes(data=True), key=lambda n: str(n[0])):
        data = dict(data)
        if isinstance(data.get("aliases"), (list, tuple, set)):
            data["aliases"] = sorted(data["aliases"], key=str)
        out.add_node(node, **data)
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: tuple(map(str, e[:3]))):
        data = dict(data)
        if isinstance(data.get("evidence"), list):
            data["evidence"] = sorted(data["evidence"], key=evidence_order)
        if isinstance(data.get("mentions"), list):
            data["mentions"] = sorted(data["mentions"], key=span_order)
        out.add_edge(u, v, key=k, **data)
    return out


def _dumps(value: Any, **kw: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=json_default, **kw)


# --- graphml / gexf ----------------------------------------------------------------------------------------------
#: What XML 1.0 cannot hold, even escaped: C0 controls but tab, line feed and carriage return; surrogates; U+FFFE
#: and U+FFFF. An article's text keeps such characters (a bell, an escape); GraphML and GEXF would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    r"""``text`` with each character XML cannot hold as U+FFFD, one for one, so offsets into it still hold.

    >>> _xml_text("bell\x07 and tab\t") == "bell\ufffd and tab\t", _xml_text("ok")
    (True, 'ok')
    """
    return _NOT_XML.sub("\ufffd", text)


def _flat(data: dict) -> dict:
    """Scalar attributes only: lists of scalars joined with ';', nested values as JSON, ``None`` dropped; text
    as XML can hold it (``_xml_text``)."""
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
    return {name: _xml_text(value) if isinstance(value, str) else value for name, value in out.items()}


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


def _weight(data: dict) -> int | float:
    """An edge's weight: how many independent sources report it (``independent_sources``, else
    ``source_count``); 1 for an edge that has neither (a mention, a link between bookkeeping nodes)."""
    for name in ("independent_sources", "source_count"):
        if isinstance(data.get(name), (int, float)) and not isinstance(data.get(name), bool):
            return data[name]
    return 1


_NAME_TOKEN = re.compile(r"[A-Za-z0-9._:-]+")


def _name_token(text: str) -> str:
    """``text`` as an XML name token (GraphML ids): other characters as ``_xHHHH_``.

    >>> _name_token("concept:limited-ceasefire"), _name_token("Le Monde/1")
    ('concept:limited-ceasefire', 'Le_x0020_Monde_x002f_1')
    """
    if _NAME_TOKEN.fullmatch(text):
        return text
    return "".join(c if _NAME_TOKEN.fullmatch(c) else f"_x{ord(c):04x}_" for c in text) or "_"


def _unique(wanted: list[str]) -> list[str]:
    """``wanted`` with repeats made unique by a ``-2``, ``-3``... suffix (in order; no result repeats)."""
    used, out = set(wanted), []
    counts: dict[str, int] = {}
    for name in wanted:
        counts[name] = counts.get(name, 0) + 1
        if counts[name] > 1:
            n = counts[name]
            while f"{name}-{n}" in used:
                n += 1
            name = f"{name}-{n}"
            used.add(name)
        out.append(name)
    return out


def _flat_graph(graph: nx.MultiDiGraph, for_gexf: bool = False) -> nx.MultiDiGraph:
    """Scalar attributes only; every edge a unique id (the relation id, else ``<type>:<from>:<to>``), its
    MultiDiGraph key in ``networkx_key`` and its ``weight``. For GraphML the ids are XML name tokens, the edge id
    the key (a node whose id needs escaping keeps its own in ``id``); for GEXF the edge id is ``id``."""
    canon = _canonical(graph)
    nodes, edges = [(n, _flat(d)) for n, d in canon.nodes(data=True)], [
        (u, v, k, _flat(d)) for u, v, k, d in canon.edges(keys=True, data=True)]
    wanted = [str(d.get("id") or ":".join(map(str, (d.get("type") or k, u, v, *([k] if d.get("type") not in (None, k)
                                                                                 else []))))) for u, v, k, d in edges]
    ids = _unique(wanted if for_gexf else [_name_token(i) for i in wanted])
    for (u, v, k, data), edge_id, (*_, original) in zip(edges, ids, canon.edges(keys=True, data=True)):
        data["networkx_key"] = str(k)
        data["weight"] = _weight(original)
        if for_gexf:
            if "type" in data:
                data["rel_type"] = data.pop("type")
            data["id"] = _xml_text(edge_id)
            data["label"] = _xml_text(str(data.get("predicate", k)))
    if for_gexf:
        nodes = [(_xml_text(str(n)), d) for n, d in nodes]
        edges = [(_xml_text(str(u)), _xml_text(str(v)), k, d) for u, v, k, d in edges]
        for n, data in nodes:
            data["label"] = _xml_text(str(data.get("name", n)))
    else:
        tokens = dict(zip([n for n, _ in nodes], _unique([_name_token(str(n)) for n, _ in nodes])))
        for n, data in nodes:
            if tokens[n] != str(n):
                data["id"] = _xml_text(str(n))
            data.setdefault("label", _xml_text(str(data.get("name", n))))
        nodes = [(tokens[n], d) for n, d in nodes]
        edges = [(tokens[u], tokens[v], edge_id, d) for (u, v, _, d), edge_id in zip(edges, ids)]
    _unify([d for _, d in nodes])
    _unify([d for *_, d in edges])
    import networkx as nx

    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    out.add_nodes_from(nodes)
    # types-networkx types add_edges_from as Graph's; a MultiGraph also takes (u, v, key, data) 4-tuples.
    out.add_edges_from(edges)  # type: ignore[arg-type]
    return out


def _selection(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """How the graph was chosen (``Selection.attributes``), as its exporter recorded it; empty when it did not."""
    value = graph.graph.get("selection")
    return value if isinstance(value, dict) else {}


def _graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()  # the plain-xml writer: the same bytes whether or not lxml is installed
    import networkx as nx

    flat = _flat_graph(graph)
    flat.graph.update(_flat({("selection" if name == "title" else f"selection_{name}"): value
                             for name, value in _selection(graph).items()}))
    nx.write_graphml_xml(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    from xml.etree.ElementTree import SubElement

    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(_flat_graph(graph, for_gexf=True))
    title = _selection(graph).get("title")
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)  # a date would make two exports differ
        if title:
            SubElement(meta, "description").text = _xml_text(str(title))
    for element in writer.xml.iter("graph"):
        element.attrib.pop("name", None)  # GEXF 1.2's schema has no graph name
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- json ----------------------------------------------------------------------------------------------------------
def _json(graph: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    data = nx.node_link_data(_canonical(graph), edges="edges")
    return (_dumps(data, sort_keys=True, indent=2) + "\n").encode("utf-8")
