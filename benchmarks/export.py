"""Time ``newsgraph export`` of the whole ECB+ graph in every format: the command as a user runs it, and where its
time goes (the store's read queries on the server, the read in this process, the rendering).

    python -m benchmarks.export [--data DIR] [--store-dir DIR] [--repeat 3] [--formats graphml,json,...]
                                [--cold] [--no-command | --no-read] [--save DIR | --compare DIR] [--profile]

The ECB+ articles are ingested into ``--store-dir`` the first time (the same store as ``benchmarks.workbench``;
several minutes on two cores). Figures are medians of ``--repeat`` runs, taken in turns:

* ``command``: ``python -m newsgraph export -f FORMAT`` in a fresh process, wall and CPU (of that process), with
  the server already running (this benchmark holds it, as a ``browse`` or another command would); ``--cold`` also
  times it with no server running (start-up, loading the graph and the stop included).
* ``read``: ``GraphStore.read_graph()`` in this process, wall and CPU, and the server's own time for its queries
  (the sum of FalkorDB's "Query internal execution time" over every statement sent).
* ``render``: ``export()`` of the graph read, per format, wall and CPU.

``--no-read`` times the command alone, ``--no-command`` the read and the render alone. ``--save DIR`` keeps the
last export of each format in DIR (the render's, else the command's); ``--compare DIR`` checks that this version's
exports, the command's and the render's, are byte for byte those saved (a whole-graph line export is written by
the command from the store's rows, ``newsgraph.graph.line_export``, not from the graph read). ``--profile`` prints
cProfile's top functions for the read and FalkorDB's ``GRAPH.PROFILE`` of each read statement.
"""

from __future__ import annotations

import argparse
import cProfile
import filecmp
import io
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.paths import ROOT, add_data_argument

TARGET_S = 2.0
FORMATS = ("graphml", "gexf", "json", "csv", "evidence-jsonl", "entities-jsonl", "mentions-jsonl", "html")
_SERVER_MS = re.compile(r"Query internal execution time: ([\d.]+) milliseconds")


def _target(fmt: str, folder: Path) -> Path:
    return folder / {"csv": "export.zip", "html": "export.html"}.get(fmt, f"export.{fmt}")


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_command(fmt: str, store_dir: Path, out: Path) -> tuple[float, float]:
    """``newsgraph export`` in a fresh process: (wall, CPU) seconds."""
    cpu, wall = _cpu_children(), time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newsgraph", "export", "-f", fmt, "-o", str(out),
                           "--data-dir", str(store_dir)], capture_output=True, text=True)
    wall, cpu = time.perf_counter() - wall, _cpu_children() - cpu
    if done.returncode:
        raise SystemExit(f"newsgraph export -f {fmt} failed: {done.stderr.strip()}")
    return wall, cpu


class ServerClock:
    """Records every statement sent on a redis connection and sums the server's own time from the replies'
    statistics (the last element of a GRAPH.QUERY / GRAPH.RO_QUERY reply)."""

    def __init__(self, connection: Any) -> None:
        self.statements: list[tuple] = []
        self.ms = 0.0
        original = connection.execute_command

        def execute_command(*args: Any, **options: Any) -> Any:
            reply = original(*args, **options)
            if args and str(args[0]).upper() in {"GRAPH.QUERY", "GRAPH.RO_QUERY"}:
                self.statements.append(args)
                stats = reply[-1] if isinstance(reply, list) and reply else []
                for line in stats if isinstance(stats, list) else []:
                    text = line.decode() if isinstance(line, bytes) else str(line)
                    found = _SERVER_MS.search(text)
                    if found:
                        self.ms += float(found.group(1))
            return reply

        connection.execute_command = execute_command

    def reset(self) -> None:
        self.statements, self.ms = [], 0.0


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    cpu, wall = _cpu_self(), time.perf_counter()
    result = work()
    return time.perf_counter() - wall, _cpu_self() - cpu, result


def _render(graph: Any, fmt: str, out: Path) -> None:
    if fmt == "html":
        from newsgraph.workbench.html_export import export_html

        export_html(graph, out, title="newsgraph: whole graph", start=())
    else:
        from newsgraph.graph.export import export

        export(graph, fmt, out)


def _profile_statements(connection: Any, statements: list[tuple]) -> None:
    """FalkorDB's GRAPH.PROFILE of each statement (its operations with records produced and time)."""
    for args in statements:
        command, graph_name, query, *_ = args
        shown = re.sub(r"\s+", " ", str(query))
        print(f"\nGRAPH.PROFILE {shown[:300]}{' ...' if len(shown) > 300 else ''}")
        for line in connection.execute_command("GRAPH.PROFILE", graph_name, query):
            print("   ", line.decode() if isinstance(line, bytes) else line)


def _ensure_graph(store: Any, settings: Any, data: Path) -> None:
    from benchmarks.workbench import write_articles
    from newsgraph.pipeline import ingest

    if store.counts()["sources"] == 0:
        print(f"ingesting ECB+ into {settings.data_dir} (once; several minutes)")
        with tempfile.TemporaryDirectory() as tmp:
            ingest([write_articles(data, Path(tmp) / "ecbplus.jsonl")], store, settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--store-dir", type=Path, default=ROOT / ".bench" / "workbench-ecbplus",
                        help="the embedded store holding the ECB+ graph (ingested into it when empty)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the median is shown)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    parser.add_argument("--cold", action="store_true", help="also time the command with no server running")
    parser.add_argument("--no-command", action="store_true", help="time only the read and the rendering")
    parser.add_argument("--no-read", action="store_true", help="time only the command (no read_graph, no render)")
    parser.add_argument("--save", type=Path, help="write one export per format into this folder")
    parser.add_argument("--compare", type=Path, help="compare the exports with those saved in this folder")
    parser.add_argument("--profile", action="store_true", help="cProfile the read; GRAPH.PROFILE its statements")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise SystemExit(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")

    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.settings import Settings

    settings = Settings.build({"data_dir": str(args.store_dir)}, {})
    command: dict[str, list[tuple[float, float]]] = {f: [] for f in formats}
    cold: dict[str, list[tuple[float, float]]] = {f: [] for f in formats}
    render: dict[str, list[tuple[float, float]]] = {f: [] for f in formats}
    reads: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "command").mkdir()
        if args.cold:  # the store must exist and no server run on it
            with EmbeddedFalkorDB(settings.data_dir) as server:
                store = FalkorStore(server.client(), settings.graph)
                store.ensure_schema()
                _ensure_graph(store, settings, args.data)
            for _ in range(args.repeat):
                for fmt in formats:
                    cold[fmt].append(run_command(fmt, settings.data_dir, _target(fmt, tmp / "command")))
        with EmbeddedFalkorDB(settings.data_dir) as server:
            client = server.client()
            store = FalkorStore(client, settings.graph)
            store.ensure_schema()
            _ensure_graph(store, settings, args.data)
            counts = store.counts()
            print(f"graph: {counts['sources']} sources, {counts['entities']} entities, {counts['concepts']} "
                  f"concepts, {counts['relations']} relations, {counts['evidence']} evidence rows")
            clock = ServerClock(client.connection)
            graph = None
            for _ in range(args.repeat):
                for fmt in [] if args.no_command else formats:
                    command[fmt].append(run_command(fmt, settings.data_dir, _target(fmt, tmp / "command")))
                if args.no_read:
                    continue
                clock.reset()
                wall, cpu, graph = _timed(store.read_graph)
                reads.append((wall, cpu, clock.ms / 1000 if clock.statements else float("nan")))
                for fmt in formats:
                    wall, cpu, _ = _timed(lambda fmt=fmt: _render(graph, fmt, _target(fmt, tmp)))
                    render[fmt].append((wall, cpu))
            if graph is not None:
                kinds: dict[str, int] = {}
                for _, data in graph.nodes(data=True):
                    kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
                print(f"read: {graph.number_of_nodes()} nodes "
                      f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}),"
                      f" {graph.number_of_edges()} edges, {len(clock.statements)} statements")
            if args.profile and graph is not None:
                profiler = cProfile.Profile()
                profiler.enable()
                store.read_graph()
                profiler.disable()
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
                print(text.getvalue())
                _profile_statements(client.connection, clock.statements)
        print(f"\nwhole ECB+ graph, median of {args.repeat} runs (wall / CPU seconds)")
        if reads:
            wall, cpu, server_s = (statistics.median(r[i] for r in reads) for i in range(3))
            print(f"  read_graph (in process)     {wall:6.2f} / {cpu:6.2f}   server {server_s:5.2f} s"
                  + ("" if server_s == server_s else "  (not seen: the store did not send through redis-py)"))
        for fmt in formats:
            line = f"  export -f {fmt:15}"
            if render[fmt]:
                rw, rc = (statistics.median(r[i] for r in render[fmt]) for i in range(2))
                line += f" render {rw:6.2f} / {rc:6.2f}"
            if command[fmt]:
                mw, mc = (statistics.median(r[i] for r in command[fmt]) for i in range(2))
                line += (f"   command {mw:6.2f} / {mc:6.2f}   {'meets' if mw <= TARGET_S else 'MISSES'} the "
                         f"{TARGET_S:.0f} s target")
            if cold[fmt]:
                line += f"   cold {statistics.median(r[0] for r in cold[fmt]):6.2f}"
            print(line)
        for folder, compare in ((args.save, False), (args.compare, True)):
            if folder is None:
                continue
            folder.mkdir(parents=True, exist_ok=True)
            for fmt in formats:
                kept = _target(fmt, folder)
                made = [(how, _target(fmt, where)) for how, where in (("command", tmp / "command"), ("render", tmp))
                        if _target(fmt, where).exists()]
                for how, path in made:
                    if compare:
                        same = kept.exists() and filecmp.cmp(path, kept, shallow=False)
                        print(f"  {fmt:15} {how:7} {'identical to' if same else 'DIFFERS from'} {kept}")
                    elif how == made[-1][0]:
                        os.replace(path, kept)
            if not compare:
                print(f"  exports saved in {folder}")


if __name__ == "__main__":
    main()
