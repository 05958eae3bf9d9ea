"""Credits in article text: who took a photograph or reported the story is no part of the news.

A text copied from a news page keeps the credit line of each picture ("… in the Ivano-Frankivsk region, Ukraine.
Photograph: Igor Tkachenko/EPA"; "(AP Photo/Evan Vucci)"; "Photo by Jane Doe/Getty Images") and the lines that
credit its reporters ("Reporting by Jane Doe; Editing by John Roe", "John Roe contributed reporting from Kyiv.",
"Additional reporting by …", a byline "By Jane Doe" or "By Jane Doe, Paris correspondent" on a line of its own).
Their names are photographers, reporters and agencies: taken as entities, the one agency or reporter behind many
unrelated stories would connect them all. The caption before a picture credit describes the picture and stays.

A page's byline is also its author (``newsgraph.ingest.html``): trafilatura splits "By Hélène Dubois, Paris
correspondent" at the comma and joins the parts with "; ", as it joins several authors. ``byline_names`` keeps
the parts that are names ("Hélène Dubois"), not the reporter's role ("Paris correspondent", "Staff Writer").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from newsgraph.ingest.columns import doc_table
from newsgraph.ingest.names import NAME_PARTICLES

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A picture credit: a label ("Photograph:", "Photo by", "Image credit:") and the rest of its line, at most a few
#: words and never a sentence (no full stop, question or exclamation mark before the line ends); or an agency's
#: bracketed credit ("(AP Photo/Evan Vucci)", "(Reuters/Kevin Lamarque)").
_PICTURE = (r"(?i:(?:(?<=\s)|^)(?:(?:photo(?:graph)?s?|picture|image|illustration|composite|video)(?:\s+credit)?\s*:"
            r"|(?:photo(?:graph)?s?|picture|image)\s+by\b)[^\S\n]*[^\n.!?]{1,80}?[^\S\n]*$)"
            r"|(?i:\((?:AP|AFP|Reuters|Getty Images|EPA|Xinhua|Anadolu)(?:\s+photo)?\s*/[^()\n]{1,60}\))")
#: The nouns a reporter's role ends with in a byline ("Paris correspondent", "Senior Political Editor").
BYLINE_ROLES = ("correspondent", "reporter", "editor", "writer", "columnist", "journalist", "contributor", "staff",
                "producer", "photographer", "analyst", "commentator", "chief", "desk", "team", "bureau")
#: A reporter's role after the names of a byline: a comma, at most three words and a role noun.
_ROLE = r"(?:[^\S\n]*,[^\S\n]*(?:[\w'.-]+[^\S\n]+){0,3}(?i:" + "|".join(BYLINE_ROLES) + r")s?)?"
#: A line that credits reporters: "Reporting by …; Editing by …", "Additional reporting by …", "… contributed
#: reporting from Kyiv.", "… contributed to this report."; or a byline of names alone ("By Jane Doe and John Roe"),
#: maybe with a role ("By Jane Doe, Paris correspondent").
_REPORTING = (r"(?i:^[^\S\n]*(?:(?:additional\s+)?reporting\s+by|(?:editing|writing|compiled)\s+by"
              r"|reporting\s+was\s+contributed\s+by)\b[^\n]{1,200}$)"
              r"|(?i:^[^\n]{1,160}?\bcontributed\s+(?:reporting|research|to\s+this\s+(?:report|article|story))\b"
              r"[^\n]{0,100}$)"
              r"|^[^\S\n]*(?i:by)\s+[A-Z][\w'.-]*(?:[^\S\n]+(?:[A-Z][\w'.-]*|and|&)|,)*" + _ROLE + r"[^\S\n]*$")
_CREDIT = re.compile(f"{_PICTURE}|{_REPORTING}", re.MULTILINE)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the picture and reporting credits in ``text`` (module notes).

    >>> text = "People inspect the damage. Photograph: Igor Tkachenko/EPA\\nThe talks went on."
    >>> [text[a:b] for a, b in credit_spans(text)]
    ['Photograph: Igor Tkachenko/EPA']
    >>> text = "Biden waves (AP Photo/Evan Vucci) before leaving."
    >>> [text[a:b] for a, b in credit_spans(text)]
    ['(AP Photo/Evan Vucci)']
    >>> credit_spans("The photo: a crowd in Kyiv. It went round the world.")  # a sentence, not a credit
    []
    >>> text = "By Jane Doe and John Roe\\nKyiv fell quiet.\\nReporting by Jane Doe; Editing by Kim Lee"
    >>> [text[a:b] for a, b in credit_spans(text)]
    ['By Jane Doe and John Roe', 'Reporting by Jane Doe; Editing by Kim Lee']
    >>> text = "The talks ended.\\nJohn Roe contributed reporting from Kyiv."
    >>> [text[a:b] for a, b in credit_spans(text)]
    ['John Roe contributed reporting from Kyiv.']
    >>> credit_spans("By Tuesday the talks had ended.\\nThe firm contributed $5 million to the fund.")
    []
    >>> text = "By Hélène Dubois, Paris correspondent\\nBy Tuesday, the talks had ended."
    >>> [text[a:b] for a, b in credit_spans(text)]
    ['By Hélène Dubois, Paris correspondent']
    """
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


def credit_tokens(doc: Doc) -> frozenset[int]:
    """The indices of the tokens of ``doc`` that stand in a credit: no entity or concept mention is made of them.
    Found once a Doc (the mention and the concept passes both ask)."""
    memo = doc_table(doc).memo("credits")
    if None not in memo:
        found: set[int] = set()
        for start, end in credit_spans(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                found.update(range(span.start, span.end))
        memo[None] = frozenset(found)
    return cast(frozenset[int], memo[None])


def byline_names(author: str) -> str:
    """The names in an author field as trafilatura gives it (parts joined by ``"; "``), without the parts that
    are a reporter's role (module notes): a part with a lower-case word that is no name particle, or one that ends
    with a role noun (``BYLINE_ROLES``). ``""`` when no part is a name.

    >>> byline_names("Hélène Dubois; Paris correspondent")
    'Hélène Dubois'
    >>> byline_names("Jane Doe; Staff Writer; John Roe")
    'Jane Doe; John Roe'
    >>> byline_names("Ursula von der Leyen"), byline_names("Senior Political Editor")
    ('Ursula von der Leyen', '')
    """
    return "; ".join(part for part in (p.strip() for p in author.split(";")) if part and _is_name(part))


def _is_name(part: str) -> bool:
    words = part.split()
    last = words[-1].casefold().rstrip(".")
    if last in BYLINE_ROLES or last.endswith("s") and last[:-1] in BYLINE_ROLES:
        return False
    return all(not word[:1].islower() or word.split("-")[0] in NAME_PARTICLES for word in words)
