"""The analyst's overrides file, as the reviewer found it wanting: its canonical name names the entity (at ingest
and in ``newsgraph resolve``), a merge's type is voted over both entities, a ``never`` pair split again goes to
the entity an earlier split made, a pair may give an entity's id, and ingest says which pairs matched nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.overrides import Overrides, named, unmatched
from newsgraph.graph.reresolve import plan
from newsgraph.model import Entity, Merge, Resolution


def test_ingest_names_an_entity_as_the_file_writes_its_canonical_name_and_gives_it_that_id():
    """Before, the most frequent name won: "Hugh Heffner [hugh-heffner]" (also: Hugh Hefner)."""
    res = Resolution((Entity("hugh-heffner", "Hugh Heffner", "Person", ("Heffner", "Hugh Hefner")),
                      Entity("playboy", "Playboy", "Organization")),
                     {("a", 0): "hugh-heffner", ("a", 1): "playboy"},
                     (Merge("hugh-heffner", "Hugh Hefner", "b", "analyst merge", ""),))
    out = named(res, Overrides.of(merge=[("Hugh Heffner", "Hugh Hefner")]))
    assert [(e.id, e.name, e.aliases) for e in out.entities] == [
        ("hugh-hefner", "Hugh Hefner", ("Heffner", "Hugh Heffner")), ("playboy", "Playboy", ())]
    assert out.assignment[("a", 0)] == "hugh-hefner" and out.merges[0].entity_id == "hugh-hefner"
    kept = named(res, Overrides.of(merge=[("Hugh Heffner", "Hugh Hefner")]), stored={"hugh-heffner"}.__contains__)
    assert [(e.id, e.name) for e in kept.entities][0] == ("hugh-heffner", "Hugh Hefner")  # a stored id stays


def test_resolve_renames_an_entity_that_already_holds_both_names():
    """Before: "already one entity, 'Hugh Heffner'", and nothing was renamed."""
    ents = [Entity("hugh-heffner", "Hugh Heffner", "Person", ("Heffner", "Hugh Hefner"))]
    overrides = Overrides.of(merge=[("Hugh Heffner", "Hugh Hefner")], origin="o.toml")
    (step,) = plan(overrides, ents, []).steps
    assert step.kind == "rename" and step.entities == (
        Entity("hugh-heffner", "Hugh Hefner", "Person", ("Heffner", "Hugh Heffner")),)
    assert plan(overrides, list(step.entities), []).steps == ()  # and then there is nothing to do


def test_a_merge_names_the_entity_as_the_file_writes_its_canonical_name():
    ents = [Entity("hefner", "Hefner", "Person", ("Hugh Hefner",)), Entity("hh", "H. H.", "Person")]
    (step,) = plan(Overrides.of(merge=[("H. H.", "Hugh Hefner")]), ents, []).steps
    assert step.kind == "merge" and step.entities[0].name == "Hugh Hefner" and step.selection.target_name == \
        "Hugh Hefner"


def test_a_whole_merge_takes_the_type_of_the_more_mentions():
    """Before, "Betty Mae Page" (Person, 42 mentions) merged into "Bettie Page" (Organization, 19) stayed an
    Organization; undoing the merge gives the target its type back."""
    ents = [Entity("bettie-page", "Bettie Page", "Organization", ("Page",)),
            Entity("betty-mae-page", "Betty Mae Page", "Person")]
    overrides = Overrides.of(merge=[("Betty Mae Page", "Bettie Page")])
    (step,) = plan(overrides, ents, [], {"bettie-page": 19, "betty-mae-page": 42}).steps
    assert step.entities[0].type == "Person" and step.record["target_type"] == "Organization"
    (fewer,) = plan(overrides, ents, [], {"bettie-page": 43, "betty-mae-page": 42}).steps
    assert fewer.entities[0].type == "Organization"


def test_a_never_pair_split_again_goes_to_the_entity_the_earlier_split_made():
    """Before, a second split (after an ingest joined "Obama" to Barack Obama again) made "Obama [obama-2]"."""
    ents = [Entity("barack-obama", "Barack Obama", "Person", ("Mr. Obama", "Obama")),
            Entity("obama", "Obama", "Person")]
    (step,) = plan(Overrides.of(never=[("Obama", "Barack Obama")]), ents, []).steps
    assert (step.kind, step.selection.target) == ("split", "obama")
    assert [(e.id, e.aliases) for e in step.entities] == [("barack-obama", ()), ("obama", ("Mr. Obama",))]


def test_a_pair_may_give_an_entitys_id():
    """Two entities named "Obama": only the id tells them apart, and before an id matched no name."""
    ents = [Entity("obama", "Obama", "Person"), Entity("obama-2", "Obama", "Person"),
            Entity("barack-obama", "Barack Obama", "Person")]
    (step,) = plan(Overrides.of(merge=[("obama-2", "obama")]), ents, []).steps
    assert (step.kind, step.selection.origin, step.selection.target, step.selection.keys) == (
        "merge", "obama-2", "obama", None)
    assert step.entities[0].name == "Obama"  # an id is no name to rename to
    assert plan(Overrides.of(merge=[("obama-2", "barack-obama")]), ents, []).steps[0].selection.target == \
        "barack-obama"


def test_unmatched_gives_one_line_for_each_pair_a_name_of_which_nothing_holds():
    ents = [Entity("vladimir-putin", "Vladimir Putin", "Person", ("Putin",)), Entity("obama-2", "Obama", "Person")]
    o = Overrides.of(merge=[("the Kremlin chief", "Vladimir Putin"), ("obama-2", "Putin")],
                     never=[("Trump", "Donald Trump")], origin="o.toml")
    assert unmatched(o, ents) == [
        "o.toml: merge ['the Kremlin chief', 'Vladimir Putin']: no stored entity has the name 'the Kremlin chief'; "
        "the pair merged nothing",
        "o.toml: never ['Trump', 'Donald Trump']: no stored entity has the name 'Trump' or 'Donald Trump'; the pair "
        "kept apart nothing"]


@pytest.mark.store
@pytest.mark.model
def test_ingest_with_an_overrides_file_names_the_entity_the_files_way_and_warns_of_pairs_that_did_nothing(
        tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "h1.txt").write_text("Hugh Heffner founded Playboy magazine in Chicago in 1953. Heffner said the first "
                                   "issue sold out.\n", encoding="utf-8")
    (folder / "h2.txt").write_text("Hugh Hefner praised the model on Friday. Hefner said she was a remarkable "
                                   "woman.\n", encoding="utf-8")
    overrides = tmp_path / "o.toml"
    overrides.write_text('merge = [["Hugh Heffner", "Hugh Hefner"], ["the Kremlin chief", "Vladimir Putin"]]\n',
                         encoding="utf-8")
    data = str(tmp_path / "data")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--data-dir", data, "--overrides", str(overrides)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if str(overrides) in line]
    assert warnings == [f"newsgraph: warning: {overrides}: merge ['the Kremlin chief', 'Vladimir Putin']: no stored "
                        "entity has the name 'the Kremlin chief' or 'Vladimir Putin'; the pair merged nothing"]
    listed = CliRunner().invoke(app, ["entities", "--data-dir", data])
    assert "Hugh Hefner  [hugh-hefner]" in listed.output and "Hugh Heffner  [" not in listed.output
