"""Common-noun mentions of the article's named entities: "the company", "the chipmaker", "the actress", "the
25-year-old".

Three rules, each on the article's own evidence, none linking where the article leaves the referent open:

1. **Equated.** A noun phrase in apposition to a name ("Nvidia, the chipmaker", "the chipmaker, Nvidia"), in front
   of it ("the chipmaker Nvidia") or said of it ("Nvidia is a chipmaker") describes that entity when its head noun
   can describe the entity's type (``noun_classes.noun_class``: a person noun for a person, an organisation noun
   for an organisation, a place noun for a place). The phrase itself is a mention of the entity (persons are
   linked this way by ``anaphora.identified_nouns``).
2. **Used before.** A later definite description with the same head noun ("the chipmaker") is a mention of the one
   entity the article equated that noun with.
3. **Nearest compatible antecedent.** Failing that, a definite singular description whose head noun fits a type
   links to the nearest preceding entity of that type in its sentence or the two before, outside its own clause,
   whose sex (from titles and nouns such as "actress") does not contradict the noun's; subjects first when the
   window holds more than one. Nouns that say no more than a sex or age of a person ("the man", "the woman") are
   left to ``anaphora.gendered_nouns``; nouns the article equated with another entity, nouns with a possessive,
   "of" phrase or restrictive clause ("the company's owner", "the president of the Academy", "the man who fled")
   and nouns marked as another or a past one ("the new coach", "the former president", "a rival company") never
   link.

Descriptions that none of the rules settles stay concepts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping

from spacy.attrs import POS, SENT_START, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsgraph.ingest.columns import columns, sentence_numbers
from newsgraph.ingest.found import Found, noun_start
from newsgraph.ingest.names import CANONICAL_NAMES, COMPANY_SUFFIXES, DEMONYMS, NOT_CURRENT, fold
from newsgraph.ingest.noun_classes import noun_class, noun_sex
from newsgraph.ingest.pronouns import FEMALE_PRONOUNS, PERSON_PRONOUNS, person_sexes, resolve_pronouns

#: Types a noun class may describe: an organisation noun also fits what the model calls a group of people.
FITS = {"PERSON": {"PERSON"}, "ORG": {"ORG"}, "GPE": {"GPE", "LOC"}, "NAME": {"ORG", "GPE", "LOC"}}
#: Modifiers that make a description another one than the entity in view: "the new coach", "a rival company".
OTHER_MODIFIERS = NOT_CURRENT | frozenset("""other another rival new interim acting assistant fellow different
opposing same parent sister""".split())
#: Nouns that say only sex or age: "the man" in a crime report is too often the unnamed one.
BARE_PERSON_NOUNS = frozenset("""man woman boy girl lady gentleman child kid adult teenager teen baby""".split())
_WINDOW = 2  # sentences before the description's own
#: Nouns a company suffix ("Inc.", "Corp.") agrees with, and nouns a plural-form name ("the Chargers") agrees with.
COMPANY_NOUNS = frozenset({"company", "firm", "business", "corporation", "group", "maker", "manufacturer", "retailer"})
TEAM_NOUNS = frozenset({"team", "club", "franchise", "squad"})
_COUNTRIES = frozenset(fold(c) for c in [*DEMONYMS.values(), *CANONICAL_NAMES.values()])


def nominal_mentions(doc: Doc, found: list[Found]) -> list[Found]:
    """The common-noun mentions of named entities the article supports (module notes), as ``Found`` items of kind
    ``description`` carrying the entity's key.

    Args:
        doc: the parsed article.
        found: the mentions found so far (names, titles, linked descriptions), in any order.
    """
    named = [f for f in found if f.kind in {"name", "title", "description"} and not f.role and f.label in
             {"PERSON", "ORG", "GPE", "LOC"}]
    entity_at = {i: f for f in named for i in range(f.start, f.end)}
    covered = {i for f in found for i in range(f.start, f.end)}
    sexes = _sexes(doc, found, named)
    out: list[Found] = []
    equated: dict[str, set[str]] = defaultdict(set)  # noun lemma → keys of the entities the article equates it with
    for noun, entity in _equated(doc, named, entity_at):
        lemma = noun.lemma_.lower()
        equated[lemma].add(entity.key)
        if entity.label != "PERSON" and _linkable(noun, covered, definite=False):
            start = noun_start(noun, covered)
            out.append(Found(start, noun.i + 1, entity.name, entity.label, "description", entity.key, 0))
            covered.update(range(start, noun.i + 1))
    first_at: dict[str, Found] = {}
    for f in sorted(named, key=lambda f: f.start):
        first_at.setdefault(f.key, f)
    pos_col, tag_col, starts = columns(doc, [POS, TAG, SENT_START])
    sentence = sentence_numbers(starts)
    heads = {doc[f.end - 1].lemma_.lower() for f in named if f.kind != "description" and f.label != "PERSON"}
    evidence = _Evidence(doc, named, sexes)
    for i, (pos, tag) in enumerate(zip(pos_col, tag_col)):
        if pos != _NOUN or tag in _PLURAL_TAGS:
            continue
        noun = doc[i]
        if not _linkable(noun, covered, definite=True):
            continue
        lemma = noun.lemma_.lower()
        kind = noun_class(lemma) or _age(noun) or ("NAME" if lemma in heads else None)
        if kind is None:
            continue
        owners = equated.get(lemma, set())
        if owners:
            first = first_at.get(next(iter(owners)))
            if len(owners) == 1 and first is not None and first.start < noun.i:
                out.append(_mention(noun, first, covered))
            continue  # the article said whom this noun describes
        if lemma in BARE_PERSON_NOUNS and not _age(noun):
            continue
        antecedent = _nearest(noun, kind, named, sentence, evidence)
        if antecedent is not None:
            out.append(_mention(noun, antecedent, covered))
    return out


_NOUN = get_string_id("NOUN")
_PLURAL_TAGS = frozenset(get_string_id(t) for t in ("NNS", "NNPS"))


def _mention(noun: Token, entity: Found, covered: set[int]) -> Found:
    start = noun_start(noun, covered)
    covered.update(range(start, noun.i + 1))
    return Found(start, noun.i + 1, entity.name, entity.label, "description", entity.key, 0)


def _age(noun: Token) -> str | None:
    """ "the 25-year-old": "old" after "year" and a number, as the tokenizer splits it."""
    doc = noun.doc
    if noun.lower_ == "old" and noun.i >= 2 and doc[noun.i - 2].lower_ in {"year", "years"}:
        return "PERSON"
    return None


def _linkable(noun: Token, covered: set[int], *, definite: bool) -> bool:
    """A noun phrase that may be a mention of an entity in view: not part of another mention, no possessive, no
    "of" phrase or restrictive clause, nothing that makes it another one; ``definite``: with "the", not a
    predicate."""
    if noun.i in covered or noun.dep_ in {"compound", "npadvmod"} or noun.dep_ == "poss" and not definite:
        return False  # a definite possessor is a description like any other: "the company's move"
    children = list(noun.children)
    if any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return False
    if any(c.dep_ in {"relcl", "acl"} and not _after_comma(c) for c in children):
        return False
    if any(fold(c.text) in OTHER_MODIFIERS for c in children if c.dep_ in {"amod", "advmod", "compound", "det",
                                                                             "nmod", "nummod"}):
        return False
    if definite:
        return noun.dep_ not in {"attr", "appos"} and any(c.dep_ == "det" and c.lower_ == "the" for c in children)
    return True


def _after_comma(clause: Token) -> bool:
    """ "the company, which …": a comma before the clause makes it non-restrictive."""
    i = clause.left_edge.i
    return i > 0 and clause.doc[i - 1].text == ","


def _equated(doc: Doc, named: list[Found], entity_at: Mapping[int, Found]) -> Iterator[tuple[Token, Found]]:
    """(noun, entity) pairs the article equates: apposition either way round, a noun in front of the name, a
    copula. Only nouns whose class fits the entity's type."""
    for entity in named:
        if entity.kind not in {"name", "title"}:
            continue
        root = doc[entity.start:entity.end].root
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            nouns.append(root.head)
        before = doc[entity.start - 1] if entity.start > 0 else None
        if before is not None and before.dep_ == "compound" and before.head.i >= entity.start:
            nouns.append(before)  # "the chipmaker Nvidia"
        if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ == "be":
            nouns.extend(c for c in root.head.children if c.dep_ == "attr")  # "Nvidia is a chipmaker"
        for noun in nouns:
            if noun.pos_ != "NOUN" or noun.i in entity_at or noun.tag_ in {"NNS", "NNPS"}:
                continue
            kind = noun_class(noun.lemma_.lower())
            if kind is not None and entity.label in FITS[kind]:
                yield noun, entity


def _clause(token: Token) -> Token:
    """The verb whose clause holds ``token``."""
    current = token
    while current.head.i != current.i and current.pos_ not in {"VERB", "AUX"}:
        current = current.head
    return current


def _sexes(doc: Doc, found: list[Found], named: list[Found]) -> dict[str, str]:
    """Person key → sex, from titles and nouns (``pronouns.person_sexes``) and from the he/she the article's
    pronouns link to the person; a person both ways is left out."""
    seen = {key: {sex} for key, sex in person_sexes(doc, named).items()}
    for i, f in resolve_pronouns(doc, found).items():
        word = doc[i].lower_
        if f.label == "PERSON" and word in PERSON_PRONOUNS:
            seen.setdefault(f.key, set()).add("female" if word in FEMALE_PRONOUNS else "male")
    return {key: next(iter(s)) for key, s in seen.items() if len(s) == 1}


class _Evidence:
    """What the article says of each entity that a description's head noun can agree with: its sex, its age ("X,
    61," for "the 61-year-old"), the words of its name ("Beaumont Hospital" for "the hospital"), a company suffix
    ("Apple Inc." for "the company"), a plural team name ("the Chargers" for "the team")."""

    def __init__(self, doc: Doc, named: list[Found], sexes: Mapping[str, str]) -> None:
        self.sexes = sexes
        self.ages: dict[str, set[str]] = defaultdict(set)
        self.words: dict[str, set[str]] = defaultdict(set)
        self.heads: dict[str, set[str]] = defaultdict(set)  # the last word of each name: "hospital"
        # organisations whose name has no noun of another kind of body ("Police", "Fleet", "Bureau", "Reserve")
        # and that are the subject of a clause: "the company" may be one of them when it is the only one in view
        self.plain_subjects: set[str] = set()
        self.other_bodies: set[str] = set()  # organisations whose name says they are no company ("Department")
        for f in named:
            if f.kind == "description":
                continue
            span = doc[f.start:f.end]
            self.words[f.key].update(fold(t.text).strip(".") for t in span)
            self.words[f.key].update(t.lemma_.lower() for t in span)
            self.heads[f.key].update({span[-1].lemma_.lower(), fold(span[-1].text)})
            if f.label == "ORG" and any(noun_class(t.lemma_.lower()) == "ORG" and t.lemma_.lower() not in
                                        COMPANY_NOUNS for t in span):
                self.other_bodies.add(f.key)
            elif f.label == "ORG" and span.root.dep_ in {"nsubj", "nsubjpass"}:
                self.plain_subjects.add(f.key)
            after = doc[f.end:f.end + 3]
            if len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == ",":
                self.ages[f.key].add(after[1].text)  # "LaCalamita, 61,"

    def suffixed(self, entity: Found) -> bool:
        """Whether the entity's name carries a company suffix ("Apple Inc.")."""
        return bool(self.words.get(entity.key, set()) & COMPANY_SUFFIXES)

    def fits(self, noun: Token, kind: str, entity: Found) -> bool:
        """Whether the article gives ``entity`` something the description ``noun`` of class ``kind`` agrees with."""
        lemma = noun.lemma_.lower()
        if kind == "PERSON":
            sex = noun_sex(lemma)
            if sex is not None:
                return self.sexes.get(entity.key) == sex
            age = _age_number(noun)
            return age is not None and age in self.ages.get(entity.key, ())
        words = self.words.get(entity.key, set())
        if kind == "NAME" or lemma in words:
            return entity.label != "PERSON" and lemma in self.heads.get(entity.key, ())  # "Beaumont Hospital"
        if kind == "ORG" and lemma in COMPANY_NOUNS:
            return bool(words & COMPANY_SUFFIXES) or entity.key in self.plain_subjects
        if kind == "ORG" and lemma in TEAM_NOUNS:
            last = entity.name.split()[-1] if entity.name.split() else ""
            return last[-1:] == "s" and last[-2:] != "ss" and not words & COMPANY_SUFFIXES
        if kind == "GPE" and lemma in {"country", "nation"}:
            return fold(entity.name) in _COUNTRIES
        return False


def _age_number(noun: Token) -> str | None:
    """The number of "the 61-year-old" (tokenised "61 - year - old")."""
    if _age(noun) is None:
        return None
    doc = noun.doc
    for i in range(noun.i - 1, max(noun.i - 5, -1), -1):
        if doc[i].like_num:
            return doc[i].text
    return None


def _commands(head: Token, other: Token) -> bool:
    """Whether the phrase headed by ``head`` c-commands ``other``: the token ``head`` hangs on dominates it (a
    description is never the same as a phrase that c-commands it)."""
    parent = head.head
    return parent.i != head.i and parent.is_ancestor(other)


def _nearest(noun: Token, kind: str, named: list[Found], sentence: list[int],
             evidence: _Evidence) -> Found | None:
    """The nearest preceding entity the description can denote (module notes, rule 3)."""
    here = sentence[noun.i]
    clause = _clause(noun)
    # "Smith shot the victim", "Smith said the challenger fell": a clause-mate or a phrase that c-commands the
    # description is someone else, wherever else the article names them
    others = {f.key for f in named if sentence[f.start] == here and f.start < noun.i and (
        _clause(noun.doc[f.end - 1]).i == clause.i or _commands(noun.doc[f.end - 1], noun))}
    in_view = [f for f in named if f.start < noun.i and sentence[f.start] >= here - _WINDOW
               and f.label in FITS[kind] and f.key not in others]
    window = [f for f in in_view if evidence.fits(noun, kind, f)]
    if not window:
        return None
    companies = {f.key for f in in_view if f.key not in evidence.other_bodies}
    if kind == "ORG" and noun.lemma_.lower() in COMPANY_NOUNS and len(companies) > 1 and not any(
            evidence.suffixed(f) for f in window):
        return None  # "the company" with two organisations in view and no "Inc." to tell them apart (a name that
        # says "Department" or "Police" is none)
    keys = {f.key for f in window}
    if len(keys) == 1:
        return window[-1]
    subjects = [f for f in window if noun.doc[f.end - 1].dep_ in {"nsubj", "nsubjpass"}]
    return (subjects or window)[-1]
