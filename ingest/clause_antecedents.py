"""The common noun a personal pronoun stands for when its sentence names no one: the subject of a clause that
holds the pronoun's clause, or the noun a relative clause holding it hangs on.

News leads describe before they name: "A man suspected of shooting three people at a firm from which he was
fired was arrested", "a 66-year-old woman who was walking outside the store when she was struck", "A driver has
been charged after police say he struck a woman". Walking up from the pronoun's clause, each clause above it
offers its subject, and a relative clause the noun it hangs on, written before the pronoun; the first common noun
that agrees is the antecedent: he/him/his/himself a singular person noun that is not female ("man", "driver"),
she/her/hers/herself one that is not male ("woman", "mother"), they/them/themselves a plural person noun
("climbers"), it/itself a singular noun of an organisation ("The navy said it arrested 23 pirates"). A subject
that does not agree is passed over ("police" for "he"); a name or a pronoun ends the walk with no antecedent
(they are the entity rules' business). The pronoun's own clause's subject is no antecedent ("the man hit him"),
except for a reflexive, whose antecedent it is ("A Mafia boss hanged himself", "a boss who hanged himself").
``newsgraph.ingest.concepts`` makes the pronoun a mention of that noun's concept, only where no entity mention
covers the pronoun or the noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.ingest.noun_classes import AGENT_ENDINGS, noun_class, noun_sex

if TYPE_CHECKING:
    from spacy.tokens import Token

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "themselves"})
THING = frozenset({"it", "itself"})
REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself"})
#: The pronouns this module finds an antecedent for.
PRONOUNS = MALE | FEMALE | PLURAL | THING
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLAUSE_LINKS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "pcomp", "conj", "prep", "pobj", "dobj",
                           "nsubj", "nsubjpass", "attr", "oprd", "dative", "agent", "npadvmod", "advmod"})


def clause_antecedent(pronoun: Token) -> Token | None:
    """The common noun ``pronoun`` stands for (module notes), or ``None``.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> words = "A man shot people at the firm from which he was fired".split()
    >>> heads = [1, 2, 2, 2, 2, 6, 4, 11, 7, 11, 11, 6]
    >>> deps = ["det", "nsubj", "ROOT", "dobj", "prep", "det", "pobj", "prep", "pobj", "nsubjpass", "auxpass",
    ...         "relcl"]
    >>> tags = ["DT", "NN", "VBD", "NNS", "IN", "DT", "NN", "IN", "WDT", "PRP", "VBD", "VBN"]
    >>> pos = ["DET", "NOUN", "VERB", "NOUN", "ADP", "DET", "NOUN", "ADP", "PRON", "PRON", "AUX", "VERB"]
    >>> doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=[w.lower() for w in words])
    >>> clause_antecedent(doc[9]).text
    'man'
    """
    word = pronoun.text.lower()
    if word not in PRONOUNS:
        return None
    token = pronoun
    while token.head.i != token.i:
        child, token = token, token.head
        if child.dep_ not in _CLAUSE_LINKS:
            return None
        candidates = []
        if child.dep_ == "relcl" and token.i < pronoun.i:
            candidates.append(token)
        if child.i != pronoun.i or word in REFLEXIVE:  # a reflexive's antecedent is its own clause's subject
            candidates += [c for c in token.children if c.dep_ in _SUBJECTS and c.i < pronoun.i]
        for candidate in candidates:
            if candidate.pos_ != "NOUN" or not _fits(word, candidate.lemma_.lower()):
                if candidate.pos_ in {"PROPN", "PRON"} and candidate.tag_ not in {"WP", "WDT"}:
                    return None  # a name or a pronoun; a relative "who" leads on to its noun
                continue
            if _agrees(word, candidate):
                return candidate
    return None


def _fits(word: str, lemma: str) -> bool:
    """A noun of the kind the pronoun stands for: an organisation's for it/itself, a person's for the others."""
    return noun_class(lemma) == "ORG" if word in THING else _person_noun(lemma)


def _person_noun(lemma: str) -> bool:
    """A noun of a person: one the noun classes call so, or an agent noun they leave open ("driver", "climber",
    "motorist")."""
    found = noun_class(lemma)
    return found == "PERSON" or found is None and lemma.endswith(AGENT_ENDINGS) and len(lemma) > 5


def _agrees(word: str, noun: Token) -> bool:
    plural = noun.tag_ in {"NNS", "NNPS"}
    if word in PLURAL:
        return plural
    if plural or word in THING:
        return not plural
    sex = noun_sex(noun.lemma_)
    return sex != ("female" if word in MALE else "male")
