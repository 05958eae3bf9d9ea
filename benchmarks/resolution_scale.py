"""Per-chunk resolution time against a large store: 50,000 stored entities against none.

    python -m benchmarks.resolution_scale [--stored 50000] [--articles 256] [--entities 12] [--rounds 7]

Builds ``--stored`` synthetic entities (persons, organisations with acronyms, places, groups; names made of
syllables, no model), indexes them once (``EntityIndex``, as an ingest does, and keeps the indexes out of the
garbage collector's walks as an ingest does once its indexes are built: ``newsgraph.gcpause.freezing``; without that
the collector's full passes over the 50,000-entity index, which the benchmark keeps for both sides, fell on the
empty index's rounds as often as on the full one's), then resolves one chunk of
``--articles`` synthetic article analyses of ``--entities`` local entities each: against an empty index and
against the full one, ``--rounds`` times each, in alternation. A third of the chunk's names are stored ones (some
respelled), the rest new. Prints the medians of the wall-clock times, their ratio (target ≤ 1.2, issue 16), each
round's times, the same for CPU time (steadier on a shared machine), the one-off build time, the update of each
index with the chunk's entities (what an ingest does after the chunk), and the time the same chunk takes when the
stored entities are passed as ``known`` (indexed again for every chunk).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from newsgraph.gcpause import freezing
from newsgraph.graph.entity_index import EntityIndex
from newsgraph.graph.resolve import resolve
from newsgraph.model import Article, ArticleAnalysis, Entity, LocalEntity

TARGET = 1.2
ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr", "r", "s",
          "sh", "st", "t", "tr", "v", "w", "z", "", "", "", "", "a", "e", "o", "y", "q", "x", "u", "i"]
NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "y"]
CODAS = ["", "", "n", "r", "s", "l", "m", "t", "ck", "nd", "rt", "x"]
ORG_WORDS = ["Bank", "Group", "Institute", "Council", "Association", "Corporation", "Ministry", "University",
             "Party", "Commission", "Agency", "Foundation", "Airlines", "Motors", "Holdings"]
TYPES_OF_OTHERS = ["Group", "Other", "Event"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(syllables)).title()


def _name(rng: random.Random, kind: str, firsts: list[str], lasts: list[str]) -> tuple[str, tuple[str, ...]]:
    if kind == "Person":
        return f"{rng.choice(firsts)} {rng.choice(lasts)}", ()
    if kind == "Organization":
        words = [_word(rng, rng.randint(1, 3)) for _ in range(rng.randint(1, 2))] + [rng.choice(ORG_WORDS)]
        name = " ".join(words)
        return name, (("".join(w[0] for w in words).upper(),) if rng.random() < 0.3 else ())
    return _word(rng, rng.randint(2, 4)), ()


def stored_entities(n: int, seed: int = 16) -> list[Entity]:
    """``n`` synthetic stored entities with distinct ids: half persons, a quarter organisations, the rest places,
    groups and others."""
    rng = random.Random(seed)
    firsts = sorted({_word(rng, rng.randint(1, 3)) for _ in range(3000)})
    lasts = sorted({_word(rng, rng.randint(2, 4)) for _ in range(n)})
    entities: dict[str, Entity] = {}
    while len(entities) < n:
        kind = rng.choices(["Person", "Organization", "Place", "Other"], [50, 25, 15, 10])[0]
        kind = rng.choice(TYPES_OF_OTHERS) if kind == "Other" else kind
        name, aliases = _name(rng, kind, firsts, lasts)
        entity_id = name.lower().replace(" ", "-")
        if entity_id not in entities:
            entities[entity_id] = Entity(entity_id, name, kind, aliases)
    return list(entities.values())


def chunk(stored: list[Entity], articles: int, per_article: int, seed: int = 17) -> list[ArticleAnalysis]:
    """One chunk of synthetic analyses: a third of the names stored ones (a tenth of those respelled), the rest
    new."""
    rng = random.Random(seed)
    firsts = sorted({_word(rng, rng.randint(1, 3)) for _ in range(500)})
    lasts = sorted({_word(rng, rng.randint(2, 4)) for _ in range(2000)})
    out = []
    for a in range(articles):
        source = f"article-{a:05d}"
        local = []
        for n in range(per_article):
            if stored and rng.random() < 1 / 3:
                entity = rng.choice(stored)
                name, kind = entity.name, entity.type
                if rng.random() < 0.1:
                    name = name[:-1] + ("e" if name[-1] != "e" else "a")
            else:
                kind = rng.choices(["Person", "Organization", "Place", "Group"], [50, 25, 15, 10])[0]
                name = _name(rng, kind, firsts, lasts)[0]
            names = (name, name.split()[-1]) if kind == "Person" and rng.random() < 0.5 else (name,)
            local.append(LocalEntity(source, n, name, kind, names, ((kind, len(names)),), len(names)))
        out.append(ArticleAnalysis(Article(source, "text"), (), tuple(local), ()))
    return out


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _both(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=50_000, help="stored entities (default 50,000)")
    parser.add_argument("--articles", type=int, default=256, help="articles in the chunk (default 256, the "
                                                                   "default --chunk-size)")
    parser.add_argument("--entities", type=int, default=12, help="local entities per article (default 12)")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of each (default 7)")
    args = parser.parse_args()

    stored = stored_entities(args.stored)
    analyses = chunk(stored, args.articles, args.entities)
    build = _timed(lambda: EntityIndex(stored))
    full, empty = EntityIndex(stored), EntityIndex()
    times: dict[str, list[tuple[float, float]]] = {"empty": [], "full": []}
    with freezing() as freeze:
        freeze()
        for _ in range(args.rounds):
            times["empty"].append(_both(lambda: resolve(analyses, index=empty)))
            times["full"].append(_both(lambda: resolve(analyses, index=full)))
    rebuilt = _timed(lambda: resolve(analyses, sorted(stored, key=lambda e: e.id)))
    updates = {}
    for name, index in (("empty", empty), ("full", full)):
        resolution = resolve(analyses, index=index)
        assigned = set(resolution.assignment.values())
        changed = [e for e in resolution.entities if e.id in assigned]  # as an ingest passes them: all it mentions
        updates[name] = _both(lambda index=index, changed=changed: index.update(changed))
    walls = {name: [wall for wall, _ in runs] for name, runs in times.items()}
    cpus = {name: [cpu for _, cpu in runs] for name, runs in times.items()}
    e, f = statistics.median(walls["empty"]), statistics.median(walls["full"])
    ce, cf = statistics.median(cpus["empty"]), statistics.median(cpus["full"])
    mentions = args.articles * args.entities
    print(f"resolution of one chunk: {args.articles} articles, {mentions:,} local entities; "
          f"median of {args.rounds} rounds")
    print(f"  empty index                 {e * 1000:8.1f} ms")
    print(f"  index of {args.stored:,} entities {f * 1000:8.1f} ms   {f / e:.2f} x empty (target ≤ {TARGET})"
          f"  {'ok' if f / e <= TARGET else 'MISSED'}")
    for name in ("empty", "full"):
        print(f"    rounds, {name + ':':6}             " + " ".join(f"{t * 1000:.0f}" for t in walls[name]) + " ms")
    print(f"  CPU time: empty {ce * 1000:.1f} ms, full {cf * 1000:.1f} ms, {cf / ce:.2f} x empty")
    print(f"  building that index once    {build * 1000:8.1f} ms")
    (uw, uc), (ew, ec) = updates["full"], updates["empty"]
    print(f"  updating it after the chunk {uw * 1000:8.1f} ms   (empty index: {ew * 1000:.1f} ms; one run each; "
          f"CPU {uc * 1000:.1f} / {ec * 1000:.1f} ms, {uc / ec:.2f} x empty)")
    print(f"  indexing them in the chunk  {rebuilt * 1000:8.1f} ms   (stored entities passed as known, one run)")


if __name__ == "__main__":
    main()
