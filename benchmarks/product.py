"""Run the product on a benchmark's articles as a user would: ``newsgraph ingest`` into an embedded store, then
``newsgraph export``, each a ``newsgraph`` command in a process of its own."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.corpora import GoldCorpus, write_articles

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ProductRunError(RuntimeError):
    """A ``newsgraph`` command failed; the message holds the command and the last line it wrote on stderr."""


@dataclass(frozen=True)
class Store:
    """An embedded store the benchmark ingested into, and how long its ingest took."""

    data_dir: Path
    ingest_seconds: float = 0.0

    def export(self, fmt: str, path: Path) -> Path:
        """``newsgraph export --format fmt -o path`` of the whole graph; returns ``path``."""
        _newsgraph("export", "--format", fmt, "-o", str(path), "--data-dir", str(self.data_dir))
        return path


def _newsgraph(*args: str) -> None:
    command = [sys.executable, "-m", "newsgraph", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    # exit 2 after an ingest: some inputs were skipped (each named on stderr), the rest went in
    if done.returncode != 0 and not (done.returncode == 2 and args[0] == "ingest"):
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise ProductRunError(f"`newsgraph {' '.join(args)}` failed (exit {done.returncode}): {last}")
    for warning in done.stderr.strip().splitlines():
        print(f"    {warning}", file=sys.stderr)


def ingest(corpus: GoldCorpus, data_dir: Path, work: Path, workers: int = 1) -> Store:
    """Write the corpus's articles to ``work/articles.jsonl`` and ``newsgraph ingest`` them into the embedded store
    in ``data_dir``. Articles already stored there are skipped by the product itself, so a kept store makes a
    rerun cheap; a store holding other articles would be scored with them (their mentions are never gold, but
    their merges count), so give a fresh or dedicated folder.

    Raises:
        ProductRunError: the ingest failed.
    """
    articles = write_articles(corpus, work / "articles.jsonl")
    started = time.perf_counter()
    _newsgraph("ingest", str(articles), "--data-dir", str(data_dir), "--workers", str(workers), "--quiet")
    return Store(data_dir, time.perf_counter() - started)


def add_product_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every product-alone benchmark takes: a given export, or where and how to run the product."""
    parser.add_argument("--mentions", type=Path, default=None, metavar="FILE",
                        help="score this mentions-jsonl export instead of ingesting the articles")
    parser.add_argument("--data-dir", type=Path, default=None, metavar="STORE",
                        help="ingest into embedded stores under this folder (STORE/ecbplus-dev, STORE/meantime) and "
                             "keep them (default: temporary ones); articles already stored are not ingested again")
    parser.add_argument("--workers", type=int, default=1, help="newsgraph ingest --workers (default 1)")
    parser.add_argument("--save-mentions", type=Path, default=None, metavar="DIR",
                        help="keep a copy of each scored mentions file in this folder (NAME.mentions.jsonl)")
    parser.add_argument("--from-relations", action="store_true",
                        help="build the mentions from the entities-jsonl and evidence-jsonl exports (relation "
                             "predicates as events; benchmarks/relation_mentions.py) instead of mentions-jsonl")


def product_mentions(corpus: GoldCorpus, args: argparse.Namespace, docs: dict[str, Doc], store_name: str,
                     given: Path | None, work: Path) -> tuple[Path, str]:
    """The product's mentions file for ``corpus``: ``given``, or the export of a real ingest of its articles (into
    ``args.data_dir / store_name`` when a store folder is given, else into ``work``, a scratch folder the caller
    removes). Returns the file and a line saying where it came from.

    Raises:
        ProductRunError: a ``newsgraph`` command failed.
    """
    if given is not None:
        return given, f"the given export {given}"
    folder = work
    data_dir = args.data_dir / store_name if args.data_dir is not None else folder / "store"
    data_dir.mkdir(parents=True, exist_ok=True)
    store = ingest(corpus, data_dir, folder, args.workers)
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
    return path, (f"{how} of a real ingest ({len(corpus.articles)} articles, {store.ingest_seconds:.0f} s, "
                  f"{kept})")
