"""A person noun that states an age is a mention of the one person the article gives that age.

News leads describe before they name: "A 59-year-old woman was struck … Raj Chohan, 59, died", "A 32-year-old
British climber … Robert Buckley, 32,". The age is the evidence, so the noun links before or after the name:
"a 59-year-old woman", "the 36-year-old climber" (a person noun, or an agent noun in -er, -or, -ist), "the
61-year-old" → the person the article writes as "NAME, 59,"
or "59-year-old NAME", when exactly one person has that age and, for a noun that says a sex ("woman", "father"), the
article gives the person that sex (a title, or the he/she linked to them: "Jean Larson, 48," of whom it says
nothing is no "48-year-old man"). A possessed noun ("his 59-year-old mother") is someone
else's relative and never links; nor does a plural ("two 20-year-old men").
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Token

from newsgraph.ingest.ages import stated_age, years_old
from newsgraph.ingest.found import Found, noun_start
from newsgraph.ingest.noun_classes import AGENT_ENDINGS, noun_class, noun_sex
from newsgraph.ingest.pronoun_sexes import linked_sexes
from newsgraph.ingest.pronouns import person_sexes, resolve_pronouns


def aged_nouns(doc: Doc, found: list[Found]) -> list[Found]:
    """The person nouns with an age that name no one else, as mentions (kind ``description``) of the one named
    person the article gives that age (module notes).

    Args:
        doc: the parsed article.
        found: the mentions found so far, in any order.
    """
    persons = sorted((f for f in found if f.label == "PERSON" and f.kind in {"name", "title"} and not f.role),
                     key=lambda f: f.start)
    holders: dict[str, set[str]] = defaultdict(set)  # age → keys of the persons the article gives it
    first: dict[str, Found] = {}
    for f in persons:
        first.setdefault(f.key, f)
        age = stated_age(doc, f.start, f.end)
        if age is not None:
            holders[age].add(f.key)
    if not holders:
        return []
    sexes: dict[str, str] | None = None  # worked out on the first noun that says a sex
    covered = {i for f in found for i in range(f.start, f.end)}
    out = []
    for token in doc:
        age = years_old(token)
        if age is None or len(holders.get(age, ())) != 1:
            continue
        noun = token.head if token.dep_ == "amod" else token  # "a 59-year-old woman" / "the 59-year-old"
        if noun.i in covered or not _person_noun(noun):
            continue
        key = next(iter(holders[age]))
        sex = noun_sex(noun.lemma_.lower())
        if sex is not None:
            if sexes is None:
                sexes = linked_sexes(doc, resolve_pronouns(doc, found), person_sexes(doc, found))
            if sexes.get(key) != sex:
                continue  # "a 48-year-old man" is not a person of that age whose sex the article does not say
        start = noun_start(noun, covered)
        covered.update(range(start, noun.i + 1))
        person = first[key]
        out.append(Found(start, noun.i + 1, person.name, "PERSON", "description", person.key, 0))
    return out


def _person_noun(noun: Token) -> bool:
    """A singular common noun of a person ("woman", "climber") or a bare "the 59-year-old", with no possessor."""
    if noun.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "poss" for c in noun.children):
        return False
    if noun.lower_ == "old":
        return noun.dep_ not in {"amod", "acomp", "compound"}
    lemma = noun.lemma_.lower()
    kind = noun_class(lemma)
    return noun.pos_ == "NOUN" and (kind == "PERSON" or kind is None and lemma.endswith(AGENT_ENDINGS))
