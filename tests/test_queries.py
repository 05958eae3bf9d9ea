"""The canned queries in queries/*.cypher: headers, the loader, parameter binding, and real runs on the seed graph."""

from __future__ import annotations

import re

import pytest

from conftest import GUARDIAN, NYT
from newsgraph.errors import BadQueryParameter, UnknownQuery
from newsgraph.queries import (
    CannedQuery,
    Param,
    bind,
    browser_script,
    get_query,
    list_queries,
    load_queries,
    run_query,
)

REQUIRED = {"entity", "relations", "connections", "corroborated", "single-source", "claims-by", "top-entities",
            "story", "events", "contested"}
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")


def _query_files():
    from importlib import resources

    return sorted(f for f in resources.files("newsgraph.queries").iterdir() if f.name.endswith(".cypher"))


# --- headers and loader -----------------------------------------------------------------------------------------
def test_the_required_queries_exist():
    assert REQUIRED <= {q.name for q in list_queries()}


@pytest.mark.parametrize("file", _query_files(), ids=lambda f: f.name)
def test_every_file_has_a_complete_header(file):
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines()
    stem = file.name.removesuffix(".cypher").removesuffix(".neo4j")
    assert lines[0] == f"// name: {stem}"
    assert any(line.startswith("// answers: ") and len(line) > 20 for line in lines)
    header = [line for line in lines if line.startswith("//")]
    declared = [re.match(r"// param: (\w+) (string|int|float|bool|date)( = \S+)? — \S", line) for line in header
                if line.startswith("// param:")]
    assert all(declared), f"malformed param line in {file.name}"
    body = "\n".join(line for line in lines if not line.startswith("//"))
    assert set(_PARAM_USE.findall(body)) == {m[1] for m in declared}
    query = get_query(stem)
    assert [p.name for p in query.params] == [m[1] for m in declared]
    for param in query.params:  # a required parameter has an example for the Browser script
        assert not param.required or param.name in query.examples, f"{stem}: no '// example: {param.name}=...'"


def test_header_is_stripped_from_the_text():
    query = get_query("entity")
    assert not query.text.lstrip().startswith("//")
    assert query.text.lstrip().startswith("OPTIONAL MATCH (w:Source)")  # the date window comes first
    assert query.neo4j_text == query.text  # no variant: one text for both stores


def test_connections_has_a_neo4j_variant_with_a_scoped_call():
    query = get_query("connections")
    assert "CALL {" in query.text and "CALL (x, y, dated) {" not in query.text  # FalkorDB has no scope clause
    assert "CALL (x, y, dated) {" in query.neo4j_text and "CALL {" not in query.neo4j_text
    assert [q.name for q in list_queries() if q.neo4j_text != q.text] == ["connections"]


def test_declared_types_and_defaults():
    query = get_query("connections")
    assert query.params == (
        Param("a", "string", None, query.params[0].description),
        Param("b", "string", None, query.params[1].description),
        Param("hops", "int", 3, query.params[2].description, bounds=(1, 4)),
        Param("limit", "int", 10, query.params[3].description),
        Param("since", "date", "", query.params[4].description),
        Param("until", "date", "", query.params[5].description),
    )
    assert get_query("single-source").params[0].default == ""


def test_a_neo4j_variant_is_loaded_and_must_match_the_parameters(tmp_path):
    header = "// name: q\n// answers: Anything at all here.\n// param: n int = 1 — how many\n"
    (tmp_path / "q.cypher").write_text(header + "RETURN $n AS n\n")
    (tmp_path / "q.neo4j.cypher").write_text(header + "RETURN $n + 0 AS n\n")
    [query] = load_queries(tmp_path)
    assert (query.text, query.neo4j_text) == ("RETURN $n AS n\n", "RETURN $n + 0 AS n\n")
    (tmp_path / "q.neo4j.cypher").write_text(header.replace("int = 1", "float = 1") + "RETURN $n AS n\n")
    with pytest.raises(ValueError, match="parameters differ"):
        load_queries(tmp_path)


@pytest.mark.parametrize("header, problem", [
    ("// name: other\n// answers: Something.\n", "name: q"),
    ("// name: q\n", "answers"),
    ("// name: q\n// answers: Something.\n// param: n integer — x\n", "bad '// param"),
    ("// name: q\n// answers: Something.\n// param: n int = x — x\n", "q.cypher: 'x' is not of type int"),
    ("// name: q\n// answers: Something.\n// example: n=1\n", "bad '// example"),
    ("// name: q\n// answers: Something.\n// param: n int — x\n// example: n=one\n", "'one' is not of type int"),
    ("// name: q\n// answers: Something.\n// param: n int — x\n// values: n = a | b\n", "bad '// values"),
    ("// name: q\n// answers: Something.\n// values: k = a | b\n", "bad '// values"),
    ("// name: q\n// answers: Something.\n// param: k string — x\n// values: k = a | | b\n", "bad '// values"),
    ("// name: q\n// answers: Something.\n// param: k string = \"c\" — x\n// values: k = a | b\n",
     "default of 'k' is not one of its values"),
    ("// name: q\n// answers: Something.\n// param: k string — x\n// values: k = a | b\n// example: k=c\n",
     r"bad '// example: k=c' \(not one of a\|b\)"),
    ("// name: q\n// answers: Something.\n// param: k string — x\n// range: k = 1..4\n", "bad '// range"),
    ("// name: q\n// answers: Something.\n// param: n int — x\n// range: n = 1-4\n", "bad '// range"),
    ("// name: q\n// answers: Something.\n// param: n int — x\n// range: n = 4..1\n", "bad '// range"),
    ("// name: q\n// answers: Something.\n// param: n int = 9 — x\n// range: n = 1..4\n", "default of 'n' lies"),
    ("// name: q\n// answers: Something.\n// param: n int — x\n// range: n = 1..x\n", "'x' is not of type int"),
    ("// name: q\n// answers: Something.\n// param: n int — x\n// range: n = 1..4\n// example: n=5\n",
     r"bad '// example: n=5' \(not from 1 to 4\)"),
    ("// name: q\n// answers: Something.\n// param: n int — x\n// lookup: n = entity\n", "bad '// lookup"),
    ("// name: q\n// answers: Something.\n// param: k string — x\n// lookup: k = person\n", "bad '// lookup"),
    ("// name: q\n// answers: Something.\n// lookup: k = entity\n", "bad '// lookup"),
])
def test_a_bad_header_is_refused(tmp_path, header, problem):
    (tmp_path / "q.cypher").write_text(header + "RETURN 1\n")
    with pytest.raises(ValueError, match=problem):
        load_queries(tmp_path)


# --- binding ------------------------------------------------------------------------------------------------------
def test_bind_converts_and_fills_defaults():
    assert bind(get_query("connections"), {"a": "Trump", "b": "Putin", "hops": "2"}) == {
        "a": "Trump", "b": "Putin", "hops": 2, "limit": 10, "since": "", "until": ""}
    assert bind(get_query("single-source"), {}) == {"source": "", "limit": 100, "since": "", "until": ""}
    assert bind(get_query("sources"), {"since": " 2025-03-18"}) == {"since": "2025-03-18", "until": ""}
    flag = CannedQuery("f", "A flag.", (Param("on", "bool", False, ""), Param("x", "float", 0.5, "")), "", "")
    assert bind(flag, {"on": "yes", "x": "2"}) == {"on": True, "x": 2.0}
    assert bind(flag, {"on": "False"}) == {"on": False, "x": 0.5}


def test_a_declared_range_is_kept_and_a_value_outside_it_refused(tmp_path):
    """Before, `connections -p hops=9` ran though its header says at most 4; the range is now a header line."""
    (tmp_path / "q.cypher").write_text("// name: q\n// answers: Something.\n// param: n int = 2 — x\n"
                                       "// range: n = 1..4\n// param: f float = 0.5 — y\n// range: f = 0..1\n"
                                       "RETURN $n AS n, $f AS f\n")
    [query] = load_queries(tmp_path)
    assert [(p.bounds, p.signature()) for p in query.params] == [((1, 4), "n (int = 2; 1..4)"),
                                                                 ((0.0, 1.0), "f (float = 0.5; 0.0..1.0)")]
    assert bind(query, {"n": "4", "f": "1"}) == {"n": 4, "f": 1.0}
    with pytest.raises(BadQueryParameter, match=r"^parameter 'n' of query 'q' must be from 1 to 4, got '5'$"):
        bind(query, {"n": "5"})
    with pytest.raises(BadQueryParameter, match="'f' of query 'q' must be from 0.0 to 1.0, got '1.5'"):
        bind(query, {"f": "1.5"})
    hops = get_query("connections").params[2]
    assert (hops.name, hops.bounds) == ("hops", (1, 4))


def test_the_name_parameters_say_what_they_name():
    assert {q.name: q.lookups for q in list_queries() if q.lookups} == {
        "claims-by": {"name": "entity"}, "connections": {"a": "entity", "b": "entity"}, "entity": {"name": "entity"},
        "events": {"name": "entity"}, "relations": {"name": "entity"}, "single-source": {"source": "source"},
        "story": {"name": "story"}, "timeline": {"name": "entity"}}


def test_every_entity_lookup_matches_titles_as_the_check_does():
    """The check of an unknown name asks the store the queries' own match; the titles they ignore are one list."""
    from newsgraph.queries.lookups import ENTITY_LOOKUP

    [titles] = re.findall(r"\['mr\. '.*?\]", ENTITY_LOOKUP)
    for query in list_queries():
        for text in (query.text, query.neo4j_text):
            assert ("entity" in query.lookups.values()) == (titles in text), query.name
            for name, kind in query.lookups.items():
                if kind == "entity":
                    assert f"e.id = ${name} OR" in text and f"toLower(trim(${name}))" in text, (query.name, name)


def test_a_parameter_with_values_takes_one_of_them_in_any_case(tmp_path):
    (tmp_path / "q.cypher").write_text("// name: q\n// answers: Something.\n// param: kind string = \"any\" — x\n"
                                       "// values: kind = Any | hedged | conditional\nRETURN $kind AS kind\n")
    [query] = load_queries(tmp_path)
    assert query.params[0].values == ("any", "hedged", "conditional")
    assert bind(query, {"kind": " Hedged "}) == {"kind": "hedged"}
    assert bind(query, {}) == {"kind": "any"}
    assert get_query("negated").params[0].values == ("any", "yes", "no")
    assert get_query("hedged").params[0].values == ("any", "hedged", "conditional")


@pytest.mark.parametrize("name, raw, message", [
    ("connections", {"a": "Trump", "b": "Putin", "hops": "three"}, r"'hops'.*must be of type int.*'three'"),
    ("connections", {"a": "Trump", "b": "Putin", "hops": "2.5"}, r"'hops'.*int"),
    ("top-entities", {"limit": ""}, r"'limit'.*int"),
    ("connections", {"a": "Trump"}, r"needs parameter 'b' \(string\)"),
    ("entity", {"name": "Putin", "nmae": "x"}, r"no parameter 'nmae'.*name \(string\)"),
    ("sources", {"limit": "3"}, r"no parameter 'limit'.*since \(date = ''\), until"),
    ("sources", {"since": "18/03/2025"}, r"'since'.*must be of type date \(a day written YYYY-MM-DD\).*'18/03/2025'"),
    ("sources", {"until": "2025-02-30"}, r"'until'.*type date"),
    ("negated", {"hedged": "bogus"}, r"'hedged' of query 'negated' must be one of any, yes, no; got 'bogus'"),
    ("hedged", {"kind": "maybe"}, r"'kind' of query 'hedged' must be one of any, hedged, conditional; got 'maybe'"),
    ("negated", {"hedged": "yes", "nmae": "x"}, r"no parameter 'nmae'.*hedged \(string = 'any'; any\|yes\|no\)"),
])
def test_bad_parameters(name, raw, message):
    with pytest.raises(BadQueryParameter, match=message):
        bind(get_query(name), raw)


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(UnknownQuery, match="no canned query named 'nope'.*connections.*top-entities"):
        get_query("nope")
    with pytest.raises(UnknownQuery):
        run_query(object(), "nope", {})


def test_run_query_picks_the_neo4j_text(monkeypatch):
    class Recorder:
        def __init__(self, kind):
            self.kind, self.seen = kind, []

        def run(self, text, params):
            self.seen.append((text, params))
            return []

    query = get_query("top-entities")
    variant = CannedQuery(query.name, query.answers, query.params, query.text, "NEO4J TEXT", query.examples)
    monkeypatch.setattr("newsgraph.queries._packaged", lambda: (variant,))
    neo4j, falkor = Recorder("neo4j"), Recorder("falkordb")
    run_query(neo4j, "top-entities", {"limit": "3"})
    run_query(falkor, "top-entities", {})
    assert neo4j.seen == [("NEO4J TEXT", {"limit": 3, "since": "", "until": ""})]
    assert falkor.seen == [(query.text, {"limit": 10, "since": "", "until": ""})]


def test_browser_script():
    script = browser_script(get_query("connections"))
    lines = script.splitlines()
    assert lines[:4] == [":param a => 'Trump';", ":param b => 'Kremlin';", ":param hops => 3;", ":param limit => 10;"]
    assert script.endswith(get_query("connections").neo4j_text)
    assert ":param source => 'The Guardian';" in browser_script(get_query("single-source"))
    params = (Param("s", "string", "O'Brien", ""), Param("b", "bool", True, ""), Param("n", "string", None, ""))
    quoted = CannedQuery("q", "Q.", params, "RETURN 1", "RETURN 1")
    assert browser_script(quoted).splitlines() == [
        r":param s => 'O\'Brien';", ":param b => true;", ":param n => '<n>';", "RETURN 1"]
    for query in list_queries():  # every parameter has a value: an example or a default, never a placeholder
        params = [line for line in browser_script(query).splitlines() if line.startswith(":param ")]
        assert len(params) == len(query.params) and not any("=> '<" in line for line in params)


# --- runs on the seed graph ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Putin", "Mr. Putin", "vladimir-putin", "VLADIMIR PUTIN", "the Russian leader"])
@pytest.mark.store
@pytest.mark.model
def test_entity_finds_the_canonical_putin(seed_store, name):
    [row] = run_query(seed_store, "entity", {"name": name})
    assert (row["id"], row["name"], row["type"]) == ("vladimir-putin", "Vladimir Putin", "Person")
    assert "Putin" in row["aliases"]
    assert row["mentioned_in"] == sorted([GUARDIAN, NYT]) and row["source_count"] == 2
    assert isinstance(row["mentions"], int) and row["mentions"] >= 20
    assert row["relations"] >= 10


@pytest.mark.store
@pytest.mark.model
def test_entity_zelensky_and_unknown(seed_store):
    [row] = run_query(seed_store, "entity", {"name": "Zelensky"})
    assert row["id"] == "volodymyr-zelenskyy" and {"Zelensky", "Zelenskyy"} <= set(row["aliases"])
    assert run_query(seed_store, "entity", {"name": "President Zelenskyy"})[0]["id"] == "volodymyr-zelenskyy"
    assert run_query(seed_store, "entity", {"name": "Nobody Atall"}) == []


@pytest.mark.store
@pytest.mark.model
def test_relations_of_putin(seed_store):
    rows = run_query(seed_store, "relations", {"name": "Mr. Putin"})
    assert {r["entity"] for r in rows} == {"Vladimir Putin"}
    agree = [r for r in rows if r["predicate"] == "agree to" and r["other"] == "limited ceasefire"]
    assert len(agree) == 1 and agree[0]["direction"] == "out" and agree[0]["other_type"] == "Concept"
    assert sorted(agree[0]["sources"]) == sorted([GUARDIAN, NYT]) and agree[0]["source_count"] == 2
    assert rows[0]["source_count"] == 2  # corroborated first
    assert any(r["direction"] == "in" for r in rows)  # e.g. ukrainian official -accuse-> Putin
    assert all(isinstance(r[k], int) for r in rows for k in ("negated", "hedged", "evidence"))
    assert len(run_query(seed_store, "relations", {"name": "Putin", "limit": "3"})) == 3


@pytest.mark.store
@pytest.mark.model
def test_corroborated(seed_store):
    rows = run_query(seed_store, "corroborated", {"min_sources": "2"})
    assert rows and all(r["source_count"] >= 2 for r in rows)
    [ceasefire] = [r for r in rows if (r["subject"], r["predicate"], r["object"]) ==
                   ("Vladimir Putin", "agree to", "limited ceasefire")]
    assert ceasefire["sources"] == sorted([GUARDIAN, NYT])
    assert ceasefire["outlets"] == ["The Guardian", "The New York Times"]
    assert len(ceasefire["sentences"]) == 2 and all("ceasefire" in s for s in ceasefire["sentences"])
    assert run_query(seed_store, "corroborated", {"min_sources": "3"}) == []
    everything = run_query(seed_store, "corroborated", {"min_sources": "1", "limit": "1000"})
    assert len(everything) > len(rows)


@pytest.mark.parametrize("source", [GUARDIAN, "The Guardian", "the guardian"])
@pytest.mark.store
@pytest.mark.model
def test_single_source_filtered(seed_store, source):
    rows = run_query(seed_store, "single-source", {"source": source, "limit": "1000"})
    assert rows and {(r["source"], r["outlet"]) for r in rows} == {(GUARDIAN, "The Guardian")}
    assert all(r["sentence"] for r in rows)
    assert not any(r["predicate"] == "agree to" and r["object"] == "limited ceasefire" for r in rows)


@pytest.mark.store
@pytest.mark.model
def test_single_source_any(seed_store):
    rows = run_query(seed_store, "single-source", {"limit": "1000"})
    assert {r["source"] for r in rows} == {GUARDIAN, NYT}
    assert run_query(seed_store, "single-source", {"source": "Le Monde"}) == []


@pytest.mark.store
@pytest.mark.model
def test_claims_by_kremlin(seed_store):
    rows = run_query(seed_store, "claims-by", {"name": "Kremlin"})
    assert rows and {r["speaker"] for r in rows} == {"Kremlin"}
    assert {r["source"] for r in rows} == {GUARDIAN, NYT}
    assert ("Vladimir Putin", "reiterate", "concerns") in {(r["subject"], r["predicate"], r["object"]) for r in rows}
    assert all("Kremlin" in r["sentence"] for r in rows)
    assert all(isinstance(r["negated"], bool) and isinstance(r["hedged"], bool) for r in rows)
    assert run_query(seed_store, "claims-by", {"name": "Nobody Atall"}) == []


@pytest.mark.store
@pytest.mark.model
def test_top_entities(seed_store):
    rows = run_query(seed_store, "top-entities", {"limit": "5"})
    assert len(rows) == 5
    assert rows[0]["name"] == "Vladimir Putin"
    assert [r["degree"] for r in rows] == sorted((r["degree"] for r in rows), reverse=True)
    assert rows[0]["mentions"] >= 20 and rows[0]["sources"] == 2
    assert len(run_query(seed_store, "top-entities", {})) == 10


@pytest.mark.store
@pytest.mark.model
def test_connections_between_trump_and_putin(seed_store):
    rows = run_query(seed_store, "connections", {"a": "Trump", "b": "Mr. Putin", "hops": "2", "limit": "5"})
    paths = {}
    for row in rows:
        paths.setdefault(row["path"], []).append(row)
    assert 1 <= len(paths) <= 5
    direct = paths[1]  # shortest first: Putin told Trump
    assert [(r["from"], r["direction"], r["predicate"], r["to"]) for r in direct] == [
        ("Donald Trump", "<-", "say", "Vladimir Putin")]  # "told": the class of say, tell, announce
    assert direct[0]["sentences"] and direct[0]["evidence_sources"] == [GUARDIAN]
    for hops in paths.values():
        assert [r["hop"] for r in hops] == list(range(1, len(hops) + 1)) and hops[0]["length"] == len(hops) <= 2
        assert hops[0]["from"] == "Donald Trump" and hops[-1]["to"] == "Vladimir Putin"
        assert all(r["sentences"] and r["sources"] for r in hops)
        names = [hops[0]["from"]] + [r["to"] for r in hops]
        assert len(set(names)) == len(names)


@pytest.mark.store
@pytest.mark.model
def test_connections_multi_hop_and_hop_bound(seed_store):
    rows = run_query(seed_store, "connections", {"a": "Donald Trump", "b": "United States", "hops": "3"})
    assert rows and max(r["length"] for r in rows) == 3
    assert all(r["sentences"] for r in rows)
    assert run_query(seed_store, "connections", {"a": "Donald Trump", "b": "United States", "hops": "2"}) == []


@pytest.mark.store
@pytest.mark.model
def test_connections_never_pass_through_a_concept(seed_store):
    rows = run_query(seed_store, "connections", {"a": "Donald Trump", "b": "Russia", "hops": "3", "limit": "50"})
    assert rows
    concepts = {r["name"] for r in seed_store.run("MATCH (c:Concept) RETURN c.name AS name")}
    for row in rows:
        if row["hop"] < row["length"]:  # every stop between the two ends
            assert row["to"] not in concepts


@pytest.mark.store
@pytest.mark.model
def test_connections_between_trump_and_zelenskyy(seed_store):
    rows = run_query(seed_store, "connections", {"a": "Trump", "b": "Zelenskyy", "hops": "4"})
    assert rows and all(r["sentences"] for r in rows)
    direct = run_query(seed_store, "connections", {"a": "Trump", "b": "Zelenskyy", "hops": "1"})
    assert any("hoped to speak to Trump" in s for r in direct for s in r["sentences"])


@pytest.mark.store
@pytest.mark.model
def test_negated_and_sources(seed_store):
    negated = run_query(seed_store, "negated", {})
    assert negated and all(r["sentence"] for r in negated)
    assert ("Russia", "give", "indication") in {(r["subject"], r["predicate"], r["object"]) for r in negated}
    sources = run_query(seed_store, "sources", {})
    assert [(s["id"], s["outlet"], s["complete"]) for s in sources] == [
        (GUARDIAN, "The Guardian", True), (NYT, "The New York Times", True)]
    assert all(s["entities"] > 0 and s["evidence"] >= s["relations"] > 0 for s in sources)


@pytest.mark.store
@pytest.mark.model
def test_story_lists_its_sources_and_merged_events(seed_store):
    rows = run_query(seed_store, "story", {"name": GUARDIAN, "limit": "200"})
    assert rows and len({r["story"] for r in rows}) == 1  # both seed reports are one story
    assert set(rows[0]["sources"]) == {GUARDIAN, NYT} and set(rows[0]["outlets"]) == {"The Guardian",
                                                                                       "The New York Times"}
    events = {r["event"]: r for r in rows}
    assert events["agree"]["source_count"] == 2 and set(events["agree"]["reported_by"]) == {GUARDIAN, NYT}
    counts = [r["source_count"] for r in rows]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.store
@pytest.mark.model
def test_events_of_an_entity(seed_store):
    rows = run_query(seed_store, "events", {"name": "Mr. Putin", "limit": "500"})
    assert rows and {r["entity"] for r in rows} == {"Vladimir Putin"}
    agree = next(r for r in rows if r["event"] == "agree")
    assert "subject" in agree["roles"] and agree["source_count"] == 2 and agree["first_date"] == "2025-03-18"


@pytest.mark.store
@pytest.mark.model
def test_contested_on_the_seeds_is_the_length_of_the_call(seed_store):
    rows = run_query(seed_store, "contested", {})
    assert [(r["kind"], r["value_a"], r["value_b"]) for r in rows] == [("duration", "PT2H", "PT2H30M")]
    assert (rows[0]["source_a"], rows[0]["source_b"]) == (NYT, GUARDIAN)
    assert "two and a half hours" in rows[0]["sentence_b"] and "two -hour" in rows[0]["sentence_a"]
