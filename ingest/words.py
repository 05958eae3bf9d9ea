"""The tokens of a Doc as plain Python objects, made once per Doc, for the passes that walk the parse tree.

The clause, event, qualifier and speaker rules read a few attributes of a token and of its head and children, many
times over: each ``token.children`` makes a new spaCy ``Token`` per child through ``Doc.__getitem__``, and each
``dep_`` or ``lower_`` looks its string up again; that was most of the cost of extraction. A ``Word`` holds the
same values, read once for the whole Doc from ``Doc.to_array`` (``newsgraph.ingest.columns``); its ``head`` is a
``Word`` and its ``children`` a tuple of them, so a walk over the tree makes no object at all.

A ``Word`` answers what the rules ask of a ``Token`` (the attributes below, with the same values), so a rule works
on either. Words of one Doc come from one table (``words``): one token is one ``Word``, compared by identity or,
as the rules do, by ``i``; ``doc`` is the spaCy Doc itself, for what only it gives (a Span, ``char_span``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.columns import columns, doc_table, head_indices, span_text

_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_IOB, IDX, SPACY, IS_PUNCT, IS_SPACE, IS_ALPHA, LIKE_NUM,
          SENT_START]
_IOB = ("", "I", "O", "B")


class Word:
    """One token of a Doc (module notes): ``Token``'s attributes as plain values."""

    __slots__ = ("i", "idx", "text", "whitespace_", "orth", "lower", "lemma", "pos", "dep", "lower_", "lemma_",
                 "pos_", "tag_", "dep_", "ent_type_", "ent_iob_", "is_punct", "is_space", "is_alpha", "like_num",
                 "is_sent_start", "doc", "head", "lefts", "rights", "children", "_words", "_edges")

    i: int
    idx: int
    text: str
    orth: int
    lower: int
    lemma: int
    pos: int
    dep: int
    whitespace_: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    ent_type_: str
    ent_iob_: str
    is_punct: bool
    is_space: bool
    is_alpha: bool
    like_num: bool
    is_sent_start: bool | None
    doc: Doc
    head: Word
    lefts: tuple[Word, ...]
    rights: tuple[Word, ...]
    children: tuple[Word, ...]
    _words: list[Word]
    _edges: tuple[int, int] | None

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def n_lefts(self) -> int:
        return len(self.lefts)

    @property
    def n_rights(self) -> int:
        return len(self.rights)

    def _edge_pair(self) -> tuple[int, int]:
        if self._edges is None:
            token = self.doc[self.i]
            self._edges = (token.left_edge.i, token.right_edge.i)
        return self._edges

    @property
    def left_edge(self) -> Word:
        return self._words[self._edge_pair()[0]]

    @property
    def right_edge(self) -> Word:
        return self._words[self._edge_pair()[1]]

    @property
    def subtree(self) -> Iterator[Word]:
        """The word and its descendants, in the order ``Token.subtree`` gives them."""
        for word in self.lefts:
            yield from word.subtree
        yield self
        for word in self.rights:
            yield from word.subtree

    @property
    def ancestors(self) -> Iterator[Word]:
        word = self
        while word.head is not word:
            word = word.head
            yield word

    def is_ancestor(self, descendant: Any) -> bool:
        """True when ``descendant`` (a Word or Token of the same Doc) is below this word in the tree."""
        word = self._words[descendant.i]
        return any(a is self for a in word.ancestors)

    @property
    def conjuncts(self) -> tuple[Word, ...]:
        """The words coordinated with this one, as ``Token.conjuncts`` gives them."""
        start = self
        while start.head is not start and start.dep_ == "conj":
            start = start.head
        queue, output = [start], [start]
        for word in queue:
            for child in word.rights:
                if child.dep_ == "conj":
                    output.append(child)
                    queue.append(child)
        return tuple(w for w in output if w.i != self.i)

    @property
    def sent(self) -> WordSpan:
        table = doc_table(self.doc)
        return WordSpan(self.doc, table.firsts[self.i], table.ends[self.i])

    def nbor(self, offset: int = 1) -> Word:
        at = self.i + offset
        if not 0 <= at < len(self._words):
            raise IndexError(f"token {self.i} has no neighbour at offset {offset}")
        return self._words[at]


class WordSpan:
    """Tokens ``start`` to ``end`` of a Doc as Words: what the rules read of a sentence ``Span``."""

    __slots__ = ("doc", "start", "end", "_words")

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end
        self._words = words(doc)

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Word]:
        return iter(self._words[self.start:self.end])

    def __reversed__(self) -> Iterator[Word]:
        return reversed(self._words[self.start:self.end])

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self))
            return WordSpan(self.doc, self.start + start, self.start + max(start, stop))
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(f"no token {key} in a span of {len(self)}")
        return self._words[self.start + key]

    @property
    def text(self) -> str:
        return span_text(self.doc, self.start, self.end)[0]

    @property
    def start_char(self) -> int:
        return span_text(self.doc, self.start, self.end)[1]

    @property
    def end_char(self) -> int:
        return span_text(self.doc, self.start, self.end)[2]


def words(doc: Doc) -> list[Word]:
    """The ``Word`` of every token of ``doc``, made on the first call for the Doc (``doc_table``).

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Putin", "and", "Trump", "agreed"], heads=[3, 0, 0, 3],
    ...           deps=["nsubj", "cc", "conj", "ROOT"])
    >>> table = words(doc)
    >>> [(w.text, w.head.text, [c.text for c in w.children]) for w in table]  # doctest: +NORMALIZE_WHITESPACE
    [('Putin', 'agreed', ['and', 'Trump']), ('and', 'Putin', []), ('Trump', 'Putin', []),
     ('agreed', 'agreed', ['Putin'])]
    >>> [w.text for w in table[0].conjuncts], [w.text for w in table[3].subtree], table[0].is_sent_start
    (['Trump'], ['Putin', 'and', 'Trump', 'agreed'], True)
    """
    table = doc_table(doc)
    memo = table.memo("words")
    found = memo.get(None)
    if found is None:
        found = memo[None] = _make(doc)
        table.on_release(lambda: _unlink(found))
    return cast(list[Word], found)


def as_tokens(doc: Doc) -> list[Token]:
    """``words(doc)`` typed as what the rules take: a Word answers every attribute of ``Token`` they read (module
    notes), which the analyses' byte-for-byte comparison with spaCy's own Tokens checks
    (``benchmarks/extraction.py``)."""
    return cast(list[Token], words(doc))


def sentence_spans(doc: Doc) -> list[Span]:
    """``sentences(doc)`` typed as what the rules take: a WordSpan answers what they read of a sentence ``Span``."""
    return cast(list[Span], sentences(doc))


def sentences(doc: Doc) -> list[WordSpan]:
    """``doc.sents`` as WordSpans (a sentence starts at a token whose SENT_START is 1, or at the first token)."""
    table = doc_table(doc)
    return [WordSpan(doc, first, table.ends[first]) for first in table.starts]


def _unlink(table: list[Word]) -> None:
    """Drop the links between the words of a table, which is then freed at once (no cycle left to collect)."""
    for w in table:
        w.head = w.children = w.lefts = w.rights = w._words = None  # type: ignore[assignment]


#: Hash → string of every word a process has seen (a hash stands for one string in every Doc), so that a Doc's
#: words are looked up in the string store only when new.
_NAMES: dict[int, str] = {}


def _make(doc: Doc) -> list[Word]:
    n = len(doc)
    if not n:
        return []
    cols = columns(doc, _ATTRS)
    names = _NAMES
    if len(names) > 1 << 19:
        names.clear()
    strings = doc.vocab.strings
    for h in set().union(*cols[:7]).difference(names):
        names[h] = strings[h]
    heads = head_indices(doc)
    table: list[Word] = []
    append, new = table.append, Word.__new__
    for i, (h, lo, le, po, ta, de, en, io, ix, sp, pu, sa, al, nu, st) in enumerate(zip(*cols)):
        w = new(Word)
        w.i = i
        w.idx = ix
        w.text = names[h]
        w.orth = h
        w.lower = lo
        w.lemma = le
        w.pos = po
        w.dep = de
        w.whitespace_ = " " if sp else ""
        w.lower_ = names[lo]
        w.lemma_ = names[le]
        w.pos_ = names[po]
        w.tag_ = names[ta]
        w.dep_ = names[de]
        w.ent_type_ = names[en]
        w.ent_iob_ = _IOB[io]
        w.is_punct = pu == 1
        w.is_space = sa == 1
        w.is_alpha = al == 1
        w.like_num = nu == 1
        w.is_sent_start = None if st == 0 else st == 1
        w.doc = doc
        w._words = table
        w._edges = None
        append(w)
    kids: list[list[Word]] = [[] for _ in range(n)]
    for w, h in zip(table, heads):
        head = table[h]
        w.head = head
        if head is not w:
            kids[h].append(w)
    for w, children in zip(table, kids):  # each list in order of index: the left children, then the right ones
        i, k = w.i, 0
        while k < len(children) and children[k].i < i:
            k += 1
        w.children, w.lefts, w.rights = tuple(children), tuple(children[:k]), tuple(children[k:])
    return table
