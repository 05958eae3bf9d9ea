"""Canned Cypher queries: ``*.cypher`` files in this package, each opening with a header of ``//`` lines::

    // name: connections
    // answers: How are two entities connected?
    // param: a string — one entity          (types: string, int, float, bool, date; an int is a count: 0 to 2^31-1,
                                             a date a day YYYY-MM-DD or "" for none)
    // param: hops int = 3 — longest path     (with "= default" a parameter is optional; "" for an empty string)
    // example: a=Trump                       (a value for the Neo4j Browser script)
    // values: kind = any | hedged | conditional   (a string parameter that takes one of these words only)
    // range: hops = 1..4                     (an int or float parameter that takes a value from .. to only)
    // lookup: a = entity                     (a string parameter that names an entity, a story or a source: an
                                             empty answer for a value that names none is an error)

Every value reaches the store as a parameter. Where Neo4j needs other text, ``<name>.neo4j.cypher`` (same
header) holds it and is used when the store is Neo4j.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from newsgraph.errors import BadQueryParameter, UnknownQuery
from newsgraph.queries.lookups import LOOKUPS, check_names, stored_spellings

_PARAM = re.compile(r'^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\s*=\s*(?P<default>"[^"]*"|\S+))?'
                    r'\s+(?:—|--?)\s+(?P<desc>.+)$')
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}
#: The declarable types.
_KINDS: dict[str, type | tuple[type, ...]] = {"string": str, "int": int, "float": (int, float), "bool": bool,
                                              "date": str}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: An ``int`` parameter is a count or a limit: a whole number from 0 to 2^31-1 (FalkorDB returns no rows at all
#: for a LIMIT of 2^32 or more, and no count of a news graph comes near).
INT_RANGE = (0, 2**31 - 1)


@dataclass(frozen=True)
class Param:
    """One declared parameter of a canned query.

    Attributes:
        name: The Cypher parameter name (``$name`` in the text).
        type: One of ``string``, ``int``, ``float``, ``bool``.
        default: The typed default, or None when the parameter is required.
        description: What the parameter means.
        values: The words a ``string`` parameter must be one of (any case; empty for any string).
        bounds: The least and the greatest value an ``int`` or ``float`` parameter takes (both included), or None.
    """

    name: str
    type: str
    default: Any
    description: str
    values: tuple[str, ...] = ()
    bounds: tuple[Any, Any] | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def signature(self) -> str:
        """``name (type)`` or ``name (type = default)``, with the words or the range it takes if it takes only some.

        >>> Param("hops", "int", 3, "").signature()
        'hops (int = 3)'
        >>> Param("kind", "string", "any", "", ("any", "hedged")).signature()
        "kind (string = 'any'; any|hedged)"
        >>> Param("hops", "int", 3, "", bounds=(1, 4)).signature()
        'hops (int = 3; 1..4)'
        """
        words = f"; {'|'.join(self.values)}" if self.values else ""
        words += f"; {self.bounds[0]}..{self.bounds[1]}" if self.bounds else ""
        kind = f"{self.type}{words}" if self.required else f"{self.type} = {self.default!r}{words}"
        return f"{self.name} ({kind})"


@dataclass(frozen=True)
class CannedQuery:
    """A canned query read from ``<name>.cypher`` (and ``<name>.neo4j.cypher`` if present).

    Attributes:
        name: The query's name (the file stem).
        answers: The question it answers, one sentence.
        params: Its parameters in declaration order.
        text: The Cypher without the header, for FalkorDB (and Neo4j when there is no variant).
        neo4j_text: The Cypher for Neo4j: the variant's text, else ``text``.
        examples: Example values (raw strings) for the Neo4j Browser script.
        lookups: Parameter → what its value names (``entity``, ``story`` or ``source``): a value that names nothing
            in the graph is an error, not an empty answer (``check_names``).
    """

    name: str
    answers: str
    params: tuple[Param, ...]
    text: str
    neo4j_text: str
    examples: dict[str, str] = field(default_factory=dict)
    lookups: dict[str, str] = field(default_factory=dict)


def convert(value: Any, type_name: str) -> Any:
    """Convert a raw string (or an already typed value) to ``type_name``; raise ValueError if it does not fit.

    An ``int`` is a count: a whole number in ``INT_RANGE``; a ``float`` is finite; a ``date`` is a calendar day
    written ``YYYY-MM-DD`` (kept as that text, which is how sources store ``published``), or ``""`` for none.

    >>> convert("3", "int"), convert("yes", "bool"), convert("0.5", "float"), convert("Putin", "string")
    (3, True, 0.5, 'Putin')
    >>> convert(" 2025-03-18 ", "date"), convert("", "date")
    ('2025-03-18', '')
    >>> convert("2025-02-30", "date")
    Traceback (most recent call last):
    ...
    ValueError: '2025-02-30' is not a day written YYYY-MM-DD
    >>> convert("-1", "int")
    Traceback (most recent call last):
    ...
    ValueError: '-1' is not a whole number from 0 to 2147483647
    """
    converted = _convert(value, type_name)
    if type_name == "int" and not INT_RANGE[0] <= converted <= INT_RANGE[1]:
        raise ValueError(f"{value!r} is not a whole number from {INT_RANGE[0]} to {INT_RANGE[1]}")
    if type_name == "float" and not math.isfinite(converted):
        raise ValueError(f"{value!r} is not a finite number")
    return converted


def _convert(value: Any, type_name: str) -> Any:
    if type_name == "date":
        return _day(value)
    if isinstance(value, str):
        text = value.strip()
        if type_name == "string":
            return value
        if type_name == "bool" and text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        if type_name == "int" and re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if type_name == "float":
            return float(text)  # raises ValueError
    elif type_name == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    elif isinstance(value, _KINDS[type_name]) and (type_name == "bool") == isinstance(value, bool):
        return value
    raise ValueError(f"{value!r} is not of type {type_name}")


def _day(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else None
    if text == "":
        return ""
    if text is not None and _DAY.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a day written YYYY-MM-DD")


def _checked(value: str, type_name: str, where: str) -> Any:
    try:
        return convert(value, type_name)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def _parse(stem: str, source: str,
           where: str) -> tuple[str, tuple[Param, ...], dict[str, str], dict[str, str], str]:
    """Split a .cypher file into (answers, params, examples, lookups, cypher); raise ValueError on a bad header."""
    lines = source.splitlines()
    header = []
    while lines and (lines[0].startswith("//") or not lines[0].strip()):
        header.append(lines.pop(0))
    fields: dict[str, list[str]] = {}
    for line in header:
        key, sep, value = line.lstrip("/ ").partition(":")
        if sep:
            fields.setdefault(key.strip(), []).append(value.strip())
    if fields.get("name") != [stem]:
        raise ValueError(f"{where}: header must have exactly one '// name: {stem}' line")
    if len(fields.get("answers", [])) != 1:
        raise ValueError(f"{where}: header must have exactly one '// answers: <one sentence>' line")
    params = []
    for spec in fields.get("param", []):
        m = _PARAM.match(spec)
        if not m or m["type"] not in _KINDS:
            want = f"<name> <{'|'.join(_KINDS)}> [= default] — text"
            raise ValueError(f"{where}: bad '// param: {spec}' (want '{want}')")
        default = m["default"]
        if default is not None:
            default = default[1:-1] if default.startswith('"') and default.endswith('"') else default
            default = _checked(default, m["type"], where)
        params.append(Param(m["name"], m["type"], default, m["desc"].strip()))
    for spec in fields.get("values", []):
        key, sep, value = spec.partition("=")
        words = tuple(w.strip().lower() for w in value.split("|"))
        at = next((k for k, p in enumerate(params) if p.name == key.strip() and p.type == "string"), None)
        if not sep or at is None or not all(words) or params[at].values:
            raise ValueError(f"{where}: bad '// values: {spec}' (want '<declared string param> = word | word ...')")
        if params[at].default is not None and params[at].default.lower() not in words:
            raise ValueError(f"{where}: the default of {key.strip()!r} is not one of its values")
        params[at] = replace(params[at], values=words)
    for spec in fields.get("range", []):
        _ranged(params, spec, where)
    lookups = {}
    for spec in fields.get("lookup", []):
        key, sep, kind = (part.strip() for part in spec.partition("="))
        if not sep or kind not in LOOKUPS or key in lookups or not any(p.name == key and p.type == "string"
                                                                        for p in params):
            raise ValueError(f"{where}: bad '// lookup: {spec}' (want '<declared string param> = "
                             f"{' | '.join(LOOKUPS)}', once a parameter)")
        lookups[key] = kind
    examples = {}
    for spec in fields.get("example", []):
        key, sep, value = spec.partition("=")
        types = {p.name: p.type for p in params}
        if not sep or key.strip() not in types:
            raise ValueError(f"{where}: bad '// example: {spec}' (want '<declared param>=<value>')")
        typed = _checked(value.strip(), types[key.strip()], where)
        param = next(p for p in params if p.name == key.strip())
        if param.values and value.strip().lower() not in param.values:
            raise ValueError(f"{where}: bad '// example: {spec}' (not one of {'|'.join(param.values)})")
        if param.bounds and not param.bounds[0] <= typed <= param.bounds[1]:
            raise ValueError(f"{where}: bad '// example: {spec}' (not from {param.bounds[0]} to {param.bounds[1]})")
        examples[key.strip()] = value.strip()
    return fields["answers"][0], tuple(params), examples, lookups, "\n".join(lines).strip() + "\n"


def _ranged(params: list[Param], spec: str, where: str) -> None:
    """Give the parameter a ``// range: <name> = <least>..<greatest>`` line names its bounds (in ``params``)."""
    key, sep, value = (part.strip() for part in spec.partition("="))
    low, dots, high = value.partition("..")
    at = next((k for k, p in enumerate(params) if p.name == key and p.type in ("int", "float")), None)
    if not sep or not dots or at is None or params[at].bounds is not None:
        raise ValueError(f"{where}: bad '// range: {spec}' (want '<declared int or float param> = <least>..<greatest>',"
                         " once a parameter)")
    bounds = (_checked(low.strip(), params[at].type, where), _checked(high.strip(), params[at].type, where))
    default = params[at].default
    if bounds[0] > bounds[1] or (default is not None and not bounds[0] <= default <= bounds[1]):
        raise ValueError(f"{where}: bad '// range: {spec}' (its least is above its greatest, or the default of "
                         f"{key!r} lies outside)")
    params[at] = replace(params[at], bounds=bounds)


def load_queries(folder: Traversable) -> list[CannedQuery]:
    """Read every ``*.cypher`` file in ``folder`` (a directory or an importlib.resources Traversable)."""
    files = {entry.name: entry for entry in folder.iterdir() if entry.name.endswith(".cypher")}
    queries = []
    for file_name in sorted(files):
        if file_name.endswith(".neo4j.cypher"):
            base = file_name.removesuffix(".neo4j.cypher") + ".cypher"
            if base not in files:
                raise ValueError(f"{file_name}: a Neo4j variant without {base}")
            continue
        stem = file_name.removesuffix(".cypher")
        answers, params, examples, lookups, text = _parse(stem, files[file_name].read_text(encoding="utf-8"),
                                                          file_name)
        neo4j_text = text
        variant = files.get(f"{stem}.neo4j.cypher")
        if variant is not None:
            _, variant_params, _, variant_lookups, neo4j_text = _parse(stem, variant.read_text(encoding="utf-8"),
                                                                       variant.name)
            if (variant_params, variant_lookups) != (params, lookups):
                raise ValueError(f"{variant.name}: its parameters differ from those of {file_name}")
        queries.append(CannedQuery(stem, answers, params, text, neo4j_text, examples, lookups))
    return queries


@functools.lru_cache(maxsize=1)
def _packaged() -> tuple[CannedQuery, ...]:
    return tuple(load_queries(resources.files(__name__)))


def list_queries() -> list[CannedQuery]:
    """The canned queries shipped with newsgraph, sorted by name."""
    return list(_packaged())


def get_query(name: str) -> CannedQuery:
    """The canned query called ``name``.

    Raises:
        UnknownQuery: no query has that name (the message lists the known ones).
    """
    for query in _packaged():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in _packaged())
    raise UnknownQuery(f"no canned query named {name!r}; known queries: {known}")


def bind(query: CannedQuery, raw: dict[str, Any]) -> dict[str, Any]:
    """Turn ``key=value`` strings into the typed parameters ``query`` declares, with defaults filled in.

    Raises:
        BadQueryParameter: a parameter is unknown, missing, not of its declared type, or outside its declared range.
    """
    declared = {p.name: p for p in query.params}
    listing = ", ".join(p.signature() for p in query.params) or "none"
    for unknown in sorted(set(raw) - set(declared)):
        raise BadQueryParameter(f"query {query.name!r} has no parameter {unknown!r}; its parameters are: {listing}")
    bound = {}
    for param in query.params:
        if param.name not in raw:
            if param.required:
                raise BadQueryParameter(f"query {query.name!r} needs parameter {param.name!r} ({param.type}): "
                                        f"give it as {param.name}=<{param.type}>")
            bound[param.name] = param.default
            continue
        if param.values:
            word = str(raw[param.name]).strip().lower()
            if word not in param.values:
                raise BadQueryParameter(f"parameter {param.name!r} of query {query.name!r} must be one of "
                                        f"{', '.join(param.values)}; got {raw[param.name]!r}")
            bound[param.name] = word
            continue
        try:
            bound[param.name] = convert(raw[param.name], param.type)
        except ValueError:
            want = {"int": f" (a whole number from {INT_RANGE[0]} to {INT_RANGE[1]})",
                    "date": " (a day written YYYY-MM-DD)"}.get(param.type, "")
            raise BadQueryParameter(f"parameter {param.name!r} of query {query.name!r} must be of type {param.type}"
                                    f"{want}, got {raw[param.name]!r}") from None
        if param.bounds and not param.bounds[0] <= bound[param.name] <= param.bounds[1]:
            raise BadQueryParameter(f"parameter {param.name!r} of query {query.name!r} must be from {param.bounds[0]} "
                                    f"to {param.bounds[1]}, got {raw[param.name]!r}")
    since, until = bound.get("since"), bound.get("until")
    dated = all(name in declared and declared[name].type == "date" for name in ("since", "until"))
    if dated and since and until and since > until:  # days written YYYY-MM-DD: text order is date order
        raise BadQueryParameter(f"parameter 'since' of query {query.name!r} ({since}) is after 'until' ({until}): "
                                "no day lies in that window")
    return bound


def run_query(store: Any, name: str, raw_params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run the canned query ``name`` on ``store`` (its Neo4j text when ``store.kind == "neo4j"``).

    Raises:
        UnknownQuery: no query has that name.
        BadQueryParameter: the parameters do not fit the query.
    """
    query = get_query(name)
    params = bind(query, raw_params or {})
    text = query.neo4j_text if getattr(store, "kind", None) == "neo4j" else query.text
    rows = store.run(text, params)
    if not rows and (stored := stored_spellings(query.lookups, params)) is not None:
        rows = store.run(text, stored)  # an entity's name as the graph writes it: "Apple Inc." is "Apple Inc"
    return rows


def check_lookups(store: Any, query: CannedQuery, params: dict[str, Any]) -> None:
    """Raise when a parameter of ``query`` that names an entity, a story or a source (its ``lookups``) names
    nothing in ``store``, matched as the query matches it; for a query whose answer is empty, to tell an unknown
    name from a known one with nothing to show.

    Raises:
        UnknownEntity: a parameter that names an entity matches none.
        BadQueryParameter: a parameter that names a story or a source matches none; or ``params`` do not fit.
    """
    check_names(store, query.name, query.lookups, bind(query, params))


def cypher_literal(value: Any) -> str:
    """Render a parameter value as a Cypher literal.

    >>> print(cypher_literal("O'Brien"), cypher_literal(True), cypher_literal(3))
    'O\\'Brien' true 3
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def browser_script(query: CannedQuery) -> str:
    """The query as a script for the Neo4j Browser: ``:param`` lines, then its Neo4j text.

    Each parameter gets its declared example, else its default, else a placeholder to replace.
    """
    lines = []
    for param in query.params:
        value = param.default if param.name not in query.examples else convert(query.examples[param.name], param.type)
        value = f"<{param.name}>" if value is None else value
        lines.append(f":param {param.name} => {cypher_literal(value)};")
    return "\n".join([*lines, query.neo4j_text])
