"""Where an ingest's CPU goes: the worker processes, the ingesting process, the FalkorDB server.

    python -m benchmarks.worker_cpu [--data DIR] [--limit 240] [--chunk-size 64] [--workers 1]

The first ``--limit`` ECB+ articles go through ``newsgraph.pipeline.ingest`` with ``--workers`` worker processes
into a fresh embedded FalkorDB, the workers started and their pipelines loaded before the clock
(``open_analyzer(...).ready()``).
Printed: wall seconds and the CPU seconds of each process over the ingest (psutil for the worker and the server,
``getrusage`` for this process). On a loaded machine wall time says little, but the split of the CPU still shows
which process sets the pace: with one worker, the ingest can go no faster than its worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from benchmarks.paths import add_data_argument
from benchmarks.throughput import DOCS, write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--limit", type=int, default=240)
    parser.add_argument("--chunk-size", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    import psutil

    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.parallel import open_analyzer
    from newsgraph.pipeline import ingest
    from newsgraph.settings import Settings

    with tempfile.TemporaryDirectory(prefix="ng-worker-cpu-") as tmp:
        corpus = write_corpus(args.data / DOCS, Path(tmp, "corpus"), 1, args.limit)
        settings = Settings.build({"data_dir": tmp, "workers": args.workers, "batch_size": 16,
                                   "chunk_size": args.chunk_size}, {})
        with EmbeddedFalkorDB(Path(tmp, "db"), startup_timeout=600) as server:
            store = FalkorStore(server.client(), "bench", batch_size=settings.write_batch_size)
            store.ensure_schema()
            server_process = psutil.Process(server.pid)
            with open_analyzer(settings) as analyzer:
                workers = [psutil.Process(pid) for pid in analyzer.ready()]

                def cpu() -> tuple[float, ...]:
                    mine = resource.getrusage(resource.RUSAGE_SELF)
                    return (mine.ru_utime + mine.ru_stime, sum(server_process.cpu_times()[:2]),
                            *(sum(w.cpu_times()[:2]) for w in workers))

                before, started = cpu(), time.perf_counter()
                report = ingest([corpus], store, settings, analyzer=analyzer)
                wall, after = time.perf_counter() - started, cpu()
    spent = [b - a for a, b in zip(before, after)]
    workers_cpu = " + ".join(f"{s:.1f}" for s in spent[2:])
    print(f"{len(report.ingested)} articles, {report.chunks} chunks: wall {wall:.1f} s; "
          f"CPU: worker(s) {workers_cpu} s, this process {spent[0]:.1f} s, server {spent[1]:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
