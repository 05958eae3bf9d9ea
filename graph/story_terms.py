"""An entity's term in the stories' profiles (``e:<entity id>``, ``newsgraph.graph.stories``) when a merge of
stored entities removes the entity, and when the merge is undone.

A merge (``newsgraph resolve``, ``newsgraph.graph.reresolve``) folds the removed entity's term into the one of the
entity it joins, in every story whose profile has it: the weights add up and the term takes its place by weight,
so that the profile names only entities that exist and a later article about the merged entity is compared with
all of its weight. What each story had is kept in ``Folded`` (the term's place and weight, the joined entity's
place), so that undoing the merge gives the story back the profile it had: the same terms, weights and order when
nothing grew the story since, else the removed entity's weight taken back out of the joined one's.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.graph.stories import PROFILE_TERMS


@dataclass(frozen=True)
class Folded:
    """What a merge changed in one story's profile: the removed entity's term was at ``at`` with ``weight``
    (thousandths, as stored), and the joined entity's at ``target_at`` (-1: the profile did not have it)."""

    story: str
    at: int
    weight: int
    target_at: int


def entity_term(entity_id: str) -> str:
    """The term of an entity in a story's profile.

    >>> entity_term("vladimir-putin")
    'e:vladimir-putin'
    """
    return "e:" + entity_id


def fold(story: str, terms: list[str], weights: list[int], origin: str,
         target: str) -> tuple[list[str], list[int], Folded] | None:
    """The profile with entity ``origin``'s term folded into entity ``target``'s, and what it had (None when the
    profile lacks ``origin``'s term).

    >>> fold("s", ["e:b", "w:x", "e:a"], [500, 300, 200], "a", "b")[:2]
    (['e:b', 'w:x'], [700, 300])
    >>> fold("s", ["w:x", "e:a", "w:y"], [500, 300, 200], "a", "c")
    (['w:x', 'e:c', 'w:y'], [500, 300, 200], Folded(story='s', at=1, weight=300, target_at=-1))
    """
    gone, kept = entity_term(origin), entity_term(target)
    if gone not in terms:
        return None
    at = terms.index(gone)
    target_at = terms.index(kept) if kept in terms else -1
    weight = weights[at] + (weights[target_at] if target_at >= 0 else 0)
    pairs = [(t, w) for t, w in zip(terms, weights) if t not in (gone, kept)]
    _place(pairs, kept, weight)
    return [t for t, _ in pairs], [w for _, w in pairs], Folded(story, at, weights[at], target_at)


def unfold(terms: list[str], weights: list[int], origin: str, target: str,
           folded: Folded) -> tuple[list[str], list[int]]:
    """The profile with entity ``origin``'s term given back what ``fold`` took into ``target``'s.

    >>> before = (["e:b", "w:x", "e:a"], [500, 300, 200])
    >>> terms, weights, was = fold("s", *before, "a", "b")
    >>> unfold(terms, weights, "a", "b", was) == before
    True
    """
    gone, kept = entity_term(origin), entity_term(target)
    pairs = list(zip(terms, weights))
    if gone in terms:
        return terms, weights
    left = None
    if kept in terms:
        left = dict(pairs)[kept] - folded.weight
        pairs = [(t, w) for t, w in pairs if t != kept]
    back = [(folded.at, (gone, folded.weight))]
    if left is not None and left > 0 and folded.target_at >= 0:
        back.append((folded.target_at, (kept, left)))
    for index, item in sorted(back):
        pairs.insert(min(index, len(pairs)), item)
    if left is not None and left > 0 and folded.target_at < 0:  # a later article gave it weight of its own
        _place(pairs, kept, left)
    pairs = pairs[:PROFILE_TERMS]
    return [t for t, _ in pairs], [w for _, w in pairs]


def _place(pairs: list[tuple[str, int]], term: str, weight: int) -> None:
    """Put ``term`` among the profile's ``pairs`` where its weight ranks it (heaviest first, then by term)."""
    at = next((i for i, (t, w) in enumerate(pairs) if (-w, t) > (-weight, term)), len(pairs))
    pairs.insert(at, (term, weight))
