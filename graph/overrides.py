"""Analyst overrides for entity resolution: names to force together, pairs never to merge.

The file is TOML (``.toml``) or JSON (any other suffix) with two optional lists of name pairs::

    # overrides.toml
    merge = [["the Kremlin chief", "Vladimir Putin"], ["Zelenskiy", "Volodymyr Zelenskyy"]]  # [alias, canonical]
    never = [["Donald Trump", "Donald Trump Jr."]]                                          # [a, b]

Names are compared by their normalised key (``newsgraph.ingest.names.name_key``: case, diacritics, titles, middle
initials and possessives do not matter). ``resolve(..., overrides=load_overrides(path))`` applies them on every run.
The canonical name of a merge pair, as the file writes it, is the name of the entity that holds it (``named``, at
ingest; ``newsgraph.graph.reresolve`` for a stored graph). ``newsgraph resolve`` also takes an entity's id (as
``newsgraph entities`` shows it in brackets, "obama-2") for a name, to address one entity of several of a name.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from newsgraph.errors import BadSetting
from newsgraph.ingest.names import name_key, slug
from newsgraph.model import Entity, Resolution


@dataclass(frozen=True)
class Overrides:
    """Force-merges (``alias`` → ``canonical``) and pairs never to merge, as name keys.

    >>> o = Overrides.of(merge=[("Mr. Zelenskiy", "Volodymyr Zelenskyy")], never=[("Trump", "Melania Trump")])
    >>> o.canonical("zelenskiy"), o.apart("trump", "melania trump"), o.spelling("volodymyr zelenskyy")
    ('volodymyr zelenskyy', True, 'Volodymyr Zelenskyy')
    """

    merge: tuple[tuple[str, str], ...] = ()
    never: tuple[tuple[str, str], ...] = ()
    origin: str = ""
    #: The ``merge`` pairs as the file writes them (the canonical name's spelling, an entity id).
    written: tuple[tuple[str, str], ...] = ()
    #: The ``never`` pairs as the file writes them.
    written_never: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, merge=(), never=(), origin: str = "") -> Overrides:
        """Build from pairs of names as written (they are normalised here)."""
        merge, never = [(a.strip(), b.strip()) for a, b in merge], [(a.strip(), b.strip()) for a, b in never]
        return cls(tuple((name_key(a), name_key(b)) for a, b in merge),
                   tuple((name_key(a), name_key(b)) for a, b in never), origin, tuple(merge), tuple(never))

    def spelling(self, key: str) -> str | None:
        """The canonical name of the key ``key`` as the file writes it (None when it is no pair's canonical)."""
        return next((b for (_, k), (_, b) in zip(self.merge, self.written) if k == key), None)

    def finals(self) -> dict[str, str]:
        """The canonical keys no pair makes an alias (the names the entities are to have), with their spelling.

        >>> Overrides.of(merge=[("a b", "C D"), ("c d", "E F"), ("x y", "E F")]).finals()
        {'e f': 'E F'}
        """
        aliases = {a for a, _ in self.merge}
        return {k: b for (_, k), (_, b) in zip(self.merge, self.written) if k not in aliases}

    def canonical(self, key: str) -> str | None:
        """The canonical key an alias key is forced onto, following chains (a → b → c), or None."""
        mapping = dict(self.merge)
        seen = {key}
        target = mapping.get(key)
        while target is not None and target in mapping and target not in seen:
            seen.add(target)
            target = mapping[target]
        return target

    def apart(self, a: str, b: str) -> bool:
        """True if the analyst said keys ``a`` and ``b`` are never one entity."""
        return (a, b) in self._never_set or (b, a) in self._never_set

    @property
    def _never_set(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.never)

    def __bool__(self) -> bool:
        return bool(self.merge or self.never)


def named(resolution: Resolution, overrides: Overrides | None,
          stored: Callable[[str], bool] = lambda entity_id: False) -> Resolution:
    """``resolution`` with the analyst's canonical names: an entity a chunk's mentions join that holds the
    canonical name of a merge pair (as its name or an alias) is named as the file writes it, whichever name the
    articles use most; one not stored yet (``stored``) takes the id of that name when it is free.

    >>> res = Resolution((Entity("hugh-heffner", "Hugh Heffner", "Person", ("Hugh Hefner",)),),
    ...                  {("a", 0): "hugh-heffner"})
    >>> named(res, Overrides.of(merge=[("Hugh Heffner", "Hugh Hefner")])).entities
    (Entity(id='hugh-hefner', name='Hugh Hefner', type='Person', aliases=('Hugh Heffner',)),)
    """
    finals = overrides.finals() if overrides else {}
    if not finals:
        return resolution
    touched = set(resolution.assignment.values())
    taken = {e.id for e in resolution.entities}
    entities, ids = [], {}
    for entity in resolution.entities:
        spelling = _canonical_of(entity, finals) if entity.id in touched else None
        if spelling is None or spelling == entity.name or spelling in taken or stored(spelling):
            entities.append(entity)  # an id (the file's way to address one entity) is no name
            continue
        entity = rename(entity, spelling)
        new_id = slug(spelling)
        if not stored(entity.id) and new_id and new_id not in taken and not stored(new_id):
            taken.add(new_id)
            ids[entity.id] = new_id
            entity = replace(entity, id=new_id)
        entities.append(entity)
    if not ids:
        return replace(resolution, entities=tuple(entities))
    return Resolution(tuple(sorted(entities, key=lambda e: e.id)),
                      {k: ids.get(v, v) for k, v in resolution.assignment.items()},
                      tuple(replace(m, entity_id=ids.get(m.entity_id, m.entity_id)) for m in resolution.merges))


def unmatched(overrides: Overrides, entities: Iterable[Entity]) -> list[str]:
    """One line for each pair of the file a name of which no entity holds (as its name, an alias or its id): such a
    pair merges (or keeps apart) nothing, most often because the name is misspelt or is no entity's (a role
    description such as "the Kremlin chief" is linked by a roles file, not by a merge).

    >>> o = Overrides.of(merge=[("the Kremlin chief", "Vladimir Putin")], origin="o.toml")
    >>> line, = unmatched(o, [Entity("vladimir-putin", "Vladimir Putin", "Person", ("Putin",))])
    >>> line.split(": ", 2)[2]
    "no stored entity has the name 'the Kremlin chief'; the pair merged nothing"
    """
    from newsgraph.graph.name_rules import entity_keys  # it builds on resolution's name rules

    held: set[str] = set()
    ids: set[str] = set()
    for entity in entities:
        names = (entity.name, *entity.aliases)
        held |= _held_keys(names) | entity_keys(names, entity.type)
        ids.add(entity.id)
    lines = []
    for kind, pairs, written, what in (("merge", overrides.merge, overrides.written, "merged"),
                                       ("never", overrides.never, overrides.written_never, "kept apart")):
        for keys, names in zip(pairs, written or pairs):
            missing = [n for k, n in zip(keys, names) if k not in held and n not in ids]
            if missing:
                lines.append(f"{overrides.origin or 'overrides'}: {kind} {list(names)}: no stored entity has the "
                             f"name {' or '.join(map(repr, missing))}; the pair {what} nothing")
    return lines


def rename(entity: Entity, name: str) -> Entity:
    """``entity`` named ``name``, its former name kept as an alias.

    >>> rename(Entity("x", "Hugh Heffner", "Person", ("Hugh Hefner",)), "Hugh Hefner").aliases
    ('Hugh Heffner',)
    """
    return replace(entity, name=name, aliases=tuple(sorted({*entity.aliases, entity.name} - {name})))


def _canonical_of(entity: Entity, finals: dict[str, str]) -> str | None:
    """The spelling of the one canonical name of the file the entity holds (its own name's when it holds several)."""
    held = sorted(finals[k] for k in _held_keys((entity.name, *entity.aliases)) if k in finals)
    own = finals.get(name_key(entity.name))
    return own or (held[0] if held else None)


def _held_keys(names: Iterable[str]) -> set[str]:
    return {name_key(n) for n in names} - {""}


def load_overrides(path: str | Path) -> Overrides:
    """Read an overrides file (TOML for ``.toml``, else JSON).

    Raises:
        BadSetting: the file is missing or unreadable, not valid TOML/JSON, or a list is not made of name pairs
            (a one-line message naming the file and the problem).
    """
    path = Path(path)
    text = read_analyst_file(path, "overrides")
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
        raise BadSetting(f"{path}: not valid {kind} ({' '.join(str(exc).split())[:120]})") from exc
    if not isinstance(data, dict):
        raise BadSetting(f"{path}: expected a table/object with 'merge' and 'never' lists, got {type(data).__name__}")
    unknown = sorted(set(data) - {"merge", "never"})
    if unknown:
        raise BadSetting(f"{path}: unknown key {unknown[0]!r}; only 'merge' and 'never' are allowed")
    pairs = {field: _pairs(path, field, data.get(field, [])) for field in ("merge", "never")}
    _one_canonical(path, pairs["merge"])
    return Overrides.of(pairs["merge"], pairs["never"], origin=str(path))


def _one_canonical(path: Path, merge: list[tuple[str, str]]) -> None:
    """Refuse merge entries that give a name two canonical names, or that lead from a name back to it: either
    way no entity would be the one the analyst meant (a cycle merged nothing, silently)."""
    onto: dict[str, tuple[int, str]] = {}
    for n, (alias, canonical) in enumerate(merge, 1):
        key = name_key(alias)
        if key in onto and onto[key][1] != name_key(canonical):
            raise BadSetting(f"{path}: merge entries {onto[key][0]} and {n} put {alias!r} on two names; give each "
                             "name one canonical name")
        onto[key] = (n, name_key(canonical))
    for start, (n, target) in onto.items():
        seen = {start}
        while target in onto and target not in seen:
            seen.add(target)
            target = onto[target][1]
        if target in seen:
            raise BadSetting(f"{path}: merge entry {n} leads from {merge[n - 1][0]!r} back to itself through other "
                             "entries; give the names one canonical name, the second of each pair")


def _pairs(path: Path, field: str, value) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        raise BadSetting(f"{path}: {field!r} must be a list of [name, name] pairs")
    out = []
    for n, pair in enumerate(value, 1):
        if (not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(x, str) for x in pair)
                or not all(name_key(x) for x in pair)):
            raise BadSetting(f"{path}: {field} entry {n} must be a pair of two non-empty names, got {pair!r}")
        if name_key(pair[0]) == name_key(pair[1]):
            raise BadSetting(f"{path}: {field} entry {n} names the same entity twice: {pair!r}")
        out.append((pair[0], pair[1]))
    return out


def read_analyst_file(path: Path, what: str) -> str:
    """The text of an analyst's file (``what``: "overrides", "roles"), or BadSetting in one line naming it."""
    try:
        return path.read_text(encoding="utf-8-sig")  # a byte-order mark (Windows editors) is no part of the text
    except (OSError, UnicodeDecodeError) as exc:
        raise BadSetting(f"{path}: cannot read the {what} file ({exc.__class__.__name__}: "
                         f"{' '.join(str(exc).split())[:120]})") from exc


def merges_in_window(merges: Iterable[dict | None], dated: set[str], stored: set[str]) -> list[dict]:
    """The merge log rows (``alias``, ``source``, ``rule``, ``detail``) a date window keeps: the ones made in its
    sources (``dated``), and every one an analyst's file made on the stored graph (``newsgraph resolve``: its
    ``source`` is the file, no stored source; ``stored`` holds every stored source's id). Such a row holds on every
    date and says why a name is on the entity, and when the command ran is no date of the articles.

    >>> rows = [{"source": "a1"}, {"source": "a2"}, None, {"source": "overrides.toml"}]
    >>> [m["source"] for m in merges_in_window(rows, {"a1"}, {"a1", "a2"})]
    ['a1', 'overrides.toml']
    """
    return [m for m in merges if m and (m.get("source") in dated or m.get("source") not in stored)]
