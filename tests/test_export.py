"""Exports of the seed graph: every format writes, round-trips, is deterministic and keeps exact offsets."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from newsgraph.errors import BadSetting
from newsgraph.graph.export import FORMATS, export, export_counted
from newsgraph.graph.neo4j_csv import ARRAY_DELIMITER

pytestmark = [pytest.mark.store, pytest.mark.model]  # the seed graph, ingested into a FalkorDB the session starts

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SIDE_FIELDS = {"text", "start", "end", "entity_id", "name", "type"}
EVIDENCE_FIELDS = {"edge_id", "source", "sentence", "sentence_start", "sentence_end", "subject", "predicate",
                   "object", "negated", "hedged", "attributed_to", "confidence", "when", "when_text", "where",
                   "where_text", "via", "via_text", "occasion"}


@pytest.fixture(scope="module")
def graph(seed_store) -> nx.MultiDiGraph:
    return seed_store.read_graph()


@pytest.fixture(scope="module")
def putin(seed_store) -> nx.MultiDiGraph:
    return seed_store.read_graph(["vladimir-putin"], hops=1)


def article_text(source: str) -> str:
    return (SEEDS / f"{source}.txt").read_bytes().decode("utf-8")


def relations(g: nx.MultiDiGraph) -> list:
    return [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if "evidence" in d]


def mention_edges(g: nx.MultiDiGraph) -> list:
    return [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if k == "MENTIONS"]


def target(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / ("csv_out" if fmt == "csv" else f"graph.{fmt}")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes(graph, tmp_path, fmt):
    written = export(graph, fmt, target(tmp_path, fmt))
    assert written and all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert not [p for p in tmp_path.rglob(".*") if p.name.endswith(".tmp")]  # no temp files left behind


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_deterministic(seed_store, tmp_path, fmt):
    first = export(seed_store.read_graph(), fmt, _fresh(tmp_path / "a", fmt))
    second = export(seed_store.read_graph(), fmt, _fresh(tmp_path / "b", fmt))
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def _fresh(folder: Path, fmt: str) -> Path:
    folder.mkdir()
    return target(folder, fmt)


def _assert_same_graph(original: nx.MultiDiGraph, loaded: nx.MultiDiGraph) -> None:
    assert sorted(loaded.nodes) == sorted(original.nodes)
    assert loaded.number_of_edges() == original.number_of_edges()
    assert sorted(loaded.edges(keys=True)) == sorted(original.edges(keys=True))
    for node, data in original.nodes(data=True):
        assert loaded.nodes[node]["name"] == data["name"]
        assert loaded.nodes[node]["kind"] == data["kind"]
    for u, v, k, data in relations(original):
        flat = loaded.edges[u, v, k]
        assert flat["sources"] == ";".join(data["sources"])
        evidence = json.loads(flat["evidence_json"])
        assert sorted(e["id"] for e in evidence) == sorted(e["id"] for e in data["evidence"])
        assert flat["sentence"] == evidence[0]["sentence"]


def test_graphml_round_trip(graph, tmp_path):
    path = export(graph, "graphml", tmp_path / "g.graphml")[0]
    read = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    loaded = nx.MultiDiGraph()  # keyed again as the original: GraphML edge ids are unique ids, not the keys
    loaded.add_nodes_from(read.nodes(data=True))
    loaded.add_edges_from((u, v, d["networkx_key"], d) for u, v, d in read.edges(data=True))
    _assert_same_graph(graph, loaded)
    assert isinstance(next(d for _, _, d in loaded.edges(data=True) if "confidence" in d)["confidence"], float)


def test_gexf_round_trip(graph, tmp_path):
    loaded = nx.read_gexf(export(graph, "gexf", tmp_path / "g.gexf")[0])
    _assert_same_graph(graph, loaded)
    for u, v, k, data in relations(graph):
        assert loaded.edges[u, v, k]["id"] == data["id"]
        assert loaded.edges[u, v, k]["rel_type"] == data["type"]


def test_json_round_trip_keeps_nested_evidence(graph, tmp_path):
    data = json.loads(export(graph, "json", tmp_path / "g.json")[0].read_text(encoding="utf-8"))
    loaded = nx.node_link_graph(data, edges="edges")
    assert loaded.is_multigraph() and loaded.is_directed()
    assert sorted(loaded.nodes) == sorted(graph.nodes)
    assert sorted(loaded.edges(keys=True)) == sorted(graph.edges(keys=True))
    for u, v, k, d in graph.edges(keys=True, data=True):
        got = loaded.edges[u, v, k]
        if "mentions" in d:
            assert sorted(m["start"] for m in got["mentions"]) == sorted(m["start"] for m in d["mentions"])
        elif "evidence" in d:
            assert sorted(got["evidence"], key=lambda e: e["id"]) == sorted(d["evidence"], key=lambda e: e["id"])


def _check_csv(files: dict[str, str], g: nx.MultiDiGraph) -> None:
    tables = {name: list(csv.DictReader(io.StringIO(text))) for name, text in files.items()}
    headers = {name: next(csv.reader(io.StringIO(text))) for name, text in files.items()}
    assert headers["nodes.csv"][:2] == [":ID", ":LABEL"]
    assert headers["relationships.csv"][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert all(":" in h and h.split(":")[1] in {"string", "long", "double", "boolean", "string[]", "long[]",
                                                 "double[]", "boolean[]"}
               for h in [*headers["nodes.csv"][2:], *headers["relationships.csv"][3:]])
    evidence = {e["id"] for *_, d in relations(g) for e in d["evidence"]}
    assert len(tables["nodes.csv"]) == g.number_of_nodes() + len(evidence) + len(g.graph["merges"])
    ids = {row[":ID"] for row in tables["nodes.csv"]}
    assert len(ids) == len(tables["nodes.csv"])
    assert all(row[":START_ID"] in ids and row[":END_ID"] in ids for row in tables["relationships.csv"])
    by_type: dict[str, list] = {}
    for row in tables["relationships.csv"]:
        by_type.setdefault(row[":TYPE"], []).append(row)
    assert len(by_type["MENTIONS"]) == len(mention_edges(g)) and len(by_type["IN_SOURCE"]) == len(evidence)
    assert len(by_type["RESOLVES_TO"]) == len(g.graph["merges"])
    by_id = {d["id"]: d for *_, d in relations(g)}
    rows = [row for row in tables["relationships.csv"] if row["id:string"] in by_id]
    assert len(rows) == len(relations(g))
    for row in rows:
        data = by_id[row["id:string"]]
        assert row[":TYPE"] == data["type"] and row["sources:string[]"].split(ARRAY_DELIMITER) == data["sources"]
        assert int(row["evidence_count:long"]) == len(data["evidence"])
    entity_rows = [r for r in tables["nodes.csv"] if r[":LABEL"].startswith("Entity" + ARRAY_DELIMITER)]
    assert entity_rows and all(r["mention_count:long"].isdigit() for r in entity_rows)
    sources = [r for r in tables["nodes.csv"] if r[":LABEL"] == "Source"]
    assert sources and all(r["outlet:string"] and r["published:string"] for r in sources)


def test_csv_folder(graph, tmp_path):
    written = export(graph, "csv", tmp_path / "out")
    assert sorted(p.name for p in written) == ["nodes.csv", "relationships.csv"]
    _check_csv({p.name: p.read_text(encoding="utf-8") for p in written}, graph)


def test_csv_zip(graph, tmp_path):
    (path,) = export(graph, "csv", tmp_path / "out.zip")
    with zipfile.ZipFile(path) as archive:
        _check_csv({name: archive.read(name).decode("utf-8") for name in archive.namelist()}, graph)


def test_evidence_offsets_match_article_text(graph, tmp_path):
    lines = read_jsonl(export(graph, "evidence-jsonl", tmp_path / "e.jsonl")[0])
    assert len(lines) == sum(len(d["evidence"]) for *_, d in relations(graph)) > 0
    texts = {source: article_text(source) for source in {line["source"] for line in lines}}
    failures = []
    for line in lines:
        assert EVIDENCE_FIELDS <= set(line)
        assert SIDE_FIELDS == set(line["subject"]) == set(line["object"])
        assert line["attributed_to"] is None or set(line["attributed_to"]) == {"entity_id", "name"}
        text = texts[line["source"]]
        if text[line["sentence_start"]:line["sentence_end"]] != line["sentence"]:
            failures.append((line["id"], "sentence"))
        for side in ("subject", "object"):
            part = line[side]
            if text[part["start"]:part["end"]] != part["text"]:
                failures.append((line["id"], side, part["text"], text[part["start"]:part["end"]]))
            if not line["sentence_start"] <= part["start"] <= part["end"] <= line["sentence_end"]:
                failures.append((line["id"], side, "outside sentence"))
    assert not failures


def test_circumstances_and_dates_survive_the_store(graph, tmp_path):
    """Written to FalkorDB and read back: the evidence keeps when/where/via, the source both dates."""
    lines = read_jsonl(export(graph, "evidence-jsonl", tmp_path / "e.jsonl")[0])
    assert any(line["via"] == "statement" and line["via_text"].lower().startswith("in") for line in lines)
    assert any(line["when"] == "2025-03-18" and line["when_text"] == "on Tuesday evening" for line in lines)
    assert any(line["where"] == "Kyiv" for line in lines)
    sources = [d for _, d in graph.nodes(data=True) if d["kind"] == "Source"]
    assert sources and all(d["published"] == d["published_raw"] == "2025-03-18" for d in sources)


def test_entity_mention_offsets_match_article_text(graph, tmp_path):
    lines = read_jsonl(export(graph, "entities-jsonl", tmp_path / "n.jsonl")[0])
    entities = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "Entity")
    assert [line["entity_id"] for line in lines] == entities
    failures = []
    for line in lines:
        assert {"entity_id", "name", "type", "aliases", "mentions"} <= set(line) and line["mentions"]
        for m in line["mentions"]:
            if article_text(m["source"])[m["start"]:m["end"]] != m["text"]:
                failures.append((line["entity_id"], m))
    assert not failures


def test_subgraph_around_putin(graph, putin, tmp_path):
    assert "vladimir-putin" in putin
    assert putin.number_of_nodes() < graph.number_of_nodes()
    assert putin.number_of_edges() < graph.number_of_edges()
    for fmt in FORMATS:
        assert export(putin, fmt, target(tmp_path, fmt))
    loaded = nx.read_graphml(tmp_path / "graph.graphml", edge_key_type=str, force_multigraph=True)
    assert "vladimir-putin" in loaded and loaded.number_of_nodes() == putin.number_of_nodes()
    entities = [json.loads(x)["entity_id"] for x in (tmp_path / "graph.entities-jsonl").read_text().splitlines()]
    assert "vladimir-putin" in entities
    evidence = read_jsonl(tmp_path / "graph.evidence-jsonl")
    assert evidence and all(article_text(e["source"])[e["sentence_start"]:e["sentence_end"]] == e["sentence"]
                            for e in evidence)


def test_unknown_format(graph, tmp_path):
    with pytest.raises(BadSetting) as err:
        export(graph, "dot", tmp_path / "g.dot")
    assert "dot" in str(err.value) and all(fmt in str(err.value) for fmt in FORMATS)
    assert not list(tmp_path.iterdir())


def test_missing_parent_folder(graph, tmp_path):
    missing = tmp_path / "nope" / "g.json"
    with pytest.raises(BadSetting, match="nope"):
        export(graph, "json", missing)
    with pytest.raises(BadSetting, match="nope"):
        export(graph, "csv", tmp_path / "nope" / "out")


def test_failure_leaves_old_file_and_no_temp(graph, tmp_path):
    path = tmp_path / "g.json"
    path.write_text("old")
    broken = graph.copy()
    broken.graph["unserialisable"] = object()
    with pytest.raises(TypeError):
        export(broken, "json", path)
    assert path.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_characters_xml_cannot_hold_are_replaced_one_for_one(tmp_path, fmt):
    """An article's text keeps a bell or an escape character (README, Bad input); GraphML and GEXF did not parse."""
    g = nx.MultiDiGraph()
    g.add_node("acme", name="Acme\x07 Corp", kind="Entity", aliases=["Acme\x1b"])
    g.add_node("beta", name="Beta", kind="Entity")
    sentence = "Acme\x07 Corp met Beta\ufffe."
    g.add_edge("acme", "beta", key="MEET", id="r1", type="MEET", predicate="meet", sources=["s1"],
               evidence=[{"id": "e1", "source": "s1", "sentence": sentence}])
    path = export(g, fmt, tmp_path / f"g.{fmt}")[0]
    loaded = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert loaded.nodes["acme"]["name"] == "Acme\ufffd Corp"
    [data] = [d for *_, d in loaded.edges(data=True)]
    assert data["sentence"] == "Acme\ufffd Corp met Beta\ufffd." and len(data["sentence"]) == len(sentence)


def test_participants_keep_their_sources_in_every_graph_format(graph, tmp_path):
    """HAS_PARTICIPANT {role, sources}: the graph read back, and every export of it, dropped ``sources``, which
    `events` and `timeline` filter on in a date window."""
    told = {(u, v, k): d["sources"] for u, v, k, d in graph.edges(keys=True, data=True)
            if d.get("type") == "HAS_PARTICIPANT"}
    assert told and all(sources and all(graph.nodes[s]["kind"] == "Source" for s in sources)
                        for sources in told.values())
    data = json.loads(export(graph, "json", tmp_path / "g.json")[0].read_text(encoding="utf-8"))
    assert {(e["source"], e["target"], e["key"]): e["sources"] for e in data["edges"]
            if e.get("type") == "HAS_PARTICIPANT"} == told
    read = nx.read_graphml(export(graph, "graphml", tmp_path / "g.graphml")[0], force_multigraph=True)
    assert {(u, v, d["networkx_key"]): d["sources"] for u, v, d in read.edges(data=True)
            if d.get("type") == "HAS_PARTICIPANT"} == {key: ";".join(s) for key, s in told.items()}
    gexf = nx.read_gexf(export(graph, "gexf", tmp_path / "g.gexf")[0])
    assert {(u, v, k): d["sources"] for u, v, k, d in gexf.edges(keys=True, data=True)
            if d.get("rel_type") == "HAS_PARTICIPANT"} == {key: ";".join(s) for key, s in told.items()}
    [_, relationships] = export(graph, "csv", tmp_path / "csv")
    rows = [r for r in csv.DictReader(io.StringIO(relationships.read_text(encoding="utf-8")))
            if r[":TYPE"] == "HAS_PARTICIPANT"]
    assert len(rows) == len(told)
    assert sorted(r["sources:string[]"].split(ARRAY_DELIMITER) for r in rows) == sorted(told.values())


def test_csv_export_counts_the_rows_it_writes(graph, tmp_path):
    done = export_counted(graph, "csv", tmp_path / "out")
    tables = {p.name: list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8")))) for p in done.paths}
    assert (done.nodes, done.edges) == (len(tables["nodes.csv"]), len(tables["relationships.csv"]))
    assert done.nodes > graph.number_of_nodes() and done.edges > graph.number_of_edges()


def test_a_path_no_export_can_mean_is_refused(graph, tmp_path):
    with pytest.raises(BadSetting, match="the path is empty"):
        export(graph, "json", "")
    with pytest.raises(BadSetting, match="ends with / but graphml writes one file"):
        export(graph, "graphml", f"{tmp_path / 'newdir'}/")
    (tmp_path / "plain").write_text("x")
    with pytest.raises(BadSetting, match="plain is not a folder"):
        export(graph, "json", tmp_path / "plain" / "g.json")
    with pytest.raises(BadSetting, match="plain is not a folder"):
        export(graph, "csv", tmp_path / "plain" / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain"]
