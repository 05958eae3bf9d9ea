"""What a canned query's name parameter names: an entity, a story or a source, found as the query finds it.

A query declares it in its header (``// lookup: name = entity``). A query whose answer is empty may be empty
because the graph holds nothing for a name it knows, or because it knows no such name; ``check_names`` tells the
two apart by asking the store the query's own match alone (with no date window: a window that leaves a known name
nothing to show is an empty answer, not an unknown name). An entity's name that matches none as given is matched
again as the graph writes names (``stored_spellings``: "Apple Inc." is stored as "Apple Inc"), by the check and by
``run_query`` alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsgraph.errors import BadQueryParameter, NewsgraphError, UnknownEntity
from newsgraph.ingest.names import clean_name

#: An entity as the queries that take one match it (entity.cypher, timeline.cypher, ...): its id as given, or in
#: any case its name, an alias or a name merged into it (the merge log), a leading title or "the" ignored.
ENTITY_LOOKUP = """WITH toLower(trim($value)) AS key
WITH key,
     ['mr. ', 'mr ', 'mrs. ', 'mrs ', 'ms. ', 'ms ', 'dr. ', 'dr ', 'president ', 'prime minister ', 'the '] AS titles
WITH [key] + [t IN titles WHERE key STARTS WITH t | substring(key, size(t))] AS keys
MATCH (e:Entity)
OPTIONAL MATCH (res:Resolution)-[:RESOLVES_TO]->(e)
WITH e, keys, collect(toLower(res.alias)) AS merged
WHERE e.id = $value OR toLower(e.name) IN keys OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) IN keys)
   OR any(a IN merged WHERE a IN keys)
RETURN e.id AS id
LIMIT 1
"""

#: A story as story.cypher matches it: its id or a source id, or words of its name or of a source's title (any case).
STORY_LOOKUP = """MATCH (s0:Source)-[:IN_STORY]->(t:Story)
WHERE t.id = $value OR s0.id = $value OR toLower(t.name) CONTAINS toLower(trim($value))
   OR toLower(coalesce(s0.title, '')) CONTAINS toLower(trim($value))
RETURN t.id AS id
LIMIT 1
"""

#: A source as single-source.cypher matches it: "" for every source, a source id, or an outlet name (any case; a
#: source without an outlet goes by its id).
SOURCE_LOOKUP = """MATCH (c:Source)
WHERE $value = '' OR c.id = $value
   OR toLower(CASE WHEN coalesce(c.outlet, '') = '' THEN c.id ELSE c.outlet END) = toLower(trim($value))
RETURN c.id AS id
LIMIT 1
"""

#: Lookup kind → (its statement, how it matches, where to see what there is).
LOOKUPS: dict[str, tuple[str, str, str]] = {
    "entity": (ENTITY_LOOKUP, "by name, alias, merged name or id, in any case",
               "`newsgraph entities` lists them"),
    "story": (STORY_LOOKUP, "by story or source id, or words of a story's name or a source's title",
              "`newsgraph query sources` lists the sources"),
    "source": (SOURCE_LOOKUP, "by source id or outlet name, in any case", "`newsgraph query sources` lists them"),
}


def stored_spellings(lookups: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any] | None:
    """``params`` with each name of an entity written as the graph writes names (``clean_name``: no final period,
    possessive or punctuation around it, so "Apple Inc." and "U.N." read "Apple Inc" and "U.N"), or None when that
    changes no name. The queries match names in any case, so case is left as given.

    >>> stored_spellings({"name": "entity"}, {"name": "Apple Inc.", "limit": 5})
    {'name': 'Apple Inc', 'limit': 5}
    >>> stored_spellings({"a": "entity", "b": "entity"}, {"a": "Putin", "b": "the Kremlin’s"})
    {'a': 'Putin', 'b': 'Kremlin'}
    >>> stored_spellings({"name": "entity"}, {"name": "Putin"}), stored_spellings({"name": "story"}, {"name": "U.N."})
    (None, None)
    """
    changed = {name: clean_name(params[name]) for name, kind in lookups.items()
               if kind == "entity" and isinstance(params.get(name), str) and clean_name(params[name]) != params[name]}
    return {**params, **changed} if changed else None


def unknown_names(store: Any, lookups: Mapping[str, str], params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The ``(parameter, kind)`` pairs of ``lookups`` whose value in ``params`` names nothing in ``store``, as given
    nor as the graph writes names (``stored_spellings``)."""
    stored = stored_spellings(lookups, params) or params
    return [(name, kind) for name, kind in lookups.items()
            if not any(store.run(LOOKUPS[kind][0], {"value": value})
                       for value in dict.fromkeys((params[name], stored[name])))]


def check_names(store: Any, query_name: str, lookups: Mapping[str, str], params: Mapping[str, Any]) -> None:
    """Raise when a name parameter of the query ``query_name`` names nothing in ``store``.

    Raises:
        UnknownEntity: a parameter that names an entity matches none (the message names each unknown parameter
            and its value).
        BadQueryParameter: a parameter that names a story or a source matches none.
    """
    missing = unknown_names(store, lookups, params)
    if not missing:
        return
    parts = [f"no {kind} matches {name}={params[name]!r} ({LOOKUPS[kind][1]})" for name, kind in missing]
    hints = dict.fromkeys(LOOKUPS[kind][2] for _, kind in missing)
    error: type[NewsgraphError] = UnknownEntity if missing[0][1] == "entity" else BadQueryParameter
    raise error(f"query {query_name!r}: {'; '.join(parts)}; {'; '.join(hints)}")
