"""What an export says about how it was chosen (entity, hops, date window), what its HTML view draws, and the
HTML export in a real browser: no link to a page it does not hold."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.export import export
from newsgraph.graph.selection import Selection
from newsgraph.workbench.html_export import export_html, payload, view_size
from test_interop import _xmllint

GEXF_NS = "{http://www.gexf.net/1.2draft}"
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def _graph() -> nx.MultiDiGraph:
    """Acme buys Globex (one sentence of source a1); Bea Lone is only mentioned, no relation links her."""
    graph = nx.MultiDiGraph(merges=[])
    graph.add_node("a1", kind="Source", name="Acme buys Globex", title="Acme buys Globex", outlet="Daily Planet",
                   published="2024-03-10", url="https://example.org/a1")
    graph.add_node("acme", kind="Entity", name="Acme & Sons", type="Organization", source_count=1)
    graph.add_node("globex", kind="Entity", name="Globex", type="Organization", source_count=1)
    graph.add_node("bea-lone", kind="Entity", name="Bea Lone", type="Person", source_count=1)
    graph.add_node("concept:losses", kind="Concept", name="losses", source_count=1)
    sentence = "Acme bought Globex."
    evidence = {"id": "ev1", "edge_id": "r1", "source": "a1", "sentence": sentence, "sentence_start": 0,
                "sentence_end": len(sentence), "predicate": "buy", "relation_class": "buy", "negated": False,
                "hedged": False, "confidence": 0.9,
                "subject": {"entity_id": "acme", "name": "Acme & Sons", "text": "Acme", "start": 0, "end": 4},
                "object": {"entity_id": "globex", "name": "Globex", "text": "Globex", "start": 12, "end": 18}}
    graph.add_edge("acme", "globex", key="buy", type="BUY", id="r1", predicate="buy", sources=["a1"],
                   source_count=1, evidence_count=1, negated_count=0, hedged_count=0, evidence=[evidence])
    for node in ("acme", "globex", "bea-lone", "concept:losses"):
        graph.add_edge("a1", node, key="MENTIONS", type="MENTIONS", count=1, mentions=[])
    return graph


# --- what the HTML view draws ------------------------------------------------------------------------------------
def test_the_html_view_draws_only_nodes_a_relation_links_and_the_start():
    """Before: every entity and concept was drawn, also one no drawn relation links (the outer ring of a whole-graph
    view: 172 of 311 nodes), and the `wrote` line counted them."""
    data = payload(_graph(), title="t")
    assert {n["id"] for n in data["graph"]["nodes"]} == {"acme", "globex"}
    assert view_size(_graph()) == (2, 1)
    around = payload(_graph(), title="t", start=["bea-lone"])
    assert {n["id"] for n in around["graph"]["nodes"]} == {"acme", "globex", "bea-lone"}
    assert around["graph"]["start"] == ["bea-lone"] and view_size(_graph(), ["bea-lone"]) == (3, 1)


# --- the selection in graph-level metadata -----------------------------------------------------------------------
def test_graph_formats_record_the_selection_and_stay_valid(tmp_path):
    """Before: JSON's `graph` held only `merges`; GraphML and GEXF recorded nothing of entity, hops or window."""
    graph = _graph()
    chosen = Selection("acme", "Acme & Sons", 2, "2024-03-01", "2024-03-31")
    graph.graph["selection"] = chosen.attributes()
    title = "Acme & Sons [acme], 2 hops, sources 2024-03-01 to 2024-03-31"
    [written] = export(graph, "json", tmp_path / "g.json")
    assert json.loads(written.read_text())["graph"]["selection"] == {
        "title": title, "entity": "acme", "entity_name": "Acme & Sons", "hops": 2, "since": "2024-03-01",
        "until": "2024-03-31"}
    [written] = export(graph, "graphml", tmp_path / "g.graphml")
    assert _xmllint("graphml.xsd", written).returncode == 0
    assert {k: v for k, v in nx.read_graphml(written).graph.items() if k.startswith("selection")} == {
        "selection": title, "selection_entity": "acme", "selection_entity_name": "Acme & Sons", "selection_hops": 2,
        "selection_since": "2024-03-01", "selection_until": "2024-03-31"}
    [written] = export(graph, "gexf", tmp_path / "g.gexf")
    assert _xmllint("gexf.xsd", written).returncode == 0
    assert ET.parse(written).getroot().find(f"{GEXF_NS}meta/{GEXF_NS}description").text == title


# --- the CLI -----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, seeds_dir):
    """A data directory holding the seed graph (both articles dated 2025-03-18)."""
    path = tmp_path_factory.mktemp("export-selection") / "store"
    result = CliRunner().invoke(app, ["ingest", str(seeds_dir), "--data-dir", str(path), "--examples", "0"])
    assert result.exit_code == 0, result.output
    return path


def _export(data_dir, *args):
    result = CliRunner().invoke(app, ["export", *args, "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    return result


def _embedded(path) -> dict:
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="newsgraph-data">(.*?)</script>', page, re.S)[1])


@pytest.mark.store
@pytest.mark.model
def test_every_format_tells_the_entity_hops_and_window_it_was_chosen_by(data_dir, tmp_path):
    """Before: an HTML report of a date window was titled "whole graph", one around an entity gave no dates, and
    JSON, GraphML and GEXF recorded neither; `--entity Putin` wrote without naming whom it had found."""
    window = ["--since", "2025-03-01", "--until", "2025-03-31"]
    around = ["--entity", "Putin", "--hops", "1", *window]
    title = "Vladimir Putin [vladimir-putin], 1 hop, sources 2025-03-01 to 2025-03-31"
    page = tmp_path / "putin.html"
    result = _export(data_dir, "-f", "html", "-o", str(page), *around)
    assert _embedded(page)["title"] == f"newsgraph: {title}" and f"<title>newsgraph: {title}</title>" in \
        page.read_text(encoding="utf-8")
    assert re.fullmatch(rf"wrote {re.escape(str(page))} \(\d+ nodes, \d+ relations drawn\) around {re.escape(title)}",
                        result.stdout.strip())
    month = tmp_path / "march.html"
    _export(data_dir, "-f", "html", "-o", str(month), *window)
    assert _embedded(month)["title"] == "newsgraph: whole graph, sources 2025-03-01 to 2025-03-31"
    for fmt in ("json", "graphml", "gexf", "evidence-jsonl", "csv"):
        target = tmp_path / (f"putin.{fmt}" if fmt != "csv" else "putin.zip")
        result = _export(data_dir, "-f", fmt, "-o", str(target), *around)
        assert result.stdout.strip().endswith(f") around {title}"), (fmt, result.stdout)
    assert json.loads((tmp_path / "putin.json").read_text())["graph"]["selection"]["title"] == title
    assert nx.read_graphml(tmp_path / "putin.graphml").graph["selection_entity"] == "vladimir-putin"
    assert _xmllint("graphml.xsd", tmp_path / "putin.graphml").returncode == 0
    gexf = ET.parse(tmp_path / "putin.gexf").getroot()
    assert gexf.find(f"{GEXF_NS}meta/{GEXF_NS}description").text == title
    assert _xmllint("gexf.xsd", tmp_path / "putin.gexf").returncode == 0


@pytest.mark.store
@pytest.mark.model
def test_the_html_export_counts_and_draws_only_linked_nodes(data_dir, tmp_path):
    """Before: the whole-graph page drew every entity and concept, most of them linked to nothing."""
    page = tmp_path / "all.html"
    result = _export(data_dir, "-f", "html", "-o", str(page))
    graph = _embedded(page)["graph"]
    ends = {edge[side] for edge in graph["edges"] for side in ("source", "target")}
    assert {node["id"] for node in graph["nodes"]} == ends
    assert result.stdout.strip() == f"wrote {page} ({len(ends)} nodes, {len(graph['edges'])} relations drawn)"


# --- in a real browser -------------------------------------------------------------------------------------------
@pytest.mark.browser
def test_the_html_export_keeps_its_view_and_panel_and_links_only_to_articles(chromium, tmp_path):
    """Before: the source title in the evidence panel and a node's "open its page" linked #/source/… and
    #/entity/…, pages an export does not hold: a click redrew the graph at random and emptied the panel; the hint
    promised that a click on a node expands it."""
    path = export_html(_graph(), tmp_path / "acme.html", title="newsgraph: Acme & Sons [acme], 1 hop",
                       start=["acme"])
    context = chromium.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector("#main[data-ready='1'] #graph canvas", timeout=20_000)
    hint = page.inner_text("#panel")
    where = "() => window.newsgraphCy.nodes().map((n) => [n.id(), n.position().x, n.position().y])"
    before = page.evaluate(where)
    page.evaluate("() => { window.newsgraphCy.getElementById('r1').emit('tap'); }")
    page.wait_for_selector("#evidence-panel .evidence-item")
    meta = page.locator("#evidence-panel .evidence-item .meta")
    assert "Acme buys Globex" in meta.inner_text()
    assert page.evaluate("Array.from(document.querySelectorAll('#panel a'), (a) => a.getAttribute('href'))") == [
        "https://example.org/a1"]
    page.evaluate("location.hash = '#/source/a1'")  # as a link of the workbench would
    page.wait_for_timeout(600)
    assert page.locator("#evidence-panel .evidence-item").count() == 1
    assert page.evaluate(where) == before
    page.evaluate("() => { window.newsgraphCy.getElementById('acme').emit('tap'); }")
    panel = page.inner_text("#panel")
    assert "Acme & Sons" in panel and "Organization" in panel and "open its page" not in panel
    assert page.locator("#panel a").count() == 0
    assert "Click an edge" in hint and "expand" not in hint
    assert problems == []
    context.close()
