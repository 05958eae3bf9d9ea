"""Find the concept mentions of a parsed article: every noun phrase no entity mention covers.

Each noun (not an amount; a named day or month is one: "on Saturday" in the reports of one story is one day),
and each name word the entity mentions left out ("the Sixers" where the model found no name), heads one mention:
its span runs from the first word of the modifiers before it ("the 33-year-old actress", "a limited ceasefire") to
the noun, so a noun phrase inside another ("the actress" in "the actress's rep") is a mention of its own. A noun
that modifies another ("police" in "police officers") is a mention of its own too.

Mentions are keyed by their head (``concept_head``: the lemma, lower case, American spelling, a synonym folded
into its class, curated or WordNet's: "truce" and "ceasefire" are one head, so are "quake" and "earthquake"; a
name word's head is its own lower case: "Jobs" is no "occupation") and the modifiers that tell two things of that
head apart (``DISTINGUISHING`` words: ordinals, "other", "former"; an extent: "limited", "full"; a possessor's name:
"the first quake" is not "the second quake", "a limited ceasefire" not "a full truce", "Putin's plan" not "Trump's
plan"); graph building merges the mentions of one key in one story into one concept. Other modifiers are
compatible: "the quake", "the deadly quake" and "a 6.1 magnitude quake" are one quake of the story, and so are
"pirates" and "Somali pirates" (the cost: "Russian troops" and "Ukrainian troops" in one story are one concept
too; measured, telling nationalities apart lost more mentions the text equates).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from spacy.attrs import ENT_TYPE, IS_PUNCT, LOWER, POS
from spacy.strings import get_string_id

from newsgraph.ingest.clause_antecedents import PRONOUNS as PERSONAL_PRONOUNS, clause_antecedent
from newsgraph.ingest.columns import columns, doc_table, doc_text, hashes
from newsgraph.ingest.concept_words import (
    DISTINGUISHING,
    EXTENT,
    GENERIC_NOUNS,
)
from newsgraph.ingest.credits import credit_tokens
from newsgraph.ingest.hyphens import hyphen_words
from newsgraph.ingest.spelling import american_spelling
from newsgraph.model import ConceptMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Named-entity types whose words are no concept: amounts are measures. A named day or month is a concept ("on
#: Saturday", "in September": within a story, one day or month the articles speak of); numbers are no nouns.
_NOT_CONCEPT_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
#: Named-entity types of a time: its concept is a circumstance, never a relation's argument.
_TIME_ENTS = frozenset({"DATE", "TIME"})
#: Named-entity types of a possessor that tells one thing from another ("Putin's plan", "the company's plan").
_NAMING_ENTS = frozenset({"NORP", "GPE", "LOC", "ORG", "PERSON", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})
#: Dependents before a noun that belong to its phrase.
_LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "case", "punct",
                        "predet", "npadvmod", "nn"})
#: The parts of speech of a concept's head: common nouns, and names no entity mention covers ("Sixers").
_POS = frozenset({"NOUN", "PROPN"})
_POS_IDS = frozenset(get_string_id(p) for p in _POS)
_NOT_CONCEPT_ENT_IDS = frozenset(get_string_id(e) for e in _NOT_CONCEPT_ENTS)
#: A number the model may have read into a name word ("76ers"); a measure ("100mph") stays a measure.
_CARDINAL = get_string_id("CARDINAL")
#: The words ``_bound_possessives`` looks at: possessives and relative pronouns.
_BOUND_WORD_IDS = hashes({"its", "their", "which", "that", "who"})
_PERSONAL_IDS = hashes(PERSONAL_PRONOUNS)


def extract_concepts(doc: Doc, source: str, covered: Collection[int] = ()) -> tuple[ConceptMention, ...]:
    """The concept mentions of a parsed article, in text order: one per noun or name word no entity mention covers.

    Args:
        doc: the article's parse.
        source: the article id.
        covered: indices of the tokens inside entity mentions; no concept mention is headed by one.
    """
    found = []
    text = doc_text(doc)
    pos_col, ent_col, punct = columns(doc, [POS, ENT_TYPE, IS_PUNCT])
    firsts = doc_table(doc).firsts
    credited = credit_tokens(doc)  # a credit's words: its photographers, reporters and agencies are no concepts either
    hyphened = hyphen_words(doc)  # "cease-fire" is a ceasefire, not a cease and a fire
    for i, (pos, ent) in enumerate(zip(pos_col, ent_col)):
        if pos not in _POS_IDS or i in covered or i in credited or i in hyphened.parts:
            continue
        token = doc[i]
        if ent in _NOT_CONCEPT_ENT_IDS and not (ent == _CARDINAL and numbered_name(token.text)):
            continue
        if not any(c.isalpha() for c in token.text):
            continue
        compound = hyphened.words.get(i)
        word = compound[1] if compound else token.lemma_ or token.text
        head = " ".join(word.lower().split()) if token.pos_ == "PROPN" else concept_head(word)
        if not head:
            continue
        first = _first_word(token, firsts, punct)
        if compound is not None:  # "a cease-fire": from "a", the compound's first part being no word of its own
            first = min(first, compound[0])
        start, end = doc[first].idx, token.idx + len(token.text)
        written = compound[1] if compound else token.lower_
        found.append(ConceptMention(source, start, end, text[start:end], head, _modifiers(token),
                                    head in GENERIC_NOUNS or written in GENERIC_NOUNS,
                                    time=token.ent_type_ in _TIME_ENTS))
    return tuple(sorted(found + _bound_possessives(doc, source, covered, found), key=lambda m: m.start))


def numbered_name(word: str) -> bool:
    """Whether a word the model may tag a number is a name word: a digit first and three letters or more after it
    ("76ers", "49ers"; not "1990s", "21st", "4x4").

    >>> numbered_name("76ers"), numbered_name("49ers"), numbered_name("1990s"), numbered_name("21st")
    (True, True, False, False)
    """
    return word[:1].isdigit() and sum(c.isalpha() for c in word) >= 3


def _bound_possessives(doc: Doc, source: str, covered: Collection[int],
                       found: list[ConceptMention]) -> list[ConceptMention]:
    """An its/their no entity mention covers that stands for its clause's subject, a common noun ("The index fell
    to its lowest level", ``pronouns.possessor_subject``) or a proper noun no entity mention covers ("The Dow Jones
    Industrial Average closed at its lowest level"), a relative pronoun of a clause that hangs on a common
    noun ("the new planes, which come from …"), and a personal pronoun whose antecedent is a person noun of a
    clause above its own ("A man … at the firm from which he was fired"; ``clause_antecedents``), are mentions of
    that noun's concept."""
    from newsgraph.ingest.pronouns import possessor_subject

    heads = {m.end: m for m in found}
    out = []
    for i, lower in enumerate(columns(doc, [LOWER])[0]):
        if lower not in _BOUND_WORD_IDS and lower not in _PERSONAL_IDS or i in covered:
            continue
        token = doc[i]
        if lower in _PERSONAL_IDS:
            subject = clause_antecedent(token)
        else:
            subject = possessor_subject(token) if token.lower_ in {"its", "their"} else _relative_antecedent(token)
        if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or subject.i in covered:
            continue
        concept = heads.get(subject.idx + len(subject.text))
        if concept is not None:
            end = token.idx + len(token.text)
            out.append(ConceptMention(source, token.idx, end, token.text, concept.head, concept.modifiers,
                                      concept.generic, time=concept.time))
    return out


def _relative_antecedent(token: Token) -> Token | None:
    """The noun a relative which/that/who stands for: the one its relative clause hangs on."""
    if (token.tag_ not in {"WDT", "WP"} or token.dep_ not in {"nsubj", "nsubjpass", "dobj"}
            or token.head.dep_ != "relcl"):
        return None
    return token.head.head


def _first_word(token: Token, firsts: list[int], punct: list[int]) -> int:
    """The first token of the phrase a noun heads, up to the noun: its modifiers before it, not a clause.

    ``firsts`` is each token's sentence's first token (``DocTable.firsts``), ``punct`` the IS_PUNCT column."""
    first = token.i
    if token.dep_ == "compound":
        return first
    sentence = firsts[first]
    for child in reversed(list(token.lefts)):
        if child.dep_ not in _LEFT_DEPS or firsts[child.i] != sentence:
            break
        edge = child.left_edge.i
        first = min(first, edge if firsts[edge] == sentence else child.i)
    while first < token.i and punct[first]:
        first += 1
    return first


def _modifiers(token: Token) -> tuple[str, ...]:
    """The modifiers before a noun that tell one thing of its kind from another, lower case, sorted: ordinals and
    ``DISTINGUISHING`` words, the extent a modifier gives ("limited", "full": ``EXTENT``), and a named possessor."""
    found = set()
    for child in token.lefts:
        word = child.lower_
        if word in DISTINGUISHING or child.ent_type_ == "ORDINAL":
            found.add(word)
        elif word in EXTENT:
            found.add(EXTENT[word])
        elif child.dep_ == "poss" and child.ent_type_ in _NAMING_ENTS:
            words = (t.lower_ for t in child.subtree if not t.is_punct and t.tag_ != "POS" and t.dep_ != "case")
            found.add(" ".join(words))
    return tuple(sorted(found))


@lru_cache(maxsize=65536)
def concept_head(lemma: str) -> str:
    """The key of a head noun: its lemma, lower case, in American spelling, a synonym folded into its class.

    >>> concept_head("Mobilisation"), concept_head("defence"), concept_head("centre"), concept_head("exercise")
    ('mobilization', 'defense', 'center', 'exercise')
    >>> concept_head("truce"), concept_head("ceasefire"), concept_head("actress")
    ('ceasefire', 'ceasefire', 'actress')
    """
    word = american_spelling(" ".join(lemma.lower().split()))
    return noun_synonyms().get(word, word)


@cache
def noun_synonyms() -> Mapping[str, str]:
    """Noun → the noun its synonyms are keyed by, from two shipped tables:

    - the curated ``noun`` rules of the lexicon (``ingest/data/lexicon_rules.tsv``): nouns the lexicon gives one
      event verb are synonyms, keyed by the noun that is that verb ("truce" → "ceasefire") or else by the first of
      them listed ("blaze" → "fire");
    - WordNet's synonym classes (``ingest/data/wordnet_noun_synonyms.tsv``, ``scripts/build_noun_synonyms.py``):
      nouns whose most frequent sense is one synset ("quake" and "earthquake", "bandit" and "brigand"), keyed by
      the curated key of one of them if the lexicon has one (so "armistice" joins "truce" and "ceasefire"), else
      by the table's class.

    >>> synonyms = noun_synonyms()
    >>> synonyms["truce"], synonyms["inferno"], synonyms["detention"], "actress" in synonyms
    ('ceasefire', 'fire', 'custody', False)
    >>> synonyms["quake"], synonyms["armistice"], synonyms["brigand"], synonyms["kid"], "host" in synonyms
    ('earthquake', 'ceasefire', 'bandit', 'child', False)
    """
    groups: dict[str, list[str]] = {}
    data = files("newsgraph.ingest").joinpath("data")
    for line in data.joinpath("lexicon_rules.tsv").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) == 3 and cells[0] == "noun" and " " not in cells[1]:
            groups.setdefault(cells[2], []).append(cells[1])
    found: dict[str, str] = {}
    for verb, nouns in groups.items():
        if len(nouns) > 1:
            key = verb if verb in nouns else nouns[0]
            found.update((noun, key) for noun in nouns)
    classes: dict[str, list[str]] = {}
    for line in data.joinpath("wordnet_noun_synonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            noun, key = line.split("\t")
            classes.setdefault(key, [key]).append(noun)
    for key, nouns in classes.items():
        curated = next((found[n] for n in nouns if n in found), key)
        found.update((noun, curated) for noun in nouns if noun not in found and noun != curated)
    return found
