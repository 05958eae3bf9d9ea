"""A dateline, a credit line, a headline or a line that ends with a full stop ends the sentence it stands in, set
before the parser runs (no model needed here).

A news text often puts its date on a line of its own between the headline and the lead ("GM posts first annual
loss since 1992", "January 27, 2006", "General Motors Corporation (GM) has posted its first annual loss …"); the
parser left to itself runs the three into one sentence and parses them as one clause. So the first word after a
line that holds nothing but a date starts a sentence. A picture or reporting credit (``credits.credit_spans``)
ends its line with no full stop ("… Ukraine. Photograph: Igor Tkachenko/EPA", then the next paragraph): the
parser ran it into the next sentence, whose evidence then quoted the credit. So a credit that ends its line is a
sentence of its own; an agency's bracketed credit inside a sentence ("Biden waves (AP Photo/Evan Vucci) before
leaving") is left as it is.

A line that ends with a full stop, a question or an exclamation mark (closing quotes may follow) ends its sentence
too, and so does a headline (a line in title case, ``trigger_rules.title_case``) though it has no stop: the parser
ran "Lohan Checks Into Betty Ford Rehab" into the lead below it, and a quotation's last line ("… No deal yet!")
into the next paragraph. A blank line ends the paragraph above it, headline, byline or caption, whatever it ends
with but a mark that leads on (a colon before a quotation set apart, a comma, a dash). Other line breaks are left
to the parser: a hard-wrapped text breaks its lines mid-sentence, after an abbreviation's full stop ("Mr.",
"U.S.") or after no stop at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.ingest.credits import credit_spans
from newsgraph.ingest.trigger_rules import title_case

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A line that is only a date: "January 27, 2006", "27 January 2006", "2006-01-27", "Monday, January 27, 2006".
DATELINE = re.compile(
    rf"^(?:[a-z]+day\s*,?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s*,?\s*\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})$", re.IGNORECASE)


def mark_datelines(doc: Doc) -> Doc:
    """Mark the first word after a dateline, a line that ends with a full stop or a headline, and the first word
    of a credit that ends its line and of the line after it, as sentence starts (module notes); returns ``doc``.

    >>> from spacy.lang.en import English
    >>> doc = mark_datelines(English()("Markets fall\\nMay 2 , 2009\\nStocks fell on Monday\\nand rose."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Markets', 'Stocks']
    >>> [t.text for t in mark_datelines(English()("Unions say no\\n\\nUnions agreed .")) if t.is_sent_start]
    ['Unions', 'Unions']
    >>> doc = mark_datelines(English()("Crowds gather. Photograph: Jo Roe/EPA\\nThere was no deal."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Crowds', 'Photograph', 'There']
    """
    text = doc.text
    if "\n" not in text:
        return doc
    at = 0
    lines = text.split("\n")
    for number, line in enumerate(lines[:-1]):  # the lines a line break ends (the last line has nothing after it)
        at += len(line) + 1
        if DATELINE.match(line.strip()) or _ends_sentence(doc, at - 1 - (len(line) - len(line.rstrip()))) or \
                title_case(line.split()) or _ends_paragraph(line, lines[number + 1]):
            _start_at(doc, at)
    for start, end in credit_spans(text):
        if end == len(text) or text[end] == "\n":  # a credit that ends its line
            if text[start] != "(":
                _start_at(doc, start)
            _start_at(doc, end)
    return doc


#: What a line may end with and still go on after a blank line: a colon before a quotation or a list set apart,
#: a comma, a semicolon, a dash, an opening bracket.
_GOES_ON = (":", ",", ";", "-", "\u2013", "\u2014", "(", "[")


def _ends_paragraph(line: str, following: str) -> bool:
    """True when ``line`` holds words and the line after it is blank: a paragraph, headline, byline or caption
    ends there, stop or not ("Unions say no to austerity", a blank line, "Greek unions accepted …"), unless the
    line ends with a mark that leads on (``_GOES_ON``).

    >>> _ends_paragraph("Unions say no to austerity", ""), _ends_paragraph("He told reporters:", "  ")
    (True, False)
    >>> _ends_paragraph("Talks resumed on", "Monday.")
    False
    """
    end = line.rstrip()
    return bool(end.strip()) and not following.strip() and not end.endswith(_GOES_ON)


#: Closing quotes that may follow a sentence's full stop at the end of its line.
_CLOSING = frozenset({'"', "'", "\u201d", "\u2019", "''", ")"})


def _ends_sentence(doc: Doc, end: int) -> bool:
    """True when the text before character ``end`` (the end of a line, white space trimmed) closes a sentence: a
    full stop, question or exclamation mark standing as a word of its own, maybe followed by closing quotes; not
    the full stop of an abbreviation ("Mr.", "U.S."), which a hard-wrapped line may end with mid-sentence."""
    if end <= 0:
        return False
    word = doc.char_span(end - 1, end, alignment_mode="expand")
    if word is None:
        return False
    token = word[-1]
    while token.text in _CLOSING and token.i > 0:
        token = doc[token.i - 1]
    return token.text in {".", "!", "?", "...", "\u2026"}


def _start_at(doc: Doc, at: int) -> None:
    """Mark the first word at or after character ``at`` as a sentence start, unless something marked it already."""
    text = doc.text
    after = len(text) - len(text[at:].lstrip())  # the first character of the next word
    if 0 < after < len(text):
        word = doc.char_span(after, after + 1, alignment_mode="expand")
        if word is not None and word[0].is_sent_start is None:
            word[0].is_sent_start = True
