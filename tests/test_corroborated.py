"""`corroborated` counts only the independent sources that state a relation plainly: a denial or a hedge is listed
with its counts but corroborates nothing."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]

#: Four outlets, none stating the approval plainly: may, reportedly, did not, has not.
QUALIFIED = {
    "e1": ("Daily Wire", "Analysts said the European Commission may approve the merger of Acme Corp and Bolt Inc next "
                         "week."),
    "e2": ("Evening Times", "In Brussels, the European Commission reportedly approved the merger of Acme Corp and "
                            "Bolt Inc on Tuesday."),
    "e3": ("Morning Herald", "The European Commission did not approve the merger of Acme Corp and Bolt Inc, officials "
                             "in Brussels told reporters."),
    "e4": ("City Gazette", "Regulators said the European Commission has not approved the merger of Acme Corp and Bolt "
                           "Inc yet."),
}
#: Two more outlets that state it plainly.
PLAIN = {
    "p1": ("Le Monde", "On Friday the European Commission approved the merger of Acme Corp and Bolt Inc after a long "
                       "review."),
    "p2": ("El Pais", "The deal is done: Acme Corp and Bolt Inc said in a statement that the European Commission "
                      "approved their merger."),
}


def _corroborated(tmp_path, articles, *options, later=()):
    runner = CliRunner()
    lines = [json.dumps({"id": key, "outlet": outlet, "published": "2025-03-20" if key in later else "2025-03-19",
                         "text": text})
             for key, (outlet, text) in articles.items()]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines) + "\n")
    data = str(tmp_path / "store")
    made = runner.invoke(app, ["ingest", str(tmp_path / "articles.jsonl"), "--data-dir", data, "--examples", "0"])
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["query", "corroborated", "--format", "json", "--data-dir", data, *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_denials_and_hedges_corroborate_nothing(tmp_path):
    """Before: one row, European Commission –approve→ merger, with 2 independent sources, 2 negated, 2 hedged."""
    assert _corroborated(tmp_path, QUALIFIED) == []


@pytest.mark.parametrize("options", [(), ("--since", "2025-03-19", "--until", "2025-03-19")])
def test_two_plain_statements_corroborate_and_the_others_are_still_counted(tmp_path, options):
    [row] = _corroborated(tmp_path, QUALIFIED | PLAIN, *options)
    assert (row["subject"], row["predicate"], row["object"]) == ("European Commission", "approve", "merger")
    assert (row["affirming_sources"], row["negated"], row["hedged"], row["conditional"]) == (2, 2, 2, 0)
    assert row["independent_sources"] >= 2 and row["sources"] == sorted(QUALIFIED | PLAIN)


def test_a_window_counts_only_its_own_plain_statements(tmp_path):
    """The plain statements come a day later: the window up to the day before has denials and hedges only."""
    assert _corroborated(tmp_path, QUALIFIED | PLAIN, "--until", "2025-03-19", later=set(PLAIN)) == []
    assert [r["affirming_sources"] for r in _corroborated(tmp_path, QUALIFIED | PLAIN, later=set(PLAIN))] == [2]


def test_examples_come_only_from_plain_statements(tmp_path):
    """Before: one sentence per source, the denials and hedges among them, and for a source that first denies and
    then states it, the denial."""
    both = {"m1": ("Nordic Post", "The European Commission did not approve the merger of Acme Corp and Bolt Inc in "
                                  "March. In April the European Commission approved the merger of Acme Corp and Bolt "
                                  "Inc.")}
    [row] = _corroborated(tmp_path, QUALIFIED | PLAIN | both)
    assert len(row["sentences"]) == 3  # one per source that states it (m1 may count with a copy as one group)
    assert not any(word in s for s in row["sentences"] for word in ("not", "may", "reportedly"))
    assert any(s.startswith("In April") for s in row["sentences"])
