"""Whether a clause tells what is to happen or what happened, as its time phrase needs it: "on Tuesday" in a
Monday article is the coming Tuesday in "will appear on Tuesday" and "is due to appear on Tuesday", the last one
in "appeared on Tuesday" and "was due to appear on Tuesday" (``newsgraph.ingest.circumstances`` resolves a
clause's ``when`` with them).

A clause is ahead of the article when it has "will" or "shall", "is going to", or is the to-infinitive of a
present-tense schedule or intention: "is due to", "is set to", "is scheduled to", "is expected to", "is slated
to", "is poised to", "is about to", "is likely to" (``SCHEDULE_WORDS``); "plans to", "intends to", "hopes to",
"aims to" (``INTENTION_VERBS``); "is to". The same in the past ("was due to appear", "planned to vote") tells
nothing of when the plan was to happen, and a perfect infinitive ("is expected to have signed") looks back. A
commitment is the exception: the to-infinitive of a verb of commitment ("agreed to meet", "promised to
resign", "has decided to hold"; ``COMMITMENT_VERBS``) is ahead whatever that verb's tense, as an agreement
reported as news is about a coming act; only the pluperfect ("had agreed to meet", a commitment before another
past time) tells nothing.

An event noun has no tense of its own: it takes that of the verb it hangs from ("the quake in February hit
Zarand" is the last February, "talks on Friday will decide" the coming Friday). A noun with a prospective word
("the upcoming vote", "the planned strike"; ``PROSPECTIVE_MODIFIERS``) or under a verb of what is to happen is
ahead; under a past one it is past, and so is a noun no verb governs (a headline: "Quake in February"), as news
mostly tells what happened; under a modal or a present-tense verb ("a strike on Friday could halt flights", "the
election in November is a test") it is neither, and takes the nearest such day.
The word lists are general English.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Adjectives and participles that, after a present-tense "be", put their to-infinitive ahead: "is due to appear",
#: "is set to buy", "is scheduled to meet", "is expected to sign".
SCHEDULE_WORDS = frozenset("due set scheduled expected slated poised about likely unlikely bound".split())
#: Verbs of intention whose to-infinitive, in the present tense, is still to happen: "plans to vote", "intends to
#: resign", "hopes to finish", "aims to reach".
INTENTION_VERBS = frozenset("plan intend hope aim expect promise pledge vow threaten want prepare seek".split())
#: Verbs of commitment or decision whose to-infinitive is still to happen in any tense but the pluperfect: "agreed
#: to meet", "promised to resign", "has decided to hold", "vowed to return". A plan or an expectation is no
#: commitment: "planned to vote on Wednesday", "expected to win" in the past may be a plan overtaken.
COMMITMENT_VERBS = frozenset("""agree promise pledge vow swear undertake decide resolve consent offer threaten
    arrange commit""".split())
#: Modifiers that put an event noun ahead of the article: "the upcoming vote", "the planned strike".
PROSPECTIVE_MODIFIERS = frozenset("""upcoming forthcoming planned scheduled proposed impending looming expected
    anticipated prospective slated pending future""".split())
#: Auxiliaries of the future.
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_FINITE_TAGS = _PRESENT_TAGS | {"VBD", "MD"}
_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})


def is_future(token: Token) -> bool:
    """True when the clause of ``token`` tells what is to happen: "will meet", "is going to meet", "is due to
    appear", "is expected to sign", "plans to vote", "is to meet" (up to three verbs of a chain up).

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> words, lemmas = "Roe is due to appear".split(), ["Roe", "be", "due", "to", "appear"]
    >>> heads, deps = [1, 1, 1, 4, 2], ["nsubj", "ROOT", "acomp", "aux", "xcomp"]
    >>> doc = Doc(English().vocab, words=words, lemmas=lemmas, heads=heads, deps=deps,
    ...           tags=["NNP", "VBZ", "JJ", "TO", "VB"])
    >>> is_future(doc[4]), is_future(Doc(doc.vocab, words=words, lemmas=lemmas, heads=heads, deps=deps,
    ...                                  tags=["NNP", "VBD", "JJ", "TO", "VB"])[4])
    (True, False)
    """
    if token.pos_ in _NOUNS:
        return _noun_tense(token) > 0
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in token.children):
            return True
        if token.dep_ == "xcomp" and token.head.lemma_ == "go" and token.head.tag_ == "VBG":
            return True
        if token.dep_ == "xcomp" and _prospective(token):
            return True
        if token.dep_ not in {"xcomp", "conj"} or token.head.i == token.i:
            return False
        token = token.head
    return False


def is_past(token: Token) -> bool:
    """True when the clause of ``token`` tells what happened ("rear-ended", "was hit", "has signed", "did sign"),
    not what may or is to happen ("could be signed", "is to be signed"); for an event noun, when the verb it hangs
    from does not tell of what may or is to happen (see the module notes)."""
    if token.pos_ in _NOUNS:
        return _noun_tense(token) < 0
    auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.tag_ in {"MD", "TO"} for c in auxes):
        return False
    return token.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" for c in auxes)


def _noun_tense(noun: Token) -> int:
    """1 when the event noun ``noun`` is ahead of the article, -1 when it is past, 0 when its clause does not
    say (a modal, the present tense): see the module notes."""
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in PROSPECTIVE_MODIFIERS for c in noun.children):
        return 1  # "the upcoming vote", "the planned strike"
    verb = noun
    for _ in range(6):
        if verb.head.i == verb.i:
            return -1  # a headline or a fragment: no verb tells it is to happen
        verb = verb.head
        if verb.pos_ in _VERBS:
            break
    else:
        return -1
    if is_future(verb) or any(c.dep_ == "xcomp" and is_future(c) for c in verb.children):
        return 1  # "talks on Friday will decide", "the vote in May is set to go ahead"
    return -1 if is_past(verb) else 0  # "a quake in February hit Zarand"; "a strike on Friday could halt flights"


def _prospective(infinitive: Token) -> bool:
    """True for the to-infinitive of a present-tense schedule or intention: "(is) due to appear", "(is) set to
    buy", "plans to vote", "is to meet", and of a commitment in any tense but the pluperfect: "agreed to meet";
    not "was due to appear", "had agreed to meet", nor a perfect "is expected to have signed"."""
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in infinitive.children):
        return False
    head = infinitive.head
    word = head.lower_
    if head.dep_ == "acomp" and word in SCHEDULE_WORDS and head.head.lemma_ == "be":
        return _present(head.head)  # "is due to", "is about to", "is likely to"
    if word in SCHEDULE_WORDS and any(c.dep_ == "auxpass" for c in head.children):
        return _present(head)  # "is set to", "is scheduled to", "is expected to"
    if head.lemma_.lower() in COMMITMENT_VERBS and head.pos_ == "VERB":
        return not _pluperfect(head)  # "agreed to meet", "has promised to resign", "will decide to"
    if head.lemma_.lower() in INTENTION_VERBS or head.lemma_ == "be" and head.pos_ in {"AUX", "VERB"}:
        return _present(head)  # "plans to", "is planning to", "is to"
    return False


def _pluperfect(verb: Token) -> bool:
    """True for "had agreed": a past "have" as the auxiliary of a past participle."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ == "VBD"
                                      for c in verb.children)


def _present(verb: Token) -> bool:
    """True when the finite verb of ``verb``'s clause (itself or its first auxiliary) is in the present tense or
    is "will": "is", "plans", "has been scheduled", "will be"."""
    finite = [w for w in sorted((verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})),
                                key=lambda w: w.i) if w.tag_ in _FINITE_TAGS]
    return bool(finite) and (finite[0].tag_ in _PRESENT_TAGS or finite[0].lower_ in FUTURE_AUXILIARIES)
