"""Whether a clause tells what is to happen or what happened, as its time phrase needs it: "on Tuesday" in a
Monday article is the coming Tuesday in "will appear on Tuesday" and "is due to appear on Tuesday", the last one
in "appeared on Tuesday" and "was due to appear on Tuesday" (``newsgraph.ingest.circumstances`` resolves a
clause's ``when`` with them).

A clause is ahead of the article when it has "will" or "shall", "is going to", or is the to-infinitive of a
present-tense schedule or intention: "is due to", "is set to", "is scheduled to", "is expected to", "is slated
to", "is poised to", "is about to", "is likely to" (``SCHEDULE_WORDS``); "plans to", "intends to", "hopes to",
"aims to" (``INTENTION_VERBS``); "is to". The same in the past ("was due to appear", "had planned to") tells
nothing of when the plan was to happen, and a perfect infinitive ("is expected to have signed") looks back.
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
#: Auxiliaries of the future.
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_FINITE_TAGS = _PRESENT_TAGS | {"VBD", "MD"}


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
    not what may or is to happen ("could be signed", "is to be signed")."""
    auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.tag_ in {"MD", "TO"} for c in auxes):
        return False
    return token.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" for c in auxes)


def _prospective(infinitive: Token) -> bool:
    """True for the to-infinitive of a present-tense schedule or intention: "(is) due to appear", "(is) set to
    buy", "plans to vote", "is to meet"; not "was due to appear", nor a perfect "is expected to have signed"."""
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in infinitive.children):
        return False
    head = infinitive.head
    word = head.lower_
    if head.dep_ == "acomp" and word in SCHEDULE_WORDS and head.head.lemma_ == "be":
        return _present(head.head)  # "is due to", "is about to", "is likely to"
    if word in SCHEDULE_WORDS and any(c.dep_ == "auxpass" for c in head.children):
        return _present(head)  # "is set to", "is scheduled to", "is expected to"
    if head.lemma_.lower() in INTENTION_VERBS or head.lemma_ == "be" and head.pos_ in {"AUX", "VERB"}:
        return _present(head)  # "plans to", "is planning to", "is to"
    return False


def _present(verb: Token) -> bool:
    """True when the finite verb of ``verb``'s clause (itself or its first auxiliary) is in the present tense or
    is "will": "is", "plans", "has been scheduled", "will be"."""
    finite = [w for w in sorted((verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})),
                                key=lambda w: w.i) if w.tag_ in _FINITE_TAGS]
    return bool(finite) and (finite[0].tag_ in _PRESENT_TAGS or finite[0].lower_ in FUTURE_AUXILIARIES)
