"""Father and son, and a surname across kinds of entity: middle initials and generations
(``newsgraph.ingest.name_marks``) in-article (``newsgraph.ingest.surnames``) and across articles
(``newsgraph.graph.resolve``), and a person's surname that is also a company's or a country's name."""

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.graph.resolve import resolve
from newsgraph.ingest.anaphora import Found
from newsgraph.ingest.name_marks import mark
from newsgraph.ingest.names import name_key
from newsgraph.ingest.surnames import link_surnames
from newsgraph.model import Article, ArticleAnalysis, LocalEntity


def _keys(*items):
    found = [Found(start, start + len(name.split()), name, label, "name", name_key(name))
             for start, name, label in items]
    return [item.key for item in link_surnames(found)]


def _article(source, *entities):
    local = tuple(LocalEntity(source, i, names[0], kind, names, votes or ((kind, 1),))
                  for i, (names, kind, votes) in enumerate(entities))
    return ArticleAnalysis(Article(source, "text"), (), local, ())


def _entity_of(res, source, local_id):
    return res.assignment[(source, local_id)]


def test_marks_read_middle_initials_and_generations():
    assert mark("George H.W. Bush") == ("george bush", "hw") and mark("George W. Bush") == ("george bush", "w")
    assert mark("Donald Trump Jr.") == ("donald trump", " jr") and mark("Jerome Powell") == ("jerome powell", "")


def test_in_article_a_full_name_with_other_initials_or_generation_is_another_person():
    assert _keys((0, "George H.W. Bush", "PERSON"), (20, "George W. Bush", "PERSON")) == [
        "george hw bush", "george bush"]
    assert _keys((0, "Donald Trump Jr.", "PERSON"), (20, "Donald Trump", "PERSON")) == [
        "donald trump jr", "donald trump"]
    assert _keys((0, "Jerome H. Powell", "PERSON"), (20, "Jerome Powell", "PERSON")) == [
        "jerome powell", "jerome powell"]


def test_across_articles_father_and_son_stay_apart_and_a_plain_name_joins_only_the_one_it_fits():
    res = resolve([_article("a", (("George H.W. Bush",), "Person", ()), (("George W. Bush",), "Person", ())),
                   _article("b", (("George W. Bush",), "Person", ())),
                   _article("c", (("George Bush",), "Person", ()))])
    assert _entity_of(res, "a", 0) != _entity_of(res, "a", 1) == _entity_of(res, "b", 0)
    assert _entity_of(res, "c", 0) not in {_entity_of(res, "a", 0), _entity_of(res, "a", 1)}  # H.W. or W.?
    trump = resolve([_article("a", (("Donald Trump Jr.",), "Person", ()), (("Donald Trump",), "Person", ())),
                     _article("b", (("Donald Trump",), "Person", ()))])
    assert _entity_of(trump, "a", 0) != _entity_of(trump, "a", 1) == _entity_of(trump, "b", 0)
    powell = resolve([_article("a", (("Jerome H. Powell",), "Person", ())), _article("b", (("Jerome Powell",),
                                                                                          "Person", ()))])
    assert len(powell.entities) == 1


def test_a_surname_alias_joins_no_company_or_country_of_that_name():
    res = resolve([_article("a", (("Ford Motor Company", "Ford"), "Organization", ())),
                   _article("b", (("Harrison Ford", "Ford"), "Person", ())),
                   _article("c", (("Michael Jordan", "Jordan"), "Person", ())),
                   _article("d", (("Jordan",), "Person", (("Person", 1), ("Place", 1))))])
    assert _entity_of(res, "a", 0) != _entity_of(res, "b", 0)
    assert _entity_of(res, "c", 0) != _entity_of(res, "d", 0)
    trump = resolve([_article("a", (("Donald Trump",), "Person", ())), _article("b", (("Trump",), "Organization", ()))])
    assert len(trump.entities) == 1  # a lone surname the model tagged ORG still joins the person


@pytest.mark.store
@pytest.mark.model
def test_cli_father_and_son_and_a_surname_across_kinds_stay_apart(tmp_path):
    rows = [
        {"id": "bush", "text": "Former President George H.W. Bush died on Friday at the age of 94. His son, former "
         "President George W. Bush, said his father was a man of the highest character.", "published": "2018-12-01",
         "outlet": "AP"},
        {"id": "trump", "text": "Donald Trump Jr. met donors in Texas on Monday. His father, Donald Trump, stayed in "
         "Washington.", "published": "2019-05-01", "outlet": "AP"},
        {"id": "ford1", "text": "Ford Motor Company reported lower profit on Tuesday. Ford said the strike cost it "
         "$1.7 billion.", "published": "2023-10-26", "outlet": "AP"},
        {"id": "ford2", "text": "Harrison Ford returned as Indiana Jones in the new film. Ford, 80, said it would be "
         "his last outing.", "published": "2023-06-01", "outlet": "Reuters"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    runner = CliRunner()
    store = tmp_path / "store"
    done = runner.invoke(app, ["ingest", str(source), "--data-dir", str(store), "-q"])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["entities", "--format", "json", "--data-dir", str(store)])
    assert listed.exit_code == 0, listed.output
    entities = {e["name"]: e for e in json.loads(listed.output)}
    assert {"George H.W. Bush", "George W. Bush", "Donald Trump", "Harrison Ford", "Ford Motor Company"} <= set(
        entities)
    assert {"Donald Trump Jr", "Donald Trump Jr."} & set(entities)
    assert entities["Harrison Ford"]["type"] == "Person" and entities["Ford Motor Company"]["type"] == "Organization"


@pytest.mark.store
@pytest.mark.model
def test_cli_a_surname_that_starts_a_sentence_is_the_person_s_mention(tmp_path):
    """The model tags a surname at the start of a sentence as a common noun: "Starmer said …" was a concept, and
    the article's own ingest (without another that names him mid-sentence) lost the speaker."""
    text = ("Sir Keir Starmer became prime minister on Friday after Labour won a landslide. Starmer said the country "
            "had voted for change.")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "uk", "text": text, "published": "2024-07-05", "outlet": "AP"}) + "\n",
                      encoding="utf-8")
    runner = CliRunner()
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(source), "--data-dir", str(store), "-q"]).exit_code == 0
    out = tmp_path / "entities.jsonl"
    done = runner.invoke(app, ["export", "-f", "entities-jsonl", "-o", str(out), "--data-dir", str(store)])
    assert done.exit_code == 0, done.output
    [starmer] = [e for e in map(json.loads, out.read_text().splitlines()) if e["name"] == "Keir Starmer"]
    second = text.index("Starmer said")
    assert {(m["start"], m["text"]) for m in starmer["mentions"]} >= {(second, "Starmer")}

