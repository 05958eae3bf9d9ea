"""A line holding only a date, a credit that ends its line, a line that ends with a full stop and a headline end
their sentence before the parser runs; other line breaks are left to the parser."""

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
