"""A statement's answer as the stores return it: its rows, dicts by column name, and its columns in the order the
statement returns them, which an answer with no rows still has (a CSV of no rows keeps its header line)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["Rows", "nested"]


def nested(values: Any, inside: Callable[[Any], Iterable[Any] | None] = lambda value: None) -> Iterator[Any]:
    """Every value held in ``values`` through lists, tuples and dict values, depth first (the containers
    themselves not yielded); ``inside(value)`` names what else a value holds that is to be walked as well (a
    path's relationships, a relationship's end nodes), and the value is yielded all the same.

    >>> list(nested([1, {"a": (2, [3])}], lambda v: [4] if v == 3 else None))
    [1, 2, 3, 4]
    """
    stack = [values]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, (list, tuple)):
            stack.extend(reversed(value))
        else:
            yield value
            more = inside(value)
            if more is not None:
                stack.extend(reversed(list(more)))


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
