"""Token attributes of a whole Doc as plain columns, to pick out the few tokens a pass needs.

Creating a spaCy ``Token`` and reading a string attribute costs far more than the rule that follows; a pass over
every token of every article (the mention finders make several) was most of their time. ``Doc.to_array`` reads
attributes of every token in one call (string attributes as hashes); a rule that only looks at some tokens (a
pronoun, a role noun, a word the article uses as a name) finds them in the columns and builds ``Token`` objects
for those alone. Columns are Python lists: a Doc is a few hundred tokens, too few for numpy's per-call cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar, cast

from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE
from spacy.strings import get_string_id
from spacy.tokens import Doc

T = TypeVar("T")


def columns(doc: Doc, attrs: list[int]) -> list[list[int]]:
    """One list per attribute, of its value for every token (a hash for a string attribute, an id for POS and
    DEP, 0/1 for a flag).

    >>> from spacy.lang.en import English
    >>> from spacy.attrs import IS_TITLE, LENGTH
    >>> columns(English()("Mr. Putin agreed"), [IS_TITLE, LENGTH])
    [[1, 1, 0], [3, 5, 6]]
    """
    if not len(doc):
        return [[] for _ in attrs]
    # thinc types the array's ``tolist`` as floats; attribute arrays hold unsigned integers.
    return cast(list[list[int]], doc.to_array([*attrs]).reshape(len(doc), len(attrs)).T.tolist())


def hashes(words: Iterable[str]) -> frozenset[int]:
    """The hashes spaCy gives ``words`` (what a string column holds for them).

    >>> from spacy.lang.en import English
    >>> from spacy.attrs import LOWER
    >>> [h in hashes({"he", "she"}) for h in columns(English()("He said she left"), [LOWER])[0]]
    [True, False, True, False]
    """
    return frozenset(get_string_id(w) for w in words)


class ByString(Generic[T]):
    """A function of a string, applied to a column of string hashes and remembered by hash (a hash stands for
    the same string in every Doc), so it runs once per distinct word a worker sees, not once per token.

    >>> from spacy.lang.en import English
    >>> from spacy.attrs import ORTH
    >>> doc = English()("Kyiv and kyiv")
    >>> ByString(str.istitle).column(doc, columns(doc, [ORTH])[0])
    [True, False, False]
    """

    def __init__(self, function: Callable[[str], T], *, maxsize: int = 1 << 18) -> None:
        self._function, self._maxsize = function, maxsize
        self._memo: dict[int, T] = {}

    def column(self, doc: Doc, values: list[int]) -> list[T]:
        memo, strings = self._memo, doc.vocab.strings
        if len(memo) > self._maxsize:
            memo.clear()
        function = self._function
        return [memo[h] if h in memo else memo.setdefault(h, function(strings[h])) for h in values]


def sentence_firsts(starts: list[int]) -> list[int]:
    """The first token of each token's sentence (what ``token.sent.start`` finds by a walk back and a new Span),
    from the SENT_START column (1 at a sentence's first token; the first token starts one whatever it holds).

    >>> sentence_firsts([1, 0, 0, 1, 0]), sentence_firsts([0, 0, 1])
    ([0, 0, 0, 3, 3], [0, 0, 2])
    """
    found, first = [], 0
    for i, start in enumerate(starts):
        if start == 1:
            first = i
        found.append(first)
    return found


def word_and_sentence_counts(doc: Doc) -> tuple[int, int]:
    """(words, sentences): tokens that are neither punctuation nor space, and sentences with an alphabetic token.

    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> word_and_sentence_counts(nlp("Putin agreed. ... Trump said so!"))
    (5, 2)
    """
    alpha, punct, space = columns(doc, [IS_ALPHA, IS_PUNCT, IS_SPACE])
    words = len(doc) - sum(p | s for p, s in zip(punct, space))
    return words, sum(1 for sent in doc.sents if any(alpha[sent.start:sent.end]))
