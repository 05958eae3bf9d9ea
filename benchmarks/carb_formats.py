"""Readers for the system-output formats the CaRB repository ships, to score them with ``benchmarks.carb_scorer``.

Each reader returns ``{sentence: [Tuple_]}`` read the way the official CaRB readers read the same files:

- ``tabbed``: ``sentence, confidence, relation, arg1, arg2, ...`` (``carb_scorer.read_system``);
- ``openie4``: ``confidence, context, arg1, relation, arg2, sentence`` with each part written
  ``SimpleArgument(text,List([start, end)))``; the context is ignored, lines missing a part are skipped;
- ``openie5``: as OpenIE-4 with n-ary arguments separated by ``; `` in the fifth column; a context that does not
  begin the tuple is put before arg1;
- ``clausie``: a line with the sentence alone, then its tuples ``id, "arg1", "relation", "arg2", confidence``;
- ``reverb``: ReVerb's tab-separated output, arguments in columns 3-5, confidence in column 12 and the sentence
  in column 13.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks.carb_scorer import Tuple_, read_system

Reader = Callable[[str | Path], dict[str, list[Tuple_]]]


def _text(part: str) -> str:
    """The text of an OpenIE-4/5 part.

    >>> _text("SimpleArgument(President Bush,List([20, 34)))")
    'President Bush'
    """
    return part[part.index("(") + 1:part.index(",List(")]


def _lines(path: str | Path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield line.strip().split("\t")


def read_openie4(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read OpenIE-4 output (binary tuples; the context column is ignored)."""
    out: dict[str, list[Tuple_]] = {}
    for fields in _lines(path):
        if len(fields) < 6 or not all(fields[2:5]):
            continue
        arg1, relation, arg2 = (_text(f) for f in fields[2:5])
        out.setdefault(fields[5], []).append(Tuple_(relation, [arg1, arg2], float(fields[0])))
    return out


def read_openie5(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read OpenIE-5 output (n-ary tuples; a context not already at the tuple's start is prefixed to arg1)."""
    out: dict[str, list[Tuple_]] = {}
    for fields in _lines(path):
        if len(fields) < 6 or not all(fields[2:5]):
            continue
        arg1, relation = _text(fields[2]), _text(fields[3])
        rest = [_text(part) for part in fields[4].strip().split(");")]
        if fields[1]:
            context = _text(fields[1])
            if not f"{arg1} {relation}".startswith(context):
                arg1 = f"{context} {arg1}"
        out.setdefault(fields[5], []).append(Tuple_(relation, [arg1, *rest], float(fields[0])))
    return out


def read_clausie(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read ClausIE output: a sentence line, then its quoted tuples with a confidence."""
    out: dict[str, list[Tuple_]] = {}
    sentence = ""
    for fields in _lines(path):
        if len(fields) == 1:
            sentence = fields[0]
        elif len(fields) == 5:
            arg1, relation, arg2 = (f[1:-1] for f in fields[1:4])
            out.setdefault(sentence, []).append(Tuple_(relation, [arg1, arg2], float(fields[4])))
    return out


def read_reverb(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read ReVerb output (the sentence is taken from its 13th column)."""
    out: dict[str, list[Tuple_]] = {}
    for fields in _lines(path):
        if len(fields) < 13:
            continue
        arg1, relation, arg2 = fields[2:5]
        out.setdefault(fields[12], []).append(Tuple_(relation, [arg1, arg2], float(fields[11])))
    return out


READERS: dict[str, Reader] = {
    "tabbed": read_system,
    "openie4": read_openie4,
    "openie5": read_openie5,
    "clausie": read_clausie,
    "reverb": read_reverb,
}
