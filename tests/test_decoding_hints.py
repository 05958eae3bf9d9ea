"""A text file in another encoding than UTF-8 is skipped with the way to convert it, not the bad byte alone."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest.articles import read_articles
from newsgraph.model import Skipped

HINT = "convert it, e.g. iconv -f windows-1252 -t utf-8 FILE"


@pytest.mark.parametrize("name, content", [
    ("latin1.txt", "Le garçon a vu Zoë à Montréal.".encode("latin-1")),
    ("cp1252.txt", "The mayor’s “plan” was approved — narrowly.".encode("cp1252")),
    ("page.html", "<html><body><p>Le garçon a vu Zoë à Montréal.</p></body></html>".encode("latin-1")),
])
def test_a_file_not_in_utf8_is_skipped_with_how_to_convert_it(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    [skipped] = read_articles([tmp_path / name])
    assert isinstance(skipped, Skipped)
    assert skipped.reason.startswith("not valid UTF-8 (byte ") and skipped.reason.endswith(f"; {HINT}")


@pytest.mark.store
def test_the_ingest_report_says_how_to_convert_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "latin1.txt").write_bytes("Fran\xe7ois Hollande met Angela Merkel.".encode("latin-1"))
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--data-dir", str(tmp_path / "store"),
                                      "--examples", "0"])
    assert result.exit_code == 2
    assert f"latin1.txt: not valid UTF-8 (byte 4: b'\\xe7'); {HINT}" in result.stderr
