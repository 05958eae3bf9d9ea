"""Statement parameters as the ``CYPHER`` header FalkorDB reads them from: ``CYPHER `rows`=[{`id`:"a"}] MATCH …``.

FalkorDB takes parameters only as Cypher literals in front of the statement. The client library's
``falkordb.helpers.stringify_param_value`` writes them; ``header`` writes the same text, byte for byte (a property
test compares the two), with fewer type tests and calls per value: an ingest's write sends tens of thousands of rows
a chunk, and writing them out was a tenth of the ingesting process's CPU.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["header", "literal"]

#: Map keys already checked: not empty and without a backtick (FalkorDB has no escape for one inside ``` `…` ```).
_CHECKED_KEYS: set[str] = set()


def header(params: Mapping[str, Any] | None) -> str:
    """The ``CYPHER k=v … `` prefix of a statement sent with ``params`` (``""`` with none).

    >>> header({"rows": [{"id": "a\\"b", "n": 2, "x": None}], "flag": True})
    'CYPHER `rows`=[{`id`:"a\\\\"b",`n`:2,`x`:null}] `flag`=True '
    >>> header({})
    ''
    """
    if not params:
        return ""
    return "CYPHER " + " ".join([f"`{k}`={literal(v)}" for k, v in params.items()]) + " "


def literal(value: Any) -> str:
    """``value`` as a Cypher literal: strings in double quotes with ``\\`` and ``"`` escaped, ``None`` as
    ``null``, lists and tuples in brackets, maps in braces with backticked keys, anything else as ``str`` gives it.

    >>> literal(["a", ("b", 1.5)]), literal({"k": [None, False]})
    ('["a",["b",1.5]]', '{`k`:[null,False]}')

    Raises:
        ValueError: a map key is empty or holds a backtick.
    """
    kind = type(value)
    if kind is str:
        if not value:
            return '""'
        if "\\" in value or '"' in value:
            value = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{value}"'
    if kind is dict:
        return _map(value)
    if kind is list or kind is tuple:
        return "[" + ",".join([literal(v) for v in value]) + "]"
    if value is None:
        return "null"
    if isinstance(value, (str, dict, list, tuple, bytes)):  # subclasses, and bytes: as the client library writes them
        from falkordb.helpers import stringify_param_value

        return str(stringify_param_value(value))
    return str(value)


def _map(value: dict) -> str:
    """A map literal; its keys checked once per key for the whole process."""
    for key in value:
        if key not in _CHECKED_KEYS:
            if type(key) is not str:  # bytes or numbers as keys: as the client library writes them
                from falkordb.helpers import stringify_param_value

                return str(stringify_param_value(value))
            _check_key(key)
    return "{" + ",".join([f"`{k}`:{literal(v)}" for k, v in value.items()]) + "}"


def _check_key(key: str) -> None:
    """Remember ``key`` as a good map key, or raise ValueError as the client library does."""
    if key == "":
        raise ValueError("Cypher map key cannot be empty")
    if "`" in key:
        raise ValueError(f"Cypher map key cannot contain a backtick: {key!r} (FalkorDB does not support escaped "
                         "backticks in identifiers)")
    if len(_CHECKED_KEYS) < 10_000:  # the row fields of the statements: a few dozen names
        _CHECKED_KEYS.add(key)
