"""A scorer for the CaRB open information extraction benchmark, equivalent to the official one.

Written independently (standard library only) to give the same figures as the official CaRB scorer (``carb.py``
of the CaRB repository with its default matcher, ``binary_linient_tuple_match``); ``tests/test_carb_scorer.py``
checks that it does, on system outputs scored by the official code.

Matching, in short:

- sentences are matched on a key without spaces and ASCII punctuation (PTB bracket escapes undone first);
  predictions for sentences without gold are ignored; when two sentences share a key the later one wins;
- gold arguments containing ``C: `` (context) are dropped; gold and predicted tuples become binary: arg1 and the
  remaining arguments joined; comparison is on case-sensitive whitespace tokens, each predicted token used once;
- a pair matches if the relations share a token and the prediction has as many arguments as the gold (up to
  two); arguments need not share a token. A predicted ``be`` also matches one gold form of "be" ("is", "was"...);
- a matched pair scores precision = matched tokens / predicted tokens and recall = matched tokens / gold tokens,
  over relation and arguments; when the gold relation contains "said", "told", "added", "adds" or "says" (as a
  substring) the prediction's arguments are also tried swapped and the better (precision first) pair counts;
- at each confidence threshold, recall gives each gold tuple its best pair among the predictions at or above it;
  precision pairs them one to one, greedily by pair precision (ties to the earlier gold, then prediction);
  F1 is the best over thresholds (the lowest threshold on ties), AUC the area under the precision-recall curve
  closed at (recall 0, precision 1).

Usage::

    python -m benchmarks.carb_scorer SYSTEM [--gold GOLD] [--format tabbed] [--domain newswire]

System outputs in the formats the CaRB repository ships (OpenIE-4, OpenIE-5, ClausIE, ReVerb) are read by
``benchmarks.carb_formats``.
"""

from __future__ import annotations

import argparse
import bisect
import string
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.paths import add_data_argument

#: Forms of "be" a predicted relation word ``be`` stands for.
BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
#: Gold relations containing one of these (as a substring) are also matched with the arguments swapped.
SAID_RELATIONS = ("said", "told", "added", "adds", "says")
_PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_PUNCTUATION = str.maketrans("", "", string.punctuation)


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
    """Return the key sentences are matched on: no spaces, PTB escapes undone, no ASCII punctuation.

    >>> normalize_sentence("He said : `` -LRB- yes -RRB- '' .")
    'Hesaidyes'
    """
    sentence = sentence.replace(" ", "")
    for escaped, char in _PTB_ESCAPES.items():
        sentence = sentence.replace(escaped, char)
    return sentence.translate(_PUNCTUATION)


def read_gold(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read CaRB gold (`sentence, relation, arg1, arg2, ...`), dropping context (`C: `) arguments.

    Raises:
        ValueError: If a non-blank line has no relation field.
    """
    gold: dict[str, list[Tuple_]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            fields = line.strip().split("\t")
            if len(fields) < 2:
                raise ValueError(f"{path}:{number}: expected sentence, relation, args")
            args = [a.strip() for a in fields[2:] if "C: " not in a]
            gold.setdefault(fields[0].strip(), []).append(Tuple_(fields[1].strip(), args, 1.0))
    return gold


def read_system(path: str | Path) -> dict[str, list[Tuple_]]:
    """Read CaRB "tabbed" output: `sentence, confidence, relation, arg1, arg2, ...`.

    Raises:
        ValueError: If a non-blank line has fewer than three fields or a bad confidence.
    """
    system: dict[str, list[Tuple_]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            fields = line.strip().split("\t")
            if len(fields) < 3:
                raise ValueError(f"{path}:{number}: expected sentence, confidence, relation, args")
            try:
                confidence = float(fields[1])
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: bad confidence {fields[1]!r}") from exc
            system.setdefault(fields[0], []).append(Tuple_(fields[2], fields[3:], confidence))
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


def _binary(args: list[str]) -> list[str]:
    """arg1 and the remaining arguments joined into one (a tuple with fewer than two arguments is kept)."""
    return [args[0], " ".join(args[1:])] if len(args) >= 2 else list(args)


def _shared(gold: list[str], predicted: list[str]) -> tuple[int, list[str]]:
    """How many gold tokens the prediction has (each predicted token used once), and the unused ones."""
    pool = list(predicted)
    shared = 0
    for token in gold:
        if token in pool:
            pool.remove(token)
            shared += 1
    return shared, pool


def _pair(gold_relation: str, gold_args: list[str], relation: str, args: list[str]) -> tuple[float, float]:
    """(precision, recall) of one prediction against one gold tuple, both binary; (0, 0) if they do not match."""
    gold_words = gold_relation.split()
    shared, unused = _shared(gold_words, relation.split())
    if "be" in unused and any(form in gold_words for form in BE_FORMS):
        shared += 1
    if shared == 0:
        return 0.0, 0.0
    matched, predicted, total = shared, len(relation.split()), len(gold_words)
    for i, gold_arg in enumerate(gold_args):
        words = gold_arg.split()
        total += len(words)
        if i >= len(args):
            return 0.0, 0.0
        predicted += len(args[i].split())
        matched += _shared(words, args[i].split())[0]
    return (matched / predicted if predicted else 0.0), (matched / total if total else 0.0)


def match(gold: Tuple_, pred: Tuple_) -> tuple[float, float] | None:
    """Score one predicted tuple against one gold tuple.

    Returns:
        (precision, recall) of the pair, or None if they do not match. For "said"-type gold relations the
        better of straight and swapped argument order is returned.

    >>> match(Tuple_("is", ["Paris", "the capital of France"]), Tuple_("be", ["Paris", "capital of France"]))
    (1.0, 0.8333333333333334)
    >>> match(Tuple_("rose", ["Prices", "sharply"]), Tuple_("rose", ["Prices"])) is None
    True
    """
    gold_args, args = _binary(gold.args), _binary(pred.args)
    best = _pair(gold.relation, gold_args, pred.relation, args)
    if any(verb in gold.relation for verb in SAID_RELATIONS):
        swapped = [args[1], args[0]] if len(args) == 2 else args
        best = max(best, _pair(gold.relation, gold_args, pred.relation, swapped))
    return None if best == (0.0, 0.0) else best


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


def _by_key(tuples: dict[str, list[Tuple_]]) -> dict[str, list[Tuple_]]:
    """Re-key by the normalised sentence; the later sentence wins when two share a key."""
    return {normalize_sentence(sentence): ts for sentence, ts in tuples.items()}


def score(
    gold: dict[str, list[Tuple_]],
    system: dict[str, list[Tuple_]],
    sentences: set[str] | None = None,
) -> Scores:
    """Score system extractions against gold, as the official CaRB scorer does.

    Args:
        gold: Gold tuples by sentence (from `read_gold`).
        system: Predicted tuples by sentence (from `read_system`).
        sentences: If given, only gold sentences in this set are scored.

    Returns:
        The best-F1 operating point and the PR-curve AUC.
    """
    keep = None if sentences is None else {normalize_sentence(s) for s in sentences}
    gold_n = {k: ts for k, ts in _by_key(gold).items() if keep is None or k in keep}
    pred_n = _by_key(system)
    n_gold = sum(len(t) for t in gold_n.values())
    thresholds = sorted({p.confidence for ps in pred_n.values() for p in ps})
    if not thresholds:
        return Scores(0.0, 0.0, 0.0, 0.0, None, n_gold, len(gold_n))
    size = len(thresholds) + 1
    diff = {name: [0.0] * size for name in ("pn", "pd", "rn")}
    for key, gold_tuples in gold_n.items():
        preds = pred_n.get(key, [])
        table = [[match(g, p) or (0.0, 0.0) for p in preds] for g in gold_tuples]
        start = 0
        for conf in sorted({p.confidence for p in preds}):
            end = bisect.bisect_left(thresholds, conf)  # thresholds[start..end] select p >= conf
            active = [j for j, p in enumerate(preds) if p.confidence >= conf]
            for name, value in zip(("pn", "pd", "rn"), _sentence_stats(table, active)):
                diff[name][start] += value
                diff[name][end + 1] -= value
            start = end + 1
    points = []  # (threshold, precision, recall, f1 or None where precision and recall are both 0)
    acc = {name: 0.0 for name in diff}
    for k, threshold in enumerate(thresholds):
        for name in diff:
            acc[name] += diff[name][k]
        precision = acc["pn"] / acc["pd"] if acc["pd"] > 0 else 1.0
        recall = acc["rn"] / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else None
        points.append((threshold, precision, recall, f1))
    curve = [(pt[2], pt[1]) for pt in points] + [(0.0, 1.0)]
    auc = sum(abs(r0 - r1) * (p0 + p1) / 2 for (r0, p0), (r1, p1) in zip(curve, curve[1:]))
    scored = [pt for pt in points if pt[3] is not None]
    if not scored:
        return Scores(0.0, 0.0, 0.0, auc, None, n_gold, len(gold_n))
    best = max(scored, key=lambda pt: pt[3])  # the first (lowest threshold) on ties
    return Scores(best[1], best[2], best[3], auc, best[0], n_gold, len(gold_n))


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: print P, R, F1, AUC and the best threshold."""
    from benchmarks.carb_formats import READERS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("system", type=Path, help="system output")
    parser.add_argument("--format", choices=sorted(READERS), default="tabbed",
                        help="the system output's format (default: tabbed)")
    parser.add_argument("--gold", type=Path, help="CaRB gold tsv (default: DATA/carb-dev/dev.tsv)")
    parser.add_argument("--domain", choices=["newswire", "wikipedia"], help="score one domain only")
    parser.add_argument("--domain-file", type=Path, help="default: dev_sentence_domain.tsv next to the gold")
    add_data_argument(parser)
    args = parser.parse_args(argv)
    gold_path = args.gold or args.data / "carb-dev" / "dev.tsv"
    subset = None
    if args.domain:
        subset = domain_sentences(args.domain_file or gold_path.with_name("dev_sentence_domain.tsv"), args.domain)
    s = score(read_gold(gold_path), READERS[args.format](args.system), subset)
    threshold = "n/a" if s.threshold is None else f"{s.threshold:g}"
    print(f"sentences {s.n_sentences}  gold tuples {s.n_gold}  domain {args.domain or 'all'}")
    print(f"precision {s.precision:.4f}  recall {s.recall:.4f}  f1 {s.f1:.4f}  "
          f"auc {s.auc:.4f}  threshold {threshold}")


if __name__ == "__main__":
    main()
