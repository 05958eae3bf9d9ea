"""Rows (lists of dicts, as the queries return them) as text: a table that fits the terminal, JSON, NDJSON or CSV.

A table's columns each keep a readable least width (a sentence 30 characters, a word whole; measured in terminal
cells by rich). When they cannot all have theirs within the console's width (rich's measure of the terminal),
each row is printed as a record instead: one ``column  value`` line per column, values wrapped at word boundaries.
At 80 columns a sentence and its outlet stay readable either way.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "ndjson", "csv")
_LONG = 40  # a column with values longer than this is prose: it wraps, at least _PROSE wide
_PROSE = 30
_WORD = 20  # the least width of any other column: its longest word, at most this
_NARROWEST = 20  # a terminal said to be narrower than this is taken as 80 columns wide


def render_rows(rows: list[dict[str, Any]], fmt: str, width: int | None = None) -> str:
    """``rows`` as text in ``fmt`` (one of ``FORMATS``); a table at most ``width`` columns wide (default: the
    terminal's, as rich measures it). NDJSON of no rows is empty; a table of no rows says ``(no rows)``.

    >>> render_rows([{"a": 1, "b": ["x", "y"]}], "ndjson")
    '{"a": 1, "b": ["x", "y"]}'
    >>> render_rows([{"a": 1, "b": ["x", "y"]}], "csv")
    'a,b\\n1,x; y'
    """
    if fmt == "json":
        return json.dumps(json_values(rows), ensure_ascii=False, indent=2, default=str)
    if fmt == "ndjson":
        return "\n".join(json.dumps(json_values(row), ensure_ascii=False, default=str) for row in rows)
    columns = list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not rows:
        return "(no rows)"
    text = io.StringIO()
    console = Console(file=text, width=width, force_terminal=False, color_system=None, soft_wrap=False)
    if console.width < _NARROWEST:  # COLUMNS=0, or a size no terminal has: rich printed nothing at all
        console = Console(file=text, width=80, force_terminal=False, color_system=None, soft_wrap=False)
    table = _table(rows, columns)
    if sum(column.min_width or 1 for column in table.columns) + 3 * len(columns) + 1 > console.width:
        for number, row in enumerate(rows, 1):
            console.print(_record(row, columns, number, len(rows)))
    else:
        console.print(table)
    return "\n".join(line.rstrip() for line in text.getvalue().rstrip("\n").splitlines())


def json_values(value: Any) -> Any:
    """``value`` as strict JSON can hold it: a float that is not a number, or infinite, as its name
    (``"NaN"``, ``"Infinity"``: ``0.0/0.0`` in Cypher; Python's JSON writes them bare, which JSON readers refuse),
    and a Cypher duration in ISO 8601 (``"P1DT2H"``), not Python's text of it.

    >>> json_values({"a": [float("nan"), -float("inf"), 1.5]})
    {'a': ['NaN', '-Infinity', 1.5]}
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: json_values(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_values(v) for v in value]
    if type(value).__name__ == "relativedelta":  # dateutil's, as the FalkorDB client returns a duration
        return _iso_duration(value)
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


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


def _least_width(name: str, cells: list[str]) -> int:
    if max(map(cell_len, cells), default=0) > _LONG:
        return _PROSE
    longest_word = max((cell_len(word) for cell in cells for word in cell.split()), default=0)
    return max(min(cell_len(name), _WORD), min(longest_word, _WORD), 1)


def _table(rows: list[dict], columns: list[str]) -> Table:
    table = Table(show_lines=False)
    for name in columns:
        cells = [_cell(row.get(name)) for row in rows]
        numeric = all(isinstance(row.get(name), (int, float)) or row.get(name) is None for row in rows)
        table.add_column(name, min_width=_least_width(name, cells), overflow="fold", no_wrap=numeric,
                         justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))
    return table


def _record(row: dict, columns: list[str], number: int, total: int) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    grid.title = f"row {number} of {total}"
    grid.title_justify = "left"
    for name in columns:
        grid.add_row(name, Text(_cell(row.get(name))))
    return grid
