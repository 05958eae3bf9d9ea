"""The CaRB scorer (benchmarks/carb_scorer.py) gives the official CaRB scorer's figures.

Reference figures were obtained by running the official scorer — ``carb.py`` of github.com/dair-iitd/CaRB at
commit 024e0e9, default matcher ``binary_linient_tuple_match`` — under Python 3.11 with numpy 2.4 and
scikit-learn 1.9, in a scratch copy whose only changes were dropping imports it does not use for this (ipdb, nltk
and its stopword list, an old scikit-learn path) and printing the figures before rounding:

    python carb.py --gold=data/gold/dev.tsv --out=pr.dat --openiefive=system_outputs/dev/openie5_output.txt
    python carb.py --gold=data/gold/dev.tsv --out=pr.dat --tabbed=newsgraph_dev_059e4c8.tsv  # and _6232a63

and the same with ``--gold`` holding only the dev tuples of the newswire sentences (``dev_sentence_domain.tsv``).
The CaRB repository ships one dev-split system output, OpenIE-5's (its other systems' outputs are on the test
split); it is kept gzipped under ``tests/data/carb`` with CaRB's MIT licence. ``newsgraph_dev_*.tsv.gz`` are this
project's own dev outputs (``python -m benchmarks.carb --out``) at the commit named in the file name.
"""

from __future__ import annotations

import gzip
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from benchmarks import carb_formats, carb_scorer as cs
from benchmarks.paths import DEFAULT_DATA

DATA = DEFAULT_DATA / "carb-dev"
GOLD = DATA / "dev.tsv"
DOMAINS = DATA / "dev_sentence_domain.tsv"
FIXTURES = Path(__file__).parent / "data" / "carb"

#: (file, format, subset) -> (precision, recall, F1, AUC) by the official scorer, before its rounding to 3 places.
OFFICIAL = {
    ("openie5_dev_output.txt.gz", "openie5", "all"):
        (0.5256912008605438, 0.40592430389792916, 0.4581092385960356, 0.24021044589892113),
    ("openie5_dev_output.txt.gz", "openie5", "newswire"):
        (0.5356194105074904, 0.34264507905545066, 0.4179318586552517, 0.2067074416836457),
    ("newsgraph_dev_059e4c8.tsv.gz", "tabbed", "all"):
        (0.5964223315294283, 0.5165950186272269, 0.5536460063677773, 0.37073446569250024),
    ("newsgraph_dev_059e4c8.tsv.gz", "tabbed", "newswire"):
        (0.6301151135922166, 0.5233452598181728, 0.5717886204677585, 0.3842009274659687),
    ("newsgraph_dev_6232a63.tsv.gz", "tabbed", "all"):
        (0.6374968357842576, 0.5463504395977219, 0.5884148803915685, 0.41330277542401095),
    ("newsgraph_dev_6232a63.tsv.gz", "tabbed", "newswire"):
        (0.6277396867163457, 0.5608492644181781, 0.5924122737383805, 0.409039168246509),
}


@pytest.fixture(scope="module")
def gold():
    return cs.read_gold(GOLD)


def _roundtrip(tmp_path, extractions):
    path = tmp_path / "system.tsv"
    cs.write_system(path, extractions)
    return cs.read_system(path)


@pytest.mark.parametrize(("name", "fmt", "subset"), sorted(OFFICIAL))
def test_official_figures_on_dev_outputs(tmp_path, gold, name, fmt, subset):
    plain = tmp_path / name.removesuffix(".gz")
    with gzip.open(FIXTURES / name, "rb") as src, open(plain, "wb") as dst:
        shutil.copyfileobj(src, dst)
    sentences = cs.newswire_sentences(DOMAINS) if subset == "newswire" else None
    s = cs.score(gold, carb_formats.READERS[fmt](plain), sentences=sentences)
    assert (s.precision, s.recall, s.f1, s.auc) == pytest.approx(OFFICIAL[name, fmt, subset], abs=1e-9)


def test_gold_file_shape(gold):
    assert sum(len(t) for t in gold.values()) == 2548
    assert len(gold) == 638  # three of the 641 dev sentences have no gold tuple
    assert not any("C: " in a for ts in gold.values() for t in ts for a in t.args)


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
    assert s.n_gold == 930


def test_empty_system(gold):
    s = cs.score(gold, {})
    assert (s.precision, s.recall, s.f1, s.auc, s.threshold) == (0.0, 0.0, 0.0, 0.0, None)


def test_relation_only_scores_low(tmp_path, gold):
    """Relations alone match (the official matcher needs no shared argument token) but earn little."""
    system = {sent: [cs.Tuple_(t.relation, ["x", "y"], 0.5) for t in ts] for sent, ts in gold.items()}
    s = cs.score(gold, _roundtrip(tmp_path, system))
    assert s.f1 < 0.35


def test_half_of_gold(gold):
    system = {sent: ts[::2] for sent, ts in gold.items()}
    s = cs.score(gold, system)
    assert s.precision >= 0.99
    # ~51% of tuples kept; kept tuples also partially match dropped ones.
    assert 0.45 <= s.recall <= 0.8


def test_pair_rules():
    t = cs.Tuple_
    # relations must share a token; arguments need not
    assert cs.match(t("gave", ["John", "a book"]), t("gave", ["Mary", "flowers"])) == (1 / 3, 1 / 4)
    assert cs.match(t("gave", ["John", "a book"]), t("handed", ["John", "a book"])) is None
    # the prediction needs as many arguments as the gold, up to two; later arguments are joined
    assert cs.match(t("gave", ["John", "a book"]), t("gave", ["John"])) is None
    assert cs.match(t("gave", ["John"]), t("gave", ["John", "a book"])) == (1.0, 1.0)  # extra ones are not counted
    assert cs.match(t("gave", ["John", "a", "book"]), t("gave", ["John", "a book"])) == (1.0, 1.0)
    # a predicted "be" stands for a gold form of "be", not the other way round
    assert cs.match(t("is", ["Paris", "a city"]), t("be", ["Paris", "a city"])) == (1.0, 1.0)
    assert cs.match(t("be", ["Paris", "a city"]), t("is", ["Paris", "a city"])) is None
    assert cs.match(t("was", ["Paris", "a city"]), t("is", ["Paris", "a city"])) is None
    # case-sensitive tokens, each predicted token used once
    assert cs.match(t("said", ["The CEO", "no"]), t("said", ["the CEO", "no no"])) == (3 / 5, 3 / 4)
    # "said"-type gold relations (by substring) also try the arguments swapped
    assert cs.match(t("is said", ["Kim", "to leave"]), t("said", ["to leave", "Kim"])) == (1.0, 4 / 5)
    assert cs.match(t("rose", ["Prices", "sharply"]), t("rose", ["sharply", "Prices"])) == (1 / 3, 1 / 3)


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
        "An unrelated sentence .": [cs.Tuple_("is", ["a", "b"], 0.3)],  # ignored, but its threshold counts
    }
    return gold, system


def test_pair_matching():
    gold, system = _small()
    g1, g2 = gold[S1]
    p1, p2, p3 = system["John Smith gave the book to Mary"]
    # P1 vs G1: arg1 1 of (pred 1, gold 2), rel 1/1, rest 4/4 -> 6/6 predicted, 6/7 gold
    assert cs.match(g1, p1) == pytest.approx((1.0, 6 / 7))
    # P2 vs G2: "is" is no "was" (only a predicted "be" stands for any form), "given", arg1 2, rest "Mary"
    assert cs.match(g2, p2) == pytest.approx((4 / 6, 4 / 6))
    # P3 vs G1: "gave", no arg1 token, "the book" -> 3 of 4 predicted, 3 of 7 gold
    assert cs.match(g1, p3) == pytest.approx((3 / 4, 3 / 7))
    assert cs.match(g1, p2) is None  # relations share no token
    assert cs.match(g2, p1) is None
    assert cs.match(gold[S2][0], system[S2][0]) == pytest.approx((1.0, 1.0))  # swapped for "said"


def test_small_example_by_hand():
    """Worked by hand; the official scorer gives the same (P 2/3, R 53/84, F1 0.648318..., AUC 0.603174...)."""
    gold, system = _small()
    s = cs.score(gold, system)
    # Thresholds 0.3 (from the ignored sentence), 0.5, 0.7, 0.9; four gold tuples.
    # t=0.9: {P1}: P = 1/1, R = (6/7)/4 = 3/14
    # t=0.7: {P1,P4}: P = 2/2, R = (6/7 + 1)/4 = 13/28
    # t=0.5 and t=0.3: all four: one-to-one G1-P1 (1), G2-P2 (2/3), G3-P4 (1), P3 unpaired
    #        P = (8/3)/4 = 2/3; R = (6/7 + 2/3 + 1)/4 = 53/84
    p, r = Fraction(2, 3), Fraction(53, 84)
    f1 = 2 * p * r / (p + r)
    assert f1 == Fraction(212, 327)  # > 26/41 (t=0.7) > 6/17 (t=0.9)
    assert s.threshold == 0.3  # ties go to the lowest threshold
    assert (s.precision, s.recall, s.f1) == pytest.approx((float(p), float(r), float(f1)))
    # PR curve (R, P) by threshold: (53/84, 2/3) twice, (13/28, 1), (3/14, 1), closed by (0, 1)
    auc = Fraction(14, 84) * (p + 1) / 2 + Fraction(7, 28) + Fraction(3, 14)
    assert auc == Fraction(38, 63)
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


def test_bad_system_line_names_the_file(tmp_path):
    path = tmp_path / "sys.tsv"
    path.write_text("A b .\thigh\tis\tA\tb\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"sys.tsv:1: bad confidence 'high'"):
        cs.read_system(path)


def test_cli(tmp_path, capsys):
    gold, system = _small()
    gpath = tmp_path / "gold.tsv"
    gpath.write_text("".join(f"{s}\t{t.relation}\t" + "\t".join(t.args) + "\n"
                             for s, ts in gold.items() for t in ts), encoding="utf-8")
    spath = tmp_path / "sys.tsv"
    cs.write_system(spath, system)
    cs.main([str(spath), "--gold", str(gpath)])
    out = capsys.readouterr().out
    assert "f1 0.6483" in out and "auc 0.6032" in out and "threshold 0.3" in out
