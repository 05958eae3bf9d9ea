"""``newsgraph resolve``: an overrides file applied to a stored graph (merge, split, undo), end to end through the
CLI on a real embedded FalkorDB, over the Neo4j driver path (FalkorDB's Bolt port), and its pure parts."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import BadSetting
from newsgraph.graph.build import edge_id
from newsgraph.graph.moves import Part, Selection, move
from newsgraph.graph.overrides import Overrides
from newsgraph.graph.reresolve import Record, plan
from newsgraph.model import Entity

ARTICLES = {
    "a1.txt": "Northwind Traders acquired Contoso for $2 billion on Monday, the companies said.\n\n"
              "Northwind Traders will keep the Contoso brand, chief executive Maria Lopez told reporters.\n",
    "a2.txt": "Northwind Group acquired Contoso in a deal announced on Monday.\n\n"
              "Analysts said Northwind Group paid too much for the software maker. Ms. Lopez praised Contoso on "
              "Tuesday.\n",
}
MERGE = 'merge = [["Northwind Group", "Northwind Traders"]]\n'
EXPORTS = (("json", "graph.json"), ("evidence-jsonl", "evidence.jsonl"), ("entities-jsonl", "entities.jsonl"),
           ("mentions-jsonl", "mentions.jsonl"))


# --- pure parts ------------------------------------------------------------------------------------------------
def _entities() -> list[Entity]:
    return [Entity("northwind-traders", "Northwind Traders", "Organization", ()),
            Entity("northwind-group", "Northwind Group", "Organization", ("Northwind",)),
            Entity("maria-lopez", "Maria Lopez", "Person", ("Lopez",))]


def test_plan_merges_a_whole_entity_and_logs_what_undoing_it_needs():
    steps = plan(Overrides.of(merge=[("Northwind Group", "Northwind Traders")], origin="o.toml"), _entities(), [])
    (step,) = steps.steps
    assert (step.kind, step.selection.origin, step.selection.target, step.selection.keys) == (
        "merge", "northwind-group", "northwind-traders", None)
    assert step.drop == ("northwind-group",)
    assert step.entities[0].aliases == ("Northwind", "Northwind Group")
    assert step.record["rule"] == "analyst merge" and step.record["former_aliases"] == ["Northwind"]
    assert step.selection.mark == "northwind-group"


def test_plan_moves_only_an_alias_that_is_not_the_entitys_name():
    steps = plan(Overrides.of(merge=[("Lopez", "Northwind Traders")]), _entities(), []).steps
    assert steps[0].selection.keys == frozenset({"lopez"}) and steps[0].drop == ()
    assert [e.aliases for e in steps[0].entities] == [("Lopez",), ()]


def test_plan_has_nothing_to_do_when_the_names_are_one_entity_or_unknown():
    ents = [Entity("x", "Northwind Traders", "Organization", ("Northwind Group",))]
    result = plan(Overrides.of(merge=[("Northwind Group", "Northwind Traders"), ("Acme", "Northwind Traders")]),
                  ents, [])
    assert result.steps == ()
    assert "already one entity" in result.notes[0] and "no stored entity is named 'acme'" in result.notes[1]


def test_plan_undoes_a_recorded_merge_the_file_no_longer_has_and_keeps_one_it_has():
    record = Record("r1", "northwind-traders", "northwind group", "northwind traders", "northwind-group",
                    "Northwind Group", "Organization", ("Northwind",), "Northwind Traders", (), 1)
    ents = [Entity("northwind-traders", "Northwind Traders", "Organization", ("Northwind", "Northwind Group"))]
    (step,) = plan(Overrides(), ents, [record]).steps
    assert (step.kind, step.selection.origin, step.selection.target, step.selection.marked) == (
        "undo", "northwind-traders", "northwind-group", "northwind-group")
    assert [(e.id, e.aliases) for e in step.entities] == [("northwind-traders", ()),
                                                         ("northwind-group", ("Northwind",))]
    assert step.undone == "r1"
    kept = Overrides.of(merge=[("Northwind Group", "Northwind Traders")])
    assert plan(kept, ents, [record]).steps == ()


def test_undoing_an_older_merge_keeps_the_names_a_newer_one_the_file_keeps_brought():
    """Before, an undo gave the entity the aliases it had when the undone merge was made, dropping "Donald Trump"
    and "Trump", which a later merge (still in the file) had brought: no entity held those names any more."""
    vance = Record("r1", "vladimir-putin", "jd vance", "vladimir putin", "jd-vance", "JD Vance", "Person", (),
                   "Vladimir Putin", ("Putin",), 1)
    trump = Record("r2", "vladimir-putin", "donald trump", "vladimir putin", "donald-trump", "Donald Trump", "Person",
                   ("Trump",), "Vladimir Putin", ("JD Vance", "Putin"), 2)
    ents = [Entity("vladimir-putin", "Vladimir Putin", "Person", ("Donald Trump", "JD Vance", "Putin", "Trump"))]
    (step,) = plan(Overrides.of(merge=[("Donald Trump", "Vladimir Putin")]), ents, [vance, trump]).steps
    assert step.kind == "undo" and step.undone == "r1"
    assert [(e.id, e.aliases) for e in step.entities] == [
        ("vladimir-putin", ("Donald Trump", "Putin", "Trump")), ("jd-vance", ())]


def test_plan_splits_a_never_pair_one_entity_holds():
    (step,) = plan(Overrides.of(never=[("Lopez", "Maria Lopez")], origin="o.toml"), _entities(), []).steps
    assert (step.kind, step.selection.origin, step.selection.target, step.selection.keys) == (
        "split", "maria-lopez", "lopez", frozenset({"lopez"}))
    assert step.record["rule"] == "analyst never" and "maria-lopez" in step.record["detail"]


def test_plan_splits_every_entity_that_holds_both_names_of_a_never_pair():
    """Before, only the first entity found was split, so running the same file again kept splitting."""
    ents = [Entity("donald-trump", "Donald Trump", "Person", ("Trump",)),
            Entity("donald-trump-2", "Donald Trump", "Person", ("Trump",)), Entity("trump", "Trump", "Person")]
    steps = plan(Overrides.of(never=[("Trump", "Donald Trump")], origin="o.toml"), ents, []).steps
    assert [(s.kind, s.selection.origin, s.selection.target) for s in steps] == [
        ("split", "donald-trump", "trump"), ("split", "donald-trump-2", "trump")]  # the stored "Trump", not a third
    after = {e.id: e for e in ents} | {e.id: e for s in steps for e in s.entities}
    assert plan(Overrides.of(never=[("Trump", "Donald Trump")]), list(after.values()), []).steps == ()


def test_a_pair_in_merge_and_never_is_refused_naming_the_file():
    both = Overrides.of(merge=[("A b", "C d")], never=[("C d", "A b")], origin="o.toml")
    with pytest.raises(BadSetting, match=r"^o\.toml: 'c d' and 'a b' are both in 'merge' and in 'never'"):
        plan(both, _entities(), [])


_POOL = ("Anna Berg", "Boris Cole", "Carla Diaz", "Dmitri Egorov", "Elena Fox", "Felix Grant")


def _apply_plan(steps, entities: dict[str, Entity], records: list[Record]) -> None:
    """What the steps do to the entities and the merge records (the store's part is tested end to end)."""
    for step in steps:
        entities.update({e.id: e for e in step.entities})
        for gone in step.drop:
            del entities[gone]
        records[:] = [r for r in records if r.id != step.undone]
        if step.kind == "merge":
            r = step.record
            records.append(Record(r["id"], step.selection.target, r["override_alias"], r["override_canonical"],
                                  r["former_id"], r["former_name"], r["former_type"], tuple(r["former_aliases"]),
                                  r["target_name"], tuple(r["target_aliases"]), r["seq"]))


@given(st.lists(st.tuples(st.sampled_from(_POOL), st.sampled_from(_POOL)), max_size=5))
def test_any_merge_file_applied_twice_changes_nothing_and_dropping_it_gives_the_entities_back(pairs):
    start = {slug: Entity(slug, name, "Person", ()) for name in _POOL for slug in [name.lower().replace(" ", "-")]}
    overrides = Overrides.of(merge=[(a, b) for a, b in pairs if a != b], origin="o.toml")
    entities, records = dict(start), []
    _apply_plan(plan(overrides, list(entities.values()), records).steps, entities, records)
    assert plan(overrides, list(entities.values()), records).steps == ()
    _apply_plan(plan(Overrides(origin="o.toml"), list(entities.values()), records).steps, entities, records)
    assert entities == start and records == []


def _evidence(eid: str, subject: str, source: str, text: str) -> dict:
    return {"id": eid, "edge_id": edge_id(subject, "buy", "contoso"), "source": source, "sentence_start": 0,
            "subject_id": subject, "subject_text": text, "subject_start": 0, "subject_end": len(text),
            "object_id": "contoso", "object_text": "Contoso", "negated": False, "hedged": False,
            "confidence": 0.5, "attributed_to": None, "attributed_to_name": None, "copy_group": source}


def _part() -> Part:
    relations = {edge_id(s, "buy", "contoso"): {"id": edge_id(s, "buy", "contoso"), "type": "BUY",
                                                "predicate": "buy", "subject": s, "object": "contoso",
                                                "subject_concept": False, "object_concept": False}
                 for s in ("a", "c")}
    mentions = tuple({"source": source, "entity": entity, "props": {"count": 1, "starts": [0], "ends": [len(text)],
                                                                    "texts": [text], "kinds": ["name"]}}
                     for source, entity, text in (("s1", "a", "Acme Corp"), ("s2", "c", "Acme")))
    return Part(relations, (_evidence("e1", "a", "s1", "Acme Corp"), _evidence("e2", "c", "s2", "Acme")), mentions)


def test_a_merge_makes_two_relations_one_with_both_sources_counted():
    moved = move(_part(), Selection("a", "c", "Acme", mark="a"))
    puts = [row for query, params in moved.statements if "SET r += row.props" in query for row in params["rows"]]
    drops = [row for query, params in moved.statements if query.strip().endswith("DELETE r") for row in params["rows"]]
    assert [(r["id"], r["props"]["sources"], r["props"]["source_count"], r["props"]["independent_sources"])
            for r in puts] == [(edge_id("c", "buy", "contoso"), ["s1", "s2"], 2, 2)]
    assert [r["id"] for r in drops] == [edge_id("a", "buy", "contoso")]
    assert (moved.spans, moved.evidence, moved.relations_before, moved.relations_after) == (1, 1, 1, 1)
    mentions = [row for query, params in moved.statements if "MERGE (s)-[m:MENTIONS]->(e)" in query
                for row in params["rows"]]
    assert mentions == [{"source": "s1", "entity": "c", "props": {"count": 1, "starts": [0], "ends": [9],
                                                                  "texts": ["Acme Corp"], "kinds": ["name"],
                                                                  "was": ["a"]}}]


def test_a_split_by_name_moves_only_that_names_spans_and_evidence():
    part = _part()
    merged = Part(part.relations, (_evidence("e1", "c", "s1", "Acme Trading"), part.evidence[1]), (
        {"source": "s1", "entity": "c", "props": {"count": 2, "starts": [0, 20], "ends": [12, 24],
                                                  "texts": ["Acme Trading", "Acme"], "kinds": ["name", "name"]}},
        part.mentions[1]))
    merged.relations[edge_id("c", "buy", "contoso")]["subject"] = "c"
    moved = move(merged, Selection("c", "acme-trading", "Acme Trading", keys=frozenset({"acme trading"})))
    assert (moved.spans, moved.evidence) == (1, 1)
    rows = {r["entity"]: r["props"]["texts"] for q, p in moved.statements if "MENTIONS]->(e)" in q for r in p["rows"]}
    assert rows == {"c": ["Acme"], "acme-trading": ["Acme Trading"]}
    puts = {r["subject"]: r["props"]["sources"] for q, p in moved.statements if "SET r += row.props" in q
            for r in p["rows"]}
    assert puts == {"c": ["s2"], "acme-trading": ["s1"]}


def _participations(moved) -> tuple[dict, list]:
    puts = {(r["event"], r["entity"], r["role"]): r["props"] for q, p in moved.statements
            if "MERGE (v)-[p:HAS_PARTICIPANT" in q for r in p["rows"]}
    drops = sorted((r["event"], r["entity"]) for q, p in moved.statements
                   if q.strip().endswith("DELETE p") for r in p["rows"])
    return puts, drops


def test_a_merge_folds_participations_and_its_undo_unfolds_exactly_them():
    def edge(event, entity, **props):
        return {"event": event, "entity": entity, "props": {"role": "subject", **props}}

    before = Part(participants=(edge("ev1", "a"), edge("ev1", "c"), edge("ev2", "a")))
    puts, drops = _participations(move(before, Selection("a", "c", "C", mark="a")))
    assert puts == {("ev1", "c", "subject"): {"role": "subject", "folded": ["a"], "kept": True},
                    ("ev2", "c", "subject"): {"role": "subject", "folded": ["a"], "kept": False}}
    assert drops == [("ev1", "a"), ("ev2", "a")]
    merged = Part(participants=tuple(edge(e, x, **{k: v for k, v in p.items() if k != "role"})
                                     for (e, x, _), p in puts.items()))
    puts, drops = _participations(move(merged, Selection("c", "a", "A", marked="a")))
    assert puts == {("ev1", "a", "subject"): {"role": "subject"}, ("ev1", "c", "subject"): {"role": "subject"},
                    ("ev2", "a", "subject"): {"role": "subject"}}
    assert drops == [("ev2", "c")]


# --- end to end ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """A data dir holding the graph of the two articles, ingested through the CLI (copied by each test)."""
    root = tmp_path_factory.mktemp("reresolve")
    folder = root / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--data-dir", str(root / "data"), "--quiet"])
    assert result.exit_code == 0, result.output
    return root / "data"


@pytest.fixture()
def data(ingested, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ingested, copy, ignore=shutil.ignore_patterns("*.sock", "*.pid", "*.lock"))
    return copy


def _cli(data: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--data-dir", str(data)])


def _exports(data: Path, folder: Path) -> dict[str, str]:
    folder.mkdir()
    out = {}
    for fmt, name in EXPORTS:
        result = _cli(data, "export", "-f", fmt, "-o", str(folder / name))
        assert result.exit_code == 0, result.output
        out[name] = (folder / name).read_text(encoding="utf-8")
    return out


def _told(graph: dict) -> dict[tuple, set]:
    """Which sources name each event participation (``HAS_PARTICIPANT.sources``) in a JSON export."""
    return {(e["source"], e["target"], e["key"]): set(e.get("sources") or ()) for e in graph["edges"]
            if e.get("type") == "HAS_PARTICIPANT"}


def _undone(after: dict[str, str], before: dict[str, str]) -> bool:
    """The exports after an undo are those before, but for the sources of the participations the merge joined:
    each side keeps those of the whole (``moves._told``: kept too long rather than lost)."""
    graphs = [json.loads(x["graph.json"]) for x in (after, before)]
    told = [_told(g) for g in graphs]
    assert told[0].keys() == told[1].keys() and all(told[0][k] >= told[1][k] for k in told[1])
    for graph in graphs:
        for edge in graph["edges"]:
            if edge.get("type") == "HAS_PARTICIPANT":
                edge.pop("sources", None)
    return graphs[0] == graphs[1] and {k: v for k, v in after.items() if k != "graph.json"} == \
        {k: v for k, v in before.items() if k != "graph.json"}


def _relations(graph: dict) -> list[dict]:
    return [e for e in graph["edges"] if "evidence" in e]


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path



@pytest.mark.store
@pytest.mark.model
def test_merge_then_undo_gives_back_the_graph_it_started_from(data, tmp_path):
    before = _exports(data, tmp_path / "before")
    merge = _file(tmp_path, "o.toml", MERGE)
    result = _cli(data, "resolve", "--overrides", str(merge), "--explain")
    assert result.exit_code == 0, result.output
    assert "merge 'Northwind Group' [northwind-group] → 'Northwind Traders' [northwind-traders]" in result.output
    assert f"override: merge ['northwind group', 'northwind traders'] ({merge})" in result.output
    merged = _exports(data, tmp_path / "merged")

    graph = json.loads(merged["graph.json"])
    ids = {n["id"] for n in graph["nodes"]}
    assert "northwind-group" not in ids and "northwind-traders" in ids
    entity = next(json.loads(line) for line in merged["entities.jsonl"].splitlines()
                  if json.loads(line)["entity_id"] == "northwind-traders")
    assert "Northwind Group" in entity["aliases"]
    spans = {(m["source"], m["text"]) for m in graph["edges"] if m.get("type") == "MENTIONS"
             and m["target"] == "northwind-traders" for m in m["mentions"]}
    assert {("a1", "Northwind Traders"), ("a2", "Northwind Group")} <= spans
    relations = _relations(graph)
    assert len({r["id"] for r in relations}) == len(relations)
    ends = Counter((r["source"], r["predicate"], r["target"]) for r in relations)
    assert max(ends.values()) == 1, "a merge left two relations with one subject, class and object"
    bought = next(r for r in relations if r["source"] == "northwind-traders" and r["target"] == "contoso")
    assert (bought["sources"], bought["source_count"], bought["independent_sources"]) == (["a1", "a2"], 2, 2)
    assert {e["edge_id"] for e in bought["evidence"]} == {bought["id"]}
    assert not any(r["source"] == "northwind-group" or r["target"] == "northwind-group" for r in relations)

    explained = _cli(data, "entities", "--explain", "Northwind Traders")
    assert f"'Northwind Group' by rule 'analyst merge' — 'northwind group' → 'northwind traders' ({merge})" \
        in explained.output

    again = _cli(data, "resolve", "--overrides", str(merge), "--explain")
    assert again.exit_code == 0 and "0 merge(s), 0 split(s), 0 merge(s) undone" in again.output
    assert "nothing to do: merge ['northwind group', 'northwind traders']" in again.output
    assert _exports(data, tmp_path / "again") == merged, "a second run changed the graph"

    undo = _cli(data, "resolve", "--overrides", str(_file(tmp_path, "none.toml", "merge = []\n")), "--explain")
    assert undo.exit_code == 0, undo.output
    assert "undo 'Northwind Traders' [northwind-traders] → 'Northwind Group' [northwind-group]" in undo.output
    assert _undone(_exports(data, tmp_path / "after"), before)


@pytest.mark.store
@pytest.mark.model
def test_never_splits_a_name_resolution_merged_and_leaves_no_duplicated_relation(data, tmp_path):
    assert "Maria Lopez  [maria-lopez]  (also: Lopez)" in _cli(data, "entities").output
    never = _file(tmp_path, "o.json", json.dumps({"never": [["Lopez", "Maria Lopez"]]}))
    result = _cli(data, "resolve", "--overrides", str(never), "--explain")
    assert result.exit_code == 0, result.output
    assert "split 'Maria Lopez' [maria-lopez] → 'Lopez' [lopez]" in result.output
    listed = _cli(data, "entities").output
    assert "Maria Lopez  [maria-lopez]\n" in listed and "Lopez  [lopez]" in listed
    graph = json.loads(_exports(data, tmp_path / "split")["graph.json"])
    relations = _relations(graph)
    assert max(Counter((r["source"], r["predicate"], r["target"]) for r in relations).values()) == 1
    assert len({r["id"] for r in relations}) == len(relations)
    praise = [r for r in relations if r["target"] == "contoso" and r["type"] == "PRAISE"]
    assert [(r["source"], r["sources"]) for r in praise] == [("lopez", ["a2"])]
    mentions = {(m["source"], m["target"]): [s["text"] for s in m["mentions"]] for m in graph["edges"]
                if m.get("type") == "MENTIONS" and "lopez" in m["target"]}
    assert mentions == {("a1", "maria-lopez"): ["Maria Lopez"], ("a2", "lopez"): ["Ms. Lopez"]}
    explained = _cli(data, "entities", "--explain", "lopez").output
    assert "by rule 'analyst never' — split from 'Maria Lopez' [maria-lopez]" in explained
    again = _cli(data, "resolve", "--overrides", str(never))
    assert "0 merge(s), 0 split(s), 0 merge(s) undone" in again.output


@pytest.mark.store
@pytest.mark.model
def test_dry_run_writes_nothing(data, tmp_path):
    before = _exports(data, tmp_path / "before")
    result = _cli(data, "resolve", "--overrides", str(_file(tmp_path, "o.toml", MERGE)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would merge 'Northwind Group'" in result.output
    assert "1 merge(s), 0 split(s), 0 merge(s) undone, 0 rename(s) to do (dry run: nothing written)" in result.output
    assert _exports(data, tmp_path / "after") == before


@pytest.mark.store
@pytest.mark.model
@pytest.mark.parametrize("text, problem", [
    ('merge = [["Northwind Group"]]', "merge entry 1 must be a pair of two non-empty names"),
    ("merge = [[", "not valid TOML"),
    ('merge = [["A b", "C d"]]\nnever = [["C d", "A b"]]', "are both in 'merge' and in 'never'"),
])
def test_a_bad_overrides_file_is_one_line_and_writes_nothing(data, tmp_path, text, problem):
    before = _exports(data, tmp_path / "before")
    bad = _file(tmp_path, "bad.toml", text)
    result = _cli(data, "resolve", "--overrides", str(bad))
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"newsgraph: error: {bad}") and problem in lines[0]
    assert _exports(data, tmp_path / "after") == before


@pytest.mark.store
@pytest.mark.model
def test_the_neo4j_driver_path_merges_and_undoes_the_same(falkor_bolt, nlp, tmp_path):
    """The same statements over Bolt (FalkorDB's port, which splices parameters into the text)."""
    from newsgraph.graph.neo4j_store import Neo4jStore
    from newsgraph.graph.reresolve import reresolve
    from newsgraph.pipeline import ingest
    from newsgraph.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Neo4jStore(f"bolt://127.0.0.1:{falkor_bolt.bolt_port}", "neo4j", "")
    try:
        store.delete_all()
        store.ensure_schema()
        ingest([folder], store, Settings.build({"data_dir": str(tmp_path / "unused")}, {}))
        start = store.read_graph()
        report = reresolve(store, Overrides.of(merge=[("Northwind Group", "Northwind Traders")], origin="o.toml"))
        assert [d.step.kind for d in report.done] == ["merge"]
        merged = store.read_graph()
        assert "northwind-group" not in merged
        bought = [d for a, b, d in merged.edges(data=True) if (a, b) == ("northwind-traders", "contoso")
                  and "evidence" in d]
        assert [d["source_count"] for d in bought] == [2]
        assert [d.step.kind for d in reresolve(store, Overrides(origin="o.toml")).done] == ["undo"]
        end = store.read_graph()
        assert dict(end.nodes(data=True)) == dict(start.nodes(data=True))
        told_end, told_start = ({(u, v, k): set(d.pop("sources", ())) for u, v, k, d in g.edges(keys=True, data=True)
                                 if d.get("type") == "HAS_PARTICIPANT"} for g in (end, start))
        # each side of a merge undone keeps the sources of the whole (moves._told: kept too long rather than lost)
        assert told_end.keys() == told_start.keys() and all(told_end[k] >= told_start[k] for k in told_start)
        assert sorted(map(repr, end.edges(keys=True, data=True))) == sorted(map(repr, start.edges(keys=True,
                                                                                                 data=True)))
    finally:
        store.delete_all()
        store.close()


def test_without_an_overrides_or_roles_file_resolve_says_what_it_needs(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_OVERRIDES", raising=False)
    monkeypatch.delenv("NEWSGRAPH_ROLES", raising=False)
    result = _cli(tmp_path / "nothing", "resolve")
    assert result.exit_code != 0
    assert result.output.strip() == ("newsgraph: error: newsgraph resolve needs a file to apply: --overrides FILE "
                                     "(or NEWSGRAPH_OVERRIDES) and/or --roles FILE (or NEWSGRAPH_ROLES)")
