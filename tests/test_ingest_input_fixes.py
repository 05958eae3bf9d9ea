"""Input the ingest once lost or misread without a word: a wire copy under another outlet's id, the summary's count
of corroborated relations, metadata that changed or could not be used, Markdown markup, clashing file names."""

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest.articles import read_articles
from newsgraph.model import Article, Skipped

WIRE = ("Wladimir Klitschko stopped Tony Thompson in the sixth round on Saturday night in Bern. "
        "The Ukrainian champion knocked Thompson down twice.")
AP = {"id": "ap1", "outlet": "AP", "published": "2012-07-07", "text": WIRE}
ESPN = {"id": "espn1", "outlet": "ESPN", "published": "2012-07-07", "text": WIRE}
CBC = {"id": "cbc1", "outlet": "CBC", "published": "2012-07-07", "text": WIRE + "\n"}


def _jsonl(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _read(*paths):
    warnings = []
    items = list(read_articles(paths, lambda where, why: warnings.append(f"{where}: {why}")))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)], warnings)


def _run(runner, data_dir, *args):
    return runner.invoke(app, ["ingest", *map(str, args), "--data-dir", str(data_dir), "--examples", "0"])


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.mark.store
@pytest.mark.model
def test_a_word_for_word_wire_copy_is_a_source_of_its_own_and_a_copy(runner, tmp_path):
    """The same text under another outlet's id, in one input and in a later run: each is a Source, COPY_OF the
    first, and counts once among independent sources. Before, "1 already stored" dropped ESPN without a trace."""
    data = tmp_path / "data"
    first = _run(runner, data, _jsonl(tmp_path / "wire.jsonl", AP, ESPN, CBC))
    assert first.exit_code == 0, first.output
    assert "ingested 3 article(s)" in first.output and "0 already stored" in first.output
    # what `corroborated` counts: three sources, one independent
    assert "(0 corroborated by 2+ independent sources, " in first.output
    assert " 0 by 2+ sources counting copies" not in first.output
    rows = json.loads(runner.invoke(app, ["query", "corroborated", "--data-dir", str(data), "-f", "json"]).output)
    assert rows == []
    later = _run(runner, data, _jsonl(tmp_path / "later.jsonl", {**AP, "id": "reuters1", "outlet": "Reuters"}, AP))
    assert later.exit_code == 0, later.output
    assert "ingested 1 article(s)" in later.output and "1 already stored" in later.output
    pairs = runner.invoke(app, ["cypher", "MATCH (a:Source)-[:COPY_OF]->(b:Source) RETURN a.id AS a, b.id AS b, "
                                "a.copy_group AS g ORDER BY a, b", "--data-dir", str(data), "-f", "json"])
    found = json.loads(pairs.output)
    assert {(r["a"], r["b"]) for r in found} >= {("espn1", "ap1"), ("cbc1", "ap1"), ("reuters1", "ap1")}
    assert {r["g"] for r in found} == {"ap1"}
    # metadata given otherwise for a stored article: kept, with one warning naming the id, the fields and --force
    again = _run(runner, data, _jsonl(tmp_path / "fixed.jsonl", {**AP, "outlet": "The Bugle", "title": "Belts"}))
    assert again.exit_code == 0 and "1 already stored" in again.output
    warning = [line for line in again.output.splitlines() if line.startswith("newsgraph: warning:")]
    assert warning == [f"newsgraph: warning: {tmp_path / 'fixed.jsonl'}:1: article 'ap1' is already stored with other "
                       f"metadata (title '' → 'Belts', outlet 'AP' → 'The Bugle'); the stored values are kept: ingest "
                       f"it with --force to store the new ones"]


@pytest.mark.store
@pytest.mark.model
def test_warnings_for_unread_metadata_go_to_stderr_and_the_ingest_goes_on(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a1.txt").write_text("Acme Corp. agreed to buy Globex Industries.", encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps({"a1.txt": {"outlet": "The Bugle"}}), encoding="utf-8")
    dates = _jsonl(tmp_path / "dates.jsonl", {"id": "e2", "published": "2025-02-30", "text": "Meloni met Tusk."})
    result = runner.invoke(app, ["ingest", str(folder), str(dates), "--data-dir", str(tmp_path / "d"), "-q"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"newsgraph: warning: {folder / 'metadata.json'}: entry 'a1.txt' is keyed by a file name, and entries are "
        f"keyed by article id: write 'a1' (its metadata was not used)",
        f"newsgraph: warning: {dates}:1: article 'e2': published '2025-02-30' is not a date newsgraph can read; "
        f"stored undated: write it as YYYY-MM-DD"]


def test_a_json_number_as_a_date_is_unix_time_and_an_unreadable_date_is_told(tmp_path):
    path = _jsonl(tmp_path / "d.jsonl", {"id": "e1", "published": 1742256000, "text": "Scholz met Tusk."},
                  {"id": "e2", "published": 1742256000000, "text": "Meloni met Tusk."},
                  {"id": "e3", "published": 2025, "text": "Macron met Tusk."},
                  {"id": "e4", "published": "soon", "text": "Sanchez met Tusk."})
    articles, _, warnings = _read(path)
    assert [(a.published, a.published_raw) for a in articles] == [
        ("2025-03-18T00:00:00+00:00", "1742256000"), ("", "1742256000000"), ("2025", "2025"), ("", "soon")]
    assert [w.split(": ", 1)[0] for w in warnings] == [f"{path}:2", f"{path}:4"]
    assert "(milliseconds?)" in warnings[0] and "'e4': published 'soon' is not a date" in warnings[1]


def test_a_sidecar_entry_that_describes_no_article_is_told(tmp_path):
    (tmp_path / "a1.txt").write_text("Acme agreed to buy Globex.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps({"a1": {"outlet": "X"}, "b2": {}}), encoding="utf-8")
    [article], [], warnings = _read(tmp_path)
    assert article.outlet == "X"
    assert warnings == [f"{tmp_path / 'metadata.json'}: entry 'b2' matches no article file below {tmp_path} (an "
                        f"entry's key is a file's id: its name without the extension); its metadata was not used"]
    assert _read(tmp_path / "a1.txt")[2] == []  # one file named: the folder's other entries are not its business


def test_markdown_is_read_as_the_text_a_reader_sees(tmp_path):
    path = tmp_path / "m1.md"
    path.write_text("# Scholz meets Tusk\n\n**Olaf Scholz** met [Donald Tusk](https://example.com/t) in Warsaw.\n\n"
                    "* Tusk welcomed the [announcement](https://example.com/a).\n", encoding="utf-8")
    [article], [], [] = _read(path)
    assert article.text == ("Scholz meets Tusk\n\nOlaf Scholz met Donald Tusk in Warsaw.\n\n"
                            "\u2022 Tusk welcomed the announcement.\n")


def test_two_folders_with_the_same_file_names_are_told_how_to_keep_both(tmp_path):
    for outlet, text in (("bbc", "Putin met Trump."), ("cnn", "Trump met Putin.")):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "001.txt").write_text(text, encoding="utf-8")
    [_], [skipped], _ = _read(tmp_path)
    assert skipped.path == str(tmp_path / "cnn" / "001.txt")
    assert skipped.reason == (f"article id '001' is also the id of {tmp_path / 'bbc' / '001.txt'}, with a different "
                              f"text; a file's id is its name without the extension: rename one of them (e.g. "
                              f"{tmp_path / 'cnn' / 'cnn-001.txt'}) to keep both")


def test_plain_text_as_json_lines_is_told_what_json_lines_are(tmp_path):
    path = tmp_path / "stdin.jsonl"
    path.write_text("Putin met Trump.\n", encoding="utf-8")
    [], [skipped], [] = _read(path)
    assert skipped.reason.startswith("malformed JSON line: Expecting value at column 1; JSON Lines (a .jsonl file, "
                                     "and stdin: ingest -) hold one article object a line")
