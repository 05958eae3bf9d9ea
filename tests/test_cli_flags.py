"""Flags the command line takes: a Neo4j connection flag without ``--store neo4j`` is refused (the embedded store
would ignore it), and every bracketed part of an option's help survives rich's markup in ``--help``."""

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from newsgraph.cli import app

NEO4J_FLAGS = [["--uri", "bolt://127.0.0.1:17999"], ["--user", "neo4j"], ["--password", "secret"],
               ["--database", "news"], ["--password", ""]]


@pytest.mark.parametrize("flag", NEO4J_FLAGS, ids=lambda f: f[0] + ("=" if not f[1] else ""))
@pytest.mark.parametrize("command", [["ingest", "two.jsonl"], ["cypher", "RETURN 1 AS x"], ["query", "sources"],
                                     ["entities", "--explain", "Putin"],
                                     ["export", "-f", "graphml", "-o", "out.graphml"], ["browse"]])
def test_a_neo4j_flag_without_the_neo4j_store_is_refused_and_nothing_is_made(tmp_path, monkeypatch, command, flag):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "two.jsonl").write_text('{"id": "a", "text": "Putin met Trump."}\n')
    for name in ("STORE", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(f"NEWSGRAPH_{name}", raising=False)
    result = CliRunner().invoke(app, [*command, *flag])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"newsgraph: error: {flag[0]} needs --store neo4j (or NEWSGRAPH_STORE=neo4j)"
                                          ": the embedded FalkorDB store takes no connection settings"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two.jsonl"]


def test_every_neo4j_flag_given_is_named(tmp_path):
    result = CliRunner().invoke(app, ["cypher", "RETURN 1 AS x", "--data-dir", str(tmp_path), "--uri", "bolt://h:1",
                                      "--user", "u", "--store", "falkordb"])
    assert result.exit_code == 2 and "--uri, --user need --store neo4j" in result.stderr


def test_neo4j_variables_are_left_alone_for_the_embedded_store(tmp_path, monkeypatch):
    """A shell may export the Neo4j variables for the commands that use Neo4j: the embedded store ignores them."""
    monkeypatch.setenv("NEWSGRAPH_NEO4J_URI", "bolt://h:1")
    monkeypatch.setenv("NEWSGRAPH_NEO4J_USER", "u")
    monkeypatch.delenv("NEWSGRAPH_STORE", raising=False)
    result = CliRunner().invoke(app, ["cypher", "RETURN 1 AS x", "--data-dir", str(tmp_path / "none")])
    assert "needs --store neo4j" not in result.stderr and "no graph in" in result.stderr


@pytest.mark.parametrize("command", [["cypher", "RETURN 1 AS x"], ["query", "sources"], ["entities"]])
def test_neo4j_variables_with_the_embedded_store_are_named_in_one_warning(tmp_path, monkeypatch, command):
    """Ignored, but not silently: one line names the variables and the store they are for."""
    monkeypatch.setenv("NEWSGRAPH_NEO4J_URI", "bolt://h:1")
    monkeypatch.setenv("NEWSGRAPH_NEO4J_PASSWORD", "secret")
    for name in ("STORE", "NEO4J_USER", "NEO4J_DATABASE"):
        monkeypatch.delenv(f"NEWSGRAPH_{name}", raising=False)
    result = CliRunner().invoke(app, [*command, "--data-dir", str(tmp_path / "none")])
    warnings = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: warning:")]
    assert warnings == ["newsgraph: warning: NEWSGRAPH_NEO4J_URI, NEWSGRAPH_NEO4J_PASSWORD apply only with --store "
                        "neo4j (NEWSGRAPH_STORE=neo4j); the embedded store ignores them"], result.stderr
    assert "no graph in" in result.stderr  # and the command goes on as without them


def test_no_warning_without_neo4j_variables_or_with_the_neo4j_store(tmp_path, monkeypatch):
    for name in ("STORE", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(f"NEWSGRAPH_{name}", raising=False)
    result = CliRunner().invoke(app, ["cypher", "RETURN 1 AS x", "--data-dir", str(tmp_path / "none")])
    assert "newsgraph: warning:" not in result.stderr, result.stderr
    monkeypatch.setenv("NEWSGRAPH_NEO4J_URI", "bolt://127.0.0.1:1")
    result = CliRunner().invoke(app, ["cypher", "RETURN 1 AS x", "--store", "neo4j"])
    assert "newsgraph: warning:" not in result.stderr and result.exit_code != 0


def _bracketed(text: str | None) -> list[str]:
    return [" ".join(part.split()) for part in re.findall(r"\[[^\[\]]*\]", text or "")]


def test_every_bracketed_part_of_an_option_help_is_shown():
    """Rich markup took ``[default: 127.0.0.1]`` and ``newsgraph[bridge]`` for tags and dropped them."""
    command = get_command(app)
    checked = 0
    for name, sub in command.commands.items():
        shown = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0, shown.output
        flat = " ".join(shown.stdout.replace("│", " ").split())
        for param in sub.params:
            for part in _bracketed(getattr(param, "help", None)):
                checked += 1
                assert part in flat, f"newsgraph {name} --help lost {part!r} of {param.name}"
    assert checked >= 3
