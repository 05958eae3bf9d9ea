"""`newsgraph export` on the command line: where it refuses to write and what it says, on the seed graph."""

from __future__ import annotations

import csv
import io
import os
import zipfile

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, runner, seeds_dir):
    """A data directory holding the seed graph (both articles dated 2025-03-18)."""
    path = tmp_path_factory.mktemp("export-cli") / "store"
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--data-dir", str(path), "--examples", "0"])
    assert result.exit_code == 0, result.output
    return path


def _export(runner, data_dir, *args):
    return runner.invoke(app, ["export", *args, "--data-dir", str(data_dir)])


def _one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert all(needle in result.stderr for needle in needles), result.stderr


def test_csv_into_a_folder_that_cannot_take_one_file_changes_nothing(runner, data_dir, tmp_path):
    """The first file was replaced and the second's temporary file stayed (README: a failed export leaves
    nothing behind)."""
    folder = tmp_path / "half"
    folder.mkdir()
    (folder / "nodes.csv").write_text("OLD\n")
    (folder / "relationships.csv").mkdir()
    result = _export(runner, data_dir, "-f", "csv", "-o", str(folder))
    _one_line_error(result, str(folder / "relationships.csv"), "folder")
    assert (folder / "nodes.csv").read_text() == "OLD\n"
    assert sorted(p.name for p in folder.iterdir()) == ["nodes.csv", "relationships.csv"]


def test_csv_summary_counts_the_rows_written(runner, data_dir, tmp_path):
    """The summary gave the graph's nodes and edges; the files hold Evidence and Resolution nodes too."""
    result = _export(runner, data_dir, "-f", "csv", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    rows = {name: len(list(csv.reader(io.StringIO((tmp_path / "out" / name).read_text(encoding="utf-8"))))) - 1
            for name in ("nodes.csv", "relationships.csv")}
    assert f"({rows['nodes.csv']} nodes, {rows['relationships.csv']} edges)" in result.output
    zipped = _export(runner, data_dir, "-f", "csv", "-o", str(tmp_path / "g.zip"))
    assert f"({rows['nodes.csv']} nodes, {rows['relationships.csv']} edges)" in zipped.output
    assert set(zipfile.ZipFile(tmp_path / "g.zip").namelist()) == {"nodes.csv", "relationships.csv"}


@pytest.mark.parametrize("fmt", ["json", "evidence-jsonl", "html"])
def test_a_path_ending_with_a_slash_is_refused_for_one_file(runner, data_dir, tmp_path, fmt):
    """`-o newdir/` wrote a regular file named newdir."""
    result = _export(runner, data_dir, "-f", fmt, "-o", f"{tmp_path / 'newdir'}/")
    _one_line_error(result, "ends with /", f"{fmt} writes one file")
    assert not (tmp_path / "newdir").exists()


def test_a_path_ending_with_a_slash_is_a_folder_for_csv(runner, data_dir, tmp_path):
    result = _export(runner, data_dir, "-f", "csv", "-o", f"{tmp_path / 'newdir'}/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "newdir").iterdir()) == ["nodes.csv", "relationships.csv"]


def test_a_file_where_a_folder_should_be_is_named(runner, data_dir, tmp_path):
    """It said "its folder ... does not exist" of a regular file."""
    (tmp_path / "ex.json").write_text("x")
    result = _export(runner, data_dir, "-f", "json", "-o", str(tmp_path / "ex.json" / "x.json"))
    _one_line_error(result, "ex.json is not a folder")
    assert "does not exist" not in result.stderr


def test_an_empty_path_is_refused_as_empty(runner, data_dir):
    """It said "cannot export json to .: it is a folder"."""
    _one_line_error(_export(runner, data_dir, "-f", "json", "-o", ""), "the path is empty")


def test_hops_without_entity_is_refused(runner, data_dir, tmp_path):
    """--hops without --entity was ignored: the whole graph was written."""
    result = _export(runner, data_dir, "-f", "json", "-o", str(tmp_path / "g.json"), "--hops", "1")
    _one_line_error(result, "--hops needs --entity")
    assert not (tmp_path / "g.json").exists()
    default = _export(runner, data_dir, "-f", "json", "-o", str(tmp_path / "g.json"))
    assert default.exit_code == 0, default.output


def test_entity_no_source_in_the_window_mentions_is_refused(runner, data_dir, tmp_path):
    """It wrote an empty graph with exit code 0; `entities --explain` refuses the same entity so."""
    result = _export(runner, data_dir, "-f", "json", "-o", str(tmp_path / "g.json"), "--entity", "Putin",
                     "--since", "2025-04-01")
    explained = runner.invoke(app, ["entities", "--explain", "Putin", "--since", "2025-04-01",
                                    "--data-dir", str(data_dir)])
    assert result.exit_code == explained.exit_code != 0
    assert result.stderr == explained.stderr and "no source in the window (since 2025-04-01) mentions" in \
        result.stderr
    assert not (tmp_path / "g.json").exists()
    kept = _export(runner, data_dir, "-f", "json", "-o", str(tmp_path / "g.json"), "--entity", "Putin",
                   "--since", "2025-03-18", "--hops", "1")
    assert kept.exit_code == 0 and (tmp_path / "g.json").stat().st_size > 1000


@pytest.mark.parametrize("fmt", ["evidence-jsonl", "json", "csv", "html"])
def test_a_reader_that_stopped_is_told_nothing(runner, data_dir, fmt):
    """`-o - | head -c 100` printed "wrote /dev/stdout (237 lines)" after the reader had stopped."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone: writing is a broken pipe
    try:
        result = _export(runner, data_dir, "-f", fmt, "-o", f"/proc/self/fd/{write_end}")
    finally:
        os.close(write_end)
    assert result.exit_code == 0, result.output
    assert "wrote" not in result.output and result.stderr == ""
