"""The day a story's reports are about, and the relative days that stand for it.

Reports of one happening write its day as a weekday ("on Tuesday", "early Tuesday morning") or relative to the
day they were written ("yesterday", "early today", "last night"). A named weekday is a concept of its story
(``newsgraph.graph.concepts.concept_key``); a relative day is one only once it is known which day it is, which
takes a publication date many articles do not carry. What the story itself shows does: when one weekday is named
in two of the story's articles at least and in two thirds of those that name any weekday, that weekday is the
story's day (``story_days``), and a relative day of the past or of the day of writing in an article that names
no weekday of its own is a mention of it (``relative_day``): a report that only says "yesterday" speaks of the day
the others name. "Tomorrow" and "next week" look ahead, to another day than the one reported; an article that
names a weekday itself may say "yesterday" of another day, so its relative days keep their own key. The share
matters where one story holds reports of two happenings on different days: neither day is then the story's, nor
is either of two weekdays named in as many articles (which one comes first would depend on the order of a set).

Scope: the articles of one chunk of an ingest, as with ``newsgraph.graph.story_ties``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from newsgraph.graph.story_ties import MAJORITY
from newsgraph.model import ArticleAnalysis, ConceptMention

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
#: Words that name, alone, the day of writing or the day before it.
RELATIVE_DAYS = frozenset({"today", "yesterday", "tonight"})
#: Parts of a day: "Friday night" is Friday (``newsgraph.graph.concepts.concept_key``); with "this" or "last" one
#: names the day of writing or the day before it ("this morning", "last night").
DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
#: The least number of articles that must name the story's day; their least share of the story's articles that name
#: any weekday is ``MAJORITY``, as for a story tie.
MIN_ARTICLES = 2


def relative_day(mention: ConceptMention) -> bool:
    """Whether a time concept mention names the day of writing or the day before it ("yesterday", "early today",
    "last night", "this morning", "yesterday afternoon"), not another day ("tomorrow", "Friday night", "that
    night").

    >>> def time(text, head, mods=()):
    ...     return ConceptMention("a", 0, len(text), text, head, mods, time=True)
    >>> [relative_day(time(*m)) for m in (("yesterday", "yesterday"), ("early today", "today"),
    ...  ("last night", "night", ("last",)), ("this morning", "morning"), ("tomorrow", "tomorrow"),
    ...  ("that night", "night"), ("Friday night", "night"))]
    [True, True, True, True, False, False, False]
    """
    if not mention.time:
        return False
    words = [w.strip(".,;:'’\"").lower() for w in mention.text.split()]
    if mention.head in RELATIVE_DAYS:
        return True
    return mention.head in DAY_PARTS and any(w in RELATIVE_DAYS or w in {"this", "last"} for w in words[:-1])


def weekday_of(mention: ConceptMention) -> str:
    """The weekday a time concept mention names, by itself or with a part of the day ("Friday", "early Tuesday
    morning"), or ``""``.

    >>> weekday_of(ConceptMention("a", 0, 21, "early Tuesday morning", "morning", time=True))
    'tuesday'
    >>> weekday_of(ConceptMention("a", 0, 6, "Friday", "friday", time=True)), weekday_of(
    ...     ConceptMention("a", 0, 9, "the night", "night", time=True))
    ('friday', '')
    """
    if not mention.time:
        return ""
    days = {w for w in (w.strip(".,;:'’\"").lower() for w in mention.text.split()) if w in WEEKDAYS}
    return days.pop() if len(days) == 1 else ""


def story_days(analyses: Iterable[ArticleAnalysis], story_of: Mapping[str, str]) -> dict[str, str]:
    """Story id → the weekday the story's articles name in the most articles, when at least ``MIN_ARTICLES`` and
    ``MAJORITY`` of the story's articles that name any weekday name it (module notes). Articles with no story count
    for nothing.

    >>> from newsgraph.model import Article
    >>> def art(i, *days):
    ...     return ArticleAnalysis(Article(i, "x"), (), (), (), concepts=tuple(
    ...         ConceptMention(i, 0, len(d), d, d.lower(), time=True) for d in days))
    >>> arts = [art("a", "Tuesday"), art("b", "Tuesday", "Monday"), art("c", "Monday"), art("d", "Tuesday")]
    >>> story_days(arts, {"a": "s", "b": "s", "c": "s", "d": "s"})
    {'s': 'tuesday'}
    >>> split = [art("a", "Tuesday"), art("c", "Monday"), art("d", "Tuesday"), art("e", "Monday")]
    >>> story_days(split, {"a": "s", "c": "s", "d": "s", "e": "s"})  # two weekdays in as many articles: no day
    {}
    >>> story_days([art("a", "Tuesday", "Monday"), art("b", "Monday", "Tuesday")], {"a": "s", "b": "s"})  # a tie
    {}
    """
    named: dict[str, Counter] = defaultdict(Counter)
    naming: Counter = Counter()
    for analysis in analyses:
        story = story_of.get(analysis.article.id, "")
        found = {day for day in map(weekday_of, analysis.concepts) if day}
        if story and found:
            named[story].update(found)
            naming[story] += 1
    days = {}
    for story, counts in named.items():
        (day, articles), *rest = counts.most_common(2)
        tied = bool(rest) and rest[0][1] == articles  # two weekdays named as often: neither is the story's
        if not tied and articles >= MIN_ARTICLES and articles >= MAJORITY * naming[story]:
            days[story] = day
    return days


def names_weekday(analysis: ArticleAnalysis) -> bool:
    """Whether an article names a weekday of its own (``weekday_of``)."""
    return any(weekday_of(m) for m in analysis.concepts)
