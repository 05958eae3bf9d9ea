"""``newsgraph cypher`` on the embedded store: parameters the store cannot take are refused in one line naming them,
parameters the statement uses and no ``-p`` gives are named before anything is sent, relationships keep their
direction (``start`` and ``end``, alone or in a path, in every format), and a local date-time prints without a
zone."""

import json
import math

import pytest
from falkordb import Edge, Node, Path
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.cypher_params import missing_parameters, parameter_problem, statement_parameters
from newsgraph.graph.falkor_replies import plain


# --- pure logic --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value,problem", [({"a`b": 1}, "backtick"), ({"": 1}, "empty map key"),
                                           ([{"k": [{"": 2}]}], "empty map key"), (math.inf, "too large"),
                                           ([-math.inf], "too large"), ({"k": math.nan}, "NaN")])
def test_a_parameter_the_header_cannot_carry_is_named(value, problem):
    assert problem in parameter_problem(value)


def test_a_parameter_the_header_can_carry_passes():
    assert parameter_problem({"a b": [1, 2.5, None, "`x`", {"c": True}]}) is None


def test_the_parameters_of_a_statement_skip_strings_names_and_comments():
    text = ("MATCH (n:`$label` {id: $id}) WHERE n.price = '$5' AND n.note = \"it's $3\" /* $c */ // $line\n"
            "RETURN $`a b` AS x, $id, $0")
    assert statement_parameters(text) == ["id", "a b", "0"]
    assert missing_parameters(text, {"id": 1, "0": 2}) == ["a b"]


def test_a_relationship_keeps_its_ends_alone_and_in_a_path():
    a, b = Node(1, labels=["Entity"], properties={"id": "person"}), Node(2, labels=["Entity"],
                                                                          properties={"id": "centre"})
    path = plain(Path([b, a], [Edge(1, "ARRIVE", 2, 9, properties={"predicate": "arrive"})]))
    assert path["relationships"] == [{"type": "ARRIVE", "start": "person", "end": "centre", "predicate": "arrive"}]
    assert plain(Edge(1, "ARRIVE", 2, 9), {1: "person"}) == {"type": "ARRIVE", "start": "person", "end": "2"}


# --- the command -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A data dir holding a small graph written natively: (person)-[:ARRIVE]->(centre), and a node without id."""
    from newsgraph.graph.server import EmbeddedFalkorDB

    path = tmp_path_factory.mktemp("answers") / "store"
    server = EmbeddedFalkorDB(path).start()
    try:
        server.client().select_graph("newsgraph").query(
            "CREATE (:Entity {id: 'person', name: 'Tara Reid'})-[:ARRIVE {predicate: 'arrive'}]->"
            "(:Entity {id: 'centre', name: 'Promises Treatment Center'}), (:Thing {name: 'no id'})-[:NEAR]->"
            "(:Entity {id: 'far', name: 'Far'})")
    finally:
        server.stop()
    return path


def _cypher(data_dir, *args):
    return CliRunner().invoke(app, ["cypher", *args, "--data-dir", str(data_dir)])


@pytest.mark.store
@pytest.mark.parametrize("param,needle", [('x={"a`b":1}', "backtick"), ('x={"":1}', "empty map key"),
                                          ("x=1e400", "too large"), ("x=-1e400", "too large"),
                                          ("x=[1e400]", "too large")])
def test_a_parameter_the_store_cannot_take_is_refused_in_one_line(data_dir, param, needle):
    result = _cypher(data_dir, "RETURN $x AS x", "-p", param)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsgraph: error: parameter 'x' holds") and needle in lines[0]
    assert "CYPHER" not in lines[0]


@pytest.mark.store
def test_a_parameter_without_a_value_is_named_before_sending(data_dir):
    result = _cypher(data_dir, "RETURN $missing AS y, $given AS z, '$text' AS w", "-p", "given=1")
    assert result.exit_code == 2, result.output
    assert "$missing" in result.stderr and "$given" not in result.stderr and "$text" not in result.stderr
    assert "-p missing=VALUE" in result.stderr and "Missing parameters" not in result.stderr


@pytest.mark.store
def test_relationships_keep_their_direction_alone_and_in_paths(data_dir):
    path = "MATCH p=(c {id: 'centre'})<-[:ARRIVE]-(e:Entity) RETURN p"
    shown = json.loads(_cypher(data_dir, path, "-f", "json").stdout)[0]["p"]
    assert [n["id"] for n in shown["nodes"]] == ["centre", "person"]
    assert shown["relationships"] == [{"type": "ARRIVE", "start": "person", "end": "centre", "predicate": "arrive"}]
    alone = json.loads(_cypher(data_dir, "MATCH ()-[r:ARRIVE]->() RETURN r", "-f", "json").stdout)
    assert alone == [{"r": {"type": "ARRIVE", "start": "person", "end": "centre", "predicate": "arrive"}}]
    table = _cypher(data_dir, "MATCH ()-[r:ARRIVE]->() RETURN r").stdout
    assert '"start": "person"' in table and '"end": "centre"' in table
    no_id = json.loads(_cypher(data_dir, "MATCH (t:Thing)-[r:NEAR]->() RETURN id(t) AS t, r", "-f", "json").stdout)
    assert no_id[0]["r"]["start"] == str(no_id[0]["t"]) and no_id[0]["r"]["end"] == "far"


@pytest.mark.store
def test_a_local_date_time_prints_without_a_zone(data_dir):
    statement = 'RETURN localdatetime("2025-03-01T10:00:00") AS t'
    assert json.loads(_cypher(data_dir, statement, "-f", "json").stdout) == [{"t": "2025-03-01T10:00:00"}]
    assert "+00:00" not in _cypher(data_dir, statement).stdout
