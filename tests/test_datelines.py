"""A line holding only a date, a credit that ends its line, a line that ends with a full stop, a headline and a
list item end their sentence before the parser runs, an opening dateline is a sentence of its own, and every line
of an HTML page's text ends its block; other line breaks are left to the parser."""

import pytest
from spacy.lang.en import English

from newsgraph.ingest.line_breaks import end_blocks, mark_datelines
from newsgraph.ingest.markdown import markdown_text
from newsgraph.ingest.nlp import parse
from newsgraph.model import Article

_NLP = English()  # the tokenizer only: no model


def _starts(text):
    return [t.text for t in mark_datelines(_NLP(text)) if t.is_sent_start]


def test_the_word_after_a_dateline_starts_a_sentence_in_the_usual_date_forms():
    for date in ("January 27 , 2006", "27 January 2006", "Monday, Jan. 27, 2006", "2006-01-27"):
        assert _starts(f"GM posts a loss\n{date}\nGeneral Motors posted a loss .") == ["GM", "General"], date


def test_a_line_that_only_begins_with_a_date_or_holds_no_date_changes_nothing():
    assert _starts("Markets fall\nMay 2 , 2009 was a bad day\nStocks fell .") == ["Markets"]
    assert _starts("The index said\nit would fall .") == ["The"]


def test_a_credit_that_ends_its_line_is_a_sentence_of_its_own():
    text = ("People inspect the damage in the region , Ukraine . Photograph : Igor Tkachenko/EPA\n"
            "There was also no indication that he had changed course .")
    assert _starts(text) == ["People", "Photograph", "There"]
    assert _starts("Talks ended .\nBy Jane Doe and John Roe\nKyiv fell quiet .") == ["Talks", "By", "Kyiv"]


def test_a_bracketed_credit_inside_a_sentence_leaves_it_whole():
    assert _starts("Biden waves (AP Photo/Evan Vucci) before leaving , he said\nto reporters .") == ["Biden"]


def test_a_line_ending_with_a_full_stop_or_a_headline_ends_its_sentence():
    assert _starts("Talks ended .\n\u201cNo deal yet !\u201d\nKyiv fell quiet .") == ["Talks", "\u201c", "Kyiv"]
    assert _starts("Lohan Checks Into Betty Ford Rehab\nLindsay Lohan checked into rehab .") == ["Lohan", "Lindsay"]
    # a hard-wrapped text: a line may end mid-sentence, with an abbreviation or with no stop at all
    assert _starts("The deal , said Mr.\nSmith , was signed in the U.S.\nLast week it\nStalled .") == ["The"]


def test_a_blank_line_ends_the_paragraph_above_it_stop_or_not():
    # a sentence-case or all-caps headline has no stop and is not title case: the blank line ends it
    assert _starts("Unions say no to austerity\n\nGreek unions accepted the plan .") == ["Unions", "Greek"]
    assert _starts("UNIONS SAY NO TO AUSTERITY\n \nGreek unions accepted it .") == ["UNIONS", "Greek"]
    # a line that leads on past the blank line: a colon before a quotation set apart, a comma, a dash
    for lead in (":", ",", " \u2014"):
        assert _starts(f"The minister told reporters{lead}\n\nwe will not sign .") == ["The"], lead


def test_an_opening_dateline_is_a_sentence_of_its_own():
    # the place in capitals or capitalised, a region, a date, an agency, then an em/en dash, "--" or " - "
    assert _starts("TOULOUSE , France \u2014 Airbus won an order .") == ["TOULOUSE", "Airbus"]
    assert _starts("NEW YORK (AP) \u2014 Sen. Elizabeth Warren criticized Exxon .") == ["NEW", "Sen."]
    assert _starts("Kyiv, Ukraine, Jan. 5 (Reuters) - Ukrainian forces shot down drones .") == ["Kyiv", "Ukrainian"]
    assert _starts("Paris, France -- Macron met Scholz .") == ["Paris", "Macron"]
    assert _starts("TOULOUSE, France\u2014Airbus won .") == ["TOULOUSE", "Airbus"]
    # at the start of a later line too; the line above it ends there, stop or not
    assert _starts("By Jane Doe\nDETROIT \u2013 Tesla recalled cars .") == ["By", "DETROIT", "Tesla"]


def test_a_dateline_is_not_cut_from_the_words_it_holds():
    doc = mark_datelines(_NLP("ST. PETERSBURG , Fla. (AP) \u2014 Rain fell ."))  # "ST", ".", "PETERSBURG", ...
    assert [t.is_sent_start for t in doc][:10] == [True] + [False] * 8 + [True]
    assert doc[9].text == "Rain"


def test_the_opening_words_of_a_sentence_are_no_dateline():
    for text in ("Boeing \u2014 The plane maker \u2014 said no .",  # a capitalised word needs a region, date or agency
                 "NATO \u2014 the alliance \u2014 said no .",  # the lead starts with a capital or a number
                 "In British Columbia , Attorney - General Wally Oppal spoke .",  # a tokenised compound
                 "SKY - TV reports that three died .",  # a headline in capitals
                 "By Omar Haddad \u2014 3 March 2024"):
        assert _starts(text) == [text.split()[0]], text


@pytest.mark.model
def test_the_place_of_a_dateline_is_neither_subject_nor_object_of_the_lead(nlp):
    for text in ("TOULOUSE, France \u2014 Airbus won an order for 40 jets from Qantas on Thursday, the airline said.",
                 "NEW YORK (AP) \u2014 Sen. Elizabeth Warren, D-Mass., criticized Exxon Mobil Corp. on Sept. 30."):
        doc = nlp(text)
        dash = next(t.i for t in doc if t.text == "\u2014")
        assert all(t.dep_ not in {"nsubj", "dobj", "appos", "conj"} or t.head.i <= dash for t in doc[:dash]), text
        assert {t.text for t in doc if t.dep_ == "nsubj" and t.head.lemma_ in {"win", "criticize"}} <= {
            "Airbus", "Warren"}, text
        assert doc[dash + 1].is_sent_start


def test_a_list_item_starts_a_sentence_and_ends_the_one_above_it():
    text = ("The measures target :\n- Sovcomflot , the state shipper ;\n- two tanker operators ;\n"
            "\u2022 a trader .\n1. one ;\n2) six ;\n* three .")
    assert _starts(text) == ["The", "-", "-", "\u2022", "1", "2", "*"]
    doc = mark_datelines(_NLP(text))  # the marker and the item's first word are one sentence
    assert [t.is_sent_start for t in doc if t.text in {"Sovcomflot", "two", "a", "one", "six"}] == [False] * 5
    # a hard-wrapped line that starts with a number or a hyphen and no space is no list item
    assert _starts("Prices rose to\n3.5 percent and the\n-20 degrees .") == ["Prices"]


def test_a_markdown_list_keeps_its_markers_and_its_items_are_sentences():
    text = markdown_text("They agreed:\n\n- Poland, the largest buyer;\n- Estonia, the smallest.\n\n"
                         "3. to talk,\n4. to meet.")
    assert text == ("They agreed:\n\n\u2022 Poland, the largest buyer;\n\n\u2022 Estonia, the smallest.\n\n"
                    "3. to talk,\n\n4. to meet.\n")
    assert _starts(text) == ["They", "\u2022", "\u2022", "3", "4"]


def test_every_line_of_a_page_ends_its_block():
    text = "Boeing under pressure\nThe deal is a blow\nHe told reporters :\n\u201cWe will not sign .\u201d"
    assert [t.text for t in end_blocks(_NLP(text)) if t.is_sent_start] == ["Boeing", "The", "He"]
    assert _starts(text) == ["Boeing"]  # plain text: hard-wrapped lines break mid-sentence


@pytest.mark.model
def test_the_lines_of_an_html_page_are_sentences_but_not_those_of_a_text(nlp):
    text = "Airbus won an order on Thursday.\nBoeing under pressure\nThe deal is a blow to Boeing."
    sentences = {path: [s.text.strip() for s in doc.sents]
                 for article, doc in parse([Article(id=path, text=text, path=path)
                                            for path in ("a/page.HTML", "a/page.txt")], nlp)
                 for path in [article.path]}
    assert sentences["a/page.HTML"] == text.split("\n")
    assert "Boeing under pressure\nThe deal is a blow to Boeing." in sentences["a/page.txt"]


@pytest.mark.model
def test_no_before_a_number_is_one_word(nlp):
    doc = nlp("Mr. Putin spoke at No. 10 Downing St. in London. Nos. 3 and 4 failed. He said No.")
    assert [t.text for t in doc][3:7] == ["at", "No.", "10", "Downing"]
    assert "Nos." in [t.text for t in doc]
    assert [t.text for t in doc][-2:] == ["No", "."]  # a sentence's last "No" keeps its full stop apart
    assert any(ent.text == "No. 10 Downing St." for ent in doc.ents)
