"""Prepositions written as several words ("as part of", "for the sake of", "in response to") and fixed phrases
that are no argument at all ("in order to", "in any case", "in fact").

The parser reads "sent troops as part of a peacekeeping force" as "as" + "part", with "of a peacekeeping force"
hanging on "part", and "accused Putin of playing for time in order to keep leverage" as "in" + "order". Taken word
by word, the clause's argument is "part" or "order". ``complex_preposition`` tells the triple extractor what such a
phrase is: the inner preposition whose object is the argument ("as part of" → "peacekeeping force"), or that the
phrase names no argument (``NO_ARGUMENT``: a purpose clause, a connective, a manner adverbial). The word lists are
general English.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

__all__ = ["COMPLEX", "IDIOMS", "NO_ARGUMENT", "complex_preposition", "written"]

#: (preposition, noun) → the prepositions that complete the phrase: "as part of", "on behalf of", "in response to".
COMPLEX: Final[dict[tuple[str, str], frozenset[str]]] = {
    (pair.split()[0], pair.split()[1]): frozenset(pair.split()[2:]) for pair in """as part of|for sake of|
    in front of|on behalf of|in addition to|in response to|in reply to|in terms of|in favour of|in favor of|
    in spite of|by means of|by way of|with regard to|with respect to|in relation to|in light of|in view of|
    on top of|in wake of|in event of|in case of|in exchange for|in return for|in connection with|in line with|
    in accordance with|in keeping with|in support of|in search of|in pursuit of|in defence of|in defense of|
    in protest against at over|in retaliation for against|on grounds of|for purpose of|for purposes of|
    with exception of|at expense of|at hands of|in name of|in place of|in lieu of|on account of|by virtue of|
    in charge of|in excess of|in aid of|in honour of|in honor of|in memory of|in advance of""".split("|")
}
#: Fixed phrases that are purpose markers, connectives or manner adverbials, never what a verb acts on ("in order
#: to", "would not recognise it in any case", "has in fact agreed", "discussed in detail"), with a possessive
#: written "one's" ("on their behalf").
IDIOMS: Final[frozenset[str]] = frozenset(" ".join(p.split()) for p in """in order|in fact|of course|at least|
    at most|at all|at last|at once|in general|in particular|in turn|in short|in brief|in effect|in part|in total|
    in vain|in principle|in practice|in theory|in contrast|in comparison|in conclusion|in addition|in return|
    in response|in reply|in exchange|in advance|in place|in case|in any case|in many cases|in some cases|
    in most cases|in this case|in that case|in either case|in any event|at any rate|in the end|in the meantime|
    in a way|in one's way|in one's own way|by no means|by all means|by the way|by far|by chance|by accident|
    on purpose|on average|on balance|on time|at random|in earnest|in private|in public|in secret|in full|
    in detail|in person|in unison|in tandem|in concert|in kind|for instance|for example|for sure|for certain|
    for good|at first|at best|at worst|on one's behalf|for one's sake|for the sake|on behalf""".split("|"))
#: What ``complex_preposition`` returns for a phrase that names no argument.
NO_ARGUMENT: Final = "no argument"


def complex_preposition(prep: Token, noun: Token) -> Token | str | None:
    """What the phrase of ``prep`` with its object ``noun`` is: the inner preposition whose object is the argument
    ("as part of a force" → the ``of``), ``NO_ARGUMENT`` ("in order to", "in any case", "on their behalf"), or
    None for an ordinary prepositional phrase ("take solace in the fact that", "walked on the grounds").

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words="sent troops as part of a force in any case".split(),
    ...           heads=[0, 0, 0, 2, 3, 6, 4, 0, 9, 7], deps=["ROOT", "dobj", "prep", "pobj", "prep", "det", "pobj",
    ...           "prep", "det", "pobj"], lemmas="send troop as part of a force in any case".split())
    >>> complex_preposition(doc[2], doc[3]).i, complex_preposition(doc[7], doc[9])
    (4, 'no argument')
    >>> complex_preposition(doc[4], doc[6]) is None
    True
    """
    inner = COMPLEX.get((prep.lower_, noun.lemma_.lower())) or COMPLEX.get((prep.lower_, noun.lower_))
    if inner is not None:
        found = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in inner), None)
        if found is not None and any(g.dep_ in {"pobj", "pcomp"} for g in found.children):
            return found
    if any(c.dep_ == "prep" for c in noun.children):
        return None
    words = [prep.lower_, *("one's" if c.tag_ == "PRP$" else c.lower_ for c in noun.lefts), noun.lower_]
    return NO_ARGUMENT if " ".join(words) in IDIOMS else None


def written(prep: Token, noun: Token, inner: Token) -> str:
    """The words of a complex preposition as the clause has them, lower-cased: "as part of", "for the sake of".

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words="for the sake of peace".split(), heads=[0, 2, 0, 2, 3],
    ...           deps=["ROOT", "det", "pobj", "prep", "pobj"])
    >>> written(doc[0], doc[2], doc[3])
    'for the sake of'
    """
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det" and c.i < noun.i]
    return " ".join([prep.lower_, *determiners, noun.lower_, inner.lower_])
