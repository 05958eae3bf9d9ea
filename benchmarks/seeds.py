"""Time the main job on the seed articles, against spaCy's own parse of the same texts, in one run.

    python -m benchmarks.seeds [--repeat 5]

Prints, as medians over the repeats: spaCy parse time (nlp.pipe, same model and batch size), newsgraph's
analysis (mentions + triples), resolution + graph build, and the write to a fresh embedded FalkorDB, with each
stage's ratio to the parse time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.paths import ROOT
from newsgraph.graph.build import build_graph
from newsgraph.graph.falkor import FalkorStore
from newsgraph.graph.resolve import resolve
from newsgraph.graph.server import EmbeddedFalkorDB
from newsgraph.ingest.analyze import analyze
from newsgraph.ingest.articles import read_articles
from newsgraph.ingest.nlp import load_pipeline

#: The repository's seed articles (not shared data: they ship with the repository).
SEEDS = ROOT / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    nlp = load_pipeline()
    articles = list(read_articles([SEEDS]))
    words = sum(len(a.text.split()) for a in articles)
    timings: dict[str, list[float]] = {"parse": [], "analyse": [], "resolve+build": [], "write": []}
    with tempfile.TemporaryDirectory() as tmp, EmbeddedFalkorDB(Path(tmp)) as server:
        for round_ in range(args.repeat + 1):
            started = time.perf_counter()
            docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
            parsed = time.perf_counter()
            analyses = [analyze(a, d) for a, d in zip(articles, docs)]
            analysed = time.perf_counter()
            graph = build_graph(analyses, resolve(analyses))
            built = time.perf_counter()
            store = FalkorStore(server.client(), f"bench{round_}")
            store.ensure_schema()
            store.write_graph(graph)
            written = time.perf_counter()
            store.delete_all()
            if round_:  # the first round warms caches
                stages = (parsed - started, analysed - parsed, built - analysed, written - built)
                for key, value in zip(timings, stages):
                    timings[key].append(value)
    medians = {k: statistics.median(v) for k, v in timings.items()}
    parse = medians["parse"]
    print(f"seeds: {len(articles)} articles, {words} words; median of {args.repeat} runs")
    for key, value in medians.items():
        print(f"  {key:14} {value * 1000:8.1f} ms   {value / parse:6.2f} x parse")
    total = sum(medians.values())
    print(f"  {'total':14} {total * 1000:8.1f} ms   {total / parse:6.2f} x parse   "
          f"({words / total:,.0f} words/s end to end, {words / parse:,.0f} words/s parse only)")


if __name__ == "__main__":
    main()
