"""Workbench latency on the full ECB+ graph: the entity page and the neighbourhood API, median over many
entities, through HTTP as the browser asks for them; and how long Chromium takes to lay out and draw a 500-node view.

    python -m benchmarks.workbench [--data DIR] [--store-dir DIR] [--entities 40] [--no-render]

The ECB+ articles (``ecbplus/docs.jsonl`` under ``--data``, with the outlets of ``doc_sources.tsv``) are ingested
into ``--store-dir`` the first time (several minutes on two cores); later runs reuse that graph. The render step
needs Debian's chromium and Playwright (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.paths import ROOT, add_data_argument

DOCS = Path("ecbplus") / "docs.jsonl"
SOURCES = Path("ecbplus") / "doc_sources.tsv"
TARGET_MS = 300.0
VIEW_NODES = 500


def write_articles(data: Path, out: Path) -> Path:
    """ECB+ documents as newsgraph article JSONL: id, outlet (the host), url, text."""
    hosts = {}
    with open(data / SOURCES, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            hosts[row["doc_id"]] = (row.get("url") or "", row.get("host") or "")
    with open(data / DOCS, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as dst:
        for line in f:
            doc = json.loads(line)
            url, host = hosts.get(doc["doc_id"], ("", ""))
            dst.write(json.dumps({"id": doc["doc_id"], "outlet": host, "url": url, "text": doc["text"]},
                                 ensure_ascii=False) + "\n")
    return out


def _timed_get(url: str) -> tuple[float, dict]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = json.loads(response.read())
    return (time.perf_counter() - start) * 1000, body


def _summary(name: str, times: list[float]) -> str:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    verdict = "meets" if statistics.median(times) < TARGET_MS else "MISSES"
    return (f"{name:22} median {statistics.median(times):7.1f} ms  p90 {p90:7.1f} ms  max {times[-1]:7.1f} ms  "
            f"({len(times)} requests; {verdict} the {TARGET_MS:.0f} ms target)")


def render_view(url: str, view: dict) -> dict:
    """Lay out and draw ``view`` in the workbench page in headless Chromium; milliseconds and what was drawn."""
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url + "#/console")
        page.wait_for_selector("#main[data-ready='1']")
        result = page.evaluate("""async (view) => {
            const box = document.createElement("div");
            box.style.cssText = "position: absolute; top: 0; left: 0; width: 1400px; height: 900px; background: #fff";
            document.body.appendChild(box);
            const start = performance.now();
            const cy = window.NG.graphView(box, document.createElement("div"), view, {});
            await cy.laidOut;
            await new Promise((done) => { cy.one("render", done); cy.forceRender(); });
            await new Promise((done) => requestAnimationFrame(() => done()));
            return {ms: performance.now() - start, nodes: cy.nodes().length, edges: cy.edges().length,
                    layout: cy.nodes().length > 250 ? "concentric" : "cose"};
        }""", view)
        ARTIFACTS = ROOT / "tests" / "artifacts" / "workbench"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "view-500.png"))
        browser.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--store-dir", type=Path, default=ROOT / ".bench" / "workbench-ecbplus",
                        help="the embedded store holding the ECB+ graph (ingested into it when empty)")
    parser.add_argument("--entities", type=int, default=40, help="entities to open (half most reported, half random)")
    parser.add_argument("--no-render", action="store_true", help="skip the 500-node render in Chromium")
    args = parser.parse_args()

    from newsgraph.graph.falkor import FalkorStore
    from newsgraph.graph.server import EmbeddedFalkorDB
    from newsgraph.pipeline import ingest
    from newsgraph.settings import Settings
    from newsgraph.workbench.server import Workbench

    settings = Settings.build({"data_dir": str(args.store_dir)}, {})
    with EmbeddedFalkorDB(settings.data_dir) as server:
        store = FalkorStore(server.client(), settings.graph)
        store.ensure_schema()
        if store.counts()["sources"] == 0:
            print(f"ingesting ECB+ into {settings.data_dir} (once; several minutes)")
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                ingest([write_articles(args.data, Path(tmp) / "ecbplus.jsonl")], store, settings)
                print(f"  ingested in {time.perf_counter() - started:.0f} s")
        counts = store.counts()
        print(f"graph: {counts['sources']} sources, {counts['entities']} entities, {counts['concepts']} concepts, "
              f"{counts['relations']} relations, {counts['evidence']} evidence sentences")
        ranked = [r["id"] for r in store.run("MATCH (e:Entity) RETURN e.id AS id ORDER BY e.source_count DESC, "
                                             "e.mention_count DESC, e.id")]
        half = args.entities // 2
        chosen = ranked[:half] + random.Random(19).sample(ranked[half:], min(len(ranked) - half, args.entities - half))
        workbench = Workbench(store, "127.0.0.1", 0)
        import threading

        thread = threading.Thread(target=workbench.serve_forever, daemon=True)
        thread.start()
        try:
            _timed_get(workbench.url + "api/info")  # first contact: the layer probes
            page_ms, graph_ms, sizes = [], [], []
            for entity_id in chosen:
                q = urllib.parse.quote(entity_id)
                ms, _ = _timed_get(f"{workbench.url}api/entity?id={q}")
                page_ms.append(ms)
                ms, view = _timed_get(f"{workbench.url}api/graph?id={q}&hops=1")
                graph_ms.append(ms)
                sizes.append(len(view["nodes"]))
            print(_summary("entity page", page_ms))
            print(_summary("neighbourhood (1 hop)", graph_ms))
            print(f"{'':22} neighbourhoods of {min(sizes)}..{max(sizes)} nodes (median {statistics.median(sizes):.0f})")
            ids = "&".join(f"id={urllib.parse.quote(i)}" for i in ranked[:10])
            ms, view = _timed_get(f"{workbench.url}api/graph?{ids}&hops=2&limit=2000")
            print(f"{'2-hop neighbourhood':22} {ms:7.1f} ms for {len(view['nodes'])} nodes, {len(view['edges'])} edges "
                  f"around the 10 most reported entities")
            if not args.no_render:
                keep = {n["id"] for n in view["nodes"][:VIEW_NODES]}
                trimmed = {"nodes": [n for n in view["nodes"] if n["id"] in keep], "start": view["start"],
                           "edges": [e for e in view["edges"] if e["source"] in keep and e["target"] in keep]}
                drawn = render_view(workbench.url, trimmed)
                print(f"{'render in Chromium':22} {drawn['ms']:7.1f} ms to lay out ({drawn['layout']}) and draw "
                      f"{drawn['nodes']} nodes, {drawn['edges']} edges")
        finally:
            workbench.shutdown()


if __name__ == "__main__":
    main()
