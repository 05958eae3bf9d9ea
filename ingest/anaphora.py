"""Mentions found by reference rather than by the NER: names the model missed where the article repeats them,
definite descriptions of a role holder, common nouns the article equates with a named person ("the
suspect, identified as X", appositions, "X was a climber"), "the woman" for the article's one woman, and the nouns
an article ties to one person. Pronouns are linked by ``newsgraph.ingest.pronouns``, other common-noun
descriptions of named entities by ``newsgraph.ingest.nominals``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.attrs import IS_ALPHA, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import NOUN, VERB
from spacy.tokens import Doc, Token

from newsgraph.ingest.ages import stated_age, years_old
from newsgraph.ingest.columns import ByString, columns, hashes
from newsgraph.ingest.found import (
    FEMALE_PRONOUNS,
    PERSON_PRONOUNS,
    Found,
    adjacent,
    apposed,
    noun_start,
    phrase_end,
    tokens_where,
)
from newsgraph.ingest.names import (
    HEAD_OF_STATE_ROLES,
    NOT_CURRENT,
    ROLE_NOUNS,
    ROLE_QUALIFIERS,
    demonym_country,
    fold,
    name_key,
)
from newsgraph.ingest.noun_classes import noun_class

_ROLE_NOUNS = hashes(ROLE_NOUNS)
#: A word's name key, for the words long enough to be a name the model missed.
_NAME_KEY = ByString(lambda text: name_key(text) if len(text) >= 3 else None)


def repeated_names(doc: Doc, found: list[Found]) -> list[Found]:
    """Where the model missed a name the article has already given: a capitalised surname or one-word name
    ("Zelenskyy told reporters" after "Volodymyr Zelenskyy", also first in its sentence whatever the model's tag),
    or a place written in lower case as a subject or
    after a preposition ("kyiv will never accept", "aid to kyiv")."""
    covered = {i for item in found for i in range(item.start, item.end)}
    by_word: dict[str, Found] = {}
    for item in found:
        if item.kind not in {"name", "title"}:
            continue
        words = item.key.split()
        if item.label == "PERSON" and len(words) >= 2:
            by_word.setdefault(words[-1], item)
        elif len(words) == 1 and (words[0] not in by_word or item.label in {"GPE", "LOC"}):
            by_word[words[0]] = item  # a name the article also uses as a place is a place
    if not by_word:
        return []
    orth, alpha = columns(doc, [ORTH, IS_ALPHA])
    keys = _NAME_KEY.column(doc, orth)
    out = []
    for i, key in enumerate(keys):
        if key not in by_word or not alpha[i] or i in covered:
            continue
        token, item = doc[i], by_word[key]
        place = item.label in {"GPE", "LOC"}
        lower_place = place and token.is_lower and token.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj", "conj"}
        capitalised = _capitalised(token.text)  # "Zelenskyy", and "DeGeneres", "O'Brien", "McCain" too
        # A sentence's first word is capitalised anyway: there it counts where the model reads a proper noun, or
        # where it is the surname of a full name the article gave before ("Starmer said" after "Sir Keir Starmer",
        # which the model tags a common noun in places), whatever its tag.
        surname = item.label == "PERSON" and len(item.key.split()) >= 2 and item.start < i
        if not (capitalised and not token.is_sent_start or lower_place or capitalised and token.pos_ == "PROPN"
                or capitalised and surname):
            continue
        out.append(Found(token.i, token.i + 1, item.name, item.label, "name", item.key, 0.5))
    return out


def _capitalised(word: str) -> bool:
    """A name written with a capital first letter and not all in capitals, inner capitals allowed.

    >>> [_capitalised(w) for w in ("Putin", "DeGeneres", "O'Brien", "NATO", "putin")]
    [True, True, True, False, False]
    """
    return word[:1].isupper() and not word.isupper() and any(c.islower() for c in word)


@dataclass(frozen=True)
class Role:
    """A role the article itself gives a person: "Ukraine's president, Volodymyr Zelenskyy", "President Vladimir V.
    Putin of Russia", "Russian President Vladimir Putin". ``country`` is the place as the article names it,
    ``role`` the role noun (``leader`` for every head-of-state noun, see ``role_name``), ``evidence`` the sentence."""

    key: str  # the person's in-article key
    name: str
    country: str
    role: str
    evidence: str


def learned_roles(doc: Doc, found: list[Found]) -> list[Role]:
    """The roles the article gives its persons, from appositions and titles ("President X of Russia", "Russian
    President X"). A role title with no country ("President George W. Bush") is returned with ``country`` "" ."""
    by_token = {i: item for item in found for i in range(item.start, item.end)}
    seen: set[tuple[str, str, str]] = set()
    out = []
    for item, country, role in _learned_roles(doc, found, by_token):
        if (item.key, country, role) not in seen:
            seen.add((item.key, country, role))
            out.append(Role(item.key, item.name, country, role, _sentence(doc, item.start)))
    return out


def descriptions(doc: Doc, found: list[Found], roles: list[Role]) -> list[Found]:
    """Definite descriptions of a person by role: "the Russian leader", "Ukraine's president", "the US president".

    One that the article's own roles settle (exactly one person holds that role here, or, failing that, the
    article's only person carries that role noun as a title with no country, in another sentence: "President George
    W. Bush met the leaders of Germany and France … The US president said") is a mention of that person. A title
    says nothing of whose president its bearer is, so with another person named ("President Donald Trump … Vladimir
    Putin … the Russian leader") or in the same sentence ("President Donald Trump called the Russian leader") the
    description stays unlinked. Any other is returned unlinked (``key`` ``role:<country>:<role>``, ``role`` set) for
    cross-article resolution to settle from other articles or the analyst's roles file; descriptions of a past or
    future holder ("the former US president", "the first African American president") and of an office of
    something other than a country ("the president of the Academy") are no mentions at all.
    """
    by_token = {i: item for item in found for i in range(item.start, item.end)}
    holders: dict[tuple[str, str], dict[str, Role]] = defaultdict(dict)
    titled: dict[str, dict[str, Role]] = defaultdict(dict)
    with_country = {r.key for r in roles if r.country}
    for r in roles:
        if r.country:
            holders[(fold(r.country), r.role)][r.key] = r
        elif r.key not in with_country:
            titled[r.role][r.key] = r
    out = []
    pos, lower = columns(doc, [POS, LOWER])
    for token in tokens_where(doc, (p == NOUN and h in _ROLE_NOUNS for p, h in zip(pos, lower))):
        if token.i in by_token or token.dep_ == "attr" or not any(c.lower_ == "the" or c.dep_ == "poss"
                                                                 for c in token.children):
            continue  # "X is the president of Ukraine" says what X is: a predicate, not a mention
        country = _role_country(token, by_token)
        if not country or not _of_a_country(token, by_token) or any(
                c.lower_ in NOT_CURRENT for c in token.children if c.dep_ in {"amod", "advmod", "compound", "nmod"}):
            continue
        role = role_name(token)
        start = min([token.i] + [c.left_edge.i for c in token.children
                                 if c.dep_ in {"det", "amod", "compound", "poss"}])
        candidates = holders.get((fold(country), role)) or _the_only_person(titled.get(role, {}), found, token)
        if len(candidates) == 1:
            holder = next(iter(candidates.values()))
            out.append(Found(start, token.i + 1, holder.name, "PERSON", "description", holder.key, 1))
        else:
            out.append(Found(start, token.i + 1, doc[start:token.i + 1].text, "PERSON", "description",
                             f"role:{fold(country)}:{role}", 0, (country, role)))
    return out


def _the_only_person(titled: Mapping[str, Role], found: list[Found], noun: Token) -> Mapping[str, Role]:
    """The one titled bearer of a role noun, if the article names no other person and not in the noun's sentence."""
    people = {item.key for item in found if item.label == "PERSON" and item.kind in {"name", "title"}}
    if len(titled) != 1 or people - set(titled):
        return {}
    sentence = noun.sent
    if any(item.key in titled and sentence.start <= item.start < sentence.end for item in found):
        return {}
    return titled


def role_name(noun: Token) -> str:
    """The role a role noun names: ``leader`` for a head-of-state noun ("president", "chief"), else the noun with
    the qualifiers that make it another role ("prime minister", "foreign minister")."""
    qualifiers = [c.lower_ for c in noun.children if c.dep_ in {"amod", "compound"} and c.lower_ in ROLE_QUALIFIERS]
    word = fold(noun.text).strip(".")
    if not qualifiers and word in HEAD_OF_STATE_ROLES:
        return "leader"
    return " ".join([*qualifiers, word])


def _of_a_country(noun: Token, by_token: Mapping[int, Found]) -> bool:
    """False for "president of the Academy": an "of" object that is not a place makes it another office."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and not (obj.i in by_token and by_token[obj.i].label == "GPE"):
                    return False
    return True


def _sentence(doc: Doc, i: int) -> str:
    text = " ".join(doc[i].sent.text.split())
    return text if len(text) <= 240 else text[:239] + "…"


def _role_country(token: Token, by_token: Mapping[int, Found]) -> str | None:
    """The country of a role noun: "Russia's president", "the Russian leader", "the president of Russia"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in by_token and by_token[obj.i].label == "GPE":
                    return by_token[obj.i].name
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            if child.i in by_token and by_token[child.i].label == "GPE":
                return by_token[child.i].name
            country = demonym_country(child.text)
            if country and not _inside_other_name(child):
                return country
    return None


def _inside_other_name(token: Token) -> bool:
    """ "African American": a demonym inside a longer group name is not the country."""
    if not token.ent_type_:
        return False
    start, end = token.i, token.i + 1
    doc = token.doc
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - start > 1 and not demonym_country(doc[start:end].text)


def _learned_roles(doc: Doc, found: list[Found], by_token: Mapping[int, Found]) -> Iterator[tuple[Found, str, str]]:
    """(person, country, role) from appositions and titles inside the article."""
    for item in found:
        if item.label != "PERSON" or item.kind not in {"name", "title"}:
            continue
        head = doc[item.end - 1]
        # "Ukraine's president, Volodymyr Zelenskyy" / "Zelenskyy, Ukraine's president"
        for noun in [apposed(head, by_token)] + [c for c in head.children if c.dep_ == "appos"]:
            if noun.lower_ in ROLE_NOUNS and (head.dep_ == "appos" or noun.dep_ == "appos") and noun.i not in by_token:
                country = _role_country(noun, by_token)
                if country and _of_a_country(noun, by_token) and not any(
                        c.lower_ in NOT_CURRENT for c in noun.children if c.dep_ in {"amod", "advmod"}):
                    yield item, country, role_name(noun)
        # "President Vladimir V. Putin of Russia", "Russian President Vladimir Putin", "President George W. Bush"
        title = fold(doc[item.start].text).strip(".")
        if item.kind == "title" and title in ROLE_NOUNS:
            role = "leader" if title in HEAD_OF_STATE_ROLES else title
            countries = [by_token[obj.i].name for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                         for obj in prep.children if obj.i in by_token and by_token[obj.i].label == "GPE"]
            before = doc[item.start - 1] if item.start > 0 else None
            if before is not None and before.i in by_token and by_token[before.i].label == "GPE":
                countries.append(by_token[before.i].name)  # "Russian" (a demonym) or "U.S." before the title
            elif before is not None and demonym_country(before.text):
                countries.append(demonym_country(before.text) or "")
            if before is not None and before.lower_ in NOT_CURRENT:
                continue  # "former President Bill Clinton"
            for country in countries or [""]:
                yield item, country, role


def describing_nouns(doc: Doc, found: list[Found]) -> dict[str, list[str]]:
    """Person key → the common nouns the article ties to that person alone: the noun in front of the name ("host
    Hugh Jackman") or in apposition to it ("Raj Chohan, a grandmother"). Recorded as descriptions, not linked as
    mentions: in-article, "the host" too often means someone else (a former host, another coach)."""
    by_token = {i for item in found for i in range(item.start, item.end)}
    owners: dict[str, set[str]] = defaultdict(set)
    for item in found:
        if item.label != "PERSON" or item.kind not in {"name", "title"}:
            continue
        root = doc[item.start:item.end].root
        nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        if item.start > 0 and doc[item.start - 1].dep_ == "compound" and doc[item.start - 1].head.i >= item.start:
            nouns.append(doc[item.start - 1])
        for noun in nouns:
            if noun.pos_ == "NOUN" and noun.i not in by_token:
                owners[noun.lemma_.lower()].add(item.key)
    learned: dict[str, list[str]] = defaultdict(list)
    for word, keys in sorted(owners.items()):
        if len(keys) == 1:
            learned[next(iter(keys))].append(word)
    return learned



#: Nouns that say no more of a woman than her sex and age: "the woman" is the article's one woman.
FEMALE_NOUNS = frozenset({"woman", "lady", "girl", "grandmother"})


def gendered_nouns(doc: Doc, found: list[Found]) -> list[Found]:
    """ "the woman", "a 66-year-old woman" → the article's only named person its pronouns make a woman (she/her
    linked to her, never he/him), when there is exactly one and the article gives her no other age ("Jean Larson,
    48," is no "63-year-old woman"); an indefinite noun with no age ("one woman", "a woman") is one of many.
    Singular nouns without a possessive only. Men are not linked this way: news reports name many men (officers,
    spokesmen) that "he" refers to, so "the man" is too often someone else."""
    sexes: dict[str, set[str]] = defaultdict(set)
    for item in found:
        if item.kind == "pronoun" and item.end - item.start == 1:
            word = doc[item.start].lower_
            if word in PERSON_PRONOUNS:  # not "who"
                sexes[item.key].add("female" if word in FEMALE_PRONOUNS else "male")
    persons = {f.key: f for f in found if f.label == "PERSON" and f.kind in {"name", "title"}}
    women = [k for k, s in sexes.items() if s == {"female"} and k in persons]
    if len(women) != 1:
        return []
    woman = persons[women[0]]
    ages = {stated_age(doc, f.start, f.end) for f in found if f.key == woman.key and f.kind in {"name", "title"}}
    ages.discard(None)
    covered = {i for item in found for i in range(item.start, item.end)}
    out = []
    for token in doc:
        if (token.pos_ == "NOUN" and token.lemma_.lower() in FEMALE_NOUNS and token.i not in covered
                and token.tag_ not in {"NNS", "NNPS"} and token.dep_ != "compound"
                and not any(c.dep_ == "poss" for c in token.children)
                and not (_indefinite(token) and not any(map(years_old, token.children)))
                and not any(a is not None and ages and a not in ages for a in map(years_old, token.children))):
            start = noun_start(token, covered)
            out.append(Found(start, token.i + 1, woman.name, "PERSON", "description", woman.key, 0))
    return out


#: Words before a noun that say it is one of many, not the one in view: "one woman", "a woman", "another woman".
INDEFINITE_WORDS = frozenset({"a", "an", "one", "another", "some", "any", "other"})


def _indefinite(noun: Token) -> bool:
    """Whether a noun is indefinite ("one woman", "a man", "another official"): such a phrase describes no named
    person, unless an age says which ("a 66-year-old woman")."""
    return any(c.lower_ in INDEFINITE_WORDS and c.dep_ in {"det", "nummod", "amod"} for c in noun.children)


IDENTIFYING_VERBS = frozenset({"identify", "name"})
_IDENTIFYING = ByString(lambda lemma: lemma.lower() in IDENTIFYING_VERBS)


def identified_nouns(doc: Doc, found: list[Found]) -> list[Found]:
    """A common noun the article itself equates with a named person is a mention of that person: "the suspect,
    identified as Anthony Smith", "police identified the victim as Anthony Smith", "the driver, who police
    identified as Anthony Smith", "the fired man, Anthony Smith" (apposition either way round), "Smith was an
    experienced climber". Only the noun phrase carrying the evidence is linked; singular nouns only."""
    person_at = {i: f for f in found if f.label == "PERSON" and f.kind in {"name", "title"}
                 for i in range(f.start, f.end)}
    by_token = {i: item for item in found for i in range(item.start, item.end)}
    covered = set(by_token)
    out, seen = [], set()

    def link(noun: Token, person: Found) -> None:
        if (noun.pos_ != "NOUN" or noun.tag_ in {"NNS", "NNPS"} or noun.i in covered or noun.i in seen
                or any(c.dep_ == "poss" for c in noun.children) or noun_class(noun.lemma_) in {"ORG", "GPE"}):
            return  # "X, a company": a noun of an organisation or a place says X is no person
        seen.add(noun.i)
        out.append(Found(noun_start(noun, covered), noun.i + 1, person.name, "PERSON", "description", person.key, 0))

    def named(token: Token) -> Found | None:
        person = person_at.get(token.i)
        return person if person is not None and token.i == person.end - 1 else None

    lemma, pos = columns(doc, [LEMMA, POS])
    identifying = _IDENTIFYING.column(doc, lemma)
    # the tokens of persons' names (``named`` takes the last of each) and the verbs that identify
    for token in tokens_where(doc, (n in person_at or (p == VERB and verb)
                               for n, (p, verb) in enumerate(zip(pos, identifying)))):
        if pos[token.i] == VERB and identifying[token.i]:
            candidates = [named(o) for p in token.children if p.lower_ == "as" for o in p.children if o.dep_ == "pobj"]
            names = [n for n in candidates if n is not None]
            if len(names) != 1:
                continue
            if token.dep_ in {"acl", "relcl"}:  # "the suspect, identified as X", "the driver, whom police named as X"
                link(token.head, names[0])
            for child in token.children:  # "identified the victim as X" / "the victim was identified as X"
                if child.dep_ in {"dobj", "nsubjpass"}:
                    link(child, names[0])
        person = named(token)
        if person is None:
            continue
        described = apposed(token, by_token)  # "the fired man, X", "the owner of the restaurant, X"
        if token.dep_ == "appos" and adjacent(doc, phrase_end(described, person.start), person.start):
            link(described, person)
        for child in token.children:  # "X, 66, a grandmother"
            if child.dep_ == "appos" and adjacent(doc, person.end, noun_start(child, covered)):
                link(child, person)
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":  # "X was an inexperienced climber"
            for child in token.head.children:
                if child.dep_ == "attr":
                    link(child, person)
    return out
