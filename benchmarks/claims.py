"""Claims an analyst can trust, on the hand-written claims gold set: who said it, negated, hedged, and facts
merged across independent outlets.

    python -m benchmarks.claims [--data DIR] [--gold FILE] [--evidence FILE] [--data-dir STORE] [--workers N]
                                [--save-evidence FILE] [--mentions FILE] [--save-mentions FILE] [--misses]
                                [--order shuffled|sorted] [--seed N]

Every ECB+ dev article of the gold's topics goes through a real ``newsgraph ingest`` into an embedded store (the
text is the article's sentences joined by ``"\\n"``, as the other ECB+ benchmarks feed it, so the gold's sentence
indices map to character offsets), then ``newsgraph export --format evidence-jsonl`` is read and each gold
mention is matched to the evidence of its sentence (``benchmarks/claims_scorer.py``). Printed: the match rate;
precision, recall and F1 of attribution (speaker right), negation and hedging (positive class over the matched
mentions); the share of facts reported by two or more independent articles whose evidence lands on one relation
edge or event that holds no fact of other parties (a wrong merge does not count); and the targets of issue 17
(attribution F1 ≥ 0.80, negation F1 ≥ 0.85, hedging F1 ≥ 0.75, merged ≥ 80 %). Fields the export does not carry
yet (``conditional``, ``on_behalf_of``) are reported as absent.

Independent articles are counted from the gold, per sentence: a gold mention's ``copy_of`` (the article whose wire
sentence it repeats) makes it one report with that article, whatever the product's copy detection says (which
groups whole articles); a fact is merged when every such report, through the original or any of its copies, has
evidence on one shared node (``claims_scorer``, module docstring).

Besides the evidence, ``newsgraph export --format mentions-jsonl`` is read: a gold mention with no fitting
relation evidence in its sentence matches an event mention there whose trigger is one of the fact's predicate
lemmas, and takes its speaker and flags (``claims_scorer.match``); each figure is printed beside the one from
relation evidence alone.

The articles go in shuffled with ``--seed`` (default 0); ``--order sorted`` feeds them sorted by article id, each
gold topic's articles one after another, a hint of the gold the product's online story clustering would take.

``--evidence FILE`` scores an existing evidence-jsonl export and skips the ingest; ``--mentions FILE`` adds the
event mentions of an existing mentions-jsonl export to it. ``--misses`` lists, after the report, each fact of two or
more independent articles that is not merged: its mentions, what each matched (edge or event, with the event's
story), the product's other relations in those sentences, and a first diagnosis (``benchmarks/claims_misses.py``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks import claims_gold as gold, claims_misses, claims_scorer as cs, corpora
from benchmarks.paths import ROOT, add_data_argument
from benchmarks.product import ProductRunError, add_order_arguments, ingest, order_text

DEFAULT_GOLD = ROOT / "benchmarks" / "data" / "claims_gold.jsonl"
TARGETS = {"attribution": 0.80, "negation": 0.85, "hedging": 0.75, "merged": 0.80}


def gold_corpus(data: Path, facts: Sequence[gold.Fact]) -> corpora.GoldCorpus:
    """Every ECB+ dev article of the topics the gold facts come from.

    Raises:
        corpora.BenchmarkInputError: the data is missing, or a gold mention names an article or sentence it does
            not have.
    """
    topics = {str(f.topic) for f in facts}
    dev = corpora.load_ecbplus(data, "event", "dev")
    articles = tuple(a for a in dev.articles if a.topic in topics)
    known = {a.doc_id: len(a.sentences) for a in articles}
    for fact in facts:
        for m in fact.mentions:
            if m.sentence_index >= known.get(m.doc_id, 0):
                raise corpora.BenchmarkInputError(
                    f"gold fact {fact.id}: no sentence {m.sentence_index} in ECB+ dev article {m.doc_id!r} of topic "
                    f"{fact.topic}; check --gold and --data")
    return corpora.GoldCorpus("ECB+ dev, claims gold topics", articles, ())


def read_evidence(path: Path) -> list[dict]:
    """The rows of an evidence-jsonl export.

    Raises:
        corpora.BenchmarkInputError: the file cannot be read or a line is not a JSON object.
    """
    rows = []
    for row in corpora.read_jsonl(path):
        if not isinstance(row, dict):
            raise corpora.BenchmarkInputError(f"{path}: a line is not a JSON object; give an evidence-jsonl export")
        rows.append(row)
    return rows


def _line(name: str, prf: cs.PRF | None, target: float | None = None, note: str = "",
          before: cs.PRF | None | bool = False) -> str:
    """One figure's line; with ``before`` (not False) the relation-evidence-only figure after it."""
    if before is False:
        tail = ""
    elif before is None or not isinstance(before, cs.PRF):
        tail = "; relation evidence only: absent"
    else:
        tail = f"; relation evidence only: {before.precision:.2f} {before.recall:.2f} {before.f1:.2f}"
    if prf is None:
        return f"  {name:<24} absent from the export{note}{tail}"
    goal = f"≥ {target:.2f}" if target is not None else ""
    counts = f"({prf.true_positives}/{prf.predicted} predicted, {prf.true_positives}/{prf.gold} gold)"
    return f"  {name:<24} {prf.precision:9.2f} {prf.recall:6.2f} {prf.f1:5.2f}  {goal:<7} {counts}{note}{tail}"


def _principal(row: dict) -> object:
    speaker = row.get("attributed_to")
    if "on_behalf_of" in row or not isinstance(speaker, dict):
        return row.get("on_behalf_of", ...)
    return speaker.get("on_behalf_of", ...)


def _principals(matched: dict[gold.Mention, dict]) -> str:
    """The principals of spokespeople (``on_behalf_of`` on the evidence row or inside its ``attributed_to``)."""
    wanted = [(m, row) for m, row in matched.items() if m.on_behalf_of]
    if all(_principal(row) is ... for row in matched.values()):
        return f"  principal (on_behalf_of)  absent from the export ({len(wanted)} matched gold mentions have one)"
    right = 0
    for mention, row in wanted:
        value = _principal(row)
        name = value.get("name") if isinstance(value, dict) else value
        right += cs.speaker_matches(name if isinstance(name, str) else None, mention.on_behalf_of)
    return f"  principal (on_behalf_of)  {right}/{len(wanted)} matched gold mentions with a principal get it right"


def report(facts: Sequence[gold.Fact], rows: Sequence[dict], corpus: corpora.GoldCorpus, how: str,
           events: Sequence[dict] | None = None) -> list[str]:
    """The printed report of the product's evidence (and, given ``events``, its event mentions) against the gold;
    with event mentions, each figure is followed by the one from relation evidence alone."""
    texts = {a.doc_id: a.text for a in corpus.articles}
    mentions = [m for f in facts for m in f.mentions]
    matched = cs.match(facts, rows, texts, events or ())
    relations = cs.match(facts, rows, texts)
    by_event = sum(row.get("matched_by") == "event" for row in matched.values())
    topics = sorted({f.topic for f in facts})
    per_topic = ", ".join(
        f"topic {t} {sum(m in matched for f in facts if f.topic == t for m in f.mentions)}/"
        f"{sum(len(f.mentions) for f in facts if f.topic == t)}" for t in topics)
    attribution = cs.attribution(facts, matched)
    matched_speakers = sum(m.speaker is not None for m in matched)
    negation = cs.qualifier(matched, "negated", ["negated"])
    hedging = cs.qualifier(matched, "hedged", ["hedged", "conditional"])
    conditional = cs.qualifier(matched, "conditional", ["conditional"])
    merging = cs.merging(facts, matched, cs.evidence(facts, rows, texts, events or ()))
    first_row = cs.merging(facts, matched)
    on_gold = sum(str(r.get("source")) in texts for r in rows)
    compare = events is not None
    old: dict[str, cs.PRF | None | bool] = {"attribution": False, "negation": False, "hedging": False,
                                            "conditional": False}
    if compare:
        old = {"attribution": cs.attribution(facts, relations),
               "negation": cs.qualifier(relations, "negated", ["negated"]),
               "hedging": cs.qualifier(relations, "hedged", ["hedged", "conditional"]),
               "conditional": cs.qualifier(relations, "conditional", ["conditional"])}
    old_merging = cs.merging(facts, relations, cs.evidence(facts, rows, texts))
    events_note = (f"; {sum(str(e.get('source')) in texts for e in events or ())} event mentions" if compare
                   else "")
    matched_note = (f"to relation evidence ({len(relations)}) or, without one, an event mention ({by_event}) "
                    if compare else "to evidence ")
    merged_note = (f"; relation evidence only: {old_merging.merged}/{old_merging.facts} ({old_merging.share:.0%})"
                   if compare else "")
    results = {"attribution": attribution.f1, "negation": negation.f1 if negation else 0.0,
               "hedging": hedging.f1 if hedging else 0.0, "merged": merging.share}
    held = ", ".join(f"{name} {'≥ ' + format(goal, '.0%') if name == 'merged' else '≥ ' + format(goal, '.2f')} "
                     f"({'met' if results[name] >= goal else 'not met'})" for name, goal in TARGETS.items())
    return [
        f"claims gold: {len(facts)} facts, {len(mentions)} mentions in {len({m.doc_id for m in mentions})} articles "
        f"(ECB+ dev topics {', '.join(map(str, topics))}); {sum(m.speaker is not None for m in mentions)} with a "
        f"speaker, {sum(m.negated for m in mentions)} negated, {sum(m.hedged for m in mentions)} hedged "
        f"({sum(m.conditional for m in mentions)} conditional); {merging.facts} facts from ≥ 2 independent articles",
        f"product: {how}; {on_gold} evidence rows{events_note} on the {len(corpus.articles)} articles of these "
        "topics",
        f"matched: {len(matched)}/{len(mentions)} gold mentions ({len(matched) / len(mentions):.0%}) {matched_note}in "
        f"their sentence ({per_topic})",
        f"  {'':<24} {'precision':>9} {'recall':>6} {'F1':>5}  target",
        _line("attribution (speaker)", attribution, TARGETS["attribution"],
              f"; recall over matched mentions {attribution.true_positives}/{matched_speakers}",
              old["attribution"]),
        _line("negation", negation, TARGETS["negation"], before=old["negation"]),
        _line("hedging (incl. cond.)", hedging, TARGETS["hedging"], before=old["hedging"]),
        _line("conditional", conditional, before=old["conditional"]),
        _principals(matched),
        f"  merged across independent outlets: {merging.merged}/{merging.facts} facts ({merging.share:.0%}) on one "
        f"relation edge or event from every independent article; {merging.partly}/{merging.facts} have at least two "
        f"independent articles on one{merged_note}",
        f"    not counted: {merging.wrong} facts whose articles share only a wrong merge (a node that also holds a "
        f"fact of other parties); with the matched row of each mention alone: {first_row.merged}/{first_row.facts} "
        f"merged, {first_row.wrong} wrong merges",
        f"targets: {held}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.claims", description=__doc__.splitlines()[0])
    add_data_argument(parser)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"the claims gold (default: {DEFAULT_GOLD})")
    parser.add_argument("--evidence", type=Path, default=None, metavar="FILE",
                        help="score this evidence-jsonl export instead of ingesting the articles")
    parser.add_argument("--data-dir", type=Path, default=None, metavar="STORE",
                        help="ingest into the embedded store in this folder and keep it (default: a temporary one); "
                             "articles already stored are not ingested again")
    parser.add_argument("--workers", type=int, default=1, help="newsgraph ingest --workers (default 1)")
    add_order_arguments(parser)
    parser.add_argument("--save-evidence", type=Path, default=None, metavar="FILE",
                        help="keep a copy of the scored evidence-jsonl export")
    parser.add_argument("--mentions", type=Path, default=None, metavar="FILE",
                        help="with --evidence: also match gold mentions to the event mentions of this mentions-jsonl "
                             "export")
    parser.add_argument("--misses", action="store_true",
                        help="after the report, list each multi-outlet fact that is not merged and why")
    parser.add_argument("--save-mentions", type=Path, default=None, metavar="FILE",
                        help="keep a copy of the scored mentions-jsonl export")
    args = parser.parse_args(argv)
    try:
        facts = gold.read_gold(args.gold)
        corpus = gold_corpus(args.data, facts)
        with tempfile.TemporaryDirectory(prefix="newsgraph-claims-") as scratch:
            work = Path(scratch)
            mentions_path = None
            if args.evidence is not None:
                path, how = args.evidence, f"the given export {args.evidence}"
                mentions_path = args.mentions
            else:
                data_dir = args.data_dir or work / "store"
                data_dir.mkdir(parents=True, exist_ok=True)
                store = ingest(corpus, data_dir, work, args.workers, args.order, args.seed)
                path = store.export("evidence-jsonl", work / "evidence.jsonl")
                mentions_path = store.export("mentions-jsonl", work / "mentions.jsonl")
                kept = f"store {data_dir}" if args.data_dir else "a temporary store"
                how = (f"evidence-jsonl export of a real ingest ({len(corpus.articles)} articles, "
                       f"{order_text(args.order, args.seed)}: {store.counts()}; {store.ingest_seconds:.0f} s, "
                       f"{kept})")
                if args.save_evidence is not None:
                    shutil.copyfile(path, args.save_evidence)
                if args.save_mentions is not None:
                    shutil.copyfile(mentions_path, args.save_mentions)
            rows = read_evidence(path)
            events = cs.event_lines(read_evidence(mentions_path)) if mentions_path is not None else None
    except (gold.GoldFormatError, corpora.BenchmarkInputError, ProductRunError) as exc:
        print(f"benchmarks.claims: error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report(facts, rows, corpus, how, events)))
    if args.misses:
        texts = {a.doc_id: a.text for a in corpus.articles}
        matched = cs.match(facts, rows, texts, events or ())
        print("\nfacts of two or more independent articles not merged:")
        print("\n".join(claims_misses.report(facts, matched, rows, texts, events or ())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
