"""Group articles into stories: the articles about one real-world happening, as they arrive.

Online clustering in input order (as topic detection and tracking does it): each article's terms — the
entities resolution found in it, names, numbers and content lemmas, each weighted by how rare the word is in
English (``wordfreq``) so that "say" and "year" count for nothing and "ceasefire" or "Klitschko" for much — form a
unit vector; the article joins the story whose profile it is most similar to (cosine) when the similarity
reaches ``threshold`` and its date (when both are known) lies within ``window_days`` of the story's dates, else it
starts a story of its own. A short article (``SHORT_TERMS`` terms or fewer: a news brief, a one-sentence lead)
needs ``SHORT_SHARE`` of the threshold: two one-sentence reports of one happening share two or three rare words at
most ("a climber who watched his brother fall …", "a climber who survived two nights after seeing his brother
die"), which makes a cosine of 0.15-0.2 however alike the reports are. A story's profile is the sum of its
articles' vectors, its heaviest ``PROFILE_TERMS`` terms kept, to three decimals (what the store keeps:
thousandths as integers).

Deterministic for a given input order. Stored stories carry their profile, so ingesting a corpus in one run or
in several gives the same grouping as long as the articles arrive in the same order (chunks are processed in
input order, so the number of workers does not matter).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsgraph.model import Story, StoryAssignment

#: How many terms a story's profile keeps: enough that a story of many articles keeps the names of a thread fewer of
#: them report (at 80, a later report of the second of two arrests in one story found its names cut and started a
#: story of its own).
PROFILE_TERMS = 150
#: Default similarity an article needs to join a story (chosen on the ECB+ train topics; see the README).
DEFAULT_THRESHOLD = 0.3
#: An article of at most this many terms (distinct weighted ones) is short: its cosine with a story rests on a few
#: words (chosen on the ECB+ train topics with ``SHORT_SHARE``; see the README).
SHORT_TERMS = 25
#: The share of the threshold a short article's similarity needs to reach.
SHORT_SHARE = 0.5
#: How close to its nearest story a second one must be for an article to join the two (``_bridged``): this share
#: of the nearest's similarity, and this multiple of the threshold (chosen on the ECB+ train topics; see the README).
BRIDGE_SHARE = 0.9
BRIDGE_MARGIN = 1.1
#: The most articles a story may hold for a bridge to join it to another: a story of one or two first reports that
#: shared too few words with the rest; one of several articles that stayed apart is a thread of its own.
BRIDGE_SIZE = 2
#: The most articles a story this run started may hold for them to join a story that grew after they came
#: (``StoryIndex.assign``, its last step): one report that came before the rest of its story.
LATE_JOIN_SIZE = 1
#: Default window: an article dated more than this many days from every article of a story starts another.
DEFAULT_WINDOW_DAYS = 10
#: Weight of a resolved entity relative to a word of the same rarity.
ENTITY_WEIGHT = 1.0
NAME_WEIGHT = 1.5
NUMBER_WEIGHT = 4.0


@dataclass(frozen=True)
class StoryInput:
    """What an article brings to story grouping: its id, title, ISO date ("" when unknown) and terms with
    counts (``ArticleAnalysis.terms`` plus ``e:<entity id>`` for the entities resolution found in it)."""

    source: str
    title: str
    published: str
    terms: tuple[tuple[str, int], ...]


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """How much a word tells about a story: 0 for the commonest English words, up to 5 for unknown ones
    (5.8 minus its Zipf frequency, clipped).

    >>> rarity("the"), rarity("ceasefire") > 2, rarity("zzxqv")
    (0.0, True, 5.0)
    """
    from wordfreq import zipf_frequency

    return min(5.0, max(0.0, 5.8 - zipf_frequency(word, "en")))


def term_weight(term: str) -> float:
    """The weight of one term of ``story_terms``/``e:`` (before its count is applied).

    >>> term_weight("w:say") < term_weight("w:earthquake") < term_weight("n:klitschko")
    True
    """
    kind, _, value = term.partition(":")
    if kind == "e":
        return ENTITY_WEIGHT * 2.5
    if kind == "#":
        return NUMBER_WEIGHT * (0.5 if len(value) == 1 else 1.0)
    if kind == "n":
        return NAME_WEIGHT * max(1.0, rarity(value))
    return rarity(value)


def vector(terms: Iterable[tuple[str, int]]) -> dict[str, float]:
    """The unit vector of an article's terms: sublinear counts times weights.

    >>> v = vector([("w:ceasefire", 3), ("w:say", 5)])
    >>> round(sum(x * x for x in v.values()), 6), "w:say" in v
    (1.0, False)
    """
    weighted = {t: (1.0 + math.log(n)) * term_weight(t) for t, n in terms if n > 0}
    weighted = {t: w for t, w in weighted.items() if w > 0}
    norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
    return {t: w / norm for t, w in weighted.items()}


def story_id(first_source: str) -> str:
    """The id of the story an article started.

    >>> story_id("a1")
    'story:f29bc91bbdab169f'
    """
    return "story:" + hashlib.sha1(first_source.encode()).hexdigest()[:16]


class StoryIndex:
    """The stories known so far, with an inverted index from term to story for finding candidates; updated (not
    rebuilt) as articles join."""

    def __init__(self, stories: Iterable[Story] = (), members: Mapping[str, str] | None = None, *,
                 threshold: float = DEFAULT_THRESHOLD, window_days: int = DEFAULT_WINDOW_DAYS) -> None:
        self.threshold = threshold
        self.window_days = window_days
        #: source id → story id of every article grouped so far: an article seen again keeps its story.
        self.members: dict[str, str] = dict(members or {})
        self._stories: dict[str, Story] = {}
        self._profiles: dict[str, dict[str, float]] = {}
        self._norms: dict[str, float] = {}
        self._by_term: dict[str, set[str]] = defaultdict(set)
        for story in sorted(stories, key=lambda s: s.id):
            self._put(story)

    def __len__(self) -> int:
        return len(self._stories)

    def stories(self) -> list[Story]:
        return [self._stories[k] for k in sorted(self._stories)]

    def assign(self, articles: Sequence[StoryInput]) -> StoryAssignment:
        """Put each article (in order) into its story; return the assignment and the stories that changed.

        An article as close to two stories (``_bridged``) joins them when the other holds ``BRIDGE_SIZE``
        articles or fewer, all of this call (none of them stored yet): the story it joins takes that one's articles
        and profile. Last, a story this call started that still holds ``LATE_JOIN_SIZE`` article(s) joins the story
        its article is now most similar to, when that reaches the threshold: the article came before the reports
        that made the other story what it is ("Man dead after ex-employee opens fire at Christmas party" arrived
        first; the twelve reports after it named the gunman and the victim, and the story's profile took their
        names, which the first report lacks). Grouped in input order, the first of a happening's reports is the
        one most likely to be left on its own.
        """
        assignment: dict[str, str] = {}
        changed: dict[str, Story] = {}
        started: set[str] = set()  # stories this call started
        vectors: dict[str, dict[str, float]] = {}
        for article in articles:
            if article.source in self.members and self.members[article.source] in self._stories:
                sid = self.members[article.source]  # ingested again (forced): its story does not grow
                assignment[article.source] = sid
                changed[sid] = self._stories[sid]
                continue
            vec = vectors[article.source] = vector(article.terms)
            threshold = self._threshold(vec)
            best, best_sim = None, 0.0
            near: dict[str, float] = {}
            for sid, sim in self._similarities(vec).items():
                if sim >= threshold and self._in_window(self._stories[sid], article.published):
                    near[sid] = sim
                    if sim > best_sim or sim == best_sim and best is not None and sid < best:
                        best, best_sim = sid, sim
            story = self._grow(best, article, vec)
            if best is None:
                started.add(story.id)
            for other in _bridged(near, best_sim, self.threshold):
                if other != story.id and other in started and self._stories[other].size <= BRIDGE_SIZE:
                    story = self._absorb(story.id, other, assignment, changed)
                    started.discard(other)
            self.members[article.source] = story.id
            assignment[article.source] = story.id
            changed[story.id] = story
        self._late_joins(articles, vectors, started, assignment, changed)
        return StoryAssignment(assignment, tuple(changed[k] for k in sorted(changed)))

    def _threshold(self, vec: dict[str, float]) -> float:
        return self.threshold * (SHORT_SHARE if len(vec) <= SHORT_TERMS else 1.0)

    def _late_joins(self, articles: Sequence[StoryInput], vectors: Mapping[str, dict[str, float]],
                    started: set[str], assignment: dict[str, str], changed: dict[str, Story]) -> None:
        """Each story this call started that holds ``LATE_JOIN_SIZE`` articles or fewer joins, in input order,
        the other story nearest to one of its articles, if that one reaches the threshold (``assign``)."""
        for article in articles:
            sid = assignment.get(article.source)
            if (sid not in started or article.source not in vectors
                    or self._stories[sid].size > LATE_JOIN_SIZE):
                continue
            vec = vectors[article.source]
            floor = self._threshold(vec)
            near = sorted((-sim, other) for other, sim in self._similarities(vec).items()
                          if other != sid and sim >= floor)
            best = next((other for _, other in near if self._in_window(self._stories[other], article.published)), None)
            if best is not None:
                changed[best] = self._absorb(best, sid, assignment, changed)
                started.discard(sid)

    def _absorb(self, sid: str, other: str, assignment: dict[str, str], changed: dict[str, Story]) -> Story:
        """Story ``sid`` takes the articles and profile of story ``other``, which is gone."""
        kept, gone = self._stories[sid], self._stories[other]
        profile = dict(self._profiles[sid])
        for term, weight in self._profiles[other].items():
            profile[term] = profile.get(term, 0.0) + weight
        self._drop(sid)
        self._drop(other)
        del self._stories[other], self._norms[other]
        changed.pop(other, None)
        for source, held in list(assignment.items()):  # a story this call started holds its articles only
            if held == other:
                self.members[source] = sid
                assignment[source] = sid
        return self._store(kept, profile, kept.size + gone.size, [kept.first, kept.last, gone.first, gone.last])

    def _similarities(self, vec: dict[str, float]) -> dict[str, float]:
        dots: dict[str, float] = defaultdict(float)
        for term, weight in vec.items():
            for sid in self._by_term.get(term, ()):
                dots[sid] += weight * self._profiles[sid][term]
        return {sid: dot / self._norms[sid] for sid, dot in dots.items() if self._norms[sid]}

    def _in_window(self, story: Story, published: str) -> bool:
        day = _day(published)
        first, last = _day(story.first), _day(story.last)
        if day is None or first is None or last is None:
            return True
        return (first - day).days <= self.window_days and (day - last).days <= self.window_days

    def _grow(self, sid: str | None, article: StoryInput, vec: dict[str, float]) -> Story:
        if sid is None:
            profile: dict[str, float] = {}
            old = Story(story_id(article.source), article.title or _headline(vec) or article.source, (), 0)
        else:
            old = self._stories[sid]
            profile = dict(self._profiles[sid])
            self._drop(sid)
        for term, weight in vec.items():
            profile[term] = profile.get(term, 0.0) + weight
        return self._store(old, profile, old.size + 1, [old.first, old.last, _iso_day(article.published)])

    def _store(self, base: Story, profile: dict[str, float], size: int, dates: list[str]) -> Story:
        """Story ``base`` with a new profile (its heaviest ``PROFILE_TERMS`` kept, to three decimals), size and
        dates ("" for unknown ones), put in the index."""
        kept = sorted(profile.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_TERMS]
        known = [d for d in dates if d]
        story = Story(base.id, base.name, tuple((t, round(w, 3)) for t, w in kept), size,
                      min(known) if known else "", max(known) if known else "")
        self._put(story)
        return story

    def _put(self, story: Story) -> None:
        profile = dict(story.terms)
        self._stories[story.id] = story
        self._profiles[story.id] = profile
        self._norms[story.id] = math.sqrt(sum(w * w for w in profile.values()))
        for term in profile:
            self._by_term[term].add(story.id)

    def _drop(self, sid: str) -> None:
        for term in self._profiles.pop(sid):
            ids = self._by_term[term]
            ids.discard(sid)
            if not ids:
                del self._by_term[term]


def _bridged(near: Mapping[str, float], best: float, threshold: float) -> list[str]:
    """The stories an article is about as close to as to its nearest (``BRIDGE_SHARE`` of that similarity or
    more), each clearly above the full ``threshold`` (``BRIDGE_MARGIN`` times it; a short article's lower
    threshold is not enough), in id order: two stories one report belongs to that much are one.

    >>> _bridged({"a": 0.52, "b": 0.5, "c": 0.2}, 0.52, 0.3), _bridged({"a": 0.35, "b": 0.32}, 0.35, 0.3)
    (['a', 'b'], ['a'])
    """
    floor = max(threshold * BRIDGE_MARGIN, BRIDGE_SHARE * best)
    return sorted(sid for sid, sim in near.items() if sim >= floor)


def _headline(vec: dict[str, float]) -> str:
    """A name for a story with no title: its first article's heaviest names and words.

    >>> _headline({"n:putin": 0.5, "n:trump": 0.4, "w:ceasefire": 0.6, "w:call": 0.2, "#:30": 0.3, "e:x": 0.9})
    'putin, trump: ceasefire, call'
    """
    ranked = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))
    names = [t[2:] for t, _ in ranked if t.startswith("n:")][:2]
    words = [t[2:] for t, _ in ranked if t.startswith("w:")][:2]
    return ", ".join(names) + (": " if names and words else "") + ", ".join(words)


def _iso_day(value: str) -> str:
    return value[:10] if _day(value) is not None else ""


def _day(value: str) -> date | None:
    """The calendar day of an ISO 8601 date or date-time, else None.

    >>> _day("2025-03-18T10:00:00+00:00"), _day("18 March 2025")
    (datetime.date(2025, 3, 18), None)
    """
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None
