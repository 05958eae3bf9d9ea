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
from dataclasses import MISSING, dataclass, fields, replace
from functools import cache
from operator import attrgetter
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.model import Quantity

#: The evidence fields whose empty value a row and a store keep as null (a link target: ``OF_EVENT``).
_NULL_WHEN_EMPTY = frozenset({"event_id"})
#: The nested fields: the ends, the speakers and ``quantities``, which ``to_row``/``to_properties`` lay out.
_ENDS = ("subject", "object")
_SPEAKERS = ("attributed_to", "on_behalf_of")
#: What a row that lacks a field without a default gets, by the field's type.
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
        """The end of a row's ``{text, start, end, entity_id, name, type}``; what it lacks is None."""
        row = row or {}
        return _endpoint(row.get("text"), row.get("start"), row.get("end"), row.get("entity_id"), row.get("name"),
                         row.get("type"), None)

    def named(self, nodes: Mapping[str, Mapping[str, Any]]) -> Endpoint:
        """The end with a missing name and type taken from its node in ``nodes`` (a graph's nodes): an entity's
        name and type, a concept's name and ``Concept``.

        >>> Endpoint("the truce", 4, 13, "concept:truce").named({"concept:truce": {"kind": "Concept", "name": "truce"}})
        Endpoint(text='the truce', start=4, end=13, entity_id='concept:truce', name='truce', type='Concept')
        """
        return _endpoint(self.text, self.start, self.end, self.entity_id, self.name, self.type, nodes)


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
        row = dict(zip(_NAMES, _ALL(self)))
        for name in _ENDS:
            row[name] = row[name].to_row()
        for name in _SPEAKERS:
            if row[name] is not None:
                row[name] = row[name].to_row()
        row["quantities"] = [_quantity_row(q) for q in self.quantities]
        for name in _NULL_WHEN_EMPTY:
            row[name] = row[name] or None
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]] | None = None,
                 **fallback: Any) -> Evidence:
        """The evidence of a row (``to_row``'s form). A field the row lacks takes ``fallback[name]`` if given,
        else its default (its empty value if it has none); flags are made booleans and null texts ``""``. With
        ``nodes``, the ends' missing names and types come from their nodes (``Endpoint.named``).

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
        values = [row[name] if name in row else fallback.get(name, empty) for name, empty in _DEFAULTS]
        for name in _ENDS:
            end = Endpoint.from_row(values[_INDEX[name]])
            values[_INDEX[name]] = end.named(nodes) if nodes is not None else end
        for name in _SPEAKERS:
            values[_INDEX[name]] = EntityRef.from_row(values[_INDEX[name]])
        values[_INDEX["quantities"]] = _quantities(values[_INDEX["quantities"]] or ())
        return cls(*_typed(values))

    # --- an Evidence node in a store ----------------------------------------------------------------------------------
    def to_properties(self) -> dict[str, Any]:
        """The properties of the evidence's ``Evidence`` node (``evidence_properties()``, and ``id``): flat, null
        for a missing speaker or event, the quantities as parallel lists.

        >>> evidence = Evidence("v1", "r1", "a1", "Putin agreed.", 0, 13, Endpoint("Putin", 0, 5, "e1"), "agree",
        ...                     Endpoint("truce", 6, 11, "concept:truce"), attributed_to=EntityRef("e2", "TASS"))
        >>> props = evidence.to_properties()
        >>> props["subject_id"], props["attributed_to"], props["attributed_to_name"], props["event_id"]
        ('e1', 'e2', 'TASS', None)
        >>> Evidence.from_properties(props, {"e1": {"name": "Putin", "type": "Person"}}).subject.name
        'Putin'
        """
        props = dict(zip(_SCALARS, _SCALAR_VALUES(self)))
        for name in _NULL_WHEN_EMPTY:
            props[name] = props[name] or None
        props["relation_class"] = self.relation_class or self.predicate  # a row from before relation classes
        for name in _ENDS:
            end = getattr(self, name)
            props.update({f"{name}_id": end.entity_id, f"{name}_text": end.text, f"{name}_start": end.start,
                          f"{name}_end": end.end})
        for name in _SPEAKERS:
            ref = getattr(self, name)
            props[name], props[f"{name}_name"] = (None, None) if ref is None else (ref.entity_id, ref.name)
        props.update(_late().quantity_columns(_quantity_row(q) for q in self.quantities))
        return props

    @classmethod
    def from_properties(cls, props: Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]] | None = None
                        ) -> Evidence:
        """The inverse of ``to_properties``. The ends' names and types are not stored on the node: with ``nodes``
        (a graph's nodes) they are taken from their nodes, else left None. A property a store written before its
        field existed lacks gets the field's default."""
        values = [props.get(name, empty) for name, empty in _DEFAULTS]
        for name in _ENDS:
            values[_INDEX[name]] = _endpoint(props.get(f"{name}_text"), props.get(f"{name}_start"),
                                             props.get(f"{name}_end"), props.get(f"{name}_id"), None, None, nodes)
        for name in _SPEAKERS:
            speaker: Any = props.get(f"{name}_name")  # set with the id
            values[_INDEX[name]] = EntityRef(props[name], speaker) if props.get(name) else None
        if props.get("quantity_kinds"):
            values[_INDEX["quantities"]] = _quantities(_late().quantity_records(dict(props)))
        else:
            values[_INDEX["quantities"]] = ()
        return cls(*_typed(values))

    @classmethod
    def row_from_properties(cls, props: Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]] | None = None
                            ) -> dict[str, Any]:
        """``from_properties(props, nodes).to_row()`` without building the record in between, for reading many.

        >>> props = Evidence("v1", "r1", "a1", "Putin agreed.", 0, 13, Endpoint("Putin", 0, 5, "e1"), "agree",
        ...                  Endpoint("truce", 6, 11, "concept:truce"), attributed_to=EntityRef("e2", "TASS"),
        ...                  negated=True).to_properties()
        >>> nodes = {"e1": {"name": "Putin", "type": "Person"}}
        >>> Evidence.row_from_properties(props, nodes) == Evidence.from_properties(props, nodes).to_row()
        True
        """
        if props.get("quantity_kinds"):  # the few with quantities: the record's own way
            return cls.from_properties(props, nodes).to_row()
        values = [props.get(name, empty) for name, empty in _DEFAULTS]
        for name in _ENDS:
            values[_INDEX[name]] = _endpoint(props.get(f"{name}_text"), props.get(f"{name}_start"),
                                             props.get(f"{name}_end"), props.get(f"{name}_id"), None, None,
                                             nodes).to_row()
        for name in _SPEAKERS:
            speaker: Any = props.get(f"{name}_name")  # set with the id
            values[_INDEX[name]] = EntityRef(props[name], speaker).to_row() if props.get(name) else None
        values[_INDEX["quantities"]] = []
        row = dict(zip(_NAMES, _typed(values)))
        for name in _NULL_WHEN_EMPTY:
            row[name] = row[name] or None
        return row

    def named(self, nodes: Mapping[str, Mapping[str, Any]]) -> Evidence:
        """The evidence with its ends' missing names and types taken from their nodes (``Endpoint.named``)."""
        return replace(self, subject=self.subject.named(nodes), object=self.object.named(nodes))


#: The layout tables of ``Evidence``, from its fields: every field in order with the value a row without it gets
#: (its default, else the empty value of its type), and which are flags, texts and plain scalars.
_NAMES = tuple(f.name for f in fields(Evidence))
_DEFAULTS = tuple((f.name, f.default if f.default is not MISSING else _EMPTY.get(str(f.type)))
                  for f in fields(Evidence))
_INDEX = {name: k for k, name in enumerate(_NAMES)}
_FLAGS = tuple(k for k, f in enumerate(fields(Evidence)) if f.type == "bool")
_TEXTS = tuple(k for k, f in enumerate(fields(Evidence)) if f.type == "str")
_SCALARS = tuple(name for name in _NAMES if name not in {*_ENDS, *_SPEAKERS, "quantities"})
_ALL = attrgetter(*_NAMES)
_SCALAR_VALUES = attrgetter(*_SCALARS)


def _typed(values: list[Any]) -> list[Any]:
    """A row's values as the fields' types have them: a flag a boolean, a null text ``""``."""
    for k in _FLAGS:
        values[k] = bool(values[k])
    for k in _TEXTS:
        values[k] = values[k] or ""
    return values


def evidence_row_fields() -> tuple[tuple[str, str, Any], ...]:
    """How ``Evidence.row_from_properties`` lays out a row: each field in order as ``(name, kind, default)``,
    ``default`` what a row without the property gets and ``kind`` one of ``end`` (an ``Endpoint`` object),
    ``speaker`` (an ``EntityRef`` object or null), ``quantities``, ``flag`` (made a boolean), ``text`` (null made
    ``""``), ``nullable-text`` (``""`` made null) or ``value`` (as stored).

    >>> layout = {name: (kind, default) for name, kind, default in evidence_row_fields()}
    >>> layout["id"], layout["sentence_start"], layout["subject"][0], layout["negated"], layout["event_id"][0]
    (('text', ''), ('value', -1), 'end', ('flag', False), 'nullable-text')
    """
    def kind(k: int, name: str) -> str:
        if name in _ENDS:
            return "end"
        if name in _SPEAKERS:
            return "speaker"
        if name == "quantities":
            return "quantities"
        if k in _FLAGS:
            return "flag"
        if k in _TEXTS:
            return "nullable-text" if name in _NULL_WHEN_EMPTY else "text"
        return "value"

    return tuple((name, kind(k, name), default) for k, (name, default) in enumerate(_DEFAULTS))


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
    evidence: tuple[Evidence, ...] = ()

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


def _endpoint(text: Any, start: Any, end: Any, entity_id: Any, name: Any, type: Any,
              nodes: Mapping[str, Mapping[str, Any]] | None) -> Endpoint:
    """An end, its missing name and type taken from its node in ``nodes`` when given (``Endpoint.named``)."""
    if nodes is not None and not (name and type):
        data = nodes[entity_id] if entity_id in nodes else {}
        name = name or data.get("name")
        type = type or data.get("type", "Concept" if data.get("kind") == "Concept" else None)
    return Endpoint(text, start, end, entity_id, name, type)


def _quantity_row(quantity: Quantity) -> dict[str, Any]:
    return {"kind": quantity.kind, "value": quantity.value, "unit": quantity.unit, "text": quantity.text,
            "approximate": quantity.approximate}


def _quantities(rows: Any) -> tuple[Quantity, ...]:
    if not rows:
        return ()
    quantity = _late().Quantity
    return tuple(q if isinstance(q, quantity) else quantity(**q) for q in rows)


@cache
def _late() -> SimpleNamespace:
    """What this module uses from modules that import it (``newsgraph.model`` re-exports it), imported once, when
    first used."""
    from newsgraph.graph.quantity_columns import quantity_columns, quantity_records
    from newsgraph.model import Quantity

    return SimpleNamespace(Quantity=Quantity, quantity_columns=quantity_columns, quantity_records=quantity_records)
