"""benchmarks/components.py: spaCy's stock pipeline against newsgraph's faster components, on the tiny corpus."""

from __future__ import annotations

import sys

import pytest

from benchmarks import components
from benchpkg import write_tiny_data


def _run(monkeypatch, capsys, data) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["components", "--data", str(data), "--repeat", "1"])
    code = 0
    try:
        components.main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.model
def test_the_two_pipelines_agree_and_are_timed(tmp_path, monkeypatch, capsys):
    code, out, _ = _run(monkeypatch, capsys, write_tiny_data(tmp_path / "data"))
    assert code == 0
    assert "components made faster: attribute_ruler, lemmatizer" in out
    assert "the same in both pipelines" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("  ")}
    assert {"tokenizer", "tok2vec", "attribute_ruler", "lemmatizer", "ner", "all"} <= set(rows)
    assert "faster / stock" in out


@pytest.mark.model
def test_a_pipeline_that_changes_an_annotation_is_caught(tmp_path, monkeypatch, capsys):
    from spacy.language import Language

    from newsgraph.ingest import fast_components

    @Language.component("test_wrong_lemma")
    def wrong_lemma(doc):
        doc[0].lemma_ = "wrong"
        return doc

    def broken(nlp):
        nlp.add_pipe("test_wrong_lemma", last=True)
        return ["test_wrong_lemma"]

    monkeypatch.setattr(fast_components, "speed_up", broken)
    code, _, err = _run(monkeypatch, capsys, write_tiny_data(tmp_path / "data"))
    assert code == 1
    assert "article 0: the annotations differ" in err
