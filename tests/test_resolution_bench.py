"""The resolution benchmark's adapter (benchmarks/resolution.py): head tokens, the fallback, the scores."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from handmade import make_doc

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import resolution as bench  # noqa: E402


def _doc():
    # "Tara Reid entered rehab . The actress left rehab in Malibu ."
    return make_doc(
        "Tara PROPN compound 1 ent=PERSON", "Reid PROPN nsubj 2 ent=PERSON", "entered VERB ROOT 2",
        "rehab NOUN dobj 2", ". PUNCT punct 2",
        "The DET det 6", "actress NOUN nsubj 7", "left VERB ROOT 7", "rehab NOUN dobj 7", "in ADP prep 7",
        "Malibu PROPN pobj 9 ent=GPE", ". PUNCT punct 7",
    )


def test_head_token_skips_a_leading_preposition_and_determiner():
    doc = _doc()
    assert bench.head_token(doc, [0, 1]) == 1
    assert bench.head_token(doc, [5, 6]) == 6
    assert bench.head_token(doc, [9, 10]) == 10  # "in Malibu" → Malibu


def test_gold_mentions_map_to_product_entities_then_fall_back_by_head_word():
    docs = {"d1": _doc(), "d2": _doc()}
    mentions = (
        bench.GoldMention("d1", "1", (0, 1), "reid", "Tara Reid"),
        bench.GoldMention("d2", "1", (1,), "reid", "Reid"),
        bench.GoldMention("d1", "2", (5, 6), "reid", "The actress"),
        bench.GoldMention("d2", "2", (5, 6), "reid", "The actress"),
        bench.GoldMention("d1", "3", (3,), "rehab1", "rehab"),
    )
    corpus = bench.Corpus("toy", {"d1": [], "d2": []}, {"d1": "t", "d2": "t"}, mentions)
    product = bench.run_product(docs, [["d1", "d2"]])
    response, how = bench.response_clusters(corpus, docs, product, {"d1": "b", "d2": "b"}, fallback=True)
    clusters = sorted(sorted(c) for c in response)
    assert [("d1", "1"), ("d2", "1")] in clusters  # the product resolved Tara Reid across the two articles
    assert [("d1", "2"), ("d2", "2")] in clusters  # "actress": the adapter's head-word fallback
    assert how["product entity"] == 2
    response, how = bench.response_clusters(corpus, docs, product, {"d1": "b", "d2": "b"}, fallback=False)
    assert how["singleton"] == 3


def test_scores_are_perfect_for_the_gold_clustering_and_low_for_singletons():
    key = [{1, 2, 3}, {4, 5}, {6}]
    assert bench.score(key, key)["CoNLL"] == pytest.approx(1.0)
    singletons = [{i} for i in range(1, 7)]
    assert bench.score(key, singletons)["MUC"] == 0.0
