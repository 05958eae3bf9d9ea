"""A company's denial end to end: ingest with the CLI (real model, real store), then ``claims-by`` and the
evidence and mentions exports must read the denial as the company saying the bribe did not happen, and a
rejected allegation as the mayor's denial."""

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]

ARTICLE = """Bribery inquiry

Acme Corp denied that it bribed Mayor Tom Hill. Mayor Tom Hill rejected allegations that Acme Corp bribed him.
"""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("denials")
    (folder / "articles").mkdir()
    (folder / "articles" / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    data = folder / "store"
    result = runner.invoke(app, ["ingest", str(folder / "articles"), "--data-dir", str(data), "--examples", "0"])
    assert result.exit_code == 0, result.output
    return runner, data, folder


def test_claims_by_the_denier_read_its_denial_as_negated(ingested):
    runner, data, _ = ingested
    result = runner.invoke(app, ["query", "claims-by", "--param", "name=Acme Corp", "-f", "json",
                                 "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    [row] = [r for r in json.loads(result.output) if r["predicate"] == "bribe"]
    assert row["subject"] == "Acme Corp" and row["object"] == "Tom Hill"
    assert row["negated"] is True and row["hedged"] is False
    result = runner.invoke(app, ["query", "claims-by", "--param", "name=Tom Hill", "-f", "json",
                                 "--data-dir", str(data)])
    [row] = [r for r in json.loads(result.output) if r["predicate"] == "bribe"]
    assert row["negated"] is True and row["sentence"].startswith("Mayor Tom Hill rejected allegations")


def test_the_evidence_and_the_event_mentions_carry_the_denial(ingested):
    runner, data, folder = ingested
    out = folder / "evidence.jsonl"
    result = runner.invoke(app, ["export", "--format", "evidence-jsonl", "-o", str(out), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    bribes = [r for r in records if r["predicate"] == "bribe"]
    assert len(bribes) == 2 and all(r["negated"] for r in bribes)
    assert sorted(r["attributed_to"]["name"] for r in bribes) == ["Acme Corp", "Tom Hill"]
    out = folder / "mentions.jsonl"
    result = runner.invoke(app, ["export", "--format", "mentions-jsonl", "-o", str(out), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    bribed = [e for e in events if e.get("node_label") == "Event" and e["text"] == "bribed"]
    assert len(bribed) == 2 and all(e["negated"] and not e["hedged"] for e in bribed)
