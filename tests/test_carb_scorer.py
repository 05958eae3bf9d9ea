"""Tests for the independent CaRB scorer in benchmarks/carb_scorer.py."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import carb_scorer as cs  # noqa: E402

DATA = Path("/work/shared/data/carb-dev")
GOLD = DATA / "dev.tsv"
DOMAINS = DATA / "dev_sentence_domain.tsv"


@pytest.fixture(scope="module")
def gold():
    return cs.read_gold(GOLD)


def _roundtrip(tmp_path, extractions):
    path = tmp_path / "system.tsv"
    cs.write_system(path, extractions)
    return cs.read_system(path)


def test_gold_file_shape(gold):
    assert sum(len(t) for t in gold.values()) == 2548
    assert len(gold) == 641
    assert not any(a.startswith("C: ") for ts in gold.values() for t in ts for a in t.args)


def test_gold_as_system_full(tmp_path, gold):
    s = cs.score(gold, _roundtrip(tmp_path, gold))
    assert s.f1 >= 0.99 and s.precision >= 0.99 and s.recall >= 0.99
    assert s.auc >= 0.99
    assert s.n_gold == 2548


def test_gold_as_system_newswire(tmp_path, gold):
    news = cs.newswire_sentences(DOMAINS)
    assert len(news) == 249
    s = cs.score(gold, _roundtrip(tmp_path, gold), sentences=news)
    assert s.f1 >= 0.99 and s.precision >= 0.99 and s.recall >= 0.99
    assert 0 < s.n_gold < 2548


def test_empty_system(gold):
    s = cs.score(gold, {})
    assert (s.precision, s.recall, s.f1, s.auc, s.threshold) == (0.0, 0.0, 0.0, 0.0, None)


def test_relation_only_scores_low(tmp_path, gold):
    system = {sent: [cs.Tuple_(t.relation, ["", ""], 0.5) for t in ts] for sent, ts in gold.items()}
    s = cs.score(gold, _roundtrip(tmp_path, system))
    assert s.f1 < 0.05 and s.recall < 0.05


def test_half_of_gold(gold):
    system = {sent: ts[::2] for sent, ts in gold.items()}
    s = cs.score(gold, system)
    assert s.precision >= 0.99
    # ~51% of tuples kept; kept tuples also partially match dropped ones.
    assert 0.45 <= s.recall <= 0.8


S1 = "John Smith gave the book to Mary ."
S2 = "Smith said the plan failed ."
S3 = "Prices rose sharply ."


def _small():
    gold = {
        S1: [
            cs.Tuple_("gave", ["John Smith", "the book", "to Mary"]),  # G1, 7 tokens
            cs.Tuple_("was given", ["the book", "to Mary"]),  # G2, 6 tokens
        ],
        S2: [cs.Tuple_("said", ["Smith", "the plan failed"])],  # G3, 5 tokens
        S3: [cs.Tuple_("rose", ["Prices", "sharply"])],  # G4, never predicted
    }
    system = {
        # different spacing / punctuation still finds S1
        "John Smith gave the book to Mary": [
            cs.Tuple_("gave", ["John", "the book to Mary"], 0.9),  # P1
            cs.Tuple_("is given", ["the book", "Mary yesterday"], 0.5),  # P2
            cs.Tuple_("gave", ["Mary", "the book"], 0.5),  # P3: arg1 shares nothing
        ],
        S2: [cs.Tuple_("said", ["the plan failed", "Smith"], 0.7)],  # P4: swapped args
        "An unrelated sentence .": [cs.Tuple_("is", ["a", "b"], 0.3)],  # ignored
    }
    return gold, system


def test_pair_matching():
    gold, system = _small()
    g1, g2 = gold[S1]
    p1, p2, p3 = system["John Smith gave the book to Mary"]
    # P1 vs G1: arg1 1 of (pred 1, gold 2), rel 1/1, rest 4/4 -> 6/6 predicted, 6/7 gold
    assert cs.match(g1, p1) == pytest.approx((1.0, 6 / 7))
    # P2 vs G2: "is" ~ "was" (forms of be) + "given", arg1 2, rest "Mary" -> 5 of 6 each
    assert cs.match(g2, p2) == pytest.approx((5 / 6, 5 / 6))
    assert cs.match(g1, p2) is None  # relations share no token
    assert cs.match(g1, p3) is None  # arg1 shares no token
    assert cs.match(g2, p1) is None
    # "said": arguments also tried swapped
    assert cs.match(gold[S2][0], system[S2][0]) == pytest.approx((1.0, 1.0))
    # a non-"said" relation is not swapped
    assert cs.match(cs.Tuple_("rose", ["Prices", "sharply"]), cs.Tuple_("rose", ["sharply", "Prices"])) is None
    # gold has arg2, prediction has none -> no match
    assert cs.match(g2, cs.Tuple_("was given", ["the book"])) is None


def test_small_example_by_hand():
    gold, system = _small()
    s = cs.score(gold, system)
    # Thresholds 0.5, 0.7, 0.9; four gold tuples.
    # t=0.9: {P1}: P = 1/1, R = (6/7)/4 = 3/14
    # t=0.7: {P1,P4}: P = 2/2, R = (6/7 + 1)/4 = 13/28
    # t=0.5: all four: one-to-one G1-P1 (1), G2-P2 (5/6), G3-P4 (1), P3 unmatched
    #        P = (17/6)/4 = 17/24; R = (6/7 + 5/6 + 1 + 0)/4 = 113/168
    p, r = Fraction(17, 24), Fraction(113, 168)
    f1 = 2 * p * r / (p + r)  # 13447/19488 ~ 0.6900 > 26/41 (t=0.7) > 6/17 (t=0.9)
    assert s.threshold == 0.5
    assert s.precision == pytest.approx(float(p))
    assert s.recall == pytest.approx(float(r))
    assert s.f1 == pytest.approx(float(f1))
    assert s.f1 == pytest.approx(0.69002, abs=1e-5)
    # PR curve (R, P): (113/168, 17/24), (13/28, 1), (3/14, 1), plus (0, 1)
    auc = Fraction(35, 168) * (p + 1) / 2 + Fraction(42, 168) + Fraction(36, 168)
    assert auc == Fraction(5179, 8064)
    assert s.auc == pytest.approx(float(auc))
    assert (s.n_gold, s.n_sentences) == (4, 3)


def test_small_example_subset_and_roundtrip(tmp_path):
    gold, system = _small()
    assert cs.score(gold, _roundtrip(tmp_path, system)) == cs.score(gold, system)
    only_s2 = cs.score(gold, system, sentences={S2})
    assert (only_s2.precision, only_s2.recall, only_s2.f1) == (1.0, 1.0, 1.0)
    only_s3 = cs.score(gold, system, sentences={S3})
    assert only_s3.f1 == 0.0 and only_s3.recall == 0.0


def test_domain_file_formats(tmp_path):
    two = tmp_path / "two.tsv"
    two.write_text("A b .\tnewswire_wsj\nC d .\twikipedia\n", encoding="utf-8")
    three = tmp_path / "three.tsv"
    three.write_text("line_no\tdomain\tsentence\n1\twikipedia\tC d .\n2\tnewswire_wsj\tA b .\n",
                     encoding="utf-8")
    assert cs.newswire_sentences(two) == cs.newswire_sentences(three) == {"A b ."}


def test_cli(tmp_path, capsys):
    gold, system = _small()
    gpath = tmp_path / "gold.tsv"
    gpath.write_text("".join(f"{s}\t{t.relation}\t" + "\t".join(t.args) + "\n"
                             for s, ts in gold.items() for t in ts), encoding="utf-8")
    spath = tmp_path / "sys.tsv"
    cs.write_system(spath, system)
    cs.main([str(gpath), str(spath)])
    out = capsys.readouterr().out
    assert "f1 0.6900" in out and "threshold 0.5" in out
