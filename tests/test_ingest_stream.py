"""Streaming ingest: chunks, worker processes and Dask give the graph of a single process; progress; the writes."""

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

import cypherlint
from conftest import GUARDIAN, NYT, SEEDS
from newsgraph.chunking import batch_size_for as _batch_size, chunk_sizes
from newsgraph.graph import cypher
from newsgraph.parallel import open_analyzer
from newsgraph.pipeline import _fewer_collections, ingest
from newsgraph.settings import Settings

pytestmark = [pytest.mark.store, pytest.mark.model]


@hypothesis_settings(max_examples=300, deadline=None)
@given(total=st.integers(0, 5000), size=st.integers(1, 1000))
def test_chunk_sizes_cover_the_input_in_order_and_depend_on_nothing_else(total, size):
    sizes = list(chunk_sizes(total, size))
    assert sum(sizes) == total and all(0 < n <= size for n in sizes)
    assert sizes == list(chunk_sizes(total, size))  # a resumed run cuts the same chunks
    assert len(sizes) <= -(-total // size) + 1
    if total > size >= 4:
        assert sizes[-1] == size // 4 or total % size and total % size <= size // 4


def _settings(tmp_path, **values) -> Settings:
    return Settings.build({"data_dir": str(tmp_path), **values}, {})


@pytest.fixture(scope="module")
def single(falkor_server, generated_dir, tmp_path_factory):
    """The generated corpus ingested by one process in chunks of 5: the reference graph."""
    from newsgraph.graph.falkor import FalkorStore

    store = FalkorStore(falkor_server.client(), "stream_single")
    store.delete_all()
    store.ensure_schema()
    report = ingest([generated_dir], store, _settings(tmp_path_factory.mktemp("d"), chunk_size=5))
    yield store, report
    store.delete_all()


def test_chunks_stream_through_and_report_everything(single):
    store, report = single
    assert list(chunk_sizes(24, 5)) == [5, 5, 5, 5, 3, 1]  # the last quarter-chunk on its own
    assert report.chunks == 6 and len(report.ingested) == 24 and not report.skipped
    assert store.counts()["sources"] == 24 and report.evidence == store.counts()["evidence"]
    assert report.words > 24 * 50 and report.sentences == 24 * 5


def test_two_worker_processes_write_the_same_graph(single, empty_store, generated_dir, tmp_path, evidence_of):
    report = ingest([generated_dir], empty_store, _settings(tmp_path, chunk_size=5, workers=2, batch_size=2))
    assert report.ingested == single[1].ingested
    assert evidence_of(empty_store) == evidence_of(single[0])
    assert empty_store.counts() == single[0].counts()


def test_an_analyzer_started_ahead_serves_two_ingests(single, empty_store, generated_dir, tmp_path, evidence_of):
    import os

    settings = _settings(tmp_path, chunk_size=5, workers=2, batch_size=2)
    with open_analyzer(settings) as analyzer:
        workers = analyzer.ready()  # both worker processes started, the pipeline loaded in each
        assert len(set(workers)) == 2 and os.getpid() not in workers
        report = ingest([generated_dir], empty_store, settings, analyzer=analyzer)
        again = ingest([generated_dir], empty_store, settings, analyzer=analyzer, force=True)
    assert report.ingested == again.ingested == single[1].ingested
    assert evidence_of(empty_store) == evidence_of(single[0])


def test_the_last_chunk_is_parsed_in_quarter_batches_when_workers_share_it(tmp_path):
    assert _batch_size(_settings(tmp_path, batch_size=16, workers=2), last_chunk=True) == 4
    assert _batch_size(_settings(tmp_path, batch_size=16, workers=2), last_chunk=False) == 16
    assert _batch_size(_settings(tmp_path, batch_size=16, workers=1), last_chunk=True) == 16
    assert _batch_size(_settings(tmp_path, batch_size=3, dask="local"), last_chunk=True) == 1


def test_the_collector_runs_less_often_during_an_ingest_and_as_before_after():
    import gc

    before = gc.get_threshold()
    try:
        with _fewer_collections():
            assert gc.get_threshold() == (max(before[0], 50_000), *before[1:])
        assert gc.get_threshold() == before
        gc.set_threshold(0)  # collection switched off by the caller stays off
        with _fewer_collections():
            assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


def test_the_indexes_are_kept_out_of_collections_during_an_ingest_and_handed_back_after(empty_store, generated_dir,
                                                                                          tmp_path, monkeypatch):
    import gc

    from newsgraph import pipeline

    frozen_at_resolution = []

    def resolve(*args, **kwargs):
        frozen_at_resolution.append(gc.get_freeze_count())
        return pipeline_resolve(*args, **kwargs)

    pipeline_resolve = pipeline.resolve
    monkeypatch.setattr(pipeline, "resolve", resolve)
    ingest([generated_dir], empty_store, _settings(tmp_path, chunk_size=12))
    assert len(frozen_at_resolution) >= 2 and all(frozen_at_resolution)  # every chunk, the first one too
    assert gc.get_freeze_count() == 0


def test_dask_local_cluster_writes_the_same_graph(single, empty_store, generated_dir, tmp_path, evidence_of):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        settings = _settings(tmp_path, chunk_size=5, batch_size=3, dask=cluster.scheduler_address)
        report = ingest([generated_dir], empty_store, settings)
    assert report.ingested == single[1].ingested
    assert evidence_of(empty_store) == evidence_of(single[0])


def test_progress_counts_every_input_article(empty_store, generated_dir, tmp_path):
    events = []
    ingest([generated_dir], empty_store, _settings(tmp_path, chunk_size=7), progress=lambda e, n: events.append((e, n)))
    assert events[0] == ("total", 24) and sum(n for e, n in events[1:] if e == "articles") == 24
    parsed = [n for e, n in events if e == "parsed"]  # a worker process parses; each article reported as done
    assert parsed == [1] * 24
    assert events.index(("parsed", parsed[0])) < next(i for i, (e, _) in enumerate(events) if e == "articles")
    events.clear()
    again = ingest([generated_dir], empty_store, _settings(tmp_path, chunk_size=7),
                   progress=lambda e, n: events.append((e, n)))
    assert len(again.already) == 24 and sum(n for e, n in events[1:] if e == "articles") == 24
    assert sum(n for e, n in events if e == "parsed") == 24


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_moves_per_article_in_this_process_and_in_two_workers(empty_store, generated_dir, tmp_path,
                                                                      workers):
    events = []
    settings = _settings(tmp_path, chunk_size=24 if workers == 1 else 12, workers=workers, batch_size=8)
    ingest([generated_dir], empty_store, settings, progress=lambda e, n: events.append((e, n)))
    parsed = [n for e, n in events if e == "parsed"]
    assert parsed == [1] * 24  # not 8 at a time: the bar moves with every article
    first_written = next(i for i, (e, _) in enumerate(events) if e == "articles")
    assert events.index(("parsed", 1)) < first_written


def test_a_failed_write_keeps_earlier_chunks_and_a_rerun_finishes(single, empty_store, generated_dir, tmp_path,
                                                                 evidence_of, monkeypatch):
    from newsgraph.errors import StoreUnavailable

    real, calls = type(empty_store)._write_units, []

    def flaky(self, units):
        calls.append(1)
        if len(calls) == 3:
            raise StoreUnavailable("planted failure")
        real(self, units)

    monkeypatch.setattr(type(empty_store), "_write_units", flaky)
    with pytest.raises(StoreUnavailable, match="planted"):
        ingest([generated_dir], empty_store, _settings(tmp_path, chunk_size=5))
    assert len(empty_store.ledger()) == 10  # chunks 1 and 2, nothing of chunk 3
    monkeypatch.setattr(type(empty_store), "_write_units", real)
    report = ingest([generated_dir], empty_store, _settings(tmp_path, chunk_size=5))
    assert len(report.already) == 10 and len(report.ingested) == 14
    assert evidence_of(empty_store) == evidence_of(single[0])


def test_relation_aggregates_equal_what_cypher_computes_from_the_evidence(seed_store):
    recomputed = {row["id"]: row for row in seed_store.run("""
        MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Concept) AND (b:Entity OR b:Concept)
        OPTIONAL MATCH (v:Evidence {edge_id: r.id})
        WITH r, v ORDER BY v.source, v.sentence_start, v.id
        WITH r, collect(v) AS evs
        WITH r, evs, reduce(acc = [], v IN evs | CASE WHEN v.source IN acc THEN acc ELSE acc + [v.source] END) AS srcs
        RETURN r.id AS id, srcs AS sources, size(srcs) AS source_count, [v IN evs | v.id] AS evidence_ids,
               size([v IN evs WHERE v.negated]) AS negated_count, size([v IN evs WHERE v.hedged]) AS hedged_count,
               reduce(acc = [], v IN evs | CASE WHEN v.attributed_to_name IS NULL OR v.attributed_to_name IN acc
                      THEN acc ELSE acc + [v.attributed_to_name] END) AS attributed_to,
               reduce(m = 0.0, v IN evs | CASE WHEN v.confidence > m THEN v.confidence ELSE m END) AS confidence
    """)}
    stored = seed_store.run("MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Concept) AND (b:Entity OR b:Concept) "
                            "RETURN properties(r) AS props")
    assert len(stored) == len(recomputed) > 50
    for row in stored:
        want = recomputed[row["props"]["id"]]
        assert {k: row["props"][k] for k in want} == want


def test_writing_the_seeds_is_one_atomic_unit_and_relations_are_chained(empty_store, seed_settings, monkeypatch):
    sent = []
    real = type(empty_store)._write_units
    monkeypatch.setattr(type(empty_store), "_write_units", lambda self, units: (sent.append(units), real(self, units)))
    ingest([SEEDS / f"{GUARDIAN}.txt"], empty_store, seed_settings)
    [units] = sent
    texts = [q for unit in units for q, _ in unit]
    assert texts[-1] == cypher.MARK_SOURCES_DONE
    chained = [q for q in texts if "WITH count(*) AS part0" in q]
    assert chained and len(chained) < sum(q.count("CREATE (a)-[r:") for q in texts) / 10
    assert not any("MERGE (a)-[r:" in q for q in texts)  # nothing stored yet: every relation is created


def test_relations_already_stored_are_merged_not_created_again(empty_store, seed_settings, monkeypatch):
    """The New York Times after the Guardian: the relations both report are stored, and are MERGEd (the others,
    new, CREATEd); no two relationships get one id."""
    ingest([SEEDS / f"{GUARDIAN}.txt"], empty_store, seed_settings)
    sent = []
    real = type(empty_store)._write_units
    monkeypatch.setattr(type(empty_store), "_write_units", lambda self, units: (sent.append(units), real(self, units)))
    ingest([SEEDS / f"{NYT}.txt"], empty_store, seed_settings)
    texts = [q for unit in sent[0] for q, _ in unit]
    assert any("MERGE (a)-[r:" in q for q in texts) and any("CREATE (a)-[r:" in q for q in texts)
    both = empty_store.run("MATCH ()-[r]->() WHERE r.source_count = 2 RETURN count(r) AS n")[0]["n"]
    assert both == empty_store.counts()["reported"] > 0
    twice = "MATCH ()-[r]->() WHERE r.evidence_count IS NOT NULL WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN id"
    assert empty_store.run(twice) == []


def test_the_chained_relation_statement_passes_neo4js_parser():
    parts = [("AGREE_TO", "Entity", "Concept"), ("SAY", "Concept", "Entity"), ("LEAD_TO", "Concept", "Concept")]
    results = cypherlint.lint({"chain": cypher.merge_relations_chain(parts, new=frozenset({1})),
                               "evidence": cypher.EVIDENCE_FOR_RELATIONS})
    assert cypherlint.format_errors(results) == ""
    assert results["chain"].parameters == ["r0", "r1", "r2"]


@pytest.mark.parametrize("value", ["nonsense", "tcp:/missing"])
def test_a_bad_dask_address_is_a_bad_setting(value):
    from newsgraph.errors import BadSetting

    with pytest.raises(BadSetting, match="dask"):
        Settings.build({"dask": value}, {})


def test_a_worker_failure_is_one_newsgraph_error_line():
    from concurrent.futures import Future

    from newsgraph.errors import NewsgraphError
    from newsgraph.parallel import _Guarded

    future = Future()
    future.set_exception(RuntimeError("worker\nkilled by signal 9"))
    with pytest.raises(NewsgraphError,
                       match=r"^a parsing worker process failed: RuntimeError: worker killed by signal 9$"):
        _Guarded(future, "a parsing worker process").result()


@pytest.mark.model
def test_a_batch_parsed_in_one_process_and_analysed_in_another_is_analysed_as_in_one(monkeypatch):
    """What one worker does (it parses, the ingest's own process analyses) gives the analyses a worker that does
    both gives, for articles parsed whole and an article parsed a section at a time, in input order."""
    import pickle

    from newsgraph.ingest import nlp as nlp_module
    from newsgraph.ingest.articles import read_articles
    from newsgraph.model import Article

    articles = [a for a in read_articles([SEEDS]) if isinstance(a, Article)]
    short = Article(id="short", text="Kyiv agreed to a ceasefire on Tuesday, the Kremlin said.")
    batch = [articles[0], short, articles[1]]
    monkeypatch.setattr(nlp_module, "SECTION_CHARS", max(len(a.text) for a in articles) - 1)  # one is long
    parsed = pickle.loads(pickle.dumps(nlp_module.parse_batch(batch, batch_size=2)))  # as it crosses processes
    assert len(parsed.long) == 1  # the long one, analysed where it was parsed
    assert repr(nlp_module.analyze_parsed(batch, parsed)) == repr(nlp_module.analyze_batch(batch, batch_size=2))
