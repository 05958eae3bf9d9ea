"""Token attributes of a whole Doc as plain columns, to pick out the few tokens a pass needs.

Creating a spaCy ``Token`` and reading a string attribute costs far more than the rule that follows; a pass over
every token of every article (the mention finders make several) was most of their time. ``Doc.to_array`` reads
attributes of every token in one call (string attributes as hashes); a rule that only looks at some tokens (a
pronoun, a role noun, a word the article uses as a name) finds them in the columns and builds ``Token`` objects
for those alone. Columns are Python lists: a Doc is a few hundred tokens, too few for numpy's per-call cost.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar, cast

from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
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
    # Read once per Doc (``doc_table``) and shared: the passes ask for the same few attributes again and again,
    # and a call reads every token. The first call reads the common ones with it, in the same array.
    cached = doc_table(doc).memo("columns")
    missing = [a for a in attrs if a not in cached]
    if missing:
        wanted = list(dict.fromkeys(missing + [a for a in _COMMON if a not in cached]))
        cached.update(zip(wanted, _read(doc, wanted)))
    return [cached[a] for a in attrs]


#: The attributes the passes read of every Doc, read together on the first ``columns`` call for a Doc.
_COMMON = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_IOB, IDX, SPACY, IS_PUNCT, IS_SPACE, IS_ALPHA, LIKE_NUM,
           IS_STOP, IS_TITLE, IS_LOWER]


def _read(doc: Doc, attrs: list[int]) -> list[list[int]]:
    """``columns`` read from the Doc (no cache): one ``Doc.to_array`` call."""
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
        memo = self._memo
        if len(memo) > self._maxsize:
            memo.clear()
        try:  # most Docs hold no word this worker has not seen
            return [memo[h] for h in values]
        except KeyError:
            strings, function = doc.vocab.strings, self._function
            for h in dict.fromkeys(values):  # first seen first, as the column reads them
                if h not in memo:
                    memo[h] = function(strings[h])
            return [memo[h] for h in values]


def head_indices(doc: Doc) -> list[int]:
    """The index of each token's head (``token.head.i``; a root is its own head).

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Putin", "agreed", "today"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "npadvmod"])
    >>> head_indices(doc), [t.head.i for t in doc]
    ([1, 1, 1], [1, 1, 1])
    """
    if not len(doc):
        return []
    memo = doc_table(doc).memo("heads")  # once per Doc, shared by the passes
    if None not in memo:
        # HEAD is the offset to the head, which the array's unsigned integers hold modulo 2 ** 64.
        memo[None] = (doc.to_array(HEAD).astype("int64") + range(len(doc))).tolist()
    return cast(list[int], memo[None])


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


def sentence_numbers(starts: list[int]) -> list[int]:
    """The number of each token's sentence (its place in ``doc.sents``), from the SENT_START column.

    >>> sentence_numbers([1, 0, 0, 1, 0]), sentence_numbers([0, 0, 1])
    ([0, 0, 0, 1, 1], [0, 0, 1])
    """
    found, n = [], 0
    for i, start in enumerate(starts):
        if start == 1 and i:
            n += 1
        found.append(n)
    return found


class DocTable:
    """Lookups of one Doc that several passes read, computed once: each token's sentence (first token, end), the
    sentences' first tokens (``starts``) and per-token results the passes share (``memo``).

    It holds plain integers and results keyed by token index, never the Doc or its tokens, and ``doc_table``
    keeps the table of one Doc at a time, so nothing outlives the article being analysed.
    """

    def __init__(self, doc: Doc) -> None:
        (starts,) = _read(doc, [SENT_START]) if len(doc) else [[]]
        self.firsts = sentence_firsts(starts)
        self.ends: list[int] = []
        end = len(starts)
        for i in range(len(starts) - 1, -1, -1):
            self.ends.append(end)
            if starts[i] == 1:
                end = i
        self.ends.reverse()
        self.starts = sorted(set(self.firsts))  # the first token of each sentence, in order
        self._memos: dict[str, dict[Any, Any]] = {"columns": {SENT_START: starts}}
        self._on_release: list[Callable[[], None]] = []

    def memo(self, name: str) -> dict[Any, Any]:
        """The results a pass named ``name`` remembered for this Doc, by token index (or a tuple of them)."""
        return self._memos.setdefault(name, {})

    def on_release(self, function: Callable[[], None]) -> None:
        """Call ``function()`` when the table is dropped for another Doc's (to unlink what a pass made for this
        Doc: objects that refer to each other would otherwise wait for the cyclic collector)."""
        self._on_release.append(function)

    def release(self) -> None:
        """Run the ``on_release`` functions and forget what the passes remembered."""
        for function in self._on_release:
            function()
        self._on_release.clear()
        self._memos.clear()


_current: tuple[weakref.ref[Doc], int, DocTable] | None = None


def doc_table(doc: Doc) -> DocTable:
    """The ``DocTable`` of ``doc``: made on the first call for a Doc, the same one for as long as the passes work
    on that Doc (held weakly). The table is of the Doc as it was then: a Doc retokenised since (another length)
    gets a new one; annotations edited in place are not seen, so a caller that edits a Doc between passes must
    not count on the table.

    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> table = doc_table(nlp("Putin agreed. Trump said so!"))
    >>> table.firsts, table.ends
    ([0, 0, 0, 3, 3, 3, 3], [3, 3, 3, 7, 7, 7, 7])
    """
    global _current
    current = _current
    if current is not None and current[0]() is doc and current[1] == len(doc):
        return current[2]
    if current is not None:
        current[2].release()
    table = DocTable(doc)
    _current = (weakref.ref(doc), len(doc), table)
    return table


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (spaCy joins the tokens anew on every access) for every pass that reads it.

    >>> from spacy.lang.en import English
    >>> doc_text(English()("Putin agreed  today."))
    'Putin agreed  today.'
    """
    memo = doc_table(doc).memo("text")
    if None not in memo:
        # What ``doc.text`` joins (each token's ``text_with_ws``), read from the columns: no Token made.
        orth, spaces = columns(doc, [ORTH, SPACY])
        strings = doc.vocab.strings
        memo[None] = "".join([strings[o] + " " if s else strings[o] for o, s in zip(orth, spaces)])
    return cast(str, memo[None])


def span_text(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """(text, start character, end character) of ``doc[start:end]``, as the Span gives them, without building the
    Span (which costs more than a dozen Tokens): a slice of the text joined once per Doc, remembered per span.

    >>> from spacy.lang.en import English
    >>> doc = English()("Mr. Putin agreed  today")
    >>> span_text(doc, 1, 3), (doc[1:3].text, doc[1:3].start_char, doc[1:3].end_char)
    (('Putin agreed', 4, 16), ('Putin agreed', 4, 16))
    """
    memo = doc_table(doc).memo("span_text")
    key = (start, end)
    found = memo.get(key)
    if found is None:
        if 0 <= start < end <= len(doc):
            idx, orth = columns(doc, [IDX, ORTH])  # no Token made
            first, stop = idx[start], idx[end - 1] + len(doc.vocab.strings[orth[end - 1]])
            found = (doc_text(doc)[first:stop], first, stop)
        else:
            span = doc[start:end]
            found = (span.text, span.start_char, span.end_char)
        memo[key] = found
    return cast(tuple[str, int, int], found)


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
    if not doc.has_annotation("SENT_START"):
        list(doc.sents)  # spaCy's error for a Doc with no sentence boundaries
    table = doc_table(doc)  # doc.sents, without a Span per sentence
    return words, sum(1 for first in table.starts if any(alpha[first:table.ends[first]]))
