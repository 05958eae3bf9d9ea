"""Bytes of an article file to text, or the one-line reason why not: UTF-8, or UTF-16/UTF-32 with a byte-order mark,
or for a web page the charset it declares; binary data, UTF-16 without a byte-order mark, a file too big or not
regular are refused."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

#: What to do with a text file in another encoding than UTF-8 (most often Windows-1252 or Latin-1, which Windows
#: editors and older systems write).
CONVERT_HINT = "convert it, e.g. iconv -f windows-1252 -t utf-8 FILE"


class Unreadable(Exception):
    """A file that cannot be read as text; the message is the one-line reason."""


def decode_file(path: Path, limit: int, too_big: Callable[[int | None], str], *, html: bool = False) -> str:
    """The text of a file: UTF-8 (a leading byte-order mark dropped), or UTF-32/UTF-16 when the file opens with
    that byte-order mark; with ``html``, a page that is not UTF-8 in the charset its ``<meta>`` declares.

    Args:
        path: A regular file (a FIFO or a device is refused, never waited on).
        limit: The most bytes read; a larger file is refused.
        too_big: Why a file of N bytes (None: it grew while being read) over ``limit`` is refused.
        html: the file is a web page, which may declare another charset than UTF-8.

    Raises:
        Unreadable: the file cannot be read, is empty, too big, binary or not validly encoded; the message says
            which in one line.
    """
    data = _read_regular(path, limit, too_big)
    if not data.strip():
        raise Unreadable("empty file")
    for boms, encoding in ((UTF32_BOMS, "utf-32"), (UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(encoding)  # the codec drops the byte-order mark
            except UnicodeDecodeError as exc:
                raise Unreadable(f"not valid {encoding.upper()} (byte {exc.start}) although it opens with a "
                                  f"{encoding.upper()} byte-order mark") from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise Unreadable(nul_reason(data, nul))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = declared_charset(data) if html else None
        if declared is not None:
            try:
                return data.decode(declared)
            except UnicodeDecodeError as second:
                raise Unreadable(f"not valid {declared} (byte {second.start}), the charset the page declares, nor "
                                 f"UTF-8") from second
        raise Unreadable(f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); {CONVERT_HINT}") \
            from exc


_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(page: bytes) -> str | None:
    """The charset a web page declares in its first 4 KB (``<meta charset>`` or an ``http-equiv`` Content-Type),
    as Python names it, or None. ISO-8859-1 and ASCII are read as windows-1252, as browsers read them.

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1">'), declared_charset(b"<p>no meta</p>")
    ('cp1252', None)
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
    'koi8-r'
    """
    found = _META_CHARSET.search(page[:4096])
    if found is None:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def _read_regular(path: Path, limit: int, too_big: Callable[[int | None], str]) -> bytes:
    """The bytes of regular file ``path``, opened without blocking (a FIFO swapped in is refused, not waited on),
    if it holds at most ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from exc
    with open(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file; refused")
        if info.st_size > limit:
            raise Unreadable(too_big(info.st_size))
        try:
            data = file.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"cannot read: {exc.strerror}") from exc
    if len(data) > limit:
        raise Unreadable(too_big(None))
    return data


def nul_reason(data: bytes, nul: int) -> str:
    """Why a file with a NUL byte at ``nul`` is refused: UTF-16 without a byte-order mark (every other byte of its
    start NUL), or binary data."""
    head = data[:4096]
    if len(head) >= 4 and min(head[0::2].count(0), head[1::2].count(0)) == 0 \
            and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        return "looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with a byte-order mark)"
    return f"binary file, not text (a NUL byte at byte {nul}; remove it if the file is meant to be text)"
