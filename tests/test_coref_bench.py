"""The product-alone coreference benchmarks (benchmarks/coref.py, events.py): gold, heads, mapping, scores."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks import coref, corpora, event_topics, relation_mentions
from benchpkg import ROOT, write_tiny_data
from handmade import make_doc
from newsgraph.ingest.articles import read_articles
from newsgraph.model import Article as ProductArticle

Head, ProductMention = coref.Head, coref.ProductMention


@pytest.fixture()
def data(tmp_path):
    return write_tiny_data(tmp_path / "data")


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _mention(source, start, end, node, label="Event", text=""):
    return {"source": source, "start": start, "end": end, "text": text, "node_id": node, "node_label": label,
            "kind": "verbal"}


# --------------------------------------------------------------------------------------------- gold


def test_ecbplus_dev_keeps_dev_topics_selected_sentences_and_one_category(data):
    events = corpora.load_ecbplus(data, "event", "dev")
    assert [a.doc_id for a in events.articles] == ["2_1ecb", "2_1ecbplus"]
    assert [(m.doc_id, m.tokens, m.cluster) for m in events.mentions] == [
        ("2_1ecb", (1,), "ARREST"), ("2_1ecb", (8,), "ARREST"), ("2_1ecbplus", (1,), "ARREST"),
        ("2_1ecbplus", (7,), "HOLD")]
    entities = corpora.load_ecbplus(data, "entity", "dev")
    assert {m.cluster for m in entities.mentions} == {"GUNMAN", "POLICE"}  # Texas: not a selected sentence
    train = corpora.load_ecbplus(data, "entity", "train")
    assert [m.text for m in train.mentions] == ["Reid"]
    with pytest.raises(corpora.BenchmarkInputError, match="test"):
        corpora.load_ecbplus(data, "event", "test")


def test_gold_token_offsets_point_into_the_text_the_product_ingests(data, tmp_path):
    corpus = corpora.load_ecbplus(data, "event", "dev")
    for article in corpus.articles:
        offsets = corpora.token_offsets(article)
        words = [w for s in article.sentences for w in s]
        assert [article.text[s:e] for s, e in offsets] == words
    path = corpora.write_articles(corpus, tmp_path / "articles.jsonl")
    read = [a for a in read_articles([path]) if isinstance(a, ProductArticle)]
    assert [(a.id, a.outlet, a.url) for a in read] == [("2_1ecb", "", ""),
                                                       ("2_1ecbplus", "news.example", "http://news.example/a")]
    assert [a.text for a in read] == [a.text for a in corpus.articles]


def test_meantime_tokens_are_numbered_within_their_sentence(data):
    corpus = corpora.load_meantime(data)
    doc = {a.doc_id: a for a in corpus.articles}["corpus_x/1"]
    words = [w for s in doc.sentences for w in s]
    assert [(m.doc_id, [words[i] for i in m.tokens]) for m in corpus.mentions if m.doc_id == "corpus_x/1"] == [
        ("corpus_x/1", ["Apple"]), ("corpus_x/1", ["It"]), ("corpus_x/1", ["phones"])]
    assert {a.outlet for a in corpus.articles} == {"Wikinews"}


# --------------------------------------------------------------------------------------------- heads


def _gunman_doc():
    # "Police arrested the gunman in the Gulf of Aden ."
    return make_doc("Police NOUN nsubj 1", "arrested VERB ROOT 1 lemma=arrest", "the DET det 3",
                    "gunman NOUN dobj 1", "in ADP prep 1", "the DET det 6", "Gulf PROPN pobj 4",
                    "of ADP prep 6", "Aden PROPN pobj 7", ". PUNCT punct 1")


def test_head_token_is_the_root_of_the_span_below_a_preposition_or_determiner():
    doc = _gunman_doc()
    assert coref.head_token(doc, [2, 3]) == 3  # the gunman → gunman
    assert coref.head_token(doc, [4, 5, 6, 7, 8]) == 6  # in the Gulf of Aden → Gulf
    assert coref.head_token(doc, [1, 2, 3]) == 1  # arrested the gunman → arrested
    assert coref.head_token(doc, [2]) == 2  # a lone determiner is its own head


def test_gold_heads_give_the_head_tokens_characters_and_lemma():
    words = "Police arrested the gunman in the Gulf of Aden .".split(" ")
    article = corpora.Article("d", " ".join(words), (tuple(words),), "1")
    mentions = (corpora.GoldMention("d", "1", (1, 2, 3), "c", "arrested the gunman"),
                corpora.GoldMention("d", "2", (4, 5, 6, 7, 8), "g", "in the Gulf"))
    corpus = corpora.GoldCorpus("toy", (article,), mentions)
    heads = coref.gold_heads(corpus, {"d": _gunman_doc()})
    assert heads[("d", "1")] == Head(7, 15, "arrest", "VERB")
    assert article.text[heads[("d", "2")].start:heads[("d", "2")].end] == "Gulf"


def test_a_gold_token_with_its_possessive_is_headed_by_the_word_the_product_cuts_it_to():
    # ECB+ writes "Buckley's" as one token; the product's mention of the name ends before "'s"
    words = "Buckley's death shocked climbers .".split(" ")
    article = corpora.Article("d", " ".join(words), (tuple(words),), "1")
    doc = make_doc("Buckley's PROPN poss 1", "death NOUN nsubj 2", "shocked VERB ROOT 2", "climbers NOUN dobj 2",
                   ". PUNCT punct 2")
    corpus = corpora.GoldCorpus("toy", (article,), (corpora.GoldMention("d", "1", (0,), "c", "Buckley's"),))
    heads = coref.gold_heads(corpus, {"d": doc})
    assert article.text[heads[("d", "1")].start:heads[("d", "1")].end] == "Buckley"
    product = [ProductMention("d", 0, 7, "robert-buckley", "Entity"),
               ProductMention("d", 0, 15, "concept:buckley-death", "Concept")]
    assert coref.map_to_nodes(heads, product, ["Entity", "Concept"]) == {("d", "1"): "robert-buckley"}


# --------------------------------------------------------------------------------------------- mapping


def test_a_gold_mention_maps_through_its_head_token_not_any_token_of_its_span():
    heads = {("d", "1"): Head(16, 22, "gunman")}  # gold "the gunman", head "gunman"
    on_determiner = [ProductMention("d", 12, 15, "n1", "Entity")]  # covers "the" only
    assert coref.map_to_nodes(heads, on_determiner, ["Entity"]) == {("d", "1"): None}
    covering = [ProductMention("d", 0, 30, "wide", "Entity"), ProductMention("d", 12, 22, "tight", "Entity")]
    assert coref.map_to_nodes(heads, covering, ["Entity"]) == {("d", "1"): "tight"}
    partial = [ProductMention("d", 16, 19, "sub", "Entity"), ProductMention("d", 0, 40, "whole", "Entity")]
    assert coref.map_to_nodes(heads, partial, ["Entity"]) == {("d", "1"): "whole"}  # containment first
    assert coref.map_to_nodes(heads, [ProductMention("d", 16, 19, "sub", "Entity")], ["Entity"]) == {
        ("d", "1"): "sub"}  # an overlap still maps when nothing contains the head
    elsewhere = [ProductMention("e", 16, 22, "other-article", "Entity")]
    assert coref.map_to_nodes(heads, elsewhere, ["Entity"]) == {("d", "1"): None}


def test_mentions_of_another_node_label_are_ignored():
    heads = {("d", "1"): Head(7, 15, "arrest")}
    product = [ProductMention("d", 7, 15, "concept", "Concept"), ProductMention("d", 0, 30, "event", "Event")]
    assert coref.map_to_nodes(heads, product, ["Event"]) == {("d", "1"): "event"}
    assert coref.map_to_nodes(heads, product[:1], ["Event"]) == {("d", "1"): None}
    same_span = [ProductMention("d", 7, 15, "c", "Concept"), ProductMention("d", 7, 15, "e", "Entity")]
    assert coref.map_to_nodes(heads, same_span, ["Entity", "Concept"]) == {("d", "1"): "e"}


def test_unmapped_gold_mentions_are_singletons_and_lower_the_coverage():
    mapped = {("d", "1"): "n", ("e", "1"): "n", ("d", "2"): None, ("e", "2"): None}
    clusters = sorted(sorted(c) for c in coref.response_clusters(mapped))
    assert clusters == [[("d", "1"), ("e", "1")], [("d", "2")], [("e", "2")]]
    assert coref.coverage(mapped) == 0.5


def _corpus(clusters):
    mentions = tuple(corpora.GoldMention(d, m, (0,), c, "") for (d, m), c in clusters.items())
    articles = tuple(corpora.Article(d, "x", (("x",),), "t") for d in sorted({d for d, _ in clusters}))
    return corpora.GoldCorpus("toy", articles, mentions)


def test_a_perfect_prediction_scores_100_and_singletons_score_the_baseline():
    gold = {("a", "1"): "X", ("b", "1"): "X", ("c", "1"): "X", ("a", "2"): "Y", ("b", "2"): "Y", ("c", "2"): "Z"}
    corpus = _corpus(gold)
    key = coref.key_clusters(corpus)
    perfect = coref.response_clusters({k: f"node-{c}" for k, c in gold.items()})
    assert coref.score(key, perfect).conll == pytest.approx(1.0)
    alone = coref.score(key, coref.singletons(corpus))
    assert alone.muc == 0.0 and 0 < alone.conll < 1
    assert coref.score(key, coref.response_clusters({k: None for k in gold})) == alone
    one_node = coref.score(key, coref.response_clusters({k: "n" for k in gold}))
    assert one_node.muc < 1 and one_node.b3 < 1


def test_lemma_baseline_within_gold_topics_or_over_the_corpus():
    mentions = tuple(corpora.GoldMention(d, "1", (0,), "c", "") for d in ("a", "b", "c"))
    articles = (corpora.Article("a", "x", (("x",),), "1"), corpora.Article("b", "x", (("x",),), "1"),
                corpora.Article("c", "x", (("x",),), "2"))
    corpus = corpora.GoldCorpus("toy", articles, mentions)
    heads = {m.key: Head(0, 1, "arrest") for m in mentions}
    assert sorted(map(sorted, coref.lemma_clusters(corpus, heads, gold_topics=True))) == [
        [("a", "1"), ("b", "1")], [("c", "1")]]
    assert len(coref.lemma_clusters(corpus, heads, gold_topics=False)) == 1


def test_the_ceiling_merges_the_mapped_mentions_as_the_gold_does():
    gold = {("a", "1"): "X", ("b", "1"): "X", ("c", "1"): "X"}
    corpus = _corpus(gold)
    ceiling = coref.mapped_ceiling(corpus, {("a", "1"): "n1", ("b", "1"): "n2", ("c", "1"): None})
    assert sorted(map(sorted, ceiling)) == [[("a", "1"), ("b", "1")], [("c", "1")]]


# --------------------------------------------------------------------------------------------- product files


def test_product_mentions_are_read_and_bad_lines_named(tmp_path):
    good = _write(tmp_path / "m.jsonl", [_mention("d", 0, 5, "n1"), _mention("d", 6, 9, "n2", "Entity", "him")])
    assert coref.read_product_mentions(good)[1] == ProductMention("d", 6, 9, "n2", "Entity", "him", "verbal")
    missing = _write(tmp_path / "missing.jsonl", [{"source": "d", "start": 0, "end": 3, "node_label": "Event"}])
    with pytest.raises(corpora.BenchmarkInputError, match=r"missing\.jsonl: mention 1 lacks node_id"):
        coref.read_product_mentions(missing)
    label = _write(tmp_path / "label.jsonl", [_mention("d", 0, 5, "n1", "Relation")])
    with pytest.raises(corpora.BenchmarkInputError, match="node_label 'Relation'"):
        coref.read_product_mentions(label)
    (tmp_path / "broken.jsonl").write_text('{"source": "d"\n')
    with pytest.raises(corpora.BenchmarkInputError, match=r"broken\.jsonl:1: not JSON"):
        coref.read_product_mentions(tmp_path / "broken.jsonl")
    with pytest.raises(corpora.BenchmarkInputError, match="cannot read"):
        coref.read_product_mentions(tmp_path / "absent.jsonl")


def test_relation_predicates_are_found_at_their_verb():
    # "The gunman was arrested in Texas ." with the relation gunman –be arrest in→ Texas
    doc = make_doc("The DET det 1", "gunman NOUN nsubjpass 3", "was AUX auxpass 3 lemma=be",
                   "arrested VERB ROOT 3 lemma=arrest", "in ADP prep 3", "Texas PROPN pobj 4", ". PUNCT punct 3")
    evidence = {"source": "d", "sentence_start": 0, "sentence_end": len(doc.text), "predicate": "be arrest in",
                "subject": {"start": 0, "end": 10, "type": "Concept"}, "object": {"start": 30, "end": 35}}
    assert [t.text for t in relation_mentions.predicate_tokens(doc, evidence)] == ["arrested"]
    assert relation_mentions.predicate_tokens(doc, {**evidence, "predicate": "flee"}) == []


# --------------------------------------------------------------------------------------------- end to end


def _run(*args, check=True):
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _perfect_events(path):
    # every gold event's head token, one node per gold cluster (offsets into the tiny articles' text)
    return _write(path, [_mention("2_1ecb", 7, 15, "ARREST"), _mention("2_1ecb", 42, 48, "ARREST"),
                         _mention("2_1ecbplus", 9, 17, "ARREST"), _mention("2_1ecbplus", 37, 41, "HOLD"),
                         _mention("2_1ecbplus", 37, 41, "wrong-label", "Entity")])


@pytest.mark.model
def test_events_benchmark_scores_a_perfect_export_100(data, tmp_path):
    out = _run("benchmarks.events", "--data", str(data), "--mentions", str(_perfect_events(tmp_path / "m.jsonl")))
    product = next(line for line in out.stdout.splitlines() if "product alone" in line)
    assert product.split()[-3:] == ["100.0", "coverage", "1.00"]
    singletons = next(line for line in out.stdout.splitlines() if "all singletons" in line)
    assert singletons.split()[2] == "0.0"  # MUC of all singletons
    by_topic = _run("benchmarks.events", "--data", str(data), "--mentions", str(_perfect_events(tmp_path / "m.jsonl")),
                    "--by-topic").stdout.splitlines()
    row = by_topic[-1].split()
    assert row[:4] == ["2", "4", "0.00", "0.00"]  # a perfect export loses nothing
    assert float(row[4]) < 0  # the toy gold's arrest spans both sub-topics: splitting them would lose


def _two_topics():
    """Topic 1 clustered right; topic 2's two sub-topics each hold one arrest, which the product put on one node."""
    articles = tuple(corpora.Article(d, "x", (("x",),), d.split("_")[0]) for d in
                     ("1_1ecb", "1_2ecb", "2_1ecb", "2_2ecb", "2_1ecbplus", "2_2ecbplus"))
    gold = [("1_1ecb", "QUAKE"), ("1_2ecb", "QUAKE"), ("2_1ecb", "ARREST_A"), ("2_2ecb", "ARREST_A"),
            ("2_1ecbplus", "ARREST_B"), ("2_2ecbplus", "ARREST_B")]
    corpus = corpora.GoldCorpus("toy", articles, tuple(corpora.GoldMention(d, "1", (0,), c, "x") for d, c in gold))
    mapped = {("1_1ecb", "1"): "quake", ("1_2ecb", "1"): "quake", ("2_1ecb", "1"): "arrest",
              ("2_2ecb", "1"): "arrest", ("2_1ecbplus", "1"): "arrest", ("2_2ecbplus", "1"): None}
    return corpus, mapped


def test_the_topic_breakdown_finds_the_topic_whose_sub_topics_share_a_node():
    corpus, mapped = _two_topics()
    stories = {"1_1ecb": "story:q", "1_2ecb": "story:q", "2_1ecb": "story:a", "2_2ecb": "story:a",
               "2_1ecbplus": "story:a", "2_2ecbplus": "story:b"}
    first, second = event_topics.topic_losses(corpus, mapped, stories)
    assert (first.topic, second.topic) == ("2", "1")  # the costliest first
    assert second.fixed == second.split == second.by_subtopic == 0.0 and second.mentions == 2
    assert first.fixed > first.split > 0 and first.by_subtopic == pytest.approx(first.split)
    assert first.stories == (("story:a", (("ecb", 2), ("ecbplus", 1))), ("story:b", (("ecbplus", 1),)))
    table = event_topics.lines([first, second])
    assert table[1].split()[:2] == ["2", "4"] and table[1].endswith("a: ecb 2 + ecbplus 1; b: ecbplus 1")


def test_article_stories_are_read_from_the_event_lines_of_the_export(tmp_path):
    path = _write(tmp_path / "m.jsonl", [
        {**_mention("d1", 0, 4, "e1"), "story": "story:x"}, {**_mention("d1", 5, 9, "e2"), "story": "story:x"},
        {**_mention("d1", 10, 14, "e3"), "story": "story:y"}, _mention("d2", 0, 4, "n1", "Entity")])
    assert event_topics.article_stories(path) == {"d1": "story:x"}


@pytest.mark.model
def test_events_benchmark_reports_a_bad_export_in_one_line(data, tmp_path):
    bad = _write(tmp_path / "bad.jsonl", [{"source": "2_1ecb", "start": 7}])
    out = _run("benchmarks.events", "--data", str(data), "--mentions", str(bad), check=False)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"benchmarks.events: error: {bad}: mention 1 lacks end, node_id, "
                                               "node_label"]


@pytest.mark.model
@pytest.mark.store
def test_events_benchmark_ingests_the_articles_and_scores_the_relations_as_events(data, tmp_path):
    out = _run("benchmarks.events", "--data", str(data), "--from-relations", "--data-dir", str(tmp_path / "stores"),
               "--save-mentions", str(tmp_path / "saved"))
    assert "real ingest (2 articles" in out.stdout
    saved = coref.read_product_mentions(tmp_path / "saved" / "ecbplus-dev.mentions.jsonl")
    assert {m.source for m in saved} <= {"2_1ecb", "2_1ecbplus"}
    assert saved  # (the two short test articles state their arrests with a place only: attributes, no relation)


@pytest.mark.model
@pytest.mark.store
def test_events_benchmark_scores_the_mentions_jsonl_export_of_a_real_ingest(data, tmp_path):
    out = _run("benchmarks.events", "--data", str(data), "--data-dir", str(tmp_path / "stores"))
    assert "mentions-jsonl export of a real ingest (2 articles" in out.stdout
