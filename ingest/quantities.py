"""The measures of each event mention: how many, how long, when, what share, what cost.

``event_quantities(doc, triggers, published)`` reads the number-like phrases of a parsed article (the entities
the model labels CARDINAL, QUANTITY, TIME, DATE, PERCENT and MONEY, and numbers it left unlabelled), normalises
each with ``newsgraph.ingest.numbers.normalise_quantity`` and attaches it to the event it measures:

* **the noun it modifies**, when that noun is an event ("a two-hour call" → the call), though a count of the
  event noun itself ("three strikes", "two games") is a number of happenings and measures none of them;
* else **the clause it is an argument of**: the nearest trigger up the parse from the phrase, or from the noun it
  counts ("killed 12 people" → the killing, a count of people; "injured two dozen others"; "spoke for 90
  minutes" → the speaking); a bare number counts only as the verb's own subject or object ("killed 12"), never
  from a time stamp, a score or an address the parse hangs anywhere. The climb stops at the clause's verb: a verb
  that is no trigger hands the measure to its subject when that is an event ("the call was two hours long"),
  else the measure is dropped;
* a length given by a verb of duration goes to what lasted ("the call lasted two hours", "a call that lasted two
  hours" → the call; "the call with Trump, which lasted two hours" → the call, as only a happening lasts).

The time of each event comes from its own time phrase, as ``newsgraph.ingest.circumstances`` reads and
resolves it (a ``date`` quantity with the ISO value), so there is one reading of dates in the code base.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import ENT_IOB, IDX, LIKE_NUM, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.circumstances import circumstances
from newsgraph.ingest.columns import columns
from newsgraph.ingest.numbers import normalise_quantity
from newsgraph.model import Quantity

#: Entity labels whose phrases can be measures.
QUANTITY_LABELS = frozenset({"CARDINAL", "QUANTITY", "TIME", "DATE", "PERCENT", "MONEY"})
#: Verbs whose length phrase measures their subject ("the call lasted two hours").
DURATION_VERBS = frozenset({"last", "take", "run", "span", "stretch", "drag"})
#: Dependencies of a number on the noun it counts or measures.
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"})
#: Dependencies of a bare number that a verb takes as its argument ("killed 12", "12 were killed").
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass"})
#: Dependencies the climb does not cross: the head of a clause of its own is not what the phrase measures.
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "parataxis", "relcl", "acl", "xcomp", "csubj", "conj", "ROOT"})


_NUM = get_string_id("NUM")
_OUTSIDE = frozenset({0, 2})  # ENT_IOB of a token in no entity: unset, or "O"


def event_quantities(doc: Doc, triggers: Iterable[int], published: str = "") -> dict[int, tuple[Quantity, ...]]:
    """The quantities and the time of each event mention, keyed by the character offset of its trigger.

    Args:
        doc: a parsed Doc (parser; NER for the phrase labels, else bare numbers only).
        triggers: the character offsets of the event mentions' triggers (``EventMention.start``,
            ``Triple.trigger_start``); a measure is attached to one of them or to none.
        published: the article's publication date in ISO 8601, to resolve the triggers' relative times.

    Returns:
        Trigger offset → its quantities in text order (a date first); triggers with none are left out.
    """
    by_idx = {idx: i for i, idx in enumerate(columns(doc, [IDX])[0])}  # character offset → token
    tokens = {by_idx[start] for start in set(triggers) if start in by_idx}
    found: dict[int, list[Quantity]] = {}
    for i in sorted(tokens):
        when = circumstances(doc[i], published)
        if when.when:
            found.setdefault(doc[i].idx, []).append(Quantity("date", when.when, "", when.when_text))
    for span, label in _phrases(doc):
        quantity = normalise_quantity(span.text, label)
        if quantity is None:
            continue
        start, unit = _measured(span, quantity)
        if unit == "\x00":
            continue  # a part of a count is no measure of the whole
        if quantity.kind == "count" and not unit:  # "killed 12": only a bare number the trigger takes as argument
            target = start.head if start.dep_ in _ARGUMENT_DEPS and start.head.i in tokens else None
        elif quantity.kind == "count" and start.i in tokens:
            target = None  # "two games", "three attacks": a number of happenings measures none of them
        else:
            target = _target(start, tokens, quantity.kind)
        if target is not None:
            if unit and quantity.kind == "count":
                quantity = Quantity(quantity.kind, quantity.value, unit, quantity.text, quantity.approximate)
            found.setdefault(target.idx, []).append(quantity)
    return {k: tuple(v) for k, v in found.items()}


def _phrases(doc: Doc) -> list[tuple[Span, str]]:
    """The number-like entities of ``doc``, and runs of numbers outside any entity (as CARDINAL)."""
    out = [(ent, ent.label_) for ent in doc.ents if ent.label_ in QUANTITY_LABELS]
    iob, like_num, pos = columns(doc, [ENT_IOB, LIKE_NUM, POS])
    i = 0
    while i < len(doc):
        if iob[i] in _OUTSIDE and like_num[i] and pos[i] == _NUM:
            end = i + 1
            while end < len(doc) and like_num[end] and iob[end] in _OUTSIDE:
                end += 1
            out.append((doc[i:end], "CARDINAL"))
            i = end
        else:
            i += 1
    return sorted(out, key=lambda p: p[0].start)


def _measured(span: Span, quantity: Quantity) -> tuple[Token, str]:
    """Where the climb to the event starts, and for a count the lemma of what is counted: the noun the number
    modifies ("12 people" → people), the noun of its of-phrase ("two of the victims" → victims), else the
    phrase's own head ("killed 12"); the unit ``"\x00"`` for one of several numbers of one noun ("12 Somali and
    11 Yemeni pirates"), a part of the count and no count of its own."""
    root = span.root
    if quantity.kind != "count":
        return root, ""
    head = root.head
    if root.dep_ in _MODIFIER_DEPS and head.i != root.i and head.pos_ in {"NOUN", "PROPN"} \
            and head.i not in range(span.start, span.end):
        if sum(c.dep_ == "nummod" for c in head.children) > 1:  # "12 Somali and 11 Yemeni pirates": parts
            return root, "\x00"
        return head, head.lemma_.lower()
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
                return root, obj.lemma_.lower()
    return root, ""


def _target(start: Token, triggers: set[int], kind: str) -> Token | None:
    """The event trigger a measure starting at ``start`` belongs to (see the module notes), or None."""
    token = start
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"}:
            if kind == "duration" and token.lemma_.lower() in DURATION_VERBS:
                lasted = _antecedent(token, triggers) if token.dep_ == "relcl" else _subject(token)
                if lasted is not None and lasted.i in triggers:
                    return lasted
            if token.i in triggers:
                return token
            subject = _subject(token)
            return subject if subject is not None and subject.i in triggers else None
        if token.i in triggers:
            return token
        if token.dep_ in _CLAUSE_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _antecedent(relcl: Token, triggers: set[int]) -> Token:
    """What a relative clause of duration is about: the noun it hangs on, or, when that is no event, the event
    noun whose prepositional phrase holds it ("the call with Trump, which lasted two hours": only a happening
    lasts, so the clause belongs to the call, whichever noun the parser hung it on)."""
    noun = relcl.head
    for _ in range(4):
        if noun.i in triggers or noun.dep_ not in {"pobj", "prep", "appos", "conj"} or noun.head.i == noun.i:
            return noun if noun.i in triggers else relcl.head
        noun = noun.head
    return noun if noun.i in triggers else relcl.head


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
