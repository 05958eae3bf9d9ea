"""The ``CYPHER`` header of a FalkorDB statement is the client library's text, byte for byte."""

from __future__ import annotations

import pytest
from falkordb.helpers import stringify_param_value
from hypothesis import given, strategies as st

from newsgraph.graph.cypher_params import header, literal

texts = st.one_of(st.text(alphabet=st.characters(codec="utf-8"), max_size=12), st.sampled_from(['"', "\\", '\\"', ""]))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
keys = st.text(min_size=1, max_size=8).filter(lambda k: "`" not in k)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@given(values)
def test_a_literal_is_what_the_client_library_writes(value):
    assert literal(value) == stringify_param_value(value)


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,6}", fullmatch=True), values, max_size=4))
def test_a_header_is_the_parameters_as_the_client_library_writes_them(params):
    expected = "CYPHER " + " ".join(f"`{k}`={stringify_param_value(v)}" for k, v in params.items()) + " "
    assert header(params) == (expected if params else "")


def test_rows_of_an_unwind_batch():
    rows = [{"id": "v1", "sentence": 'He said "no" \\ twice', "start": 3, "negated": False, "speaker": None}]
    assert header({"rows": rows}) == ('CYPHER `rows`=[{`id`:"v1",`sentence`:"He said \\"no\\" \\\\ twice",'
                                      '`start`:3,`negated`:False,`speaker`:null}] ')


@pytest.mark.parametrize("bad", ["", "a`b"])
def test_a_key_the_header_cannot_hold_is_refused_as_the_client_library_refuses_it(bad):
    with pytest.raises(ValueError) as ours:
        literal({"ok": 1, bad: 2})
    with pytest.raises(ValueError) as theirs:
        stringify_param_value({"ok": 1, bad: 2})
    assert str(ours.value) == str(theirs.value)


def test_keys_that_are_not_strings_are_written_as_the_client_library_writes_them():
    assert literal({b"k": 1, 2: "x"}) == stringify_param_value({b"k": 1, 2: "x"})
