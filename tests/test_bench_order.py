"""How the product-alone benchmarks feed the product: the order of the articles (a seeded shuffle, so that no gold
topic reaches the product through it) and what the ingest said it did (benchmarks/corpora.py, product.py)."""

from __future__ import annotations

import argparse
import json

import pytest

from benchmarks import corpora, events, product
from benchpkg import write_tiny_data


def _corpus(n=8):
    articles = tuple(corpora.Article(f"{t}_{i}ecb", "x", (("x",),), str(t)) for t in (1, 2) for i in range(n // 2))
    return corpora.GoldCorpus("toy", articles, ())


def _ids(path):
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def test_articles_are_written_in_a_seeded_shuffle_or_sorted_by_id(tmp_path):
    corpus = _corpus()
    sorted_ids = [a.doc_id for a in corpus.articles]
    assert _ids(corpora.write_articles(corpus, tmp_path / "s.jsonl", "sorted", 0)) == sorted_ids
    first = _ids(corpora.write_articles(corpus, tmp_path / "a.jsonl", "shuffled", 0))
    again = _ids(corpora.write_articles(corpus, tmp_path / "b.jsonl", "shuffled", 0))
    other = _ids(corpora.write_articles(corpus, tmp_path / "c.jsonl", "shuffled", 1))
    assert sorted(first) == sorted_ids and first != sorted_ids
    assert again == first and other != first  # the seed decides the order, and only the seed


def _fake_newsgraph(summary, calls):
    def run(*args):
        calls.append(args)
        if args[0] == "export":
            out = args[args.index("-o") + 1]
            with open(out, "w") as f:
                f.write("")
        return summary if args[0] == "ingest" else ""
    return run


def test_the_ingest_counts_are_read_and_a_kept_store_is_named_as_scored_earlier(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(product, "_newsgraph", _fake_newsgraph(
        "ingested 1 article(s) (9 words, 2 sentences) in 1.0 s; 6 already stored; 1 skipped\n", calls))
    store = product.ingest(_corpus(), tmp_path / "store", tmp_path, 1, "shuffled", 0)
    assert (store.ingested, store.already, store.skipped) == (1, 6, 1)
    assert store.counts() == "1 ingested, 6 already stored, 1 skipped"
    warning = capsys.readouterr().err.strip().splitlines()
    assert len(warning) == 1 and warning[0].startswith("warning: scoring a store ingested earlier: 6 of 7 articles")
    assert "--quiet" not in calls[0]  # the summary is what the counts are read from


def test_a_fresh_store_gives_no_warning_and_a_missing_summary_is_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(product, "_newsgraph", _fake_newsgraph(
        "ingested 8 article(s) (9 words, 2 sentences) in 1.0 s; 0 already stored; 2 repeated in the input; "
        "0 skipped\n", []))
    assert product.ingest(_corpus(), tmp_path / "store", tmp_path).earlier() is None
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(product, "_newsgraph", _fake_newsgraph("", []))
    with pytest.raises(product.ProductRunError, match="no summary"):
        product.ingest(_corpus(), tmp_path / "store", tmp_path)


def test_the_report_header_names_the_order_and_the_counts_and_each_order_has_its_store(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(product, "_newsgraph", _fake_newsgraph(
        "ingested 8 article(s) (9 words, 2 sentences) in 1.0 s; 0 already stored; 0 skipped\n", calls))
    parser = argparse.ArgumentParser()
    product.add_product_arguments(parser)
    args = parser.parse_args(["--data-dir", str(tmp_path / "stores"), "--seed", "3"])
    work = tmp_path / "work"
    work.mkdir()
    _, how = product.product_mentions(_corpus(), args, {}, "ecbplus-dev", None, work)
    assert "8 articles, shuffled order, seed 3: 8 ingested, 0 already stored, 0 skipped" in how
    assert calls[0][calls[0].index("--data-dir") + 1] == str(tmp_path / "stores" / "ecbplus-dev-seed3")
    written = _ids(work / "articles.jsonl")
    assert written == _ids(corpora.write_articles(_corpus(), tmp_path / "w.jsonl", "shuffled", 3))
    args = parser.parse_args(["--data-dir", str(tmp_path / "stores"), "--order", "sorted"])
    _, how = product.product_mentions(_corpus(), args, {}, "ecbplus-dev", None, work)
    assert "8 articles, sorted by article id:" in how
    assert calls[-2][calls[-2].index("--data-dir") + 1].endswith("ecbplus-dev-sorted")


@pytest.mark.model
def test_events_runs_each_seed_and_prints_the_mean_and_spread(tmp_path, monkeypatch, capsys):
    data = write_tiny_data(tmp_path / "data")
    export = tmp_path / "m.jsonl"
    export.write_text(json.dumps({"source": "2_1ecb", "start": 7, "end": 15, "text": "", "node_id": "A",
                                  "node_label": "Event", "kind": "verbal"}) + "\n")
    seen = []

    def fake(corpus, args, docs, store_name, given, work):
        seen.append((args.order, args.seed))
        return export, f"fake ingest, {product.order_text(args.order, args.seed)}"

    monkeypatch.setattr(events, "product_mentions", fake)
    assert events.main(["--data", str(data), "--seeds", "3", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert seen == [("shuffled", 5), ("shuffled", 6), ("shuffled", 7)]
    assert out.count("product: fake ingest, shuffled order, seed ") == 3
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("CoNLL F1 over 3 shuffled orders: seed 5 ") and "mean" in summary
    assert "spread (max - min) 0.0" in summary
