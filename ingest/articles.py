"""Read articles from plain-text, HTML, JSON and JSON Lines files and directories of them.

A ``.txt`` (``.text``, ``.md``) file is one article whose id is the file stem; a ``.md`` file's text is its
Markdown as plain text (``newsgraph.ingest.markdown``). A directory may hold a
``metadata.json`` sidecar that maps article ids to ``title``, ``outlet``, ``url``, ``published`` and ``author``.
A ``.jsonl`` (``.ndjson``) file holds one article per line with ``id, title, outlet, url, published, author,
text``; a ``.json`` file holds an array of such articles, or one (both read by ``newsgraph.ingest.json_articles``).
An ``.html``/``.htm`` file is one article: its main text and metadata as trafilatura extracts them
(``newsgraph.ingest.html``); the sidecar's values win over the page's. Any other file is skipped with a reason,
not guessed at.

``published`` is read in any common format and kept twice: ISO 8601 in ``Article.published``
(``newsgraph.ingest.dates.parse_published``, ``""`` when unreadable) and as written in ``Article.published_raw``.

Text is kept exactly as decoded (line endings included), so offsets point into the text the Source stands for:
the file's UTF-8, or its UTF-16/UTF-32 when it opens with a byte-order mark, without a leading byte-order mark;
for HTML, the text extracted from the page.

Every input is checked before anything of it is used, and one that cannot be used becomes a ``Skipped`` record with
a one-line reason naming the file (and the line of a JSON Lines file, the index of a JSON array's item): a path that
is not a regular file (a FIFO, a device), a directory that cannot be listed, a file of an unknown kind, a file over
``MAX_ARTICLE_BYTES`` (a JSON array file over ``MAX_JSON_BYTES``; both in ``newsgraph.ingest.article_io``), binary
data, text that is not valid UTF-8, and an article whose text or metadata cannot be stored
(``newsgraph.model.article_problem``: a NUL character, a lone surrogate, a control character in a one-line field).
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import BadArticle
from newsgraph.ingest.article_io import Warn, decode_article, no_warning, published_iso
from newsgraph.ingest.decoding import Unreadable
from newsgraph.ingest.html import html_article
from newsgraph.ingest.json_articles import read_json, read_jsonl
from newsgraph.ingest.markdown import markdown_text
from newsgraph.ingest.outlets import outlet_from_url
from newsgraph.ingest.sidecars import SIDECAR, ArticleRecord, metadata_for, unused_entries
from newsgraph.model import Article, Skipped, article_problem

log = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = {".md"}
TEXT_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES


def check_paths(paths: Iterable[str | Path]) -> None:
    """Fail for the first path that leads to nothing (so that a command can check before it opens a store).

    Raises:
        BadArticle: a path does not exist, is a symbolic link to nothing or a loop of links, or is a directory
            that holds no articles.
    """
    for raw in paths:
        path = Path(raw)
        _check_exists(path)
        if path.is_dir():
            _files_in(path)  # a directory without one article file fails here, as a missing path does


def _check_exists(path: Path) -> None:
    if not path.exists():
        if path.is_symlink():  # a link to nothing, or a loop of links
            raise BadArticle(f"{path}: a symbolic link that leads to no file ({_stat_error(path)})")
        raise BadArticle(f"{path}: no such file or directory")


def read_articles(paths: Iterable[str | Path], warn: Warn | None = None) -> Iterator[Article | Skipped]:
    """Yield every article found under ``paths``, or a ``Skipped`` record for each input that cannot be used;
    problems that do not stop an article go to ``warn``.

    Raises:
        BadArticle: a path does not exist, a directory holds no articles, or a sidecar is malformed.
    """
    warn = warn or no_warning
    seen_ids: dict[str, tuple[str, str]] = {}  # id → (sha256, where it came from)
    for raw in paths:
        path = Path(raw)
        _check_exists(path)
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


def _read_file(path: Path, metadata: dict[str, ArticleRecord], warn: Warn = no_warning
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
        yield from read_jsonl(path, warn)
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json(path, warn)
        return
    try:
        text = decode_article(path, html=suffix in HTML_SUFFIXES)
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
    fields["published"] = published_iso(raw, number, str(path), fields["id"], warn)
    fields["outlet"] = fields["outlet"] or outlet_from_url(fields["url"])
    yield Article(text=text, path=str(path), published_raw=raw, **fields)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
