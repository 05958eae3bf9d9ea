"""An article clearly not in the spaCy pipeline's language is skipped before it is parsed, with a reason naming the
check and ``--model``; short texts and every English news article are read."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.lang.en import English
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest.languages import check_language, other_stop_words

STOP = English.Defaults.stop_words
OTHERS = other_stop_words("en")
FRENCH = ("Le président Emmanuel Macron a rencontré mardi à Berlin le chancelier allemand Olaf Scholz.\n"
          "Macron a déclaré que la France et l'Allemagne soutiendraient l'Ukraine. Scholz a promis une aide "
          "militaire supplémentaire.\n")
GERMAN = ("Bundeskanzler Olaf Scholz hat am Dienstag in Berlin den französischen Präsidenten Emmanuel Macron "
          "getroffen.\nScholz sagte, Deutschland werde die Ukraine weiter unterstützen. Macron forderte mehr Geld für "
          "die Verteidigung Europas.\nDie beiden Politiker wollen sich im Juni in Paris erneut treffen.\n")
RUSSIAN = ("Президент России Владимир Путин провёл во вторник телефонный разговор с Дональдом Трампом.\n"
           "Путин согласился прекратить удары по энергетической инфраструктуре Украины на 30 дней.\n")
ENGLISH = ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Tuesday.\n"
           "Scholz said Germany would keep supporting Ukraine.\n")


CHINESE = "国务院总理周二在北京会见了来访的德国总理，双方就中德经贸合作和乌克兰局势交换了意见。"


@pytest.mark.parametrize("text", [FRENCH, GERMAN, RUSSIAN, CHINESE])
def test_an_article_in_another_language_is_foreign(text):
    assert check_language(text, STOP, OTHERS).foreign


@pytest.mark.parametrize("text", [
    ENGLISH,
    "Esther Williams, swimming star, dies at 91",  # a headline: too short to tell
    "PHILADELPHIA 76ERS Fired Jim O'Brien, coach. Named Maurice Cheeks coach.",
    # one English sentence with one stop word in its twelve lower-case words
    "The Pages refresh offers 40 new templates, including newsletters, posters, fliers, certificates, and business "
    "correspondence.",
    "A senior fire department official said demonstrators prevented firefighters from reaching the burning "
    "building, costing them vital time. See http://www.example.com/news/fire-department-official-statement-today",
])
def test_english_news_and_short_texts_are_read(text):
    assert not check_language(text, STOP, OTHERS).foreign


def test_an_english_text_poor_in_stop_words_is_read_as_no_other_language_has_more():
    listing = ("Recalled: flour, sugar, butter, eggs, milk, salt, vanilla extract, baking powder, cinnamon, nutmeg, "
               "honey, lemon zest, yeast, oats, raisins, walnuts, almonds, cocoa, cream, sunflower oil, pepper.")
    found = check_language(listing, STOP, OTHERS)
    assert found.words >= 20 and found.share < found.threshold  # the English share alone would skip it
    assert not found.foreign


@pytest.mark.store
@pytest.mark.model
def test_an_article_in_another_language_is_skipped_with_the_reason_and_again_on_reingest(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    data = str(tmp_path / "data")
    runner = CliRunner()
    for already in (0, 1):  # skipped the same way when ingested again; the English one is stored once
        result = runner.invoke(app, ["ingest", str(folder), "--data-dir", data])
        assert result.exit_code == 2, result.output
        [line] = [line for line in result.stderr.splitlines() if "skipped" in line]
        assert "fr.txt: language check: not in English" in line and "(--model)" in line
        assert f"{already} already stored; 1 skipped" in result.output
    relations = runner.invoke(app, ["query", "relations", "-p", "name=Emmanuel Macron", "--data-dir", data])
    assert relations.exit_code == 0, relations.output
    assert "meet" in relations.output and "déclar" not in relations.output and "• fr" not in relations.output
