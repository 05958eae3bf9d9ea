"""Cross-document event coreference of the product alone, on the ECB+ dev (or train) topics.

    python -m benchmarks.events [--data DIR] [--split dev] [--mentions FILE] [--data-dir STORE] [--by-topic]
                                [--order shuffled|sorted] [--seed N] [--seeds K]

The split's articles go through a real ``newsgraph ingest`` into an embedded store (all of them in one graph: no
gold topic reaches the product), its ``newsgraph export --format mentions-jsonl`` is read, and each gold event
mention (selected sentences, singletons kept) takes the ``Event`` node of the product mention covering its head
token (``benchmarks/coref.py``); unmapped = singleton. Scores: MUC, B³, CEAF-e, CoNLL F1 (``scorch``) and the
coverage, beside the same-head-lemma baseline within the gold topic (which the product does not get), the same
head lemma over the whole split, and all singletons. Targets on dev (issue 15): CoNLL ≥ 77, coverage ≥ 0.85.

``--mentions FILE`` scores a given export and skips the ingest; ``--from-relations`` builds the mentions from the
older exports, one relation edge per event (``benchmarks/relation_mentions.py``). ``--by-topic`` adds where the
CoNLL is lost, gold topic by gold topic, and the product stories of each topic's articles
(``benchmarks/event_topics.py``).

The product clusters stories online, in input order, so the order of the articles is part of the run: they go in
shuffled with ``--seed`` (default 0); ``--order sorted`` feeds them sorted by article id, which puts each gold
topic's articles one after another (a hint of the gold). ``--seeds K`` runs K shuffles (seeds N .. N+K-1), each a
fresh ingest, and prints each CoNLL F1 with their mean and spread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import coref, corpora, event_topics
from benchmarks.paths import add_data_argument
from benchmarks.product import ProductRunError, add_product_arguments, product_mentions

TARGET_CONLL, TARGET_COVERAGE = 0.77, 0.85


def report(corpus: corpora.GoldCorpus, heads: dict, product: list[coref.ProductMention], how: str) -> list[str]:
    """The printed report of the product's event clustering against the gold and the baselines."""
    key = coref.key_clusters(corpus)
    events = sum(p.node_label == "Event" for p in product)
    result = coref.evaluate(corpus, heads, product, ["Event"])
    lemma_topic = coref.score(key, coref.lemma_clusters(corpus, heads, gold_topics=True))
    return [
        f"{corpus.name}: {len(corpus.articles)} articles, {len(corpus.mentions)} gold mentions in {len(key)} "
        "clusters (selected sentences, singletons kept)",
        f"product: {how}; {events} Event mentions on {len({p.node_id for p in product if p.node_label == 'Event'})}"
        " nodes",
        coref.HEADER,
        coref.line("product alone (no gold topics)", result.scores, f"coverage {result.coverage:.2f}"),
        coref.line("same head lemma within the gold topic", lemma_topic, "baseline; uses gold topics"),
        coref.line("same head lemma, no gold topics", coref.score(key, coref.lemma_clusters(
            corpus, heads, gold_topics=False))),
        coref.line("all singletons", coref.score(key, coref.singletons(corpus))),
        coref.line("perfect merge of the mapped mentions", coref.score(key, coref.mapped_ceiling(
            corpus, result.mapped)), "ceiling at this coverage"),
        f"  unmapped gold mentions by head part of speech: {coref.unmapped_by_pos(heads, result.mapped) or 'none'}",
        f"targets: CoNLL ≥ {100 * TARGET_CONLL:.0f} ({'met' if result.scores.conll >= TARGET_CONLL else 'not met'}), "
        f"coverage ≥ {TARGET_COVERAGE} ({'met' if result.coverage >= TARGET_COVERAGE else 'not met'}); "
        f"lemma baseline + 5 = {100 * lemma_topic.conll + 5:.1f}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.events", description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--split", choices=corpora.ECB_SPLITS, default="dev")
    parser.add_argument("--model", default=None, help="spaCy pipeline for the gold heads (default: the product's)")
    parser.add_argument("--by-topic", action="store_true",
                        help="also print what each gold topic costs the CoNLL F1 and the stories of its articles")
    add_product_arguments(parser)
    parser.add_argument("--seeds", type=int, default=1, metavar="K",
                        help="run K shuffled orders, seeds --seed .. --seed+K-1, and print their mean and spread")
    args = parser.parse_args(argv)
    if args.seeds < 1 or (args.seeds > 1 and (args.mentions is not None or args.order == "sorted")):
        parser.error("--seeds K takes K ≥ 1, and more than one only with --order shuffled and no --mentions")
    from newsgraph.ingest.nlp import DEFAULT_MODEL, load_pipeline

    try:
        corpus = corpora.load_ecbplus(args.data, "event", args.split)
        docs = coref.parse_articles(load_pipeline(args.model or DEFAULT_MODEL), corpus.articles)
        heads = coref.gold_heads(corpus, docs)
    except corpora.BenchmarkInputError as exc:
        print(f"benchmarks.events: error: {exc}", file=sys.stderr)
        return 2
    first, conll = args.seed, {}
    for seed in range(first, first + args.seeds):
        args.seed = seed
        if args.seeds > 1:
            print(f"\n== seed {seed} ==", flush=True)
        try:
            conll[seed] = run(args, corpus, heads, docs)
        except (corpora.BenchmarkInputError, ProductRunError) as exc:
            print(f"benchmarks.events: error: {exc}", file=sys.stderr)
            return 2
    if args.seeds > 1:
        print(f"\nCoNLL F1 over {args.seeds} shuffled orders: "
              + ", ".join(f"seed {s} {100 * f:.1f}" for s, f in conll.items())
              + f"; mean {100 * statistics.mean(conll.values()):.1f}, spread (max - min) "
              f"{100 * (max(conll.values()) - min(conll.values())):.1f}, standard deviation "
              f"{100 * statistics.stdev(conll.values()):.1f}")
    return 0


def run(args: argparse.Namespace, corpus: corpora.GoldCorpus, heads: dict, docs: dict) -> float:
    """One ingest (in the order of ``args``) scored and printed; returns the product's CoNLL F1.

    Raises:
        corpora.BenchmarkInputError: the export cannot be read.
        ProductRunError: a ``newsgraph`` command failed.
    """
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as work:
        path, how = product_mentions(corpus, args, docs, f"ecbplus-{args.split}", args.mentions, Path(work))
        product = coref.read_product_mentions(path)
        stories = event_topics.article_stories(path) if args.by_topic else {}
    print("\n".join(report(corpus, heads, product, how)), flush=True)
    if args.by_topic:
        mapped = coref.map_to_nodes(heads, product, ["Event"])
        precision, recall, f1 = event_topics.story_b3(stories)
        print(f"stories against the gold sub-topics, document B3: P {precision:.3f} R {recall:.3f} F {100 * f1:.1f} "
              f"({len(stories)} articles in {len(set(stories.values()))} stories)")
        print("where the CoNLL F1 is lost, by gold topic (gain in points if the topic's mentions were clustered as "
              "the gold, its nodes split by gold cluster, or split by gold sub-topic):")
        print("\n".join(event_topics.lines(event_topics.topic_losses(corpus, mapped, stories))), flush=True)
    return coref.evaluate(corpus, heads, product, ["Event"]).scores.conll


if __name__ == "__main__":
    sys.exit(main())
