"""spaCy's stock pipeline against newsgraph's faster attribute ruler and lemmatizer: same annotations, less time.

    python -m benchmarks.components [--data DIR] [--limit N] [--seeds] [--repeat 3] [--model NAME]

The first ``--limit`` ECB+ articles (all 982 by default; with ``--seeds``, the seed articles too) are parsed with
the model as spaCy loads it and with ``newsgraph.ingest.fast_components.speed_up`` applied to a second copy of
it. Every token's tag, part of speech, morphology, lemma, dependency, head and entity tag must be the same in both
(the command exits 1 at the first article where they are not). Then each component's CPU time is taken in both
pipelines, ``--repeat`` rounds in turns, each round on pipelines loaded afresh (what the components remember, such
as lemmas already worked out, starts empty, as in a worker that parses the corpus once), the least of each printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from benchmarks.paths import ROOT, add_data_argument

#: Token columns the two pipelines must agree on.
COLUMNS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START")


def _texts(args: argparse.Namespace) -> list[str]:
    texts = []
    with open(args.data / "ecbplus" / "docs.jsonl", encoding="utf-8") as f:
        for line in f:
            if args.limit and len(texts) >= args.limit:
                break
            texts.append(json.loads(line)["text"])
    if args.seeds:
        from newsgraph.ingest.articles import read_articles
        from newsgraph.model import Article

        texts += [a.text for a in read_articles([ROOT / "seeds"]) if isinstance(a, Article)]
    return texts


def _component_seconds(nlp, texts: list[str]) -> dict[str, float]:
    """CPU seconds of each component over ``texts`` (16 a batch), and of the tokenizer."""
    seconds = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for start in range(0, len(texts), 16):
        clock = time.process_time()
        docs = [nlp.make_doc(text) for text in texts[start:start + 16]]
        seconds["tokenizer"] += time.process_time() - clock
        for name, component in nlp.pipeline:
            clock = time.process_time()
            docs = list(component.pipe(docs, batch_size=16)) if hasattr(component, "pipe") else [
                component(doc) for doc in docs]
            seconds[name] += time.process_time() - clock
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_argument(parser)
    parser.add_argument("--limit", type=int, default=0, help="the first N ECB+ articles (default: all)")
    parser.add_argument("--seeds", action="store_true", help="the seed articles too")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    import spacy

    from newsgraph.ingest.fast_components import speed_up
    from newsgraph.ingest.nlp import DEFAULT_MODEL

    model = args.model or DEFAULT_MODEL

    def load(fast: bool):
        nlp = spacy.load(model)
        return nlp, (speed_up(nlp) if fast else [])

    (stock, _), (faster, changed) = load(False), load(True)
    texts = _texts(args)
    print(f"{len(texts)} articles; components made faster: {', '.join(changed) or 'none'}")
    for number, (a, b) in enumerate(zip(stock.pipe(texts, batch_size=16), faster.pipe(texts, batch_size=16))):
        # lemmas and morphology are compared by their string hashes, equal exactly where the strings are
        if not (a.to_array(list(COLUMNS)) == b.to_array(list(COLUMNS))).all():
            print(f"article {number}: the annotations differ", file=sys.stderr)
            sys.exit(1)
    print(f"every token's {', '.join(COLUMNS).lower()} the same in both pipelines")
    best: dict[str, dict[str, float]] = {"stock": {}, "faster": {}}
    for _ in range(args.repeat):
        for label in ("stock", "faster"):
            nlp, _ = load(label == "faster")
            for name, seconds in _component_seconds(nlp, texts).items():
                best[label][name] = min(seconds, best[label].get(name, seconds))
    total = {label: sum(times.values()) for label, times in best.items()}
    print(f"{'CPU seconds, least of ' + str(args.repeat):<28}{'stock':>9}{'faster':>9}")
    for name in best["stock"]:
        print(f"  {name:<26}{best['stock'][name]:>9.2f}{best['faster'][name]:>9.2f}")
    print(f"  {'all':<26}{total['stock']:>9.2f}{total['faster']:>9.2f}   faster / stock "
          f"{total['faster'] / total['stock']:.3f}")


if __name__ == "__main__":
    main()
