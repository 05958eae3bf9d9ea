"""CaRB dev benchmark of newsgraph's open-IE extractor, scored as the official CaRB scorer does.

    python -m benchmarks.carb [--data DIR] [--limit N] [--out carb_dev_output.tsv] [--misses]

Parses the dev sentences as given (they are tokenised: a Doc is built from their whitespace tokens and the
pipeline runs on it), runs the n-ary open-IE extractor (``newsgraph.ingest.openie``), writes the tuples in
CaRB's tabbed format and prints precision, recall, F1 and AUC overall and on the newswire subset
(``benchmarks.carb_scorer``), with the extraction speed next to the parse speed (both measured in this run).
``--misses`` adds why the gold tuples no prediction matches were missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks import carb_scorer
from benchmarks.paths import add_data_argument
from newsgraph.ingest.nlp import DEFAULT_MODEL, load_pipeline, parse_pretokenised
from newsgraph.ingest.openie import openie_tuples


def extract(sentences: list[str], model: str = DEFAULT_MODEL) -> tuple[dict, float, float]:
    """Return {sentence: [Tuple_]}, parse seconds and extraction seconds."""
    nlp = load_pipeline(model)
    started = time.perf_counter()
    docs = list(parse_pretokenised((s.split() for s in sentences), nlp))
    parsed = time.perf_counter()
    output = {}
    for sentence, doc in zip(sentences, docs):
        output[sentence] = [carb_scorer.Tuple_(rel, args, conf) for rel, args, conf in openie_tuples(doc)]
    return output, parsed - started, time.perf_counter() - parsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--out", type=Path, default=None, help="write the tabbed system output here")
    parser.add_argument("--misses", action="store_true", help="break the missed gold tuples down by cause")
    args = parser.parse_args(argv)
    data = args.data / "carb-dev"
    sentences = [s.strip() for s in (data / "dev_sentences.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
    if args.limit:
        sentences = sentences[: args.limit]
    gold = carb_scorer.read_gold(data / "dev.tsv")
    system, parse_s, extract_s = extract(sentences)
    if args.out:
        carb_scorer.write_system(args.out, system)
    keys = {carb_scorer.normalize_sentence(s) for s in sentences}
    gold = {k: v for k, v in gold.items() if carb_scorer.normalize_sentence(k) in keys}
    newswire = carb_scorer.newswire_sentences(data / "dev_sentence_domain.tsv")
    overall = carb_scorer.score(gold, system)
    news = carb_scorer.score(gold, system, sentences=newswire)
    print(f"CaRB dev ({len(sentences)} sentences, {sum(map(len, system.values()))} tuples)")
    for name, s in (("all", overall), ("newswire", news)):
        print(f"  {name:9} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  AUC {s.auc:.3f}")
    print(f"  speed: parse {len(sentences) / parse_s:,.0f} sentences/s; extraction alone "
          f"{len(sentences) / extract_s:,.0f} sentences/s = {extract_s / parse_s:.1%} of parse time")
    if args.misses:
        causes = miss_causes(gold, system)
        total = sum(causes.values())
        print(f"  missed gold tuples: {total}")
        for cause, n in causes.most_common():
            print(f"    {n:5}  {cause}")
    return 0


def miss_causes(gold: dict, system: dict) -> Counter:
    """Why each gold tuple that no prediction matches was missed (the official matcher needs only a shared
    relation word and the gold's number of arguments, up to two):

    - ``no relation word shared``: no prediction of the sentence shares a relation word with it (implicit
      relations such as "is part of" or "has", other wording, a clause not found);
    - ``too few arguments``: a prediction shares a relation word but lacks the second argument;
    - ``no tuple for the sentence``.
    """
    predictions = {carb_scorer.normalize_sentence(k): v for k, v in system.items()}
    causes: Counter = Counter()
    for sentence, gold_tuples in gold.items():
        preds = predictions.get(carb_scorer.normalize_sentence(sentence), [])
        for g in gold_tuples:
            if any(carb_scorer.match(g, p) is not None for p in preds):
                continue
            if not preds:
                causes["no tuple for the sentence"] += 1
            elif any(carb_scorer.match(g, carb_scorer.Tuple_(p.relation, ["-", "-"])) for p in preds):
                causes["too few arguments"] += 1
            else:
                causes["no relation word shared"] += 1
    return causes


if __name__ == "__main__":
    sys.exit(main())
