"""A statement's answer as the stores return it: its rows, dicts by column name, and its columns in the order the
statement returns them, which an answer with no rows still has (a CSV of no rows keeps its header line)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["Rows"]


class Rows(list[dict[str, Any]]):
    """A list of rows (dicts by column name) that also carries ``columns``, the statement's column names.

    >>> rows = Rows([], ["name", "type"])
    >>> rows, rows.columns
    ([], ('name', 'type'))
    >>> Rows([{"a": 1}], ["a"]) == [{"a": 1}]
    True
    """

    columns: tuple[str, ...]

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: Iterable[str] = ()) -> None:
        super().__init__(rows)
        self.columns = tuple(columns)
