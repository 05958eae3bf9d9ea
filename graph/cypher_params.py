"""Statement parameters as the ``CYPHER`` header FalkorDB reads them from: ``CYPHER `rows`=[{`id`:"a"}] MATCH …``.

FalkorDB takes parameters only as Cypher literals in front of the statement. The client library's
``falkordb.helpers.stringify_param_value`` writes them; ``header`` writes the same text, byte for byte (a property
test compares the two), with fewer type tests and calls per value: an ingest's write sends tens of thousands of rows
a chunk, and writing them out was a tenth of the ingesting process's CPU.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["header", "literal", "missing_message", "missing_parameters", "parameter_problem", "statement_parameters"]

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


def parameter_problem(value: Any) -> str | None:
    """What in ``value`` (a statement parameter) FalkorDB's ``CYPHER`` header cannot carry, or None: a map key that
    is empty or holds a backtick (there is no escape for one), or a number that is not finite (the header would
    hold ``inf``, which is no Cypher literal).

    >>> parameter_problem({"a": [1.5, {"b": None}]}) is None
    True
    >>> parameter_problem([{"a`b": 1}]), parameter_problem({"": 1}), parameter_problem([float("inf")])
    ("a map key with a backtick ('a`b')", 'an empty map key', 'a number too large for a 64-bit float (inf)')
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key in item:
                if key == "":
                    return "an empty map key"
                if isinstance(key, str) and "`" in key:
                    return f"a map key with a backtick ({key!r})"
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            return f"a number too large for a 64-bit float ({item})" if not math.isnan(item) else "NaN"
    return None


#: A parameter (its name in group 1 or 2), or what a statement's text holds that may contain a ``$`` that is no
#: parameter: a string, a quoted name, a comment.
_TOKENS = re.compile(r"\$(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*|[0-9]+))"
                     r"|'(?:[^'\\]|\\.)*'?|\"(?:[^\"\\]|\\.)*\"?|`[^`]*`?|//[^\n]*|/\*.*?(?:\*/|$)", re.S)


def statement_parameters(query: str) -> list[str]:
    """The names of the parameters (``$name``) a Cypher statement uses, in order of first use; a ``$`` inside a
    string, a quoted name or a comment is none.

    >>> statement_parameters("MATCH (n {id: $id}) WHERE n.price = '$5' // $not\\nRETURN $`a b`, $id, $0")
    ['id', 'a b', '0']
    """
    names = [match[1] or match[2] for match in _TOKENS.finditer(query) if match[1] or match[2]]
    return list(dict.fromkeys(names))


def missing_parameters(query: str, given: Iterable[str]) -> list[str]:
    """The parameters ``query`` uses that are not in ``given``.

    >>> missing_parameters("RETURN $a, $b", ["a"])
    ['b']
    """
    have = set(given)
    return [name for name in statement_parameters(query) if name not in have]


def missing_message(missing: list[str]) -> str:
    """The error for parameters a statement uses and is given no value for.

    >>> missing_message(["name", "a b"])
    'no value for $name, $`a b`, which the statement uses: give each one (newsgraph cypher: -p name=VALUE)'
    """
    names = ", ".join("$" + (name if name.isidentifier() else f"`{name}`") for name in missing)
    return (f"no value for {names}, which the statement uses: give {'it' if len(missing) == 1 else 'each'} one "
            f"(newsgraph cypher: -p {missing[0]}=VALUE)")
