"""Read articles from plain-text, HTML, JSON and JSON Lines files and directories of them.

A ``.txt`` (``.text``, ``.md``) file is one article whose id is the file stem; a ``.md`` file's text is its
Markdown as plain text (``newsgraph.ingest.markdown``). A directory may hold a
``metadata.json`` sidecar that maps article ids to ``title``, ``outlet``, ``url``, ``published`` and ``author``.
A ``.jsonl`` (``.ndjson``) file holds one article per line with ``id, title, outlet, url, published, author,
text``; a ``.json`` file holds an array of such articles (or one). An ``.html``/``.htm`` file is one article: its
main text and metadata as trafilatura extracts them (``newsgraph.ingest.html``); the sidecar's values win over the
page's. Any other file is skipped with a reason, not guessed at.

``published`` is read in any common format and kept twice: ISO 8601 in ``Article.published``
(``newsgraph.ingest.dates.parse_published``, ``""`` when unreadable) and as written in ``Article.published_raw``.

Text is kept exactly as decoded (line endings included), so offsets point into the text the Source stands for:
the file's UTF-8, or its UTF-16/UTF-32 when it opens with a byte-order mark, without a leading byte-order mark;
for HTML, the text extracted from the page.

Every input is checked before anything of it is used, and one that cannot be used becomes a ``Skipped`` record with
a one-line reason naming the file (and the line of a JSON Lines file, the index of a JSON array's item): a path that
is not a regular file (a FIFO, a device), a directory that cannot be listed, a file of an unknown kind, a file over
``MAX_ARTICLE_BYTES`` (a JSON array file over ``MAX_JSON_BYTES``), binary data, text that is not valid UTF-8, and an
article whose text or metadata cannot be stored (``newsgraph.model.article_problem``: a NUL character, a lone
surrogate, a control character in a one-line field).
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from newsgraph.errors import BadArticle
from newsgraph.ingest.dates import parse_published
from newsgraph.ingest.decoding import UTF16_BOMS, UTF32_BOMS, Unreadable, decode_file, nul_reason
from newsgraph.ingest.html import html_article
from newsgraph.ingest.markdown import markdown_text
from newsgraph.ingest.outlets import outlet_from_url
from newsgraph.ingest.sidecars import SIDECAR, ArticleRecord, metadata_for, record_message, unused_entries
from newsgraph.model import Article, Skipped, article_problem, sha256_text

log = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = {".md"}
TEXT_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
#: The largest article file (or JSON Lines line) read, in bytes; a larger one is skipped with its size. An article
#: of 10 MB peaks at about 860 MB RSS (``python -m benchmarks.long_article``), so this bounds what one takes.
MAX_ARTICLE_BYTES = 10 * 2**20
#: The largest ``.json`` file read: it is parsed whole (JSON Lines stream a line at a time and have no such limit).
MAX_JSON_BYTES = 100 * 2**20
#: A JSON number as ``published`` is Unix time in seconds from here (1973-03-03) up to ``UNIX_TIME_UNTIL`` (the
#: year 5138: a larger number is most likely milliseconds); below, it is read as its digits (``2025``, ``20250318``).
UNIX_TIME_FROM = 10**8
UNIX_TIME_UNTIL = 10**11


def check_paths(paths: Iterable[str | Path]) -> None:
    """Fail for the first path that leads to nothing (so that a command can check before it opens a store).

    Raises:
        BadArticle: a path does not exist, or is a symbolic link to nothing or a loop of links.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            if path.is_symlink():  # a link to nothing, or a loop of links
                raise BadArticle(f"{path}: a symbolic link that leads to no file ({_stat_error(path)})")
            raise BadArticle(f"{path}: no such file or directory")


#: ``warn(where, message)``: told of a problem that does not stop an article (a date that cannot be read, a sidecar
#: entry that describes no article): ``where`` names the file (and line), ``message`` the problem and the fix.
Warn = Callable[[str, str], None]


def _no_warning(where: str, message: str) -> None:
    pass


def read_articles(paths: Iterable[str | Path], warn: Warn | None = None) -> Iterator[Article | Skipped]:
    """Yield every article found under ``paths``, or a ``Skipped`` record for each input that cannot be used;
    problems that do not stop an article go to ``warn``.

    Raises:
        BadArticle: a path does not exist, a directory holds no articles, or a sidecar is malformed.
    """
    warn = warn or _no_warning
    seen_ids: dict[str, tuple[str, str]] = {}  # id → (sha256, where it came from)
    for raw in paths:
        path = Path(raw)
        check_paths([path])
        if path.is_dir():
            files, problems = _files_in(path)
            yield from problems
        else:
            files = [path]
        top = path if path.is_dir() else path.parent
        sidecars: dict[Path, dict[str, ArticleRecord]] = {}
        for file in files:
            for item in _read_file(file, metadata_for(file, top, sidecars), warn):
                if isinstance(item, Article):
                    other = seen_ids.get(item.id)
                    if other is not None and other[0] != item.sha256:
                        yield Skipped(item.path, _id_used(item.id, item.path or item.id, other[1]))
                        continue
                    seen_ids[item.id] = (item.sha256, item.path or item.id)
                yield item
        for where, why in unused_entries(sorted(sidecars), files, whole=path.is_dir()):
            warn(where, why)


def _id_used(article_id: str, where: str, other: str) -> str:
    """Why the article at ``where`` is skipped: an earlier article of the input (at ``other``) has its id with another
    text. A file's id is its stem, so two folders with the same file names clash: the fix names a new file name.

    >>> print(_id_used("001", "cnn/001.txt", "bbc/001.txt").replace("; ", ";\\n"))
    article id '001' is also the id of bbc/001.txt, with a different text;
    a file's id is its name without the extension: rename one of them (e.g. cnn/cnn-001.txt) to keep both
    >>> _id_used("a1", "feed.jsonl:3", "feed.jsonl:1").split("; ")[1]
    'give one of them another "id" to keep both'
    """
    clash = f"article id {article_id!r} is also the id of {other}, with a different text"
    path = Path(where)
    if path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
        name = f"{path.parent.name}-{path.name}" if path.parent.name else f"{path.stem}-2{path.suffix}"
        return (f"{clash}; a file's id is its name without the extension: rename one of them "
                f"(e.g. {path.with_name(name)}) to keep both")
    return f'{clash}; give one of them another "id" to keep both'


def _stat_error(path: Path) -> str:
    """Why ``path`` cannot be followed, as the system says it ("too many levels of symbolic links")."""
    try:
        path.stat()
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()
    return "it leads nowhere"


def _files_in(directory: Path) -> tuple[list[Path], list[Skipped]]:
    """The article files under ``directory`` (sorted), and a ``Skipped`` record for each subdirectory that cannot
    be listed, each article-named entry that is not a regular file and each file of an unknown kind. Hidden files,
    ``README.md`` and the metadata sidecar are passed over in silence."""
    files: list[Path] = []
    problems: list[Skipped] = []
    others: list[Skipped] = []

    def unlistable(exc: OSError) -> None:
        problems.append(Skipped(str(exc.filename or directory), f"cannot list this directory: {exc.strerror}"))

    for folder, _, names in os.walk(directory, onerror=unlistable):
        for name in names:
            file = Path(folder, name)
            if name.startswith(".") or name in ("README.md", SIDECAR):
                continue
            if file.suffix.lower() not in SUFFIXES:
                others.append(Skipped(str(file), _unknown_kind(file)))
                continue
            kind = _not_regular(file)
            if kind:
                problems.append(Skipped(str(file), f"not a regular file ({kind}); refused"))
            else:
                files.append(file)
    if not files and not problems:
        found = f"; found only other files, e.g. {min(o.path for o in others)}" if others else ""
        raise BadArticle(f"{directory}: no articles here (looked for {_KINDS} files{found})")
    return sorted(files), sorted(problems + others, key=lambda p: p.path)


_KINDS = ", ".join(sorted(SUFFIXES))


def _unknown_kind(path: Path) -> str:
    """Why a file of no known kind is skipped.

    >>> reason = _unknown_kind(Path("scan.pdf"))
    >>> reason.split("; ")[0], ".html" in reason, reason.endswith(": convert or rename it")
    ("unknown kind of file '.pdf'", True, True)
    """
    what = f"unknown kind of file {path.suffix!r}" if path.suffix else "no file extension"
    return f"{what}; newsgraph reads {_KINDS}: convert or rename it"


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


def _read_file(path: Path, metadata: dict[str, ArticleRecord], warn: Warn = _no_warning
               ) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    kind = _not_regular(path)
    if kind:
        yield Skipped(str(path), f"not a regular file ({kind}); refused: name an article file or a directory")
        return
    if suffix not in SUFFIXES:
        yield Skipped(str(path), _unknown_kind(path))
        return
    if path.name == SIDECAR:
        yield Skipped(str(path), "a metadata sidecar, not articles: name the directory it describes")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, warn)
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json(path, warn)
        return
    try:
        text = _decode(path)
    except Unreadable as exc:
        yield Skipped(str(path), str(exc))
        return
    meta = metadata.get(path.stem, ArticleRecord())
    fields = {**meta.fields(), "id": path.stem}
    if suffix in HTML_SUFFIXES:
        try:
            page = html_article(text, url=meta.url)
        except Exception as exc:  # noqa: BLE001 - one page the extractor cannot handle must not stop the run
            yield Skipped(str(path), f"cannot extract the article from this page: {type(exc).__name__}: "
                                     f"{_one_line(exc)}")
            return
        if not page.text.strip():
            yield Skipped(str(path), "no article text found in this page")
            return
        text = page.text
        fields.update({name: fields[name] or getattr(page, name)
                       for name in ("title", "outlet", "url", "published", "author")})
    elif suffix in MARKDOWN_SUFFIXES:
        text = markdown_text(text)
    if not text.strip():
        yield Skipped(str(path), "empty article: no text")
        return
    problem = article_problem(text, fields)
    if problem:
        yield Skipped(str(path), problem)
        return
    raw = fields["published"]  # the sidecar's date, else the page's
    number = meta.published_number if raw == meta.published else None
    fields["published"] = _published(raw, number, str(path), fields["id"], warn)
    fields["outlet"] = fields["outlet"] or outlet_from_url(fields["url"])
    yield Article(text=text, path=str(path), published_raw=raw, **fields)


def _published(raw: str, number: float | None, where: str, article_id: str, warn: Warn) -> str:
    """The publication date ``raw`` in ISO 8601 (``parse_published``), or ``""`` with a warning naming the value
    when it cannot be read. A JSON number (``number``) from ``UNIX_TIME_FROM`` up is Unix time in seconds, UTC; one
    of ``UNIX_TIME_UNTIL`` or more (milliseconds, most likely) is not read; a smaller one is read as its digits
    (``2025``, ``20250318``).

    >>> _published("1742256000", 1742256000, "f", "a", _no_warning), _published("2025", 2025, "f", "a", _no_warning)
    ('2025-03-18T00:00:00+00:00', '2025')
    >>> _published("2025-02-30", None, "f.jsonl:2", "e2", lambda where, why: print(why.split(";")[0]))
    article 'e2': published '2025-02-30' is not a date newsgraph can read
    ''
    """
    if number is not None and number >= UNIX_TIME_UNTIL:
        warn(where, f"article {article_id!r}: published {raw} is a number too large for Unix time in seconds "
                    f"(milliseconds?); stored undated: write it in seconds or as YYYY-MM-DD")
        return ""
    if number is not None and number >= UNIX_TIME_FROM:
        return datetime.fromtimestamp(number, timezone.utc).isoformat(timespec="seconds")
    iso = parse_published(raw)
    if raw.strip() and not iso:
        warn(where, f"article {article_id!r}: published {raw!r} is not a date newsgraph can read; stored undated: "
                    f"write it as YYYY-MM-DD")
    return iso


def _too_big(size: int | None, limit: int, whole_json: bool = False) -> str:
    """Why a file of ``size`` bytes (None: unknown, it grew while read) over ``limit`` is skipped."""
    what = f"{size:,} bytes, over" if size is not None else "over"
    if whole_json:
        return (f"{what} the {limit:,}-byte limit for a JSON file (read whole); write it as JSON Lines, which stream: "
                f"jq -c '.[]' FILE > FILE.jsonl")
    return f"{what} the {limit:,}-byte limit for one article; split it into several files"


def _decode(path: Path, whole_json: bool = False) -> str:
    """The text of an article file (of a JSON file read whole), within its size limit (see ``decode_file``); a web
    page may be in the charset it declares."""
    limit = MAX_JSON_BYTES if whole_json else MAX_ARTICLE_BYTES
    return decode_file(path, limit, lambda size: _too_big(size, limit, whole_json),
                       html=path.suffix.lower() in HTML_SUFFIXES)


def _read_jsonl(path: Path, warn: Warn = _no_warning) -> Iterator[Article | Skipped]:
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
                yield from _jsonl_record(path, where, line, warn)
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


def _jsonl_record(path: Path, where: str, line: str, warn: Warn) -> Iterator[Article | Skipped]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        hint = "" if line.lstrip().startswith(("{", "[")) else _NOT_JSON_LINES
        yield Skipped(where, f"malformed JSON line: {_json_message(exc)} at column {exc.colno}{hint}")
        return
    yield from _record(path, where, data, warn)


#: The hint for a line of JSON Lines that is not JSON at all (plain text piped to ``ingest -``, most often).
_NOT_JSON_LINES = ("; JSON Lines (a .jsonl file, and stdin: ingest -) hold one article object a line, "
                   '{"id": ..., "text": ...}: put plain text in a .txt file and name that file')


def _read_json(path: Path, warn: Warn = _no_warning) -> Iterator[Article | Skipped]:
    """The articles of a ``.json`` file: an array of article objects (each as a JSON Lines line), or one article
    object. An item that is not an article that can be stored is skipped with its index (``FILE[3]``, from 0)."""
    try:
        text = _decode(path, whole_json=True)
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
    if size > MAX_ARTICLE_BYTES:
        yield Skipped(where, _too_big(size, MAX_ARTICLE_BYTES))
        return
    fields = record.fields()
    problem = article_problem(record.text, fields)
    if problem:
        yield Skipped(where, problem)
        return
    fields["id"] = record.id or f"{path.stem}-{sha256_text(record.text)[:12]}"
    fields["published"] = _published(record.published, record.published_number, where, fields["id"], warn)
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


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _json_message(exc: json.JSONDecodeError) -> str:
    """The decoder's message without the "at" some end with ("Invalid control character at"), which the caller's
    own "at column N" follows."""
    return exc.msg.removesuffix(" at")
