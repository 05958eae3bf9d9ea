"""A name written with its leading words as initials: "INS Sukanya" in one report, "Indian Naval Ship Sukanya" in
another.

Some names open with words an article may write out or abbreviate to their initials in capitals: a ship's prefix
("INS", "HMS"), a newspaper's city ("LA Times"). The model often leaves the capitals out of the name it tags ("INS
Sukanya" tagged "Sukanya"), so the short form is read from the article itself: a word of two to five capital
letters right before a name mention, or the first word of the name when the model kept it. Such a **written**
short form joins the one entity whose longer name abbreviates to it: the initials of its leading words (two or
more of them, minor words skipped as in an acronym) followed by its remaining words, one or more, exactly.

Precision: a short form must be written; two long names whose initials happen to agree ("Brooklyn Supreme Court"
and "Bellflower Superior Court", both "BS Court") never meet through them, and a written short form that two
long names fit joins neither. The rule looks at the entities of one chunk of an ingest (as the story ties do):
the written forms are read from the chunk's article texts (the store keeps each source's text, but reading every
stored text back on each ingest would cost more than the rule gains).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from newsgraph.ingest.names import name_key
from newsgraph.ingest.short_forms import acronym
from newsgraph.model import ArticleAnalysis, LocalEntity

#: An all-capital word of two to five letters ending the text before a name on its line ("... warship INS ").
_CAPITALS_BEFORE = re.compile(r"(?:^|[\s(\"'])([A-Z]{2,5})[ \t\u00a0]+$")
_CAPITALS = re.compile(r"^[A-Z]{2,5}$")


def abbreviated_keys(key: str) -> set[str]:
    """The short forms a multi-word name key abbreviates to: the initials of two or more leading words, then the
    rest of the name (one word or more).

    >>> sorted(abbreviated_keys("indian naval ship sukanya"))
    ['in ship sukanya', 'ins sukanya']
    >>> sorted(abbreviated_keys("los angeles times")), abbreviated_keys("mount cook")
    (['la times'], set())
    """
    words = key.split()
    found = set()
    for k in range(2, len(words)):
        letters = acronym(" ".join(words[:k]))
        if letters and words[k] not in {"of", "the", "and", "&"}:
            found.add(f"{letters} {' '.join(words[k:])}")
    return found


def written_short_keys(analysis: ArticleAnalysis, local: LocalEntity) -> set[str]:
    """The keys of the short forms an article writes a local entity's name in: a word in capitals right before one
    of its name mentions ("INS Sukanya" where the model tagged "Sukanya"), or a name of its own whose first word is
    one ("LA Times").

    >>> from newsgraph.model import Article, Mention
    >>> text = "The warship INS Sukanya foiled an attack. Sukanya left."
    >>> analysis = ArticleAnalysis(Article("a", text), (Mention("a", 16, 23, "Sukanya", "PERSON", "name", 0),
    ...                                                 Mention("a", 42, 49, "Sukanya", "PERSON", "name", 0)), (), ())
    >>> written_short_keys(analysis, LocalEntity("a", 0, "Sukanya", "Person", ("Sukanya",)))
    {'ins sukanya'}
    >>> written_short_keys(analysis, LocalEntity("a", 1, "LA Times", "Organization", ("LA Times",)))
    {'la times'}
    """
    found = set()
    for name in local.names:
        words = name.split()
        if len(words) >= 2 and _CAPITALS.match(words[0]):
            found.add(name_key(name))
    text = analysis.article.text
    for mention in analysis.mentions:
        if mention.local_id != local.local_id or mention.kind != "name":
            continue
        before = _CAPITALS_BEFORE.search(text, max(0, mention.start - 8), mention.start)
        if before:
            found.add(name_key(f"{before.group(1)} {mention.text}"))
    return {key for key in found if len(key.split()) >= 2}


class Initials:
    """The written short forms and the long names' abbreviations of the entities placed so far (clusters of
    ``newsgraph.graph.resolve``), each pointing to the clusters that hold it."""

    def __init__(self) -> None:
        self._written: dict[str, dict[int, Any]] = defaultdict(dict)
        self._abbreviated: dict[str, dict[int, Any]] = defaultdict(dict)

    def find(self, written: Iterable[str], keys: Iterable[str]) -> tuple[Any | None, str]:
        """The one cluster a local entity joins through initials (and why), or ``(None, "")``: the long name a
        written short form of it abbreviates, or the written short form a long name of it abbreviates to.

        >>> initials = Initials()
        >>> initials.add("long", set(), {"indian naval ship sukanya"})
        >>> initials.find({"ins sukanya"}, {"sukanya", "ins sukanya"})
        ('long', "'ins sukanya' is written for a longer name of the initials of its leading words")
        >>> initials.add("other", set(), {"bellflower superior court"})
        >>> initials.add("another", set(), {"brooklyn supreme court"})
        >>> initials.find(set(), {"brooklyn supreme court"}), initials.find({"bs court"}, set())
        ((None, ''), (None, ''))
        """
        fits: dict[int, tuple[Any, str]] = {}
        for key in written:
            for cluster in self._abbreviated.get(key, {}).values():
                fits[id(cluster)] = (cluster, f"{key!r} is written for a longer name of the initials of its "
                                              "leading words")
        for key in keys:
            for short in abbreviated_keys(key):
                for cluster in self._written.get(short, {}).values():
                    fits[id(cluster)] = (cluster, f"{key!r} abbreviates to {short!r}, written so")
        return next(iter(fits.values())) if len(fits) == 1 else (None, "")

    def add(self, cluster: Any, written: Iterable[str], keys: Iterable[str]) -> None:
        """Index a placed local entity's written short forms and its keys' abbreviations under its cluster."""
        for key in written:
            self._written[key][id(cluster)] = cluster
        for key in keys:
            for short in abbreviated_keys(key):
                self._abbreviated[short][id(cluster)] = cluster
