"""Merge event mentions into events: one ``(:Event)`` per happening, across articles and outlets.

Mentions of one event class ("fired", "sacked", "the dismissal" → dismiss) in one story are one event: within
the articles about one happening, the same kind of happening is, overwhelmingly, the same happening (on ECB+ dev
this is what separates the lemma baseline from all singletons; see the README's Benchmarks). The event's id is
derived from its story and class, so it is the same whichever chunk or run a mention arrives in, and the store
MERGEs mentions of later articles into it.

Also here: the relation class of a triple and its event, what ``build_graph`` projects the analysts' edges from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgraph.model import ArticleAnalysis, Resolution


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


def assign_events(analyses: Iterable[ArticleAnalysis], story_of: Mapping[str, str],
                  resolution: Resolution | None = None) -> EventAssignment:
    """The event each mention belongs to: its story's event of its class.

    A speech act is one event per speaker: "the Kremlin said" in two outlets is one statement, "the Kremlin
    said" and "Zelenskyy said" are two; a speaker that is no entity but a description ("police said", "officials
    told reporters") is a speaker too, by its concept; a speech act with neither (a pronoun, no subject) is an
    event of its own. An article with no story (none given) is a story of its own.
    """
    found: dict[tuple[str, int], str] = {}
    assignment = resolution.assignment if resolution is not None else {}
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
            found[(source, mention.start)] = event_id(story, key)
    return EventAssignment(found)

