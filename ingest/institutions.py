"""Institutional speakers as group entities: "Ukrainian officials", "Russian authorities", "the French
government", "the government of Ukraine", "Kremlin officials" are mentions of one entity per country, named
``Government of <country>`` (``newsgraph.ingest.qualifier_words.government_name``) and typed ``Group``."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsgraph.ingest.columns import columns, hashes
from newsgraph.ingest.found import Found
from newsgraph.ingest.names import demonym_country, fold, name_key
from newsgraph.ingest.qualifier_words import INSTITUTION_NOUNS, SEATS_OF_GOVERNMENT, government_name

_PLACE_LABELS = frozenset({"GPE"})
_NOUN_IDS = frozenset(get_string_id(p) for p in ("NOUN", "PROPN"))
_INSTITUTION_IDS = hashes(INSTITUTION_NOUNS)


def institutions(doc: Doc, found: list[Found]) -> list[Found]:
    """The mentions of a country's government as a collective: a plural or collective institution noun
    ("officials", "authorities", "government") with a country before it (a demonym, a country's name or
    possessive, a seat of government: "Kremlin officials") or after it ("the government of Ukraine"). Nouns
    already part of a mention are left alone."""
    by_token = {i: item for item in found for i in range(item.start, item.end)}
    out = []
    pos_col, lower_col = columns(doc, [POS, LOWER])
    for i, (pos, lower) in enumerate(zip(pos_col, lower_col)):
        if i in by_token or pos not in _NOUN_IDS or lower not in _INSTITUTION_IDS:
            continue
        token = doc[i]
        start, end, country = token.i, token.i + 1, None
        for child in token.children:
            if child.dep_ in {"amod", "compound", "nmod", "poss"} and child.i < token.i:
                country = country or _country(child, by_token)
                if country:
                    start = min(start, child.left_edge.i)
        for prep in token.children:
            if country is None and prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        country = _country(obj, by_token)
                        end = obj.i + 1 if country else end
        if country:
            name = government_name(country)
            out.append(Found(start, end, name, "NORP", "institution", name_key(name), 1.0))
    return out


def _country(token: Token, by_token: Mapping[int, Found]) -> str | None:
    """The country a modifier names: a place mention, a demonym, or a seat of government."""
    item = by_token.get(token.i)
    if item is not None:
        if item.label in _PLACE_LABELS or item.kind == "demonym":
            return item.name
        seat = SEATS_OF_GOVERNMENT.get(fold(item.name).strip().removeprefix("the "))
        if seat:
            return seat
    return demonym_country(token.text) or SEATS_OF_GOVERNMENT.get(fold(token.text))
