"""Ingesting stored sources again (``ingest --force``, and a rerun after a write cut off before its ledger row):
what the first run wrote is taken out first (``newsgraph.graph.forget``), so the store ends as if the new run were
the only one.

The corpus: each paragraph of the two seed articles as an article of its own (the first eight of each), so that
chunks of three resolve names against earlier chunks. The stores are compared whole (nodes, relations with their
aggregates, mention spans, reports, participants, evidence with its links, merge log rows), and checked for what
a half-redone store shows: a relation whose counts have no evidence behind them, an event no source reports, an
entity whose counts are not its mentions', an alias one source's run both made new and found stored.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS
from newsgraph.graph.falkor import FalkorStore
from newsgraph.ingest.names import name_key
from newsgraph.parallel import open_analyzer
from newsgraph.pipeline import ingest
from newsgraph.settings import Settings

pytestmark = [pytest.mark.store, pytest.mark.model]

CHUNK = 3

#: Each query returns the rows of one kind of inconsistency; a consistent store returns none.
CONSISTENCY = {
    "relation counts without the evidence": """
        MATCH ()-[r]->() WHERE r.evidence_count IS NOT NULL
        OPTIONAL MATCH (v:Evidence {edge_id: r.id})
        WITH r, count(v) AS n WHERE n = 0 OR n <> r.evidence_count
        RETURN r.id AS id, r.evidence_count AS said, n""",
    "event no source reports": """
        MATCH (v:Event) OPTIONAL MATCH (:Source)-[r:REPORTS]->(v)
        WITH v, count(r) AS n WHERE n = 0 OR n <> v.source_count
        RETURN v.id AS id, n, v.source_count AS said""",
    "entity counts not its mentions'": """
        MATCH (e:Entity) OPTIONAL MATCH (:Source)-[m:MENTIONS]->(e)
        WITH e, count(m) AS n, sum(m.count) AS c
        WHERE n = 0 OR n <> e.source_count OR c <> e.mention_count
        RETURN e.id AS id, n, c""",
    "participation a source names that does not report its event": """
        MATCH (v:Event)-[p:HAS_PARTICIPANT]->(:Entity) UNWIND coalesce(p.sources, [null]) AS s
        OPTIONAL MATCH (src:Source {id: s})-[r:REPORTS]->(v)
        WITH v, p, s, r WHERE s IS NULL OR r IS NULL RETURN v.id AS event, p.role AS role, s AS source""",
    "entity with nothing but merge log rows": """
        MATCH (e:Entity) OPTIONAL MATCH (e)-[r]-(x) WHERE NOT x:Resolution
        WITH e, count(r) AS n WHERE n = 0 RETURN e.id AS id""",
    "evidence of a source out of the ledger": """
        MATCH (v:Evidence)-[:IN_SOURCE]->(s:Source) WHERE s.sha256 IS NULL RETURN v.id AS id""",
    # One run of a source cannot both make an entity of a name and find it stored under that name.
    "an alias one source both made and found stored": """
        MATCH (m:Resolution)-[:RESOLVES_TO]->(e:Entity)
        WITH m.source AS source, m.alias AS alias, e.id AS entity, collect(m.rule) AS rules
        WHERE 'new' IN rules AND 'same name' IN rules RETURN source, alias, entity, rules""",
}

EXTRA = {
    "resolutions": "MATCH (m:Resolution)-[:RESOLVES_TO]->(e) RETURN m.id AS id, e.id AS e, properties(m) AS p",
    "evidence links": "MATCH (v:Evidence)-[l]->(x) RETURN v.id AS v, type(l) AS t, x.id AS x",
    # The sources naming a participation, as a set: a redone source's name is added back at the end of the list.
    "participants": "MATCH (v:Event)-[p:HAS_PARTICIPANT]->(e) RETURN v.id AS v, p.role AS r, e.id AS e, "
                    "p.sources AS sources",
}


def inconsistencies(store) -> dict[str, list[dict]]:
    return {name: rows for name, query in CONSISTENCY.items() if (rows := store.run(query))}


def snapshot(store, *, story_profiles: bool = True):
    """The whole store as comparable values (a story's term profile left out unless ``story_profiles``)."""
    graph = store.read_graph()
    nodes = sorted((n, sorted((k, str(v)) for k, v in d.items()
                              if story_profiles or d.get("kind") != "Story" or k not in ("terms", "weights")))
                   for n, d in graph.nodes(data=True))
    edges = sorted((u, v, k, sorted((a, str(b)) for a, b in d.items()))
                   for u, v, k, d in graph.edges(keys=True, data=True))
    extra = {name: sorted(str({k: sorted(v) if k == "sources" and v else v for k, v in row.items()})
                          for row in store.run(query)) for name, query in EXTRA.items()}
    return nodes, edges, store.counts(), extra


@pytest.fixture(scope="module")
def paragraphs(tmp_path_factory):
    """The first eight paragraphs (of over 25 words) of each seed article, one article each."""
    folder = tmp_path_factory.mktemp("paragraphs")
    for path in sorted(SEEDS.glob("*.txt")):
        kept = [p for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) > 25][:8]
        for i, text in enumerate(kept):
            (folder / f"{path.stem[:3]}_{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return Settings.build({"data_dir": str(tmp_path_factory.mktemp("data")), "chunk_size": CHUNK}, {})


@pytest.fixture(scope="module")
def analyzer(settings):
    with open_analyzer(settings, in_process=True) as parser:
        yield parser


@pytest.fixture()
def stores(falkor_server, request):
    """Two empty stores of the session server: the run compared with, and the run redone."""
    made = []
    for role in ("fresh", "redone"):
        store = FalkorStore(falkor_server.client(), f"force_{role}_{request.node.name[:40]}")
        store.delete_all()
        store.ensure_schema()
        made.append(store)
    yield made
    for store in made:
        store.delete_all()


def test_forced_with_a_new_overrides_file_is_a_fresh_ingest_with_it(stores, analyzer, tmp_path):
    """The first run merges "Trump" into "Donald Trump"; the forced one has a file that keeps them apart. Before,
    the evidence moved to the new relations and the old ones kept their counts with none behind them."""
    apart = tmp_path / "never.toml"
    apart.write_text('never = [["Trump", "Donald Trump"]]\n', encoding="utf-8")
    base = Settings.build({"data_dir": str(tmp_path / "d")}, {})
    with_file = Settings.build({"data_dir": str(tmp_path / "d"), "overrides": str(apart)}, {})
    fresh, redone = stores
    ingest([SEEDS], fresh, with_file, analyzer=analyzer)
    ingest([SEEDS], redone, base, analyzer=analyzer)
    assert {"donald-trump", "trump"} - {e.id for e in redone.known_entities()} == {"trump"}
    ingest([SEEDS], redone, with_file, analyzer=analyzer, force=True)
    assert {"donald-trump", "trump"} <= {e.id for e in redone.known_entities()}
    assert not inconsistencies(redone)
    # The story keeps the term profile of its first articles' text and entities (README, Known limitations).
    assert snapshot(redone, story_profiles=False) == snapshot(fresh, story_profiles=False)


def test_taking_sources_out_takes_their_names_off_participations_and_aliases(stores, paragraphs, settings, analyzer):
    """A participation keeps the sources that name it; taking sources out takes them off it, and one no source
    names any more goes, though its event stays for the others (before, participations recorded no source and
    stayed whatever the new run said)."""
    from newsgraph.graph.forget import forget_sources

    _, redone = stores
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    participations = ("MATCH (v:Event)-[p:HAS_PARTICIPANT]->(e:Entity) "
                      "RETURN v.id AS event, e.id AS entity, p.role AS role, p.sources AS sources")
    before = {(r["event"], r["entity"], r["role"]): r["sources"] for r in redone.run(participations)}
    gone = {f.stem for f in sorted(paragraphs.glob("004_*.txt"))}
    assert all(before.values())
    shared = [k for k, told in before.items() if gone.intersection(told) and not gone.issuperset(told)]
    only = [k for k, told in before.items() if gone.issuperset(told)]
    assert shared and only
    entities = {e.id: e for e in redone.known_entities()}
    forget_sources(redone, gone)
    after = {(r["event"], r["entity"], r["role"]): r["sources"] for r in redone.run(participations)}
    assert after == {k: [s for s in told if s not in gone] for k, told in before.items() if not gone.issuperset(told)}
    # An alias stays while a mention of a source left (or a merge log row) gives it: "Vladimir V. Putin" is how
    # only the New York Times writes the name.
    said: dict[str, set[str]] = {}
    for row in redone.run("MATCH (:Source)-[m:MENTIONS]->(e:Entity) RETURN e.id AS id, m.texts AS texts"):
        said.setdefault(row["id"], set()).update(name_key(t) for t in row["texts"])
    left = {e.id: e for e in redone.known_entities()}
    assert all(name_key(a) in said[e.id] for e in left.values() for a in e.aliases)
    assert any(set(left[i].aliases) < set(entities[i].aliases) for i in left)
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    assert not inconsistencies(redone)
    assert {(r["event"], r["entity"], r["role"]): sorted(r["sources"]) for r in redone.run(participations)} == {
        k: sorted(told) for k, told in before.items()}
    assert {e.id: (e.name, e.type, sorted(e.aliases)) for e in redone.known_entities()} == {
        e.id: (e.name, e.type, sorted(e.aliases)) for e in entities.values()}


def test_a_name_only_the_sources_taken_out_gave_goes_and_comes_back_with_them(stores, paragraphs, settings,
                                                                           analyzer):
    """The first paragraph of each article is the only one with a first name ("Vladimir Putin", "Donald Trump"):
    taken out, the entities are named as the paragraphs left name them; written again, as before. Before, the
    entity kept a name no mention gave, which the next run's names were matched against."""
    from newsgraph.graph.forget import forget_sources

    _, redone = stores
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    entities = {e.id: e for e in redone.known_entities()}
    forget_sources(redone, ["000_00", "004_00"])
    said: dict[str, set[str]] = {}
    for row in redone.run("MATCH (:Source)-[m:MENTIONS]->(e:Entity) RETURN e.id AS id, m.texts AS texts"):
        said.setdefault(row["id"], set()).update(name_key(t) for t in row["texts"])
    left = {e.id: e for e in redone.known_entities()}
    renamed = {entities[i].name: e.name for i, e in left.items() if e.name != entities[i].name}
    assert {"Vladimir Putin": "Putin", "Donald Trump": "Trump"}.items() <= renamed.items()
    assert all(name_key(e.name) in said[e.id] for e in left.values() if e.aliases)
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    assert not inconsistencies(redone)
    assert {e.id: (e.name, e.type, sorted(e.aliases)) for e in redone.known_entities()} == {
        e.id: (e.name, e.type, sorted(e.aliases)) for e in entities.values()}


def test_forcing_the_last_chunk_again_gives_the_first_run(stores, paragraphs, settings, analyzer):
    fresh, redone = stores
    ingest([paragraphs], fresh, settings, analyzer=analyzer)
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    files = sorted(paragraphs.glob("*.txt"))
    last = files[len(files) - (len(files) % CHUNK or CHUNK):]
    report = ingest(last, redone, settings, analyzer=analyzer, force=True)
    assert sorted(report.ingested) == [f.stem for f in last]
    assert not inconsistencies(redone)
    assert snapshot(redone) == snapshot(fresh)


def test_forcing_some_sources_leaves_a_consistent_store(stores, paragraphs, settings, analyzer, tmp_path):
    _, redone = stores
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    some = tmp_path / "some"
    some.mkdir()
    for name in ("000_03.txt", "000_07.txt", "004_02.txt", "004_05.txt"):
        shutil.copy(paragraphs / name, some / name)
    counts = redone.counts()
    ingest([some], redone, settings, analyzer=analyzer, force=True)
    assert not inconsistencies(redone)
    assert redone.counts() == counts
    assert len(redone.ledger()) == counts["sources"]


def test_everything_forced_is_a_fresh_ingest(stores, paragraphs, settings, analyzer):
    fresh, redone = stores
    ingest([paragraphs], fresh, settings, analyzer=analyzer)
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    ingest([paragraphs], redone, settings, analyzer=analyzer, force=True)
    assert snapshot(redone) == snapshot(fresh)


def _cut_off_before_the_ledger(store, source: str) -> None:
    """What a kill between a chunk's write and its ledger row leaves: the source written, not marked."""
    store.run("// test-only\nMATCH (s:Source {id: $id}) SET s.sha256 = null", {"id": source})


def test_a_source_written_but_not_marked_is_written_again_cleanly(stores, paragraphs, settings, analyzer):
    fresh, redone = stores
    ingest([paragraphs], fresh, settings, analyzer=analyzer)
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    last = sorted(paragraphs.glob("*.txt"))[-1]
    _cut_off_before_the_ledger(redone, last.stem)
    report = ingest([paragraphs], redone, settings, analyzer=analyzer)
    assert report.ingested == (last.stem,)
    assert not inconsistencies(redone)
    assert snapshot(redone) == snapshot(fresh)


def test_a_corrected_text_under_an_unfinished_id_replaces_the_old_one(stores, paragraphs, settings, analyzer,
                                                                       tmp_path):
    """Before, the corrected text went in beside the old text's evidence, whose offsets then pointed into a text
    no longer stored."""
    _, redone = stores
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    first = sorted(paragraphs.glob("*.txt"))[0]
    _cut_off_before_the_ledger(redone, first.stem)
    corrected = tmp_path / "corrected"
    corrected.mkdir()
    text = "Officials in Brussels said on Monday that the European Union would send more aid to Kyiv next month."
    (corrected / first.name).write_text(text, encoding="utf-8")
    report = ingest([corrected], redone, settings, analyzer=analyzer)
    assert report.ingested == (first.stem,)
    rows = redone.run("MATCH (v:Evidence)-[:IN_SOURCE]->(:Source {id: $id}) "
                      "RETURN v.sentence_start AS start, v.sentence_end AS end, v.sentence AS sentence",
                      {"id": first.stem})
    assert rows and all(text[r["start"]:r["end"]] == r["sentence"] for r in rows)
    spans = redone.run("MATCH (:Source {id: $id})-[m:MENTIONS]->() RETURN m.starts AS starts, m.ends AS ends, "
                       "m.texts AS texts", {"id": first.stem})
    assert spans and all(text[s:e] == t for r in spans for s, e, t in zip(r["starts"], r["ends"], r["texts"]))
    assert not inconsistencies(redone)


def test_a_chunk_whose_evidence_write_was_refused_is_redone_without_a_second_relation(stores, paragraphs, settings,
                                                                                      analyzer, monkeypatch):
    """FalkorDB's MULTI/EXEC does not roll back: the first chunk's evidence refused, its relations went in all the
    same, with no evidence to find them by. The rerun finds them by their sources instead of creating them twice."""
    from newsgraph.errors import StoreUnavailable
    from newsgraph.graph import cypher

    fresh, redone = stores
    ingest([paragraphs], fresh, settings, analyzer=analyzer)
    real = FalkorStore._write_units
    calls = []

    def refusing(self, units):
        calls.append(1)
        if len(calls) == 1:
            units = [[("UNWIND $rows AS row RETURN row +", {"rows": [1]}) if q == cypher.MERGE_EVIDENCE else (q, p)
                      for q, p in unit] for unit in units]
        return real(self, units)

    monkeypatch.setattr(FalkorStore, "_write_units", refusing)
    with pytest.raises(StoreUnavailable, match="rejected a write"):
        ingest([paragraphs], redone, settings, analyzer=analyzer)
    relations = "MATCH ()-[r]->() WHERE r.evidence_count IS NOT NULL RETURN count(r) AS n"
    assert redone.counts()["evidence"] == 0 and redone.run(relations)[0]["n"] > 0
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    twice = "MATCH ()-[r]->() WHERE r.evidence_count IS NOT NULL WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN id"
    assert redone.run(twice) == []
    assert not inconsistencies(redone)
    assert snapshot(redone) == snapshot(fresh)


def _refusing(statement: str):
    """``FalkorStore._write_units`` with ``statement`` of its first unit refused by the server, the rest of that
    unit applied (MULTI/EXEC does not roll back)."""
    real = FalkorStore._write_units
    calls = []

    def refusing(self, units):
        calls.append(1)
        if len(calls) == 1:
            units = [[("UNWIND $rows AS row RETURN row +", {"rows": [1]}) if q == statement else (q, p)
                      for q, p in unit] for unit in units]
        return real(self, units)

    return refusing


@pytest.mark.parametrize("refused", ["MERGE_MENTIONS", "MERGE_REPORTS"])
@pytest.mark.parametrize("text", ["same", "corrected"])
def test_a_chunk_whose_mentions_or_reports_were_refused_is_redone_whole(stores, paragraphs, settings, analyzer,
                                                                         monkeypatch, tmp_path, refused, text):
    """Before, the entities the refused chunk made were found by nothing but its merge log rows, which were taken
    out: they stayed (bare, or found by name as if stored: "same name" where a clean run logs "new"); and the
    events it made and the participations naming it were found only through the reports refused."""
    from newsgraph.errors import StoreUnavailable
    from newsgraph.graph import cypher
    from newsgraph.graph.forget import unfinished_sources

    fresh, redone = stores
    again = paragraphs
    if text == "corrected":
        again = tmp_path / "again"
        shutil.copytree(paragraphs, again)
        (again / "000_01.txt").write_text("Officials in Brussels said on Monday that the European Union would send "
                                          "more aid to Kyiv next month.", encoding="utf-8")
    ingest([again], fresh, settings, analyzer=analyzer)
    monkeypatch.setattr(FalkorStore, "_write_units", _refusing(getattr(cypher, refused)))
    with pytest.raises(StoreUnavailable, match="rejected a write"):
        ingest([paragraphs], redone, settings, analyzer=analyzer)
    monkeypatch.undo()
    assert unfinished_sources(redone) == {s: False for s in ("000_00", "000_01", "000_02")}  # a partial write
    report = ingest([again], redone, settings, analyzer=analyzer)
    assert report.redone == ("000_00", "000_01", "000_02")
    assert not inconsistencies(redone)
    if text == "same":
        assert snapshot(redone) == snapshot(fresh)


def test_a_forgetting_cut_off_halfway_is_finished_by_the_next_run(stores, paragraphs, settings, analyzer):
    """The sources leave the ledger before anything of theirs is taken out: where a failing statement stops the
    rest of the unit (FalkorDB's Bolt port has no transactions), they are not left marked with their evidence
    gone, and the next run writes them whole."""
    from newsgraph.graph.forget import UNMARK_SOURCES, forget_statements, unfinished_sources

    fresh, redone = stores
    ingest([paragraphs], fresh, settings, analyzer=analyzer)
    ingest([paragraphs], redone, settings, analyzer=analyzer)
    files = sorted(paragraphs.glob("*.txt"))
    last = [f.stem for f in files[len(files) - (len(files) % CHUNK or CHUNK):]]
    statements = forget_statements(redone, last)
    assert statements[0][0] == UNMARK_SOURCES
    for query, params in statements[:len(statements) // 2]:
        redone.run(query, params)
    assert set(redone.ledger().values()).isdisjoint(last)
    # Complete before, only taken out since: the next run need not read every relationship for them.
    assert unfinished_sources(redone) == {source: True for source in last}
    report = ingest([paragraphs], redone, settings, analyzer=analyzer)
    assert sorted(report.ingested) == sorted(report.redone) == last
    assert not inconsistencies(redone)
    assert snapshot(redone) == snapshot(fresh)


def test_the_same_text_under_another_id_is_a_copy_forced_or_not(stores, paragraphs, settings, analyzer, tmp_path):
    """``--force`` writes a stored source's own text again; the same text under a new id (a wire story another
    outlet ran word for word) is a source of its own, a copy of the first (``COPY_OF``, one copy group), forced or
    not. Before, it was "already stored" and the second outlet was lost."""
    fresh, redone = stores
    first = sorted(paragraphs.glob("*.txt"))[0]
    ingest([first], redone, settings, analyzer=analyzer)
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(first, copy / "renamed.txt")
    report = ingest([copy], redone, settings, analyzer=analyzer, force=True)
    assert (report.ingested, report.already, report.redone) == (("renamed",), (), ())
    report = ingest([copy, first], redone, settings, analyzer=analyzer, force=True)
    assert (report.ingested, report.already, report.redone) == (("renamed", first.stem), (), tuple(sorted(
        ("renamed", first.stem))))
    report = ingest([copy, first], redone, settings, analyzer=analyzer)
    assert (report.ingested, report.already) == ((), ("renamed", first.stem))
    assert not inconsistencies(redone)
    groups = "MATCH (s:Source) RETURN s.id AS id, s.copy_group AS group ORDER BY id"
    assert redone.run(groups) == [{"id": first.stem, "group": first.stem}, {"id": "renamed", "group": first.stem}]


def test_an_unfinished_source_whose_text_another_id_brings_is_taken_out_not_counted_as_redone(
        stores, paragraphs, settings, analyzer, tmp_path):
    """A source a failed write left unmarked, and in the next run's input after another id with its text: both are
    written (the other id a copy of it), the unfinished one after its remains are taken out."""
    fresh, redone = stores
    files = sorted(paragraphs.glob("*.txt"))[:3]
    ingest(files, redone, settings, analyzer=analyzer)
    _cut_off_before_the_ledger(redone, files[0].stem)
    twin = tmp_path / "twin"
    twin.mkdir()
    shutil.copy(files[0], twin / "aaa_twin.txt")
    report = ingest([twin, *files], redone, settings, analyzer=analyzer)
    assert (report.ingested, report.already, report.redone) == (
        ("aaa_twin", files[0].stem), tuple(f.stem for f in files[1:]), (files[0].stem,))
    assert not inconsistencies(redone)
    copies = "MATCH (a:Source)-[:COPY_OF]-(b:Source {id: $id}) RETURN a.id AS id"
    assert redone.run(copies, {"id": files[0].stem}) == [{"id": "aaa_twin"}]
