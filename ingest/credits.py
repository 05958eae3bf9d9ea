"""Picture credits in article text: who took or supplied a photograph is no part of the news.

A text copied from a news page keeps the credit line of each picture ("… in the Ivano-Frankivsk region, Ukraine.
Photograph: Igor Tkachenko/EPA"; "(AP Photo/Evan Vucci)"; "Photo by Jane Doe/Getty Images"). Its names are the
photographer and the agency: taken as entities, the one agency that supplied the pictures of many unrelated stories
would connect them all. The caption before the credit describes the picture and stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A credit: a label ("Photograph:", "Photo by", "Image credit:") and the rest of its line, at most a few words
#: and never a sentence (no full stop, question or exclamation mark before the line ends); or an agency's
#: bracketed credit ("(AP Photo/Evan Vucci)", "(Reuters/Kevin Lamarque)").
_CREDIT = re.compile(
    r"(?:(?<=\s)|^)(?:(?:photo(?:graph)?s?|picture|image|illustration|composite|video)(?:\s+credit)?\s*:|"
    r"(?:photo(?:graph)?s?|picture|image)\s+by\b)[^\S\n]*[^\n.!?]{1,80}?[^\S\n]*$"
    r"|\((?:AP|AFP|Reuters|Getty Images|EPA|Xinhua|Anadolu)(?:\s+photo)?\s*/[^()\n]{1,60}\)",
    re.IGNORECASE | re.MULTILINE)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the picture credits in ``text`` (module notes).

    >>> text = "People inspect the damage. Photograph: Igor Tkachenko/EPA\\nThe talks went on."
    >>> [text[a:b] for a, b in credit_spans(text)]
    ['Photograph: Igor Tkachenko/EPA']
    >>> text = "Biden waves (AP Photo/Evan Vucci) before leaving."
    >>> [text[a:b] for a, b in credit_spans(text)]
    ['(AP Photo/Evan Vucci)']
    >>> credit_spans("The photo: a crowd in Kyiv. It went round the world.")  # a sentence, not a credit
    []
    """
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


def credit_tokens(doc: Doc) -> frozenset[int]:
    """The indices of the tokens of ``doc`` that stand in a picture credit: no entity or concept mention is made of
    them."""
    spans = credit_spans(doc.text)
    if not spans:
        return frozenset()
    found: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return frozenset(found)
