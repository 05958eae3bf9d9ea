"""The product-alone entity resolution benchmark (benchmarks/resolution.py) on tiny corpora."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks import coref, corpora, resolution
from benchpkg import ECB_DOCS, ECB_MENTIONS, MEANTIME_DOCS, MEANTIME_MENTIONS, ROOT, write_tiny_data


def _span(sentences: list[str], first: int, last: int) -> tuple[int, int]:
    """Character span of tokens first..last (0-based over the article) in the sentences joined by newlines."""
    offsets = corpora.token_offsets(corpora.Article("d", "\n".join(sentences), tuple(
        tuple(s.split(" ")) for s in sentences), "t"))
    return offsets[first][0], offsets[last][1]


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _perfect_ecb(path, label="Entity"):
    records = []
    for doc, _, category, tokens, cluster, selected in ECB_MENTIONS:
        if category == "entity" and doc.startswith("2_"):
            start, end = _span(ECB_DOCS[doc][1], tokens[0] - 1, tokens[-1] - 1)
            records.append({"source": doc, "start": start, "end": end, "text": "", "node_id": cluster,
                            "node_label": label, "kind": "name"})
    return _write(path, records)


def _perfect_meantime(path):
    records = []
    for doc, sentence, tokens, chain in MEANTIME_MENTIONS:
        before = sum(len(s.split(" ")) for s in MEANTIME_DOCS[doc][:sentence])
        start, end = _span(MEANTIME_DOCS[doc], before + tokens[0], before + tokens[-1])
        records.append({"source": doc, "start": start, "end": end, "text": "", "node_id": chain,
                        "node_label": "Entity", "kind": "name"})
    return _write(path, records)


def _rows(stdout: str, label: str) -> list[list[str]]:
    return [line.split() for line in stdout.splitlines() if label in line]


def test_the_headline_counts_concept_nodes_and_the_entity_line_does_not():
    mentions = tuple(corpora.GoldMention(d, "1", (0,), "X", "") for d in ("a", "b"))
    corpus = corpora.GoldCorpus("toy", tuple(corpora.Article(d, "x", (("x",),), "t") for d in ("a", "b")), mentions)
    heads = {m.key: coref.Head(0, 1, "x") for m in mentions}
    product = [coref.ProductMention(d, 0, 1, "concept:x", "Concept") for d in ("a", "b")]
    lines = resolution.report(corpus, heads, product, "a test", 0.72)
    headline = next(line for line in lines if "Entity + Concept" in line).split()
    entities_only = next(line for line in lines if "Entity nodes only" in line).split()
    assert headline[-3:] == ["100.0", "coverage", "1.00"]
    assert entities_only[-2:] == ["coverage", "0.00"]
    assert lines[-1] == "target: CoNLL ≥ 72 (met)"


@pytest.mark.model
def test_resolution_benchmark_scores_perfect_exports_100_on_both_corpora(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "benchmarks.resolution", "--data", str(data),
                           "--mentions", str(_perfect_ecb(tmp_path / "ecb.jsonl")),
                           "--meantime-mentions", str(_perfect_meantime(tmp_path / "mt.jsonl"))],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    headlines = _rows(done.stdout, "product alone: Entity + Concept")
    assert [row[-3:] for row in headlines] == [["100.0", "coverage", "1.00"]] * 2
    assert "ECB+ dev entity mentions: 2 articles, 6 gold mentions in 2 clusters" in done.stdout
    assert "MEANTIME entity mentions: 2 articles, 4 gold mentions in 2 clusters" in done.stdout


@pytest.mark.model
def test_resolution_benchmark_on_one_corpus_with_concepts_only(tmp_path):
    data = write_tiny_data(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "benchmarks.resolution", "--data", str(data), "--only", "ecb",
                           "--mentions", str(_perfect_ecb(tmp_path / "ecb.jsonl", label="Concept"))],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "MEANTIME" not in done.stdout
    assert _rows(done.stdout, "product alone: Entity + Concept")[0][-3:] == ["100.0", "coverage", "1.00"]
    assert _rows(done.stdout, "Entity nodes only")[0][-2:] == ["coverage", "0.00"]
