"""Whether a clause or an event noun tells what happened or what is to happen, as its time phrase needs it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from handmade import make_doc
from newsgraph.cli import app
from newsgraph.graph.events import assign_events
from newsgraph.ingest.circumstances import circumstances
from newsgraph.ingest.quantities import event_quantities
from newsgraph.ingest.tenses import is_future, is_past
from newsgraph.model import Article, ArticleAnalysis, EventMention, Quantity

MONDAY_IN_NOVEMBER = "2005-11-28"
WEDNESDAY = "2010-05-05"


def _quake_in_february(tag: str, *aux: str):
    """ "In February , a quake hit the town ." with the verb's ``tag`` and ``aux`` before it ("could", "will")."""
    n, verb = len(aux), "hits" if tag == "VBZ" else "hit"
    return make_doc("In ADP prep 4", "February PROPN pobj 0 ent=DATE", ", PUNCT punct 4", "a DET det 4",
                    f"quake NOUN nsubj {5 + n}", *(f"{a} AUX aux {5 + n} tag=MD" for a in aux),
                    f"{verb} VERB ROOT {5 + n} lemma=hit tag={tag}", f"the DET det {7 + n}",
                    f"town NOUN dobj {5 + n}", f". PUNCT punct {5 + n}")


def _noun(doc, word="quake"):
    return next(t for t in doc if t.text == word)


def test_an_event_noun_under_a_past_verb_resolves_a_month_without_a_year_to_the_past():
    doc = _quake_in_february("VBD")
    quake = _noun(doc)
    assert (is_past(quake), is_future(quake)) == (True, False)
    assert event_quantities(doc, [quake.idx], MONDAY_IN_NOVEMBER)[quake.idx] == (
        Quantity("date", "2005-02", "", "In February"),)  # not 2006-02, three months after the report


def test_an_event_noun_is_ahead_under_a_future_verb_or_a_prospective_word_and_neither_under_a_modal_or_present():
    may = "2005-05-28"
    assert circumstances(_noun(_quake_in_february("VB", "will")), may).when == "2006-02"
    assert circumstances(_noun(_quake_in_february("VB", "could")), may).when == "2005-02"  # the nearest
    assert circumstances(_noun(_quake_in_february("VBZ")), MONDAY_IN_NOVEMBER).when == "2006-02"  # the nearest
    upcoming = make_doc("the DET det 2", "upcoming ADJ amod 2", "vote NOUN ROOT 2", "in ADP prep 2",
                        "February PROPN pobj 3 ent=DATE")
    assert circumstances(_noun(upcoming, "vote"), may).when == "2006-02"
    headline = make_doc("Vote NOUN ROOT 0", "on ADP prep 0", "Friday PROPN pobj 1 ent=DATE")
    assert circumstances(headline[0], WEDNESDAY).when == "2010-04-30"  # no verb says it is to happen


def _agreed_to_meet(*had: str):
    n = len(had)
    return make_doc(f"Papandreou PROPN nsubj {1 + n} ent=PERSON", *(f"{h} AUX aux {1 + n} lemma=have tag=VBD"
                                                                   for h in had),
                    f"agreed VERB ROOT {1 + n} lemma=agree tag={'VBN' if had else 'VBD'}",
                    f"to PART aux {3 + n} tag=TO", f"meet VERB xcomp {1 + n} lemma=meet tag=VB",
                    f"leaders NOUN dobj {3 + n}", f"on ADP prep {3 + n}", f"Friday PROPN pobj {5 + n} ent=DATE",
                    f". PUNCT punct {1 + n}")


def test_a_weekday_in_the_to_infinitive_of_a_past_commitment_resolves_ahead_of_the_article():
    doc = _agreed_to_meet()
    meet = _noun(doc, "meet")
    assert is_future(meet)
    assert circumstances(meet, WEDNESDAY).when == "2010-05-07"  # the coming Friday, not 2010-04-30
    had = _agreed_to_meet("had")
    assert circumstances(_noun(had, "meet"), WEDNESDAY).when == "2010-04-30"  # a commitment before a past time
    due = make_doc("Roe PROPN nsubj 1 ent=PERSON", "was AUX ROOT 1 lemma=be tag=VBD", "due ADJ acomp 1",
                   "to PART aux 4 tag=TO", "appear VERB xcomp 2 lemma=appear tag=VB", "on ADP prep 4",
                   "Friday PROPN pobj 5 ent=DATE")
    assert circumstances(_noun(due, "appear"), WEDNESDAY).when == "2010-04-30"  # a past schedule tells nothing


def _mention(source: str, start: int, date: str = "") -> EventMention:
    dated = (Quantity("date", date, "", f"on {date}"),) if date else ()
    return EventMention(source, start, start + 5, "quake", "quake", "quake", "nominal", 0, 200, quantities=dated)


def _analysis(source: str, *events: EventMention) -> ArticleAnalysis:
    text = "x " * 100 + " ".join(q.text for e in events for q in e.quantities)
    return ArticleAnalysis(Article(source, text, published=MONDAY_IN_NOVEMBER), (), (), (), events=events)


def test_a_year_after_every_article_s_publication_keeps_the_event_only_when_more_articles_name_it():
    analyses = [_analysis("a", _mention("a", 0, "2005-11-27"), _mention("a", 40), _mention("a", 80, "2006-02")),
                _analysis("b", _mention("b", 0, "2005-11-27"), _mention("b", 40))]
    events = assign_events(analyses, {"a": "story:1", "b": "story:1"})
    main = events.of_trigger("a", 40)
    assert events.of_trigger("a", 0) == events.of_trigger("b", 0) == events.of_trigger("b", 40) == main
    assert events.of_trigger("a", 80) not in {None, main}  # a planned or misread date is apart
    ahead = [_analysis("a", _mention("a", 0, "2006-02"), _mention("a", 40))]
    events = assign_events(ahead, {"a": "story:1"})
    assert events.of_trigger("a", 0) == events.of_trigger("a", 40)  # every dated mention ahead: nothing to split
    planned = [_analysis("a", _mention("a", 0, "2006"), _mention("a", 40)), _analysis("b", _mention("b", 0, "2006")),
               _analysis("c", _mention("c", 0, "2001"))]  # "will host in 2006" in two reports, "hosted in 2001"
    events = assign_events(planned, {"a": "story:1", "b": "story:1", "c": "story:1"})
    assert events.of_trigger("a", 0) == events.of_trigger("b", 0) == events.of_trigger("a", 40)
    assert events.of_trigger("c", 0) != events.of_trigger("a", 40)


@pytest.mark.store
@pytest.mark.model
def test_three_reports_of_a_quake_on_sunday_stay_one_event_beside_a_quake_in_february(tmp_path):
    texts = {
        "qa": "QUAKE KILLS TEN ON IRANIAN ISLAND\n\nA strong earthquake hit the island of Qeshm on Sunday, killing "
              "ten people and injuring 80, officials said.\n\nThe quake destroyed seven villages on Qeshm.\n\nIn "
              "February , a quake measuring 6 . 4 on the Richter scale hit the southern town of Zarand , killing "
              "612 people and wounding around 1 , 400 .",
        "qb": "TEN DEAD IN IRAN QUAKE\n\nAn earthquake struck Qeshm island in the Persian Gulf on Sunday, killing ten "
              "people, state media said.\n\nThe earthquake flattened seven villages on Qeshm and was felt in Dubai.",
        "qc": "IRAN QUAKE TOLL RISES TO TEN\n\nThe death toll from the earthquake that hit Qeshm island on Sunday rose "
              "to ten, the governor said.\n\nThe quake damaged homes in seven villages on Qeshm."}
    (tmp_path / "q.jsonl").write_text("".join(
        json.dumps({"id": k, "outlet": f"Daily {k[1].upper()}", "published": MONDAY_IN_NOVEMBER, "text": v}) + "\n"
        for k, v in texts.items()))
    runner = CliRunner()
    data = str(tmp_path / "store")
    result = runner.invoke(app, ["ingest", str(tmp_path / "q.jsonl"), "--data-dir", data, "-q"])
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(app, ["query", "story", "-p", "name=qeshm", "-f", "json", "--data-dir",
                                          data]).output)
    assert [r["source_count"] for r in rows if r["event"] == "quake"] == [3]  # not a "quake in 2005" apart
