"""The entity type a common noun can describe, and the sex a person noun implies (no spaCy here).

``noun_class("actress")`` is ``PERSON``, ``noun_class("company")`` ``ORG``, ``noun_class("country")`` ``GPE``: the
class of the noun's first WordNet sense (``data/wordnet_noun_classes.tsv``, written by
``scripts/build_noun_classes.py``), corrected by the news sense of a few nouns whose first WordNet sense is a person
("the retailer", "the broadcaster" are companies in news). Place nouns are a short list: WordNet's locations
("side", "top", "area") are mostly not places an article names. ``noun_sex`` says female or male for nouns that
say it ("actress", "mother", "spokesman"), from WordNet and a list of the nouns WordNet files under neither.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

#: Endings of agent nouns ("climber", "investor", "motorist"), a person where WordNet files the word under no
#: person sense first ("climber" is a plant there).
AGENT_ENDINGS = ("er", "or", "ist")

#: Nouns that in news name a company or other organisation, whatever their first WordNet sense.
ORG_NOUNS = frozenset("""maker automaker carmaker chipmaker drugmaker toymaker retailer broadcaster carrier airline
lender bank insurer giant conglomerate startup start-up firm company outfit operator developer publisher
distributor supplier manufacturer brand franchise network studio label charity""".split())

#: Nouns that describe a place an article names (a country, a city): "the country", "the city".
PLACE_NOUNS = frozenset("""country nation state city town village capital province region island republic kingdom
territory county municipality metropolis emirate enclave""".split())

#: Nouns never linked as descriptions: too general, or of a person only in a sense news rarely means.
VAGUE_NOUNS = frozenset("""one other person people individual someone somebody anyone everyone thing party side
source sources member members part staff crew group family public""".split())

FEMALE_NOUNS = frozenset("""woman girl lady actress mother wife daughter sister grandmother granddaughter aunt niece
widow queen princess duchess countess baroness empress hostess waitress heiress spokeswoman chairwoman
businesswoman congresswoman sportswoman policewoman girlfriend bride mum mom stepmother stepdaughter nun
mistress madam diva ballerina""".split())

MALE_NOUNS = frozenset("""man boy gentleman husband father son brother grandfather grandson uncle nephew widower
king prince duke emperor baron spokesman chairman businessman congressman sportsman policeman boyfriend groom
dad stepfather stepson monk""".split())

_AGE = re.compile(r"^\d+-year-old$")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    text = files("newsgraph.ingest").joinpath("data/wordnet_noun_classes.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            noun, kind, sex = line.split("\t")
            out[noun] = (kind, sex)
    return out


def noun_class(lemma: str) -> str | None:
    """The entity type (``PERSON``, ``ORG``, ``GPE``) a common noun describes, or ``None``.

    A compound written as one word takes the class of the longest known noun it ends in ("chipmaker" → "maker");
    an age ("25-year-old") is a person.

    >>> [noun_class(w) for w in ("actress", "chipmaker", "country", "25-year-old", "ceasefire", "side")]
    ['PERSON', 'ORG', 'GPE', 'PERSON', None, None]
    """
    word = lemma.lower()
    if word in VAGUE_NOUNS:
        return None
    if _AGE.match(word):
        return "PERSON"
    if word in ORG_NOUNS:
        return "ORG"
    if word in PLACE_NOUNS:
        return "GPE"
    found = _table().get(word)
    if found is None:
        for cut in range(1, len(word) - 3):  # "chipmaker" → "maker"; only suffixes of four letters or more
            rest = word[cut:]
            if rest in ORG_NOUNS:
                return "ORG"
            found = _table().get(rest)
            if found is not None:
                break
    if found is None or found[0] == "GPE":
        return None
    return found[0]


def noun_sex(lemma: str) -> str | None:
    """``female`` or ``male`` for a person noun that says which ("actress", "spokesman"), else ``None``.

    >>> [noun_sex(w) for w in ("actress", "father", "coach")]
    ['female', 'male', None]
    """
    word = lemma.lower()
    if word in FEMALE_NOUNS:
        return "female"
    if word in MALE_NOUNS:
        return "male"
    sex = _table().get(word, ("", "-"))[1]
    return {"f": "female", "m": "male"}.get(sex)
