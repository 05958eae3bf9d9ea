"""Contradictions end to end: articles from different outlets that disagree, `newsgraph query contested`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.settings import Settings
from newsgraph.stores import open_store

pytestmark = [pytest.mark.store, pytest.mark.model]

ARTICLES = {
    "wire-call": ("Daily Wire Service", "Donald Trump and Vladimir Putin held a two-hour call on Tuesday about the war "
                                        "in Ukraine. The call covered energy infrastructure and prisoner exchanges."),
    "herald-call": ("Morning Herald", "Vladimir Putin and Donald Trump held a call on Tuesday that lasted two and a "
                                      "half hours. The call about the war in Ukraine covered energy infrastructure "
                                      "and prisoner exchanges."),
    "gazette-deal": ("City Gazette", "Acme Corporation agreed to the Globex merger on Monday, according to people "
                                     "familiar with the talks about the merger."),
    "times-deal": ("Evening Times", "Acme Corporation did not agree to the Globex merger on Monday. Its board met in "
                                    "Boston for six hours and will meet again next month."),
}


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, runner):
    folder = tmp_path_factory.mktemp("contested")
    lines = [json.dumps({"id": key, "outlet": outlet, "published": "2025-03-19", "text": text})
             for key, (outlet, text) in ARTICLES.items()]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n")
    data = folder / "store"
    result = runner.invoke(app, ["ingest", str(folder / "articles.jsonl"), "--data-dir", str(data), "--examples", "0"])
    assert result.exit_code == 0, result.output
    return data


def _contested(runner, data_dir):
    result = runner.invoke(app, ["query", "contested", "--format", "json", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_call_of_two_lengths_is_one_row_with_both_sentences(runner, data_dir):
    rows = [r for r in _contested(runner, data_dir) if r["kind"] == "duration"]
    assert len(rows) == 1
    row = rows[0]
    assert row["contested"].startswith("call")
    assert (row["value_a"], row["text_a"], row["outlet_a"]) == ("PT2H", "two-hour", "Daily Wire Service")
    assert (row["value_b"], row["text_b"], row["outlet_b"]) == ("PT2H30M", "two and a half hours", "Morning Herald")
    assert row["sentence_a"] == ARTICLES["wire-call"][1].split(". ")[0] + "."
    assert row["sentence_b"] == ARTICLES["herald-call"][1].split(". ")[0] + "."
    assert row["source_count"] == 2


def test_agreed_and_did_not_agree_is_one_row_with_both_sentences(runner, data_dir):
    rows = [r for r in _contested(runner, data_dir) if r["kind"] == "polarity"]
    assert len(rows) == 1
    row = rows[0]
    assert row["contested"] == "Acme Corporation –agree to→ Globex merger"  # the story's merger, named by its phrase
    assert (row["value_a"], row["outlet_a"], row["sentence_a"]) == ("happened", "City Gazette",
                                                                   ARTICLES["gazette-deal"][1])
    assert (row["value_b"], row["outlet_b"], row["sentence_b"]) == ("did not happen", "Evening Times",
                                                                   ARTICLES["times-deal"][1].split(". ")[0] + ".")


def test_nothing_else_is_contested(runner, data_dir):
    assert sorted(r["kind"] for r in _contested(runner, data_dir)) == ["duration", "polarity"]


def test_evidence_export_carries_the_quantities(runner, data_dir, tmp_path):
    target = tmp_path / "evidence.jsonl"
    result = runner.invoke(app, ["export", "--format", "evidence-jsonl", "--output", str(target),
                                 "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in target.read_text().splitlines()]
    dates = {(r["source"], q["value"], q["text"]) for r in records for q in r["quantities"] if q["kind"] == "date"}
    assert ("gazette-deal", "2025-03-17", "on Monday") in dates
    assert all(set(q) == {"kind", "value", "unit", "text", "approximate"} for r in records for q in r["quantities"])


def test_a_copy_is_no_independent_source(runner, data_dir):
    """Once one article is known to copy the other (COPY_OF), their disagreement is no contradiction."""
    with open_store(Settings(data_dir=data_dir), write=True) as store:
        store.run("MATCH (a:Source {id: $a}), (b:Source {id: $b}) MERGE (a)-[:COPY_OF]->(b)",
                  {"a": "herald-call", "b": "wire-call"})
    try:
        assert [r["kind"] for r in _contested(runner, data_dir)] == ["polarity"]
    finally:
        with open_store(Settings(data_dir=data_dir), write=True) as store:
            store.run("MATCH (:Source {id: $a})-[c:COPY_OF]->(:Source {id: $b}) DELETE c",
                      {"a": "herald-call", "b": "wire-call"})
    assert len(_contested(runner, data_dir)) == 2


# --- small graphs of their own ------------------------------------------------------------------------------------
def _ingest(runner, folder, articles):
    lines = [json.dumps({"id": key, "outlet": outlet, "published": "2025-03-19", "text": text})
             for key, (outlet, text) in articles.items()]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n")
    data = folder / "store"
    result = runner.invoke(app, ["ingest", str(folder / "articles.jsonl"), "--data-dir", str(data), "--examples", "0"])
    assert result.exit_code == 0, result.output
    return data


def _rows(runner, data, *options):
    result = runner.invoke(app, ["query", "contested", "--format", "json", "--data-dir", str(data), *options])
    assert result.exit_code == 0, result.output
    return [(r["kind"], r["value_a"], r["value_b"]) for r in json.loads(result.output)]


@pytest.mark.parametrize("options", [(), ("--since", "2025-03-01"), ("--since", "2025-03-01", "--until", "2025-03-31")])
def test_a_graph_without_any_quantity_gives_its_polarity_row(runner, tmp_path, options):
    """Before: exit 4, "Type mismatch: expected Integer but was Null" (no REPORTS with quantities: a null range)."""
    data = _ingest(runner, tmp_path, {"a1": ("Daily Wire", "Acme Corp bribed Tom Hill."),
                                      "a2": ("Evening Times", "Acme Corp did not bribe Tom Hill.")})
    assert _rows(runner, data, *options) == [("polarity", "happened", "did not happen")]


@pytest.mark.parametrize("other,rows", [
    ("Acme Corp may cut 2,000 jobs in Denver, according to union officials.", []),
    ("Acme Corp would cut 2,000 jobs in Denver if the sale fails, according to union officials.", []),
    ("Acme Corp will cut 2,000 jobs in Denver, according to union officials.", [("count (job)", "2000", "500")]),
])
def test_a_hedged_or_conditional_quantity_contradicts_nothing(runner, tmp_path, other, rows):
    """Before, "may cut 2,000 jobs" (hedged) against "will cut 500 jobs" was a row 2000 vs 500."""
    data = _ingest(runner, tmp_path, {
        "b1": ("Daily Wire", "Acme Corp will cut 500 jobs at its Denver plant, the company said on Monday."),
        "b2": ("Evening Times", other)})
    assert _rows(runner, data) == rows


@pytest.mark.parametrize("a,b,rows", [
    ("lasted 48 hours", "lasted two days", []),
    ("lasted a week", "lasted seven days", []),
    ("lasted a month", "lasted 30 days", []),  # a month is 28 to 31 days: no exact comparison
    ("lasted 48 hours", "lasted three days", [("duration", "P2D", "P3D")]),
    ("lasted a month", "lasted two months", [("duration (calendar)", "P1M", "P2M")]),
])
def test_durations_are_compared_by_their_length(runner, tmp_path, a, b, rows):
    """Before, PT48H vs P2D and P1W vs P7D were rows: the ISO texts differ, the lengths do not."""
    data = _ingest(runner, tmp_path, {
        "c1": ("Daily Wire", f"The strike at Acme Corp in Denver {a}."),
        "c2": ("Evening Times", f"Workers at Acme Corp in Denver ended a strike that {b}.")})
    assert _rows(runner, data) == rows


def test_the_statement_fits_falkordb_bolt_with_the_widest_parameters():
    """FalkorDB's Bolt port writes the parameters into the statement and aborts past about 4 KB of both."""
    from newsgraph.graph.cypher import compact
    from newsgraph.graph.neo4j_wire import _escaped, _text_size
    from newsgraph.graph.spliced import SPLICED_BUDGET as _SPLICED_BUDGET
    from newsgraph.queries import get_query

    params = {"limit": 10000, "since": "2025-03-01", "until": "2025-03-31"}
    for name in ("contested", "corroborated"):
        assert len(compact(get_query(name).text).encode()) + _text_size(_escaped(params)) <= _SPLICED_BUDGET, name
