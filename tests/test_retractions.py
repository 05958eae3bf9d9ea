"""What a correction withdraws ("An earlier version of this article said that …", "misstated", "incorrectly
reported") is kept as evidence but not asserted: hedged, so it neither contradicts nor corroborates, and its
quantities are not compared (`newsgraph query contested`)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from handmade import make_doc
from newsgraph.cli import app
from newsgraph.ingest.qualifiers import is_hedged, noun_qualifiers, retracts


def _earlier_version_said():
    # An earlier version of this article said that the explosion killed 12 workers.
    return make_doc("An DET det 2", "earlier ADJ amod 2 lemma=early tag=JJR", "version NOUN nsubj 6",
                    "of ADP prep 2", "this DET det 5", "article NOUN pobj 3", "said VERB ROOT 6 lemma=say tag=VBD",
                    "that SCONJ mark 10", "the DET det 9", "explosion NOUN nsubj 10",
                    "killed VERB ccomp 6 lemma=kill tag=VBD", "12 NUM nummod 12", "workers NOUN dobj 10",
                    ". PUNCT punct 6")


def test_what_an_earlier_version_said_is_withdrawn():
    doc = _earlier_version_said()
    assert retracts(doc[6]) and is_hedged(doc[10])


def test_what_a_current_report_says_is_not_withdrawn():
    # A report said that the explosion killed 12 workers: no earlier text, no error; asserted.
    doc = make_doc("A DET det 1", "report NOUN nsubj 2", "said VERB ROOT 2 lemma=say tag=VBD", "that SCONJ mark 6",
                   "the DET det 5", "explosion NOUN nsubj 6", "killed VERB ccomp 2 lemma=kill tag=VBD",
                   "12 NUM nummod 8", "workers NOUN dobj 6", ". PUNCT punct 2")
    assert not retracts(doc[2]) and not is_hedged(doc[6])
    # An earlier version of the bill said that the plant closed: a version of something else than a text.
    doc = make_doc("An DET det 2", "earlier ADJ amod 2 lemma=early tag=JJR", "version NOUN nsubj 6",
                   "of ADP prep 2", "the DET det 5", "bill NOUN pobj 3", "said VERB ROOT 6 lemma=say tag=VBD",
                   "that SCONJ mark 10", "the DET det 9", "plant NOUN nsubj 10",
                   "closed VERB ccomp 6 lemma=close tag=VBD", ". PUNCT punct 6")
    assert not retracts(doc[6]) and not is_hedged(doc[10])


def test_incorrectly_reported_and_this_story_previously_said_are_withdrawn():
    # The agency incorrectly reported that the plant closed.
    doc = make_doc("The DET det 1", "agency NOUN nsubj 3", "incorrectly ADV advmod 3",
                   "reported VERB ROOT 3 lemma=report tag=VBD", "that SCONJ mark 7", "the DET det 6",
                   "plant NOUN nsubj 7", "closed VERB ccomp 3 lemma=close tag=VBD", ". PUNCT punct 3")
    assert is_hedged(doc[7])
    # This story previously said the plant closed.
    doc = make_doc("This DET det 1", "story NOUN nsubj 3", "previously ADV advmod 3",
                   "said VERB ROOT 3 lemma=say tag=VBD", "the DET det 5", "plant NOUN nsubj 6",
                   "closed VERB ccomp 3 lemma=close tag=VBD", ". PUNCT punct 3")
    assert is_hedged(doc[6])


def test_the_object_of_misstated_is_withdrawn():
    # An earlier version misstated the death toll.
    doc = make_doc("An DET det 2", "earlier ADJ amod 2 lemma=early tag=JJR", "version NOUN nsubj 3",
                   "misstated VERB ROOT 3 lemma=misstate tag=VBD", "the DET det 6", "death NOUN compound 6",
                   "toll NOUN dobj 3", ". PUNCT punct 3")
    assert noun_qualifiers(doc[6]) == (True, False)


ARTICLES = [
    {"id": "x1", "outlet": "Meridian", "published": "2025-06-13",
     "text": "An explosion at the Halvorsen plant in Brennick killed nine workers on Monday.\n\nCorrection: An "
             "earlier version of this article said that the explosion in Brennick killed 12 workers. Nine workers "
             "died."},
    {"id": "y1", "outlet": "Ledger", "published": "2025-06-13",
     "text": "The explosion at the Halvorsen plant in Brennick on Monday killed nine workers, police said."},
]


@pytest.mark.store
@pytest.mark.model
def test_a_corrected_figure_is_not_contested(tmp_path):
    runner = CliRunner()
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    data = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(source), "--data-dir", str(data), "--examples", "0"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["query", "contested", "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    out = tmp_path / "mentions.jsonl"
    result = runner.invoke(app, ["export", "--format", "mentions-jsonl", "-o", str(out), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    kills = [m for m in rows if m["source"] == "x1" and m.get("text") == "killed"]
    assert [m["hedged"] for m in kills] == [False, True]  # the article's own figure, then the withdrawn one
