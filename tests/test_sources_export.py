"""``newsgraph export --format sources-jsonl``: each source's metadata and the text every offset of the other line
exports points into — for an HTML page the text extracted from it, which is not the file — so that
``text[start:end]`` of every mentions-jsonl and evidence-jsonl row is the row's text, whatever the selection."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.export import export

HTML_PAGE = Path(__file__).parent / "data" / "html" / "harbour-news.html"
PLAIN_TEXT = (
    "Baltic Freight said on Wednesday that it would reopen its Eastmouth terminal on Friday.\n\n"
    "The company's chief executive, Anna Lindqvist, told reporters in Eastmouth that the Transport and Maritime "
    "Union had agreed to the new shift pattern. She thanked the dockers for their patience.\n"
)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _texts(path: Path) -> dict[str, str]:
    return {row["source"]: row["text"] for row in _lines(path)}


def _check_offsets(texts: dict[str, str], mentions: list[dict], evidence: list[dict]) -> None:
    assert mentions and evidence
    for row in mentions:
        assert texts[row["source"]][row["start"]:row["end"]] == row["text"], row
    for row in evidence:
        text = texts[row["source"]]
        assert text[row["sentence_start"]:row["sentence_end"]] == row["sentence"], row
        for side in (row["subject"], row["object"]):
            assert text[side["start"]:side["end"]] == side["text"], row


@pytest.mark.store
@pytest.mark.model
def test_sources_jsonl_gives_the_text_every_exported_offset_points_into(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(HTML_PAGE, articles / "harbour-news.html")
    (articles / "terminal.txt").write_text(PLAIN_TEXT, encoding="utf-8")
    runner, store = CliRunner(), tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(articles), "--data-dir", str(store), "--examples", "0"])
    assert result.exit_code == 0, result.output

    def export_to(fmt: str, name: str, *options: str) -> Path:
        out = tmp_path / name
        done = runner.invoke(app, ["export", "-f", fmt, "-o", str(out), *options, "--data-dir", str(store)])
        assert done.exit_code == 0, done.output
        return out

    sources = _lines(export_to("sources-jsonl", "sources.jsonl"))
    by_id = {row["source"]: row for row in sources}
    assert sorted(by_id) == ["harbour-news", "terminal"]
    assert by_id["terminal"]["text"] == PLAIN_TEXT
    page = by_id["harbour-news"]
    assert page["outlet"] == "The Harbour Courier" and page["published"].startswith("2024-11-12")
    assert "Dock workers at the port of Eastmouth" in page["text"] and "<p>" not in page["text"]
    assert all(hashlib.sha256(row["text"].encode()).hexdigest() == row["sha256"] for row in sources)
    texts = _texts(tmp_path / "sources.jsonl")
    mentions = _lines(export_to("mentions-jsonl", "mentions.jsonl"))
    assert {row["source"] for row in mentions} == set(texts)
    _check_offsets(texts, mentions, _lines(export_to("evidence-jsonl", "evidence.jsonl")))

    # The same for a selection: the subgraph around an entity, and a date window.
    for options in (["--entity", "Baltic Freight", "--hops", "1"], ["--since", "2024-11-01", "--until", "2024-11-30"]):
        name = "-".join(options).replace(" ", "_")
        selected = _texts(export_to("sources-jsonl", f"{name}.sources.jsonl", *options))
        assert set(selected) <= set(texts) and all(selected[s] == texts[s] for s in selected)
        _check_offsets(selected, _lines(export_to("mentions-jsonl", f"{name}.mentions.jsonl", *options)),
                       _lines(export_to("evidence-jsonl", f"{name}.evidence.jsonl", *options)))
    assert set(_texts(tmp_path / "--since-2024-11-01---until-2024-11-30.sources.jsonl")) == {"harbour-news"}


def test_sources_jsonl_lists_every_source_a_line_names(tmp_path):
    """A relation's evidence may come from a source the graph holds no node of (a subgraph around an entity):
    the source still has its line, its text unknown (null), and the lines follow the source ids."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("b", kind="Source", outlet="Wire", text="Putin agreed.", minhash=[1, 2])
    graph.add_node("e1", kind="Entity", name="Putin", type="Person")
    graph.add_node("e2", kind="Entity", name="Kyiv", type="Place")
    graph.add_edge("b", "e1", key="MENTIONS", type="MENTIONS", count=1,
                   mentions=[{"source": "b", "start": 0, "end": 5, "text": "Putin"}])
    graph.add_edge("e1", "e2", key="visit", type="VISIT", id="r1", predicate="visit",
                   evidence=[{"id": "v1", "source": "a", "sentence": "Putin visited Kyiv.", "sentence_start": 0,
                              "sentence_end": 19, "subject": {"text": "Putin", "start": 0, "end": 5,
                                                              "entity_id": "e1"},
                              "object": {"text": "Kyiv", "start": 14, "end": 18, "entity_id": "e2"}}])
    [written] = export(graph, "sources-jsonl", tmp_path / "sources.jsonl")
    rows = _lines(written)
    assert [(r["source"], r["outlet"], r["text"]) for r in rows] == [("a", "", None), ("b", "Wire", "Putin agreed.")]
    assert list(rows[1]) == ["source", "title", "outlet", "url", "published", "published_raw", "author", "sha256",
                             "copy_group", "text"]


@pytest.mark.store
def test_a_subgraph_gets_the_sources_its_evidence_names_from_the_store(empty_store):
    """Around an entity, a relation's evidence may come from a source that mentions no entity read: its node is
    read for sources-jsonl, with the text stored."""
    import networkx as nx

    from newsgraph.graph.export_reads import add_sources

    empty_store.run("CREATE (:Source {id: 'a', outlet: 'Wire', text: 'Putin visited Kyiv.'}), (:Source {id: 'z'})")
    graph = nx.MultiDiGraph()
    graph.add_node("e1", kind="Entity", name="Putin", type="Person")
    graph.add_node("e2", kind="Entity", name="Kyiv", type="Place")
    graph.add_edge("e1", "e2", key="visit", type="VISIT", id="r1", predicate="visit",
                   evidence=[{"id": "v1", "source": "a", "sentence": "Putin visited Kyiv.", "sentence_start": 0,
                              "sentence_end": 19}])
    add_sources(empty_store, graph)
    assert dict(graph.nodes["a"]) == {"name": "a", "outlet": "Wire", "text": "Putin visited Kyiv.", "kind": "Source"}
    assert "z" not in graph
