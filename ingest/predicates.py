"""Common nouns the sentence predicates of a named entity: what a clause says the entity is or becomes.

- **"as" phrases**: "Jackman was announced as the host", "Cheeks will take over as coach", "the board named Smith
  as chief executive", "Acme agreed to act as the distributor". The phrase describes the verb's object when it has
  one, else its subject; a verb reached through an infinitive ("she is to return as host") hands on its subject.
- **Object predicates**: "the team named Cheeks coach".
- **"to be" complements**: "Obama nominated Benjamin to be the surgeon general".
- **Inverted copulas**: "the next host is Ellen DeGeneres", "the man accused of the shooting is Anthony Smith".
- **Possessed "as" phrases**: "her second appearance as the show's host", "Smith's tenure as chairman", "his
  duties as head coach": the entity is the possessor of the noun the "as" phrase hangs on.

An office named by a title word ("his post as CEO", "to be the surgeon general", "as president") is the office,
not its holder: who holds an office is settled by the role rules (``anaphora.descriptions``). The noun must be
singular and of a class that can describe the entity (``noun_classes.noun_class``: a person noun
for a person, an organisation noun for an organisation, a place noun for a place); a negated clause ("X is not the
host") says nothing. The noun phrase is a mention of the entity. The subject or object may be a name or a pronoun
already linked to one (``predicate_nouns(..., kinds={"pronoun"})`` after the pronouns are resolved).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from newsgraph.ingest.found import Found, noun_start
from newsgraph.ingest.names import TITLE_WORDS, fold
from newsgraph.ingest.noun_classes import noun_class

#: Entity labels → the noun class (``noun_classes.noun_class``) that can describe them.
CLASS_OF = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj"})


def predicate_nouns(doc: Doc, found: list[Found], kinds: frozenset[str] = frozenset({"name", "title"})) -> list[Found]:
    """The noun phrases the article predicates of a named entity (module notes), as ``Found`` items of kind
    ``description`` carrying the entity's key.

    Args:
        doc: the parsed article.
        found: the mentions found so far, in any order.
        kinds: the kinds of mention whose entity a predicate may describe (names and titles; pronouns once they
            are linked).

    >>> from spacy.lang.en import English
    >>> words = ["Smith", "will", "take", "over", "as", "coach", "."]
    >>> doc = Doc(English().vocab, words=words, heads=[2, 2, 2, 2, 2, 4, 2],
    ...           deps=["nsubj", "aux", "ROOT", "prt", "prep", "pobj", "punct"],
    ...           pos=["PROPN", "AUX", "VERB", "ADP", "ADP", "NOUN", "PUNCT"], lemmas=[w.lower() for w in words])
    >>> [(doc[f.start:f.end].text, f.name) for f in predicate_nouns(doc, [Found(0, 1, "Smith", "PERSON", "name",
    ...                                                                       "smith")])]
    [('coach', 'Smith')]
    """
    covered = {i for f in found for i in range(f.start, f.end)}
    out: list[Found] = []
    for entity, noun in _predicated(doc, found, kinds):
        if noun.i in covered:
            continue
        start = noun_start(noun, covered)
        out.append(Found(start, noun.i + 1, entity.name, entity.label, "description", entity.key, 0))
        covered.update(range(start, noun.i + 1))
    return out


def _predicated(doc: Doc, found: list[Found], kinds: frozenset[str]) -> Iterator[tuple[Found, Token]]:
    """(entity, noun) pairs: each noun some clause predicates of the entity's mention, when its class fits."""
    for entity in found:
        if entity.kind not in kinds or entity.role or entity.label not in CLASS_OF:
            continue
        root = doc[entity.start:entity.end].root
        for noun in _predicates(root):
            if (noun.pos_ == "NOUN" and noun.tag_ not in {"NNS", "NNPS"} and fold(noun.text) not in TITLE_WORDS
                    and noun_class(noun.lemma_.lower()) == CLASS_OF[entity.label]):
                yield entity, noun


def _predicates(token: Token) -> Iterator[Token]:
    """The nouns predicated of ``token`` by the clause it is the subject or object of."""
    verb = token.head
    if verb.i == token.i:
        return
    if token.dep_ == "poss":  # "her appearance as host", "Smith's tenure as chairman"
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                yield from (o for o in child.children if o.dep_ == "pobj")
        return
    if token.dep_ == "attr" and verb.lemma_ == "be" and not _negated(verb):
        yield from (c for c in verb.children if c.dep_ in _SUBJECTS and c.pos_ == "NOUN")  # "the host is X"
        return
    if token.dep_ not in _SUBJECTS | _OBJECTS or verb.pos_ not in {"VERB", "AUX"} or _negated(verb):
        return
    has_object = any(c.dep_ in _OBJECTS for c in verb.children)
    if token.dep_ in _SUBJECTS and has_object:
        return  # "the board named Smith as chief": the phrase describes the object
    for clause in _clauses(verb):
        for child in clause.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                yield from (o for o in child.children if o.dep_ == "pobj")
            elif child.dep_ == "oprd" and token.dep_ in _OBJECTS:
                yield child  # "named Cheeks coach"
            elif child.dep_ == "attr" and clause.i != verb.i and clause.lemma_ == "be":
                yield child  # "nominated Benjamin to be the surgeon general"
    if token.dep_ in _OBJECTS:
        for child in token.children:  # "named Smith as chief", the "as" hung on the object
            if child.dep_ == "prep" and child.lower_ == "as":
                yield from (o for o in child.children if o.dep_ == "pobj")


def _clauses(verb: Token) -> Iterator[Token]:
    """The verb and the subjectless infinitives below it that share its subject ("is to return as host")."""
    yield verb
    for child in verb.children:
        if child.dep_ in {"xcomp", "advcl"} and child.pos_ in {"VERB", "AUX"} and not _negated(child) and not any(
                c.dep_ in _SUBJECTS for c in child.children) and any(c.lower_ == "to" for c in child.children):
            yield from _clauses(child)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)
