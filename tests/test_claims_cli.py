"""A spokesperson's claim end to end: ingest an article with the CLI (real model, real FalkorDB), then ask
``claims-by`` for whom the spokesman speaks and read the evidence export's attribution fields."""

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]

ARTICLE = """Mayor convicted of fraud

Maria Lopez, the mayor of Springfield, was convicted of fraud on Monday by a federal jury.

Her spokesman Jack Smith said she would appeal the verdict. Lopez did not attend the hearing.
"""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims")
    (folder / "articles").mkdir()
    (folder / "articles" / "lopez.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    data = folder / "store"
    result = runner.invoke(app, ["ingest", str(folder / "articles"), "--data-dir", str(data), "--examples", "0"])
    assert result.exit_code == 0, result.output
    return runner, data, folder


def test_claims_by_the_principal_include_what_the_spokesman_said(ingested):
    runner, data, _ = ingested
    result = runner.invoke(app, ["query", "claims-by", "--param", "name=Maria Lopez", "-f", "json",
                                 "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    [row] = [r for r in rows if r["predicate"] == "appeal"]
    assert row["speaker"] == "Jack Smith" and row["on_behalf_of"] == "Maria Lopez"
    assert row["speaker_text"] == "Her spokesman Jack Smith"
    assert row["subject"] == "Maria Lopez" and row["object"] == "verdict"
    assert row["sentence"] == "Her spokesman Jack Smith said she would appeal the verdict."
    assert row["hedged"] is False and row["negated"] is False  # "would" here is the past of "will"
    # the spokesman's own claims are his
    mine = json.loads(runner.invoke(app, ["query", "claims-by", "--param", "name=Jack Smith", "-f", "json",
                                          "--data-dir", str(data)]).output)
    assert [r["sentence"] for r in mine] == [row["sentence"]]


def test_evidence_export_carries_the_speaker_the_principal_and_the_qualifiers(ingested):
    runner, data, folder = ingested
    out = folder / "evidence.jsonl"
    result = runner.invoke(app, ["export", "--format", "evidence-jsonl", "-o", str(out), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    [appeal] = [r for r in records if r["predicate"] == "appeal"]
    assert appeal["attributed_to"]["name"] == "Jack Smith"
    assert appeal["on_behalf_of"]["name"] == "Maria Lopez"
    assert appeal["speaker_text"] == "Her spokesman Jack Smith"
    assert {"negated", "hedged", "conditional"} <= appeal.keys()
    assert all(isinstance(r["conditional"], bool) for r in records)


def test_event_mentions_carry_the_spokesman_and_the_principal_through_the_store(ingested):
    runner, data, folder = ingested
    out = folder / "mentions.jsonl"
    result = runner.invoke(app, ["export", "--format", "mentions-jsonl", "-o", str(out), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    events = [r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if r["node_label"] == "Event"]
    [appeal] = [r for r in events if r["text"] == "appeal"]
    assert appeal["attributed_to"]["name"] == "Jack Smith" and appeal["on_behalf_of"]["name"] == "Maria Lopez"
    assert appeal["speaker_text"] == "Her spokesman Jack Smith"
    assert (appeal["negated"], appeal["hedged"], appeal["conditional"]) == (False, False, False)
    assert appeal["lemma"] == "appeal" and appeal["event_class"] and appeal["story"]
    sentence = ARTICLE[appeal["sentence_start"]:appeal["sentence_end"]]
    assert sentence == "Her spokesman Jack Smith said she would appeal the verdict."
    [said] = [r for r in events if r["text"] == "said"]
    assert said["attributed_to"] is None and said["kind"] == "speech"  # the speech act is not his own claim
    [attend] = [r for r in events if r["text"] == "attend"]
    assert attend["negated"] and attend["attributed_to"] is None


EVENT_CLAIMS = """
MATCH (s:Source)-[r:REPORTS]->(e:Event)
UNWIND range(0, size(r.starts) - 1) AS i
WITH s, r, e, i
WHERE r.attributed_to_names[i] = $name OR r.on_behalf_of_names[i] = $name
RETURN r.attributed_to_names[i] AS speaker, r.on_behalf_of_names[i] AS on_behalf_of, r.texts[i] AS trigger,
       e.event_class AS event_class, r.negated[i] AS negated, s.id AS source
ORDER BY source, trigger
"""


def test_the_events_an_entity_is_reported_as_claiming_are_one_plain_cypher_read(ingested):
    runner, data, _ = ingested
    result = runner.invoke(app, ["cypher", EVENT_CLAIMS, "-p", "name=Maria Lopez", "-f", "json",
                                 "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["speaker"], r["on_behalf_of"], r["trigger"], r["negated"]) for r in rows] == [
        ("Jack Smith", "Maria Lopez", "appeal", False),
        ("Jack Smith", "Maria Lopez", "verdict", False)]  # the event noun of what he said is his too
