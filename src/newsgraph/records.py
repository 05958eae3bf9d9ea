"""The relation records: one ``Evidence`` (a relation mention, one line of evidence.jsonl) and one ``Relation`` (an
analysts' edge with its evidence). Re-exported by ``newsgraph.model``; import them from there.

The layouts are defined here once. ``Evidence.to_row``/``from_row`` give the row form: a line of evidence.jsonl,
and what a graph's relation edge carries under ``evidence``. ``Evidence.to_properties``/``from_properties`` give
the flat properties of an ``Evidence`` node in a store and of its row in the neo4j-admin CSV: an end's fields as
``subject_*``/``object_*``, a speaker as its entity id and ``<field>_name``, the quantities as parallel
``quantity_*`` lists. Every other field is a scalar carried under its own name by all four (and by the store's
``MERGE_EVIDENCE``, which sets ``evidence_properties()``), so a new scalar field of ``Evidence`` is one line here.
``Relation.edge_attributes`` gives a relation edge's attributes in a graph, ``Relation.store_row`` the parameters
of its MERGE.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.model import Quantity

#: The evidence fields whose empty value a row and a store keep as null (a link target: ``OF_EVENT``).
_NULL_WHEN_EMPTY = frozenset({"event_id"})
#: The nested fields, which ``to_row``/``to_properties`` lay out themselves.
_ENDS = ("subject", "object")
_SPEAKERS = ("attributed_to", "on_behalf_of")
_NESTED = frozenset({*_ENDS, *_SPEAKERS, "quantities"})
#: What a row that lacks a scalar field without a default gets, by the field's type.
_EMPTY: dict[str, Any] = {"str": "", "int": -1, "float": 0.0, "bool": False}


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity named in an evidence: who it is attributed to, or on whose behalf that speaker speaks."""

    entity_id: str
    name: str

    def to_row(self) -> dict[str, Any]:
        """The reference as a row has it.

        >>> EntityRef("e1", "Kremlin").to_row()
        {'entity_id': 'e1', 'name': 'Kremlin'}
        """
        return {"entity_id": self.entity_id, "name": self.name}

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | None) -> EntityRef | None:
        """The reference of a row's ``{entity_id, name}`` (other keys ignored); None for none.

        >>> EntityRef.from_row({"entity_id": "e1", "name": "Kremlin", "type": "Organization"})
        EntityRef(entity_id='e1', name='Kremlin')
        >>> EntityRef.from_row(None) is None
        True
        """
        return cls(row.get("entity_id"), row.get("name")) if row else None  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The subject or the object of an evidence: its span in the article, and the node it stands for (an entity,
    with its name and type, or a concept, type ``Concept``). ``name`` and ``type`` are None where the node is not
    known (an evidence read back without its node)."""

    text: str
    start: int
    end: int
    entity_id: str
    name: str | None = None
    type: str | None = None

    def to_row(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "entity_id": self.entity_id,
                "name": self.name, "type": self.type}

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | None) -> Endpoint:
        row = row or {}
        return cls(row.get("text"), row.get("start"), row.get("end"), row.get("entity_id"),  # type: ignore[arg-type]
                   row.get("name"), row.get("type"))

    def named(self, nodes: Mapping[str, Mapping[str, Any]]) -> Endpoint:
        """The end with a missing name and type taken from its node in ``nodes`` (a graph's nodes): an entity's
        name and type, a concept's name and ``Concept``.

        >>> Endpoint("the truce", 4, 13, "concept:truce").named({"concept:truce": {"kind": "Concept", "name": "truce"}})
        Endpoint(text='the truce', start=4, end=13, entity_id='concept:truce', name='truce', type='Concept')
        """
        data = nodes[self.entity_id] if self.entity_id in nodes else {}
        kind_type = "Concept" if data.get("kind") == "Concept" else None
        return replace(self, name=self.name or data.get("name"), type=self.type or data.get("type", kind_type))


@dataclass(frozen=True, slots=True)
class Evidence:
    """One relation mention: where it stands, what it says, how it is qualified, who told it.

    ``predicate`` is the surface predicate ("declined to commit to"), ``relation_class`` the class of the relation
    it supports (``AGREE_TO``); ``negated`` folds in the class's polarity. ``event_id`` is the Event of its trigger
    ("" for none), ``when`` … ``occasion`` the circumstances of its clause (``newsgraph.model.Circumstances``) and
    ``quantities`` the measures of its event.
    """

    id: str
    edge_id: str
    source: str
    sentence: str
    sentence_start: int
    sentence_end: int
    subject: Endpoint
    predicate: str
    object: Endpoint
    negated: bool = False
    hedged: bool = False
    conditional: bool = False
    attributed_to: EntityRef | None = None
    on_behalf_of: EntityRef | None = None
    speaker_text: str = ""
    confidence: float = 0.5
    relation_class: str = ""
    event_id: str = ""
    when: str = ""
    when_text: str = ""
    where: str = ""
    where_text: str = ""
    via: str = ""
    via_text: str = ""
    occasion: str = ""
    quantities: tuple[Quantity, ...] = ()

    # --- evidence.jsonl, and a graph's relation edges ---------------------------------------------------------------
    def to_row(self) -> dict[str, Any]:
        """The evidence as a line of evidence.jsonl: the fields in order, the ends and speakers as objects (a
        speaker null for none), the quantities as ``{"kind", "value", "unit", "text", "approximate"}`` objects."""
        row: dict[str, Any] = {}
        for name in _SCALARS_AND_NESTED:
            value = getattr(self, name)
            if name in _ENDS:
                row[name] = value.to_row()
            elif name in _SPEAKERS:
                row[name] = value.to_row() if value is not None else None
            elif name == "quantities":
                row[name] = [_quantity_row(q) for q in value]
            else:
                row[name] = (value or None) if name in _NULL_WHEN_EMPTY else value
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any], **fallback: Any) -> Evidence:
        """The evidence of a row (``to_row``'s form). A field the row lacks takes ``fallback[name]`` if given,
        else its empty value; flags are made booleans and null texts ``""``.

        >>> row = {"id": "v1", "edge_id": "r1", "source": "a1", "sentence": "Putin agreed to a truce.",
        ...        "sentence_start": 0, "sentence_end": 24, "predicate": "agree to", "relation_class": "AGREE_TO",
        ...        "subject": {"text": "Putin", "start": 0, "end": 5, "entity_id": "e1", "name": "Putin",
        ...                    "type": "Person"},
        ...        "object": {"text": "a truce", "start": 16, "end": 23, "entity_id": "concept:truce"},
        ...        "negated": 0, "quantities": [{"kind": "count", "value": "1"}]}
        >>> evidence = Evidence.from_row(row)
        >>> evidence.negated, evidence.event_id, evidence.quantities[0].unit, evidence.to_row()["event_id"]
        (False, '', '', None)
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in row:
                value = row[f.name]
            elif f.name in fallback:
                value = fallback[f.name]
            else:
                value = _EMPTY.get(str(f.type)) if f.default is MISSING else f.default
            if f.name in _ENDS:
                values[f.name] = Endpoint.from_row(value)
            elif f.name in _SPEAKERS:
                values[f.name] = EntityRef.from_row(value)
            elif f.name == "quantities":
                values[f.name] = _quantities(value or ())
            else:
                values[f.name] = _scalar(str(f.type), value)
        return cls(**values)

    # --- an Evidence node in a store ----------------------------------------------------------------------------------
    def to_properties(self) -> dict[str, Any]:
        """The properties of the evidence's ``Evidence`` node (``evidence_properties()``, and ``id``): flat, null
        for a missing speaker or event, the quantities as parallel lists.

        >>> evidence = Evidence("v1", "r1", "a1", "Putin agreed.", 0, 13, Endpoint("Putin", 0, 5, "e1"), "agree",
        ...                     Endpoint("truce", 6, 11, "concept:truce"), attributed_to=EntityRef("e2", "TASS"))
        >>> props = evidence.to_properties()
        >>> props["subject_id"], props["attributed_to"], props["attributed_to_name"], props["event_id"]
        ('e1', 'e2', 'TASS', None)
        >>> Evidence.from_properties(props).named({"e1": {"name": "Putin", "type": "Person"}}).subject.name
        'Putin'
        """
        from newsgraph.graph.quantity_columns import quantity_columns

        props: dict[str, Any] = {}
        for name in _SCALARS_AND_NESTED:
            value = getattr(self, name)
            if name in _ENDS:
                props.update({f"{name}_id": value.entity_id, f"{name}_text": value.text,
                              f"{name}_start": value.start, f"{name}_end": value.end})
            elif name in _SPEAKERS:
                props[name] = value.entity_id if value is not None else None
                props[f"{name}_name"] = value.name if value is not None else None
            elif name == "quantities":
                props.update(quantity_columns(_quantity_row(q) for q in value))
            elif name == "relation_class":
                props[name] = value or self.predicate  # a row from before relation classes
            else:
                props[name] = (value or None) if name in _NULL_WHEN_EMPTY else value
        return props

    @classmethod
    def from_properties(cls, props: Mapping[str, Any]) -> Evidence:
        """The inverse of ``to_properties``; the ends' names and types are not stored on the node (``named`` fills
        them in from the graph). A property a store written before its field existed lacks gets its empty value."""
        from newsgraph.graph.quantity_columns import quantity_records

        row: dict[str, Any] = {name: props.get(name) for name in _SCALARS_AND_NESTED if name not in _NESTED}
        for name in _ENDS:
            row[name] = {"text": props.get(f"{name}_text"), "start": props.get(f"{name}_start"),
                         "end": props.get(f"{name}_end"), "entity_id": props.get(f"{name}_id")}
        for name in _SPEAKERS:
            row[name] = {"entity_id": props[name], "name": props.get(f"{name}_name")} if props.get(name) else None
        row["quantities"] = quantity_records(dict(props))
        return cls.from_row(row)

    def named(self, nodes: Mapping[str, Mapping[str, Any]]) -> Evidence:
        """The evidence with its ends' missing names and types taken from their nodes (``Endpoint.named``)."""
        return replace(self, subject=self.subject.named(nodes), object=self.object.named(nodes))


_SCALARS_AND_NESTED = tuple(f.name for f in fields(Evidence))


def evidence_properties() -> tuple[str, ...]:
    """The properties ``MERGE_EVIDENCE`` sets on an Evidence node: ``to_properties``' names but ``id`` (its key).

    >>> evidence_properties()[:4], "quantity_kinds" in evidence_properties()
    (('edge_id', 'source', 'sentence', 'sentence_start'), True)
    """
    end = Endpoint("", 0, 0, "")
    return tuple(name for name in Evidence("", "", "", "", 0, 0, end, "", end).to_properties() if name != "id")


@dataclass(frozen=True, slots=True)
class Relation:
    """One analysts' edge: ``(subject)-[:type]->(object)``, one per (subject, relation class, object), with the
    evidence that supports it.

    ``predicate`` is the class name as the edge's key ("agree to"; "be arrest" for a passive with no doer),
    ``type`` the relationship type (``AGREE_TO``), ``sources`` the sorted sources of its evidence and
    ``independent_sources`` how many of them are not copies of one another.
    """

    id: str
    subject: str
    object: str
    type: str
    predicate: str
    sources: tuple[str, ...] = ()
    independent_sources: int = 0
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def source_count(self) -> int:
        return len(self.sources)

    @property
    def event_ids(self) -> tuple[str, ...]:
        """The events of its evidence, sorted, each once."""
        return tuple(sorted({e.event_id for e in self.evidence if e.event_id}))

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """The measures of its evidence's events, in evidence order."""
        return tuple(q for e in self.evidence for q in e.quantities)

    @classmethod
    def of(cls, id: str, subject: str, object: str, type: str, predicate: str, evidence: Sequence[Evidence],
           group_of: Callable[[str], str | None] = str) -> Relation:
        """The relation with this evidence: its sources sorted, its independent sources those in distinct copy
        groups (``group_of(source)``; every source its own group by default).

        >>> end = Endpoint("Putin", 0, 5, "e1")
        >>> ev = [Evidence(f"v{s}", "r1", s, "", 0, 9, end, "agree to", end) for s in ("b", "a", "c")]
        >>> rel = Relation.of("r1", "e1", "e2", "AGREE_TO", "agree to", ev, {"c": "a"}.get)
        >>> rel.sources, rel.source_count, rel.independent_sources
        (('a', 'b', 'c'), 3, 2)
        """
        sources = tuple(sorted({e.source for e in evidence}))
        groups = {group_of(s) or s for s in sources}
        return cls(id, subject, object, type, predicate, sources, len(groups), tuple(evidence))

    def edge_attributes(self) -> dict[str, Any]:
        """The attributes of the relation's edge in a graph (keyed by ``predicate``), the evidence as rows."""
        return {"id": self.id, "type": self.type, "predicate": self.predicate, "sources": list(self.sources),
                "source_count": self.source_count, "evidence": [e.to_row() for e in self.evidence],
                "independent_sources": self.independent_sources}

    @classmethod
    def from_edge(cls, subject: str, obj: str, data: Mapping[str, Any]) -> Relation:
        """The relation of a graph's edge (``edge_attributes``' form, or as a store reads it back)."""
        evidence = tuple(Evidence.from_row(e, edge_id=data.get("id")) for e in data.get("evidence") or ())
        sources = tuple(data.get("sources") or sorted({e.source for e in evidence}))
        return cls(data["id"], subject, obj, data["type"], data["predicate"], sources,
                   data.get("independent_sources", len(sources)), evidence)

    def store_row(self) -> dict[str, Any]:
        """The parameters of the relation's MERGE (``cypher.merge_relations``)."""
        return {"subject": self.subject, "object": self.object, "id": self.id, "predicate": self.predicate}


def _scalar(type_name: str, value: Any) -> Any:
    """A row's scalar as its field's type has it: a flag a boolean, a null text ``""``; others as they are."""
    if type_name == "bool":
        return bool(value)
    if type_name == "str":
        return value or ""
    return value


def _quantity_row(quantity: Quantity) -> dict[str, Any]:
    return {"kind": quantity.kind, "value": quantity.value, "unit": quantity.unit, "text": quantity.text,
            "approximate": quantity.approximate}


def _quantities(rows: Any) -> tuple[Quantity, ...]:
    # newsgraph.model re-exports this module, so it is imported when used, not when this module is
    from newsgraph.model import Quantity

    return tuple(q if isinstance(q, Quantity) else Quantity(**q) for q in rows)
