"""Line exports of a whole stored graph, written straight from the store's rows.

``export_whole(store, fmt, path)`` writes the same bytes as ``export(store.read_graph(), fmt, path)`` for the
formats in ``STREAMED``, without reading the whole graph into networkx: it reads only the columns the format needs
(``newsgraph.graph.export_reads``) and renders each line from them. On the ECB+ graph that is the difference
between reading some 100,000 relationships with every property and reading 14,000 evidence rows (or, for
sources-jsonl, the Source nodes alone).
"""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from newsgraph.errors import BadSetting
from newsgraph.graph import export_reads
from newsgraph.graph.evidence_lines import evidence_lines
from newsgraph.graph.jsonl_export import sources_lines
from newsgraph.graph.output import check_path, write_file
from newsgraph.graph.store import GraphStore

#: The formats ``export_whole`` writes from the store's rows.
STREAMED = ("evidence-jsonl", "sources-jsonl")


@dataclass(frozen=True)
class LineExport:
    """What ``export_whole`` wrote: the file, how many lines, and whether all of them (False when a stream's
    reader stopped reading)."""

    path: Path
    lines: int
    complete: bool = True


def export_whole(store: GraphStore, fmt: str, path: str | os.PathLike) -> LineExport:
    """Write the whole graph of ``store`` to ``path`` in the line format ``fmt`` (one of ``STREAMED``): the
    bytes ``newsgraph.graph.export.export`` writes for ``store.read_graph()``, written the same way (a temporary
    file renamed into place; a device or FIFO written to).

    Raises:
        BadSetting: ``fmt`` is not one of ``STREAMED``; the path cannot be written (as ``export``).
        StoreUnavailable: the store failed.
    """
    if fmt not in STREAMED:
        raise BadSetting(f"{fmt!r} is not written from the store's rows; choose one of: {', '.join(STREAMED)}")
    check_path(path, fmt, one_file=True)
    target = Path(path)
    lines = _evidence_lines(store) if fmt == "evidence-jsonl" else sources_lines(export_reads.source_nodes(store))
    try:
        complete = write_file(target, "".join(lines).encode("utf-8"), what=fmt)
    except OSError as exc:
        raise BadSetting(f"cannot export to {target}: {(exc.strerror or str(exc)).lower()}") from exc
    return LineExport(target, len(lines), complete)


def _evidence_lines(store: GraphStore) -> list[str]:
    """The lines of evidence-jsonl, in order: each Evidence node of a relation read back, its ends named from
    their nodes, once for every edge that carries its relation id.

    Where the store allows (``GraphStore.parallel_reads``), the reads overlap: the evidence is read on a connection
    of its own while this thread reads and indexes the names of the ends, and the relations, FalkorDB's slowest
    read here (mostly the server's time, needed last), on a third once the names are in (FalkorDB runs two
    statements at a time on two cores). The lines are made a column at a time (``newsgraph.graph.evidence_lines``).
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        relations: Future[Counter[str]] = Future()
        evidence: Future[tuple[list[str], list[list[Any]]]] = Future()
        if store.parallel_reads:
            evidence = pool.submit(export_reads.evidence_rows, store)
            known = export_reads.end_names(store)
            relations = pool.submit(export_reads.relation_edges, store)
        else:
            relations.set_result(export_reads.relation_edges(store))
            evidence.set_result(export_reads.evidence_rows(store))
            known = export_reads.end_names(store)
        names, rows = evidence.result()
        at = {name: k for k, name in enumerate(names)}
        ends = {row[at[f"{side}_id"]] for row in rows for side in ("subject", "object")}
        nodes = export_reads.other_names(store, (end for end in ends if isinstance(end, str)), known)
        keys, lines = evidence_lines(names, rows, nodes)
        edges: Counter[Any] = relations.result()  # an evidence without a relation id is on no edge: 0
    edge_ids = [row[at["edge_id"]] for row in rows]
    kept = [(key, line) for edge_id, key, line in zip(edge_ids, keys, lines) for _ in range(edges[edge_id])]
    kept.sort(key=itemgetter(0))
    return [line for _, line in kept]
