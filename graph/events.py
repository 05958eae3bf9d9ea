"""Merge event mentions into events: one ``(:Event)`` per happening, across articles and outlets.

Mentions of one event class ("fired", "sacked", "the dismissal" → dismiss) in one story are one event: within
the articles about one happening, the same kind of happening is, overwhelmingly, the same happening (on ECB+ dev
this is what separates the lemma baseline from all singletons; see the README's Benchmarks). The event's id is
derived from its story and class, so it is the same whichever chunk or run a mention arrives in, and the store
MERGEs mentions of later articles into it.

One exception: when a story's mentions of one class clearly befall different named people (each group of people
named as the one arrested, the one who fell … in at least two articles, with no name word in common), the
mentions naming a person other than the most named one are that person's event (the id adds the person). That
is decided over the mentions of one build (one ingest chunk): a later chunk that names only one of the people
puts its mentions on the class's event, which is the main person's event only if that chunk agrees on who it is.

Also here: the relation class of a triple and its event, what ``build_graph`` projects the analysts' edges from.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgraph.model import ArticleAnalysis, EventMention, Resolution


def event_id(story: str, event_class: str) -> str:
    """The id of the event of class ``event_class`` in ``story``.

    >>> event_id("story:1", "dismiss")
    'event:43254ab61f262a95'
    """
    return "event:" + hashlib.sha1(f"{story}\x1f{event_class}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class EventAssignment:
    """The event of every mention, keyed by (source, trigger start)."""

    of_mention: dict[tuple[str, int], str]

    def of_trigger(self, source: str, start: int) -> str | None:
        return self.of_mention.get((source, start))


def _people(mention: EventMention, source: str, assignment: Mapping[tuple[str, int], str],
            people: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The named people a mention befalls: its ``object`` participants that are people ("Smith was arrested",
    "police stopped Smith"), else its ``subject`` ones ("Smith fell")."""
    for role in ("object", "subject"):
        ids = (assignment.get((source, p.arg.local_id)) for p in mention.participants
               if p.role == role and p.arg.local_id is not None)
        found = frozenset(i for i in ids if i is not None and i in people)
        if found:
            return found
    return frozenset()


def person_groups(named: Iterable[frozenset[str]], words: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Each person of ``named`` (the people of each mention) → the first (smallest) id of its group: people
    named in one mention are one group ("killed Smith and Jones"), and so are two whose names share a word
    (``words``: "Coach Smith" and "John Smith" may be one man that resolution left apart).

    >>> words = {"a-jones": frozenset({"jones"}), "b-brown": frozenset({"brown"}),
    ...          "c-smith": frozenset({"coach", "smith"}), "j-smith": frozenset({"john", "smith"})}
    >>> person_groups([frozenset({"a-jones"}), frozenset({"j-smith"}), frozenset({"c-smith"})], words)
    {'a-jones': 'a-jones', 'c-smith': 'c-smith', 'j-smith': 'c-smith'}
    >>> person_groups([frozenset({"a-jones", "b-brown"})], words)["b-brown"]
    'a-jones'
    """
    parent: dict[str, str] = {}

    def find(person: str) -> str:
        while parent.setdefault(person, person) != person:
            person = parent[person]
        return person

    def join(one: str, other: str) -> None:
        a, b = find(one), find(other)
        parent[max(a, b)] = min(a, b)

    by_word: dict[str, str] = {}
    for people in named:
        ordered = sorted(people)
        for person in ordered:
            join(ordered[0], person)
            for word in sorted(words.get(person, ())):
                join(by_word.setdefault(word, person), person)
    return {person: find(person) for person in sorted(parent)}


def _split(mentions: list[tuple[str, EventMention, frozenset[str]]],
           words: Mapping[str, frozenset[str]]) -> dict[tuple[str, int], str]:
    """Within the mentions of one class in one story, the key suffix of each mention that befalls someone other
    than the class's main person, when the mentions clearly befall different people: two groups of people or
    more (``person_groups``), each named in at least two articles. The group named by most mentions keeps the
    class's event, and so do the mentions that name nobody or several groups."""
    group = person_groups((people for _, _, people in mentions), words)
    size: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for source, _, people in mentions:
        groups = {group[p] for p in people}
        for g in groups:
            articles[g].add(source)
        if len(groups) == 1:
            size[groups.pop()] += 1
    apart = {g for g in size if len(articles[g]) >= 2}
    if len(apart) < 2:
        return {}
    main = min(apart, key=lambda g: (-size[g], g))
    out = {}
    for source, mention, people in mentions:
        groups = {group[p] for p in people}
        if len(groups) == 1 and groups <= apart - {main}:
            out[(source, mention.start)] = f"\x1fwith {min(groups)}"
    return out


def assign_events(analyses: Iterable[ArticleAnalysis], story_of: Mapping[str, str],
                  resolution: Resolution | None = None) -> EventAssignment:
    """The event each mention belongs to: its story's event of its class, or, where the story's mentions of
    that class clearly befall different people (``_split``: one player's arrest and a teammate's a
    month later, both told in the later reports), the event of the person it names.

    A speech act is one event per speaker: "the Kremlin said" in two outlets is one statement, "the Kremlin
    said" and "Zelenskyy said" are two; a speaker that is no entity but a description ("police said", "officials
    told reporters") is a speaker too, by its concept; a speech act with neither (a pronoun, no subject) is an
    event of its own. An article with no story (none given) is a story of its own.
    """
    found: dict[tuple[str, int], str] = {}
    assignment = resolution.assignment if resolution is not None else {}
    words = {e.id: frozenset(w for w in re.findall(r"[a-z]+", e.name.lower()) if len(w) > 2)
             for e in (resolution.entities if resolution is not None else ()) if e.type == "Person"}
    of_class: dict[tuple[str, str], list[tuple[str, EventMention, frozenset[str]]]] = defaultdict(list)
    analyses = list(analyses)
    for analysis in analyses:
        source = analysis.article.id
        for mention in analysis.events:
            if mention.kind != "speech":
                of_class[(story_of.get(source, source), mention.event_class)].append(
                    (source, mention, _people(mention, source, assignment, words)))
    suffix: dict[tuple[str, int], str] = {}
    for mentions in of_class.values():
        suffix.update(_split(mentions, words))
    for analysis in analyses:
        source = analysis.article.id
        story = story_of.get(source, source)
        for mention in analysis.events:
            key = mention.event_class
            if mention.kind == "speech":
                speaker = next((assignment.get((source, p.arg.local_id)) for p in mention.participants
                                if p.role == "subject" and p.arg.local_id is not None), None)
                described = next((p.arg.concept for p in mention.participants
                                  if p.role == "subject" and p.arg.concept), None)
                if speaker:
                    key += f"\x1fby {speaker}"
                elif described:
                    key += f"\x1fby concept {described}"
                else:
                    key += f"\x1f{source}\x1f{mention.start}"
            else:
                key += suffix.get((source, mention.start), "")
            found[(source, mention.start)] = event_id(story, key)
    return EventAssignment(found)

