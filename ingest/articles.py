"""Read articles from plain-text files, HTML files, JSON Lines files and directories of them.

A ``.txt`` file is one article whose id is the file stem. A directory may hold a ``metadata.json`` sidecar that
maps article ids to ``title``, ``outlet``, ``url`` and ``published``. A ``.jsonl`` file holds one article per line
with ``id, title, outlet, url, published, text``. An ``.html``/``.htm`` file is one article: its ``<title>`` and the
text of its paragraphs.

``published`` is read in any common format and kept twice: ISO 8601 in ``Article.published``
(``newsgraph.ingest.dates.parse_published``, ``""`` when unreadable) and as written in ``Article.published_raw``.

Text is kept exactly as decoded from UTF-8 (line endings included), so offsets point into the file's text.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from newsgraph.errors import BadArticle
from newsgraph.ingest.dates import parse_published
from newsgraph.model import Article, Skipped, sha256_text

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SIDECAR = "metadata.json"


class _ArticleRecord(BaseModel):
    """An article as it arrives from outside (a JSONL line or a sidecar entry)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    id: str = ""
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    text: str = ""

    @field_validator("id", "title", "outlet", "url", "published", mode="before")
    @classmethod
    def _stringify(cls, value: object) -> str:
        return "" if value is None else str(value)


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Yield every article found under ``paths``, or a ``Skipped`` record for each input that cannot be used.

    Raises:
        BadArticle: a path does not exist, a directory holds no articles, or a sidecar is malformed.
    """
    seen_ids: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise BadArticle(f"{path}: no such file or directory")
        files = _files_in(path) if path.is_dir() else [path]
        metadata = _sidecar(path if path.is_dir() else path.parent)
        for file in files:
            for item in _read_file(file, metadata):
                if isinstance(item, Article):
                    other = seen_ids.get(item.id)
                    if other is not None and other != item.sha256:
                        yield Skipped(item.path, f"article id {item.id!r} is used by another article with a different text")
                        continue
                    seen_ids[item.id] = item.sha256
                yield item


def _files_in(directory: Path) -> list[Path]:
    suffixes = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
    files = sorted(
        p for p in directory.rglob("*")
        if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".") and p.name != "README.md"
    )
    if not files:
        raise BadArticle(f"{directory}: no articles here (looked for .txt, .html, .jsonl files)")
    return files


def _sidecar(directory: Path) -> dict[str, _ArticleRecord]:
    path = directory / SIDECAR
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("expected an object mapping article ids to metadata")
        return {str(key): _ArticleRecord.model_validate(value) for key, value in data.items()}
    except (ValueError, ValidationError, UnicodeDecodeError) as exc:
        raise BadArticle(f"{path}: malformed metadata sidecar: {_one_line(exc)}") from exc


def _read_file(path: Path, metadata: dict[str, _ArticleRecord]) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    try:
        text = _decode(path)
    except _Unreadable as exc:
        yield Skipped(str(path), str(exc))
        return
    title = ""
    if suffix in HTML_SUFFIXES:
        title, text = _html_text(text)
    if not text.strip():
        yield Skipped(str(path), "empty article: no text")
        return
    meta = metadata.get(path.stem, _ArticleRecord())
    yield Article(
        id=path.stem, text=text, title=meta.title or title, outlet=meta.outlet, url=meta.url,
        published=parse_published(meta.published), published_raw=meta.published, path=str(path),
    )


class _Unreadable(Exception):
    pass


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror}") from exc
    if not data.strip():
        raise _Unreadable("empty file")
    if b"\x00" in data[:8192]:
        raise _Unreadable("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from exc


def _read_jsonl(path: Path) -> Iterator[Article | Skipped]:
    """The articles of a JSON Lines file, read a line at a time (an archive of any size streams through); a line
    that is not valid UTF-8 or JSON, or not an article, is skipped with its line number."""
    try:
        with path.open("rb") as file:
            if b"\x00" in file.read(8192):
                yield Skipped(str(path), "binary file (contains NUL bytes), not text")
                return
            file.seek(0)
            empty = True
            for number, raw in enumerate(file, start=1):
                if not raw.strip():
                    continue
                empty = False
                where = f"{path}:{number}"
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Skipped(where, f"not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})")
                    continue
                yield from _jsonl_record(path, where, line)
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror}")
        return
    if empty:
        yield Skipped(str(path), "empty file")


def _jsonl_record(path: Path, where: str, line: str) -> Iterator[Article | Skipped]:
    try:
        record = _ArticleRecord.model_validate(json.loads(line))
    except json.JSONDecodeError as exc:
        yield Skipped(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
        return
    except ValidationError as exc:
        yield Skipped(where, f"malformed article record: {_one_line(exc)}")
        return
    if not record.text.strip():
        yield Skipped(where, "article has no text")
        return
    article_id = record.id or f"{path.stem}-{sha256_text(record.text)[:12]}"
    yield Article(
        id=article_id, text=record.text, title=record.title, outlet=record.outlet, url=record.url,
        published=parse_published(record.published), published_raw=record.published, path=where,
    )


class _TextOfHtml(HTMLParser):
    _BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "br", "tr"}
    _SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _html_text(html: str) -> tuple[str, str]:
    parser = _TextOfHtml()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return " ".join("".join(parser.title).split()), "\n".join(line for line in lines if line)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
