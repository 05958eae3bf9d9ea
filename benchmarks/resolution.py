"""Cross-document entity coreference of the product alone, on the ECB+ dev topics and on MEANTIME.

    python -m benchmarks.resolution [--data DIR] [--split dev|train] [--only ecb|meantime] [--mentions FILE]
                                    [--meantime-mentions FILE] [--data-dir STORE] [--order shuffled|sorted]
                                    [--seed N]

Each corpus's articles go through a real ``newsgraph ingest`` into an embedded store of its own (all articles in
one graph: no gold topic reaches the product), its ``newsgraph export --format mentions-jsonl`` is read, and each
gold entity mention takes the node of the product mention covering its head token (``benchmarks/coref.py``);
unmapped = singleton. Gold: ECB+ dev topics 2, 5, 12, 18, 21, 23, 34, 35, entity mentions of the selected
sentences, singletons kept (``--split train``: the train topics, which the rules may have been chosen on);
MEANTIME, every entity mention (topics = its four corpus folders). The articles go in shuffled with ``--seed``
(default 0): sorted by id, each gold topic's articles would come one after another, a hint of the gold the
product's online story clustering takes; ``--order sorted`` measures that order.

Which nodes count: the headline maps gold mentions to ``Entity`` **and** ``Concept`` nodes. Both are the product's
answer to "what is this noun phrase about": a gold entity mention the product keeps as a concept ("the actress"
left unlinked, "rehab", "the ceasefire") is clustered as the product clusters that concept, merges and all, so
concepts shared across unrelated stories cost precision and concepts resolved within a story earn recall. The
``Entity``-only line beside it shows what the named entities alone give. Where both cover a head token, the
tighter mention wins (``coref.map_to_nodes``).

Targets (issue 16): ECB+ dev CoNLL ≥ 72, MEANTIME ≥ 62, product alone. Beside the product: the same head lemma
within the gold topic (uses gold topics; the ECB+ README's anchors are of this kind), the same head lemma over the
whole corpus, and all singletons.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchmarks import coref, corpora
from benchmarks.paths import add_data_argument
from benchmarks.product import ProductRunError, add_product_arguments, product_mentions

HEADLINE_LABELS = ("Entity", "Concept")
TARGETS = {"ecbplus-dev": 0.72, "ecbplus-train": 0.72, "meantime": 0.62}


def report(corpus: corpora.GoldCorpus, heads: dict, product: list[coref.ProductMention], how: str,
           target: float) -> list[str]:
    """The printed report of the product's entity clustering against the gold and the baselines."""
    key = coref.key_clusters(corpus)
    counts = {label: (sum(p.node_label == label for p in product),
                      len({p.node_id for p in product if p.node_label == label})) for label in HEADLINE_LABELS}
    headline = coref.evaluate(corpus, heads, product, HEADLINE_LABELS)
    entities = coref.evaluate(corpus, heads, product, ["Entity"])
    return [
        f"{corpus.name}: {len(corpus.articles)} articles, {len(corpus.mentions)} gold mentions in {len(key)} "
        "clusters (singletons kept)",
        f"product: {how}; " + ", ".join(f"{n} {label} mentions on {nodes} nodes"
                                        for label, (n, nodes) in counts.items()),
        coref.HEADER,
        coref.line("product alone: Entity + Concept nodes", headline.scores, f"coverage {headline.coverage:.2f}"),
        coref.line("product alone: Entity nodes only", entities.scores, f"coverage {entities.coverage:.2f}"),
        coref.line("same head lemma within the gold topic", coref.score(key, coref.lemma_clusters(
            corpus, heads, gold_topics=True)), "baseline; uses gold topics"),
        coref.line("same head lemma, no gold topics", coref.score(key, coref.lemma_clusters(
            corpus, heads, gold_topics=False))),
        coref.line("all singletons", coref.score(key, coref.singletons(corpus))),
        coref.line("perfect merge of the mapped mentions", coref.score(key, coref.mapped_ceiling(
            corpus, headline.mapped)), "ceiling at this coverage"),
        f"  unmapped gold mentions by head part of speech: {coref.unmapped_by_pos(heads, headline.mapped) or 'none'}",
        f"target: CoNLL ≥ {100 * target:.0f} ({'met' if headline.scores.conll >= target else 'not met'})",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.resolution", description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--only", choices=["ecb", "meantime"], default=None, help="score one corpus only")
    parser.add_argument("--split", choices=corpora.ECB_SPLITS, default="dev", help="the ECB+ split (default dev)")
    parser.add_argument("--model", default=None, help="spaCy pipeline for the gold heads (default: the product's)")
    add_product_arguments(parser)
    parser.add_argument("--meantime-mentions", type=Path, default=None, metavar="FILE",
                        help="score this mentions-jsonl export on MEANTIME instead of ingesting its articles "
                             "(--mentions is the ECB+ one)")
    args = parser.parse_args(argv)
    from newsgraph.ingest.nlp import DEFAULT_MODEL, load_pipeline

    nlp = load_pipeline(args.model or DEFAULT_MODEL)
    runs = [(f"ecbplus-{args.split}", lambda: corpora.load_ecbplus(args.data, "entity", args.split), args.mentions,
             "ecb"),
            ("meantime", lambda: corpora.load_meantime(args.data), args.meantime_mentions, "meantime")]
    for name, load, given, short in runs:
        if args.only not in (None, short):
            continue
        try:
            corpus = load()
            docs = coref.parse_articles(nlp, corpus.articles)
            heads = coref.gold_heads(corpus, docs)
            with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as work:
                path, how = product_mentions(corpus, args, docs, name, given, Path(work))
                product = coref.read_product_mentions(path)
        except (corpora.BenchmarkInputError, ProductRunError) as exc:
            print(f"benchmarks.resolution: error: {exc}", file=sys.stderr)
            return 2
        print("\n".join(report(corpus, heads, product, how, TARGETS[name])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
