"""Rows (lists of dicts, as the queries return them) as text: a table that fits the terminal, JSON, NDJSON or CSV.

The columns are the statement's own, in its order (``Rows.columns`` of the store's answer), so a CSV of no rows
still has its header line. Values are written as in JSON throughout: ``true``/``false``, a duration in ISO 8601
(``P1DT2H``), a date and time in ISO 8601, ``NaN``/``Infinity``, a map (and a node, relationship or path) as JSON
text. A CSV cell holding a list holds its JSON text (``["Kyiv Post", "Daily, Example News"]``), which reads back
item by item; a table cell holding a list shows one item a line, each after a bullet (``•``).

A table's columns each keep a readable least width (a sentence 30 characters, a word whole, a number whole;
measured in terminal cells). Each column gets its natural width, the widest columns narrowed first when they do not
all fit the console's width (rich's measure of the terminal); when even their least widths do not fit, or a line
of the table as rich renders it would still be wider than the console, each row is printed as a record instead:
one ``column  value`` line per column, values wrapped. Nothing is cut off. At 80 columns a sentence and its outlet
stay readable either way.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "ndjson", "csv")
_LONG = 40  # a column with values longer than this is prose: it wraps, at least _PROSE wide
_PROSE = 30
_WORD = 20  # the least width of any other column: its longest word, at most this
_NARROWEST = 20  # a terminal said to be narrower than this is taken as 80 columns wide
_BULLET = "• "  # before each item of a list in a table cell


def render_rows(rows: list[dict[str, Any]], fmt: str, width: int | None = None,
                columns: Sequence[str] | None = None) -> str:
    """``rows`` as text in ``fmt`` (one of ``FORMATS``); a table at most ``width`` columns wide (default: the
    terminal's, as rich measures it). The columns are ``columns``, else ``rows.columns`` (a store's ``Rows``), then
    any other key of a row. NDJSON of no rows is empty; a table of no rows says ``(no rows)``; a CSV of no rows is
    its header line.

    >>> render_rows([{"a": 1, "b": ["x", "y; z"]}], "ndjson")
    '{"a": 1, "b": ["x", "y; z"]}'
    >>> print(render_rows([{"a": True, "b": ["x", "y; z"]}], "csv"))
    a,b
    true,"[""x"", ""y; z""]"
    >>> render_rows([], "csv", columns=["name", "type"])
    'name,type'
    """
    if fmt == "json":
        return json.dumps(json_values(rows), ensure_ascii=False, indent=2, default=str)
    if fmt == "ndjson":
        return "\n".join(json.dumps(json_values(row), ensure_ascii=False, default=str) for row in rows)
    declared = columns if columns is not None else getattr(rows, "columns", ())
    names = list(dict.fromkeys([*declared, *(k for row in rows for k in row)]))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([_text(row.get(c)) for c in names] for row in rows)
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not rows:
        return "(no rows)"
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None, soft_wrap=False)
    room = console.width if console.width >= _NARROWEST else 80  # COLUMNS=0, or a size no terminal has
    cells = {name: [_table_cell(row.get(name)) for row in rows] for name in names}
    table = _table(rows, names, cells, room)
    lines = _printed(table, room) if table is not None else []
    if not lines or max(map(cell_len, lines)) > room:  # a table rich would crop: records instead
        lines = [line for k in range(len(rows)) for line in _printed(_record(names, cells, k, len(rows), room), room)]
    return "\n".join(lines)


def json_values(value: Any) -> Any:
    """``value`` as strict JSON can hold it: a float that is not a number, or infinite, as its name
    (``"NaN"``, ``"Infinity"``: ``0.0/0.0`` in Cypher; Python's JSON writes them bare, which JSON readers refuse),
    a Cypher duration in ISO 8601 (``"P1DT2H"``), not Python's text of it, and a date or time in ISO 8601.

    >>> json_values({"a": [float("nan"), -float("inf"), 1.5]})
    {'a': ['NaN', '-Infinity', 1.5]}
    >>> json_values(datetime.datetime(2024, 1, 2, 10, tzinfo=datetime.timezone.utc))
    '2024-01-02T10:00:00+00:00'
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: json_values(v) for k, v in value.items()}
    if callable(getattr(value, "iso_format", None)):  # the Neo4j driver's dates, times and durations (a tuple)
        return value.iso_format()
    if isinstance(value, (list, tuple)):
        return [json_values(v) for v in value]
    if type(value).__name__ == "relativedelta":  # dateutil's, as the FalkorDB client returns a duration
        return _iso_duration(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _iso_duration(delta: Any) -> str:
    """A ``dateutil.relativedelta`` in ISO 8601.

    >>> from dateutil.relativedelta import relativedelta
    >>> [_iso_duration(relativedelta(**kw)) for kw in ({"days": 1, "hours": 2}, {"months": 14}, {})]
    ['P1DT2H', 'P1Y2M', 'PT0S']
    """
    delta = delta.normalized()
    date = "".join(f"{n}{unit}" for n, unit in ((delta.years, "Y"), (delta.months, "M"), (delta.days, "D")) if n)
    seconds = delta.seconds + delta.microseconds / 1_000_000
    time = "".join(f"{n}{unit}" for n, unit in ((delta.hours, "H"), (delta.minutes, "M")) if n)
    time += f"{seconds:g}S" if seconds else ""
    return f"P{date}" + (f"T{time}" if time else "") if date or time else "PT0S"


def _text(value: Any) -> str:
    """A value as one CSV cell: null as nothing, text as it is, anything else as its JSON text.

    >>> from dateutil.relativedelta import relativedelta
    >>> [_text(v) for v in (None, "a; b", 3, 1.5, False, relativedelta(hours=2), ["a; b", None], {"k": 1})]
    ['', 'a; b', '3', '1.5', 'false', 'PT2H', '["a; b", null]', '{"k": 1}']
    """
    if value is None:
        return ""
    value = json_values(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _table_cell(value: Any) -> str:
    """A value as a table cell: as ``_text``, but a list one item a line, each after a bullet.

    >>> _table_cell(["Kyiv Post", "Daily, Example News", None, ["x"]])
    '• Kyiv Post\\n• Daily, Example News\\n• null\\n• ["x"]'
    """
    if isinstance(value, (list, tuple)) and not callable(getattr(value, "iso_format", None)):
        return "\n".join(_BULLET + ("null" if item is None else _text(item)) for item in value)
    return _text(value)


def _printed(renderable: RenderableType, room: int) -> list[str]:
    """The lines rich prints of ``renderable`` on a console ``room`` cells wide, not cropped to it (a line wider
    than ``room`` is one a terminal would cut or break)."""
    out = io.StringIO()
    console = Console(file=out, width=room, force_terminal=False, color_system=None, soft_wrap=False)
    console.print(renderable, crop=False)
    return [line.rstrip() for line in out.getvalue().rstrip("\n").splitlines()]


def _least_width(name: str, lines: list[str], numeric: bool) -> int:
    """The narrowest a column may be: a number whole, prose ``_PROSE``, else its longest word (at most ``_WORD``),
    and its header's length (at most ``_WORD``)."""
    if numeric:
        least = max(map(cell_len, lines), default=0)
    elif max(map(cell_len, lines), default=0) > _LONG:
        least = _PROSE
    else:
        least = min(max((cell_len(word) for line in lines for word in line.split()), default=0), _WORD)
    return max(min(cell_len(name), _WORD), least, 1)


def _widths(natural: list[int], least: list[int], room: int) -> list[int] | None:
    """Column widths summing to at most ``room``: each its ``natural`` width, the widest narrowed first but none
    below its ``least``; None when the least widths alone exceed ``room``.

    >>> _widths([10, 50, 5], [8, 30, 5], 60), _widths([10, 50, 5], [8, 30, 5], 100), _widths([10], [8], 7)
    ([10, 45, 5], [10, 50, 5], None)
    """
    least = [min(n, w) for n, w in zip(natural, least)]
    if sum(least) > room:
        return None
    if sum(natural) <= room:
        return natural
    low, high = 0, max(natural)  # the widest cap under which the narrowed columns fit
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(n, max(w, cap)) for n, w in zip(natural, least)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [min(n, max(w, low)) for n, w in zip(natural, least)]
    spare = room - sum(widths)
    for k in sorted(range(len(widths)), key=lambda k: -natural[k]):  # what is left, to the widest, a cell each
        if spare and widths[k] < natural[k]:
            widths[k] += 1
            spare -= 1
    return widths


def _numeric(rows: list[dict], name: str) -> bool:
    return all(row.get(name) is None or (isinstance(row.get(name), (int, float)) and not isinstance(row.get(name),
                                                                                                    bool))
               for row in rows)


def _table(rows: list[dict], names: list[str], cells: dict[str, list[str]], room: int) -> Table | None:
    """The rows as a table of explicit column widths within ``room`` cells, or None if they cannot fit."""
    numeric = [_numeric(rows, name) for name in names]
    lines = {name: [line for cell in cells[name] for line in cell.splitlines()] for name in names}
    natural = [max([cell_len(name), *map(cell_len, lines[name]), 1]) for name in names]
    least = [_least_width(name, lines[name], is_number) for name, is_number in zip(names, numeric)]
    widths = _widths(natural, least, room - 3 * len(names) - 1)  # a border and two cells of padding a column
    if widths is None:
        return None
    tall = any(w < n for w, n in zip(widths, natural)) or any("\n" in cell for n in names for cell in cells[n])
    table = Table(show_lines=tall)  # a rule between rows when a row may take more than one line
    for name, width, is_number in zip(names, widths, numeric):
        table.add_column(name, width=width, overflow="fold", justify="right" if is_number else "left")
    for k in range(len(rows)):
        table.add_row(*(Text(cells[name][k]) for name in names))
    return table


def _record(names: list[str], cells: dict[str, list[str]], k: int, total: int, room: int) -> Table:
    """Row ``k`` as a record: one ``column  value`` line per column, both wrapped within ``room`` cells."""
    name_width = max(1, min(max(map(cell_len, names)), room // 2))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", width=name_width, overflow="fold")
    grid.add_column(width=max(1, room - name_width - 2), overflow="fold")
    grid.title = f"row {k + 1} of {total}"
    grid.title_justify = "left"
    for name in names:
        grid.add_row(name, Text(cells[name][k]))
    return grid
