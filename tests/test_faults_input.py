"""Bad input, the promises: for each case the input, the command, the exit code, the one line the user reads, and
the store afterwards compared with a clean run (the evidence and entity exports equal to a run without the bad
input).

Every command is the real `newsgraph` CLI (typer's CliRunner, or a subprocess where the case could hang or eat
memory) against an embedded FalkorDB it starts itself in its own --data-dir.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings as hsettings, strategies as st
from typer.testing import CliRunner

from conftest import generated_article
from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]

GOOD = generated_article(1)
OTHER = generated_article(2)


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def ingest(runner, data_dir: Path, *paths: Path, extra: tuple[str, ...] = ()):
    return runner.invoke(app, ["ingest", *map(str, paths), "--data-dir", str(data_dir), "--quiet", *extra])


def exported(runner, data_dir: Path) -> str:
    """The store's evidence and entities as JSON Lines, through `newsgraph export`."""
    parts = []
    for fmt in ("evidence-jsonl", "entities-jsonl"):
        out = data_dir.parent / f"{data_dir.name}.{fmt}"
        result = runner.invoke(app, ["export", "-f", fmt, "-o", str(out), "--data-dir", str(data_dir)])
        assert result.exit_code == 0, result.output
        parts.append(out.read_text(encoding="utf-8"))
    return "\n".join(parts)


def sources(runner, data_dir: Path) -> dict[str, dict]:
    result = runner.invoke(app, ["query", "sources", "-f", "json", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


def one_line(result) -> str:
    """The one line on stderr (and fail if there is more, or a traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def clean(runner, tmp_path_factory) -> str:
    """The export of a clean run: good.txt (GOOD) alone."""
    folder = tmp_path_factory.mktemp("clean")
    (folder / "in").mkdir()
    (folder / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    result = ingest(runner, folder / "data", folder / "in")
    assert result.exit_code == 0, result.output
    return exported(runner, folder / "data")


def folder_with_good(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


# --- 1. A NUL anywhere: the article is refused before anything is written, the rest lands, a rerun agrees ------
def test_a_nul_past_the_first_8_kb_of_a_txt_skips_that_file_and_the_rest_is_stored_whole(runner, tmp_path, clean):
    folder = folder_with_good(tmp_path)
    text = "Filler words here. " * 500 + "\n" + OTHER.replace(" met ", " met\x00 ")
    (folder / "bad.txt").write_bytes(text.encode("utf-8"))
    nul_at = text.encode("utf-8").index(b"\x00")
    assert nul_at > 8192

    result = ingest(runner, tmp_path / "data", folder)

    assert result.exit_code == 2
    assert one_line(result) == (f"newsgraph: skipped {folder / 'bad.txt'}: binary file, not text (a NUL byte at "
                                f"byte {nul_at}; remove it if the file is meant to be text)")
    assert exported(runner, tmp_path / "data") == clean
    assert list(sources(runner, tmp_path / "data")) == ["good"]
    again = ingest(runner, tmp_path / "data", folder)
    assert again.exit_code == 2 and "bad.txt" in one_line(again)
    assert exported(runner, tmp_path / "data") == clean


@pytest.mark.parametrize("field", ["text", "id", "title", "outlet"])
def test_a_nul_in_a_jsonl_field_skips_that_line_with_its_number(runner, tmp_path, clean, field):
    bad = {"id": "other", "title": "Talks", "outlet": "Wire", "text": OTHER}
    bad[field] = bad[field][:3] + "\x00" + bad[field][3:]
    archive = tmp_path / "articles.jsonl"
    archive.write_text(json.dumps({"id": "good", "text": GOOD}) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")

    result = ingest(runner, tmp_path / "data", archive)

    assert result.exit_code == 2
    assert one_line(result) == (f"newsgraph: skipped {archive}:2: the article's {field} holds a NUL character at "
                                f"position 3" + ("; newsgraph cannot store it" if field == "text" else ""))
    assert exported(runner, tmp_path / "data") == clean


def test_a_chunk_whose_write_fails_is_not_in_the_ledger_and_writing_it_again_completes_it(empty_store, nlp,
                                                                                        evidence_of, tmp_path):
    """The store half of promise 1: on FalkorDB one MULTI/EXEC does not roll back, so the ledger is written only
    once every other statement of the chunk has been applied."""
    from newsgraph.errors import StoreUnavailable
    from newsgraph.graph.build import build_graph
    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.resolve import resolve
    from newsgraph.ingest.analyze import analyze
    from newsgraph.model import Article

    analyses = [analyze(Article(name, text), nlp(text)) for name, text in (("good", GOOD), ("other", OTHER))]
    graph = build_graph(analyses, resolve(analyses))
    units = list(empty_store._statements(graph))
    failing = units[:-1] + [[("UNWIND $rows AS row RETURN row +", {"rows": [1]})]] + units[-1:]  # a statement fails

    with pytest.raises(StoreUnavailable, match="FalkorDB rejected a write"):
        empty_store._write_units(failing)

    assert empty_store.ledger() == {}  # neither source is marked complete
    assert empty_store.counts()["evidence"] > 0  # although the rest was applied: no rollback
    empty_store.write_graph(graph)  # what the rerun of the ingest does
    reference = FalkorStore(empty_store._client, empty_store.graph_name + "_ref")
    reference.delete_all()
    reference.ensure_schema()
    try:
        reference.write_graph(graph)
        assert set(empty_store.ledger().values()) == {"good", "other"}
        assert evidence_of(empty_store) == evidence_of(reference)
    finally:
        reference.delete_all()


def test_a_value_that_cannot_be_stored_stops_the_chunk_before_anything_is_written(empty_store, nlp):
    """The last guard: a NUL reaching the store (here through an entity name) fails the chunk, nothing written."""
    from newsgraph.errors import BadArticle
    from newsgraph.graph.build import build_graph
    from newsgraph.graph.resolve import resolve
    from newsgraph.ingest.analyze import analyze
    from newsgraph.model import Article

    analyses = [analyze(Article("good", GOOD), nlp(GOOD))]
    graph = build_graph(analyses, resolve(analyses))
    entity = next(n for n, d in graph.nodes(data=True) if d["kind"] == "Entity")
    graph.nodes[entity]["name"] = "Vladimir\x00Putin"
    with pytest.raises(BadArticle, match=f"cannot store a value of {entity}: it holds a NUL character"):
        empty_store.write_graph(graph)
    assert empty_store.counts()["sources"] == 0 and empty_store.ledger() == {}


# --- 4. Long articles: parsed in sections, offsets exact; over the limit, skipped with a reason ---------------------
def test_an_article_longer_than_spacys_max_length_is_parsed_in_sections_with_exact_offsets(runner, tmp_path,
                                                                                          monkeypatch):
    """At a small scale: spaCy's limit lowered to 12,000 characters, sections of 4,000, a 30,000-character article
    (the defaults are 1,000,000 and 50,000)."""
    import newsgraph.ingest.nlp as nlp_module

    pipeline = nlp_module.load_pipeline(nlp_module.DEFAULT_MODEL)  # the one the ingest uses
    monkeypatch.setattr(pipeline, "max_length", 12_000)
    monkeypatch.setattr(nlp_module, "SECTION_CHARS", 4_000, raising=False)
    folder = folder_with_good(tmp_path)
    paragraphs, i = [], 0
    while sum(len(p) + 2 for p in paragraphs) < 30_000:
        paragraphs.append(generated_article(i).replace("\n", " "))
        i += 1
    long_text = "\n\n".join(paragraphs) + "\n"
    (folder / "long.txt").write_text(long_text, encoding="utf-8")

    result = ingest(runner, tmp_path / "data", folder)

    assert result.exit_code == 0, result.output
    stored = sources(runner, tmp_path / "data")
    assert stored["long"]["complete"] and stored["long"]["relations"] > 40  # every section gave relations
    records = [json.loads(line) for line in exported(runner, tmp_path / "data").splitlines() if line]
    evidence = [r for r in records if r.get("source") == "long"]
    assert evidence and max(r["sentence_end"] for r in evidence) > 20_000
    for record in evidence:
        assert long_text[record["sentence_start"]:record["sentence_end"]] == record["sentence"]
        for side in ("subject", "object"):
            part = record[side]
            assert long_text[part["start"]:part["end"]] == part["text"]


def test_an_article_over_the_size_limit_is_skipped_with_its_size(runner, tmp_path, clean, monkeypatch):
    import newsgraph.ingest.article_io as article_io

    monkeypatch.setattr(article_io, "MAX_ARTICLE_BYTES", 20_000)
    folder = folder_with_good(tmp_path)
    (folder / "huge.txt").write_text(OTHER * 100, encoding="utf-8")
    archive = folder / "more.jsonl"
    archive.write_text(json.dumps({"id": "huge-line", "text": OTHER * 100}) + "\n", encoding="utf-8")

    result = ingest(runner, tmp_path / "data", folder)

    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    size = len((OTHER * 100).encode())
    assert lines == [f"newsgraph: skipped {folder / 'huge.txt'}: {size:,} bytes, over the 20,000-byte limit for one "
                     f"article; split it into several files",
                     f"newsgraph: skipped {archive}:1: line over the 20,000-byte limit for one article"]
    assert exported(runner, tmp_path / "data") == clean


# --- 5. Lone surrogates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("field", ["text", "id"])
def test_a_lone_surrogate_in_jsonl_skips_that_line_and_the_rest_is_stored(runner, tmp_path, clean, field):
    bad = {"id": "other", "text": OTHER}
    bad[field] = bad[field][:2] + "\ud800" + bad[field][2:]
    archive = tmp_path / "articles.jsonl"
    archive.write_text(json.dumps({"id": "good", "text": GOOD}) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")

    result = ingest(runner, tmp_path / "data", archive)

    assert result.exit_code == 2
    assert one_line(result) == (f"newsgraph: skipped {archive}:2: the article's {field} holds a lone surrogate U+D800 "
                                f"at position 2" + ("; newsgraph cannot store it" if field == "text" else ""))
    assert exported(runner, tmp_path / "data") == clean


# --- 5b. An id FalkorDB's index cannot find -----------------------------------------------------------------------
@pytest.mark.parametrize("name", [" lead.txt", "trail .txt", "jsonl"])
def test_an_id_that_starts_or_ends_with_a_space_is_skipped_naming_it(runner, tmp_path, clean, name):
    """Before, such an article was counted as ingested, never found complete (the index trims the spaces), and each
    rerun stored it once more."""
    folder = folder_with_good(tmp_path)
    if name == "jsonl":
        bad, article_id = folder / "more.jsonl", " other "
        bad.write_text(json.dumps({"id": article_id, "text": OTHER}) + "\n", encoding="utf-8")
        where = f"{bad}:1"
    else:
        bad, article_id = folder / name, name[:-4]
        bad.write_text(OTHER, encoding="utf-8")
        where = str(bad)
    word = "starts" if article_id.startswith(" ") else "ends"
    for _ in range(2):
        result = ingest(runner, tmp_path / "data", folder)
        assert result.exit_code == 2
        assert one_line(result) == (f"newsgraph: skipped {where}: the article's id {article_id!r} {word} with a space, "
                                    "which the store's index does not find; give it another id (a file's id is its "
                                    "name)")
        assert exported(runner, tmp_path / "data") == clean
        assert list(sources(runner, tmp_path / "data")) == ["good"]


# --- 6. One id, two texts --------------------------------------------------------------------------------------
def test_the_same_id_with_another_text_in_a_later_run_is_skipped_naming_the_id(runner, tmp_path, clean):
    folder = folder_with_good(tmp_path)
    assert ingest(runner, tmp_path / "data", folder).exit_code == 0
    (folder / "good.txt").write_text(OTHER, encoding="utf-8")  # a new text under the same id

    for extra in ((), ("--force",)):
        result = ingest(runner, tmp_path / "data", folder, extra=extra)
        assert result.exit_code == 2
        assert one_line(result).startswith(f"newsgraph: skipped {folder / 'good.txt'}: article id 'good' is already "
                                           f"stored with another text (sha256 ")
        assert one_line(result).endswith("give this text another id to keep both versions")
        assert exported(runner, tmp_path / "data") == clean  # the stored source is the first text, untouched


# --- 8. One line, not a traceback --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def stored(runner, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stored")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    assert ingest(runner, folder / "data", folder / "good.txt").exit_code == 0
    return folder / "data"


@pytest.mark.parametrize("value", ["-1", str(2**63), str(2**63 - 1), str(2**32)])
def test_an_int_parameter_out_of_range_is_one_line(runner, stored, value):
    result = runner.invoke(app, ["query", "top-entities", "-p", f"limit={value}", "--data-dir", str(stored)])
    assert result.exit_code == 2
    assert one_line(result) == (f"newsgraph: error: parameter 'limit' of query 'top-entities' must be of type int "
                                f"(a whole number from 0 to 2147483647), got '{value}'")


@pytest.mark.parametrize("value", [str(2**63), str(-2**63 - 1), f"[1, {2**64}]"])
def test_an_ad_hoc_parameter_beyond_64_bits_is_one_line_naming_it(runner, stored, value):
    """FalkorDB took 2^63 as 2^63-1 and returned the rows of another value."""
    result = runner.invoke(app, ["cypher", "RETURN $v AS v", "-p", f"v={value}", "--data-dir", str(stored)])
    assert result.exit_code == 2
    assert one_line(result).startswith("newsgraph: error: parameter 'v': ")
    assert "beyond the 64-bit whole numbers" in result.stderr


@pytest.mark.parametrize("value,want", [("NaN", "NaN"), ("Infinity", "Infinity"), (str(2**63 - 1), 2**63 - 1)])
def test_an_ad_hoc_parameter_that_is_no_json_is_text(runner, stored, value, want):
    """Python's JSON reader takes NaN and Infinity, which FalkorDB's parser then failed on."""
    result = runner.invoke(app, ["cypher", "RETURN $v AS v", "-p", f"v={value}", "-f", "json",
                                 "--data-dir", str(stored)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"v": want}]


def test_the_largest_int_parameter_still_returns_rows(runner, stored):
    result = runner.invoke(app, ["query", "top-entities", "-p", "limit=2147483647", "-f", "json",
                                 "--data-dir", str(stored)])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) > 3


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped"])
def test_a_damaged_graph_rdb_is_one_line_naming_the_file(runner, stored, tmp_path, damage):
    data = tmp_path / "data"
    data.mkdir()
    good = (stored / "graph.rdb").read_bytes()
    broken = {"garbage": b"not a snapshot\n", "truncated": good[:len(good) // 3],
              "flipped": good[:len(good) // 2] + bytes(b ^ 0xFF for b in good[len(good) // 2:len(good) // 2 + 64])
              + good[len(good) // 2 + 64:]}[damage]
    (data / "graph.rdb").write_bytes(broken)

    result = runner.invoke(app, ["query", "sources", "--data-dir", str(data)])

    assert result.exit_code == 4
    line = one_line(result)
    assert line.startswith(f"newsgraph: error: cannot load {data / 'graph.rdb'}: the file is damaged or truncated (")
    assert line.endswith("move it aside (the store then starts empty) or put back a good copy")


def _cli(*args: str, timeout: float = 120, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`newsgraph ARGS` in a subprocess with at most 4 GB of address space and ``timeout`` seconds."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))

    return subprocess.run([*prefix, sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit)


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_fifo_or_device_on_the_command_line_is_refused_at_once(tmp_path, special):
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "articles.txt"
        os.mkfifo(path)
    kind = "a FIFO" if special == "fifo" else "a device"

    result = _cli("ingest", str(path), "--data-dir", str(tmp_path / "data"), "--quiet", timeout=60)

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"newsgraph: skipped {path}: not a regular file ({kind}); refused: name an article file or a directory"]


def test_an_unreadable_subdirectory_is_reported_and_the_rest_is_stored(runner, tmp_path, clean):
    folder = folder_with_good(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "other.txt").write_text(OTHER, encoding="utf-8")
    locked.chmod(0)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root reads every directory; without these two capabilities it obeys the mode
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv (util-linux) to drop CAP_DAC_OVERRIDE: cannot make a "
                        "directory unreadable")
        caps = "-dac_override,-dac_read_search"
        prefix = ("setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}")
    try:
        result = _cli("ingest", str(folder), "--data-dir", str(tmp_path / "data"), "--quiet", prefix=prefix)
    finally:
        locked.chmod(0o755)

    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"newsgraph: skipped {locked}: cannot list this directory: Permission denied"]
    assert exported(runner, tmp_path / "data") == clean


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_file_with_a_byte_order_mark_is_decoded_and_stored_like_its_utf8(runner, tmp_path, clean, encoding):
    """UTF-16/32 with a byte-order mark are decoded; a UTF-8 byte-order mark is dropped (it hid the first name)."""
    folder = tmp_path / "in"
    folder.mkdir()
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (folder / "good.txt").write_bytes(bom + GOOD.encode(encoding))

    result = ingest(runner, tmp_path / "data", folder)

    assert result.exit_code == 0, result.output
    assert exported(runner, tmp_path / "data") == clean  # the same names, the same offsets into the same text


def test_utf16_without_a_byte_order_mark_is_reported_as_utf16_not_binary(runner, tmp_path, clean):
    folder = folder_with_good(tmp_path)
    (folder / "other.txt").write_bytes(OTHER.encode("utf-16-le"))

    result = ingest(runner, tmp_path / "data", folder)

    assert result.exit_code == 2
    assert one_line(result) == (f"newsgraph: skipped {folder / 'other.txt'}: looks like UTF-16 without a byte-order "
                                f"mark; save it as UTF-8 (or UTF-16 with a byte-order mark)")
    assert exported(runner, tmp_path / "data") == clean


def test_a_utf8_bom_on_the_first_line_of_jsonl_is_dropped(runner, tmp_path, clean):
    archive = tmp_path / "articles.jsonl"
    archive.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "good", "text": GOOD}).encode() + b"\n")
    result = ingest(runner, tmp_path / "data", archive)
    assert result.exit_code == 0, result.output
    assert exported(runner, tmp_path / "data") == clean


# --- any text at all, through a whole ingest into a real store and back ------------------------------------------
_PIECES = st.one_of(
    st.sampled_from([GOOD, "Vladimir Putin met Donald Trump in Paris.", "\n\n", " ", "\x00", "\ud800", "\udfff",
                     "\x1b[31m", "\x07", "\t", "\r\n", "\x85", "\u2028", "\ufeff", "é", "😀", "O'Brien \"said\" \\",
                     "x" * 5_000, "Word " * 2_000]),
    st.text(st.characters(blacklist_categories=()), max_size=40),  # every code point, surrogates included
)


@pytest.fixture(scope="module")
def property_store(falkor_server):
    from newsgraph.graph.falkor import FalkorStore

    store = FalkorStore(falkor_server.client(), "t_faults_property")
    yield store
    store.delete_all()


@hsettings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=st.lists(_PIECES, min_size=1, max_size=8).map("".join),
       title=st.text(st.characters(blacklist_categories=()), max_size=12))
@example(text="\ud800\udfff", title="")  # a surrogate pair, one character once read back
@example(text="a\udfff\ud800", title="")  # lone surrogates: refused
def test_any_text_is_stored_intact_or_skipped_with_a_reason(property_store, tmp_path_factory, text, title):
    from newsgraph.model import sha256_text
    from newsgraph.pipeline import ingest as run_ingest
    from newsgraph.settings import Settings

    store = property_store
    store.delete_all()
    store.ensure_schema()
    folder = tmp_path_factory.mktemp("prop")
    archive = folder / "articles.jsonl"
    lines = [{"id": "good", "text": GOOD}, {"id": "any", "title": title, "text": text}]
    archive.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    # what the archive says: JSON writes each surrogate as an escape, and a high one before a low one reads back
    # as the one character the pair stands for ('\ud800\udfff' is U+103FF), which is stored like any other
    text, title = json.loads(json.dumps(text)), json.loads(json.dumps(title))

    report = run_ingest([archive], store, Settings.build({"data_dir": str(folder / "d")}, {}))

    skipped = {s.path: s.reason for s in report.skipped}
    done = {source: sha for sha, source in store.ledger().items()}
    unstorable = any(c == "\x00" or "\ud800" <= c <= "\udfff" for c in text) or any(
        c < " " or "\x7f" <= c <= "\x9f" or "\ud800" <= c <= "\udfff" for c in title)
    if text == GOOD and not unstorable:  # the same text under another id: a source of its own, a copy of the first
        assert report.ingested == ("good", "any") and set(store.stored_texts()) == {"good", "any"}
        return
    assert done["good"] == sha256_text(GOOD)
    if not text.strip():
        assert "any" not in done and skipped[f"{archive}:2"] == "article has no text"
        return
    if unstorable:
        from newsgraph.model import article_problem

        assert "any" not in done and skipped[f"{archive}:2"] == article_problem(text, {"id": "any", "title": title})
        assert not store.run("MATCH (s:Source {id: 'any'}) RETURN s.id AS id")
        return
    if "any" not in done:  # nothing to analyse in it: said so, nothing stored
        assert skipped == {f"{archive}:2": "no sentences to analyse"}
        return
    assert done["any"] == sha256_text(text) and not skipped
    [row] = store.run("MATCH (s:Source {id: 'any'}) RETURN s.title AS title")
    assert row["title"] == title
    for row in store.run("MATCH (:Source {id: 'any'})-[m:MENTIONS]->() RETURN m.starts AS s, m.ends AS e, "
                         "m.texts AS t"):
        assert [text[s:e] for s, e in zip(row["s"], row["e"])] == row["t"]
    for row in store.run("MATCH (v:Evidence {source: 'any'}) RETURN v.sentence AS sentence, "
                         "v.sentence_start AS s, v.sentence_end AS e"):
        assert text[row["s"]:row["e"]] == row["sentence"]
