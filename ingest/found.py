"""A mention candidate (``Found``) and what the passes that find mentions by reference share: the pronouns of
persons, and where a noun's phrase starts and ends around the names and appositions beside it
(``newsgraph.ingest.anaphora``, ``pronouns``, ``nominals``, ``aged_nouns``, ``predicates`` and the name passes)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose"})


@dataclass
class Found:
    """A mention candidate: token span, display name, NER-style label, how it was found, the entity key."""

    start: int  # token indices
    end: int
    name: str
    label: str
    kind: str
    key: str
    weight: float = 1.0
    role: tuple[str, ...] = ()  # (country, role) of a description no person of the article holds


def tokens_where(doc: Doc, where: Iterable[bool]) -> Iterator[Token]:
    """The tokens of ``doc`` where ``where`` (a value per token) is true, in order."""
    for i, chosen in enumerate(where):
        if chosen:
            yield doc[i]


def noun_start(noun: Token, covered: set[int]) -> int:
    """Where the noun phrase of a common noun starts: its determiner and modifiers, short of any other mention."""
    doc = noun.doc
    start = min([noun.i] + [c.left_edge.i for c in noun.children if c.dep_ in {"det", "amod", "compound", "nummod"}])
    while start < noun.i and any(i in covered or doc[i].pos_ == "PROPN" or doc[i].text.endswith(("'", "'s", "’s"))
                                 for i in range(start, noun.i)):
        start += 1  # "the Troy resident", "the Saints' rusher": the name is a mention of its own
    return start


def apposed(name: Token, by_token: Mapping[int, Found]) -> Token:
    """The noun a name in apposition describes: the word the parser hangs it on, or, where that is a place or an
    organisation named in a prepositional phrase, the noun the phrase modifies ("The president of Afghanistan,
    Hamid Karzai": the parser hangs "Karzai" on "Afghanistan", and a person is in apposition to no place)."""
    noun = name.head
    other = by_token.get(noun.i)
    if (name.dep_ == "appos" and other is not None and other.label != "PERSON" and noun.dep_ == "pobj"
            and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN"):
        return noun.head.head
    return noun


#: What sets a name in apposition off from the phrase before it, besides a number (an age).
_SEPARATORS = frozenset({",", "-", "--", "—", "–"})


def phrase_end(noun: Token, before: int) -> int:
    """Where the phrase of a noun ends short of a name in apposition at ``before``: the end of its last word ahead
    of the commas, dashes or numbers that set the name off ("the owner of the restaurant, X" ends after
    "restaurant"), when every word between belongs to the noun's phrase; else just after the noun."""
    doc = noun.doc
    end = before
    while end > noun.i + 1 and (doc[end - 1].text in _SEPARATORS or doc[end - 1].like_num):
        end -= 1
    if end < before and all(noun in doc[i].ancestors for i in range(noun.i + 1, end)):
        return end
    return noun.i + 1


def adjacent(doc: Doc, end: int, start: int) -> bool:
    """Only commas, dashes and numbers (an age) between two phrases: "X, 66, a grandmother"."""
    return end < start and all(doc[i].text in _SEPARATORS or doc[i].like_num
                               for i in range(end, start))
