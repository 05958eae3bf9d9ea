"""A court appearance two outlets report is corroborated: "appeared before the court" is no hedge, and "is due to
appear before" and "will appear at" are one relation, not "appear" beside "be appear"."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]

APPEARED = {
    "c1": ("Daily Alpha", "John Roe appeared before Lakeside Court on Monday.\nThe hearing lasted ten minutes."),
    "c2": ("Beta News", "Yesterday John Roe appeared before Lakeside Court in a grey suit.\nHis lawyer said nothing."),
}
TO_APPEAR = {
    "a1": ("Daily Alpha", "Police arrested John Roe on Saturday.\nJohn Roe is due to appear before Lakeside Court on "
                          "Tuesday."),
    "b1": ("Beta News", "Police arrested John Roe on Saturday.\nJohn Roe will appear at Lakeside Court on Tuesday."),
}


def _corroborated(tmp_path, articles):
    runner = CliRunner()
    lines = [json.dumps({"id": key, "outlet": outlet, "published": "2024-05-06", "text": text})
             for key, (outlet, text) in articles.items()]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines) + "\n")
    data = str(tmp_path / "store")
    made = runner.invoke(app, ["ingest", str(tmp_path / "articles.jsonl"), "--data-dir", data, "--examples", "0"])
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["query", "corroborated", "--format", "json", "--data-dir", data])
    assert result.exit_code == 0, result.output
    return {(r["subject"], r["predicate"], r["object"]): r["sources"] for r in json.loads(result.output)}


def test_an_appearance_in_court_told_by_two_outlets_is_corroborated(tmp_path):
    """Before: no row; both evidence rows were hedged."""
    assert _corroborated(tmp_path, APPEARED) == {("John Roe", "appear", "Lakeside Court"): ["c1", "c2"]}


def test_due_to_appear_and_will_appear_are_one_corroborated_relation(tmp_path):
    """Before: only the arrest; "appear" and "be appear" were two single-source relations."""
    assert _corroborated(tmp_path, TO_APPEAR) == {("John Roe", "appear", "Lakeside Court"): ["a1", "b1"],
                                                  ("Police", "arrest", "John Roe"): ["a1", "b1"]}
