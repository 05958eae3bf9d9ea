"""Faster stand-ins for two of spaCy's rule components, with the same output: the attribute ruler's matcher and
the rule or lookup lemmatizer.

In ``en_core_web_sm`` these two cost about a seventh of the whole parse (all of ECB+ on a fresh pipeline: 6.24 of
58.9 CPU seconds for the attribute ruler's ``Matcher``, which tests its 179 patterns, three of them regular
expressions, at every token; 2.64 s for the lemmatizer, which builds a ``Token`` per token, works out every base
form again, as it caches only the others, and reads a list of words through for each new one). Both answers are
functions of a few token columns, so they are worked out here on ``Doc.to_array`` columns:

- ``ColumnMatcher`` finds the matches of the attribute ruler's patterns with one numpy comparison per distinct
  token constraint, skipping every pattern whose words or tags the Doc does not hold; the ruler sets the attributes
  from those matches itself, in its own order. Only patterns of fixed length whose tokens test attributes by value,
  ``IN``, ``NOT_IN`` or ``REGEX`` are compiled; a ruler with any other kind keeps spaCy's ``Matcher``.
- ``ColumnLemmatizer`` gives each token the lemma spaCy's lemmatizer gives it, computed once per (word, part of
  speech, morphology): what the rule and lookup modes read; a copy of the lemmatizer works each new one out, its
  word lists made sets (``_with_index_sets``). Other lemmatizers (another language's own class, or another mode)
  stay as they are.

``speed_up(nlp)`` puts both in a loaded pipeline where they apply; ``tests/test_fast_components.py`` checks them
against spaCy's own on hand-built Docs and on parsed articles.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

#: Token attributes a compiled pattern may test: what ``Doc.to_array`` and spaCy's matcher read alike.
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "TAG", "DEP", "LEMMA", "SHAPE", "ENT_TYPE"})
_FLAG_ATTRS = frozenset({"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
                         "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_CURRENCY",
                         "IS_QUOTE", "IS_BRACKET", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT"})
#: The most values a regular expression's verdicts are remembered for, before they are forgotten at once.
_REGEX_MEMORY = 100_000
#: The most (word, part of speech, morphology) lemmas remembered, before they are forgotten at once.
_LEMMA_MEMORY = 200_000


@dataclass(frozen=True)
class _Test:
    """One token attribute's test: ``op`` is "in" or "not in" a set of values, or "regex"."""

    column: int  # the attribute's place among the matcher's columns
    op: str
    values: frozenset[int] = frozenset()
    regex: str = ""


@dataclass(frozen=True)
class _Pattern:
    key: int  # the ruler's match id (a string hash)
    tokens: tuple[tuple[_Test, ...], ...]


class ColumnMatcher:
    """What ``AttributeRuler.match`` returns, from a Doc's columns: ``(rule number, match id, start, end)``, sorted.

    Build it with ``ColumnMatcher.compile(ruler)``, which returns None when a pattern is of a kind it does not
    compile."""

    def __init__(self, patterns: Sequence[_Pattern], attrs: Sequence[int], strings) -> None:
        self._patterns = patterns
        self._attrs: list[int | str] = list(attrs)
        self._strings = strings
        # Each pattern is looked at only where the Doc holds a value one of its tests asks for (its anchor: the
        # test with the fewest values, so a word before a tag), or always if it has no such test.
        self._anchors: dict[int, dict[int, list[int]]] = {}
        self._always: list[int] = []
        for number, pattern in enumerate(patterns):
            wanted = [test for tests in pattern.tokens for test in tests if test.op == "in"]
            if not wanted:
                self._always.append(number)
                continue
            anchor = min(wanted, key=lambda test: len(test.values))
            for value in anchor.values:
                self._anchors.setdefault(anchor.column, {}).setdefault(value, []).append(number)
        self._regex_memory: dict[tuple[str, int], bool] = {}
        self._compiled = {test.regex: re.compile(test.regex) for p in patterns for tok in p.tokens for test in tok
                          if test.op == "regex"}

    @classmethod
    def compile(cls, ruler: AttributeRuler) -> ColumnMatcher | None:
        strings = ruler.vocab.strings
        attrs: list[int] = []
        compiled: list[_Pattern] = []
        for number in range(len(ruler.attrs)):
            key = strings[str(number)]
            for pattern in ruler.matcher.get(str(number))[1]:
                tokens = []
                for spec in pattern:
                    tests = _tests(spec, attrs, strings)
                    if tests is None:
                        return None
                    tokens.append(tests)
                if not tokens:
                    return None
                compiled.append(_Pattern(key, tuple(tokens)))
        return cls(compiled, attrs, strings)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        length = len(doc)
        if not length or not self._attrs:
            return []
        columns = doc.to_array(self._attrs).reshape(length, len(self._attrs)).T
        present = [frozenset(np.unique(column).tolist()) for column in columns]
        candidates = set(self._always)
        for column, index in self._anchors.items():
            for value in present[column].intersection(index):
                candidates.update(index[value])
        masks: dict[_Test, np.ndarray] = {}
        found: set[tuple[int, int, int]] = set()
        for pattern in (self._patterns[number] for number in candidates):
            width = len(pattern.tokens)
            if width > length or any(test.op == "in" and test.values.isdisjoint(present[test.column])
                                     for tests in pattern.tokens for test in tests):
                continue
            starts = np.ones(length - width + 1, dtype=bool)
            for offset, tests in enumerate(pattern.tokens):
                for test in tests:
                    mask = masks.get(test)
                    if mask is None:
                        mask = masks[test] = self._mask(test, columns[test.column], present[test.column])
                    starts &= mask[offset:offset + length - width + 1]
            found.update((pattern.key, int(start), int(start) + width) for start in np.flatnonzero(starts))
        strings = self._strings
        return sorted((int(strings[key]), key, start, end) for key, start, end in found)

    def _mask(self, test: _Test, column: np.ndarray, present: frozenset[int]) -> np.ndarray:
        if test.op == "regex":
            return _member(column, [value for value in present if self._search(test.regex, value)])
        inside = _member(column, [value for value in test.values if value in present])
        return inside if test.op == "in" else ~inside

    def _search(self, regex: str, value: int) -> bool:
        verdict = self._regex_memory.get((regex, value))
        if verdict is None:
            if len(self._regex_memory) >= _REGEX_MEMORY:
                self._regex_memory.clear()
            verdict = self._regex_memory[(regex, value)] = bool(self._compiled[regex].search(self._strings[value]))
        return verdict


def _member(column: np.ndarray, values: list[int]) -> np.ndarray:
    """Where ``column`` holds one of ``values``: a comparison per value for a few (``np.isin`` sorts, which costs
    more on a Doc's few hundred tokens), ``np.isin`` for more."""
    if len(values) > 4:
        return np.isin(column, values)
    inside = np.zeros(len(column), dtype=bool)
    for value in values:
        inside |= column == value
    return inside


def _tests(spec: dict, attrs: list[int], strings) -> tuple[_Test, ...] | None:
    """A pattern token's tests, or None where it asks for what ``ColumnMatcher`` does not do (operators,
    extension attributes, comparisons, other attributes)."""
    tests = []
    for name, value in spec.items():
        name = "ORTH" if name.upper() == "TEXT" else name.upper()
        if name not in _STRING_ATTRS and name not in _FLAG_ATTRS:
            return None
        attr = IDS[name]
        if attr not in attrs:
            attrs.append(attr)
        column = attrs.index(attr)
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            (op, operand), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(operand, list) and name in _STRING_ATTRS:
                hashes = frozenset(strings.add(v) if isinstance(v, str) else int(v) for v in operand)
                tests.append(_Test(column, "in" if op == "IN" else "not in", hashes))
            elif op == "REGEX" and isinstance(operand, str) and name in _STRING_ATTRS:
                tests.append(_Test(column, "regex", regex=operand))
            else:
                return None
        elif isinstance(value, bool) and name in _FLAG_ATTRS:
            tests.append(_Test(column, "in", frozenset({int(value)})))
        elif isinstance(value, str) and name in _STRING_ATTRS:
            tests.append(_Test(column, "in", frozenset({strings.add(value)})))
        else:
            return None
    return tuple(tests)


class ColumnLemmatizer:
    """A pipeline component that sets the lemmas spaCy's rule or lookup ``Lemmatizer`` would: each token without a
    lemma (every token, with ``overwrite``) takes ``lemmatizer.lemmatize(token)[0]``, worked out once per (word,
    part of speech, morphology), the only token attributes those two modes read. It is made empty by the pipeline
    (``nlp.replace_pipe``) and given the lemmatizer it stands for with ``adopt``."""

    def __init__(self) -> None:
        self._lemmatizer: Lemmatizer | None = None
        self._memory: dict[tuple[int, int, int], str] = {}

    def adopt(self, lemmatizer: Lemmatizer) -> None:
        self._lemmatizer = _with_index_sets(lemmatizer)
        self._memory.clear()

    @staticmethod
    def applies(component: object) -> bool:
        """Whether ``component`` is a lemmatizer whose lemmas depend on nothing but word, part of speech and
        morphology: spaCy's own class or its English one, in rule or lookup mode."""
        from spacy.lang.en.lemmatizer import EnglishLemmatizer

        return type(component) in (Lemmatizer, EnglishLemmatizer) and getattr(component, "mode", None) in (
            "rule", "lookup")

    def __call__(self, doc: Doc) -> Doc:
        length = len(doc)
        if not length:
            return doc
        lemmatizer = self._lemmatizer
        if lemmatizer is None:
            raise ValueError("newsgraph_lemmatizer has no lemmatizer to stand for (ColumnLemmatizer.adopt)")
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA]).reshape(length, 4)
        memory = self._memory
        strings = doc.vocab.strings
        lemmas = columns[:, 3].copy()
        overwrite = lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(cast(list[list[int]], columns.tolist())):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            text = memory.get(key)
            if text is None:
                if len(memory) >= _LEMMA_MEMORY:
                    memory.clear()
                text = memory[key] = lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = strings.add(text)
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(length, 1)))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _with_index_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """``lemmatizer``, or a copy of it whose ``lemma_index`` word lists are sets: the rule mode only asks whether a
    form is in one, and a list of 57,528 nouns answers that by reading it through (about 70 µs a word the first time
    it is seen, 1.9 of the 2.4 CPU seconds of the lemmas of all of ECB+). The lemmatizer given is left as it was."""
    lookups = lemmatizer.lookups
    if not lookups.has_table("lemma_index") or not any(
            isinstance(words, list) for words in lookups.get_table("lemma_index").values()):
        return lemmatizer
    tables = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            sets = Table(name=name)
            for key, words in table.items():  # keys are string hashes, kept as they are
                sets[key] = frozenset(words) if isinstance(words, list) else words
            table = sets
        tables.set_table(name, table)
    clone = copy.copy(lemmatizer)
    clone.lookups = tables
    clone.cache = {}
    clone.lemmatize = getattr(clone, f"{clone.mode}_lemmatize")  # the copy's own, not the bound original's
    return clone


def speed_up(nlp: Language) -> list[str]:
    """Put ``ColumnMatcher`` into the pipeline's attribute rulers and ``ColumnLemmatizer`` in place of its
    lemmatizers, where they apply; return the names of the components changed."""
    changed = []
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            matcher = ColumnMatcher.compile(component)
            if matcher is not None:
                component.match = matcher  # type: ignore[method-assign]
                changed.append(name)
        elif ColumnLemmatizer.applies(component):
            cast(ColumnLemmatizer, nlp.replace_pipe(name, "newsgraph_lemmatizer")).adopt(cast(Lemmatizer, component))
            changed.append(name)
    return changed


@Language.factory("newsgraph_lemmatizer")
def _column_lemmatizer(nlp: Language, name: str) -> ColumnLemmatizer:
    return ColumnLemmatizer()


__all__ = ["ColumnLemmatizer", "ColumnMatcher", "speed_up"]
