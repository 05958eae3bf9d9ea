"""Run the product on a benchmark's articles as a user would: ``newsgraph ingest`` into an embedded store, then
``newsgraph export``, each a ``newsgraph`` command in a process of its own."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.corpora import ORDERS, GoldCorpus, write_articles

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ProductRunError(RuntimeError):
    """A ``newsgraph`` command failed; the message holds the command and the last line it wrote on stderr."""


@dataclass(frozen=True)
class Store:
    """An embedded store the benchmark ingested into, and how long its ingest took."""

    data_dir: Path
    ingest_seconds: float = 0.0
    ingested: int = 0
    already: int = 0
    skipped: int = 0

    def counts(self) -> str:
        """What the ingest's summary said it did, for a report's header."""
        return f"{self.ingested} ingested, {self.already} already stored, {self.skipped} skipped"

    def earlier(self) -> str | None:
        """A one-line warning when some articles were in the store before this run, else None: their graph is
        the one an earlier ingest (earlier code, maybe another order) built, and that is what gets scored."""
        if not self.already:
            return None
        return (f"warning: scoring a store ingested earlier: {self.already} of {self.already + self.ingested} "
                f"articles were already stored in {self.data_dir} and were not ingested again (give a fresh "
                f"--data-dir after a code change)")

    def export(self, fmt: str, path: Path) -> Path:
        """``newsgraph export --format fmt -o path`` of the whole graph; returns ``path``."""
        _newsgraph("export", "--format", fmt, "-o", str(path), "--data-dir", str(self.data_dir))
        return path


#: The ingest's summary line: ``ingested N article(s) (...) in S s; A already stored; [R repeated in the input; ]K
#: skipped``.
SUMMARY = re.compile(r"ingested (\d+) article\(s\).*?; (\d+) already stored; (?:\d+ repeated in the input; )?"
                     r"(\d+) skipped")


def summary_counts(stdout: str) -> tuple[int, int, int]:
    """Articles ingested, already stored and skipped, from ``newsgraph ingest``'s summary.

    >>> summary_counts("ingested 3 article(s) (9 words, 2 sentences) in 1.0 s; 2 already stored; 1 skipped\\n")
    (3, 2, 1)

    Raises:
        ProductRunError: no summary line.
    """
    found = SUMMARY.search(stdout)
    if found is None:
        raise ProductRunError(f"`newsgraph ingest` printed no summary: {stdout.strip()[-300:]!r}")
    ingested, already, skipped = found.groups()
    return int(ingested), int(already), int(skipped)


def _newsgraph(*args: str) -> str:
    """Run ``newsgraph *args``; return what it printed on stdout."""
    command = [sys.executable, "-m", "newsgraph", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    # exit 2 after an ingest: some inputs were skipped (each named on stderr), the rest went in
    if done.returncode != 0 and not (done.returncode == 2 and args[0] == "ingest"):
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise ProductRunError(f"`newsgraph {' '.join(args)}` failed (exit {done.returncode}): {last}")
    for warning in done.stderr.strip().splitlines():
        print(f"    {warning}", file=sys.stderr)
    return done.stdout


def ingest(corpus: GoldCorpus, data_dir: Path, work: Path, workers: int = 1, order: str = "sorted",
           seed: int = 0) -> Store:
    """Write the corpus's articles to ``work/articles.jsonl`` in ``order`` (``corpora.arranged``) and ``newsgraph
    ingest`` them into the embedded store in ``data_dir``. Articles already stored there are skipped by the product
    itself, so a kept store makes a rerun cheap but scores the graph the earlier ingest built (``Store.earlier``
    warns); a store holding other articles would be scored with them (their mentions are never gold, but their
    merges count), so give a fresh or dedicated folder.

    Raises:
        ProductRunError: the ingest failed.
    """
    articles = write_articles(corpus, work / "articles.jsonl", order, seed)
    started = time.perf_counter()
    printed = _newsgraph("ingest", str(articles), "--data-dir", str(data_dir), "--workers", str(workers),
                         "--examples", "0")
    store = Store(data_dir, time.perf_counter() - started, *summary_counts(printed))
    if store.earlier():
        print(store.earlier(), file=sys.stderr)
    return store


def order_text(order: str, seed: int) -> str:
    """How the articles were ordered, for a report's header.

    >>> order_text("shuffled", 3), order_text("sorted", 3)
    ('shuffled order, seed 3', 'sorted by article id')
    """
    return f"shuffled order, seed {seed}" if order == "shuffled" else "sorted by article id"


def add_order_arguments(parser: argparse.ArgumentParser) -> None:
    """``--order`` and ``--seed``: the order the articles are ingested in."""
    parser.add_argument("--order", choices=ORDERS, default="shuffled",
                        help="ingest the articles in a seeded random order (default) or sorted by article id, "
                             "which puts each gold topic's articles one after another (a hint of the gold)")
    parser.add_argument("--seed", type=int, default=0, help="the seed of the shuffled order (default 0)")


def add_product_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every product-alone benchmark takes: a given export, or where and how to run the product."""
    parser.add_argument("--mentions", type=Path, default=None, metavar="FILE",
                        help="score this mentions-jsonl export instead of ingesting the articles")
    parser.add_argument("--data-dir", type=Path, default=None, metavar="STORE",
                        help="ingest into embedded stores under this folder (STORE/ecbplus-dev-seed0, "
                             "STORE/meantime-sorted, ...: one per corpus and order) and keep them (default: "
                             "temporary ones); articles already stored are not ingested again, and the report "
                             "warns that it scores them")
    parser.add_argument("--workers", type=int, default=1, help="newsgraph ingest --workers (default 1)")
    add_order_arguments(parser)
    parser.add_argument("--save-mentions", type=Path, default=None, metavar="DIR",
                        help="keep a copy of each scored mentions file in this folder (NAME.mentions.jsonl)")
    parser.add_argument("--from-relations", action="store_true",
                        help="build the mentions from the entities-jsonl and evidence-jsonl exports (relation "
                             "predicates as events; benchmarks/relation_mentions.py) instead of mentions-jsonl")


def product_mentions(corpus: GoldCorpus, args: argparse.Namespace, docs: dict[str, Doc], store_name: str,
                     given: Path | None, work: Path) -> tuple[Path, str]:
    """The product's mentions file for ``corpus``: ``given``, or the export of a real ingest of its articles in the
    order of ``args.order`` and ``args.seed`` (into ``args.data_dir / store_name-seedN`` or ``-sorted`` when a store
    folder is given, else into ``work``, a scratch folder the caller removes). Returns the file and a line saying
    where it came from: the order, and how many articles were ingested, already stored and skipped.

    Raises:
        ProductRunError: a ``newsgraph`` command failed.
    """
    if given is not None:
        return given, f"the given export {given}"
    folder = work
    order, seed = getattr(args, "order", "sorted"), getattr(args, "seed", 0)
    stored = f"{store_name}-seed{seed}" if order == "shuffled" else f"{store_name}-sorted"  # one store per order
    data_dir = args.data_dir / stored if args.data_dir is not None else folder / "store"
    data_dir.mkdir(parents=True, exist_ok=True)
    store = ingest(corpus, data_dir, folder, args.workers, order, seed)
    if args.from_relations:
        from benchmarks.relation_mentions import write_relation_mentions

        path = write_relation_mentions(store.export("entities-jsonl", folder / "entities.jsonl"),
                                       store.export("evidence-jsonl", folder / "evidence.jsonl"), docs,
                                       folder / "mentions.jsonl")
        how = "entities-jsonl + evidence-jsonl exports (relations as events)"
    else:
        path = store.export("mentions-jsonl", folder / "mentions.jsonl")
        how = "mentions-jsonl export"
    if args.save_mentions is not None:
        args.save_mentions.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, args.save_mentions / f"{store_name}.mentions.jsonl")
    kept = f"store {data_dir}" if args.data_dir is not None else "a temporary store"
    return path, (f"{how} of a real ingest ({len(corpus.articles)} articles, {order_text(order, seed)}: "
                  f"{store.counts()}; {store.ingest_seconds:.0f} s, {kept})"
                 )
