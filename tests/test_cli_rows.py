"""The CLI as cypher-shell and datasette users expect it: ad-hoc read-only Cypher, NDJSON on every command that
prints rows, tables that fit 80 and 200 columns, --version, help with defaults and environment variables, shell
completion, and ingest examples that show negation and hedging."""

import json
import re

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.render import render_rows

pytestmark = [pytest.mark.store, pytest.mark.model]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, runner, seeds_dir):
    path = tmp_path_factory.mktemp("rows") / "store"
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--data-dir", str(path), "--examples", "0"])
    assert result.exit_code == 0, result.output
    return path


def _run(runner, data_dir, *args, **kw):
    return runner.invoke(app, [*args, "--data-dir", str(data_dir)], **kw)


ENTITY_NAMES = "MATCH (e:Entity) WHERE e.source_count >= $n RETURN e.name AS name, e.type AS type ORDER BY name"


def test_cypher_reads_in_every_format(runner, data_dir):
    as_json = json.loads(_run(runner, data_dir, "cypher", ENTITY_NAMES, "-p", "n=2", "-f", "json").output)
    assert {"name": "Vladimir Putin", "type": "Person"} in as_json
    lines = _run(runner, data_dir, "cypher", ENTITY_NAMES, "-p", "n=2", "-f", "ndjson").output.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    csv_text = _run(runner, data_dir, "cypher", ENTITY_NAMES, "-p", "n=2", "-f", "csv").output
    assert csv_text.splitlines()[0] == "name,type" and len(csv_text.splitlines()) == len(as_json) + 1
    table = _run(runner, data_dir, "cypher", ENTITY_NAMES, "-p", "n=2")
    assert table.exit_code == 0 and "Vladimir Putin" in table.output
    text_param = _run(runner, data_dir, "cypher", "RETURN $a AS a, $b AS b", "-p", "a=Putin", "-p", 'b=["x", 2]',
                      "-f", "json")
    assert json.loads(text_param.output) == [{"a": "Putin", "b": ["x", 2]}]


@pytest.mark.parametrize("statement", ["CREATE (n:Entity {id: 'intruder', name: 'Intruder'}) RETURN n",
                                       "MATCH (e:Entity) SET e.name = 'x'", "MATCH (v:Evidence) DETACH DELETE v",
                                       "MERGE (s:Source {id: 'new'})"])
def test_cypher_refuses_a_write_in_one_line_and_changes_nothing(runner, data_dir, statement):
    count = "MATCH (n) RETURN count(n) AS nodes, sum(size(coalesce(n.name, ''))) AS names"
    before = json.loads(_run(runner, data_dir, "cypher", count, "-f", "json").output)
    refused = _run(runner, data_dir, "cypher", statement)
    assert refused.exit_code == 2 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1 and "refused" in refused.stderr
    assert json.loads(_run(runner, data_dir, "cypher", count, "-f", "json").output) == before


def test_cypher_bad_statement_and_bad_param_are_one_line(runner, data_dir):
    for args, needle in [(("cypher", "MATCH (n RETURN n"), "rejected"), (("cypher", "RETURN 1", "-p", "1x=2"), "1x"),
                         (("cypher", "RETURN 1", "-f", "xml"), "xml")]:
        result = _run(runner, data_dir, *args)
        assert result.exit_code != 0 and needle in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_ndjson_on_every_command_that_prints_rows(runner, data_dir):
    for args in (("query", "corroborated"), ("query", "sources"), ("entities",), ("entities", "--type", "Person"),
                 ("entities", "--explain", "Mr. Putin"), ("cypher", "MATCH (s:Source) RETURN s.id AS id")):
        as_json = json.loads(_run(runner, data_dir, *args, "-f", "json").output)
        ndjson = _run(runner, data_dir, *args, "-f", "ndjson")
        assert ndjson.exit_code == 0, ndjson.output
        assert [json.loads(line) for line in ndjson.output.splitlines()] == as_json and as_json, args
    empty = _run(runner, data_dir, "cypher", "MATCH (n:Nothing) RETURN n", "-f", "ndjson")
    assert empty.exit_code == 0 and empty.output == ""


def _words(text: str) -> list[str]:
    return [w for w in text.split() if len(w) <= 30]


@pytest.mark.parametrize("width", [80, 200])
def test_tables_fit_the_terminal_with_sentence_and_outlet_readable(runner, data_dir, width):
    rows = json.loads(_run(runner, data_dir, "query", "negated", "-f", "json").output)
    assert rows and all(r["sentence"] and r["outlet"] for r in rows)
    for text in (render_rows(rows, "table", width),
                 _run(runner, data_dir, "query", "negated", env={"COLUMNS": str(width)}).output):
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width
        tokens = set(re.findall(r"[^\s│┃|]+", text))
        for row in rows:  # every word of the sentence and of the outlet is printed whole, none cut
            assert set(_words(row["sentence"]) + row["outlet"].split()) <= tokens, row["sentence"]
    narrow, wide = render_rows(rows, "table", 80), render_rows(rows, "table", 200)
    assert narrow != wide


@pytest.mark.parametrize("columns", ["0", "1", "19"])
def test_a_terminal_said_to_be_too_narrow_gets_80_columns_not_nothing(columns):
    """``COLUMNS=0`` printed no row at all, exit 0."""
    rows = [{"id": "a1", "sentence": "Leaders agreed to a limited ceasefire on energy strikes.", "outlet": "Wire"}]
    assert render_rows(rows, "table", int(columns)) == render_rows(rows, "table", 80)
    assert "limited ceasefire" in render_rows(rows, "table", int(columns))


def test_version_help_and_completion(runner):
    from importlib.metadata import version

    shown = runner.invoke(app, ["--version"])
    assert shown.exit_code == 0 and shown.output.strip() == f"newsgraph {version('newsgraph')}"
    helped = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    for needle in ("NEWSGRAPH_WORKERS", "NEWSGRAPH_DATA_DIR", "NEWSGRAPH_CHUNK_SIZE", "default: (256)",
                   "default: (.newsgraph)"):
        assert needle in helped.output, needle
    completion = runner.invoke(app, ["--show-completion", "bash"])
    assert completion.exit_code == 0 and "complete" in completion.output and "newsgraph" in completion.output


def test_env_var_reaches_the_setting(runner, data_dir, tmp_path):
    result = runner.invoke(app, ["cypher", "MATCH (s:Source) RETURN count(s) AS n", "-f", "json"],
                           env={"NEWSGRAPH_DATA_DIR": str(data_dir)})
    assert json.loads(result.output) == [{"n": 2}]


@pytest.mark.parametrize(("env", "named"), [
    ({"NEWSGRAPH_WRITE_BATCH_SIZE": "0"}, "write_batch_size (NEWSGRAPH_WRITE_BATCH_SIZE)"),  # no flag sets it
    ({"NEWSGRAPH_STORE_TIMEOUT": "-1"}, "store_timeout (NEWSGRAPH_STORE_TIMEOUT)"),
    ({"NEWSGRAPH_WORKERS": "0"}, "workers (--workers or NEWSGRAPH_WORKERS)"),
])
def test_a_bad_setting_names_the_flag_that_exists(runner, tmp_path, env, named):
    """Before, every setting was named with a flag of its own name ("--write-batch-size": no such option)."""
    from newsgraph.errors import BadSetting
    from newsgraph.settings import Settings

    with pytest.raises(BadSetting, match=named.replace("(", r"\(").replace(")", r"\)")):
        Settings.build({}, env)
    with pytest.raises(BadSetting, match=r"neo4j_uri \(--uri or NEWSGRAPH_NEO4J_URI\)"):
        Settings.build({"neo4j_uri": 5}, {})
    result = runner.invoke(app, ["entities", "--data-dir", str(tmp_path)], env=env)
    assert result.exit_code == 2 and f"bad setting {named}:" in result.stderr


def test_ingest_examples_show_negation_and_hedging(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Viktor Orban did not block the sanctions package on Monday, diplomats said.\n"
                                  "Viktor Orban may veto the budget next week.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--data-dir", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    # relations are shown by class, a lexical negative folded in: "did not block" allows, "may veto" is a hedged
    # refusal to approve; the object is the story's package, named by its phrase
    assert "Viktor Orban –allow→ sanctions package" in result.output
    assert "Viktor Orban –not approve→ budget (hedged)" in result.output


def test_json_rows_are_strict_json():
    """``RETURN 0.0/0.0`` printed a bare NaN, which JSON readers refuse; a duration printed as Python's text."""
    from dateutil.relativedelta import relativedelta

    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    rows = [{"nan": float("nan"), "inf": [float("inf")], "d": relativedelta(days=1, minutes=30), "n": 1.5}]
    for fmt in ("json", "ndjson"):
        loaded = json.loads(render_rows(rows, fmt), parse_constant=refuse)
        assert (loaded if fmt == "ndjson" else loaded[0]) == {"nan": "NaN", "inf": ["Infinity"], "d": "P1DT30M",
                                                              "n": 1.5}


def test_entities_explain_shows_the_entity_found_not_one_of_its_name(runner, data_dir, tmp_path):
    """``--explain`` finds one entity, then read "an entity whose id, name or alias is that id": with another
    entity named as the first one's id, which of the two it printed depended on row order."""
    import shutil

    from newsgraph.settings import Settings
    from newsgraph.stores import open_store

    copy = tmp_path / "store"
    shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("*.sock", "*.lock", "*.pid"))
    with open_store(Settings.build({"data_dir": str(copy)}, {}), write=True) as store:
        store.run("// test-only\nCREATE (:Entity:Organization {id: 'kremlin-press', name: 'kremlin', type: "
                  "'Organization', aliases: ['KREMLIN'], mention_count: 0, source_count: 0})")
    for _ in range(3):
        result = _run(runner, copy, "entities", "--explain", "kremlin", "-f", "json")
        assert result.exit_code == 0, result.output
        assert [row["id"] for row in json.loads(result.stdout)] == ["kremlin"]
