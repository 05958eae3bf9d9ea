"""The rules that find, among the entities placed so far, the one a local entity joins — ``same name``, ``same
surname``, ``spelling variant`` and ``short name`` (``newsgraph.graph.resolve``, rules 1-4) — and the first-letter
blocks the surname and spelling rules search (``_Block``), so that no rule compares all pairs.

Each rule takes the local entity, its main key and keys, the indexes of the clusters placed so far and ``allowed``
(what the analyst's ``never`` pairs and the name marks leave joinable), and returns the cluster it joins with the
rule and its detail, or ``(None, "", "")``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from newsgraph.graph.lone_names import given_name_only
from newsgraph.graph.name_rules import name_similarity, same_first_name
from newsgraph.ingest.names import name_key
from newsgraph.ingest.short_forms import acronym
from newsgraph.model import LocalEntity

if TYPE_CHECKING:
    from newsgraph.graph.resolve import _Cluster

COMPATIBLE = {
    frozenset({"Place", "Organization"}),  # "Washington agreed", "the Kremlin" tagged as a place
    frozenset({"Group", "Organization"}),
}


def _match(local: LocalEntity, main: str, keys: set[str], by_key, by_block, threshold: float,
           allowed=lambda c: True):
    first = main.split()[0] if local.type == "Person" and len(main.split()) >= 2 else ""
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        cluster = by_key.get(key)
        if cluster is None or not allowed(cluster) or first and " " not in key and any(
                k.split()[0] != first for k in cluster.keys if len(k.split()) >= 2 and k.split()[-1] == key):
            continue  # "Esther Williams" joins no "Williams" that is already Reggie Williams
        if given_name_only(key, keys if local.type == "Person" else (), cluster):
            continue  # "Tony" of "Tony Thompson" is no other article's "Tony"
        return cluster, "same name", f"key {key!r}"
    words = main.split()
    block = by_block.get(_block(main))
    if block is None:
        return None, "", ""
    if local.type == "Person" or local.type == "Organization" and 1 <= len(words) <= 2:
        fits: dict[int, tuple[_Cluster, str]] = {}
        for n in block.persons_ending(words[-1]):
            key, cluster = block.entries[n]
            other = key.split()
            if (cluster.type == "Person" and len(other) >= 2 and (len(words) <= 2 or len(other) == 2) and (
                    len(words) == 1 or same_first_name(words[0], other[0])) and allowed(cluster)):
                fits.setdefault(id(cluster), (cluster, key))  # a middle name is no other person's
        if len(fits) == 1:
            cluster, key = next(iter(fits.values()))
            return cluster, "same surname", f"{local.name!r} ~ {key!r}, the only person of that surname"
        if len(fits) > 1 and len(words) == 1:
            return None, "", ""  # "Williams": Sam or Esther?
    if local.type == "Person" and len(words) >= 2:
        lone = by_key.get(words[-1])
        if (lone is not None and lone.type == "Person" and all(len(k.split()) == 1 for k in lone.keys)
                and not block.by_last.get(words[-1]) and allowed(lone)):
            return lone, "same surname", f"{local.name!r} ~ {words[-1]!r}, the only person of that surname"
    best, best_score, best_key, rivals = None, 0.0, "", set()
    # Only a lone word of a person can match a longer key by its last word: nothing else needs that search.
    for n in block.near(main, threshold, lasts=len(words) <= 1 and local.type == "Person"):
        key, cluster = block.entries[n]
        if len(key.split()) != len(words) and not (len(words) == 1 and local.type == cluster.type == "Person"):
            continue  # containment is no spelling variant: "Guinea" / "Papua New Guinea", "Sam Williams" / "Williams"
        if len(words) == 1 and given_name_only(key, (), cluster):
            continue
        score = name_similarity(main, key)
        if score >= threshold and _compatible(local, cluster) and allowed(cluster):
            rivals.add(id(cluster))  # a lone word must fit one entity only
            if best is None or (-score, _stable(cluster), key) < (-best_score, _stable(best), best_key):
                best, best_score, best_key = cluster, score, key  # a tie goes by entity id, then key: not by order
    if best is not None and len(rivals) > 1 and len(words) == 1:
        return None, "", ""  # "Commission": the European one or the Federal Trade one?
    if best is not None:
        return best, "spelling variant", f"{local.name!r} ~ {best_key!r} (ratio {best_score:.0f})"
    return None, "", ""


def _stable(cluster: _Cluster) -> str:
    """What orders clusters of one score whatever order the index met them in: the stored entity's id ("" for a
    cluster of this resolution, which none of them is yet)."""
    return cluster.known.id if cluster.known is not None else ""


def _short_name(local: LocalEntity, main: str, by_key, by_short, allowed):
    """Organisations: an acronym written in capitals ("AMA") or a lone last word ("Chargers") joins the one
    organisation whose longer name it abbreviates, and a longer name joins the one acronym already seen."""
    if local.type != "Organization":
        return None, "", ""
    words = main.split()
    if len(words) == 1:
        in_capitals = any(n.isupper() and name_key(n) == main for n in local.names)
        candidates = [c for c in by_short.get(main, {}).values() if c.type == "Organization" and allowed(c)
                      and (in_capitals or not any(acronym(k) == main for k in c.keys))]
        if len(candidates) == 1:
            return candidates[0], "short name", f"{local.name!r} abbreviates {candidates[0].longest_key!r}"
        return None, "", ""
    short = acronym(main)
    cluster = by_key.get(short) if short else None
    if cluster is not None and cluster.type == "Organization" and allowed(cluster) and any(
            n.isupper() for n in cluster.names if name_key(n) == short):
        return cluster, "short name", f"{short!r} abbreviates {local.name!r}"
    return None, "", ""


def _compatible(local: LocalEntity, cluster: _Cluster) -> bool:
    a, b = local.type, cluster.type
    if a == b or frozenset({a, b}) in COMPATIBLE:
        return True
    votes = dict(local.type_votes)
    return votes.get(b, 0) > 0 or cluster.votes.get(a, 0) > 0


class _Block:
    """The keys whose last word starts with one letter, with indexes for the surname and spelling rules."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, _Cluster]] = []
        self.keys: list[str] = []
        self.lasts: list[str] = []
        self.by_last: dict[str, list[int]] = defaultdict(list)  # last word of a multi-word key → entries

    def add(self, key: str, cluster: _Cluster) -> None:
        words = key.split()
        if len(words) >= 2:
            self.by_last[words[-1]].append(len(self.entries))
        self.entries.append((key, cluster))
        self.keys.append(key)
        self.lasts.append(words[-1] if words else "")

    def persons_ending(self, word: str) -> list[int]:
        """Entries whose multi-word key ends in ``word``, persons' among them (the surname rule's candidates)."""
        return self.by_last.get(word, [])

    def near(self, key: str, threshold: float, lasts: bool = True) -> list[int]:
        """Entries whose whole key or (with ``lasts``) last word is within ``threshold`` of the key's (rapidfuzz,
        in C)."""
        last = key.split()[-1] if key.split() else ""
        hits = set()
        for query, choices in ((key, self.keys), (last, self.lasts))[:2 if lasts else 1]:
            hits |= {n for _, _, n in process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=threshold,
                                                      limit=None)}
        return sorted(hits)


def _block(key: str) -> str:
    words = key.split()
    return words[-1][:1] if words else ""
