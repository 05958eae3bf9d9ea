"""A one-word name seen before the longer name it shortens: "Chargers" in the first report of a chunk, "San Diego
Chargers" in a later one.

Resolution places each local entity against what is known so far, in article order, so a lone word met first starts
an entity of its own, and the longer name that comes after it finds that word only as a name of its own length: the
short-name rule (``newsgraph.graph.resolve``) joins a lone last word to an organisation only when the organisation
is already known. Once a chunk is placed, this pass joins each new entity known by one word alone to the one
organisation whose name of two words or more ends in that word (rule ``lone word of a longer name``), whichever came
first and whatever type the model gave the lone word ("Chargers" tagged a product), so the result does not depend on
the order of the articles.

Precision, as for the short-name rule: the organisation must be the only one whose name ends in the word ("Post"
joins no one when the Washington Post and the Jerusalem Post are both known); the lone word must never have been
taken for a person or a place by the model (persons have the surname rule, and a place is not the longer name
containing it: "Guinea" / "Papua New Guinea", "Georgia" / "University of Georgia"); a first word never counts
("Microsoft" / "Microsoft Office"); the analyst's ``never`` pairs hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from newsgraph.graph.name_rules import canonical_name
from newsgraph.ingest.names import name_key

#: The model's types that make a lone word no short form of an organisation's name.
_NOT_SHORT = frozenset({"Person", "Place"})


def named_later(new: Iterable[Any], by_short: Mapping[str, Mapping[int, Any]],
                allowed: Callable[[Any, Any], bool] = lambda lone, target: True) -> list[tuple[Any, Any, str]]:
    """(lone-word cluster, organisation cluster, detail) for each new cluster known by one word alone that the one
    organisation ending in that word takes. Clusters are ``newsgraph.graph.resolve`` clusters (``keys``,
    ``votes``, ``type``, ``known``); ``by_short`` is the index of short names (last word → clusters);
    ``allowed(lone, target)`` may veto a pair (the analyst's ``never``).

    >>> from types import SimpleNamespace
    >>> from collections import Counter
    >>> def C(keys, **kw):
    ...     return SimpleNamespace(keys=keys, names=Counter({k.title(): 1 for k in keys}), **kw)
    >>> chargers = C(keys={"chargers"}, votes={"Product": 3}, type="Product", known=None)
    >>> team = C(keys={"san diego chargers"}, votes={"Organization": 2}, type="Organization", known=None)
    >>> [(lone.type, target.type, detail) for lone, target, detail in named_later([chargers, team],
    ...                                                                          {"chargers": {1: team}})]
    [('Product', 'Organization', "'chargers' is the last word of 'san diego chargers', the only organisation so named")]
    >>> guinea = C(keys={"guinea"}, votes={"Place": 1}, type="Place", known=None)
    >>> png = C(keys={"papua new guinea"}, votes={"Organization": 1}, type="Organization", known=None)
    >>> named_later([guinea], {"guinea": {1: png}})
    []
    >>> post = C(keys={"post"}, votes={"Organization": 1}, type="Organization", known=None)
    >>> wapo, jpost = (C(keys={k}, votes={}, type="Organization", known=None) for k in ("washington post",
    ...                                                                                  "jerusalem post"))
    >>> named_later([post], {"post": {1: wapo, 2: jpost}})
    []
    """
    found = []
    for lone in new:
        word = _lone_word(lone)
        if not word or lone.known is not None or _NOT_SHORT & {t for t, n in lone.votes.items() if n > 0}:
            continue
        targets = [c for c in by_short.get(word, {}).values()
                   if c is not lone and c.type == "Organization"
                   and any(len(k.split()) >= 2 and k.split()[-1] == word for k in c.keys)]
        if len(targets) != 1 or not allowed(lone, targets[0]):
            continue
        name = name_key(canonical_name(targets[0])).split()  # its own name, not an alias: "Microsoft" / "Fix"
        if len(name) >= 2 and name[-1] == word:
            found.append((lone, targets[0], f"{word!r} is the last word of {' '.join(name)!r}, the only "
                                            "organisation so named"))
    return found


def given_name_only(key: str, keys: Iterable[str], cluster: Any) -> bool:
    """Whether a one-word key is only a first name: the first word of a full name among the local entity's own
    ``keys`` or the person ``cluster``'s (the "Tony" an article wrote beside "Tony Thompson"). Such a key joins
    no entity by itself across articles: two articles' "Tony" may be Tony Thompson and a referee Tony Weeks.

    >>> from types import SimpleNamespace as C
    >>> given_name_only("tony", {"tony"}, C(keys={"tony thompson", "tony", "thompson"}, type="Person"))
    True
    >>> given_name_only("tony", {"tony thompson", "tony"}, C(keys={"tony"}, type="Person"))
    True
    >>> given_name_only("madonna", {"madonna"}, C(keys={"madonna"}, type="Person"))
    False
    >>> given_name_only("ford", {"ford"}, C(keys={"ford motor", "ford"}, type="Organization"))
    False
    """
    if " " in key:
        return False
    theirs = cluster.keys if cluster.type == "Person" else ()
    return any(" " in k and k.split()[0] == key for k in (*keys, *theirs))


def _lone_word(cluster: Any) -> str:
    """The one word a cluster is mostly named by ("chargers" of "Chargers" ×9 and "Chargers Team" ×1), or "" when
    its names are mostly longer or it has two one-word keys. Only names count, as written: a name of two words
    is no lone word, even where its key drops a title-like first word ("State Police", keyed "police"), and a
    lower-case description ("police") is no name.

    >>> from collections import Counter
    >>> from types import SimpleNamespace as C
    >>> _lone_word(C(keys={"chargers", "chargers team"}, names=Counter({"Chargers": 9, "Chargers Team": 1})))
    'chargers'
    >>> _lone_word(C(keys={"gm", "general motors"}, names=Counter({"GM": 1, "General Motors": 2})))
    ''
    >>> _lone_word(C(keys={"police", "state police"}, names=Counter({"State Police": 1, "police": 2})))
    ''
    """
    words = [k for k in cluster.keys if " " not in k]
    if len(words) != 1 or not words[0].isalpha():
        return ""
    counts: Counter = Counter()
    for name, n in cluster.names.items():
        if name[:1].isupper() or name[:1].isdigit():
            counts[name_key(name) if len(name.split()) == 1 else " ".join(name.lower().split())] += n
    return words[0] if 2 * counts[words[0]] > sum(counts.values()) else ""


def join_named_later(clusters: list, merges: list[tuple], by_short: Mapping[str, Mapping[int, Any]],
                     touch: Callable[[Any], None], index: Callable[[Any, Iterable[str]], None],
                     allowed: Callable[[Any, Any], bool]) -> list[tuple]:
    """Join each pair ``named_later`` finds: the lone word's cluster leaves ``clusters`` and its members, names and
    keys go to the organisation (``touch`` notes a stored one before it changes, ``index`` indexes the keys); its
    type votes do not (a lone word's tag is the model's guess). Returns the merge log (cluster, local entity,
    rule, detail, source) with the lone word's entries moved to the organisation, its first one under rule
    ``lone word of a longer name``."""
    moved: dict[int, tuple[Any, str]] = {}
    for lone, target, detail in named_later(list(clusters), by_short, allowed):
        touch(target)
        clusters.remove(lone)
        target.members.extend(lone.members)
        target.names.update(lone.names)
        index(target, lone.keys)
        moved[id(lone)] = (target, detail)
    if not moved:
        return merges
    out = []
    for cluster, local, rule, detail, source in merges:
        if id(cluster) in moved:
            cluster, why = moved[id(cluster)]
            rule, detail = ("lone word of a longer name", why) if rule == "new" else (rule, detail)
        out.append((cluster, local, rule, detail, source))
    return out
