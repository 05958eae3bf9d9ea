"""Read articles from plain-text files, HTML files, JSON Lines files and directories of them.

A ``.txt`` file is one article whose id is the file stem. A directory may hold a ``metadata.json`` sidecar that
maps article ids to ``title``, ``outlet``, ``url`` and ``published``. A ``.jsonl`` file holds one article per line
with ``id, title, outlet, url, published, text``. An ``.html``/``.htm`` file is one article: its ``<title>`` and the
text of its paragraphs.

Text is kept exactly as decoded (line endings included), so offsets point into the text the Source stands for:
the file's UTF-8, or its UTF-16/UTF-32 when it opens with a byte-order mark, without a leading byte-order mark.

Every input is checked before anything of it is used, and one that cannot be used becomes a ``Skipped`` record with
a one-line reason naming the file (and the line of a JSON Lines file): a path that is not a regular file (a FIFO, a
device), a directory that cannot be listed, a file over ``MAX_ARTICLE_BYTES``, binary data, text that is not valid
UTF-8, and an article whose text or metadata cannot be stored (``newsgraph.model.article_problem``: a NUL
character, a lone surrogate, a control character in a one-line field).
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from newsgraph.errors import BadArticle
from newsgraph.model import Article, Skipped, article_problem, sha256_text

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SIDECAR = "metadata.json"
#: The largest article file (or JSON Lines line) read, in bytes; a larger one is skipped with its size. An article
#: of 10 MB peaks at about 860 MB RSS (``python -m benchmarks.long_article``), so this bounds what one takes.
MAX_ARTICLE_BYTES = 10 * 2**20
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


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
        if path.is_dir():
            files, problems = _files_in(path)
            yield from problems
        else:
            files = [path]
        metadata = _sidecar(path if path.is_dir() else path.parent)
        for file in files:
            for item in _read_file(file, metadata):
                if isinstance(item, Article):
                    other = seen_ids.get(item.id)
                    if other is not None and other != item.sha256:
                        yield Skipped(item.path,
                                      f"article id {item.id!r} is used by another article with a different text")
                        continue
                    seen_ids[item.id] = item.sha256
                yield item


def _files_in(directory: Path) -> tuple[list[Path], list[Skipped]]:
    """The article files under ``directory`` (sorted), and a ``Skipped`` record for each subdirectory that cannot
    be listed and each article-named entry that is not a regular file."""
    suffixes = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
    files: list[Path] = []
    problems: list[Skipped] = []

    def unlistable(exc: OSError) -> None:
        problems.append(Skipped(str(exc.filename or directory), f"cannot list this directory: {exc.strerror}"))

    for folder, _, names in os.walk(directory, onerror=unlistable):
        for name in names:
            file = Path(folder, name)
            if file.suffix.lower() not in suffixes or name.startswith(".") or name == "README.md":
                continue
            kind = _not_regular(file)
            if kind:
                problems.append(Skipped(str(file), f"not a regular file ({kind}); refused"))
            else:
                files.append(file)
    if not files and not problems:
        raise BadArticle(f"{directory}: no articles here (looked for .txt, .html, .jsonl files)")
    return sorted(files), sorted(problems, key=lambda p: p.path)


def _not_regular(path: Path) -> str:
    """What ``path`` is if it is not a regular file (following symlinks): "a FIFO", "a device", ...; else ""."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return ""  # reading it reports why
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a directory" if stat.S_ISDIR(mode) else "not a file"


def _sidecar(directory: Path) -> dict[str, _ArticleRecord]:
    path = directory / SIDECAR
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("expected an object mapping article ids to metadata")
        return {str(key): _ArticleRecord.model_validate(value) for key, value in data.items()}
    except (ValueError, ValidationError, UnicodeDecodeError) as exc:
        raise BadArticle(f"{path}: malformed metadata sidecar: {_one_line(exc)}") from exc


def _read_file(path: Path, metadata: dict[str, _ArticleRecord]) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    kind = _not_regular(path)
    if kind:
        yield Skipped(str(path), f"not a regular file ({kind}); refused: name an article file or a directory")
        return
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
    fields = {"id": path.stem, "title": meta.title or title, "outlet": meta.outlet, "url": meta.url,
              "published": meta.published}
    problem = article_problem(text, fields)
    if problem:
        yield Skipped(str(path), problem)
        return
    yield Article(text=text, path=str(path), **fields)


class _Unreadable(Exception):
    pass


def _read_regular(path: Path) -> bytes:
    """The bytes of regular file ``path``, opened without blocking (a FIFO swapped in is refused, not waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror}") from exc
    with open(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file; refused")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise _Unreadable(f"{info.st_size:,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit for one article; "
                              f"split it into several files")
        try:
            data = file.read(MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise _Unreadable(f"cannot read: {exc.strerror}") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        raise _Unreadable(f"over the {MAX_ARTICLE_BYTES:,}-byte limit for one article; split it into several files")
    return data


def _decode(path: Path) -> str:
    """The text of an article file: UTF-8 (a leading byte-order mark dropped), or UTF-32/UTF-16 when the file
    opens with that byte-order mark."""
    data = _read_regular(path)
    if not data.strip():
        raise _Unreadable("empty file")
    for boms, encoding in ((_UTF32_BOMS, "utf-32"), (_UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(encoding)  # the codec drops the byte-order mark
            except UnicodeDecodeError as exc:
                raise _Unreadable(f"not valid {encoding.upper()} (byte {exc.start}) although it opens with a "
                                  f"{encoding.upper()} byte-order mark") from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _Unreadable(_nul_reason(data, nul))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from exc


def _nul_reason(data: bytes, nul: int) -> str:
    """Why a file with a NUL byte at ``nul`` is refused: UTF-16 without a byte-order mark (every other byte of its
    start NUL), or binary data."""
    head = data[:4096]
    if len(head) >= 4 and min(head[0::2].count(0), head[1::2].count(0)) == 0 \
            and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        return "looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with a byte-order mark)"
    return f"binary file, not text (a NUL byte at byte {nul}; remove it if the file is meant to be text)"


def _read_jsonl(path: Path) -> Iterator[Article | Skipped]:
    """The articles of a JSON Lines file, read a line at a time (an archive of any size streams through); a line
    that is not valid UTF-8 or JSON, is too long, or is not an article that can be stored, is skipped with its line
    number."""
    try:
        with path.open("rb") as file:
            head = file.read(8192)
            if head.startswith(_UTF32_BOMS + _UTF16_BOMS):
                yield Skipped(str(path), "UTF-16/UTF-32 text (byte-order mark); JSON Lines are UTF-8: convert it, "
                                         "e.g. with iconv -t UTF-8")
                return
            if b"\x00" in head:
                yield Skipped(str(path), _nul_reason(head, head.index(b"\x00")))
                return
            file.seek(0)
            empty = True
            for number, raw in enumerate(_lines(file), start=1):
                where = f"{path}:{number}"
                if raw is None:
                    empty = False
                    yield Skipped(where, f"line over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
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
                yield from _jsonl_record(path, where, line)
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror}")
        return
    if empty:
        yield Skipped(str(path), "empty file")


def _lines(file) -> Iterator[bytes | None]:
    """The lines of a binary file, None for a line longer than ``MAX_ARTICLE_BYTES`` (read past, never held)."""
    while True:
        raw = file.readline(MAX_ARTICLE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = file.readline(MAX_ARTICLE_BYTES)
            yield None
            continue
        yield raw


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
    fields = {"id": record.id, "title": record.title, "outlet": record.outlet, "url": record.url,
              "published": record.published}
    problem = article_problem(record.text, fields)
    if problem:
        yield Skipped(where, problem)
        return
    fields["id"] = record.id or f"{path.stem}-{sha256_text(record.text)[:12]}"
    yield Article(text=record.text, path=where, **fields)


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
