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

A list item (a line that starts with "-", "*", "•", "▪", "·", or a number and "." or ")") starts a sentence, so the
line before it ends one: the parser ran "- Sovcomflot, the state shipper;" and the items below it into one
sentence. An opening dateline at the start of a line ("TOULOUSE, France —", "NEW YORK (AP) —", "KYIV, Ukraine,
Jan. 5 (Reuters) -"; ``OPENING``) is a sentence of its own: run into the lead, its place became the subject of the
lead's verb ("France won an order"). A page's text (``end_blocks``, for the text of an HTML page, one paragraph a
line) ends a sentence at every line break, as a blank line does in other text.
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

#: A line that starts with a list marker: "-", "*", "•", "▪", "·", "1." or "1)", then a space.
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*\u2022\u25aa\u00b7]|\d{1,3}[.)])[ \t]+\S")

_UPPER_WORD = r"[A-Z][A-Z.'\u2019\-]*[A-Z.]"
_CAPITAL_WORD = r"[A-Z][a-z'\u2019\-]+\.?"
_REGION = r"[A-Z][A-Za-z.'\u2019\-]*(?:[ \t]+[A-Z][A-Za-z.'\u2019\-]*){0,2}"
_DAY = (rf"(?:(?:[A-Z][a-z]+day[ \t]*,?[ \t]*)?(?i:{_MONTH})[ \t]+\d{{1,2}}(?:[ \t]*,[ \t]*\d{{4}})?"
        rf"|\d{{1,2}}[ \t]+(?i:{_MONTH})(?:[ \t]+\d{{4}})?|[A-Z][a-z]+day)")
_AGENCY = r"\([ \t]*[A-Z][A-Za-z&.'\u2019/ \t\-]{1,40}?[ \t]*\)"
#: An opening dateline at the start of a line, up to the first word of the lead: the place in capitals ("NEW
#: YORK") or capitalised ("Kyiv"), maybe a region (", Ukraine"), a date (", Jan. 5") and an agency ("(Reuters)"),
#: then a dash (an em or en dash, "--", or a hyphen with spaces around it) and a capitalised word or a number. A
#: capitalised place needs a region, date or agency, and one before a hyphen a date or an agency, to tell it from
#: the opening words of a sentence ("Boeing — the plane maker — said") and from a compound a tokenised text
#: spaces out ("In British Columbia , Attorney - General"); ``_opens`` tells it from a headline in capitals.
OPENING = re.compile(
    rf"^[ \t]*(?:(?P<upper>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,3}})"
    rf"(?:[ \t]*,[ \t]*(?P<upper_region>{_REGION}))?(?:[ \t]*,[ \t]*(?P<upper_day>{_DAY}))?"
    rf"(?:[ \t]*(?P<upper_agency>{_AGENCY}))?"
    rf"|{_CAPITAL_WORD}(?:[ \t]+{_CAPITAL_WORD}){{0,2}}"
    rf"(?:[ \t]*,[ \t]*(?P<region>{_REGION}))?(?:[ \t]*,[ \t]*(?P<day>{_DAY}))?(?:[ \t]*(?P<agency>{_AGENCY}))?)"
    r"(?:[ \t]*(?P<dash>[\u2014\u2013]|--)|[ \t]+(?P<hyphen>-))[ \t]*(?=[\"\u201c\u2018'(]?[A-Z0-9])",
    re.MULTILINE)


def _opens(found: re.Match[str]) -> bool:
    """True when ``OPENING`` found a dateline (its notes): a capitalised place with a region, date or agency (a
    date or an agency before a hyphen), or a place in capitals before a word that is not in capitals too (a
    headline in capitals, "SKY - TV REPORTS", is no dateline)."""
    if found["upper"]:
        after = found.string[found.end():].split(None, 1)
        return not (found["hyphen"] and after and len(after[0]) > 1 and after[0].isupper())
    if found["hyphen"]:
        return bool(found["day"] or found["agency"])
    return bool(found["region"] or found["day"] or found["agency"])


def mark_datelines(doc: Doc) -> Doc:
    """Mark the first word after a dateline, a line that ends with a full stop or a headline, and the first word
    of a credit that ends its line and of the line after it, of a list item, and of an opening dateline and of the
    lead after it, as sentence starts (module notes); returns ``doc``.

    >>> from spacy.lang.en import English
    >>> doc = mark_datelines(English()("Markets fall\\nMay 2 , 2009\\nStocks fell on Monday\\nand rose."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Markets', 'Stocks']
    >>> [t.text for t in mark_datelines(English()("Unions say no\\n\\nUnions agreed .")) if t.is_sent_start]
    ['Unions', 'Unions']
    >>> doc = mark_datelines(English()("Crowds gather. Photograph: Jo Roe/EPA\\nThere was no deal."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Crowds', 'Photograph', 'There']
    >>> doc = mark_datelines(English()("KYIV, Ukraine (Reuters) — Troops left.\\nThey target:\\n- ports;\\n- roads."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['KYIV', 'Troops', 'They', '-', '-']
    """
    text = doc.text
    for opening in OPENING.finditer(text):
        if _opens(opening):
            _start_at(doc, opening.start())
            _go_on(doc, opening.start(), opening.end())
            _start_at(doc, opening.end())
    if "\n" not in text:
        return doc
    at = 0
    lines = text.split("\n")
    if (item := LIST_ITEM.match(text)) is not None:
        _go_on(doc, 0, item.end())
    for number, line in enumerate(lines[:-1]):  # the lines a line break ends (the last line has nothing after it)
        at += len(line) + 1
        if DATELINE.match(line.strip()) or _ends_sentence(doc, at - 1 - (len(line) - len(line.rstrip()))) or \
                title_case(line.split()) or _ends_paragraph(line, lines[number + 1]) or \
                LIST_ITEM.match(lines[number + 1]):
            _start_at(doc, at)
        if (item := LIST_ITEM.match(lines[number + 1])) is not None:
            _go_on(doc, at, at + item.end())  # the marker and the item's first word are one sentence
    for start, end in credit_spans(text):
        if end == len(text) or text[end] == "\n":  # a credit that ends its line
            if text[start] != "(":
                _start_at(doc, start)
            _start_at(doc, end)
    return doc


def end_blocks(doc: Doc) -> Doc:
    """Mark the first word after every line break as a sentence start, but after a line that leads on (a colon
    before a quotation set apart, a comma, a dash; ``_GOES_ON``): for a text whose lines are its blocks, as the
    text of an HTML page is (one paragraph, heading or list item a line), where a line break ends a paragraph as a
    blank line does in other text; returns ``doc``.

    >>> from spacy.lang.en import English
    >>> doc = end_blocks(English()("Boeing under pressure\\nThe deal is a blow.\\nHe said:\\n“No.”"))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Boeing', 'The', 'He']
    """
    at = 0
    for line in doc.text.split("\n")[:-1]:
        at += len(line) + 1
        if line.strip() and not line.rstrip().endswith(_GOES_ON):
            _start_at(doc, at)
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


def _go_on(doc: Doc, start: int, end: int) -> None:
    """Mark the words that start after character ``start`` and before ``end`` as no sentence starts, unless
    something marked them already: a dateline or a list item's marker is not cut from the words after it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    for token in span if span is not None else ():
        if start < token.idx < end and token.is_sent_start is None:
            token.is_sent_start = False
