"""Why a fact reported by several independent articles was not merged: for ``python -m benchmarks.claims
--misses``, each such fact with, per independent article, what its mentions matched (relation edge or event, with
the event's story) and the product's other relations in those sentences, and a first diagnosis."""

from __future__ import annotations

from collections.abc import Sequence

from benchmarks import claims_scorer as cs
from benchmarks.claims_gold import Fact, Mention


def _end(side: object) -> str:
    if isinstance(side, dict):
        text = side.get("text") or side.get("name") or ""
        return f"{text}" + (f"[{side['entity_id']}]" if side.get("entity_id") else "")
    return str(side or "")


def describe(row: dict, stories: dict[str, str]) -> str:
    """One matched row in a line: a relation's ends, predicate, class, edge and event (with its story), or an
    event mention's trigger, class, event and story.

    >>> describe({"subject": {"text": "Buckley"}, "predicate": "fall", "object": {"text": "600m"},
    ...           "relation_class": "fall", "edge_id": "e1", "event_id": "event:1"}, {"event:1": "story:a"})
    'relation Buckley -fall-> 600m (class fall) edge e1 event event:1 story story:a'
    >>> describe({"matched_by": "event", "lemma": "die", "event_class": "die", "event_id": "event:2",
    ...           "story": "story:b"}, {})
    'event die (class die) event event:2 story story:b'
    """
    event = row.get("event_id")
    story = row.get("story") or stories.get(str(event), "?")
    if row.get("matched_by") == "event":
        return f"event {row.get('lemma')} (class {row.get('event_class')}) event {event} story {story}"
    return (f"relation {_end(row.get('subject'))} -{row.get('predicate')}-> {_end(row.get('object'))} "
            f"(class {row.get('relation_class')}) edge {row.get('edge_id')} event {event} story {story}")


def _sentence_rows(mention: Mention, rows: Sequence[dict], texts: dict[str, str]) -> list[dict]:
    spans = cs.sentence_spans(texts.get(mention.doc_id, ""))
    if mention.sentence_index >= len(spans):
        return []
    span = spans[mention.sentence_index]
    return [r for r in rows if str(r.get("source")) == mention.doc_id and cs.in_sentence(r, span)]


def diagnosis(fact: Fact, matched: dict[Mention, dict], stories: dict[str, str]) -> str:
    """A first reading of why a fact's independent articles do not share one edge or event: an article with no
    matched mention, articles whose matched events are in different stories, or one story with different edges
    and events (a wording or class the product does not join).

    >>> m1 = Mention("f", "a", 0, "", None, (), None, False, False, False, None)
    >>> m2 = Mention("f", "b", 0, "", None, (), None, False, False, False, None)
    >>> f = Fact("f", 1, "X", (), "p", ("p",), None, (), (m1, m2))
    >>> diagnosis(f, {m1: {"event_id": "event:1"}}, {})
    'unmatched in b'
    >>> diagnosis(f, {m1: {"event_id": "event:1"}, m2: {"event_id": "event:2"}}, {"event:1": "s", "event:2": "t"})
    'stories differ: a s; b t'
    >>> diagnosis(f, {m1: {"event_id": "event:1"}, m2: {"event_id": "event:2"}}, {"event:1": "s", "event:2": "s"})
    'one story, different edges and events'
    """
    origins: dict[str, list[Mention]] = {}
    for mention in fact.mentions:
        origins.setdefault(mention.origin, []).append(mention)
    bare = [o for o, ms in origins.items() if not any(m in matched for m in ms)]
    if bare:
        return "unmatched in " + ", ".join(sorted(bare))
    story_of: dict[str, set[str]] = {}
    for origin, ms in origins.items():
        for m in ms:
            if m in matched:
                row = matched[m]
                story = row.get("story") or stories.get(str(row.get("event_id")))
                if story:
                    story_of.setdefault(origin, set()).add(str(story))
    if len(story_of) == len(origins) and not set.intersection(*story_of.values()):
        return "stories differ: " + "; ".join(f"{o} {','.join(sorted(s))}" for o, s in sorted(story_of.items()))
    return "one story, different edges and events"


def report(facts: Sequence[Fact], matched: dict[Mention, dict], rows: Sequence[dict], texts: dict[str, str],
           events: Sequence[dict]) -> list[str]:
    """The facts with two or more independent articles that are not merged (``claims_scorer.merging``: on no
    shared edge or event, or only on a wrong merge), each with its mentions, what they matched, the product's
    relations of their sentences and a diagnosis."""
    stories = {str(e.get("node_id")): str(e.get("story")) for e in events if e.get("story")}
    found = cs.evidence(facts, rows, texts, events)
    wrong_of = cs.wrong_merges(facts, found)
    lines = []
    for fact in facts:
        if fact.independent_articles < 2:
            continue
        shared = cs.shared_by_all(cs.origin_evidence(fact, found))
        if shared - wrong_of[fact.id]:
            continue
        why = (f"only a wrong merge: {', '.join(sorted(shared))}" if shared else diagnosis(fact, matched, stories))
        lines.append(f"{fact.id}: {fact.subject} | {fact.predicate} | {fact.object}   [{why}]")
        for mention in sorted(fact.mentions, key=lambda m: (m.origin, m.doc_id)):
            copy = f" (copy of {mention.copy_of})" if mention.copy_of else ""
            lines.append(f"  {mention.doc_id}#{mention.sentence_index}{copy}: {mention.sentence[:150]}")
            row = matched.get(mention)
            lines.append(f"    matched: {describe(row, stories) if row else 'nothing'}")
            for other in _sentence_rows(mention, rows, texts):
                if other is not row:
                    lines.append(f"    also:    {describe(other, stories)}")
    return lines
