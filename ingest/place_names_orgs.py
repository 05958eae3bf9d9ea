"""Organisation names the model tags only in part: a place name followed by a plural proper noun or a word that
starts with a digit and ends in letters, the place a modifier of that word ("the Philadelphia 76ers", "the Boston
Celtics" where the model tagged "Philadelphia" a place and left "76ers" a noun). The whole is an organisation's
name, and the word written alone elsewhere in the article ("the 76ers") is that organisation. A word of digits and
one letter or an ending ("1990s", "20s") is a number, never a name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.ingest.found import Found
from newsgraph.ingest.names import clean_name, name_key

_PLURAL = frozenset({"NNS", "NNPS"})


def place_named_organisations(doc: Doc, found: list[Found]) -> list[Found]:
    """``found`` with each place name that modifies a plural name word replaced by the organisation name of both,
    and that word's lone uses added as mentions of it (module notes).

    Args:
        doc: the parsed article.
        found: the names found so far.
    """
    covered = {i for f in found for i in range(f.start, f.end)}
    joined: dict[int, Found] = {}  # index in found of a place name → the organisation it starts
    words: dict[str, Found] = {}  # the plural word → its organisation
    for n, f in enumerate(found):
        if f.label not in {"GPE", "LOC"} or f.kind != "name" or f.end >= len(doc):
            continue
        word = doc[f.end]
        if f.end in covered or not _name_word(word) or doc[f.end - 1].head.i != word.i:
            continue
        name = clean_name(doc[f.start:f.end + 1].text)
        key = name_key(name)
        if not key:
            continue
        joined[n] = Found(f.start, f.end + 1, name, "ORG", "name", key)
        words.setdefault(word.text, joined[n])
    if not joined:
        return found
    out = [joined.get(n, f) for n, f in enumerate(found)]
    covered.update(i for f in joined.values() for i in range(f.start, f.end))
    for token in doc:
        org = words.get(token.text)
        if org is not None and token.i not in covered and token.tag_ in _PLURAL:
            out.append(Found(token.i, token.i + 1, org.name, "ORG", "name", org.key, 0.5))
    return sorted(out, key=lambda f: f.start)


def _name_word(token: Token) -> bool:
    """A plural word that is a name's: capitalised and tagged a plural proper noun ("Celtics"), or a digit first
    and two letters or more after ("76ers"), not a decade ("1990s")."""
    text = token.text
    if token.tag_ not in _PLURAL or not text[:1].isalnum():
        return False
    if text[0].isdigit():
        return sum(c.isalpha() for c in text) >= 3
    return text[0].isupper() and token.tag_ == "NNPS"
