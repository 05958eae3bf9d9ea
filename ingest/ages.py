"""Ages an article states: "59-year-old" before a noun or a name, "Raj Chohan, 59," after a name (no spaCy model
needed: plain tokens)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

_YEARS = frozenset({"year", "years"})
_AFTER_AGE = frozenset({",", ")", ".", ";"})


def years_old(token: Token) -> str | None:
    """The number of an age written "59-year-old" (tokenised "59 - year - old"), read at its "old"; else ``None``.

    >>> from spacy.lang.en import English
    >>> doc = English()("a 59-year-old woman, 7 years old")
    >>> years_old(doc[5]), years_old(doc[-1])
    ('59', None)
    """
    doc, i = token.doc, token.i
    if token.lower_ != "old" or i < 3 or doc[i - 1].text != "-" or doc[i - 2].lower_ not in _YEARS:
        return None
    number = doc[i - 4] if doc[i - 3].text == "-" and i >= 4 else doc[i - 3]
    return number.text if number.text.isdigit() and 0 < int(number.text) < 130 else None


def stated_age(doc: Doc, start: int, end: int) -> str | None:
    """The age the article gives a name spanning ``start:end``: "Raj Chohan, 59," or "59-year-old Raj Chohan".

    >>> from spacy.lang.en import English
    >>> doc = English()("Raj Chohan, 59, died. The 36-year-old Duncan Rait fell.")
    >>> stated_age(doc, 0, 2), stated_age(doc, 13, 15)
    ('59', '36')
    """
    after = doc[end:end + 3]
    if (len(after) == 3 and after[0].text == "," and after[1].text.isdigit() and 0 < int(after[1].text) < 130
            and after[2].text in _AFTER_AGE):
        return after[1].text
    return years_old(doc[start - 1]) if start > 0 else None
