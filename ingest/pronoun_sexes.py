"""A person's sex from the pronouns an article links to it, so a pronoun of the other sex is linked elsewhere.

A first pass of ``pronouns.resolve_pronouns`` links each he/she to the most recent person in view; a person most of
whose linked he/him/his and she/her pronouns are of one sex is that sex, and the pass runs again with it ("Raj
Chohan … she … her … she" is a woman, so a "he" the first pass gave her goes to the man in view, or to no one).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from spacy.tokens import Doc

from newsgraph.ingest.found import FEMALE_PRONOUNS, PERSON_PRONOUNS, Found


def linked_sexes(doc: Doc, resolved: Mapping[int, Found], known: Mapping[str, str]) -> dict[str, str]:
    """Person key → sex: ``known`` (titles and nouns), and for the other persons the sex of the majority of the
    he/him/his and she/her pronouns linked to them, when one sex has more ("she … her … he" is a woman; one "his"
    and one "her" say nothing). A pronoun of the other sex is then no longer linked to that person."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for i, f in resolved.items():
        word = doc[i].lower_
        if f.label == "PERSON" and word in PERSON_PRONOUNS:
            votes[f.key]["female" if word in FEMALE_PRONOUNS else "male"] += 1
    out = dict(known)
    for key, counts in votes.items():
        if key in known:
            continue
        (sex, most), *rest = counts.most_common()
        if not rest or most > rest[0][1]:
            out[key] = sex
    return out
