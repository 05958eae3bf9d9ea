"""The spelling search finds every stored string within the threshold that keeps one half of the query as written
(what a pass over all of them, keeping those, finds), and a resolution against a large index comes out as it does
when every stored key is scored."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from rapidfuzz import fuzz, process

from benchmarks.resolution_scale import chunk, stored_entities
from newsgraph.graph import entity_index as entity_index_module, spellings as spellings_module
from newsgraph.graph.entity_index import EntityIndex
from newsgraph.graph.resolve import resolve
from newsgraph.graph.spellings import Spellings
from spellings_contract import within

# name-like text: syllables that share pieces often, words, and the odd long name
_syllable = st.sampled_from(["a", "an", "ar", "e", "el", "en", "i", "in", "o", "on", "ou", "s", "st", "t", "y"])
_word = st.lists(_syllable, min_size=1, max_size=6).map("".join)
_name = st.lists(_word, min_size=1, max_size=3).map(" ".join)


def _passed_over(query: str, texts: list[str | None], threshold: float) -> set[int]:
    return within(query, texts, threshold)


@settings(max_examples=300, deadline=None)
@given(st.lists(_name, min_size=1, max_size=60), st.lists(_name, min_size=1, max_size=8),
       st.sampled_from([60.0, 75.0, 80.0, 85.0, 88.0, 90.0, 95.0]))
def test_name_like_strings_are_found_as_a_pass_over_every_string_finds_them(texts, queries, threshold):
    spellings = Spellings(threshold)
    for n, text in enumerate(texts):
        spellings.add(text, n)
    for query in [*queries, *texts[:3]]:  # new names, and stored ones
        assert spellings.near(query, threshold) == _passed_over(query, texts, threshold), query
    for n in range(0, len(texts), 2):
        spellings.remove(texts[n], n)
    live = [t if n % 2 else None for n, t in enumerate(texts)]
    for query in queries:
        assert spellings.near(query, threshold) == _passed_over(query, live, threshold), query


@settings(max_examples=200, deadline=None)
@given(st.text("ab", max_size=40), st.text("ab", max_size=40), st.floats(min_value=50.0, max_value=100.0))
def test_two_strings_of_two_letters_are_found_at_any_threshold(stored, query, threshold):
    spellings = Spellings(threshold)
    spellings.add(stored, 0)
    assert spellings.near(query, threshold) == _passed_over(query, [stored], threshold)


def _every_string(self: Spellings, query: str, threshold: float) -> set[int]:
    """The search without an index: every stored string scored."""
    hits: set[int] = set()
    for text, _, _ in process.extract(query, list(self.where), scorer=fuzz.ratio, score_cutoff=threshold,
                                      limit=None):
        hits.update(self.where[text])
    return hits


def test_a_chunk_resolves_against_a_large_index_as_with_every_stored_key_scored(monkeypatch):
    stored = stored_entities(6000)
    analyses = chunk(stored, 64, 12)
    index = EntityIndex(stored)
    searched = resolve(analyses, index=index)
    with monkeypatch.context() as patched:
        patched.setattr(spellings_module.Spellings, "near", _every_string)
        scored = resolve(analyses, index=index)
    assert searched == scored
    assert sum(m.rule == "spelling variant" for m in searched.merges) > 0  # the search had something to find


@pytest.mark.parametrize("threshold", [80.0, 88.0])
def test_a_variant_that_keeps_either_half_is_found_one_that_keeps_neither_is_not(threshold):
    spellings = Spellings(threshold)
    spellings.add("volodymyr zelenskyy", 0)
    assert spellings.near("volodymyr zelensky", threshold) == {0}  # the first half kept
    spellings.add("wolodymyr zelensky", 1)  # added after a search; the last half kept
    assert spellings.near("volodymyr zelensky", threshold) == {0, 1}
    spellings.add("wolodymyr zelenski", 2)  # both ends changed: above the threshold, and no variant found
    assert fuzz.ratio("volodymyr zelensky", "wolodymyr zelenski") >= threshold
    assert spellings.near("volodymyr zelensky", threshold) == {0, 1}
    spellings.remove("volodymyr zelenskyy", 0)
    assert spellings.near("volodymyr zelensky", threshold) == {1}


def _every_word_count(self, key: str, threshold: float, lasts: bool = True) -> list[int]:
    """The block's search over the whole keys of any number of words."""
    hits = set().union(*(spellings.near(key, threshold) for spellings in self.keys.values()))
    if lasts:
        hits |= self.lasts.near(key.split()[-1] if key.split() else "", threshold)
    return sorted(hits, key=self.order.__getitem__)


def test_a_chunk_resolves_as_when_whole_keys_of_every_word_count_are_searched(monkeypatch):
    # the index searches whole keys of the query's word count only: a longer or shorter name is no spelling
    # variant, save a person's lone word against a surname, which the last words find
    stored = stored_entities(3000, seed=3)
    analyses = chunk(stored, 48, 12, seed=5)
    index = EntityIndex(stored)
    searched = resolve(analyses, index=index)
    with monkeypatch.context() as patched:
        patched.setattr(entity_index_module._BaseBlock, "near", _every_word_count)
        every = resolve(analyses, index=index)
    assert searched == every
    assert sum(m.rule == "spelling variant" for m in searched.merges) > 0
    assert sum(m.rule == "spelling variant" and len(m.alias.split()) == 1 for m in searched.merges) > 0
