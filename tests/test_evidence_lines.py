"""evidence-jsonl lines made a column at a time: byte for byte the lines of the records' own way
(``Evidence.row_from_properties`` then ``jsonl_line``), in the same order, on any properties a store can hold."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from newsgraph.graph.evidence_lines import evidence_lines
from newsgraph.graph.export import evidence_order, jsonl_line
from newsgraph.graph.export_reads import evidence_columns
from newsgraph.graph.quantity_columns import quantity_columns
from newsgraph.records import Endpoint, EntityRef, Evidence

_COLUMNS = list(evidence_columns())
_IDS = ["e1", "e2", "concept:truce", "s1", "gone"]
_NODES = {"e1": {"name": "Putin", "kind": "Entity", "type": "Person"},
          "e2": {"name": "Kyiv", "kind": "Entity"},  # an entity without a type
          "concept:truce": {"name": "truce", "kind": "Concept"},
          "s1": {"name": "s1", "kind": "Source"}}

_text = st.text(alphabet=st.sampled_from(['a', 'Б', '"', '\\', '%', 's', '\n', '\x00', '\u2028', '😀', ' ']),
                max_size=6)
_scalar = st.one_of(st.none(), _text, st.integers(-5, 10**20), st.booleans(),
                    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(_IDS))
_list = st.one_of(st.none(), st.lists(st.one_of(_text, st.booleans(), st.integers(0, 9)), max_size=3))


def _common(name: str):
    """What newsgraph itself stores in a column (most rows), or now and then anything a store may hold."""
    kind = evidence_columns()[name]
    usual = {str: st.one_of(_text, st.sampled_from(_IDS)) if name.endswith("_id") or name in ("attributed_to",
                                                                                                "on_behalf_of")
             else _text,
             int: st.integers(-1, 500), float: st.floats(0, 1), bool: st.booleans(), list: _list}[kind]
    return st.one_of(usual, usual, usual, st.none(), _list if kind is list else _scalar)


_row = st.fixed_dictionaries({name: _common(name) for name in _COLUMNS})


def _order(keys: list) -> list[int] | str:
    """The rows in the order of their keys (a stable sort), or the error of a sort that cannot compare them."""
    try:
        return [k for _, k in sorted(zip(keys, range(len(keys))), key=lambda pair: pair[0])]
    except TypeError as exc:  # values of two types in one column: the export fails, in either way
        return type(exc).__name__


@settings(max_examples=200, deadline=None)
@given(st.lists(_row, max_size=6), st.permutations(_COLUMNS))
def test_same_lines_and_order_as_the_records_way(rows, names):
    records = [Evidence.row_from_properties({name: value for name, value in row.items() if value is not None},
                                            _NODES) for row in rows]
    keys, lines = evidence_lines(names, [[row[name] for name in names] for row in rows], _NODES)
    assert lines == [jsonl_line(record) for record in records]
    assert _order(keys) == _order([evidence_order(record) for record in records])


def test_a_newsgraph_evidence_with_everything():
    evidence = Evidence("v1", "r1", "a1", "Putin agreed to a truce, Kyiv said.", 0, 36,
                        Endpoint("Putin", 0, 5, "e1"), "agree to", Endpoint("a truce", 16, 23, "concept:truce"),
                        negated=True, attributed_to=EntityRef("e2", "Kyiv"), confidence=0.7, event_id="ev1",
                        when="2025-03-18", relation_class="agree to")
    props = evidence.to_properties()
    props.update(quantity_columns([{"kind": "count", "value": "3", "unit": "", "text": "three",
                                    "approximate": True}]))
    names = list(props)
    keys, lines = evidence_lines(names, [list(props.values())], _NODES)
    assert lines == [jsonl_line(Evidence.row_from_properties(props, _NODES))]
    assert '"quantities": [{"kind": "count", "value": "3", "unit": "", "text": "three", "approximate": true}]' \
        in lines[0]
    assert evidence_lines(names, [], _NODES) == ([], [])


def test_columns_a_store_lacks_are_null():
    props = {"id": "v1", "edge_id": "r1", "subject_id": "e1"}
    keys, lines = evidence_lines(list(props), [list(props.values())], _NODES)
    assert lines == [jsonl_line(Evidence.row_from_properties(props, _NODES))]
