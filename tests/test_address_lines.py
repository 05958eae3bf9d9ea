"""A line that is only the page's web address brings no story terms, entity mentions, events, concepts or
triples."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsgraph.ingest.address_lines import address_lines
from newsgraph.ingest.analyze import analyze
from newsgraph.ingest.story_terms import story_terms
from newsgraph.model import Article
from tests.handmade import _VOCAB

ADDRESS = "http : / / www . ny1 . com / content / news / woman - killed - in - queens - hit - and - run"
BODY = "A driver killed a woman in Queens on Friday and fled the scene.\nThe police arrested the driver."


def test_address_lines_joined_or_tokenised_and_nothing_else():
    text = "\n".join(["www.example.org/a/b", " https : / / x . org / y ", "Woman killed", "see http://x.org", ""])
    assert address_lines(text) == [(0, 19), (20, 45)]
    assert address_lines("http is a protocol\nwww") == []


def test_story_terms_leave_out_the_address_line():
    words = ["www", ".", "onenewspage", ".", "com", "/", "crash", "\n", "Crash", "in", "Queens"]
    spaces = [True, True, True, True, True, True, False, False, True, True, False]
    pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "SYM", "NOUN", "SPACE", "NOUN", "ADP", "PROPN"]
    doc = Doc(_VOCAB, words=words, spaces=spaces, pos=pos, lemmas=[w.lower() for w in words])
    assert doc.text.startswith("www . onenewspage . com / crash\nCrash")
    assert dict(story_terms(doc)) == {"w:crash": 1, "n:queens": 1}


@pytest.mark.model
def test_analysis_of_an_article_under_its_address_is_the_analysis_of_the_article(nlp):
    with_address, alone = ADDRESS + "\n" + BODY, BODY
    shift = len(ADDRESS) + 1
    found = analyze(Article("a", with_address), nlp(with_address))
    plain = analyze(Article("b", alone), nlp(alone))
    assert not [e for e in found.events if e.start < shift]
    assert not [m for m in found.mentions if m.end < shift]
    assert not [c for c in found.concepts if c.end < shift]  # one the parser ran on into the text stays
    assert not [t for t in found.triples if t.trigger_start < shift]
    assert not [t for t, _ in found.terms if t in {"n:ny1", "n:www", "n:http", "w:content"}]
    assert [(e.start - shift, e.event_class) for e in found.events] == [(e.start, e.event_class) for e in plain.events]
    assert {"kill", "arrest"} <= {e.event_class for e in found.events}


ONE_LINE = ("http : / / www . example . com / 2013 / 05 / 03 / story - rehab - 20130504 "
            "Lindsay Lohan checked into a rehab center on Thursday , her lawyer said .")


def test_an_address_before_the_article_on_one_line_is_only_the_address():
    address = ONE_LINE[:ONE_LINE.index(" Lindsay")]
    assert address_lines(ONE_LINE) == [(0, len(address))]
    assert address_lines("intro\n" + ONE_LINE) == [(6, 6 + len(address))]  # offsets are the text's


def test_the_address_ends_before_a_capitalised_word_after_its_last_slash_or_at_its_last_word():
    text = "http : / / nypost . com / 2013 / lohan - rehab / Lindsay Lohan is missing"
    assert text[slice(*address_lines(text)[0])] == "http : / / nypost . com / 2013 / lohan - rehab /"
    text = "https://x.org/a/b?id=5 The mayor resigned\nwww . people . com / article / 0 , , 20697025 , 00 . html"
    assert [text[a:b] for a, b in address_lines(text)] == [
        "https://x.org/a/b?id=5", "www . people . com / article / 0 , , 20697025 , 00 . html"]
    assert address_lines("www . x . com is down") == [(0, 13)]
    assert address_lines("http : is a protocol\nwww : the web\nwww\n") == []


@pytest.mark.model
def test_a_one_line_article_under_its_address_is_analysed(nlp):
    text = ADDRESS + " " + BODY.replace("\n", " ") + " Mayor Bill de Blasio visited the family in Brooklyn."
    shift = len(ADDRESS) + 1
    found = analyze(Article("a", text), nlp(text))
    assert {"kill", "arrest"} <= {e.event_class for e in found.events}
    assert {"Brooklyn"} < {m.text for m in found.mentions}
    assert all(m.start >= shift for m in found.mentions)
    assert not [e for e in found.events if e.start < shift]
    assert not [t for t, _ in found.terms if t in {"n:ny1", "n:www", "n:http", "w:content"}]
