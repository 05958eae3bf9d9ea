"""Input through the CLI end to end: JSON Lines on stdin, .json arrays, files of unknown kinds, HTML pages through
trafilatura into the store, and read commands that refuse a data directory holding no graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, generated_article
from newsgraph.cli import app
from newsgraph.ingest.html import html_article

PAGES = Path(__file__).parent / "data" / "html"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _rows(runner, data_dir: Path, statement: str) -> list[dict]:
    result = runner.invoke(app, ["cypher", statement, "-f", "json", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _lines(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# --- read commands on a missing graph (no server is started: no marks) ------------------------------------------
READ_COMMANDS = [["query", "sources"], ["cypher", "MATCH (n) RETURN count(n)"], ["entities"],
                 ["entities", "--explain", "Putin"], ["export", "-f", "json", "-o", "OUT"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("kind", ["missing", "empty"])
def test_a_read_command_on_a_missing_graph_fails_in_one_line_and_creates_nothing(runner, tmp_path, command, kind):
    data = tmp_path / "typo"
    if kind == "empty":
        data.mkdir()
    out = tmp_path / "out.json"
    result = runner.invoke(app, [*(str(out) if a == "OUT" else a for a in command), "--data-dir", str(data)])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    what = "no such directory" if kind == "missing" else "the directory holds no newsgraph store"
    assert line.startswith(f"newsgraph: error: no graph in {data}: {what}; give the --data-dir")
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if kind == "missing" else ["typo"])
    assert kind == "missing" or list(data.iterdir()) == []


@pytest.mark.store
@pytest.mark.model
@pytest.mark.parametrize("command", [*READ_COMMANDS, ["browse"], ["resolve", "--overrides", "OVERRIDES"]],
                         ids=lambda c: " ".join(c[:2]))
def test_a_mistyped_graph_name_is_refused_and_leaves_no_empty_graph(runner, tmp_path, clean_ingest, command):
    """Before, a reader ensured the schema of the graph named, which made an empty graph of a mistyped --graph that
    every later command then read as the one meant (no rows, no error)."""
    data, _ = clean_ingest
    (tmp_path / "overrides.toml").write_text('merge = [["Ann Lee", "A. Lee"]]\n', encoding="utf-8")
    args = [str(tmp_path / "out.json") if a == "OUT" else str(tmp_path / "overrides.toml") if a == "OVERRIDES"
            else a for a in command]
    for _ in range(2):  # the second time too: the first made nothing
        result = runner.invoke(app, [*args, "--data-dir", str(data), "--graph", "newsgrpah"])
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            f"newsgraph: error: no graph 'newsgrpah' in {data}: it holds 'newsgraph'; give --graph (or "
            "NEWSGRAPH_GRAPH) the name the ingest used"]
    assert not (tmp_path / "out.json").exists()


def test_a_read_command_on_a_file_for_a_data_dir_names_it(runner, tmp_path):
    data = tmp_path / "graph.rdb"
    data.write_bytes(b"x")
    result = runner.invoke(app, ["query", "sources", "--data-dir", str(data)])
    assert result.exit_code == 2 and f"no graph in {data}: not a directory" in result.stderr


def test_the_data_dir_from_the_environment_is_named_too(runner, tmp_path):
    result = runner.invoke(app, ["entities"], env={"NEWSGRAPH_DATA_DIR": str(tmp_path / "nope")})
    assert result.exit_code == 2 and f"no graph in {tmp_path / 'nope'}: no such directory" in result.stderr


@pytest.mark.parametrize("command", [["ingest", "SEEDS"], *READ_COMMANDS], ids=lambda c: " ".join(c[:2]))
def test_an_empty_data_dir_is_refused_not_taken_for_the_current_directory(runner, tmp_path, monkeypatch, command):
    """``--data-dir "$DIR"`` with DIR unset: before, the ingest wrote its store into the current directory."""
    monkeypatch.chdir(tmp_path)
    args = [str(SEEDS) if a == "SEEDS" else str(tmp_path / "out.json") if a == "OUT" else a for a in command]
    result = runner.invoke(app, [*args, "--data-dir", ""])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == ["newsgraph: error: bad setting data_dir (--data-dir or NEWSGRAPH_DATA_DIR): "
                                          "an empty path; give a directory (. for the current one) (got '')"]
    assert list(tmp_path.iterdir()) == []


# --- ingesting ------------------------------------------------------------------------------------------------
@pytest.mark.store
@pytest.mark.model
def test_json_lines_on_stdin(runner, tmp_path):
    data = tmp_path / "data"
    text = generated_article(3)
    result = runner.invoke(app, ["ingest", "-", "--data-dir", str(data), "--examples", "0"],
                           input=_lines({"id": "s1", "outlet": "Wire", "author": "Ann Lee", "text": text})
                           + "{broken\n" + _lines({"text": generated_article(4)}))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        "newsgraph: skipped <stdin>:2: malformed JSON line: Expecting property name enclosed in double quotes at "
        "column 2"]
    assert "ingested 2 article(s)" in result.stdout
    sources = _rows(runner, data, "MATCH (s:Source) RETURN s.id AS id, s.outlet AS outlet, s.author AS author "
                                  "ORDER BY id")
    assert sources[0]["id"] == "s1" and sources[0]["outlet"] == "Wire" and sources[0]["author"] == "Ann Lee"
    assert sources[1]["id"].startswith("stdin-")  # an article without an id is named after stdin
    again = runner.invoke(app, ["ingest", "-", "--data-dir", str(data), "--examples", "0"],
                          input=_lines({"id": "s1", "text": text}))
    assert again.exit_code == 0 and "1 already stored" in again.stdout


@pytest.mark.store
@pytest.mark.model
def test_an_article_repeated_in_the_input_is_counted_apart_from_those_stored_before(runner, tmp_path):
    data = tmp_path / "data"
    lines = _lines({"id": "r1", "text": generated_article(7)}) + _lines({"id": "r2", "text": generated_article(8)})
    (tmp_path / "a.jsonl").write_text(lines, encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.jsonl"), str(tmp_path / "a.jsonl"), "--data-dir",
                                str(data), "--examples", "0"])
    assert first.exit_code == 0, first.output
    assert "ingested 2 article(s)" in first.stdout and "; 0 already stored; 2 repeated in the input; 0 skipped" \
        in first.stdout, first.stdout
    again = runner.invoke(app, ["ingest", str(tmp_path / "a.jsonl"), "--data-dir", str(data), "--examples", "0"])
    assert "; 2 already stored; 0 skipped" in again.stdout, again.stdout


@pytest.mark.store
@pytest.mark.model
def test_stdin_through_a_real_pipe_with_files_beside_it(tmp_path):
    """`cat archive.jsonl | newsgraph ingest - other.txt` in a real shell pipe."""
    (tmp_path / "other.txt").write_text(generated_article(5), encoding="utf-8")
    spools = tmp_path / "tmp"  # where the copy of stdin goes, and is gone from afterwards
    spools.mkdir()
    env = {**os.environ, "NEWSGRAPH_DATA_DIR": str(tmp_path / "data"), "TMPDIR": str(spools)}
    command = [sys.executable, "-m", "newsgraph", "ingest", "-", "other.txt", "--examples", "0"]
    ingest = subprocess.run(command, input=_lines({"id": "piped", "text": generated_article(6)}).encode(),
                            cwd=tmp_path, env=env, capture_output=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr.decode()
    assert "ingested 2 article(s)" in ingest.stdout.decode()
    assert not list(spools.glob("newsgraph-stdin-*"))
    listed = subprocess.run([sys.executable, "-m", "newsgraph", "query", "sources", "-f", "json"], cwd=tmp_path,
                            env=env, capture_output=True, timeout=120)
    assert sorted(r["id"] for r in json.loads(listed.stdout)) == ["other", "piped"]


@pytest.mark.store
@pytest.mark.model
def test_a_json_array_file_and_unknown_kinds_in_the_report(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "batch.json").write_text(json.dumps([{"id": "j1", "title": "One", "text": generated_article(7)},
                                                   {"id": "j2", "text": ""},
                                                   {"id": "j3", "text": generated_article(8)}]), encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    data = tmp_path / "data"
    result = runner.invoke(app, ["ingest", str(folder), "--data-dir", str(data), "--examples", "0"])
    assert result.exit_code == 2, result.output
    reads = "newsgraph reads .htm, .html, .json, .jsonl, .md, .ndjson, .text, .txt: convert or rename it"
    assert result.stderr.strip().splitlines() == [
        f"newsgraph: skipped {folder / 'notes.docx'}: unknown kind of file '.docx'; {reads}",
        f"newsgraph: skipped {folder / 'scan.pdf'}: unknown kind of file '.pdf'; {reads}",
        f"newsgraph: skipped {folder / 'batch.json'}[1]: article has no text",
    ]
    assert "ingested 2 article(s)" in result.stdout and "3 skipped" in result.stdout
    assert [r["id"] for r in _rows(runner, data, "MATCH (s:Source) RETURN s.id AS id ORDER BY id")] == ["j1", "j3"]


@pytest.mark.store
@pytest.mark.model
def test_html_pages_go_in_clean_with_their_metadata_and_exact_offsets(runner, tmp_path):
    data = tmp_path / "data"
    result = runner.invoke(app, ["ingest", str(PAGES), "--data-dir", str(data), "--examples", "0"])
    assert result.exit_code == 0, result.output
    sources = {r["id"]: r for r in _rows(runner, data, "MATCH (s:Source) RETURN s.id AS id, s.title AS title, "
                                                       "s.author AS author, s.published AS published, s.url AS url, "
                                                       "s.outlet AS outlet, s.sha256 AS sha256")}
    assert sources["harbour-news"] == {
        "id": "harbour-news", "title": "Port workers end strike after pay deal with Baltic Freight",
        "author": "Helena Marsh", "published": "2024-11-12", "outlet": "The Harbour Courier",
        "url": "https://www.harbourcourier.example/business/2024/nov/12/port-workers-end-strike-pay-deal",
        "sha256": sources["harbour-news"]["sha256"]}
    assert sources["valley-gazette"]["author"] == "Tomas Berg"
    assert sources["minimal"]["title"] == "Bridge reopens" and sources["minimal"]["author"] == ""

    texts = {name: html_article((PAGES / f"{name}.html").read_text(encoding="utf-8")).text for name in sources}
    from newsgraph.model import sha256_text

    assert {name: sha256_text(text) for name, text in texts.items()} == {n: s["sha256"] for n, s in sources.items()}
    out = tmp_path / "evidence.jsonl"
    exported = runner.invoke(app, ["export", "-f", "evidence-jsonl", "-o", str(out), "--data-dir", str(data)])
    assert exported.exit_code == 0, exported.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["source"] for r in records} >= {"harbour-news", "valley-gazette"}
    for record in records:  # every offset points into the extracted text the Source stands for
        text = texts[record["source"]]
        assert text[record["sentence_start"]:record["sentence_end"]] == record["sentence"]
        for side in ("subject", "object"):
            part = record[side]
            assert text[part["start"]:part["end"]] == part["text"]

    names = {r["name"] for r in _rows(runner, data, "MATCH (e:Entity) RETURN e.name AS name")}
    assert {"Baltic Freight", "Owen Pritchard", "Priya Raman"} <= names
    for boilerplate in ("Victor Lund", "Eastmouth Rovers", "Norline", "Isabel Crane", "Talia Brooks",
                        "Northwind Bank", "Edwin Shaw", "Kestrel Motors", "Carrow City"):
        assert not any(boilerplate in name for name in names), boilerplate
        assert not any(boilerplate in r["sentence"] for r in records), boilerplate


def test_a_stdin_copy_a_killed_ingest_left_is_deleted_by_the_next_ingest_from_stdin(tmp_path, monkeypatch):
    """`kill -9` runs no clean-up: the copy of stdin stays in the temporary directory until the next `ingest -`."""
    import io

    from newsgraph.inputs import spooled_stdin

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id no process has any more
    stale = tmp_path / f"newsgraph-stdin-{gone.pid}-x1"
    running = tmp_path / f"newsgraph-stdin-{os.getpid()}-x2"  # a copy of an ingest still running
    older = tmp_path / "newsgraph-stdin-x3"  # not named by its process: not told, left alone
    for folder in (stale, running, older):
        folder.mkdir()
        (folder / "stdin.jsonl").write_text("{}\n")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with spooled_stdin(["-"], io.BytesIO(b'{"text": "x"}\n')) as (paths, _):
        assert paths[0].read_bytes() == b'{"text": "x"}\n'
        assert not stale.exists() and running.exists() and older.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, older.name])
