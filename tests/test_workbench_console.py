"""The console's row cap: the store returns at most MAX_ROWS + 1 rows, whatever the statement matches (before, a
cross product of 2,700 nodes answered with 7.3 million rows, which the store and the workbench each built whole).
Pure tests of the rewrite, and the console against a real FalkorDB."""

from __future__ import annotations

import json
import urllib.request

import pytest

from workbench_fixtures import serving


class _Recording:
    """A store that records every statement the console sends and how many rows the store gave back."""

    def __init__(self, store, guard: bool = False) -> None:
        self.store, self.guard, self.calls = store, guard, []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def run_read_only(self, query, params=None, **kwargs):
        if self.guard and "LIMIT" not in query:  # keeps a regression from building millions of rows on CI
            raise AssertionError(f"the console sent an uncapped statement: {query!r}")
        rows = self.store.run_read_only(query, params, **kwargs)
        self.calls.append((query, len(rows)))
        return rows


def _post(url: str, body: object) -> tuple[int, dict]:
    request = urllib.request.Request(url + "api/query", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


# --- the rewrite ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("statement, params, expected", [
    ("MATCH (a), (b) RETURN a, b", {}, "MATCH (a), (b) RETURN a, b\nLIMIT 11"),
    ("UNWIND range(1, 2000000) AS i RETURN i", {}, "UNWIND range(1, 2000000) AS i RETURN i\nLIMIT 11"),
    # a sort stays before the limit, so the store keeps only the top rows
    ("MATCH (e) RETURN e ORDER BY e.name DESC", {}, "MATCH (e) RETURN e ORDER BY e.name DESC\nLIMIT 11"),
    ("MATCH (e) RETURN e LIMIT 5;", {}, "MATCH (e) RETURN e LIMIT 5"),
    ("MATCH (e) RETURN e SKIP 3 LIMIT 5000", {}, "MATCH (e) RETURN e SKIP 3 LIMIT 11"),
    ("MATCH (e) RETURN e LIMIT $n", {"n": 4}, "MATCH (e) RETURN e LIMIT $n"),
    ("MATCH (e) RETURN e LIMIT $n", {"n": 10**9}, "MATCH (e) RETURN e LIMIT 11"),
    # a comment at the end must not swallow the LIMIT; words in strings, comments, properties, aliases and
    # brackets are not clauses
    ("MATCH (n) RETURN n.limit AS limit // LIMIT 5", {}, "MATCH (n) RETURN n.limit AS limit // LIMIT 5\nLIMIT 11"),
    ("RETURN 'x RETURN y LIMIT 3' AS s", {}, "RETURN 'x RETURN y LIMIT 3' AS s\nLIMIT 11"),
    ("MATCH (n) WHERE n.name STARTS WITH 'a' RETURN n", {},
     "MATCH (n) WHERE n.name STARTS WITH 'a' RETURN n\nLIMIT 11"),
    ("CALL { MATCH (a) RETURN a LIMIT 2 } RETURN a", {}, "CALL { MATCH (a) RETURN a LIMIT 2 } RETURN a\nLIMIT 11"),
    ("MATCH (a) CALL db.labels() YIELD label AS `the label`", {},
     "MATCH (a) CALL db.labels() YIELD label AS `the label`\nRETURN `the label`\nLIMIT 11"),
    # returns no rows (a write the store refuses), or a procedure alone: as written
    ("MATCH (n) DETACH DELETE n", {}, "MATCH (n) DETACH DELETE n"),
    ("CALL db.labels()", {}, "CALL db.labels()"),
])
def test_the_cap_is_a_limit_on_the_last_return(statement, params, expected):
    from newsgraph.workbench.rowcap import cap_rows

    assert cap_rows(statement, params, 11).text == expected


def test_a_union_or_a_computed_limit_is_wrapped_and_keeps_its_column_order():
    from newsgraph.workbench.rowcap import cap_rows

    capped = cap_rows("MATCH (a) RETURN a.name AS z, a.id AS y UNION MATCH (b) RETURN b.name AS z, b.id AS y", {}, 11)
    assert capped.text.startswith("CALL {\nMATCH (a)") and capped.text.endswith("\n}\nRETURN *\nLIMIT 11")
    assert capped.columns == ("z", "y")
    capped = cap_rows("MATCH (e) RETURN DISTINCT e.name, count(*) LIMIT toInteger($n)", {"n": 3}, 11)
    assert capped.text.endswith("\n}\nRETURN *\nLIMIT 11") and capped.columns == ("e.name", "count(*)")


def test_a_procedure_without_yield_after_other_clauses_is_refused():
    from newsgraph.errors import QueryRefused
    from newsgraph.workbench.rowcap import cap_rows

    with pytest.raises(QueryRefused, match="needs YIELD"):
        cap_rows("MATCH (a), (b) CALL db.labels()", {}, 11)


# --- against FalkorDB -----------------------------------------------------------------------------------------
@pytest.mark.store
def test_the_store_returns_at_most_max_rows_plus_one(empty_store):
    """Before: the store returned all 1,600 rows of a 40 × 40 cross product and the console cut them after."""
    from newsgraph.workbench import console

    empty_store.run("UNWIND range(1, 40) AS i CREATE (:Entity {id: 'e' + toString(i), name: 'E' + toString(i)})")
    store = _Recording(empty_store)
    reply = console.run_cypher(store, "MATCH (a:Entity), (b:Entity) RETURN a.id AS a, b.id AS b")
    assert [n for _, n in store.calls] == [console.MAX_ROWS + 1]
    assert len(reply["rows"]) == console.MAX_ROWS and reply["truncated"] and reply["columns"] == ["a", "b"]
    assert reply["statement"] == store.calls[0][0]
    reply = console.run_cypher(store, "MATCH (a:Entity) RETURN a.id AS z, a.name AS y UNION "
                                      "MATCH (b:Entity) RETURN b.id AS z, b.name AS y")
    assert reply["columns"] == ["z", "y"] and reply["total"] == 40 and not reply["truncated"]
    reply = console.run_cypher(store, "MATCH (a:Entity), (b:Entity) RETURN a.id AS a ORDER BY a DESC LIMIT $n",
                               {"n": 3})
    assert [r["a"] for r in reply["rows"]] == ["e9", "e9", "e9"] and not reply["truncated"]
    reply = console.run_cypher(store, "CALL db.labels() YIELD label")
    assert {"label": "Entity"} in reply["rows"] and reply["statement"].endswith("\nRETURN label\nLIMIT 1001")


@pytest.mark.store
def test_a_huge_cross_product_answers_with_max_rows_and_a_truncated_mark(empty_store):
    """2,700 nodes, 7.3 million pairs: before, the workbench grew to 14.8 GB and was killed."""
    from newsgraph.workbench import console

    empty_store.run("UNWIND range(1, 2700) AS i CREATE (:Entity {id: 'e' + toString(i), name: 'E' + toString(i)})")
    store = _Recording(empty_store, guard=True)
    with serving(store) as url:
        status, reply = _post(url, {"cypher": "MATCH (a), (b) RETURN a, b"})
        assert status == 200, reply
        assert len(reply["rows"]) == console.MAX_ROWS and reply["truncated"] is True
        assert reply["statement"] == "MATCH (a), (b) RETURN a, b\nLIMIT 1001"
        status, reply = _post(url, {"cypher": "UNWIND range(1, 2000000) AS i RETURN i"})
        assert status == 200 and len(reply["rows"]) == console.MAX_ROWS and reply["truncated"] is True
        status, reply = _post(url, {"cypher": "MATCH (a), (b) CALL db.labels()"})
        assert status == 400 and "needs YIELD" in reply["error"]
    assert [n for _, n in store.calls] == [console.MAX_ROWS + 1] * 2


@pytest.mark.store
@pytest.mark.model
def test_every_canned_query_gives_the_same_rows_capped(seed_store):
    """The cap changes what the store returns only past MAX_ROWS: every canned query, with its examples, answers
    the seed graph as it does uncapped."""
    from newsgraph.queries import bind, list_queries
    from newsgraph.workbench import console

    for query in list_queries():
        params = bind(query, {k: v for k, v in query.examples.items() if v not in ("", None)})
        expected = seed_store.run_read_only(query.text, params, graph_elements=True)
        reply = console.run_canned(seed_store, query.name, dict(query.examples))
        assert reply["rows"] == expected[:console.MAX_ROWS], query.name


def test_capped_statements_pass_neo4js_parser():
    """The console's rewrites are Cypher Neo4j takes too: every canned query in its Neo4j form, capped, and the
    wrapped and appended forms of ad-hoc statements."""
    import cypherlint
    from newsgraph.queries import bind, list_queries
    from newsgraph.workbench.rowcap import cap_rows

    capped = {q.name: (q.neo4j_text, cap_rows(q.neo4j_text, bind(q, dict(q.examples)), 1001).text)
              for q in list_queries()}
    assert all(text.rstrip().endswith(("LIMIT 1001", "LIMIT $limit")) for _, text in capped.values())
    statements = {f"capped {name}": text for name, (original, text) in capped.items() if text != original}
    assert statements  # the queries without a LIMIT of their own
    statements.update({f"ad hoc {i}": cap_rows(text, {"n": 5}, 1001).text for i, text in enumerate([
        "MATCH (a:Entity), (b:Entity) RETURN a, b",
        "MATCH (a:Entity) RETURN a.name AS name UNION MATCH (c:Concept) RETURN c.name AS name",
        "MATCH (e:Entity) RETURN e.name AS name ORDER BY name LIMIT toInteger($n) + 1",
        "CALL db.labels() YIELD label",
    ])})
    problems = {name: result.errors for name, result in cypherlint.lint(statements).items() if not result.ok}
    assert problems == {}


@pytest.mark.store
def test_a_canned_query_naming_nothing_is_an_error_as_on_the_command_line(empty_store):
    """Before: the console answered "0 rows." for a story or an entity no name matches, where ``newsgraph query``
    exits 2 with "no story matches name=…"; a known name with nothing to show is still an empty answer."""
    empty_store.run("""CREATE (s:Source {id: 'a1', title: 'Talks in Zurana', published: '2024-05-01'}),
      (t:Story {id: 'story-1', name: 'Zurana talks'}), (s)-[:IN_STORY]->(t),
      (:Entity:Person {id: 'ann-lee', name: 'Ann Lee', type: 'Person', aliases: []})""")
    with serving(empty_store) as url:
        status, reply = _post(url, {"name": "story", "params": {"name": "nosuch"}})
        assert status == 400 and "no story matches name='nosuch'" in reply["error"], reply
        status, reply = _post(url, {"name": "events", "params": {"name": "Nobody Known"}})
        assert status == 404 and "no entity matches name='Nobody Known'" in reply["error"], reply
        status, reply = _post(url, {"name": "story", "params": {"name": "zurana"}})
        assert status == 200 and reply["rows"] == [], reply
        status, reply = _post(url, {"name": "events", "params": {"name": "ann lee"}})
        assert status == 200 and reply["rows"] == [], reply
