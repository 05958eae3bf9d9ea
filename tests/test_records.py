"""The relation records: an evidence survives its row (evidence.jsonl) and its store properties unchanged, a
relation its edge attributes, and neither can be changed once made."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from hypothesis import given, strategies as st

from newsgraph.graph import cypher
from newsgraph.model import Endpoint, EntityRef, Evidence, Quantity, Relation, evidence_properties

_text = st.text(max_size=12)
_some_text = st.text(min_size=1, max_size=12)
_offset = st.integers(min_value=-1, max_value=10**9)
_quantity = st.builds(Quantity, kind=_text, value=_text, unit=_text, text=_text, approximate=st.booleans())
_speaker = st.none() | st.builds(EntityRef, entity_id=_some_text, name=_text)


@st.composite
def _evidence(draw: st.DrawFn) -> Evidence:
    """Any evidence whose ends are two nodes, each named and typed as its node is (or not at all)."""
    names = {node: (draw(st.none() | _some_text), draw(st.none() | _some_text))
             for node in draw(st.lists(_some_text, min_size=2, max_size=2, unique=True))}
    subject, obj = (Endpoint(draw(_text), draw(_offset), draw(_offset), node, *names[node]) for node in names)
    return Evidence(
        id=draw(_text), edge_id=draw(_text), source=draw(_text), sentence=draw(st.text(max_size=40)),
        sentence_start=draw(_offset), sentence_end=draw(_offset), subject=subject, predicate=draw(_some_text),
        object=obj, negated=draw(st.booleans()), hedged=draw(st.booleans()), conditional=draw(st.booleans()),
        attributed_to=draw(_speaker), on_behalf_of=draw(_speaker), speaker_text=draw(_text),
        confidence=draw(st.floats(0, 1)), relation_class=draw(_some_text), event_id=draw(_text),
        when=draw(_text), when_text=draw(_text), where=draw(_text), where_text=draw(_text), via=draw(_text),
        via_text=draw(_text), occasion=draw(_text), quantities=tuple(draw(st.lists(_quantity, max_size=3))))


def _nodes(evidence: Evidence) -> dict[str, dict]:
    """The graph nodes of an evidence's ends, as a store's reader finds them."""
    return {end.entity_id: {"name": end.name, "type": end.type} for end in (evidence.subject, evidence.object)}


def _example(**changes: object) -> Evidence:
    putin = Endpoint("Putin", 0, 5, "e-putin", "Vladimir Putin", "Person")
    truce = Endpoint("a truce", 16, 23, "concept:truce", "truce", "Concept")
    evidence = Evidence("v1", "r1", "a1", "Putin agreed to a truce.", 0, 24, putin, "agree to", truce,
                        attributed_to=EntityRef("e-tass", "TASS"), relation_class="AGREE_TO", event_id="event:1",
                        when="2025-03-18", when_text="on Tuesday",
                        quantities=(Quantity("duration", "PT2H", "", "two-hour"),))
    return dataclasses.replace(evidence, **changes)


@given(_evidence())
def test_an_evidence_survives_its_row_and_its_json_line(evidence):
    row = evidence.to_row()
    assert Evidence.from_row(row) == evidence
    assert Evidence.from_row(json.loads(json.dumps(row))) == evidence
    assert list(row) == [f.name for f in dataclasses.fields(Evidence)]


@given(_evidence())
def test_an_evidence_survives_its_store_properties(evidence):
    props = evidence.to_properties()
    assert set(props) == {"id", *evidence_properties()}
    assert all(not isinstance(v, (dict, tuple)) for v in props.values())  # a store property holds no map
    assert Evidence.from_properties(props).named(_nodes(evidence)) == evidence


@given(_evidence())
def test_a_relation_survives_its_edge(evidence):
    later = dataclasses.replace(evidence, id=evidence.id + "2", source=evidence.source + "b")
    relation = Relation.of("r1", "a", "b", "AGREE_TO", "agree to", [later, evidence])
    data = relation.edge_attributes()
    assert Relation.from_edge("a", "b", data) == relation
    assert data["source_count"] == relation.source_count == len(set(relation.sources)) == 2
    assert data["sources"] == sorted(data["sources"])


def test_the_row_is_the_evidence_jsonl_layout():
    row = _example().to_row()
    assert row["subject"] == {"text": "Putin", "start": 0, "end": 5, "entity_id": "e-putin", "name": "Vladimir Putin",
                              "type": "Person"}
    assert row["attributed_to"] == {"entity_id": "e-tass", "name": "TASS"} and row["on_behalf_of"] is None
    assert row["quantities"] == [{"kind": "duration", "value": "PT2H", "unit": "", "text": "two-hour",
                                  "approximate": False}]
    assert _example(event_id="").to_row()["event_id"] is None  # no event: null, as evidence.jsonl has it


def test_the_store_properties_are_flat_and_null_where_nothing_is_linked():
    props = _example(event_id="", attributed_to=None).to_properties()
    assert props["subject_id"] == "e-putin" and props["object_start"] == 16
    assert props["event_id"] is None and props["attributed_to"] is None and props["attributed_to_name"] is None
    assert props["quantity_values"] == ["PT2H"] and props["quantity_approximate"] == [False]
    assert _example(relation_class="").to_properties()["relation_class"] == "agree to"  # a row from before classes


def test_a_row_missing_fields_reads_with_their_empty_values_and_the_given_fallbacks():
    evidence = Evidence.from_row({"id": "v1", "source": "a1", "negated": 1, "event_id": None},
                                 edge_id="r9", predicate="meet")
    assert (evidence.edge_id, evidence.predicate, evidence.negated, evidence.event_id) == ("r9", "meet", True, "")
    assert evidence.hedged is False and evidence.confidence == 0.5 and evidence.quantities == ()
    assert evidence.subject.entity_id is None and evidence.attributed_to is None


def test_a_store_written_before_a_field_existed_reads_back_with_its_empty_value():
    props = {k: v for k, v in _example().to_properties().items()
             if k not in {"conditional", "speaker_text", "when", "quantity_kinds"}}
    evidence = Evidence.from_properties(props)
    assert (evidence.conditional, evidence.speaker_text, evidence.when, evidence.quantities) == (False, "", "", ())


def test_the_store_sets_every_property_of_an_evidence():
    for name in evidence_properties():
        assert f"v.{name} = row.{name}" in cypher.MERGE_EVIDENCE


def test_ends_are_named_from_their_nodes_only_where_the_evidence_does_not_name_them():
    evidence = _example(subject=Endpoint("Putin", 0, 5, "e-putin"), object=Endpoint("it", 6, 8, "concept:x", "x"))
    named = evidence.named({"e-putin": {"kind": "Entity", "name": "Vladimir Putin", "type": "Person"},
                            "concept:x": {"kind": "Concept", "name": "other"}})
    assert (named.subject.name, named.subject.type) == ("Vladimir Putin", "Person")
    assert (named.object.name, named.object.type) == ("x", "Concept")
    assert evidence.named({}).subject.name is None


def test_relation_counts_sources_events_and_quantities_from_its_evidence():
    one, two = _example(), _example(id="v2", source="a2", event_id="event:0", quantities=())
    three = _example(id="v3", source="a3", event_id="")
    relation = Relation.of("r1", "e-putin", "concept:truce", "AGREE_TO", "agree to", [three, two, one],
                           {"a3": "a1"}.get)
    assert relation.sources == ("a1", "a2", "a3") and relation.independent_sources == 2
    assert relation.event_ids == ("event:0", "event:1")
    assert relation.quantities == one.quantities * 2
    assert relation.store_row() == {"subject": "e-putin", "object": "concept:truce", "id": "r1",
                                    "predicate": "agree to"}


@pytest.mark.parametrize("record", [_example(), _example().subject, EntityRef("e", "E"),
                                    Relation.of("r1", "a", "b", "SAY", "say", [_example()])])
def test_records_are_frozen_and_slotted(record):
    name = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, name, "changed")
    assert not hasattr(record, "__dict__")
    assert hash(record) == hash(dataclasses.replace(record))


def test_confidence_keeps_its_value_through_a_store():
    assert math.isclose(Evidence.from_properties(_example(confidence=0.75).to_properties()).confidence, 0.75)
