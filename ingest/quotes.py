"""Quotations in a parsed article: where they open and close, and who speaks them when the sentence a clause
stands in does not say (a quotation over several sentences, or one that goes on from the speaker's last)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.ingest.qualifiers import speaking_subject, speaking_verb

__all__ = ["Quotations", "find_quotations", "inside_quote", "quotation_speaker", "quote_spans", "quote_speakers"]

_OPENING_QUOTES = frozenset({"“", "``", "`", "«"})
_CLOSING_QUOTES = frozenset({"”", "''", "»"})
_STRAIGHT_QUOTES = frozenset({'"'})
_MARKS = _OPENING_QUOTES | _CLOSING_QUOTES | _STRAIGHT_QUOTES  # spaCy does not take a backtick for punctuation


@dataclass(frozen=True)
class Quotations:
    """The quotations of one article (``quote_spans``) and the speaker of each sentence a quotation stands for
    (``quote_speakers``), found once and read by every extractor."""

    spans: tuple[tuple[int, int], ...] = ()
    speakers: dict[int, Token] = field(default_factory=dict)


def find_quotations(doc: Doc) -> Quotations:
    """The quotations of ``doc`` and who speaks them."""
    spans = quote_spans(doc)
    return Quotations(spans, quote_speakers(doc, spans))


def quote_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """The quotations of ``doc`` as token spans (opening mark, closing mark), both inclusive.

    Curly, guillemet and backtick marks open and close by their shape; a straight double quote opens when it is
    stuck to the word after it ('"She'), closes when stuck to the word before it ('lives,"'), and otherwise
    alternates. A quote left open runs to the end of its paragraph (a blank line) or of the text.
    """
    spans = []
    opened: int | None = None
    for token in doc:
        text = token.text
        straight = _straight_direction(token) if text in _STRAIGHT_QUOTES else None
        if text in _OPENING_QUOTES or straight == "open" or (straight == "either" and opened is None):
            opened = token.i
        elif (text in _CLOSING_QUOTES or straight is not None) and opened is not None:
            spans.append((opened, token.i))
            opened = None
        elif opened is not None and "\n\n" in token.text_with_ws:
            spans.append((opened, token.i))
            opened = None
    if opened is not None and opened + 1 < len(doc):
        spans.append((opened, len(doc) - 1))  # left open at the end of the text: it runs to the end
    return tuple(spans)


def _straight_direction(token: Token) -> str:
    """Whether a straight quote opens ("open"), closes ("close") or may do either ("either"), by what it is stuck
    to."""
    doc = token.doc
    after = token.i + 1 < len(doc) and not token.whitespace_ and not doc[token.i + 1].is_punct
    before = token.i > 0 and not doc[token.i - 1].whitespace_ and not doc[token.i - 1].is_space
    if after and not before:
        return "open"
    if before and not after:
        return "close"
    return "either"


def quote_speakers(doc: Doc, spans: tuple[tuple[int, int], ...] | None = None) -> dict[int, Token]:
    """Sentence start token → the speaker of the quotation that sentence lies in, where the sentence itself may
    not say who speaks.

    A quotation over several sentences: '“A. B. C,” she said.' gives A and B the speaker "she"; 'She said: “A.
    B.”' likewise (the subject, or inverted subject, of a speech verb outside the quotation, in the sentence that
    closes it, else in the one that opens it). A quotation with no speaker of its own that fills its sentences and
    follows straight on from the last one's ('“A,” she said. “B.”') or from a report whose words are to come ('She
    said in a statement. “B.”') goes on in that speaker's voice, as news writes a quote over several paragraphs.
    """
    out: dict[int, Token] = {}
    previous: tuple[int, Token] | None = None  # (end of the sentence that closed the last spoken quotation, speaker)
    spans = spans if spans is not None else quote_spans(doc)
    for first, last in spans:
        opening, closing = doc[first].sent, doc[last].sent
        speaker = quotation_speaker(doc, first, last)
        if speaker is None and _fills(doc, first, last):
            if previous is not None and previous[0] == opening.start:
                speaker = previous[1]
            elif opening.start > 0:
                speaker = _announced(doc[opening.start - 1].sent, spans)
        elif opening.start == closing.start and speaker is not None:
            previous = (closing.end, speaker)
            continue  # one sentence that says who speaks: the parse attributes it
        if speaker is None:
            previous = None
            continue
        previous = (closing.end, speaker)
        for sent in doc.sents:
            if opening.start <= sent.start < closing.end:
                out.setdefault(sent.start, speaker)
    return out


def _fills(doc: Doc, first: int, last: int) -> bool:
    """True when the quotation from ``first`` to ``last`` is its sentences, but for punctuation around it."""
    before = doc[doc[first].sent.start:first]
    after = doc[last + 1:doc[last].sent.end]
    return all(t.is_punct or t.is_space or t.text in _MARKS for t in (*before, *after))


def _announced(sent, spans: tuple[tuple[int, int], ...]) -> Token | None:
    """The speaker of a report whose words are still to come: a speech verb outside any quotation, with a subject
    and no clause of what was said ("A Foreign Office spokeswoman said in a statement.", "She told reporters:")."""
    for token in sent:
        if speaking_verb(token) and not inside_quote(token.i, spans) and not any(
                c.dep_ in {"ccomp", "xcomp", "parataxis"} for c in token.children):
            subject = speaking_subject(token)
            if subject is not None:
                return subject
    return None


def quotation_speaker(doc: Doc, first: int, last: int) -> Token | None:
    """The speaker of the quotation from token ``first`` to ``last`` (its marks): the subject of a speech verb
    after the closing mark in its sentence ('“…,” she said'), or else before the opening mark ('She said: “…').
    """
    opening, closing = doc[first].sent, doc[last].sent
    return _speaker_outside(closing, last + 1, closing.end) or _speaker_outside(opening, opening.start, first)


def _speaker_outside(sent, start: int, end: int) -> Token | None:
    doc = sent.doc
    for token in doc[start:end] if start < end else ():
        if speaking_verb(token):
            subject = speaking_subject(token)
            if subject is not None and start <= subject.i < end:
                return subject
    return None


def inside_quote(i: int, spans: tuple[tuple[int, int], ...]) -> bool:
    """True when token ``i`` lies strictly inside one of the quotations ``spans``.

    >>> inside_quote(3, ((2, 5),)), inside_quote(5, ((2, 5),))
    (True, False)
    """
    return any(first < i < last for first, last in spans)


