"""``export --format html``: the workbench's graph view and evidence panel for a subgraph, in one file that opens
with no server and no network.

Everything is inline: cytoscape.js, the app's scripts and styles, and the data as a JSON script element (every
``<``, ``>`` and ``&`` escaped, so no text of an article can close it). A Content-Security-Policy in the page allows
exactly those inline scripts and style (by their SHA-256) and no connection at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from newsgraph.errors import BadSetting
from newsgraph.graph.output import write_file
from newsgraph.model import Evidence
from newsgraph.workbench.server import static_file
from newsgraph.workbench.shapes import edge_of, evidence_item, node_of

_SCRIPTS = ("vendor/cytoscape.min.js", "core.js", "views.js")


def export_html(graph: nx.MultiDiGraph, path: str | os.PathLike, *, title: str,
                start: Sequence[str] = ()) -> Path | None:
    """Write the self-contained page for ``graph`` (as ``GraphStore.read_graph`` returns it) to ``path``; return
    the path, or None when ``path`` is a stream whose reader stopped reading (``| head``).

    Args:
        graph: The subgraph: Entity and Concept nodes, relation edges with their ``evidence``; Source nodes give
            the outlets, dates and URLs of the sentences.
        path: The file to write; its folder must exist. Written as every export is
            (``newsgraph.graph.output.write_file``): a file replaced whole, a device or FIFO written to.
        title: The page's title.
        start: The nodes to mark as where the subgraph was taken from.

    Raises:
        BadSetting: the folder of ``path`` does not exist, ``path`` is a folder or a socket, or the write
            failed (the message gives the cause: no space left on device, permission denied, ...).
    """
    target = Path(path)
    page = render(payload(graph, title=title, start=start))
    try:  # as every export is written: a device or FIFO written to, a file replaced whole (newsgraph.graph.output)
        complete = write_file(target, page.encode("utf-8"), what="html")
    except OSError as exc:
        raise BadSetting(f"cannot export to {target}: {(exc.strerror or str(exc)).lower()}") from exc
    return target if complete else None


def payload(graph: nx.MultiDiGraph, *, title: str, start: Sequence[str] = ()) -> dict[str, Any]:
    """The data the page embeds: graph-view nodes and edges, and the evidence of every edge. A node is drawn when
    it ends a drawn relation or is one of ``start``; the others (an entity only mentioned, a concept of a relation
    the date window dropped) would stand alone, linked to nothing."""
    sources = {n: d for n, d in graph.nodes(data=True) if d.get("kind") == "Source"}
    drawn = _drawn_nodes(graph, start)
    nodes = [node_of(n, d.get("name"), [d.get("kind", "")], d.get("type"), d.get("source_count"))
             for n, d in sorted(graph.nodes(data=True)) if n in drawn]
    triggers = {(source, event): [(m.get("start"), m.get("end"), m.get("lemma") or "") for m in d.get("mentions") or []]
                for source, event, d in graph.edges(data=True) if d.get("type") == "REPORTS"}
    edges, evidence = [], {}
    for subject, obj, data in sorted(graph.edges(data=True), key=lambda e: str(e[2].get("id"))):
        if not _shown_edge(graph, subject, obj, data):
            continue
        edges.append(edge_of(data["type"], data, subject, obj))
        evidence[data["id"]] = [_item(record, sources.get(record.get("source"), {}),
                                      triggers.get((record.get("source"), record.get("event_id")), []))
                                for record in data.get("evidence", [])]
    return {"title": title, "graph": {"nodes": nodes, "edges": edges, "start": [s for s in start if s in graph]},
            "evidence": evidence}


def _shown_node(data: dict[str, Any]) -> bool:
    return data.get("kind") in ("Entity", "Concept")


def _shown_edge(graph: nx.MultiDiGraph, subject: Any, obj: Any, data: dict[str, Any]) -> bool:
    """A relation between two entities or concepts (not a mention, nor a link of sources, events and stories)."""
    return (data.get("type") != "MENTIONS" and "id" in data
            and all(_shown_node(graph.nodes[end]) for end in (subject, obj)))


def _drawn_nodes(graph: nx.MultiDiGraph, start: Sequence[str] = ()) -> set[Any]:
    """The nodes the page draws: the ends of its relations, and the ``start`` nodes in ``graph``."""
    drawn = {s for s in start if s in graph}
    for subject, obj, data in graph.edges(data=True):
        if _shown_edge(graph, subject, obj, data):
            drawn.update((subject, obj))
    return drawn


def view_size(graph: nx.MultiDiGraph, start: Sequence[str] = ()) -> tuple[int, int]:
    """How many nodes and relations the page of ``graph`` draws: its relations and the nodes they link, and the
    ``start`` nodes (not its sources, events and mentions, nor an entity no relation links)."""
    return (len(_drawn_nodes(graph, start)),
            sum(1 for u, v, d in graph.edges(data=True) if _shown_edge(graph, u, v, d)))


def _item(record: dict[str, Any], source: dict[str, Any], triggers: list[tuple[Any, Any, str]]) -> dict[str, Any]:
    """An evidence record (evidence.jsonl form) as a sentence of the evidence panel, which the workbench's server
    makes from the Evidence node's properties; ``triggers``: its source's trigger words of its event."""
    flat = Evidence.from_row(record).to_properties()
    row = {"evidence": flat, "outlet": source.get("outlet"), "title": source.get("title"),
           "published": source.get("published"), "url": source.get("url")}
    return evidence_item(row, triggers)


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as unicode escapes.

    >>> script_json({"s": "</script><b>&"})
    '{"s": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render(data: dict[str, Any]) -> str:
    """The whole page for ``payload``'s data."""
    scripts = [static_file(name).decode("utf-8") for name in _SCRIPTS]
    if any("</script" in s.lower() for s in scripts):
        raise BadSetting("a vendored script contains '</script' and cannot be inlined; refresh it")
    style = static_file("app.css").decode("utf-8")
    policy = (f"default-src 'none'; script-src {' '.join(_digest(s) for s in scripts)}; style-src {_digest(style)}; "
              "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    inline = "".join(f"<script>{s}</script>\n" for s in scripts)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(data["title"])}</title>
<style id="__________cytoscape_stylesheet">{style}</style>
</head>
<body>
<header id="top"><span class="brand">newsgraph</span> <span>{html.escape(data["title"])}</span></header>
<main id="main"><p class="muted">Loading…</p></main>
<script type="application/json" id="newsgraph-data">{script_json(data)}</script>
{inline}</body>
</html>
"""
