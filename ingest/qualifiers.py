"""How a clause is qualified: negated, hedged, and who it is attributed to (reported speech)."""

from __future__ import annotations

from spacy.tokens import Token

SPEECH_VERBS = frozenset(
    """say tell add claim state announce insist write report note argue warn deny confirm assert suggest
    acknowledge admit reiterate explain stress emphasise emphasize declare allege predict post reply respond
    tweet describe characterize characterise concede indicate recall complain contend testify""".split()
)
HEDGE_MODALS = frozenset({"would", "could", "may", "might", "should", "can", "ought", "'d"})
HEDGE_VERBS = frozenset(
    """hope plan want wish expect intend seek try aim seem appear propose consider like
    offer threaten prepare promise pledge""".split()
)
HEDGE_ADVERBS = frozenset({"hopefully", "possibly", "perhaps", "maybe", "probably", "reportedly", "allegedly",
                           "likely"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})


def is_negated(verb: Token, objects: tuple[Token, ...] = ()) -> bool:
    """True when the verb (or an object's determiner: "no indication") carries a negation.

    Quantifiers like "no" count on the object of the clause and on the noun a clause complements ("no indication
    that ..."); "never" and "not" on the verb or its auxiliaries.
    """
    if any(child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"} for child in verb.children):
        return True
    if verb.dep_ in {"acl", "ccomp"} and any(c.dep_ == "det" and c.lower_ == "no" for c in verb.head.children):
        return True  # "no indication that Putin had abandoned …"
    return any(child.dep_ == "det" and child.lower_ in {"no", "neither"} for obj in objects for child in obj.children)


def is_hedged(verb: Token, chain: tuple[Token, ...] = ()) -> bool:
    """True for modals, hedging verbs up the xcomp chain, hedging adverbs, and conditional clauses.

    A coordinated verb with no auxiliary of its own shares its head's ("would release ... and exchange").
    """
    shared: tuple[Token, ...] = ()
    if verb.dep_ == "conj" and not any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in verb.children):
        shared = (verb.head,)
    for token in (verb, *chain, *shared):
        for child in token.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in HEDGE_MODALS:
                return True
            if child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                return True
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS
                                             for m in child.children):
                return True
        if token in chain and (token.lemma_ in HEDGE_VERBS or token.lower_.startswith("hop")):
            return True
    head = verb
    while head.dep_ in {"conj", "xcomp", "ccomp", "advcl"} and head.head is not head:
        head = head.head
        if head.lemma_ in HEDGE_VERBS and head.lemma_ not in SPEECH_VERBS:
            return True
    return verb.lemma_ in {"seem", "appear"}


def speaker_of(verb: Token) -> Token | None:
    """The token that reports the clause headed by ``verb``: "the Kremlin said (that) ...", "according to X",
    "..., the Kremlin said." (parataxis), or ``None`` when the clause is not reported speech.

    Returns the head noun of the speaker phrase ("Kremlin", "statement"); the caller decides whether it is an
    entity.
    """
    # according to X, attached to this verb or an ancestor clause
    head: Token | None = verb
    while head is not None:
        for child in head.children:
            if child.lower_ == "according":
                for to in child.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return obj
            if child.dep_ in {"parataxis", "dep"} and child.lemma_ in SPEECH_VERBS:
                subject = _subject(child) or _inverted_subject(child)
                if subject is not None:
                    return subject
        if head.dep_ in {"ccomp", "conj", "advcl", "xcomp", "acomp"} and head.head is not head:
            parent = head.head
            if head.dep_ == "ccomp" and parent.lemma_ in SPEECH_VERBS:
                subject = _subject(parent)
                if subject is not None and subject.dep_ != "nsubjpass":
                    return subject
                # "It was emphasised that …, the Kremlin said": an impersonal report; look further out
            head = parent
        else:
            head = None
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """ "…, added the Kremlin": the parser often takes the speaker after the verb for its object."""
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and child.i > verb.i and child.pos_ == "PROPN":
            return child
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ == "conj":
        return _subject(verb.head)
    return None
