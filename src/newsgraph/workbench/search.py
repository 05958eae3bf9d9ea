"""Entity search by name as the CLI looks names up: every name an entity goes by (its name, aliases, the words
sources used for it and the descriptions resolution merged into it, as its alias table shows them) is compared by
its name key (``newsgraph.ingest.names.name_key``: no titles, case or diacritics), and an entity matches when every
word of the query's key begins a word of one of them ("Mr. Hollande", "Francois Hollande" and "President François
Hollande" all find François Hollande; "Put" finds Putin, but not "Computing").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.ingest.names import fold, name_key
from newsgraph.workbench.shapes import PRONOUNS


@dataclass(frozen=True)
class Named:
    """An entity with every name it goes by and each name's key."""

    id: str
    name: str
    type: str | None
    aliases: tuple[str, ...]
    sources: int
    mentions: int
    names: tuple[tuple[str, str], ...]  # (name as written, its key)


def named(row: dict[str, Any]) -> Named:
    """An entity of ``cypher.ENTITY_NAMES``'s rows: its name, aliases, resolved descriptions and the words its
    sources used (pronouns left out), each once by key.

    >>> e = named({"id": "fh", "name": "François Hollande", "aliases": ["Hollande"], "resolved": [],
    ...            "mentions_texts": [[["Mr. Hollande", "he"], ["name", "pronoun"]]]})
    >>> [key for _, key in e.names]
    ['francois hollande', 'hollande']
    """
    texts = [row.get("name") or "", *(row.get("aliases") or []), *(row.get("resolved") or [])]
    for pair in row.get("mentions_texts") or []:
        said, kinds = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, None)
        kinds = kinds if isinstance(kinds, list) and len(kinds) == len(said or []) else [None] * len(said or [])
        texts += [t for t, k in zip(said or [], kinds) if t and k != "pronoun" and t.strip().lower() not in PRONOUNS]
    names: dict[str, str] = {}
    for text in texts:
        key = _key(text) if text else ""
        if key:
            names.setdefault(key, text)
    return Named(row["id"], row.get("name") or row["id"], row.get("type"), tuple(row.get("aliases") or []),
                 int(row.get("sources") or 0), int(row.get("mentions") or 0),
                 tuple((text, key) for key, text in names.items()))


def find(entities: list[Named], text: str, limit: int) -> list[dict[str, Any]]:
    """The entities ``text`` names, best first: a name whose key is the query's, then one that starts with it,
    then the rest; more mentions first. ``matched`` lists the other names that matched.

    >>> people = [named({"id": "fh", "name": "François Hollande", "aliases": [], "mentions": 3}),
    ...           named({"id": "jh", "name": "Jean Hollander", "aliases": [], "mentions": 9}),
    ...           named({"id": "ms", "name": "Microsoft Computing", "aliases": [], "mentions": 1})]
    >>> [e["id"] for e in find(people, "President Francois Hollande", 5)], [e["id"] for e in find(people, "Holland", 5)]
    (['fh'], ['jh', 'fh'])
    >>> find(people, "putin", 5)
    []
    """
    key = _key(text)
    words = key.split()
    if not words:
        return []
    hits = []
    for entity in entities:
        matched = [(name, k) for name, k in entity.names if all(any(part.startswith(w) for part in k.split())
                                                                   for w in words)]
        if not matched:
            continue
        rank = 0 if any(k == key for _, k in matched) else 1 if any(k.startswith(key) for _, k in matched) else 2
        hits.append((rank, -entity.mentions, entity.name, entity, [n for n, _ in matched if n != entity.name]))
    hits.sort(key=lambda h: h[:3])
    return [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "sources": e.sources,
             "mentions": e.mentions, "matched": matched[:5]} for _, _, _, e, matched in hits[:limit]]


def _key(text: str) -> str:
    """The name key, or the folded text when the key leaves nothing ("Mr." alone)."""
    return name_key(text) or " ".join(fold(text).split())
