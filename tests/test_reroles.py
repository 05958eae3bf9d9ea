"""``newsgraph resolve --roles``: the analyst's roles file applied to a stored graph, end to end through the CLI on
a real embedded FalkorDB, compared with an ingest given the same file; and how a description is read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.reroles import role_description

ARTICLES = {
    "a.txt": "The Russian leader agreed to a limited ceasefire on energy infrastructure, the Kremlin said on Tuesday. "
             "The Russian leader also spoke with Ursula Becker, a German diplomat, by phone. "
             "\"We will keep our word,\" the Russian leader said.\n",
    "b.txt": "The US president signed the energy bill on Monday. Senators praised the US president for the "
             "compromise.\n",
    "c.txt": "Vladimir Putin met Ursula Becker in Moscow on Wednesday.\n",
}
METADATA = {"a": {"published": "2025-03-18"}, "b": {"published": "2005-06-01"}, "c": {"published": "2025-03-19"}}
ROLES = ("# country | role | holder | from | until\n"
         "Russia | president | Vladimir Putin | 2012-05-07\n"
         "United States | president | George W. Bush | 2001-01-20 | 2009-01-20\n"
         "United States | president | Donald Trump | 2017-01-20 | 2021-01-20\n")


@pytest.mark.parametrize("text, places, expected", [
    ("The Russian leader", {}, ("Russia", "leader")),
    ("the Russian chief", {}, ("Russia", "leader")),
    ("Ukraine's foreign minister", {"ukraine": "Ukraine"}, ("Ukraine", "foreign minister")),
    ("the president of Ukraine", {"ukraine": "Ukraine"}, ("Ukraine", "leader")),
    ("the U.S. president", {}, ("United States", "leader")),
    ("the president of Ruritania", {}, None),  # no stored place, no known country: not a country's office
    ("the former Russian leader", {}, None),
    ("the first African American president", {}, None),
    ("the Russian leader's envoy", {}, None),
    ("Russian leader", {}, None),  # neither definite nor possessive: no description
    ("the president of the Academy", {}, None),
])
def test_a_stored_description_is_read_back_as_its_country_and_role(text, places, expected):
    assert role_description(text, {**places}) == expected


# --- end to end ------------------------------------------------------------------------------------------------
def _ingest(root: Path, *args: str) -> Path:
    folder = root / "articles"
    if not folder.exists():
        folder.mkdir()
        for name, text in ARTICLES.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "metadata.json").write_text(json.dumps(METADATA), encoding="utf-8")
    data = root / ("with-roles" if args else "plain")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--data-dir", str(data), "--quiet", *args])
    assert result.exit_code == 0, result.output
    return data


@pytest.fixture(scope="module")
def roles_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("roles") / "roles.txt"
    path.write_text(ROLES, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """The articles ingested with no roles file: the descriptions stay unlinked (copied by each test)."""
    return _ingest(tmp_path_factory.mktemp("reroles"))


@pytest.fixture(scope="module")
def ingested_with_roles(tmp_path_factory, roles_file) -> Path:
    return _ingest(tmp_path_factory.mktemp("reroles-ingest"), "--roles", str(roles_file))


@pytest.fixture()
def data(ingested, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ingested, copy, ignore=shutil.ignore_patterns("*.sock", "*.pid", "*.lock"))
    return copy


def _cli(data: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--data-dir", str(data)])


def _graph(data: Path, folder: Path) -> dict:
    folder.mkdir()
    result = _cli(data, "export", "-f", "json", "-o", str(folder / "graph.json"))
    assert result.exit_code == 0, result.output
    return json.loads((folder / "graph.json").read_text(encoding="utf-8"))


def _analyst_view(graph: dict) -> dict:
    """What an analyst reads off a graph: the entities and concepts, the relations with their sources, speakers
    and evidence (each end as an entity or concept), the mention spans of each entity, and who told each event
    report. Not the event nodes: see the README (a speech act of a description is its own event)."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    entities = sorted((n["id"], n["name"], n["type"], tuple(n["aliases"]), n["mention_count"], n["source_count"])
                      for n in nodes.values() if n["kind"] == "Entity")
    concepts = sorted(n["id"] for n in nodes.values() if n["kind"] == "Concept")
    relations = sorted(
        (e["source"], e["type"], e["predicate"], e["target"], e["id"], tuple(e["sources"]), e["source_count"],
         e["independent_sources"], tuple(e["attributed_to"]),
         tuple(sorted((v["id"], v["edge_id"], v["subject"]["entity_id"], v["subject"]["text"],
                       v["object"]["entity_id"], v["object"]["text"], json.dumps(v["attributed_to"]))
                      for v in e["evidence"])))
        for e in graph["edges"] if "evidence" in e)
    mentions = sorted((e["source"], e["target"], json.dumps(e["mentions"], sort_keys=True)) for e in graph["edges"]
                      if e.get("type") == "MENTIONS" and nodes[e["target"]]["kind"] == "Entity")
    told = sorted((e["source"], m["start"], m["text"], json.dumps(m["attributed_to"])) for e in graph["edges"]
                  if e.get("type") == "REPORTS" for m in e["mentions"])
    return {"entities": entities, "concepts": concepts, "relations": relations, "mentions": mentions, "told": told}


@pytest.mark.store
@pytest.mark.model
def test_resolve_roles_gives_the_graph_an_ingest_with_the_roles_file_gives(data, ingested_with_roles, roles_file,
                                                                           tmp_path):
    before = _analyst_view(_graph(data, tmp_path / "before"))
    assert "vladimir-putin" in {e[0] for e in before["entities"]}  # named in c, but no text makes it the leader
    assert "george-w-bush" not in {e[0] for e in before["entities"]}
    assert any(r[0].endswith(":russian-leader") for r in before["relations"])

    result = _cli(data, "resolve", "--roles", str(roles_file), "--explain")
    assert result.exit_code == 0, result.output
    assert "link 'The Russian leader' [a] → 'Vladimir Putin' [vladimir-putin]\n" in result.output
    assert "link 'The US president' [b] → 'George W. Bush' [george-w-bush] (new entity)" in result.output
    assert f"  roles: {roles_file}:2: russia | leader | Vladimir Putin | 2012-05-07" in result.output
    assert f"  roles: {roles_file}:3: united states | leader | George W. Bush" in result.output
    assert f"{roles_file}: 2 role description link(s) in 2 article(s)" in result.output

    after = _analyst_view(_graph(data, tmp_path / "after"))
    expected = _analyst_view(_graph(ingested_with_roles, tmp_path / "ingest"))
    assert after == expected
    explained = _cli(data, "entities", "--explain", "Vladimir Putin").output
    assert (f"a: 'The Russian leader' by rule 'analyst role' — 'The Russian leader' (leader of Russia, 2025-03-18): "
            f"{roles_file}:2 names 'Vladimir Putin'") in explained
    assert explained == _cli(ingested_with_roles, "entities", "--explain", "Vladimir Putin").output


@pytest.mark.store
@pytest.mark.model
def test_the_same_roles_file_twice_changes_nothing(data, roles_file, tmp_path):
    assert _cli(data, "resolve", "--roles", str(roles_file)).exit_code == 0
    once = _graph(data, tmp_path / "once")
    again = _cli(data, "resolve", "--roles", str(roles_file), "--explain")
    assert again.exit_code == 0, again.output
    assert f"{roles_file}: 0 role description link(s) in 0 article(s)" in again.output
    assert _graph(data, tmp_path / "again") == once


@pytest.mark.store
@pytest.mark.model
def test_dry_run_says_what_it_would_link_and_writes_nothing(data, roles_file, tmp_path):
    before = _graph(data, tmp_path / "before")
    result = _cli(data, "resolve", "--roles", str(roles_file), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would link 'The Russian leader' [a] → 'Vladimir Putin' [vladimir-putin]" in result.output
    assert "2 role description link(s) in 2 article(s) to do (dry run: nothing written)" in result.output
    assert _graph(data, tmp_path / "after") == before


@pytest.mark.store
@pytest.mark.model
def test_a_line_for_other_dates_links_nothing_and_says_why(data, tmp_path):
    roles = tmp_path / "later.txt"
    roles.write_text("United States | president | Joe Biden | 2021-01-20 | 2025-01-20\n", encoding="utf-8")
    before = _graph(data, tmp_path / "before")
    result = _cli(data, "resolve", "--roles", str(roles), "--explain")
    assert result.exit_code == 0, result.output
    assert "nothing to do: b: 'The US president': no line of the roles file covers leader of United States on " \
           "2005-06-01" in result.output
    assert _graph(data, tmp_path / "after") == before


@pytest.mark.store
@pytest.mark.model
@pytest.mark.parametrize("text, problem", [
    ("Russia | president\n", ":1: expected 'country | role | holder"),
    ("# ok\nRussia | president | Vladimir Putin | 7 May 2012\n", ":2: '7 May 2012' is not an ISO date"),
])
def test_a_bad_roles_file_is_one_line_naming_file_and_line_and_writes_nothing(data, tmp_path, text, problem):
    before = _graph(data, tmp_path / "before")
    bad = tmp_path / "bad.txt"
    bad.write_text(text, encoding="utf-8")
    result = _cli(data, "resolve", "--roles", str(bad))
    assert result.exit_code != 0
    assert f"{bad}{problem}" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _graph(data, tmp_path / "after") == before


@pytest.mark.store
@pytest.mark.model
def test_the_neo4j_driver_path_links_the_same(falkor_bolt, nlp, tmp_path, roles_file):
    """The same statements over Bolt (FalkorDB's port, which splices parameters into the text)."""
    from newsgraph.graph.neo4j_store import Neo4jStore
    from newsgraph.graph.reroles import apply_roles
    from newsgraph.graph.roles import load_roles
    from newsgraph.pipeline import ingest
    from newsgraph.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps(METADATA), encoding="utf-8")
    store = Neo4jStore(f"bolt://127.0.0.1:{falkor_bolt.bolt_port}", "neo4j", "")
    try:
        store.delete_all()
        store.ensure_schema()
        ingest([folder], store, Settings.build({"data_dir": str(tmp_path / "unused")}, {}))
        report = apply_roles(store, load_roles(roles_file))
        assert sorted((link.source, link.holder_id, link.new) for link, _ in report.done) == [
            ("a", "vladimir-putin", False), ("b", "george-w-bush", True)]
        linked = store.read_graph()
        relations = [(a, b, d["predicate"]) for a, b, d in linked.edges(data=True) if "evidence" in d]
        assert ("vladimir-putin", "ursula-becker", "talk") in relations
        assert not [n for n in linked if n.endswith((":russian-leader", ":us-president"))]
        assert apply_roles(store, load_roles(roles_file)).done == ()
    finally:
        store.delete_all()
        store.close()


# --- a holder the model tagged as another type ----------------------------------------------------------------------
_TAGGED = {  # the model tags "Volodymyr Zelenskyy" an organisation in c.txt
    "b.txt": "Vladimir Putin agreed to a limited ceasefire after talking with Donald Trump on Tuesday.\n"
             "Ukraine's president welcomed the news but said Kyiv wanted a full ceasefire.\n",
    "c.txt": "Volodymyr Zelenskyy said Ukraine would accept a halt on strikes against power plants.\n"
             "Zelenskyy spoke with Donald Trump on Wednesday. The Ukrainian president thanked Trump for his efforts.\n",
}


def _holders(data: Path) -> list[str]:
    return [line for line in _cli(data, "entities").output.splitlines() if "Volodymyr Zelenskyy" in line]


@pytest.mark.store
@pytest.mark.model
def test_the_holder_is_the_one_entity_of_its_name_whatever_the_models_type(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in _TAGGED.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps({"b": {"published": "2025-03-18"},
                                                      "c": {"published": "2025-03-19"}}), encoding="utf-8")
    roles = tmp_path / "roles.txt"
    roles.write_text("Ukraine | president | Volodymyr Zelenskyy | 2019-05-20\n", encoding="utf-8")
    plain, with_roles = tmp_path / "plain", tmp_path / "with-roles"
    for data, args in ((plain, ()), (with_roles, ("--roles", str(roles)))):
        result = CliRunner().invoke(app, ["ingest", str(folder), "--data-dir", str(data), "--quiet", *args])
        assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in _holders(plain)] == ["Organization"]  # the model's tag
    assert [line.split() for line in _holders(with_roles)] == [["Person", "Volodymyr", "Zelenskyy",
                                                                 "[volodymyr-zelenskyy]"]]
    result = _cli(plain, "resolve", "--roles", str(roles))
    assert result.exit_code == 0, result.output
    assert "(new entity)" not in result.output
    assert "link 'The Ukrainian president' [c] → 'Volodymyr Zelenskyy' [volodymyr-zelenskyy]" in result.output
    assert _holders(plain) == _holders(with_roles)
