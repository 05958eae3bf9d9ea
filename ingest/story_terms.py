"""The terms an article is grouped into a story by: its content words, names and numbers with their counts
(``newsgraph.graph.stories`` weighs and compares them)."""

from __future__ import annotations

from collections import Counter

from spacy.attrs import IS_STOP, LEMMA, LIKE_NUM, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsgraph.ingest.columns import columns

#: Terms too common in news to tell one story from another (besides stop words).
_STORY_SKIP_POS = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "SPACE", "X",
                             "INTJ"})
_STORY_SKIP_POS_IDS = frozenset(get_string_id(p) for p in _STORY_SKIP_POS)
_NUM, _PROPN = get_string_id("NUM"), get_string_id("PROPN")


def story_terms(doc: Doc) -> tuple[tuple[str, int], ...]:
    """The content terms of an article with their counts, for grouping it into a story: lemmas of nouns, verbs
    and adjectives (``w:``), names as written (``n:``, lower case) and numbers (``#:``), stop words left out.

    Sorted by term, so the record is the same whatever order the tokens come in.
    """
    counts: Counter[str] = Counter()
    pos_col, stop_col, num_col, lower_col, lemma_col = columns(doc, [POS, IS_STOP, LIKE_NUM, LOWER, LEMMA])
    strings = doc.vocab.strings
    for pos, stop, num, lower, lemma in zip(pos_col, stop_col, num_col, lower_col, lemma_col):
        if stop or pos in _STORY_SKIP_POS_IDS:
            continue
        if num or pos == _NUM:
            value = strings[lower].replace(",", "")
            if any(ch.isdigit() for ch in value):
                counts["#:" + value] += 1
            continue
        word = strings[lower] if pos == _PROPN else strings[lemma].lower()
        if len(word) < 2 or not any(ch.isalpha() for ch in word):
            continue
        counts[("n:" if pos == _PROPN else "w:") + word] += 1
    return tuple(sorted(counts.items()))
