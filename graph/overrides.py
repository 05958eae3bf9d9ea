"""Analyst overrides for entity resolution: names to force together, pairs never to merge.

The file is TOML (``.toml``) or JSON (any other suffix) with two optional lists of name pairs::

    # overrides.toml
    merge = [["the Kremlin chief", "Vladimir Putin"], ["Zelenskiy", "Volodymyr Zelenskyy"]]  # [alias, canonical]
    never = [["Donald Trump", "Donald Trump Jr."]]                                          # [a, b]

Names are compared by their normalised key (``newsgraph.ingest.names.name_key``: case, diacritics, titles, middle
initials and possessives do not matter). ``resolve(..., overrides=load_overrides(path))`` applies them on every run.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import BadSetting
from newsgraph.ingest.names import name_key


@dataclass(frozen=True)
class Overrides:
    """Force-merges (``alias`` → ``canonical``) and pairs never to merge, as name keys.

    >>> o = Overrides.of(merge=[("Mr. Zelenskiy", "Volodymyr Zelenskyy")], never=[("Trump", "Melania Trump")])
    >>> o.canonical("zelenskiy"), o.apart("trump", "melania trump")
    ('volodymyr zelenskyy', True)
    """

    merge: tuple[tuple[str, str], ...] = ()
    never: tuple[tuple[str, str], ...] = ()
    origin: str = ""

    @classmethod
    def of(cls, merge=(), never=(), origin: str = "") -> Overrides:
        """Build from pairs of names as written (they are normalised here)."""
        return cls(tuple((name_key(a), name_key(b)) for a, b in merge),
                   tuple((name_key(a), name_key(b)) for a, b in never), origin)

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
