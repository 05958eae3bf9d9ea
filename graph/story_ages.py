"""A person noun with an age that its own article leaves open is the one person its story gives that age.

News reports of one happening describe before they name, and some never name: "Vancouver police have arrested a
61-year-old former employee" in one report, "Eric Allen Kirkpatrick, 61, was charged" in another. In-article
linking (``newsgraph.ingest.aged_nouns``) joins "a 61-year-old woman" to the person its own article gives that
age; a report that names no one of that age keeps the noun a concept. Here, the ages the story's articles give
their named persons are collected ("NAME, 61," "61-year-old NAME", a linked "61-year-old man"), and a concept
mention of a singular person noun with an age ("a 61-year-old former employee", "the 36-year-old climber") is a
mention of the one entity of the story that has that age, logged as a ``description in the story`` with the
articles that give it. An age two persons of the story have links nothing; a plural ("two 20-year-old men") or a
possessed noun ("his 8-year-old son") is no mention of a person of that age.

Scope, as for the story ties (``newsgraph.graph.story_ties``): the articles of one chunk of an ingest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from newsgraph.graph.story_ties import StoryTie
from newsgraph.ingest.noun_classes import AGENT_ENDINGS, noun_class
from newsgraph.model import ArticleAnalysis, ConceptMention, Resolution

_AGE_IN = re.compile(r"\b(\d{1,3}) ?- ?years? ?- ?old\b")
_AGE_BEFORE = re.compile(r"\b(\d{1,3}) ?- ?years? ?- ?old ?$")
_AGE_AFTER = re.compile(r"^ ?, ?(\d{1,3}) ?[,.;)]")
#: Words that open a possessed noun phrase: someone else's relative or employee, not the person of that age.
_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})


def age_key(age: str) -> str:
    """The tie key of an age: "61-year-old" (no head noun is written so).

    >>> age_key("61")
    '61-year-old'
    """
    return f"{age}-year-old"


def story_ages(analyses: Iterable[ArticleAnalysis], resolution: Resolution,
               story_of: Mapping[str, str]) -> dict[tuple[str, str], StoryTie]:
    """(story id, ``age_key``) → the one person entity the story's articles give that age (module notes).

    >>> from newsgraph.model import Article, Entity, Mention
    >>> text = "Eric Allen Kirkpatrick, 61, was charged. Jane Doe, 40, saw it."
    >>> a = ArticleAnalysis(Article("a", text), (Mention("a", 0, 22, "Eric Allen Kirkpatrick", "PERSON", "name", 0),
    ...                                         Mention("a", 41, 49, "Jane Doe", "PERSON", "name", 1)), (), ())
    >>> res = Resolution((Entity("k", "Eric Allen Kirkpatrick", "Person"), Entity("d", "Jane Doe", "Person")),
    ...                  {("a", 0): "k", ("a", 1): "d"})
    >>> sorted((key, tie.entity_id) for key, tie in story_ages([a], res, {"a": "story:s"}).items())
    [(('story:s', '40-year-old'), 'd'), (('story:s', '61-year-old'), 'k')]
    """
    persons = {e.id for e in resolution.entities if e.type == "Person"}
    holders: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for analysis in analyses:
        source, text = analysis.article.id, analysis.article.text
        story = story_of.get(source, "")
        for mention in analysis.mentions if story else ():
            entity_id = resolution.assignment.get((source, mention.local_id))
            if entity_id in persons and (age := _stated_age(text, mention.start, mention.end, mention.kind)):
                holders[(story, age_key(age))][entity_id].add(source)
    return {(story, key): StoryTie(story, key, entity_id, len(sources), len(sources), age=True)
            for (story, key), by_entity in sorted(holders.items()) if len(by_entity) == 1
            for entity_id, sources in by_entity.items()}


def _stated_age(text: str, start: int, end: int, kind: str) -> str:
    """The age an article gives a person at one of its mentions: "NAME, 61," or "61-year-old NAME" for a name, a
    linked description's own "61-year-old"; else "".

    >>> _stated_age("Raj Chohan, 59, died", 0, 10, "name"), _stated_age("the 36-year-old Duncan Rait", 16, 27, "name")
    ('59', '36')
    >>> _stated_age("a 59 - year - old woman", 0, 23, "description"), _stated_age("Raj Chohan, who", 0, 10, "name")
    ('59', '')
    """
    if kind == "description":
        found = _AGE_IN.search(text, start, end)
    elif kind in {"name", "title"}:
        found = _AGE_AFTER.search(text[end:end + 8]) or _AGE_BEFORE.search(text[max(0, start - 20):start])
    else:
        return ""
    return found.group(1) if found and 0 < int(found.group(1)) < 130 else ""


def concept_age(mention: ConceptMention) -> str:
    """The age a concept mention of one person states: a singular person noun (or agent noun in -er, -or, -ist)
    written with "N-year-old" and no possessive before it; else "".

    >>> def m(text, head):
    ...     return ConceptMention("a", 0, len(text), text, head)
    >>> [concept_age(m(t, h)) for t, h in (("a 61-year-old former employee", "employee"), ("A 36 - year - old man",
    ...  "man"), ("two 20-year-old men", "man"), ("his 8-year-old son", "son"), ("the victim 's 8-year-old son",
    ...  "son"), ("an 18-year-old war", "war"))]
    ['61', '36', '', '', '', '']
    """
    found = _AGE_IN.search(mention.text)
    words = mention.text.replace("’", "'").split()
    if found is None or mention.generic or mention.time or words[0].lower() in _POSSESSIVES or any(
            w == "'s" or w.endswith("'s") for w in words):
        return ""  # "his 8-year-old son", "the victim's 8-year-old son"
    last = words[-1].lower()
    if (last.endswith("s") and not mention.head.endswith("s") or last.endswith("men")
            or last in {"people", "children"}):
        return ""  # a plural: "men", "climbers"
    person = noun_class(mention.head) == "PERSON" or noun_class(mention.head) is None and last.endswith(AGENT_ENDINGS)
    return found.group(1) if person and 0 < int(found.group(1)) < 130 else ""
