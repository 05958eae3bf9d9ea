"""Every Cypher statement newsgraph can send to Neo4j passes Neo4j's own parser and semantic analysis.

The statements: every upper-case string of ``graph/cypher.py`` (the writers and the reads), of
``graph/reresolve_cypher.py`` and of ``graph/forget.py``, ``merge_entities`` for every entity type,
``merge_relations`` for a sample of relationship types and every label pair, the constraint DDL, the statements of
``graph/neo4j_store.py`` itself, the whole-graph line export's reads (``graph/export_reads.py``, its evidence
statements with every column, the scalars and the lists), every canned query in its Neo4j form, and the
workbench's reads (``newsgraph.workbench.cypher``, its per-label statements for both labels), and the name lookups of
the canned queries (``newsgraph.queries.lookups``). Only the statements
the store sends solely to FalkorDB's Bolt port (``FALKORDB_ONLY``) are left out. ``test_neo4j_bolt`` checks that
everything the store really sends is in this set.

Skipped when Node or the npm package is missing, unless NEWSGRAPH_REQUIRE_CYPHERLINT=1 (then it fails).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import cypherlint
from newsgraph.graph import cypher, export_reads, forget, name_counts, neo4j_store, reresolve_cypher
from newsgraph.model import ENTITY_TYPES
from newsgraph.queries import list_queries
from newsgraph.queries.lookups import LOOKUPS
from newsgraph.workbench import cypher as workbench_cypher

# No skip without the harness: lint() then fails with what to install (the README's test command installs it).

# One relationship type per label pair (the two from the design notes among them): the text differs only there.
RELATION_SAMPLE = (("AGREE_TO", "Entity", "Concept"), ("DECLINE_TO_COMMIT_TO", "Entity", "Entity"),
                   ("SAY", "Concept", "Entity"), ("LEAD_TO", "Concept", "Concept"))
FALKORDB_ONLY = frozenset({neo4j_store.FALKORDB_INDEXES, *cypher.falkordb_indexes()})


def neo4j_statements(relations=RELATION_SAMPLE) -> dict[str, str]:
    """Name → text of every statement the Neo4j store may send to a Neo4j server."""
    found = {}
    for module in (cypher, neo4j_store, reresolve_cypher, export_reads, forget):
        for name, value in vars(module).items():
            if name.isupper() and not name.startswith("_") and isinstance(value, str) and value not in FALKORDB_ONLY:
                found[f"{module.__name__.rsplit('.', 1)[1]}.{name}"] = value
    found["name_counts.STORED_NAME_SOURCES"] = name_counts.STORED_NAME_SOURCES  # read once an ingest
    found.update({f"merge_entities({t})": cypher.merge_entities(t) for t in ENTITY_TYPES})
    found.update({f"relabel_entities({t})": cypher.relabel_entities(t) for t in ENTITY_TYPES})
    found.update({f"merge_relations{triple}": cypher.merge_relations(*triple) for triple in relations})
    found.update({f"set_independent_sources({a}, {b})": cypher.set_independent_sources(a, b)
                  for a in ("Entity", "Concept") for b in ("Entity", "Concept")})
    labels = [(a, b) for a in ("Entity", "Concept") for b in ("Entity", "Concept")]
    for maker in (reresolve_cypher.relations_between, reresolve_cypher.drop_relations):
        found.update({f"reresolve_cypher.{maker.__name__}({a}, {b})": maker(a, b) for a, b in labels})
    found.update({f"reresolve_cypher.put_relations{triple}": reresolve_cypher.put_relations(*triple)
                  for triple in relations})
    found.update({f"neo4j_constraints[{i}]": text for i, text in enumerate(cypher.neo4j_constraints())})
    columns = export_reads.evidence_columns()
    lists = [name for name, kind in columns.items() if kind is list]
    found.update({"export_reads.evidence_statement(all)": export_reads.evidence_statement(list(columns)),
                  "export_reads.evidence_statement(scalars)": export_reads.evidence_statement(
                      [name for name in columns if name not in lists]),
                  "export_reads.evidence_statement(lists)": export_reads.evidence_statement(["id", *lists],
                                                                                           having=lists)})
    found.update({f"query {q.name}": q.neo4j_text for q in list_queries()})
    found.update({f"queries.lookups({kind})": text for kind, (text, *_) in LOOKUPS.items()})
    found.update({f"workbench.{name}": value for name, value in vars(workbench_cypher).items()
                  if name.isupper() and not name.startswith("_") and isinstance(value, str)})
    for kind in workbench_cypher.NODE_LABELS:
        for maker in (workbench_cypher.relations_of, workbench_cypher.neighbours_of):
            found.update({f"workbench.{maker.__name__}({kind})[{i}]": t for i, t in enumerate(maker(kind))})
        for maker in (workbench_cypher.nodes_by_id, workbench_cypher.relation_by_id, workbench_cypher.names_by_id):
            found[f"workbench.{maker.__name__}({kind})"] = maker(kind)
    return found


def _lint_in_two(statements: dict[str, str]) -> dict[str, cypherlint.LintResult]:
    """Lint in two node processes at once (start-up and the big queries dominate; the machine has 2 cores)."""
    names = sorted(statements, key=lambda n: len(statements[n]))
    halves = [{n: statements[n] for n in names[0::2]}, {n: statements[n] for n in names[1::2]}]
    with ThreadPoolExecutor(2) as pool:
        results = {}
        for part in pool.map(cypherlint.lint, halves):
            results.update(part)
    return results


def assert_clean(results: dict[str, cypherlint.LintResult]) -> list[str]:
    """Fail on any error; return the warnings as ``name: line:col: message`` lines."""
    errors = cypherlint.format_errors(results)
    assert errors == "", f"Neo4j's parser rejects:\n{errors}"
    return [f"{name}: {w}" for name, res in sorted(results.items()) for w in res.warnings]


@pytest.fixture(scope="module")
def statements():
    return neo4j_statements()


def _planted_errors(statements: dict[str, str]) -> dict[str, str]:
    """A broken copy of two statements (a syntax error, an undefined variable) and a FalkorDB-only statement."""
    broken = {
        "cypher.MERGE_EVIDENCE": cypher.MERGE_EVIDENCE.replace("MERGE (v:Evidence {id: row.id})",
                                                               "MERGE (v:Evidence {id: row.id}", 1),
        PLANTED_RELATION: statements[PLANTED_RELATION].replace("MATCH (b:Concept {id: row.object})",
                                                               "MATCH (b:Concept {id: rows.object})"),
    }
    assert broken["cypher.MERGE_EVIDENCE"] != cypher.MERGE_EVIDENCE
    assert broken[PLANTED_RELATION] != statements[PLANTED_RELATION]
    return {**broken, "falkordb-only": neo4j_store.FALKORDB_INDEXES}


PLANTED_RELATION = "merge_relations('AGREE_TO', 'Entity', 'Concept')"
_PLANTED = "planted: "


@pytest.fixture(scope="module")
def linted(statements):
    """The statements and the planted errors (keys prefixed ``planted: ``), linted in one go: the node start-up and
    the Neo4j 5 registry load are paid once."""
    planted = {_PLANTED + name: text for name, text in _planted_errors(statements).items()}
    return _lint_in_two({**statements, **planted})


@pytest.fixture(scope="module")
def results(linted):
    return {name: result for name, result in linted.items() if not name.startswith(_PLANTED)}


def test_the_set_covers_every_kind_of_statement(statements):
    writers = {"MERGE_SOURCES", "MARK_SOURCES_DONE", "MERGE_CONCEPTS", "MERGE_MENTIONS", "REFRESH_ENTITY_COUNTS",
               "MERGE_EVIDENCE", "LINK_ATTRIBUTION", "MERGE_RESOLUTIONS"}
    reads = {"LEDGER", "KNOWN_ENTITIES", "ALL_NODES", "NODES_BY_ID", "ALL_RELATIONS", "NEIGHBOURS", "MENTIONS_OF",
             "EVIDENCE_OF", "COUNTS", "RELATION_COUNTS", "EXPLAIN_ENTITY"}
    assert {f"cypher.{n}" for n in writers | reads} <= set(statements)
    assert {f"neo4j_store.{n}" for n in ("PROBE", "COMPONENTS", "ECHO", "DELETE_BATCH")} <= set(statements)
    assert sum(n.startswith("merge_entities(") for n in statements) == len(ENTITY_TYPES)
    assert sum(n.startswith("relabel_entities(") for n in statements) == len(ENTITY_TYPES)
    assert {n for n in statements if n.startswith("query ")} == {f"query {q.name}" for q in list_queries()}
    pairs = {(a, b) for a in ("Entity", "Concept") for b in ("Entity", "Concept")}
    assert {(a, b) for _, a, b in RELATION_SAMPLE} == pairs
    assert sum(n.startswith("neo4j_constraints[") for n in statements) == len(cypher.neo4j_constraints()) >= 4
    assert {"reresolve_cypher.SET_EVIDENCE", "reresolve_cypher.PUT_MENTIONS", "reresolve_cypher.DROP_ENTITIES",
            "reresolve_cypher.OVERRIDE_RECORDS"} <= set(statements)
    assert sum(n.startswith("reresolve_cypher.put_relations") for n in statements) == len(RELATION_SAMPLE)


def test_every_statement_passes_neo4js_parser_and_semantic_analysis(results, statements):
    assert set(results) == set(statements)
    warnings = assert_clean(results)
    print(f"{len(results)} statements linted; warnings: {warnings or 'none'}")


def test_writers_take_their_rows_as_one_parameter(results):
    writers = [n for n in results if n.startswith(("merge_entities(", "relabel_entities(", "merge_relations("))] + [
        f"cypher.{n}" for n in ("MERGE_SOURCES", "MARK_SOURCES_DONE", "MERGE_CONCEPTS", "MERGE_MENTIONS",
                                "MERGE_EVIDENCE", "LINK_ATTRIBUTION", "MERGE_RESOLUTIONS")]
    assert {n: results[n].parameters for n in writers} == {n: ["rows"] for n in writers}
    assert results["cypher.REFRESH_ENTITY_COUNTS"].parameters == ["ids"]
    assert results["neo4j_store.DELETE_BATCH"].parameters == ["limit"]
    assert all(results[n].parameters == [] for n in results if n.startswith("neo4j_constraints["))


@pytest.fixture(scope="module")
def planted(linted):
    """(the planted relation's name, the lint results of the planted errors)."""
    return PLANTED_RELATION, {name[len(_PLANTED):]: result for name, result in linted.items()
                              if name.startswith(_PLANTED)}


def test_canned_queries_have_no_warnings_and_take_the_parameters_they_declare(results):
    for query in list_queries():
        result = results[f"query {query.name}"]
        assert [str(w) for w in result.warnings] == [], query.name
        assert sorted(result.parameters) == sorted(p.name for p in query.params), query.name


def test_a_planted_error_fails_the_check(planted):
    relation, results = planted
    assert results["cypher.MERGE_EVIDENCE"].errors, "a syntax error went unnoticed"
    assert any("`rows` not defined" in e.message for e in results[relation].errors), results[relation]
    with pytest.raises(AssertionError, match=r"cypher\.MERGE_EVIDENCE: \d+:\d+"):
        assert_clean({name: results[name] for name in ("cypher.MERGE_EVIDENCE", relation)})


def test_the_falkordb_only_statements_are_rightly_kept_from_neo4j(planted):
    # db.indexes() does not exist in Neo4j 5: sending it there would fail, which is why it is FalkorDB-only.
    assert any("db.indexes is not present" in e.message for e in planted[1]["falkordb-only"].errors)
