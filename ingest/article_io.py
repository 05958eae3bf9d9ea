"""What reading every kind of article file shares: the size limits, decoding a file within them, and the
``published`` field as ISO 8601 (with a warning when it cannot be read)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from newsgraph.ingest.dates import parse_published
from newsgraph.ingest.decoding import decode_file

#: The largest article file (or JSON Lines line) read, in bytes; a larger one is skipped with its size. An article
#: of 10 MB peaks at about 860 MB RSS (``python -m benchmarks.long_article``), so this bounds what one takes.
MAX_ARTICLE_BYTES = 10 * 2**20
#: The largest ``.json`` file read: it is parsed whole (JSON Lines stream a line at a time and have no such limit).
MAX_JSON_BYTES = 100 * 2**20
#: A JSON number as ``published`` is Unix time in seconds from here (1973-03-03) up to ``UNIX_TIME_UNTIL`` (the
#: year 5138: a larger number is most likely milliseconds); below, it is read as its digits (``2025``, ``20250318``).
UNIX_TIME_FROM = 10**8
UNIX_TIME_UNTIL = 10**11

#: ``warn(where, message)``: told of a problem that does not stop an article (a date that cannot be read, a sidecar
#: entry that describes no article): ``where`` names the file (and line), ``message`` the problem and the fix.
Warn = Callable[[str, str], None]


def no_warning(where: str, message: str) -> None:
    pass


def published_iso(raw: str, number: float | None, where: str, article_id: str, warn: Warn) -> str:
    """The publication date ``raw`` in ISO 8601 (``parse_published``), or ``""`` with a warning naming the value
    when it cannot be read. A JSON number (``number``) from ``UNIX_TIME_FROM`` up is Unix time in seconds, UTC; one
    of ``UNIX_TIME_UNTIL`` or more (milliseconds, most likely) is not read; a smaller one is read as its digits
    (``2025``, ``20250318``).

    >>> published_iso("1742256000", 1742256000, "f", "a", no_warning), published_iso("2025", 2025, "f", "a", no_warning)
    ('2025-03-18T00:00:00+00:00', '2025')
    >>> published_iso("2025-02-30", None, "f.jsonl:2", "e2", lambda where, why: print(why.split(";")[0]))
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


def too_big(size: int | None, limit: int, whole_json: bool = False) -> str:
    """Why a file of ``size`` bytes (None: unknown, it grew while read) over ``limit`` is skipped."""
    what = f"{size:,} bytes, over" if size is not None else "over"
    if whole_json:
        return (f"{what} the {limit:,}-byte limit for a JSON file (read whole); write it as JSON Lines, which stream: "
                f"jq -c '.[]' FILE > FILE.jsonl")
    return f"{what} the {limit:,}-byte limit for one article; split it into several files"


def decode_article(path: Path, *, whole_json: bool = False, html: bool = False) -> str:
    """The text of an article file (of a JSON file read whole), within its size limit (see ``decode_file``); a web
    page (``html``) may be in the charset it declares."""
    limit = MAX_JSON_BYTES if whole_json else MAX_ARTICLE_BYTES
    return decode_file(path, limit, lambda size: too_big(size, limit, whole_json), html=html)
