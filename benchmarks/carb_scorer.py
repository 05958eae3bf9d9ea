"""An independent scorer for the CaRB open information extraction benchmark.

Written from the description in the CaRB dev-split README (no code taken from
the official scorer). Pure standard library.

Matching, in short: each tuple is reduced to three parts (arg1, relation, the
remaining arguments joined) compared on case-sensitive whitespace tokens; a
prediction matches a gold tuple only if the relations share a token (forms of
"be" are equal) and arg1 and arg2 share a token each. Recall takes each gold
tuple's best match; precision matches predictions to gold one-to-one, greedily
by score. Figures are computed at every confidence threshold; F1 is the best
over thresholds and AUC is the area under the precision-recall curve.

Usage:
    python benchmarks/carb_scorer.py GOLD SYSTEM [--domain newswire]
"""

from __future__ import annotations

import argparse
import bisect
import string
from dataclasses import dataclass, field
from pathlib import Path

BE_FORMS = frozenset({"be", "is", "am", "are", "was", "were", "been", "being"})
SAID_RELATIONS = frozenset({"said", "told", "added", "adds", "says"})
_PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_DROP = set(string.punctuation)


@dataclass
class Tuple_:
    """One extraction.

    Attributes:
        relation: The relation phrase.
        args: Arguments in order (arg1, arg2, ...).
        confidence: System confidence (1.0 for gold).
    """

    relation: str
    args: list[str] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Scores:
    """Scorer output.

    Attributes:
        precision: Precision at the best-F1 threshold.
        recall: Recall at the best-F1 threshold.
        f1: Best F1 over confidence thresholds.
        auc: Area under the precision-recall curve.
        threshold: Confidence threshold giving the best F1 (None if no predictions).
        n_gold: Number of gold tuples scored.
        n_sentences: Number of gold sentences scored.
    """

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None
    n_gold: int
    n_sentences: int


def normalize_sentence(sentence: str) -> str:
    """Return the key sentences are matched on: no whitespace, no punctuation."""
    for escaped, char in _PTB_ESCAPES.items():
        sentence = sentence.replace(escaped, char)
    return "".join(ch for ch in sentence if not ch.isspace() and ch not in _DROP)


def read_gold(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read CaRB gold (`sentence, relation, arg1, arg2, ...`); drops `C: ` context arguments."""
    gold: dict[str, list[Tuple_]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2 or not fields[0].strip():
                continue
            args = [a for a in fields[2:] if not a.startswith("C: ")]
            while args and not args[-1].strip():
                args.pop()
            gold.setdefault(fields[0], []).append(Tuple_(fields[1], args, 1.0))
    return gold


def read_system(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read CaRB "tabbed" output: `sentence, confidence, relation, arg1, arg2, ...`.

    Raises:
        ValueError: If a non-blank line has fewer than three fields or a bad confidence.
    """
    system: dict[str, list[Tuple_]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            fields = line.rstrip("\n").split("\t")
            if not line.strip():
                continue
            if len(fields) < 3:
                raise ValueError(f"{path}:{number}: expected sentence, confidence, relation, args")
            try:
                confidence = float(fields[1])
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: bad confidence {fields[1]!r}") from exc
            args = fields[3:]
            while args and not args[-1].strip():
                args.pop()
            system.setdefault(fields[0], []).append(Tuple_(fields[2], args, confidence))
    return system


def write_system(path: str | Path, extractions: dict[str, list[Tuple_]]) -> None:
    """Write extractions in CaRB's tabbed format (relation before arg1)."""
    with open(path, "w", encoding="utf-8") as handle:
        for sentence, tuples in extractions.items():
            for t in tuples:
                handle.write("\t".join([sentence, repr(float(t.confidence)), t.relation, *t.args]) + "\n")


def domain_sentences(path: str | Path, domain: str) -> set[str]:
    """Return the sentences of `dev_sentence_domain.tsv` whose domain starts with `domain`.

    Accepts both `sentence<TAB>domain` and `line_no<TAB>domain<TAB>sentence` rows.
    """
    wanted: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            labels = [i for i, f in enumerate(fields) if f.startswith(("newswire", "wikipedia"))]
            if not labels:
                continue  # header or blank
            rest = [f for i, f in enumerate(fields) if i != labels[0] and not f.strip().isdigit()]
            if fields[labels[0]].startswith(domain) and rest:
                wanted.add(max(rest, key=len))
    return wanted


def newswire_sentences(path: str | Path) -> set[str]:
    """Return the set of newswire (WSJ) sentences listed in `dev_sentence_domain.tsv`."""
    return domain_sentences(path, "newswire")


def _parts(t: Tuple_, swap: bool = False) -> tuple[list[str], list[str], list[str]]:
    """Reduce a tuple to (arg1, relation, rest) token lists, optionally swapping arg1/rest."""
    arg1 = t.args[0].split() if t.args else []
    rest = " ".join(t.args[1:]).split()
    if swap:
        arg1, rest = rest, arg1
    return arg1, t.relation.split(), rest


def _overlap(gold: list[str], pred: list[str], be_equal: bool = False) -> int:
    """Count gold tokens found in pred, each predicted token used at most once."""
    pool = list(pred)
    matched = 0
    for token in gold:
        if token in pool:
            pool.remove(token)
            matched += 1
        elif be_equal and token in BE_FORMS:
            hit = next((p for p in pool if p in BE_FORMS), None)
            if hit is not None:
                pool.remove(hit)
                matched += 1
    return matched


def _match_parts(gold: tuple, pred: tuple) -> tuple[float, float] | None:
    g_arg1, g_rel, g_rest = gold
    p_arg1, p_rel, p_rest = pred
    rel = _overlap(g_rel, p_rel, be_equal=True)
    arg1 = _overlap(g_arg1, p_arg1)
    rest = _overlap(g_rest, p_rest)
    if rel == 0 or arg1 == 0 or (g_rest and rest == 0):
        return None
    matched = rel + arg1 + rest
    predicted = len(p_arg1) + len(p_rel) + len(p_rest)
    total = len(g_arg1) + len(g_rel) + len(g_rest)
    return matched / predicted, matched / total


def match(gold: Tuple_, pred: Tuple_) -> tuple[float, float] | None:
    """Score one predicted tuple against one gold tuple.

    Returns:
        (precision, recall) of the pair, or None if they do not match. For
        "said"-type gold relations the better of straight and swapped argument
        order is returned.
    """
    p = _parts(pred)
    best = _match_parts(_parts(gold), p)
    if SAID_RELATIONS & set(gold.relation.split()):
        swapped = _match_parts(_parts(gold, swap=True), p)
        if swapped is not None and (best is None or swapped > best):
            best = swapped
    return best


def _sentence_stats(table: list[list[tuple[float, float]]], active: list[int]) -> tuple[float, int, float]:
    """Precision numerator, precision denominator and recall numerator for the `active` predictions."""
    recall_num = sum(max((row[j][1] for j in active), default=0.0) for row in table)
    pairs = sorted((-row[j][0], i, j) for i, row in enumerate(table) for j in active)
    used_g: set[int] = set()
    used_p: set[int] = set()
    precision_num = 0.0
    for neg_p, i, j in pairs:  # greedy one-to-one, best precision first
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            precision_num -= neg_p
    return precision_num, len(active), recall_num


def score(
    gold: dict[str, list[Tuple_]],
    system: dict[str, list[Tuple_]],
    sentences: set[str] | None = None,
) -> Scores:
    """Score system extractions against gold, CaRB style.

    Args:
        gold: Gold tuples by sentence (from `read_gold`).
        system: Predicted tuples by sentence (from `read_system`).
        sentences: If given, only gold sentences in this set are scored.

    Returns:
        The best-F1 operating point and the PR-curve AUC.
    """
    keep = None if sentences is None else {normalize_sentence(s) for s in sentences}
    gold_n: dict[str, list[Tuple_]] = {}
    for sent, tuples in gold.items():
        key = normalize_sentence(sent)
        if keep is None or key in keep:
            gold_n.setdefault(key, []).extend(tuples)
    pred_n: dict[str, list[Tuple_]] = {}
    for sent, tuples in system.items():
        key = normalize_sentence(sent)
        if key in gold_n:  # predictions for unknown sentences are ignored
            pred_n.setdefault(key, []).extend(tuples)
    n_gold = sum(len(t) for t in gold_n.values())
    thresholds = sorted({p.confidence for ps in pred_n.values() for p in ps})
    if not thresholds:
        return Scores(0.0, 0.0, 0.0, 0.0, None, n_gold, len(gold_n))
    size = len(thresholds) + 1
    diff = {name: [0.0] * size for name in ("pn", "pd", "rn")}
    for key, preds in pred_n.items():
        table = [[match(g, p) or (0.0, 0.0) for p in preds] for g in gold_n[key]]
        start = 0
        for conf in sorted({p.confidence for p in preds}):
            end = bisect.bisect_left(thresholds, conf)  # thresholds[start..end] select p >= conf
            active = [j for j, p in enumerate(preds) if p.confidence >= conf]
            for name, value in zip(("pn", "pd", "rn"), _sentence_stats(table, active)):
                diff[name][start] += value
                diff[name][end + 1] -= value
            start = end + 1
    points = []  # (threshold, precision, recall, f1)
    acc = {name: 0.0 for name in diff}
    for k, threshold in enumerate(thresholds):
        for name in diff:
            acc[name] += diff[name][k]
        precision = acc["pn"] / acc["pd"] if acc["pd"] > 0 else 1.0
        recall = acc["rn"] / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
        points.append((threshold, precision, recall, f1))
    best = max(points, key=lambda pt: pt[3])  # first (lowest threshold) on ties
    curve = [(pt[2], pt[1]) for pt in points] + [(0.0, 1.0)]
    auc = sum(abs(r0 - r1) * (p0 + p1) / 2 for (r0, p0), (r1, p1) in zip(curve, curve[1:]))
    return Scores(best[1], best[2], best[3], auc, best[0], n_gold, len(gold_n))


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: print P, R, F1, AUC and the best threshold."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", help="CaRB gold tsv")
    parser.add_argument("system", help="tabbed system output")
    parser.add_argument("--domain", choices=["newswire", "wikipedia"], help="score one domain only")
    parser.add_argument("--domain-file", help="default: dev_sentence_domain.tsv next to GOLD")
    args = parser.parse_args(argv)
    subset = None
    if args.domain:
        domain_file = args.domain_file or Path(args.gold).with_name("dev_sentence_domain.tsv")
        subset = domain_sentences(domain_file, args.domain)
    s = score(read_gold(args.gold), read_system(args.system), subset)
    threshold = "n/a" if s.threshold is None else f"{s.threshold:g}"
    print(f"sentences {s.n_sentences}  gold tuples {s.n_gold}  domain {args.domain or 'all'}")
    print(f"precision {s.precision:.4f}  recall {s.recall:.4f}  f1 {s.f1:.4f}  "
          f"auc {s.auc:.4f}  threshold {threshold}")


if __name__ == "__main__":
    main()
