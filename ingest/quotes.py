"""Quotations in a parsed article: where they open and close, and who speaks them when the sentence a clause
stands in does not say (a quotation over several sentences, or one that goes on from the speaker's last)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from spacy.attrs import ORTH, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.columns import ByString, columns, doc_table
from newsgraph.ingest.qualifier_words import DOCUMENT_NOUNS
from newsgraph.ingest.reported_speech import speaking_subject, speaking_verb

__all__ = ["Quotations", "broken_reports", "find_quotations", "inside_quote", "quotation_speaker", "quote_spans",
           "quote_speakers", "signature_speaker"]

_OPENING_QUOTES = frozenset({"“", "``", "`", "«"})
_CLOSING_QUOTES = frozenset({"”", "''", "»"})
_STRAIGHT_QUOTES = frozenset({'"'})
#: The dashes that open a line naming who spoke the quotation above it ("— Sam Okafor").
_DASHES = frozenset({"—", "–", "―", "-", "--"})
#: What a speaker named on such a line may be tagged as.
_SPEAKER_TYPES = frozenset({"PERSON", "ORG"})
_MARKS = _OPENING_QUOTES | _CLOSING_QUOTES | _STRAIGHT_QUOTES  # spaCy does not take a backtick for punctuation
#: Tokens ``quote_spans`` acts on: the marks, and the paragraph breaks that close a quotation left open.
_VERBAL = frozenset(get_string_id(p) for p in ("VERB", "AUX"))
_MARKED = ByString(lambda text: text in _MARKS or "\n\n" in text)


@dataclass(frozen=True)
class Quotations:
    """The quotations of one article (``quote_spans``) and the speaker of each sentence a quotation stands for
    (``quote_speakers``), found once and read by every extractor."""

    spans: tuple[tuple[int, int], ...] = ()
    speakers: dict[int, Token] = field(default_factory=dict)


def find_quotations(doc: Doc) -> Quotations:
    """The quotations of ``doc`` and who speaks them, with the speakers of the pieces of a sentence the parser
    broke in two (``broken_reports``)."""
    spans = quote_spans(doc)
    return Quotations(spans, {**broken_reports(doc, spans), **quote_speakers(doc, spans)})


def broken_reports(doc: Doc, spans: tuple[tuple[int, int], ...] | None = None) -> dict[int, Token]:
    """Sentence start → speaker, for a report the parser split at a full stop that ends no sentence.

    '…about 1:30 a. | m., CHP Officer Brian Pennings said.': a piece that goes on from the one before (it starts
    with punctuation or a lower-case word) and holds only a speech verb with its subject, no clause of what was
    said, gives that subject to the pieces before it. 'Gaskin said the two incidents in Mt. | Cook National Park
    were not related': a piece that breaks after an abbreviation ("Mt.", "a.") inside the object the parser gave
    "say" (which takes a clause, not a noun phrase) gives the subject of "say" to the piece after it.
    """
    spans = spans if spans is not None else quote_spans(doc)
    sents = list(doc.sents)
    speaking = _speaking_verbs(doc)
    out: dict[int, Token] = {}
    for k, sent in enumerate(sents):
        verb = next((t for t in (doc[i] for i in range(sent.start, sent.end) if i in speaking)
                     if not inside_quote(t.i, spans)
                     and not any(c.dep_ in {"ccomp", "xcomp", "parataxis", "advcl"} for c in t.children)), None)
        subject = speaking_subject(verb) if verb is not None else None
        if verb is None or subject is None or inside_quote(subject.i, spans):
            continue
        if _only_report(sent, verb, subject):
            j = k
            while j > 0 and j > k - 3 and _continues(sents[j]):
                j -= 1  # the pieces before, back to the one that starts the sentence
                out.setdefault(sents[j].start, subject)
        # "said the two incidents in Mt.": "say" takes no such object; what was said runs on past the break
        cut = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i != subject.i
                    and c.right_edge.i >= sent.end - 2), None) if verb.lemma_.lower() == "say" else None
        if k + 1 < len(sents) and cut is not None and _broken_after(sent) \
                and not any(i in speaking for i in range(sents[k + 1].start, sents[k + 1].end)):
            out.setdefault(sents[k + 1].start, subject)
    return out


def _speaking_verbs(doc: Doc) -> set[int]:
    """The tokens that are verbs of saying (``speaking_verb``), looked at among the verbs alone."""
    return {i for i, pos in enumerate(columns(doc, [POS])[0]) if pos in _VERBAL and speaking_verb(doc[i])}


def _only_report(sent: Span, verb: Token, subject: Token) -> bool:
    """True when ``sent`` is a speech verb, its subject and its circumstances only ("…, Officer Pennings said on
    Tuesday."), nothing else, the verb heading the sentence."""
    if verb.dep_ != "ROOT" or verb.head.i != verb.i:
        return False
    allowed = {t.i for t in subject.subtree} | {verb.i} | {
        t.i for c in verb.children if c.dep_ in {"prep", "npadvmod", "advmod", "punct"} for t in c.subtree}
    return all(t.is_punct or t.is_space or t.i in allowed for t in sent if t.i != verb.i)


def _continues(sent: Span) -> bool:
    """True when ``sent`` starts with punctuation or a lower-case word: it goes on from the sentence before."""
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and (first.is_punct and first.text not in _MARKS or first.text[:1].islower())


def _broken_after(sent: Span) -> bool:
    """True when ``sent`` ends at a full stop after an abbreviation: one to three letters ("Mt.", "a.", "St.")."""
    words = [t for t in sent if not t.is_space]
    if len(words) < 2 or words[-1].text != "." or not words[-2].is_alpha:
        return False
    return len(words[-2].text) == 1 or len(words[-2].text) <= 3 and words[-2].text[0].isupper()


def quote_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """The quotations of ``doc`` as token spans (opening mark, closing mark), both inclusive.

    Curly, guillemet and backtick marks open and close by their shape; a straight double quote opens when it is
    stuck to the word after it ('"She'), closes when stuck to the word before it ('lives,"'), and otherwise
    alternates. A quote left open runs to the end of its paragraph (a blank line), to the next opening mark (news
    leaves a quotation open at the end of a paragraph that the next one goes on with) or to the end of the text.
    """
    memo = doc_table(doc).memo("quote_spans")  # every pass that reads quotations asks
    if None not in memo:
        memo[None] = _quote_spans(doc)
    return cast(tuple[tuple[int, int], ...], memo[None])


def _quote_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    spans = []
    opened: int | None = None
    marked = _MARKED.column(doc, columns(doc, [ORTH])[0])
    for i in (i for i, mark in enumerate(marked) if mark):  # the other tokens neither open nor close a quotation
        token = doc[i]
        text = token.text
        straight = _straight_direction(token) if text in _STRAIGHT_QUOTES else None
        if text in _OPENING_QUOTES or straight == "open" or (straight == "either" and opened is None):
            if opened is not None and token.i > opened + 1:
                spans.append((opened, token.i - 1))  # a quote paragraph left open goes on under a new mark
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
    after = token.i + 1 < len(doc) and not token.whitespace_ and not doc[token.i + 1].is_punct \
        and not doc[token.i + 1].is_space
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
    table = doc_table(doc)
    for first, last in spans:
        opening, closing, closing_end = table.firsts[first], table.firsts[last], table.ends[last]
        speaker = quotation_speaker(doc, first, last)
        signed = signature_speaker(doc, last) if speaker is None else None
        if signed is not None:
            speaker = signed  # '"…" | — Sam Okafor, regional secretary': every sentence of it, one or several
        elif speaker is None and _fills(doc, first, last):
            if previous is not None and previous[0] == opening:
                speaker = previous[1]
            elif opening > 0:
                speaker = _announced(doc[table.firsts[opening - 1]:opening], spans)
        elif opening == closing and speaker is not None:
            previous = (closing_end, speaker)
            continue  # one sentence that says who speaks: the parse attributes it
        if speaker is None:
            previous = None
            continue
        previous = (closing_end, speaker)
        for start in table.starts:
            if opening <= start < closing_end:
                out.setdefault(start, speaker)
    return out


def signature_speaker(doc: Doc, last: int) -> Token | None:
    """The speaker a line right after a quotation names: after the quotation's closing mark (token ``last``) and
    its line break (blank lines and a block quote's bare ">" between are allowed), a line that opens with a dash and
    a name, alone or with an apposition ('"…"' then '— Sam Okafor, regional secretary of the union'). The name
    is the token that ends it (a person or an organisation the parser tagged); anything else on the line but the
    apposition after a comma, or no line break before the dash, names no one."""
    i, broken = last + 1, "\n" in doc[last].whitespace_ or "\n" in doc[last].text
    while i < len(doc) and (doc[i].is_space or doc[i].text == ">"):
        broken = broken or "\n" in doc[i].text_with_ws
        i += 1
    if not broken or i >= len(doc) or doc[i].text not in _DASHES:
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_type_ in _SPEAKER_TYPES and (end == i + 1 or doc[end].ent_iob_ == "I") \
            and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if end == i + 1:
        return None  # no name right after the dash on its line
    ends_line = end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space
    return doc[end - 1] if ends_line or doc[end].text == "," else None


def _fills(doc: Doc, first: int, last: int) -> bool:
    """True when the quotation from ``first`` to ``last`` is its sentences, but for punctuation around it."""
    table = doc_table(doc)
    before = doc[table.firsts[first]:first]
    after = doc[last + 1:table.ends[last]]
    return all(t.is_punct or t.is_space or t.text in _MARKS for t in (*before, *after))


def _announced(sent, spans: tuple[tuple[int, int], ...]) -> Token | None:
    """The speaker of a report whose words are still to come or go on: a speech verb outside any quotation, with
    a subject and no clause of what was said ("A Foreign Office spokeswoman said in a statement.", "She told
    reporters:"), a statement issued ("Smith issued the following statement:"), or a report that closes its
    sentence ("Two deaths so close together was unusual, Gaskin said.", which the quotation after it goes on
    with; "Smith said Kyiv won." is a paraphrase, after which a quotation may be anyone's)."""
    for token in sent:
        if inside_quote(token.i, spans) or token.pos_ not in {"VERB", "AUX"}:
            continue
        if speaking_verb(token):
            content = [c for c in token.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}]
            reports = not content or token.dep_ == "ROOT" and all(c.i < token.i for c in content) \
                or token.dep_ == "parataxis" and token.head.dep_ == "ROOT" and token.head.i < token.i
            subject = speaking_subject(token) if reports else None
            if subject is not None and not inside_quote(subject.i, spans):
                return subject
        elif _issues_document(token):
            subject = speaking_subject(token)
            if subject is not None and subject.dep_ == "nsubj":
                return subject
    return None


def _issues_document(token: Token) -> bool:
    """True for a verb whose object is a statement or the like ("issued the following statement")."""
    return token.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS
                                        for c in token.children)


def _announces(doc: Doc, i: int) -> bool:
    """True when the line break at token ``i`` follows a colon: the line before announces what comes next."""
    before = next((t for t in reversed(doc[max(i - 3, 0):i + 1]) if not t.is_space), None)
    return before is not None and before.text == ":"


def quotation_speaker(doc: Doc, first: int, last: int) -> Token | None:
    """The speaker of the quotation from token ``first`` to ``last`` (its marks): the subject of a speech verb
    after the closing mark in its sentence ('“…,” she said'), or else before the opening mark ('She said: “…'), in
    the same line (or the line before, when it ends with a colon); the issuer of a statement counts as its speaker
    ('Smith issued the following statement: “…').
    """
    memo = doc_table(doc).memo("quotation_speaker")
    key = (first, last)
    if key not in memo:
        speaker = _quotation_speaker(doc, first, last)
        memo[key] = None if speaker is None else speaker.i
    return None if memo[key] is None else doc[memo[key]]


def _quotation_speaker(doc: Doc, first: int, last: int) -> Token | None:
    table = doc_table(doc)
    opening, closing_end = table.firsts[first], table.ends[last]
    after = next((t.i for t in doc[last + 1:closing_end] if "\n" in t.text_with_ws), closing_end)
    before = next((t.i + 1 for t in reversed(doc[opening:first]) if "\n" in t.text_with_ws
                   and not _announces(doc, t.i)), opening)
    return _speaker_outside(doc, last + 1, after) or _speaker_outside(doc, before, first)


def _speaker_outside(doc: Doc, start: int, end: int) -> Token | None:
    """The subject of a speech verb between ``start`` and ``end``, both in that stretch: the stretch stops at a
    line break, as a quotation's speaker is named in its own paragraph."""
    for token in doc[start:end] if start < end else ():
        if speaking_verb(token) or _issues_document(token):
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


