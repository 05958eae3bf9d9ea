"""The tables behind ``newsgraph.ingest.lexicon``, read once from the package data in ``ingest/data/``.

``relation_classes.tsv`` and ``lexicon_rules.tsv`` are curated; ``wordnet_*.tsv`` are derived from Princeton
WordNet 3.0 by ``scripts/build_lexicon.py`` (licence in ``WORDNET_LICENSE``). Nothing here reads WordNet itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

#: Relation class of a WordNet verb that reaches no curated class, by the lexicographer file of its first sense.
LEXNAME_CLASSES = {
    "body": "groom", "change": "change", "cognition": "reason", "communication": "communicate",
    "competition": "play", "consumption": "consume", "contact": "touch", "creation": "create", "emotion": "feel",
    "motion": "travel", "perception": "perceive", "possession": "transfer", "social": "interact",
    "stative": "relate to", "weather": "weather",
}
#: The class of a predicate with no verb WordNet knows ("s", a name the parser took for a verb).
UNKNOWN_CLASS = "relate to"
#: WordNet verbs this frequent in SemCor (the ~470 most common) keep a class of their own when no curated
#: class covers them; rarer ones take their lexicographer file's class, so the classes stay a bounded set.
OWN_CLASS_MIN_COUNT = 30


@dataclass(frozen=True)
class Member:
    """A curated class member: its relation class, polarity and event class."""

    relation: str
    polarity: int
    event_class: str


@dataclass(frozen=True)
class WordNetVerb:
    """A WordNet verb lemma: the lexicographer file of its first sense, the curated member it reaches, its count."""

    lexname: str
    via: str | None
    count: int


@dataclass(frozen=True)
class Tables:
    """Every table of the lexicon, as read from the package data."""

    members: Mapping[str, Member]
    verbs: Mapping[str, WordNetVerb]
    nouns: Mapping[str, str]
    adjectives: Mapping[str, str]
    irregular: Mapping[str, str]
    light: frozenset[str]
    empty: frozenset[str]
    speech: frozenset[str]
    negative: frozenset[str]
    stative: frozenset[str]
    relation_types: frozenset[str]
    #: event class → the event class it merges into (one happening told from another side: "defeat" → win).
    same_event: Mapping[str, str] = field(default_factory=dict)
    #: nouns whose news use mostly is no event (the ``not_noun`` rules).
    not_nouns: frozenset[str] = frozenset()


def _rows(name: str) -> Iterator[list[str]]:
    text = files("newsgraph.ingest").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def rel_type(name: str) -> str:
    """The relationship type of a class name: upper case, words joined by "_", nothing outside [A-Z0-9_].

    >>> rel_type("agree to"), rel_type("re-elect"), rel_type("")
    ('AGREE_TO', 'RE_ELECT', 'RELATE_TO')
    """
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in name.upper()).split()
    joined = "_".join(words)
    if not joined or not joined[0].isalpha():
        return "RELATE_TO" if not joined else "R_" + joined
    return joined


@cache
def tables() -> Tables:
    """Read the package data once (the first lookup pays ~0.1 s)."""
    members: dict[str, Member] = {}
    for relation, polarity, listed in _rows("relation_classes.tsv"):
        names = [m.strip() for m in listed.split(",") if m.strip()]
        for name in names:
            members[name] = Member(relation, int(polarity), names[0])
    verbs = {row[0]: WordNetVerb(row[1], None if row[2] == "-" else row[2], int(row[3]))
             for row in _rows("wordnet_verbs.tsv")}
    nouns = dict(row[:2] for row in _rows("wordnet_event_nouns.tsv"))
    irregular = dict(row[:2] for row in _rows("wordnet_participles.tsv"))
    kinds: dict[str, dict[str, str]] = {}
    for row in _rows("lexicon_rules.tsv"):
        kinds.setdefault(row[0], {})[row[1]] = row[2] if len(row) > 2 else ""
    nouns.update(kinds.get("noun", {}))
    for noun in kinds.get("not_noun", {}):
        nouns.pop(noun, None)
    relations = {m.relation for m in members.values()} | set(LEXNAME_CLASSES.values()) | {UNKNOWN_CLASS, "be", "be in"}
    relations |= {name for name, verb in verbs.items()
                  if verb.count >= OWN_CLASS_MIN_COUNT and _curated(verb, members) is None and name not in members}
    return Tables(
        members=members, verbs=verbs, nouns=nouns, adjectives=kinds.get("adjective", {}), irregular=irregular,
        light=frozenset(kinds.get("light", {})), empty=frozenset(kinds.get("empty", {})),
        speech=frozenset(kinds.get("speech", {})), negative=frozenset(kinds.get("negative", {})),
        stative=frozenset(kinds.get("stative", {})), relation_types=frozenset(rel_type(r) for r in relations),
        same_event=kinds.get("event", {}), not_nouns=frozenset(kinds.get("not_noun", {})),
    )


def _curated(verb: WordNetVerb, members: Mapping[str, Member]) -> Member | None:
    return members.get(verb.via) if verb.via else None


def member_of(verb: str) -> Member | None:
    """The curated member ``verb`` is, or reaches through WordNet (``None`` when neither).

    >>> member_of("slay").relation, member_of("sack").event_class
    ('kill', 'dismiss')
    """
    t = tables()
    if verb in t.members:
        return t.members[verb]
    known = t.verbs.get(verb)
    return _curated(known, t.members) if known is not None else None


def is_curated_class(name: str) -> bool:
    """True for a relation class of the curated synonym groups ("attack", "agree to"), false for a WordNet verb's
    own class or a coarse one ("hit", "consume") and for the copulas.

    >>> is_curated_class("attack"), is_curated_class("agree to"), is_curated_class("hit"), is_curated_class("be")
    (True, True, False, False)
    """
    return name in _curated_classes()


@cache
def _curated_classes() -> frozenset[str]:
    return frozenset(m.relation for m in tables().members.values())


def is_class_member(word: str) -> bool:
    """True for a word or phrase listed in a curated synonym group ("attack", "work for"; not "smoke").

    >>> is_class_member("attack"), is_class_member("work for"), is_class_member("smoke")
    (True, True, False)
    """
    return " ".join(word.lower().split()) in tables().members
