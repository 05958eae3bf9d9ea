"""An "it" that stands for no entity, which pronoun resolution leaves unlinked: "it is likely that …", "it is
important to …", "it seems that …", "it was reported that …", "it takes time", "it took place on Monday". Its
verb decides; "it could be profitable", "it will be compensated", "it will take delivery of six jets" are a
thing's or an organisation's (``newsgraph.ingest.pronouns``).
"""

from __future__ import annotations

from spacy.tokens import Token

#: Verbs whose "it" is usually no entity: "it is likely", "it seems", "it takes time" (``_empty_take``).
EMPTY_IT_VERBS = frozenset({"be", "seem", "appear", "take", "remain", "become", "look", "sound", "rain", "matter"})
#: What "it takes": time, amounts and efforts ("it took years", "it takes a lot of work", "it took courage"), and
#: "it took place".
TAKEN_AMOUNTS = frozenset({"time", "while", "long", "year", "month", "week", "day", "hour", "minute", "second",
                           "moment", "lot", "effort", "work", "courage", "patience", "money", "guts", "skill",
                           "practice", "luck", "place"})
_AMOUNT_ENTS = frozenset({"DATE", "TIME", "QUANTITY", "MONEY", "CARDINAL", "PERCENT"})
#: Of those, the ones whose "it" is an entity unless a clause follows: "it is likely that …" / "it could be
#: profitable", "it seems that …" / "it remains open".
LINKING_VERBS = frozenset({"be", "seem", "appear", "remain", "become", "look", "sound"})
_CLAUSES = frozenset({"ccomp", "xcomp", "csubj", "csubjpass"})


def empty_it(it: Token) -> bool:
    """Whether a subject "it" stands for no entity: the subject of "matter" or "rain"; of a "take" that says what
    something needs ("it takes time", ``_empty_take``); of a linking verb with a clause after it or its complement
    ("it is likely that …", "it is important to …", "it seems that …"); or of a passive with a that-clause ("it
    was reported that …")."""
    verb = it.head
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return _empty_take(verb)
    if lemma in EMPTY_IT_VERBS - LINKING_VERBS:
        return True
    if it.dep_ == "nsubjpass":
        return any(c.dep_ == "ccomp" for c in verb.children)
    if lemma not in LINKING_VERBS:
        return False
    complements = [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
    return any(c.dep_ in _CLAUSES for head in [verb, *complements] for c in head.children)


def _empty_take(verb: Token) -> bool:
    """Whether a "take" says what something needs or that it happened, its "it" no entity: "it takes time", "it
    took two hours", "it took 40 firefighters to put the fire out", "it took place on Monday", "it takes until
    Friday". Only a take with an object that is none of these and no clause after it is a doing whose "it" may be
    an organisation: "it will take delivery of six jets", "it had not taken the necessary measures"."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "npadvmod"}]
    if not objects or any(c.dep_ in _CLAUSES | {"advcl"} for c in verb.children):
        return True
    return any(o.ent_type_ in _AMOUNT_ENTS or o.lemma_.lower() in TAKEN_AMOUNTS for o in objects)
