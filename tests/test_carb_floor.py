"""A floor on the open-IE extractor's CaRB dev F1 (first 50 sentences), so regressions show up in the suite."""

from __future__ import annotations

import pytest

from benchmarks import carb
from benchmarks import carb_scorer as cs
from benchmarks.paths import DEFAULT_DATA

DATA = DEFAULT_DATA / "carb-dev"
LIMIT = 50
#: Measured 0.454 on these 50 sentences when set; the floor leaves ~0.05 of slack.
F1_FLOOR = 0.40


@pytest.mark.model
def test_carb_dev_f1_above_floor():
    sentences = [s.strip() for s in (DATA / "dev_sentences.txt").read_text(encoding="utf-8").splitlines()
                 if s.strip()][:LIMIT]
    system, _, _ = carb.extract(sentences)
    keys = {cs.normalize_sentence(s) for s in sentences}
    gold = {k: v for k, v in cs.read_gold(DATA / "dev.tsv").items() if cs.normalize_sentence(k) in keys}
    scores = cs.score(gold, system)
    assert scores.f1 >= F1_FLOOR, scores
