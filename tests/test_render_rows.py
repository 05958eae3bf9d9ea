"""How rows print, without a store: tables that never cut a column off, CSV cells that read back as the values they
hold, the column names of an answer with no rows, and paths as their nodes and relationships."""

import csv
import io
import json
import re

import pytest
from dateutil.relativedelta import relativedelta

from newsgraph.graph.falkor_replies import plain
from newsgraph.graph.rows import Rows
from newsgraph.render import FORMATS, render_rows

PERSON = {"name": "Volodymyr Zelenskyy", "alias": "the Ukrainian president", "outlet": "The New York Times",
          "source": "000_efa7b280693db64d", "count": 3, "type": "Person"}
RELATION = {"entity": "Volodymyr Zelenskyy", "direction": "out", "predicate": "support", "other": "limited ceasefire",
            "other_type": "Concept", "source_count": 1, "sources": ["own-1"], "evidence": 1, "negated": 0,
            "hedged": 1, "attributed_to": ["Volodymyr Zelenskyy"]}
SENTENCE = {"id": "a1", "sentence": "Leaders agreed to a limited ceasefire on energy strikes, the Kremlin said.",
            "outlet": "Wire", "when": "2025-03-18", "sources": ["own-1", "own-2"], "count": 12345678901234}
BOX = "│┃┏┓┗┛┡┩└┘┳┻╇┯┷├┤┼━─┼"


def _tokens(text: str) -> set[str]:
    return set(re.findall(rf"[^\s{BOX}•]+", text))


@pytest.mark.parametrize("rows", [[PERSON], [RELATION, {**RELATION, "predicate": "meet"}], [SENTENCE] * 3],
                         ids=["person", "relations", "sentences"])
def test_a_table_never_cuts_a_column_off(rows):
    """At 80 columns the ``type`` column was cut to "t"/"P" and the right border lost: the columns' least widths
    summed under 80, but rich does not narrow a column to its least width, and cropped the table instead."""
    for width in range(40, 201):
        text = render_rows(rows, "table", width)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width, width
        if lines[0].startswith("┏"):  # a table: every line ends in its right border
            assert all(line[-1] in "┓┃┩│┘┤" for line in lines), (width, text)
        tokens = _tokens(text)
        for row in rows:
            for name, value in row.items():
                words = " ".join(value) if isinstance(value, list) else str(value)
                assert {name, *words.split()} <= tokens, (width, name, text)


def test_a_table_gives_every_column_its_natural_width_when_it_can():
    wide = render_rows([PERSON], "table", 200).splitlines()
    assert len(wide) == 5 and "│ Volodymyr Zelenskyy │ the Ukrainian president │" in wide[3]
    narrow = render_rows([PERSON], "table", 80)
    assert narrow.startswith("┏") and "Person" in narrow  # narrowed, still a table
    assert render_rows([PERSON], "table", 40).startswith("row 1 of 1")  # too narrow: a record


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_cells_read_back_as_the_values_they_hold():
    """A list was joined with "; ", which its items contain; a duration printed as ``relativedelta(days=+1, ...)``
    and a flag as ``True``."""
    row = {"outlets": ["Kyiv Post; Daily", "Example News"], "sentences": ['He said "no"; then left.', "Yes."],
           "d": relativedelta(days=1, hours=2), "plain": True, "none": None, "x": float("nan"),
           "m": {"k": [1, None]}, "n": 3, "f": 0.5, "empty": []}
    header, line = _csv(render_rows([row], "csv"))
    cells = dict(zip(header, line))
    assert json.loads(cells["outlets"]) == row["outlets"] and json.loads(cells["sentences"]) == row["sentences"]
    assert (cells["d"], cells["plain"], cells["none"], cells["x"]) == ("P1DT2H", "true", "", "NaN")
    assert (json.loads(cells["m"]), cells["n"], cells["f"], cells["empty"]) == ({"k": [1, None]}, "3", "0.5", "[]")


def test_a_table_shows_values_as_json_does_and_a_list_one_item_a_line():
    row = {"outlets": ["Kyiv Post; Daily", "Example News"], "d": relativedelta(days=1, hours=2), "flag": False}
    for width in (80, 20):  # a table, and records
        text = render_rows([row], "table", width)
        assert "P1DT2H" in text and "false" in text and "relativedelta" not in text and "False" not in text
        bulleted = [line.split("•", 1)[1].split() for line in text.splitlines() if "•" in line]
        assert [words[0] for words in bulleted] == ["Kyiv", "Example"], text


def test_an_answer_with_no_rows_keeps_its_columns():
    """Columns came from the rows' keys: a CSV of no rows was empty, not its header line."""
    empty = Rows([], ["name", "type"])
    assert render_rows(empty, "csv") == "name,type"
    assert render_rows([], "csv", columns=["name", "type"]) == "name,type"
    assert (render_rows(empty, "json"), render_rows(empty, "ndjson"), render_rows(empty, "table")) == \
        ("[]", "", "(no rows)")
    ordered = Rows([{"b": 1, "a": 2}], ["a", "b"])  # the statement's order, not the dict's
    assert render_rows(ordered, "csv").splitlines()[0] == "a,b"
    assert set(FORMATS) == {"table", "json", "ndjson", "csv"}


def test_a_falkordb_path_is_its_nodes_and_relationships():
    """A path printed as the client's text of it, ``<(6)-[114]->(7)>``: internal ids only."""
    from falkordb import Edge, Node, Path

    a = Node(6, labels=["Entity", "Person"], properties={"name": "Volodymyr Zelenskyy"})
    b = Node(7, labels=["Concept"], properties={"name": "limited ceasefire"})
    path = plain(Path([a, b], [Edge(a, "SUPPORT", b, 114, properties={"source_count": 1})]))
    want = {"nodes": [{"labels": ["Entity", "Person"], "name": "Volodymyr Zelenskyy"},
                      {"labels": ["Concept"], "name": "limited ceasefire"}],
            "relationships": [{"type": "SUPPORT", "start": "6", "end": "7", "source_count": 1}]}  # no id: element ids
    assert path == want
    assert json.loads(render_rows([{"p": path}], "json")) == [{"p": want}]
    assert json.loads(_csv(render_rows([{"p": path}], "csv"))[1][0]) == want
