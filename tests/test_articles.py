"""Reading articles: every input kind, and every bad input named in one line."""

import json
from pathlib import Path

import pytest

from newsgraph.errors import BadArticle
from newsgraph.ingest.articles import read_articles
from newsgraph.model import Article, Skipped


def _read(*paths):
    items = list(read_articles(paths))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


def test_seed_directory_with_sidecar(seeds_dir):
    articles, skipped = _read(seeds_dir)
    assert skipped == []
    assert [a.id for a in articles] == ["000_efa7b280693db64d", "004_ce22d2c7d8544631"]
    assert articles[0].outlet == "The Guardian" and articles[0].published == "2025-03-18"
    assert articles[1].outlet == "The New York Times"
    raw = (seeds_dir / "000_efa7b280693db64d.txt").read_bytes().decode("utf-8")
    assert articles[0].text == raw  # exactly as read: offsets point into the file's text
    assert len(articles[0].sha256) == 64


def test_jsonl_articles_and_a_malformed_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = {"id": "a1", "title": "T", "outlet": "Reuters", "url": "https://x", "published": "2025-01-01",
            "text": "Putin met Trump."}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "a2", "text": ""}) + "\n"
                    + json.dumps({"text": "No id here."}) + "\n", encoding="utf-8")
    articles, skipped = _read(path)
    assert [a.id for a in articles][0] == "a1" and articles[0].outlet == "Reuters"
    assert articles[1].id.startswith("batch-")
    assert [s.path for s in skipped] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in skipped[0].reason and "no text" in skipped[1].reason


def test_publication_dates_are_iso_8601_with_the_raw_text_kept(tmp_path):
    path = tmp_path / "dated.jsonl"
    dates = ["March 18, 2025 5:00 PM EDT", "Tue, 18 Mar 2025 14:00:00 GMT", "04/04/2012", "sometime", ""]
    path.write_text("".join(json.dumps({"id": f"a{i}", "published": d, "text": "Putin met Trump."}) + "\n"
                            for i, d in enumerate(dates)), encoding="utf-8")
    articles, _ = _read(path)
    assert [(a.published, a.published_raw) for a in articles] == [
        ("2025-03-18T17:00:00-04:00", "March 18, 2025 5:00 PM EDT"),
        ("2025-03-18T14:00:00+00:00", "Tue, 18 Mar 2025 14:00:00 GMT"),
        ("2012-04-04", "04/04/2012"), ("", "sometime"), ("", "")]
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("Putin met Trump.", encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps({"a": {"published": "18 March 2025"}}), encoding="utf-8")
    [article], _ = _read(folder)
    assert (article.published, article.published_raw) == ("2025-03-18", "18 March 2025")


def test_jsonl_streams_a_line_at_a_time_and_skips_only_the_bad_lines(tmp_path, monkeypatch):
    path = tmp_path / "archive.jsonl"
    texts = ["Putin met Trump.\u2028Then they spoke.", "Zelenskyy spoke.", "Macron \u00e9crit."]
    with path.open("wb") as out:
        out.write((json.dumps({"id": "a1", "text": texts[0]}, ensure_ascii=False) + "\n").encode())
        out.write(b'{"id": "bad", "text": "caf\xe9"}\n')
        out.write(b"\r\n")
        for i, text in enumerate(texts[1:], start=2):
            out.write((json.dumps({"id": f"a{i}", "text": text}, ensure_ascii=False) + "\r\n").encode())

    def whole_file(*_args, **_kwargs):
        raise AssertionError("a JSON Lines file is never read whole")

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    monkeypatch.setattr(Path, "read_text", whole_file)
    stream = read_articles([path])
    assert next(stream).text == texts[0]  # a line separator inside a text does not split the record
    rest = list(stream)
    assert [a.text for a in rest if isinstance(a, Article)] == texts[1:]
    [bad] = [s for s in rest if isinstance(s, Skipped)]
    assert bad.path == f"{path}:2" and "not valid UTF-8" in bad.reason


@pytest.mark.parametrize("content,reason", [(b"\n \n", "empty file"), (b'{"id": "x", "text": "a\x00b"}', "binary")])
def test_an_empty_or_binary_jsonl_file_is_skipped(tmp_path, content, reason):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    articles, [skipped] = _read(path)
    assert articles == [] and skipped.path == str(path) and reason in skipped.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"  \n\t\n", "empty file"), (b"\x00\x01\x02binary", "binary file"),
     (b"caf\xe9 au lait", "not valid UTF-8")],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text("Putin met Trump.", encoding="utf-8")
    articles, skipped = _read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert len(skipped) == 1 and skipped[0].path.endswith("bad.txt") and reason in skipped[0].reason


def test_missing_path_and_empty_directory_raise(tmp_path):
    with pytest.raises(BadArticle, match="no such file"):
        _read(tmp_path / "nope.txt")
    with pytest.raises(BadArticle, match="no articles"):
        _read(tmp_path)


def test_a_link_that_leads_to_no_file_is_named_as_such(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(BadArticle, match=r"a\.txt: a symbolic link that leads to no file \(too many levels"):
        _read(tmp_path / "a.txt")
    with pytest.raises(BadArticle, match=r"gone\.txt: a symbolic link that leads to no file \(no such file"):
        _read(tmp_path / "gone.txt")


def test_malformed_sidecar_raises(tmp_path):
    (tmp_path / "a.txt").write_text("Putin met Trump.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BadArticle, match="metadata.json"):
        _read(tmp_path)


def test_same_id_with_other_text_is_skipped(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_text("Putin met Trump.", encoding="utf-8")
    (tmp_path / "two" / "a.txt").write_text("Something else.", encoding="utf-8")
    articles, skipped = _read(tmp_path)
    assert len(articles) == 1 and "is also the id of" in skipped[0].reason


def test_a_json_array_of_articles(tmp_path):
    path = tmp_path / "batch.json"
    records = [{"id": "a1", "title": "T", "outlet": "Reuters", "url": "https://x", "published": "2025-01-01",
                "author": ["Ann Lee", "Bo Chen"], "text": "Putin met Trump.", "extra": 1},
               {"text": "No id here."}]
    path.write_text(json.dumps(records), encoding="utf-8")
    articles, skipped = _read(path)
    assert skipped == []
    assert [a.id for a in articles] == ["a1", f"batch-{articles[1].sha256[:12]}"]
    assert articles[0].outlet == "Reuters" and articles[0].author == "Ann Lee; Bo Chen"
    assert [a.path for a in articles] == [f"{path}[0]", f"{path}[1]"]
    assert [a.text for a in articles] == ["Putin met Trump.", "No id here."]


def test_a_json_file_holding_one_article(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "solo", "text": "Putin met Trump."}), encoding="utf-8-sig")
    [article], [] = _read(path)
    assert article.id == "solo" and article.text == "Putin met Trump."


def test_the_bad_items_of_a_json_array_are_skipped_with_their_index(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "a1", "text": "Putin met Trump."}, 5, {"id": "a3", "text": " "},
                                {"id": "a\u0000", "text": "x"}, {"id": "a5", "text": "ok \ud800"}]),
                    encoding="utf-8")
    articles, skipped = _read(path)
    assert [a.id for a in articles] == ["a1"]
    assert [s.path for s in skipped] == [f"{path}[1]", f"{path}[2]", f"{path}[3]", f"{path}[4]"]
    reasons = [s.reason for s in skipped]
    assert reasons[0] == "not an article: a JSON number, not an object with a text"
    assert reasons[1] == "article has no text"
    assert "NUL character" in reasons[2] and "lone surrogate" in reasons[3]


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "malformed JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
    ('"a string"', "not an array of articles (it holds a JSON string)"),
    ('{"title": "no text"}', "not an array of articles (it holds an object without a text)"),
    ("[]", "empty array: no articles"),
    ("", "empty file"),
])
def test_a_json_file_that_is_not_articles_is_skipped(tmp_path, content, reason):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    articles, [skipped] = _read(path)
    assert articles == [] and skipped.path == str(path) and skipped.reason.startswith(reason)


def test_a_json_file_over_its_limit_is_skipped_with_the_jsonl_hint(tmp_path, monkeypatch):
    import newsgraph.ingest.article_io as article_io

    monkeypatch.setattr(article_io, "MAX_JSON_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": "Putin met Trump."}] * 10), encoding="utf-8")
    [], [skipped] = _read(path)
    assert "over the 100-byte limit for a JSON file" in skipped.reason and "jq -c '.[]'" in skipped.reason


def test_a_directory_of_json_and_jsonl_files_keeps_the_sidecar_as_metadata(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "j1", "text": "Putin met Trump."}]), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "l1", "text": "Trump met Putin."}) + "\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Zelenskyy spoke.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps({"c": {"outlet": "AP", "author": "Dee"}}), encoding="utf-8")
    articles, skipped = _read(tmp_path)
    assert skipped == []
    assert [(a.id, a.outlet, a.author) for a in articles] == [("j1", "", ""), ("l1", "", ""), ("c", "AP", "Dee")]


def test_the_sidecar_named_on_the_command_line_is_not_read_as_articles(seeds_dir):
    [], [skipped] = _read(seeds_dir / "metadata.json")
    assert "a metadata sidecar, not articles" in skipped.reason


def test_files_of_unknown_kinds_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "good.txt").write_text("Putin met Trump.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0")  # hidden: passed over in silence
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")  # documentation: passed over in silence
    photo = tmp_path.parent / f"{tmp_path.name}-photo.JPEG"
    photo.write_bytes(b"\xff\xd8")
    articles, skipped = _read(tmp_path, photo)
    assert [a.id for a in articles] == ["good"]
    assert [(Path(s.path).name, s.reason.split(";")[0]) for s in skipped] == [
        ("LICENSE", "no file extension"), ("scan.pdf", "unknown kind of file '.pdf'"),
        (photo.name, "unknown kind of file '.JPEG'")]
    assert all("newsgraph reads .htm, .html, .json, .jsonl, .md" in s.reason for s in skipped)


def test_a_directory_with_only_other_files_raises_naming_one(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(BadArticle, match=r"no articles here .*found only other files, e\.g\. .*scan\.pdf"):
        _read(tmp_path)


def test_a_subfolder_s_sidecar_describes_its_files_and_a_nearer_entry_wins(tmp_path):
    import json

    sub = tmp_path / "top" / "sub"
    sub.mkdir(parents=True)
    (sub / "g00.txt").write_text("Smith was arrested in Paris on Monday.\n")
    (sub / "g01.txt").write_text("Jones was released in Lyon on Tuesday.\n")
    (tmp_path / "top" / "metadata.json").write_text(json.dumps({
        "g00": {"outlet": "Top Outlet", "published": "2024-01-01"}, "g01": {"outlet": "Top Outlet"}}))
    (sub / "metadata.json").write_text(json.dumps({"g00": {"outlet": "Sub Outlet", "published": "2024-05-02"}}))
    found = {a.id: (a.outlet, a.published) for a in read_articles([tmp_path / "top"])}
    assert found == {"g00": ("Sub Outlet", "2024-05-02"), "g01": ("Top Outlet", "")}
    assert {a.id: a.outlet for a in read_articles([sub])} == {"g00": "Sub Outlet", "g01": ""}


def test_an_id_over_the_byte_limit_is_skipped_with_its_line(tmp_path):
    import json

    from newsgraph.model import MAX_ID_BYTES, Skipped

    lines = [{"id": "ok", "text": "Smith spoke."}, {"id": "é" * (MAX_ID_BYTES // 2 + 1), "text": "Jones spoke."}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    found = list(read_articles([tmp_path / "in.jsonl"]))
    assert [a.id for a in found if not isinstance(a, Skipped)] == ["ok"]
    [skipped] = [s for s in found if isinstance(s, Skipped)]
    assert skipped.path.endswith("in.jsonl:2") and f"over the {MAX_ID_BYTES:,}-byte limit for an id" in skipped.reason


def test_a_bad_record_or_json_line_is_one_plain_reason(tmp_path):
    from newsgraph.model import Skipped

    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": 12345}\n{"id": "b", "text": "x\x01y"}\n', encoding="utf-8")
    reasons = [s.reason for s in read_articles([tmp_path / "in.jsonl"]) if isinstance(s, Skipped)]
    assert reasons == ["malformed article record: text: Input should be a valid string",
                       "malformed JSON line: Invalid control character at column 23"]


def test_a_metadata_field_that_is_no_text_is_refused_and_a_number_or_list_is_kept(tmp_path):
    """Before, an object or true/false was stored as Python's text of it ("{'x': 1}", "True")."""
    from newsgraph.model import Skipped

    lines = [{"id": "a", "outlet": {"x": 1}, "text": "Smith spoke."},
             {"id": "b", "published": True, "text": "Smith spoke."},
             {"id": 7, "author": ["Ann Lee", "Bo Chen"], "text": "Jones spoke."}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    found = list(read_articles([tmp_path / "in.jsonl"]))
    assert [s.reason for s in found if isinstance(s, Skipped)] == [
        "malformed article record: outlet: should be text or a number, got an object",
        "malformed article record: published: should be text or a number, got true/false"]
    [kept] = [a for a in found if not isinstance(a, Skipped)]
    assert (kept.id, kept.author) == ("7", "Ann Lee; Bo Chen")


@pytest.mark.parametrize(("sidecar", "problem"), [
    ({"a": {"outlet": "Wire"}, "zzz": 5}, "entry 'zzz': should be an object of metadata fields, got int"),
    ({"a": {"outlet": {"name": "Wire"}}}, "entry 'a': outlet: should be text or a number, got an object"),
])
def test_a_malformed_sidecar_entry_is_named_with_its_problem(tmp_path, sidecar, problem):
    """Before: pydantic's whole report, naming an internal class and not the entry."""
    (tmp_path / "a.txt").write_text("Putin met Trump.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps(sidecar), encoding="utf-8")
    with pytest.raises(BadArticle) as info:
        _read(tmp_path)
    assert str(info.value) == f"{tmp_path / 'metadata.json'}: malformed metadata sidecar: {problem}"


def test_a_json_line_cut_short_says_so_and_where_it_stops(tmp_path):
    """A JSON Lines file cut short while written or copied: its last line ends inside a string, or after a key."""
    from newsgraph.model import Skipped

    (tmp_path / "in.jsonl").write_text('{"id": "t1", "text": "Reid went to rehab."}\n{"id": "t2", "text": "Lohan '
                                       'checked in\n{"id": "t3", "text": \n', encoding="utf-8")
    found = list(read_articles([tmp_path / "in.jsonl"]))
    assert [a.id for a in found if not isinstance(a, Skipped)] == ["t1"]
    assert [(s.path.rsplit(":", 1)[1], s.reason) for s in found if isinstance(s, Skipped)] == [
        ("2", "malformed JSON line: it stops after column 38, inside its JSON object (cut short when written or "
              "copied?)"),
        ("3", "malformed JSON line: it stops after column 20, inside its JSON object (cut short when written or "
              "copied?)")]
