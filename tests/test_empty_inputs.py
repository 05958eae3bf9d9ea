"""An ingest of a directory that holds no article fails before anything is made: no data dir, no server, no
lock, so a read command afterwards says there is no graph there, as after a mistyped path."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app


@pytest.mark.parametrize("content", [{}, {"picture.png": b"\x89PNG\r\n\x1a\n"}], ids=["empty", "only-a-png"])
def test_a_directory_without_articles_makes_no_data_dir(tmp_path: Path, content: dict[str, bytes]):
    inputs, data_dir = tmp_path / "inputs", tmp_path / "store"
    inputs.mkdir()
    for name, data in content.items():
        (inputs / name).write_bytes(data)
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(inputs), "--data-dir", str(data_dir), "--quiet"])
    assert result.exit_code == 2 and "no articles here" in result.output, result.output
    assert not data_dir.exists()
    result = runner.invoke(app, ["query", "sources", "--data-dir", str(data_dir)])
    assert result.exit_code != 0 and f"no graph in {data_dir}" in result.output, result.output
