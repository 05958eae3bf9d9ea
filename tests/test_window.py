"""The date window (--since/--until) on query, entities and export, sources by date, and the timeline query."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from conftest import generated_article
from newsgraph.cli import app
from newsgraph.errors import BadSetting
from newsgraph.graph.window import check_window, in_window, window_graph
from newsgraph.model import Merge
from newsgraph.queries import get_query, list_queries, run_query


# --- pure: which sources a window keeps ---------------------------------------------------------------------------
@pytest.mark.parametrize(("published", "since", "until", "inside"), [
    ("2025-03-18", "2025-03-18", "2025-03-18", True),         # both ends inclusive
    ("2025-03-17", "2025-03-18", "", False),
    ("2025-03-19", "", "2025-03-18", False),
    ("2025-03-18T23:30:00-04:00", "2025-03-18", "2025-03-18", True),  # a time counts by its day as written
    ("2025-03", "2025-03-31", "", True),                      # a month is in a window that includes a day of it
    ("2025-03", "2025-04-01", "", False),
    ("2025-03", "", "2025-02-28", False),
    ("2025", "2025-12-31", "2026-01-05", True),
    ("2025", "2026-01-01", "", False),
    ("", "2000-01-01", "", False),                            # undated: never in a window
    (None, "", "2100-01-01", False),
    ("", "", "", True),                                       # no window: everything
])
def test_in_window(published, since, until, inside):
    assert in_window(published, since, until) is inside


@given(st.dates(), st.dates(), st.dates())
def test_a_day_is_in_a_window_exactly_when_it_lies_between_its_ends(day, a, b):
    since, until = sorted((a, b))
    assert in_window(day.isoformat(), since.isoformat(), until.isoformat()) is (since <= day <= until)


@pytest.mark.parametrize(("since", "until", "problem"), [
    ("18/03/2025", None, "--since '18/03/2025': not a day; write it YYYY-MM-DD"),
    (None, "2025-02-30", "--until '2025-02-30': not a day"),
    ("2025-3-1", None, "--since '2025-3-1': not a day"),
    ("2025-03-19", "2025-03-18", "--since 2025-03-19 is after --until 2025-03-18"),
])
def test_a_bad_window_names_the_option_and_the_value(since, until, problem):
    with pytest.raises(BadSetting, match=problem.replace("(", r"\(")):
        check_window(since, until)
    assert check_window(" 2025-03-18 ", None) == ("2025-03-18", "")


def test_a_backwards_window_given_as_parameters_is_refused_too():
    """``-p since=… -p until=…`` is the same window as ``--since/--until``; before, a backwards one ran."""
    from newsgraph.errors import BadQueryParameter
    from newsgraph.queries import bind

    sources = get_query("sources")
    with pytest.raises(BadQueryParameter, match=r"'since' of query 'sources' \(2025-03-19\) is after 'until' "
                                                r"\(2025-03-18\): no day lies in that window"):
        bind(sources, {"since": "2025-03-19", "until": "2025-03-18"})
    assert bind(sources, {"since": "2025-03-18", "until": "2025-03-18"}) == {"since": "2025-03-18",
                                                                              "until": "2025-03-18"}
    assert bind(sources, {"since": "2025-03-19"})["until"] == ""


def _evidence(i: str, source: str, negated: bool = False) -> dict:
    return {"id": i, "edge_id": "r", "source": source, "sentence": "s", "sentence_start": 0, "negated": negated,
            "hedged": False, "attributed_to": None}


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for source, published in (("old", "2024-05-02"), ("new", "2025-03-18"), ("nodate", "")):
        graph.add_node(source, kind="Source", published=published)
    for node in ("a", "b", "c", "lonely"):
        graph.add_node(node, kind="Entity", name=node.upper(), type="Person")
    graph.add_node("k", kind="Concept", name="k")
    graph.add_edge("a", "b", key="meet", type="MEET", id="r", source_count=3, sources=["new", "nodate", "old"],
                   evidence=[_evidence("e1", "old"), _evidence("e2", "new", negated=True), _evidence("e3", "nodate")])
    graph.add_edge("b", "c", key="meet", type="MEET", id="r2", evidence=[{**_evidence("e4", "old"), "edge_id": "r2"}])
    graph.add_edge("c", "k", key="say", type="SAY", id="r3", evidence=[{**_evidence("e5", "old"), "edge_id": "r3"}])
    for source, entity in (("old", "a"), ("old", "b"), ("new", "a"), ("new", "b"), ("old", "c"), ("old", "lonely")):
        graph.add_edge(source, entity, key="MENTIONS", type="MENTIONS", count=1)
    graph.add_node("ev", kind="Event", name="meet")
    graph.add_node("story", kind="Story", name="meeting")
    graph.add_edge("old", "ev", key="REPORTS", type="REPORTS")
    graph.add_edge("ev", "story", key="PART_OF", type="PART_OF")
    graph.add_edge("old", "story", key="IN_STORY", type="IN_STORY")
    graph.add_node("unreported", kind="Event", name="talk")  # no source of this (sub)graph reports it: it stays
    graph.graph["merges"] = [Merge("a", "A", "old", "new"), Merge("a", "Mr. A", "new", "title")]
    return graph


def test_window_graph_keeps_the_evidence_of_sources_in_the_window_and_what_it_supports():
    graph = _graph()
    assert window_graph(graph) is graph  # no window: nothing filtered
    kept = window_graph(graph, "2025-01-01", "")
    assert set(kept) == {"new", "a", "b", "unreported"}  # c, k, lonely lose every relation and mention; ev, story go
    data = kept.edges["a", "b", "meet"]
    assert [e["id"] for e in data["evidence"]] == ["e2"]
    assert (data["sources"], data["source_count"], data["evidence_count"], data["negated_count"]) == (["new"], 1, 1, 1)
    assert [m.alias for m in kept.graph["merges"]] == ["Mr. A"]
    assert graph.edges["a", "b", "meet"]["source_count"] == 3 and len(graph) == 11  # the original is untouched
    before = window_graph(graph, "", "2024-12-31")
    assert {"old", "a", "b", "c", "k", "lonely", "ev", "story", "unreported"} == set(before)


def _copies_graph() -> nx.MultiDiGraph:
    """Three sources, "copy" a wire copy of "wire" (one copy group), "later" a month on; one relation, one event,
    one story and two entities with the counts the store gives them."""
    graph = nx.MultiDiGraph()
    for source, published in (("wire", "2024-01-10"), ("copy", "2024-01-11"), ("later", "2024-02-05")):
        graph.add_node(source, kind="Source", published=published, copy_group="wire" if source != "later" else "")
    graph.add_node("a", kind="Entity", name="A", mention_count=4, source_count=3)
    graph.add_node("b", kind="Entity", name="B", mention_count=3, source_count=3)
    evidence = [{**_evidence(f"e{i}", s), "conditional": s == "later"} for i, s in enumerate(("copy", "later", "wire"))]
    graph.add_edge("a", "b", key="meet", type="MEET", id="r", sources=["copy", "later", "wire"], source_count=3,
                   independent_sources=2, evidence_count=3, conditional_count=1, evidence=evidence)
    graph.add_node("ev", kind="Event", name="meet", sources=["copy", "later", "wire"], source_count=3,
                   independent_sources=2, mention_count=4, negated_count=2, hedged_count=0, conditional_count=2)
    graph.add_node("story", kind="Story", name="meeting", size=3, first="2024-01-10", last="2024-02-05")
    for source in ("wire", "copy", "later"):
        later = source == "later"
        spans = [{"source": source, "negated": later, "conditional": later}] * (2 if later else 1)
        graph.add_edge(source, "ev", key="REPORTS", type="REPORTS", mentions=spans)
        graph.add_edge(source, "story", key="IN_STORY", type="IN_STORY")
        graph.add_edge(source, "a", key="MENTIONS", type="MENTIONS", count=2 if later else 1)
        graph.add_edge(source, "b", key="MENTIONS", type="MENTIONS", count=1)
    graph.add_edge("ev", "story", key="PART_OF", type="PART_OF")
    return graph


def test_window_graph_counts_again_what_the_kept_sources_give():
    """Before, a windowed export kept the independent sources of the relation's sources out of the window (a copy
    and its original counted two), its conditional count, and the whole graph's counts on events, stories and
    entities."""
    january = window_graph(_copies_graph(), "", "2024-01-31")
    relation = january.edges["a", "b", "meet"]
    assert (relation["sources"], relation["independent_sources"], relation["conditional_count"]) == (
        ["copy", "wire"], 1, 0)
    event = january.nodes["ev"]
    assert (event["sources"], event["source_count"], event["independent_sources"], event["mention_count"],
            event["negated_count"], event["conditional_count"]) == (["copy", "wire"], 2, 1, 2, 0, 0)
    assert {k: january.nodes["story"][k] for k in ("size", "first", "last")} == {
        "size": 2, "first": "2024-01-10", "last": "2024-01-11"}
    assert (january.nodes["a"]["mention_count"], january.nodes["a"]["source_count"]) == (2, 2)
    february = window_graph(_copies_graph(), "2024-02-01", "")
    relation = february.edges["a", "b", "meet"]
    assert (relation["independent_sources"], relation["conditional_count"]) == (1, 1)
    assert (february.nodes["ev"]["mention_count"], february.nodes["ev"]["negated_count"]) == (2, 2)
    assert february.nodes["story"]["first"] == "2024-02-05"


def test_window_graph_around_an_entity_keeps_what_is_still_within_reach():
    kept = window_graph(_graph(), "2024-01-01", "2024-12-31", around=["a"], hops=1)
    assert {n for n, d in kept.nodes(data=True) if d["kind"] in {"Entity", "Concept"}} == {"a", "b"}


# --- end to end: a small store of articles of different dates ---------------------------------------------------
DATED = [("old", "Daily A", "2024-05-02", 1, "Olaf Scholz visited Paris."),
         ("mid", "Daily B", "March 18, 2025", 1, "Keir Starmer visited Berlin."),
         ("month", "Daily C", "2025-04", 2, ""),
         ("undated", "Daily D", "", 1, "Xi Jinping visited London.")]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def dated_dir(tmp_path_factory, runner):
    """A data directory holding four generated articles: 2 May 2024, 18 March 2025, April 2025 and undated."""
    folder = tmp_path_factory.mktemp("dated")
    lines = [json.dumps({"id": i, "outlet": outlet, "published": published,
                         "text": generated_article(n) + (extra + "\n" if extra else "")})
             for i, outlet, published, n, extra in DATED]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder / "articles.jsonl"), "--data-dir", str(folder / "store"),
                                 "--examples", "0"])
    assert result.exit_code == 0, result.output
    return folder / "store"


def _rows(runner, data_dir, *args):
    result = runner.invoke(app, [*args, "--format", "json", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.store
@pytest.mark.model
def test_sources_are_listed_by_date_undated_last_and_filtered_by_the_window(runner, dated_dir):
    assert [r["id"] for r in _rows(runner, dated_dir, "query", "sources")] == ["old", "mid", "month", "undated"]
    assert [r["published"] for r in _rows(runner, dated_dir, "query", "sources")][:2] == ["2024-05-02", "2025-03-18"]
    assert [r["id"] for r in _rows(runner, dated_dir, "query", "sources", "--since", "2025-03-18")] == ["mid", "month"]
    assert [r["id"] for r in _rows(runner, dated_dir, "query", "sources", "--until", "2025-03-18")] == ["old", "mid"]
    assert [r["id"] for r in _rows(runner, dated_dir, "query", "sources", "--since", "2025-04-30",
                                   "--until", "2025-05-01")] == ["month"]  # a month overlapping the window
    # the same window given as query parameters, as the Neo4j Browser would
    assert [r["id"] for r in _rows(runner, dated_dir, "query", "sources", "-p", "since=2025-03-18")] == ["mid", "month"]


@pytest.mark.store
@pytest.mark.model
def test_relations_count_only_the_evidence_in_the_window_and_list_sources_by_date(runner, dated_dir):
    everything = _rows(runner, dated_dir, "query", "relations", "-p", "name=Zelenskyy")
    meet = next(r for r in everything if r["predicate"] == "meet")
    assert (meet["sources"], meet["source_count"], meet["evidence"]) == (["old", "mid", "undated"], 3, 3)
    windowed = _rows(runner, dated_dir, "query", "relations", "-p", "name=Zelenskyy", "--since", "2025-01-01")
    meet = next(r for r in windowed if r["predicate"] == "meet")
    assert (meet["sources"], meet["source_count"], meet["evidence"]) == (["mid"], 1, 1)
    assert all(r["sources"] == ["mid"] for r in windowed)
    # the three articles share one generated text, so they are copies of one another: one independent source
    corroborated = [r for r in _rows(runner, dated_dir, "query", "corroborated", "-p", "min_sources=1")
                    if r["source_count"] == 3]
    assert corroborated and all(r["sources"] == ["old", "mid", "undated"] and r["independent_sources"] == 1
                                for r in corroborated)
    assert _rows(runner, dated_dir, "query", "corroborated", "--since", "2025-01-01") == []
    # a relation only the undated source reports disappears under any window
    xi = _rows(runner, dated_dir, "query", "relations", "-p", "name=Xi Jinping")
    assert any(r["other"] == "London" for r in xi)
    assert not any(r["other"] == "London"
                   for r in _rows(runner, dated_dir, "query", "relations", "-p", "name=Xi Jinping",
                                  "--until", "2100-01-01"))


@pytest.mark.store
@pytest.mark.model
def test_entity_and_events_queries_take_the_window(runner, dated_dir):
    [row] = _rows(runner, dated_dir, "query", "entity", "-p", "name=Macron")
    assert row["mentioned_in"] == ["old", "mid", "month", "undated"]
    [row] = _rows(runner, dated_dir, "query", "entity", "-p", "name=Macron", "--since", "2025-01-01")
    assert row["mentioned_in"] == ["mid", "month"]
    assert _rows(runner, dated_dir, "query", "entity", "-p", "name=Keir Starmer", "--until", "2024-12-31") == []
    events = _rows(runner, dated_dir, "query", "events", "-p", "name=Macron", "--since", "2025-01-01")
    assert events and {s for r in events for s in r["sources"]} <= {"mid", "month"}
    dates = [r["first_date"] for r in _rows(runner, dated_dir, "query", "events", "-p", "name=Macron")]
    assert dates == sorted(dates, key=lambda d: (d == "", d))


@pytest.mark.store
@pytest.mark.model
def test_entities_explain_counts_the_window_and_refuses_an_entity_it_does_not_mention(runner, dated_dir):
    """Before, --explain gave the whole graph's counts, and explained an entity no source in the window mentions."""
    [everything] = _rows(runner, dated_dir, "entities", "--explain", "Macron")
    [row] = _rows(runner, dated_dir, "entities", "--explain", "Macron", "--since", "2025-01-01")
    [entity] = _rows(runner, dated_dir, "query", "entity", "-p", "name=Macron", "--since", "2025-01-01")
    assert (row["source_count"], row["mention_count"]) == (2, entity["mentions"]) != (
        everything["source_count"], everything["mention_count"])
    result = runner.invoke(app, ["entities", "--explain", "Keir Starmer", "--until", "2024-12-31",
                                 "--data-dir", str(dated_dir)])
    assert result.exit_code == 2
    assert result.stderr == ("newsgraph: error: no source in the window (until 2024-12-31) mentions 'Keir Starmer' "
                             "[keir-starmer]\n")


@pytest.mark.store
@pytest.mark.model
def test_entities_and_export_take_the_window(runner, dated_dir, tmp_path):
    names = {r["name"] for r in _rows(runner, dated_dir, "entities")}
    assert {"Olaf Scholz", "Keir Starmer", "Xi Jinping"} <= names
    before = {r["name"] for r in _rows(runner, dated_dir, "entities", "--until", "2024-12-31")}
    assert "Olaf Scholz" in before and "Keir Starmer" not in before and before < names
    text = runner.invoke(app, ["entities", "--since", "2025-03-18", "--until", "2025-03-18",
                               "--data-dir", str(dated_dir)])
    assert text.exit_code == 0 and "Keir Starmer" in text.stdout and "Olaf Scholz" not in text.stdout

    out = tmp_path / "g.json"
    whole = runner.invoke(app, ["export", "-f", "json", "-o", str(out), "--data-dir", str(dated_dir)])
    assert whole.exit_code == 0, whole.output
    everything = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    windowed = runner.invoke(app, ["export", "-f", "json", "-o", str(out), "--since", "2025-03-18",
                                   "--until", "2025-03-18", "--data-dir", str(dated_dir)])
    assert windowed.exit_code == 0, windowed.output
    graph = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    assert 0 < graph.number_of_edges() < everything.number_of_edges()
    assert {n for n, d in graph.nodes(data=True) if d["kind"] == "Source"} == {"mid"}
    for *_, data in graph.edges(data=True):
        assert all(e["source"] == "mid" for e in data.get("evidence", []))
        if "source_count" in data:
            assert data["sources"] == ["mid"] and data["source_count"] == 1


@pytest.mark.store
@pytest.mark.model
@pytest.mark.parametrize("command", [["query", "sources"], ["entities"], ["export", "-f", "json", "-o", "x.json"]])
@pytest.mark.parametrize(("option", "value"), [("--since", "18/03/2025"), ("--until", "2025-02-30"),
                                                ("--until", "yesterday")])
def test_a_bad_date_is_one_line_naming_the_option_and_value(runner, dated_dir, tmp_path, command, option, value):
    command = [str(tmp_path / c) if c.endswith(".json") else c for c in command]
    result = runner.invoke(app, [*command, option, value, "--data-dir", str(dated_dir)])
    assert result.exit_code == 2
    assert result.stderr == f"newsgraph: error: {option} {value!r}: not a day; write it YYYY-MM-DD, e.g. 2025-03-18\n"
    assert not (tmp_path / "x.json").exists()


@pytest.mark.store
@pytest.mark.model
def test_timeline_lists_an_entitys_relations_and_events_in_date_order(runner, dated_dir):
    rows = _rows(runner, dated_dir, "query", "timeline", "-p", "name=Macron")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, key=lambda d: (d == "", d)) and dates[0] == "2024-05-02" and dates[-1] == ""
    assert [r["source"] for r in rows if r["date"]][:1] == ["old"]
    meet = [r for r in rows if r["class"] == "meet" and r["other"] == "Volodymyr Zelenskyy"]
    assert [r["outlet"] for r in meet] == ["Daily A", "Daily B", "Daily D"]
    assert all(r["kind"] == "relation" and r["role"] == "object" and "met Emmanuel Macron" in r["sentence"]
               for r in meet)
    assert {"kind", "class", "other", "negated", "hedged", "when", "outlet", "sentence"} <= set(rows[0])
    windowed = _rows(runner, dated_dir, "query", "timeline", "-p", "name=Macron", "--since", "2025-04-01")
    assert windowed and {r["source"] for r in windowed} == {"month"}


@pytest.mark.store
@pytest.mark.model
def test_timeline_shows_events_no_relation_row_stands_for(seed_store):
    rows = run_query(seed_store, "timeline", {"name": "Putin"})
    assert {r["kind"] for r in rows} == {"relation", "event"}
    assert all(r["date"] == "2025-03-18" and r["sentence"] for r in rows)
    assert [r["outlet"] for r in rows] == sorted(r["outlet"] for r in rows)  # same day: by source, then text
    declined = next(r for r in rows if r["predicate"] == "decline to commit to")
    assert declined["negated"] is True and declined["kind"] == "relation"
    events = [r for r in rows if r["kind"] == "event"]
    assert events and all(r["role"] and r["class"] for r in events)
    # an event row quotes its sentence, from the evidence or its report; trigger words only for hedged mentions
    worded = [r for r in events if len(r["sentence"].split()) < 4]
    assert len(worded) <= 1 and all(r["sentence"] == r["predicate"] for r in worded)
    # "declined to commit" is the agree event negated; the relation row above stands for it, so no event row repeats it
    assert not any("declined to commit" in r["sentence"] for r in events)


@pytest.mark.store
@pytest.mark.model
@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_canned_query_takes_the_window(seed_store, name):
    """Both seeds are of 18 March 2025: a window holding that day changes nothing, a later one leaves nothing."""
    params = {**get_query(name).examples, **({"b": "Putin"} if name == "connections" else {})}
    everything = run_query(seed_store, name, params)
    assert everything, name
    assert run_query(seed_store, name, {**params, "since": "2025-03-18", "until": "2025-03-18"}) == everything
    assert run_query(seed_store, name, {**params, "since": "2025-03-19"}) == []
    assert run_query(seed_store, name, {**params, "until": "2025-03-17"}) == []


@pytest.mark.store
def test_an_event_counts_for_an_entity_only_where_a_source_in_the_window_names_it(empty_store):
    """One event told by two sources; only the first names "Ursula von der Leyen" among its participants. Before, a
    window holding only the second still listed her in the event and in its other participants."""
    empty_store.run("""// test-only
        CREATE (a:Source {id: 'first', published: '2024-04-01', outlet: 'Le Monde'}),
               (b:Source {id: 'second', published: '2024-04-03', outlet: 'DW'}),
               (u:Entity:Person {id: 'ursula-von-der-leyen', name: 'Ursula von der Leyen', aliases: []}),
               (o:Entity:Person {id: 'olaf-scholz', name: 'Olaf Scholz', aliases: []}),
               (z:Entity:Person {id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky', aliases: []}),
               (v:Event {id: 'event:1', name: 'praise', event_class: 'praise'}),
               (v)-[:HAS_PARTICIPANT {role: 'object', sources: ['first']}]->(u),
               (v)-[:HAS_PARTICIPANT {role: 'object', sources: ['second']}]->(o),
               (v)-[:HAS_PARTICIPANT {role: 'subject', sources: ['second']}]->(z),
               (a)-[:REPORTS {starts: [7], texts: ['thanked'], sentence_starts: [0], negated: [false],
                              hedged: [false], affirmed_sentence: 'Scholz thanked Ursula von der Leyen.'}]->(v),
               (b)-[:REPORTS {starts: [9], texts: ['thanked'], sentence_starts: [0], negated: [false],
                              hedged: [false], affirmed_sentence: 'Zelensky thanked Scholz.'}]->(v)""")
    ursula = {"name": "Ursula von der Leyen"}
    # with no window too, only the reports of the sources that name her count (see test_query_answers)
    assert [r["sources"] for r in run_query(empty_store, "events", ursula)] == [["first"]]
    assert run_query(empty_store, "events", {**ursula, "since": "2024-04-02"}) == []
    assert {r["source"] for r in run_query(empty_store, "timeline", ursula)} == {"first"}
    assert run_query(empty_store, "timeline", {**ursula, "since": "2024-04-02"}) == []
    [row] = run_query(empty_store, "timeline", {"name": "Olaf Scholz", "since": "2024-04-02"})
    assert (row["source"], row["other"]) == ("second", "Volodymyr Zelensky")
    [row] = run_query(empty_store, "timeline", {"name": "Olaf Scholz"})
    assert (row["source"], row["other"]) == ("second", "Volodymyr Zelensky")
