"""The terms an article is grouped into a story by: its content words, names and numbers with their counts
(``newsgraph.graph.stories`` weighs and compares them)."""

from __future__ import annotations

from collections import Counter

from spacy.attrs import IDX, IS_STOP, LEMMA, LIKE_NUM, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsgraph.ingest.address_lines import doc_address_lines, in_lines
from newsgraph.ingest.columns import columns

#: Terms too common in news to tell one story from another (besides stop words).
_STORY_SKIP_POS = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "SPACE", "X",
                             "INTJ"})
_STORY_SKIP_POS_IDS = frozenset(get_string_id(p) for p in _STORY_SKIP_POS)
_NUM, _PROPN = get_string_id("NUM"), get_string_id("PROPN")


def story_terms(doc: Doc) -> tuple[tuple[str, int], ...]:
    """The content terms of an article with their counts, for grouping it into a story: lemmas of nouns, verbs
    and adjectives (``w:``), names as written (``n:``, lower case) and numbers (``#:``), stop words left out.

    A line that is only a web address (``address_lines``) brings no terms. Sorted by term, so the record is the
    same whatever order the tokens come in.
    """
    counts: Counter[str] = Counter()
    pos_col, stop_col, num_col, lower_col, lemma_col, idx_col = columns(
        doc, [POS, IS_STOP, LIKE_NUM, LOWER, LEMMA, IDX])
    strings = doc.vocab.strings
    skipped = doc_address_lines(doc)
    for pos, stop, num, lower, lemma, idx in zip(pos_col, stop_col, num_col, lower_col, lemma_col, idx_col):
        if stop or pos in _STORY_SKIP_POS_IDS or skipped and in_lines(idx, skipped):
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
