"""A line holding only a date, or a credit that ends its line, ends its sentence before the parser runs; other line
breaks are left to the parser."""

from spacy.lang.en import English

from newsgraph.ingest.line_breaks import mark_datelines

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
    assert _starts("Biden waves (AP Photo/Evan Vucci) before leaving .\nHe flew home .") == ["Biden"]
