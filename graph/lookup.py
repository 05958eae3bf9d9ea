"""Find entities by what an analyst types: a name, an alias, a titled or differently cased form, or an id."""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.errors import UnknownEntity
from newsgraph.ingest.names import name_key, surname
from newsgraph.model import Entity


def find_entity(entities: Sequence[Entity], text: str) -> Entity:
    """The entity ``text`` names: by id, by name key ("Mr. Putin" → "putin"), then by surname.

    >>> people = [Entity("vladimir-putin", "Vladimir Putin", "Person", ("Putin",))]
    >>> find_entity(people, "Mr. Putin").id
    'vladimir-putin'

    Raises:
        UnknownEntity: nothing matches, or a surname matches several entities.
    """
    by_id = {e.id: e for e in entities}
    if text in by_id:
        return by_id[text]
    key = name_key(text)
    exact = [e for e in entities if key in {name_key(n) for n in (e.name, *e.aliases)}]
    if len(exact) > 1:  # prefer the entity whose own name matches
        exact = [e for e in exact if name_key(e.name) == key] or exact
    if not exact:
        exact = [e for e in entities if e.type == "Person" and surname(e.name) == key]
    if len(exact) == 1:
        return exact[0]
    if exact:
        names = ", ".join(sorted(f"{e.name} ({e.id})" for e in exact))
        raise UnknownEntity(f"{text!r} names several entities: {names}; use the id")
    raise UnknownEntity(f"no entity named {text!r} in the graph; `newsgraph entities` lists them")
