"""A dateline ends the sentence it stands in, set before the parser runs (no model needed here).

A news text often puts its date on a line of its own between the headline and the lead ("GM posts first annual
loss since 1992", "January 27, 2006", "General Motors Corporation (GM) has posted its first annual loss …"); the
parser left to itself runs the three into one sentence and parses them as one clause. So the first word after a
line that holds nothing but a date starts a sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A line that is only a date: "January 27, 2006", "27 January 2006", "2006-01-27", "Monday, January 27, 2006".
DATELINE = re.compile(
    rf"^(?:[a-z]+day\s*,?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s*,?\s*\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})$", re.IGNORECASE)


def mark_datelines(doc: Doc) -> Doc:
    """Mark the first word after a dateline as a sentence start (module notes); returns ``doc``.

    >>> from spacy.lang.en import English
    >>> doc = mark_datelines(English()("Markets fall\\nMay 2 , 2009\\nStocks fell on Monday.\\nThe end."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Markets', 'Stocks']
    """
    line: list[str] = []
    for token in doc:
        if token.is_space and "\n" not in token.text:
            continue
        if not token.is_space:
            line.append(token.text_with_ws)
        if "\n" in token.whitespace_ or token.is_space:
            after = token.i + 1
            while after < len(doc) and doc[after].is_space:
                after += 1
            if after < len(doc) and line and DATELINE.match("".join(line).strip()) and doc[after].is_sent_start is None:
                doc[after].is_sent_start = True
            line = []
    return doc
