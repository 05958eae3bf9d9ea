"""Tests for the offline Cypher lint harness (tests/cypherlint.py + lint.mjs).

They need node and the npm package (the README's test command installs it: npm ci --prefix tests/cypherlint);
without them they fail with that hint instead of skipping.
"""

from __future__ import annotations

import pytest

import cypherlint
from cypherlint import lint

VALID = {
    "upsert_entities": (
        "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
        "SET e.name = row.name, e += row.props"
    ),
    "constraint": (
        "CREATE CONSTRAINT entity_id IF NOT EXISTS "
        "FOR (e:Entity) REQUIRE e.id IS UNIQUE"
    ),
    "shortest_path": (
        "MATCH p = shortestPath((a:Entity {id: $a})-[*..4]-(b:Entity {id: $b})) "
        "RETURN p"
    ),
    "list_comprehension": (
        "MATCH (e:Entity) "
        "RETURN e.id AS id, [x IN coalesce(e.aliases, []) WHERE x <> '' | toLower(x)] AS aliases"
    ),
    "dbms_components": (
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions, edition"
    ),
    "upsert_relations": (
        "UNWIND $rels AS rel\n"
        "MATCH (s:Entity {id: rel.src})\n"
        "MATCH (t:Entity {id: rel.dst})\n"
        "MERGE (s)-[r:RELATED {type: rel.type}]->(t)\n"
        "ON CREATE SET r.first_seen = rel.ts\n"
        "SET r.weight = coalesce(r.weight, 0) + 1"
    ),
    "index": "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
    "subquery": (
        "MATCH (a:Article) CALL (a) { MATCH (a)-[:MENTIONS]->(e:Entity) "
        "RETURN count(e) AS n } RETURN a.id AS id, n"
    ),
    "trailing_semicolon": "MATCH (n:Entity) RETURN count(n) AS n;",
}


@pytest.fixture(scope="module")
def valid_results():
    return lint(VALID)


def test_valid_statements_have_no_errors(valid_results):
    assert set(valid_results) == set(VALID)
    assert cypherlint.format_errors(valid_results) == ""


def test_parameters_are_reported_not_errors(valid_results):
    assert valid_results["upsert_entities"].parameters == ["rows"]
    assert sorted(valid_results["shortest_path"].parameters) == ["a", "b"]
    assert valid_results["constraint"].parameters == []


def test_unknown_labels_and_properties_are_not_flagged(valid_results):
    # No DB schema is given, so Entity / RELATED / .aliases must not warn.
    for name in ("upsert_entities", "upsert_relations", "list_comprehension"):
        assert valid_results[name].warnings == [], name


SEMANTIC_ERRORS = {
    "undefined_variable": ("MATCH (n) RETURN m", "Variable `m` not defined"),
    "type_mismatch": ("RETURN toLower(1) AS x", "Type mismatch"),
    "varlength_merge": (
        "MERGE (a)-[:R*2]->(b)",
        "Variable length relationships cannot be used in MERGE",
    ),
    "undirected_create": (
        "CREATE (a)-[:R]-(b)",
        "Only directed relationships are supported in CREATE",
    ),
    "implicit_grouping": (
        "MATCH (n) WHERE n.x = 1 RETURN count(n) + n",
        "implicit grouping",
    ),
    "unknown_function": (
        "RETURN nosuchfunction(1) AS x",
        "Function nosuchfunction is not present",
    ),
    "bad_yield": (
        "CALL dbms.components() YIELD nope RETURN nope",
        "Unknown procedure output",
    ),
    "two_statements": ("RETURN 1 AS x; RETURN 2 AS y", "only one statement per query"),
}

OTHER = {
    "syntax_error": "MATCH (n RETURN n",
    "multiline": "MATCH (n)\nWHERE n.x = $x\nRETURN m",
    "deprecated": "MATCH (n:Entity) RETURN id(n) AS i",
}


@pytest.fixture(scope="module")
def bad_results():
    # One node process for all cases: start-up (~1 s) dominates a single lint.
    return lint({**{k: q for k, (q, _) in SEMANTIC_ERRORS.items()}, **OTHER})


def test_syntax_error(bad_results):
    res = bad_results["syntax_error"]
    assert res.errors, res
    assert res.errors[0].line == 1
    assert res.errors[0].column == 10  # at RETURN
    assert "Invalid input" in res.errors[0].message


@pytest.mark.parametrize("name", sorted(SEMANTIC_ERRORS))
def test_semantic_errors(bad_results, name):
    fragment = SEMANTIC_ERRORS[name][1]
    res = bad_results[name]
    assert any(fragment in d.message for d in res.errors), res


def test_error_positions_are_one_based_lines(bad_results):
    res = bad_results["multiline"]
    assert [(d.line, d.column) for d in res.errors] == [(3, 8)]
    assert res.parameters == ["x"]


def test_deprecations_are_warnings(bad_results):
    res = bad_results["deprecated"]
    assert res.errors == []
    assert any("deprecated" in d.message for d in res.warnings)


def test_registry_can_be_disabled(bad_results):
    assert bad_results["unknown_function"].errors
    query = {"q": SEMANTIC_ERRORS["unknown_function"][0]}
    assert lint(query, registry=False)["q"].errors == []


def test_empty_input():
    assert lint({}) == {}


def test_missing_node_modules_message(monkeypatch, tmp_path):
    monkeypatch.setattr(cypherlint, "PACKAGE_DIR", tmp_path / "nope")
    assert not cypherlint.available()
    with pytest.raises(RuntimeError, match=r"npm ci --prefix tests/cypherlint"):
        lint({"q": "RETURN 1"})
