"""``newsgraph resolve`` and what an analyst reads after it: the merge rows of ``entities --explain`` in a date
window, the stories' profiles after a merge and its undo, and a rename taken back when its pair leaves the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.overrides import Overrides
from newsgraph.graph.reresolve import Record, plan
from newsgraph.graph.story_terms import fold, unfold
from newsgraph.model import Entity

ARTICLES = [
    {"id": "a1", "published": "2025-03-10", "outlet": "one",
     "text": "Northwind Traders acquired Contoso for $2 billion on Monday, the companies said.\n\n"
             "Northwind Traders will keep the Contoso brand, chief executive Maria Lopez told reporters.\n"},
    {"id": "a2", "published": "2025-03-11", "outlet": "two",
     "text": "Northwind Group acquired Contoso in a deal announced on Monday.\n\n"
             "Analysts said Northwind Group paid too much for the software maker. Ms. Lopez praised Contoso on "
             "Tuesday.\n"},
]


# --- pure parts ------------------------------------------------------------------------------------------------
def _records(steps) -> list[Record]:
    return [Record(r["id"], s.selection.target, r["override_alias"], r["override_canonical"], r["former_id"],
                   r["former_name"], r["former_type"], tuple(r["former_aliases"]), r["target_name"],
                   tuple(r["target_aliases"]), r["seq"], r["target_type"], renamed=bool(r.get("renamed")))
            for s in steps if s.record and "override_alias" in s.record for r in [s.record]]


def test_a_rename_is_logged_and_undone_when_its_pair_leaves_the_file():
    start = Entity("maria-lopez", "Maria Lopez", "Person", ("Lopez",))
    (step,) = plan(Overrides.of(merge=[("Maria Lopez", "Lopez")], origin="o.toml"), [start], []).steps
    renamed = step.entities[0]
    assert (step.kind, renamed.name, renamed.aliases) == ("rename", "Lopez", ("Maria Lopez",))
    (undo,) = plan(Overrides(origin="o.toml"), [renamed], _records([step])).steps
    assert undo.kind == "undo" and undo.entities == (start,) and undo.undone == step.record["id"]


def test_a_rename_to_a_spelling_the_entity_did_not_hold_leaves_no_alias_of_it_when_undone():
    start = Entity("hugh-heffner", "Hugh Heffner", "Person", ("Heffner",))
    (step,) = plan(Overrides.of(merge=[("Heffner", "HUGH HEFFNER")], origin="o.toml"), [start], []).steps
    assert step.entities[0].name == "HUGH HEFFNER"
    (undo,) = plan(Overrides(origin="o.toml"), list(step.entities), _records([step])).steps
    assert undo.entities == (start,)


_TERMS = st.lists(st.sampled_from([f"e:{c}" for c in "abcd"] + [f"w:{c}" for c in "xyz"]), unique=True,
                  max_size=7)


@given(_TERMS, st.data())
def test_folding_an_entity_into_another_and_unfolding_it_gives_back_the_profile(terms, data):
    weights = sorted((data.draw(st.integers(1, 999)) for _ in terms), reverse=True)
    folded = fold("s", terms, weights, "a", "b")
    if "e:a" not in terms:
        assert folded is None
        return
    after, after_weights, was = folded
    assert "e:a" not in after and after_weights[after.index("e:b")] == sum(
        w for t, w in zip(terms, weights) if t in ("e:a", "e:b"))
    assert after_weights == sorted(after_weights, reverse=True)
    assert unfold(after, after_weights, "a", "b", was) == (terms, weights)


# --- end to end ------------------------------------------------------------------------------------------------
@pytest.fixture()
def data(tmp_path) -> Path:
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(articles), "--data-dir", str(tmp_path / "data"), "--quiet"])
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


def _cli(data: Path, *args: str):
    result = CliRunner().invoke(app, [*args, "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return result


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _graph(data: Path, path: Path) -> dict:
    _cli(data, "export", "-f", "json", "-o", str(path))
    return json.loads(path.read_text(encoding="utf-8"))


def _profiles(graph: dict) -> dict[str, dict[str, int]]:
    return {n["id"]: dict(zip(n["terms"], n["weights"])) for n in graph["nodes"] if n.get("kind") == "Story"}


@pytest.mark.store
@pytest.mark.model
def test_explain_in_a_date_window_keeps_the_merge_rows_resolve_made(data, tmp_path):
    merge = _file(tmp_path, "o.toml", 'merge = [["Northwind Group", "Northwind Traders"]]\n')
    _cli(data, "resolve", "--overrides", merge)
    row = f"'Northwind Group' by rule 'analyst merge' — 'northwind group' → 'northwind traders' ({merge})"
    for window in ((), ("--since", "2025-03-10", "--until", "2025-03-10"), ("--since", "2025-03-11")):
        explained = _cli(data, "entities", "--explain", "Northwind Traders", *window).output
        assert row in explained, window
    inside = _cli(data, "entities", "--explain", "Northwind Traders", "--until", "2025-03-10").output
    assert "a1: 'Northwind Traders'" in inside and "a2:" not in inside  # the articles' rows still follow the window


@pytest.mark.store
@pytest.mark.model
def test_a_merge_puts_the_joined_entity_in_the_stories_profiles_and_its_undo_takes_it_back(data, tmp_path):
    before = _graph(data, tmp_path / "before.json")
    profiles = _profiles(before)
    assert any("e:northwind-group" in p for p in profiles.values())
    merge = _file(tmp_path, "o.toml", 'merge = [["Northwind Group", "Northwind Traders"]]\n')
    _cli(data, "resolve", "--overrides", merge)
    merged = _profiles(_graph(data, tmp_path / "merged.json"))
    for sid, profile in profiles.items():
        assert "e:northwind-group" not in merged[sid]
        joined = profile.get("e:northwind-group", 0) + profile.get("e:northwind-traders", 0)
        assert merged[sid].get("e:northwind-traders", 0) == joined
    _cli(data, "resolve", "--overrides", _file(tmp_path, "none.toml", "merge = []\n"))
    after = _graph(data, tmp_path / "after.json")
    assert [n for n in after["nodes"] if n.get("kind") == "Story"] == \
        [n for n in before["nodes"] if n.get("kind") == "Story"]


@pytest.mark.store
@pytest.mark.model
def test_a_rename_goes_back_to_the_ingest_name_when_its_pair_leaves_the_file(data, tmp_path):
    assert "Maria Lopez  [maria-lopez]  (also: Lopez)" in _cli(data, "entities").output
    renamed = _cli(data, "resolve", "--overrides", _file(tmp_path, "o.toml", 'merge = [["Maria Lopez", "Lopez"]]\n'))
    assert "1 rename(s)" in renamed.output
    assert "Lopez  [maria-lopez]  (also: Maria Lopez)" in _cli(data, "entities").output
    undone = _cli(data, "resolve", "--overrides", _file(tmp_path, "none.toml", "merge = []\n"), "--explain")
    assert "undo 'Lopez' [maria-lopez] → 'Maria Lopez' [maria-lopez]" in undone.output
    assert "Maria Lopez  [maria-lopez]  (also: Lopez)" in _cli(data, "entities").output
    again = _cli(data, "resolve", "--overrides", str(tmp_path / "none.toml"))
    assert "0 merge(s), 0 split(s), 0 merge(s) undone, 0 rename(s)" in again.output
