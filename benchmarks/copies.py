"""Wire copies on ECB+: how many article pairs the copy detector links at several thresholds, on the train and dev
topics.

Every ECB+ article of the train and dev topics (the test topics are left out: they are for scoring, not tuning; the
text as the product ingests it: sentences joined by newlines)
goes through ``newsgraph.graph.copies`` in corpus order with its URL, as an ingest would send it. For each
threshold the report gives the pairs found, how many lie within one topic (ECB+ topics are about one event each, so
a pair across topics would be a false copy), how many link two different outlets (hosts from ``doc_sources.tsv``;
the ``ecb`` sub-corpus has none), the copy groups of two or more articles and the articles in them, how many pairs
are two versions of one URL (linked whatever their words), and, with ``--show``, the pairs at one threshold with
their opening words, for checking by hand.

    python -m benchmarks.copies [--data ../shared/data] [--thresholds 0.3 0.4 0.5 0.6 0.7 0.8] [--show 0.5]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from benchmarks.corpora import read_jsonl
from benchmarks.paths import add_data_argument
from newsgraph.graph.copies import DEFAULT_THRESHOLD, CopyIndex, fingerprint
from newsgraph.ingest.outlets import outlet_from_url

#: The ECB+ splits measured: never the test topics.
SPLITS = frozenset({"train", "dev"})


def _articles(data: Path) -> list[dict]:
    hosts: dict[str, str] = {}
    urls: dict[str, str] = {}
    with (data / "ecbplus" / "doc_sources.tsv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            hosts[row["doc_id"]] = outlet_from_url(row.get("url") or "") or row.get("host") or ""
            urls[row["doc_id"]] = row.get("url") or ""
    return [{"id": d["doc_id"], "topic": d["topic"], "outlet": hosts.get(d["doc_id"], ""),
             "url": urls.get(d["doc_id"], ""), "text": "\n".join(d["sentences"])}
            for d in read_jsonl(data / "ecbplus" / "docs.jsonl") if d["split_cybulska"] in SPLITS]


def report(articles: list[dict], threshold: float) -> tuple[list[str], list]:
    """One line of figures for ``threshold`` and the pairs found."""
    index = CopyIndex(threshold=threshold)
    found = index.assign([fingerprint(a["id"], a["text"], url=a["url"]) for a in articles])
    by_id = {a["id"]: a for a in articles}
    pairs = list(found.copies)
    within = sum(by_id[c.source]["topic"] == by_id[c.original]["topic"] for c in pairs)
    outlets = sum(bool(by_id[c.source]["outlet"]) and bool(by_id[c.original]["outlet"])
                  and by_id[c.source]["outlet"] != by_id[c.original]["outlet"] for c in pairs)
    sizes = Counter(index.group_of(a["id"]) for a in articles)
    groups = [n for n in sizes.values() if n > 1]
    line = (f"{threshold:9.2f}  {len(pairs):5d}  {within:6d}  {outlets:13d}  {len(groups):6d}  {sum(groups):8d}  "
            f"{sum(n - 1 for n in groups):9d}  {sum(c.same_url for c in pairs):8d}")
    return [line], pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.copies", description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    parser.add_argument("--show", type=float, default=None, help="print the pairs found at this threshold")
    args = parser.parse_args(argv)
    articles = _articles(args.data)
    print(f"ECB+: {len(articles)} articles in {len({a['topic'] for a in articles})} topics "
          f"(default threshold {DEFAULT_THRESHOLD})")
    print("threshold  pairs  within  other outlet  groups  articles  redundant  same url")
    by_id = {a["id"]: a for a in articles}
    for threshold in sorted(set(args.thresholds) | ({args.show} if args.show else set())):
        lines, pairs = report(articles, threshold)
        print("\n".join(lines))
        if args.show is not None and threshold == args.show:
            shown = pairs
    if args.show is not None:
        print(f"\npairs at {args.show}:")
        for c in sorted(shown, key=lambda c: -c.similarity):
            a, b = by_id[c.source], by_id[c.original]
            opening = " ".join(a["text"].split("\n")[1 if a["outlet"] else 0].split()[:10])
            print(f"  {c.similarity:.2f}  {c.source} ({a['outlet'] or '-'}) -> {c.original} ({b['outlet'] or '-'})"
                  f"{'  same url' if c.same_url else ''}  {opening}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
