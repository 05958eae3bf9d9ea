"""A refusal told against the happening, end to end: "refused to resign" is a negated mention of the resignation
another outlet reports, so `newsgraph query contested` shows the two (the event has no relation: "resign" takes no
object, so only the event's own polarity tells it)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]

ARTICLES = {
    "herald": ("Morning Herald", "John Hill, the chief executive of Acme Corporation, resigned on Monday, two days "
                                 "after the Orion rocket exploded over the Pacific. Investors had demanded a change "
                                 "at the top for months."),
    "gazette": ("City Gazette", "Acme Corporation's embattled boss John Hill refused to resign on Monday despite the "
                                "loss of the Orion rocket, telling staff in Denver that the company would fly again "
                                "this summer."),
}


def test_a_refusal_to_resign_contests_the_resignation(tmp_path):
    runner = CliRunner()
    lines = [json.dumps({"id": key, "outlet": outlet, "published": "2025-03-19", "text": text})
             for key, (outlet, text) in ARTICLES.items()]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines) + "\n")
    data = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(tmp_path / "articles.jsonl"), "--data-dir", str(data),
                                 "--examples", "0"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["query", "contested", "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert (row["contested"], row["kind"], row["participants"]) == ("resign", "polarity", ["John Hill"])
    assert (row["value_a"], row["outlet_a"], row["sentence_a"]) == ("happened", "Morning Herald",
                                                                   ARTICLES["herald"][1].split(". ")[0] + ".")
    assert (row["value_b"], row["outlet_b"], row["sentence_b"]) == ("did not happen", "City Gazette",
                                                                   ARTICLES["gazette"][1])
