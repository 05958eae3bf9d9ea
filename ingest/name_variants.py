"""Spellings of one organisation inside an article that share no name key: an acronym the article states in
brackets ("Singapore Airlines (SIA)" … "SIA"), the name without the country it starts with ("the United States
Federal Reserve" … "the Federal Reserve") and a clipped first word ("the Fed").

Each is taken only on the article's own evidence and only for organisations:

1. **Stated acronym.** A name followed by a bracketed word in capitals that its letters spell (``names.
   spells_acronym``: "SIA" of Singapore Airlines, not "AVAS" of State Property Agency) makes that word, wherever
   the article writes it in capitals, a mention of the organisation, the model's name or not.
2. **Country left off.** An organisation's name less the country or place it starts with (two words or more left:
   "Air Force" of "United States Air Force", never "Airlines" of "Singapore Airlines") is the organisation, when
   no other organisation of the article shortens to it.
3. **Clipped first word.** A one-word organisation name, capitalised, that clips the first word of exactly one
   organisation's name or of that name less its country (``short_forms.clips``: three letters or more, at most half the
   word, the rest no word of its own: "Fed" of Federal Reserve; not "Mac" of Macworld Conference, nor "Congress"
   of Congressional Record) is that organisation.

A name of another type (a place, a person) never joins an organisation this way: "Singapore" is not Singapore
Airlines, and a person's first name is no short form of anything.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from newsgraph.ingest.found import Found
from newsgraph.ingest.names import name_key, without_country
from newsgraph.ingest.short_forms import clips, spells_acronym

_ORGANISATION = "ORG"
_NAMED = frozenset({"name", "title"})


def name_variants(doc: Doc, found: list[Found]) -> list[Found]:
    """Give the article's variant spellings of an organisation its key (in place, module notes) and return the
    mentions of stated acronyms the model did not tag as names.

    Args:
        doc: the parsed article.
        found: the name mentions found so far; their keys are changed in place.
    """
    stated = _stated_acronyms(doc, found)
    _country_left_off(found)
    _clipped_first_words(found)
    added: list[Found] = []
    if not stated:
        return added
    covered = {i for item in found for i in range(item.start, item.end)}
    for item in found:
        full = stated.get(item.name)
        if full is not None and item.kind in _NAMED and item.end - item.start == 1 and item.label != "PERSON":
            item.key, item.label = full.key, full.label
    for token in doc:
        full = stated.get(token.text)
        if full is not None and token.i not in covered:
            added.append(Found(token.i, token.i + 1, token.text, full.label, "name", full.key, 0.5))
    return added


def _stated_acronyms(doc: Doc, found: list[Found]) -> dict[str, Found]:
    """Acronym as written → the organisation whose name it follows in brackets and spells (module notes, rule 1);
    an acronym stated for two organisations is left out."""
    stated: dict[str, list[Found]] = defaultdict(list)
    for item in found:
        if item.label != _ORGANISATION or item.kind not in _NAMED or item.end + 2 >= len(doc):
            continue
        opening, word, closing = doc[item.end], doc[item.end + 1], doc[item.end + 2]
        if (opening.text == "(" and closing.text == ")" and word.text.isupper()
                and spells_acronym(word.text, item.key)):
            stated[word.text].append(item)
    return {word: items[0] for word, items in stated.items() if len({i.key for i in items}) == 1}


def _organisation_keys(found: list[Found]) -> set[str]:
    return {item.key for item in found if item.label == _ORGANISATION and item.kind in _NAMED
            and len(item.key.split()) >= 2}


def _country_left_off(found: list[Found]) -> None:
    """Rule 2 of the module notes: "Air Force" is the article's one "United States Air Force"."""
    places = frozenset(item.key for item in found if item.label in {"GPE", "LOC"})
    shortened: dict[str, set[str]] = defaultdict(set)
    for key in _organisation_keys(found):
        rest = without_country(key, places)
        if rest:
            shortened[rest].add(key)
    for item in found:
        fulls = shortened.get(item.key, set())
        if item.label == _ORGANISATION and len(fulls) == 1:
            item.key = next(iter(fulls))


def _clipped_first_words(found: list[Found]) -> None:
    """Rule 3 of the module notes: "Fed" is the article's one Federal Reserve."""
    keys = _organisation_keys(found)
    if not keys:
        return
    places = frozenset(item.key for item in found if item.label in {"GPE", "LOC"})
    first_words = {key: {key.split()[0], (without_country(key, places) or key).split()[0]} for key in keys}
    for item in found:
        word = item.key
        if (item.label != _ORGANISATION or item.kind != "name" or " " in word or len(word) < 3
                or not item.name[:1].isupper() or item.name.isupper() or name_key(item.name) != word):
            continue
        fulls = {key for key, firsts in first_words.items() if any(clips(word, first) for first in firsts)}
        if len(fulls) == 1 and not any(word in firsts for firsts in first_words.values()):
            item.key = next(iter(fulls))
