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
