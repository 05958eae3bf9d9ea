"""Happenings of one class in one story told apart by the years their mentions are placed in."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.event_times import mention_years, own_year, time_split
from newsgraph.graph.events import assign_events
from newsgraph.model import Arg, Article, ArticleAnalysis, EventMention, Participant, Quantity


def _mention(source: str, start: int, text: str = "quake", event_class: str = "quake", year: str = "",
             kind: str = "nominal", participants: tuple[Participant, ...] = (),
             quantities: tuple[Quantity, ...] = ()) -> EventMention:
    dated = (Quantity("date", year, "", f"in {year}"),) if year else ()
    return EventMention(source, start, start + len(text), text, event_class, event_class, kind, 0, 200,
                        participants=participants, quantities=dated + quantities)


def _analysis(source: str, *events: EventMention, published: str = "") -> ArticleAnalysis:
    text = "x " * 100 + " ".join(q.text for e in events for q in e.quantities)  # each date on its mention's line
    return ArticleAnalysis(Article(source, text, published=published), (), (), (), events=events)


def test_mentions_of_one_class_at_different_years_are_different_events_and_undated_ones_join_the_latest():
    analyses = [_analysis("a", _mention("a", 0, year="2005"), _mention("a", 40)),
                _analysis("b", _mention("b", 0, year="2005-11-27"), _mention("b", 60, year="2003-12")),
                _analysis("c", _mention("c", 10))]
    events = assign_events(analyses, {s: "story:1" for s in "abc"})
    main = events.of_trigger("a", 0)
    assert events.of_trigger("a", 40) == events.of_trigger("b", 0) == events.of_trigger("c", 10) == main
    assert events.of_trigger("b", 60) not in {None, main}


def test_mentions_that_differ_in_numbers_or_name_no_year_stay_one_event():
    ten = Quantity("count", "10", "people", "ten people")
    dozens = Quantity("count", "612", "people", "612 people")
    analyses = [_analysis("a", _mention("a", 0, "killed", "kill", kind="verbal", quantities=(ten,))),
                _analysis("b", _mention("b", 0, "killed", "kill", kind="verbal", quantities=(dozens,)),
                          _mention("b", 30, "killed", "kill", year="2003", kind="verbal"))]
    events = assign_events(analyses, {"a": "story:1", "b": "story:1"})
    assert len({events.of_trigger("a", 0), events.of_trigger("b", 0), events.of_trigger("b", 30)}) == 1


def test_one_year_long_before_its_article_was_published_is_a_past_happening():
    analyses = [_analysis("a", _mention("a", 0), _mention("a", 50, year="2003"), published="2005-11-28"),
                _analysis("b", _mention("b", 0), published="2005-11-28")]
    events = assign_events(analyses, {"a": "story:1", "b": "story:1"})
    assert events.of_trigger("a", 0) == events.of_trigger("b", 0) != events.of_trigger("a", 50)
    last_year = [_analysis("a", _mention("a", 0), _mention("a", 50, year="2004"), published="2005-01-10")]
    events = assign_events(last_year, {"a": "story:1"})
    assert events.of_trigger("a", 0) == events.of_trigger("a", 50)


def test_an_event_noun_takes_the_year_of_the_mention_it_is_the_subject_of_and_a_verb_that_of_its_noun():
    quake = _mention("a", 2, "quake")  # "A quake killed 31,000 people in Bam in 2003."
    killed = _mention("a", 8, "killed", "kill", year="2003", kind="verbal",
                      participants=(Participant("subject", Arg("quake", 2, 7, concept="quake")),))
    assert mention_years([quake, killed]) == {2: "2003", 8: "2003"}
    dated_noun = _mention("b", 9, "quake", year="2003")  # "The 2003 quake razed Bam."
    razed = _mention("b", 15, "razed", "damage", kind="verbal",
                     participants=(Participant("subject", Arg("quake", 9, 14, concept="quake")),))
    assert mention_years([dated_noun, razed]) == {9: "2003", 15: "2003"}


def test_a_date_from_another_line_is_the_article_s_stamp_not_the_happening_s_time():
    host = EventMention("a", 3, 7, "Host", "host", "host", "verbal", 0, 40,
                        quantities=(Quantity("date", "2013-08-02", "", "August 2 , 2013"),))
    assert own_year(host, "To Host Oscars\nFriday August 2 , 2013 @ 8:13am") == ""
    assert own_year(host, "To Host Oscars on August 2 , 2013") == "2013"


def test_time_split_of_a_single_year_with_no_publication_date_splits_nothing():
    mentions = [("a", _mention("a", 0)), ("b", _mention("b", 0)), ("b", _mention("b", 9))]
    assert time_split(mentions, {("b", 9): "2003"}) == {}


@pytest.mark.store
@pytest.mark.model
def test_two_articles_naming_a_quake_of_another_year_get_two_quake_events(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Earthquake kills ten on Qeshm island\n\nA powerful earthquake killed ten people on Qeshm island in "
        "southern Iran in 2005, officials said. The quake destroyed hundreds of mud-brick houses in seven "
        "villages on the island. Rescue teams reached the villages of Qeshm on Monday.\n")
    (tmp_path / "b.txt").write_text(
        "Qeshm island earthquake leaves ten dead\n\nTen people died when an earthquake struck Qeshm island in "
        "southern Iran, officials said. The quake destroyed mud-brick houses in seven villages on the island. "
        "In 2003, an earthquake killed more than 31,000 people in Bam.\n")
    runner = CliRunner()
    data = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--data-dir",
                                 str(data), "-q"])
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(app, ["query", "story", "-p", "name=qeshm", "-f", "json", "--data-dir",
                                          str(data)]).output)
    quakes = sorted((r["source_count"], r["mentions"]) for r in rows if r["event"] == "quake")
    assert quakes == [(1, 1), (2, 6)]  # the 2003 quake in Bam; the Qeshm quake of both reports
    assert len({r["story"] for r in rows}) == 1
