"""Read articles from JSON Lines files (one article object a line, streamed: an archive of any size) and JSON
files (an array of article objects, or one, read whole within ``MAX_JSON_BYTES``). A line or item that cannot be
used becomes a ``Skipped`` record naming the file and its line (``FILE:3``) or index (``FILE[3]``)."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from newsgraph.ingest import article_io
from newsgraph.ingest.article_io import Warn, decode_article, no_warning, published_iso, too_big
from newsgraph.ingest.decoding import UTF16_BOMS, UTF32_BOMS, Unreadable, nul_reason
from newsgraph.ingest.outlets import outlet_from_url
from newsgraph.ingest.sidecars import ArticleRecord, record_message
from newsgraph.model import Article, Skipped, article_problem, sha256_text


def read_jsonl(path: Path, warn: Warn = no_warning) -> Iterator[Article | Skipped]:
    """The articles of a JSON Lines file, read a line at a time (an archive of any size streams through); a line
    that is not valid UTF-8 or JSON, is too long, or is not an article that can be stored, is skipped with its line
    number."""
    try:
        with path.open("rb") as file:
            head = file.read(8192)
            if head.startswith(UTF32_BOMS + UTF16_BOMS):
                yield Skipped(str(path), "UTF-16/UTF-32 text (byte-order mark); JSON Lines are UTF-8: convert it, "
                                         "e.g. with iconv -t UTF-8")
                return
            if b"\x00" in head:
                yield Skipped(str(path), nul_reason(head, head.index(b"\x00")))
                return
            file.seek(0)
            empty = True
            for number, raw in enumerate(_lines(file), start=1):
                where = f"{path}:{number}"
                if raw is None:
                    empty = False
                    yield Skipped(where, f"line over the {article_io.MAX_ARTICLE_BYTES:,}-byte limit for one article")
                    continue
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                if not raw.strip():
                    continue
                empty = False
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Skipped(where, f"not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})")
                    continue
                yield from _jsonl_record(path, where, line, warn)
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror}")
        return
    if empty:
        yield Skipped(str(path), "empty file")


def _lines(file) -> Iterator[bytes | None]:
    """The lines of a binary file, None for a line longer than ``MAX_ARTICLE_BYTES`` (read past, never held)."""
    while True:
        raw = file.readline(article_io.MAX_ARTICLE_BYTES + 1)
        if not raw:
            return
        if len(raw) > article_io.MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = file.readline(article_io.MAX_ARTICLE_BYTES)
            yield None
            continue
        yield raw


def _jsonl_record(path: Path, where: str, line: str, warn: Warn) -> Iterator[Article | Skipped]:
    line = line.rstrip("\r\n")  # its line ending is no part of it: inside a string cut short, a "control character"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        yield Skipped(where, _jsonl_message(line, exc))
        return
    yield from _record(path, where, data, warn)


def _jsonl_message(line: str, exc: json.JSONDecodeError) -> str:
    """Why a line of JSON Lines is not JSON; a line that ends inside its object (a file cut short while it was
    written or copied) says so, rather than what the decoder expected at the end.

    >>> _jsonl_message('{"id": "t2", "text": "Lohan checked in', json.JSONDecodeError("Unterminated string", "", 21))
    'malformed JSON line: it stops after column 38, inside its JSON object (cut short when written or copied?)'
    """
    end = len(line.rstrip())
    if line.lstrip().startswith("{") and (exc.pos >= end or exc.msg.startswith("Unterminated string")):
        return (f"malformed JSON line: it stops after column {end}, inside its JSON object (cut short when written "
                f"or copied?)")
    hint = "" if line.lstrip().startswith(("{", "[")) else _NOT_JSON_LINES
    return f"malformed JSON line: {_json_message(exc)} at column {exc.colno}{hint}"


#: The hint for a line of JSON Lines that is not JSON at all (plain text piped to ``ingest -``, most often).
_NOT_JSON_LINES = ("; JSON Lines (a .jsonl file, and stdin: ingest -) hold one article object a line, "
                   '{"id": ..., "text": ...}: put plain text in a .txt file and name that file')


def read_json(path: Path, warn: Warn = no_warning) -> Iterator[Article | Skipped]:
    """The articles of a ``.json`` file: an array of article objects (each as a JSON Lines line), or one article
    object. An item that is not an article that can be stored is skipped with its index (``FILE[3]``, from 0)."""
    try:
        text = decode_article(path, whole_json=True)
    except Unreadable as exc:
        yield Skipped(str(path), str(exc))
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(str(path), f"malformed JSON: {_json_message(exc)} at line {exc.lineno} column {exc.colno}")
        return
    except RecursionError:
        yield Skipped(str(path), "malformed JSON: nested too deeply")
        return
    if isinstance(data, dict) and "text" in data:
        yield from _record(path, str(path), data, warn)
        return
    if not isinstance(data, list):
        what = "an object without a text" if isinstance(data, dict) else f"a JSON {_json_kind(data)}"
        yield Skipped(str(path), f"not an array of articles (it holds {what}); "
                                 f"write [{{\"id\": ..., \"text\": ...}}, ...]")
        return
    if not data:
        yield Skipped(str(path), "empty array: no articles")
        return
    for index, item in enumerate(data):
        yield from _record(path, f"{path}[{index}]", item, warn)


def _record(path: Path, where: str, data: object, warn: Warn) -> Iterator[Article | Skipped]:
    """The article of one decoded JSON record (a JSON Lines line, an item of a JSON array), or why not."""
    if not isinstance(data, dict):
        yield Skipped(where, f"not an article: a JSON {_json_kind(data)}, not an object with a text")
        return
    try:
        record = ArticleRecord.model_validate(data)
    except ValidationError as exc:
        yield Skipped(where, f"malformed article record: {record_message(exc)}")
        return
    if not record.text.strip():
        yield Skipped(where, "article has no text")
        return
    size = len(record.text.encode("utf-8", "surrogatepass"))
    if size > article_io.MAX_ARTICLE_BYTES:
        yield Skipped(where, too_big(size, article_io.MAX_ARTICLE_BYTES))
        return
    fields = record.fields()
    problem = article_problem(record.text, fields)
    if problem:
        yield Skipped(where, problem)
        return
    fields["id"] = record.id or f"{path.stem}-{sha256_text(record.text)[:12]}"
    fields["published"] = published_iso(record.published, record.published_number, where, fields["id"], warn)
    fields["outlet"] = fields["outlet"] or outlet_from_url(fields["url"])
    yield Article(text=record.text, path=where, published_raw=record.published, **fields)


def _json_kind(value: object) -> str:
    """The JSON name of a decoded value's kind.

    >>> _json_kind(5), _json_kind("x"), _json_kind(None), _json_kind([])
    ('number', 'string', 'null', 'array')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    kinds = {int: "number", float: "number", str: "string", list: "array", dict: "object"}
    return kinds.get(type(value), type(value).__name__)


def _json_message(exc: json.JSONDecodeError) -> str:
    """The decoder's message without the "at" some end with ("Invalid control character at"), which the caller's
    own "at column N" follows."""
    return exc.msg.removesuffix(" at")
