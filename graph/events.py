"""Merge event mentions into events: one ``(:Event)`` per happening, across articles and outlets.

Mentions of one event class ("fired", "sacked", "the dismissal" → dismiss) in one story are one event: within
the articles about one happening, the same kind of happening is, overwhelmingly, the same happening (on ECB+ dev
this is what separates the lemma baseline from all singletons; see the README's Benchmarks). The event's id is
derived from its story and class, so it is the same whichever chunk or run a mention arrives in, and the store
MERGEs mentions of later articles into it.

One exception: when a story's mentions of one class clearly befall different named people (each group of people
named as the one arrested, the one who fell … in at least two articles, no surname of one a word of another's
name), the mentions naming a person other than the most named one are that person's event (the id adds the
person), and so are the mentions naming nobody whose sentence, or the two before it, tell of that person. That
is decided over the mentions of one build (one ingest chunk): a later chunk that names only one of the people
puts its mentions on the class's event, which is the main person's event only if that chunk agrees on who it is.
A reaction ("we're disappointed") names nobody as a rule; its mentions are told apart by the person their context
names ("… the issue involving Smith. Obviously we're disappointed"), for deciding the split as well. A mention
with no person in its context either goes by the places its sentence names: "the man fell near the Mount Hill
Hut" is the fall of the one whose named falls were on Mount Hill.

Mentions of one class placed in different years are different happenings (``newsgraph.graph.event_times``):
"hosted the Emmys in 2001" and "will host the Oscars in 2014" are two hostings; undated mentions stay on the
class's event.

Also here: the relation class of a triple and its event, what ``build_graph`` projects the analysts' edges from.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsgraph.graph.event_times import mention_years, time_split
from newsgraph.ingest.lexicon import is_reaction_class
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
            people: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """The named people a mention befalls: its ``object`` participants that are people ("Smith was arrested",
    "police stopped Smith"), else its ``subject`` ones ("Smith fell")."""
    for role in ("object", "subject"):
        ids = (assignment.get((source, p.arg.local_id)) for p in mention.participants
               if p.role == role and p.arg.local_id is not None)
        found = frozenset(i for i in ids if i is not None and i in people)
        if found:
            return found
    return frozenset()


#: Words after a surname that are no surname ("John Smith Jr").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _surname(words: tuple[str, ...]) -> str:
    """The last word of a name that is no suffix ("" for none)."""
    return next((w for w in reversed(words) if w not in _NAME_SUFFIXES), "")


def person_groups(named: Iterable[frozenset[str]], words: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Each person of ``named`` (the people of each mention) → the first (smallest) id of its group: people
    named in one mention are one group ("killed Smith and Jones"), and so are two where one's surname (the last
    word of its name, ``words`` in name order) is a word of the other's name ("Coach Smith" and "John Smith",
    "Smith" and "John Smith" may be one man that resolution left apart). A first or middle name in common is no
    tie: "Robert Brown" and "Alan Robert Jones" are two people.

    >>> words = {"a-jones": ("alan", "robert", "jones"), "b-brown": ("robert", "brown"),
    ...          "c-smith": ("coach", "smith"), "j-smith": ("john", "smith"), "smith": ("smith",)}
    >>> person_groups([frozenset({"a-jones"}), frozenset({"j-smith"}), frozenset({"c-smith"}),
    ...                frozenset({"b-brown"})], words)
    {'a-jones': 'a-jones', 'b-brown': 'b-brown', 'c-smith': 'c-smith', 'j-smith': 'c-smith'}
    >>> person_groups([frozenset({"a-jones", "b-brown"})], words)["b-brown"]
    'a-jones'
    >>> person_groups([frozenset({"smith"}), frozenset({"j-smith"})], words)
    {'j-smith': 'j-smith', 'smith': 'j-smith'}
    """
    parent: dict[str, str] = {}

    def find(person: str) -> str:
        while parent.setdefault(person, person) != person:
            person = parent[person]
        return person

    def join(one: str, other: str) -> None:
        a, b = find(one), find(other)
        parent[max(a, b)] = min(a, b)

    with_word: dict[str, list[str]] = defaultdict(list)
    for people in named:
        ordered = sorted(people)
        for person in ordered:
            join(ordered[0], person)
    for person in sorted(parent):
        for word in set(words.get(person, ())):
            with_word[word].append(person)
    for person in sorted(parent):
        for other in with_word.get(_surname(words.get(person, ())), ()):
            join(person, other)
    return {person: find(person) for person in sorted(parent)}


@dataclass(frozen=True)
class _Context:
    """What the articles of one build say around their event mentions, by article: the people named (start of
    each name mention → person id, speakers left out), the other named things (→ entity id), each sentence's
    start → the start of the sentence before and of the one after, and the words of every named thing's name."""

    named: Mapping[str, Sequence[tuple[int, str]]]
    things: Mapping[str, Sequence[tuple[int, str]]]
    before: Mapping[str, Mapping[int, int]]
    after: Mapping[str, Mapping[int, int]]
    thing_words: Mapping[str, frozenset[str]]


def _split(mentions: list[tuple[str, EventMention, frozenset[str]]],
           words: Mapping[str, tuple[str, ...]],
           context: _Context | None = None,
           reaction: bool = False) -> dict[tuple[str, int], str]:
    """Within the mentions of one class in one story, the key suffix of each mention that befalls someone other
    than the class's main person, when the mentions clearly befall different people: two groups of people or
    more (``person_groups``), each named in at least two articles. The group named by most mentions keeps the
    class's event, and so do the mentions that name several groups. A mention that names nobody ("he was
    arrested" with the pronoun unresolved, a participant the parse missed) is about the one person its own
    sentence names (``named``: each article's people by the start of their named mentions, speakers left out):
    "Smith, 32, was stopped for speeding but was arrested"; or, when its sentence names nobody, the last person
    named in the two sentences before it (``before``: each article's sentence starts → the start of the
    sentence before), as "he" would be read: "Smith was stopped for speeding. He was arrested"; or, in a lead
    that describes before it names (no person named before it in its article), the first person named in the
    sentence after it: "A local man has been killed after falling … John Smith, 32, was climbing …". It
    takes that person's group when that is one of the groups apart but the main one, and otherwise stays on
    the class's event.

    A reaction (``reaction``: "we're disappointed", "it's shocking") seldom names as a participant what it
    reacts to: its context does ("… the issue involving Smith. Obviously we're disappointed"). For a reaction
    class, a mention that names nobody counts towards telling the groups apart by the person its sentence or the
    two before tell of, so reactions to two people's arrests, each told in two articles, are two events. (For
    other classes it does not: a happening of two parties, each sentence naming one, is one event.)"""
    group = person_groups((people for _, _, people in mentions), words)

    def told(source: str, mention: EventMention) -> set[str]:
        if context is None:
            return set()
        return _told_of(context.named.get(source, ()), mention, context.before.get(source, {}),
                        context.after.get(source, {}), group)

    size: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for source, mention, people in mentions:
        groups = {group[p] for p in people} or (told(source, mention) if reaction else set())
        for g in groups:
            articles[g].add(source)
        if len(groups) == 1:
            size[min(groups)] += 1
    apart = {g for g in size if len(articles[g]) >= 2}
    if len(apart) < 2:
        return {}
    main = min(apart, key=lambda g: (-size[g], g))
    of_mention = {(source, mention.start): {group[p] for p in people} or told(source, mention)
                  for source, mention, people in mentions}
    if context is not None:
        of_mention |= _placed(mentions, of_mention, apart, context)
    out = {}
    for key, groups in of_mention.items():
        if len(groups) == 1 and groups <= apart - {main}:
            out[key] = f"\x1fwith {min(groups)}"
    return out


def _placed(mentions: Sequence[tuple[str, EventMention, frozenset[str]]],
            of_mention: Mapping[tuple[str, int], set[str]],
            apart: set[str], context: _Context) -> dict[tuple[str, int], set[str]]:
    """The group of each mention that neither names a person nor has one in its context, by the named places
    (and other named things) of its sentence: a thing the sentences of exactly one group's mentions name, or a
    thing whose name holds the name of one they name ("fell near the Mount Hill Hut" where one climber's
    named falls were "on Mount Hill"), places the mention with that group. Things of several groups' sentences
    ("New Zealand") tell nothing."""
    def things(source: str, mention: EventMention) -> set[str]:
        return {t for at, t in context.things.get(source, ())
                if mention.sentence_start <= at < mention.sentence_end}

    seen: dict[str, set[str]] = defaultdict(set)
    for source, mention, _ in mentions:
        groups = of_mention[(source, mention.start)]
        if len(groups) == 1 and groups <= apart:
            seen[min(groups)] |= things(source, mention)
    empty: frozenset[str] = frozenset()

    def holds(thing: str, other: str) -> bool:
        inner = context.thing_words.get(other, empty)
        return other == thing or bool(inner) and inner <= context.thing_words.get(thing, empty)

    out = {}
    for source, mention, _ in mentions:
        if of_mention[(source, mention.start)]:
            continue
        found: set[str] = set()
        for thing in things(source, mention):
            groups = {g for g, named in seen.items() if any(holds(thing, other) for other in named)}
            found |= groups if len(groups) == 1 else set()
        if len(found) == 1:
            out[(source, mention.start)] = found
    return out


def _told_of(named: Sequence[tuple[int, str]], mention: EventMention, before: Mapping[int, int],
             after: Mapping[int, int], group: Mapping[str, str]) -> set[str]:
    """The group of the one person a mention that names nobody is about: the person its sentence names when it
    names one (surnames joined: ``group``, a person in no group being one of its own), else the last person
    named in the two sentences before it, else, when its article names nobody before it (a lead), the first
    person named in the sentence after it; nobody (an empty set) when its sentence names several."""
    start, end = mention.sentence_start, mention.sentence_end
    here = {group.get(p, p) for at, p in named if start <= at < end}
    if here:
        return here if len(here) == 1 else set()
    back = before.get(start, -1)
    earlier = [group.get(p, p) for at, p in named if before.get(back, back) <= at < start]
    if earlier or any(at < start for at, _ in named) or start not in after:
        return set(earlier[-1:])
    stop = after.get(after[start], sys.maxsize)
    later = next((group.get(p, p) for at, p in named if end <= at < stop), None)
    return set() if later is None else {later}


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
    words = {e.id: tuple(w for w in re.findall(r"[a-z]+", e.name.lower()) if len(w) > 1)
             for e in (resolution.entities if resolution is not None else ()) if e.type == "Person"}
    of_class: dict[tuple[str, str], list[tuple[str, EventMention, frozenset[str]]]] = defaultdict(list)
    named: dict[str, list[tuple[int, str]]] = defaultdict(list)
    things: dict[str, list[tuple[int, str]]] = defaultdict(list)
    thing_names = {e.id: e.name for e in (resolution.entities if resolution is not None else ()) if e.type != "Person"}
    before: dict[str, dict[int, int]] = {}
    after: dict[str, dict[int, int]] = {}
    years: dict[tuple[str, int], str] = {}
    analyses = list(analyses)
    published = {a.article.id: a.article.published for a in analyses}
    for analysis in analyses:
        source = analysis.article.id
        dated = mention_years(analysis.events, analysis.article.text)
        years.update(((source, start), year) for start, year in dated.items())
        starts = sorted({e.sentence_start for e in analysis.events} | {t.sentence_start for t in analysis.triples})
        before[source] = dict(zip(starts[1:], starts))
        after[source] = dict(zip(starts, starts[1:]))
        speakers = [p.arg for e in analysis.events if e.kind == "speech" for p in e.participants
                    if p.role == "subject"]
        for m in analysis.mentions:
            person = assignment.get((source, m.local_id)) if m.kind in {"name", "title"} else None
            if person in words and not any(m.start <= a.start < m.end or a.start <= m.start < a.end
                                           for a in speakers):
                named[source].append((m.start, person))
            elif person in thing_names:
                things[source].append((m.start, person))
        for mention in analysis.events:
            if mention.kind != "speech":
                of_class[(story_of.get(source, source), mention.event_class)].append(
                    (source, mention, _people(mention, source, assignment, words)))
    thing_words = {t: frozenset(w for w in re.findall(r"[a-z]+", thing_names[t].lower()) if len(w) > 1)
                   for t in {t for found in things.values() for _, t in found}}
    context = _Context(named, things, before, after, thing_words)
    suffix: dict[tuple[str, int], str] = {}
    for (_, event_class), mentions in of_class.items():
        suffix.update(_split(mentions, words, context, is_reaction_class(event_class)))
        for at, apart in time_split(((s, m) for s, m, _ in mentions), years, published).items():
            suffix[at] = suffix.get(at, "") + apart
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

