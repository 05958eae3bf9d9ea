"""The CLI as cypher-shell and datasette users expect it: ad-hoc read-only Cypher, NDJSON on every command that
prints rows, tables that fit 80 and 200 columns, --version, help with defaults and environment variables, shell
completion, and ingest examples that show negation and hedging."""

import csv
import io
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


WIDE_ROW = ("RETURN 'Volodymyr Zelenskyy' AS name, 'the Ukrainian president' AS alias, 'The New York Times' AS outlet, "
            "'000_efa7b280693db64d' AS source, 3 AS count, 'Person' AS type")


def _printed_whole(text: str, width: int, rows: list[dict]) -> None:
    """Every line of ``text`` within ``width``, a table's lines each closed by its right border, and every column
    name and every word of every value (up to 20 characters) printed whole."""
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    if lines[0].startswith("┏"):
        assert all(line[-1] in "┓┃┩│┘┤" for line in lines), text
    tokens = set(re.findall(r"[^\s│┃•]+", text))
    for row in rows:
        for name, value in row.items():
            words = " ".join(map(str, value)) if isinstance(value, list) else str(value)
            assert {name} | {w for w in words.split() if len(w) <= 20} <= tokens, (width, name)


def test_tables_of_cypher_and_query_cut_no_column_off(runner, data_dir):
    """At 80 columns the last column of a six-column row was cut to "t"/"P", its right border gone; at 133 a
    canned query's header was cut to "attributed". Now a table fits, or each row is printed as a record."""
    wide = json.loads(_run(runner, data_dir, "cypher", WIDE_ROW, "-f", "json").output)
    for width in (60, 80, 100, 133):
        shown = _run(runner, data_dir, "cypher", WIDE_ROW, env={"COLUMNS": str(width)})
        assert shown.exit_code == 0, shown.output
        _printed_whole(shown.output, width, wide)
    relations = json.loads(_run(runner, data_dir, "query", "relations", "-p", "name=Putin", "-f", "json").output)
    assert relations and any(row["attributed_to"] for row in relations)
    for width in (80, 133, 200):
        shown = _run(runner, data_dir, "query", "relations", "-p", "name=Putin", env={"COLUMNS": str(width)})
        _printed_whole(shown.output, width, relations)


PATH = "MATCH p=(a:Entity)-[r]->(b:Entity) RETURN p ORDER BY a.name, b.name LIMIT 1"


def test_a_path_prints_as_its_nodes_and_relationships_in_every_format(runner, data_dir):
    """A path printed as FalkorDB's internal ids, ``<(6)-[114]->(7)>``, in JSON, CSV and the table."""
    [row] = json.loads(_run(runner, data_dir, "cypher", PATH, "-f", "json").output)
    path = row["p"]
    assert [len(path["nodes"]), len(path["relationships"])] == [2, 1]
    assert all("Entity" in node["labels"] and node["name"] for node in path["nodes"])
    assert path["relationships"][0]["type"] and path["relationships"][0]["sources"]
    [line] = _run(runner, data_dir, "cypher", PATH, "-f", "ndjson").output.splitlines()
    assert json.loads(line) == row
    header, cells = list(csv.reader(io.StringIO(_run(runner, data_dir, "cypher", PATH, "-f", "csv").output)))
    assert header == ["p"] and json.loads(cells[0]) == path
    table = _run(runner, data_dir, "cypher", PATH, env={"COLUMNS": "200"}).output
    assert "<(" not in table and path["nodes"][0]["name"].split()[0] in table


def _as_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def test_csv_cells_hold_lists_as_json_and_values_as_json_writes_them(runner, data_dir):
    """Lists were joined with "; ", which outlets and sentences contain; a duration printed as
    ``relativedelta(days=+1, hours=+2)`` and a flag as ``True``."""
    want = json.loads(_run(runner, data_dir, "query", "corroborated", "-f", "json").output)
    got = list(csv.DictReader(io.StringIO(_run(runner, data_dir, "query", "corroborated", "-f", "csv").output)))
    assert want and got == [{k: _as_csv(v) for k, v in row.items()} for row in want]
    assert all(json.loads(row["outlets"]) == r["outlets"] for row, r in zip(got, want))
    values = "RETURN ['a; b', 'c'] AS l, duration({days: 1, hours: 2}) AS d, true AS t, null AS n"
    assert _run(runner, data_dir, "cypher", values, "-f", "csv").output == 'l,d,t,n\n"[""a; b"", ""c""]",P1DT2H,true,\n'
    table = _run(runner, data_dir, "cypher", values, env={"COLUMNS": "80"}).output
    assert "P1DT2H" in table and "true" in table and "relativedelta" not in table and "True" not in table
    assert re.search(r"• a; b .*\n.*• c ", table), table


def test_an_empty_answer_keeps_its_header_line_in_csv(runner, data_dir):
    """The columns came from the rows, so a CSV of no rows was 0 bytes."""
    nothing = "MATCH (n:Nope) RETURN n.name AS name, n.id AS id"
    assert _run(runner, data_dir, "cypher", nothing, "-f", "csv").output == "name,id\n"
    assert _run(runner, data_dir, "cypher", nothing, "-f", "json").output == "[]\n"
    assert _run(runner, data_dir, "cypher", nothing).output == "(no rows)\n"
    header = _run(runner, data_dir, "query", "corroborated", "-f", "csv").output.splitlines()[0]
    none = _run(runner, data_dir, "query", "corroborated", "-p", "min_sources=99", "-f", "csv")
    assert none.exit_code == 0 and none.output == header + "\n" and header.startswith("subject,predicate,object")
    no_entities = _run(runner, data_dir, "entities", "--since", "2999-01-01", "-f", "csv")
    assert (no_entities.exit_code, no_entities.output) == (0, "type,name,id,aliases\n")


MANY = "UNWIND range(1, 1500) AS i RETURN i"


def test_a_cypher_table_shows_the_first_1000_rows_and_says_on_stderr_how_many_were_left_out(runner, data_dir):
    table = _run(runner, data_dir, "cypher", MANY)
    assert table.exit_code == 0, table.output
    shown = [int(cell) for cell in re.findall(r"│\s*(\d+)\s*│", table.stdout)]
    assert shown == list(range(1, 1001))
    assert table.stderr.splitlines() == ["newsgraph: 500 of 1500 rows left out (the first 1000 shown); --limit N or "
                                         "--all for more"]
    every = _run(runner, data_dir, "cypher", MANY, "--all")
    assert [int(c) for c in re.findall(r"│\s*(\d+)\s*│", every.stdout)] == list(range(1, 1501)) and not every.stderr


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_cypher_machine_formats_hold_every_row_unless_limited(runner, data_dir, fmt):
    def values(text):
        if fmt == "json":
            return [row["i"] for row in json.loads(text)]
        if fmt == "ndjson":
            return [json.loads(line)["i"] for line in text.splitlines()]
        return [int(row["i"]) for row in csv.DictReader(io.StringIO(text))]

    whole = _run(runner, data_dir, "cypher", MANY, "-f", fmt)
    assert whole.exit_code == 0 and values(whole.stdout) == list(range(1, 1501)) and not whole.stderr
    cut = _run(runner, data_dir, "cypher", MANY, "-f", fmt, "--limit", "3")
    assert values(cut.stdout) == [1, 2, 3]
    assert cut.stderr.splitlines() == ["newsgraph: 1497 of 1500 rows left out (the first 3 shown); --limit N for "
                                       "another number"]


def test_cypher_limit_and_all_together_are_refused(runner, data_dir):
    both = _run(runner, data_dir, "cypher", MANY, "--all", "--limit", "5")
    assert both.exit_code == 2
    assert both.stderr.splitlines() == ["newsgraph: error: --all and --limit 5 contradict each other: give one of them"]


def test_the_cypher_table_cap_is_the_consoles():
    from newsgraph.cli_read import TABLE_ROWS
    from newsgraph.workbench.console import MAX_ROWS

    assert TABLE_ROWS == MAX_ROWS
