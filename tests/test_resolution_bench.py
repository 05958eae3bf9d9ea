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


def test_event_blocks_split_a_topic_into_the_events_its_reports_share_particulars_of():
    def report(name, place, age):
        # "<name> , <age> , died on <place> ."
        return make_doc(f"{name} PROPN nsubj 4 ent=PERSON", ", PUNCT punct 0", f"{age} NUM appos 0",
                        ", PUNCT punct 0", "died VERB ROOT 4", "on ADP prep 4", f"{place} PROPN pobj 5 ent=LOC",
                        ". PUNCT punct 4")

    docs = {"a1": report("Buckley", "Cook", "31"), "a2": report("Buckley", "Cook", "31"),
            "b1": report("Vinar", "Cook", "24"), "b2": report("Vinar", "Cook", "24"),
            "c1": report("Kim", "Seoul", "40")}
    blocks = {d: "mountain" for d in docs}
    events = bench.event_clusters(docs, blocks, 0.15)
    assert events["a1"] == events["a2"] != events["b1"] == events["b2"]
    assert len(set(events.values())) == 3
    assert all(e.startswith("mountain/") for e in events.values())


def test_head_lemma_fallback_keeps_plural_and_singular_apart():
    # "The climber fell . The climbers waited ." in two articles
    def doc():
        return make_doc("The DET det 1", "climber NOUN nsubj 2 tag=NN", "fell VERB ROOT 2", ". PUNCT punct 2",
                        "The DET det 5", "climbers NOUN nsubj 6 lemma=climber tag=NNS", "waited VERB ROOT 6",
                        ". PUNCT punct 6")

    docs = {"d1": doc(), "d2": doc()}
    mentions = tuple(bench.GoldMention(d, f"{d}-{i}", (i,), f"c{i}", "x") for d in docs for i in (1, 5))
    corpus = bench.Corpus("toy", {"d1": [], "d2": []}, {"d1": "t", "d2": "t"}, mentions)
    product = bench.run_product(docs, [["d1", "d2"]])
    response, _ = bench.response_clusters(corpus, docs, product, {"d1": "b", "d2": "b"}, fallback=True)
    assert sorted(sorted(c) for c in response) == [[("d1", "d1-1"), ("d2", "d2-1")], [("d1", "d1-5"), ("d2", "d2-5")]]


def test_noun_the_product_linked_in_one_article_carries_its_entity_to_the_block():
    identified = make_doc(
        "The DET det 1", "suspect NOUN nsubj 8", ", PUNCT punct 1", "identified VERB acl 1 lemma=identify",
        "as ADP prep 3", "Anthony PROPN compound 6 ent=PERSON", "Smith PROPN pobj 4 ent=PERSON", ", PUNCT punct 1",
        "fled VERB ROOT 8", ". PUNCT punct 8")
    bare = make_doc("The DET det 1", "suspect NOUN nsubj 2", "fled VERB ROOT 2", ". PUNCT punct 2")
    docs = {"d1": identified, "d2": bare}
    mentions = (bench.GoldMention("d1", "1", (5, 6), "smith", "Anthony Smith"),
                bench.GoldMention("d2", "1", (0, 1), "smith", "The suspect"))
    corpus = bench.Corpus("toy", {"d1": [], "d2": []}, {"d1": "t", "d2": "t"}, mentions)
    product = bench.run_product(docs, [["d1", "d2"]])
    response, how = bench.response_clusters(corpus, docs, product, {"d1": "b", "d2": "b"}, fallback=True)
    assert len(response) == 1
    assert how["fallback noun → product description"] == 1
