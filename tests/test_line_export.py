"""Line exports written straight from a store's rows: the same bytes as the export of the graph read back, on the
seed graph and on hand-written stores with the cases the graph read back handles in its own way."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.errors import BadSetting, QueryRefused
from newsgraph.graph import export_reads
from newsgraph.graph.export import export
from newsgraph.graph.line_export import STREAMED, export_whole

pytestmark = pytest.mark.store


def _graph_export(store, fmt, path):
    [written] = export(store.read_graph(), fmt, path)
    return written.read_bytes()


@pytest.mark.model
@pytest.mark.parametrize("fmt", STREAMED)
def test_seed_graph_same_bytes_as_the_graph_read_back(seed_store, tmp_path, fmt):
    done = export_whole(seed_store, fmt, tmp_path / "rows.jsonl")
    expected = _graph_export(seed_store, fmt, tmp_path / "graph.jsonl")
    assert done.path.read_bytes() == expected
    assert done.lines == expected.count(b"\n") >= {"evidence-jsonl": 100, "sources-jsonl": 2}[fmt]


def _write(store, statements):
    for statement in statements:
        store.run(statement)


def test_read_rows_gives_plain_values_in_column_order(empty_store):
    _write(empty_store, ["CREATE (:Entity {id: 'e1', name: 'Kyiv', type: 'Place', aliases: ['Kiev', 'Київ'], "
                         "score: 0.5, flag: true})"])
    rows = empty_store.read_rows("MATCH (n:Entity) RETURN n.id, n.aliases, n.score, n.flag, n.missing, "
                                 "{k: n.name} AS m, $p AS p", {"p": [1, "two"]})
    assert rows == [["e1", ["Kiev", "Київ"], 0.5, True, None, {"k": "Kyiv"}, [1, "two"]]]
    assert empty_store.read_rows("MATCH (n:Nothing) RETURN n.id") == []


def test_read_rows_typed_gives_what_the_compact_reply_gives(empty_store):
    _write(empty_store, ["CREATE (:Evidence {id: 'v1', text: 'Київ, \"quoted\"', start: 4, confidence: 0.1, "
                         "negated: false})",
                         "CREATE (:Evidence {id: 'v2', start: 7, confidence: 1, negated: true})",  # an integer
                         "CREATE (:Evidence {id: 'v3', confidence: 0.123456789012345678})"])
    query = "MATCH (v:Evidence) RETURN v.id, v.text, v.start, v.confidence, v.negated ORDER BY v.id"
    compact = empty_store.read_rows(query)
    assert compact[0] == ["v1", 'Київ, "quoted"', 4, 0.1, False] and compact[1][3:] == [1, True]
    assert empty_store.read_rows(query, types=[str, str, int, float, bool]) == compact


@pytest.mark.parametrize(("value", "expected"), [("'0.5'", "0.5"), ("[1]", [1]), ("true", True), ("0.5", 0.5)])
def test_read_rows_typed_falls_back_on_what_the_plain_reply_cannot_tell(empty_store, value, expected):
    """Text, a list, a flag or a double in an integer column: the value as stored, not its text."""
    _write(empty_store, ["CREATE (:Evidence {id: 'v1', start: 4})", f"CREATE (:Evidence {{id: 'v2', start: {value}}})"])
    query = "MATCH (v:Evidence) RETURN v.id, v.start ORDER BY v.id"
    assert empty_store.read_rows(query, types=[str, int]) == [["v1", 4], ["v2", expected]]


def test_read_rows_refuses_nodes_and_writes(empty_store):
    _write(empty_store, ["CREATE (:Entity {id: 'e1'})"])
    with pytest.raises(QueryRefused, match="scalars and lists"):
        empty_store.read_rows("MATCH (n:Entity) RETURN n")
    with pytest.raises(QueryRefused):
        empty_store.read_rows("CREATE (:Entity {id: 'e2'})")
    assert empty_store.read_rows("MATCH (n:Entity) RETURN count(n)") == [[1]]


def test_node_names_as_the_graph_read_back_has_them(empty_store):
    _write(empty_store, ["CREATE (:Entity:Person {id: 'e1', name: 'Putin', type: 'Person'})",
                         "CREATE (:Concept {id: 'concept:truce', name: 'truce'})",
                         "CREATE (:Source {id: 's1'})",  # no name: the id stands in, as in the graph
                         "CREATE (:Resolution {id: 'r1', name: 'not read'})"])
    graph = {node: {k: data[k] for k in ("name", "type", "kind") if k in data}
             for node, data in empty_store.read_graph().nodes(data=True)}
    assert export_reads.node_names(empty_store) == {k: v for k, v in graph.items() if k != "s1"}
    names = export_reads.node_names(empty_store, ["s1", "r1", "nowhere", "e1"])  # the other kinds by id
    assert names == graph and names["s1"] == {"name": "s1", "kind": "Source"}


def _evidence(ev_id, edge_id, subject, obj, **more):
    props = {"id": ev_id, "edge_id": edge_id, "source": "s1", "sentence": f"Sentence of {ev_id}.",
             "sentence_start": 0, "sentence_end": 20, "predicate": "agree to", "relation_class": "agree to",
             "subject_id": subject, "subject_text": subject, "subject_start": 0, "subject_end": 5,
             "object_id": obj, "object_text": obj, "object_start": 10, "object_end": 15, **more}
    body = ", ".join(f"{k}: ${k}" for k in props)
    return f"CREATE (:Evidence {{{body}}})", props


def _write_odd_graph(store):
    """What a graph read back treats in its own way: evidence of no relation, two relationships with one key between
    the same nodes (the graph keeps one edge), an evidence row written before some of its fields existed (no
    confidence, no event, no quantities), quantities and speakers, an end that is no node, one that is a source."""
    _write(store, [
        "CREATE (:Entity:Person {id: 'e1', name: 'Putin', type: 'Person'}), (:Entity:Place {id: 'e2', name: 'Kyiv', "
        "type: 'Place'}), (:Concept {id: 'concept:truce', name: 'truce'}), (:Source {id: 's1', name: 's1'})",
        "MATCH (a {id: 'e1'}), (b {id: 'concept:truce'}) CREATE (a)-[:AGREE_TO {id: 'r1', predicate: 'agree to'}]->(b)",
        "MATCH (a {id: 'e1'}), (b {id: 'e2'}) CREATE (a)-[:VISIT {id: 'r2', predicate: 'visit'}]->(b)",
        "MATCH (a {id: 'e1'}), (b {id: 'e2'}) CREATE (a)-[:TOUR {id: 'r3', predicate: 'visit'}]->(b)",
    ])
    for query, params in [
        _evidence("v1", "r1", "e1", "concept:truce", confidence=0.75, negated=True, attributed_to="e2",
                  attributed_to_name="Kyiv", quantity_kinds=["count"], quantity_values=["3"],
                  quantity_texts=["three"], event_id="ev1", when="2025-03-18"),
        _evidence("v2", "r1", "e1", "concept:gone"),  # no confidence, no event: the defaults; an end with no node
        _evidence("v6", "r1", "s1", "e2"),  # an end that is a source (named from it, as in the graph)
        _evidence("v3", "r2", "e1", "e2"),  # r2 and r3 share one edge: the one read last keeps its evidence
        _evidence("v4", "r3", "e1", "e2"),
        _evidence("v5", "nothing", "e1", "e2"),  # no relation
    ]:
        store.run(query, params)


@pytest.fixture()
def odd_store(empty_store):
    _write_odd_graph(empty_store)
    return empty_store


def test_odd_store_same_bytes_as_the_graph_read_back(odd_store, tmp_path):
    done = export_whole(odd_store, "evidence-jsonl", tmp_path / "rows.jsonl")
    expected = _graph_export(odd_store, "evidence-jsonl", tmp_path / "graph.jsonl")
    assert done.path.read_bytes() == expected
    lines = expected.decode().splitlines()
    ids = sorted(json.loads(line)["id"] for line in lines)
    assert done.lines == 4 and ids[:2] == ["v1", "v2"] and ids[2] in {"v3", "v4"} and ids[3] == "v6"  # r2 or r3


def test_same_bytes_with_the_relations_read_first(odd_store, tmp_path, monkeypatch):
    """A store that cannot read on two connections at once (FalkorDB's Bolt port, to the Neo4j store) reads the
    relations first: the same bytes."""
    monkeypatch.setattr(odd_store, "parallel_reads", False)
    done = export_whole(odd_store, "evidence-jsonl", tmp_path / "rows.jsonl")
    assert done.path.read_bytes() == _graph_export(odd_store, "evidence-jsonl", tmp_path / "graph.jsonl")
    assert done.lines == 4


def test_same_bytes_with_two_evidence_nodes_of_one_id(odd_store, tmp_path):
    """Evidence nodes that share an id (not newsgraph's doing) are read in one read, all columns: the same bytes."""
    query, params = _evidence("v3", "r2", "e2", "e1", confidence=0.25, quantity_kinds=["count"],
                              quantity_values=["2"])
    odd_store.run(query, params)
    done = export_whole(odd_store, "evidence-jsonl", tmp_path / "rows.jsonl")
    assert done.path.read_bytes() == _graph_export(odd_store, "evidence-jsonl", tmp_path / "graph.jsonl")
    assert export_reads.evidence_rows(odd_store)[0] == list(export_reads.evidence_columns())


def test_only_streamed_formats(empty_store, tmp_path):
    with pytest.raises(BadSetting, match="graphml"):
        export_whole(empty_store, "graphml", tmp_path / "x.graphml")


@pytest.mark.model
def test_cli_writes_the_whole_graph_from_rows(seed_store, falkor_server, tmp_path, monkeypatch):
    """The command takes the row path for a whole-graph line export (and the graph path otherwise), with the
    same bytes."""
    from newsgraph.cli import app
    from newsgraph.graph.store import GraphStore

    def no_graph(*args, **kwargs):
        raise AssertionError("read the whole graph")

    expected = _graph_export(seed_store, "evidence-jsonl", tmp_path / "graph.jsonl")
    monkeypatch.setattr(GraphStore, "read_graph", no_graph)
    out = tmp_path / "cli.jsonl"
    result = CliRunner().invoke(app, ["export", "-f", "evidence-jsonl", "-o", str(out), "--data-dir",
                                      str(falkor_server.data_dir), "--graph", "seeds"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == expected
    lines = expected.count(b"\n")
    assert f"({lines} lines)" in result.output
