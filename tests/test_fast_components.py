"""The faster attribute ruler matcher and lemmatizer give what spaCy's own give: on hand-built Docs (no model),
as a property over random Docs, and on parsed articles with the model."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from hypothesis import given, settings, strategies as st
from spacy.lookups import Lookups
from spacy.tokens import Doc

from newsgraph.ingest.fast_components import ColumnLemmatizer, ColumnMatcher, speed_up

#: Patterns of every kind ColumnMatcher compiles: by value, IN, NOT_IN, REGEX, a flag, two tokens with an index,
#: alternatives under one rule, and later rules overriding earlier ones on the same token.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing|Person=3"}},
    {"patterns": [[{"TAG": "IN"}]], "attrs": {"POS": "ADP"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"TAG": "IN", "DEP": "mark"}]], "attrs": {"POS": "SCONJ"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are", "was"]}}]], "attrs": {"POS": "VERB"},
     "index": 1},
    # two alternatives that can match one token: spaCy reports the match once
    {"patterns": [[{"TAG": "NN"}], [{"LOWER": "dog"}]], "attrs": {"MORPH": "Number=Sing"}},
]
WORDS = ["is", "'s", "gets", "got", "gon", "na", "nothin'", "nuthin", "there", "that", "to", "dog", "\n", "Is"]
TAGS = ["NN", "VBZ", "VBD", "IN", "TO", "EX", "_SP"]
DEPS = ["ROOT", "mark", "aux", "auxpass", "expl", "nsubj", "dep"]


def _ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    return nlp, ruler


def _doc(vocab, words, tags, deps) -> Doc:
    # every token hangs on the first "ROOT" (the first token, if none is)
    root = deps.index("ROOT") if "ROOT" in deps else 0
    heads = [root] * len(words)
    deps = [("ROOT" if i == root else "dep" if dep == "ROOT" else dep) for i, dep in enumerate(deps)]
    return Doc(vocab, words=words, spaces=[True] * len(words), tags=tags, deps=deps, heads=heads)


def _annotations(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _check_ruler(words, tags, deps) -> None:
    nlp, ruler = _ruler()
    matcher = ColumnMatcher.compile(ruler)
    assert matcher is not None
    stock, fast = _doc(nlp.vocab, words, tags, deps), _doc(nlp.vocab, words, tags, deps)
    assert matcher(fast) == ruler.match(stock)
    ruler.set_annotations(stock, ruler.match(stock))
    ruler.set_annotations(fast, matcher(fast))
    assert _annotations(fast) == _annotations(stock)


def test_every_kind_of_pattern_matches_as_spacy_matches():
    words = ["There", "is", "nothin'", "that", "he", "gets", "gon", "na", "\n", "do", "'s"]
    tags = ["EX", "VBZ", "NN", "IN", "PRP", "VBZ", "VBG", "TO", "_SP", "VB", "VBZ"]
    deps = ["expl", "ROOT", "attr", "mark", "nsubj", "ccomp", "aux", "aux", "dep", "xcomp", "aux"]
    nlp, ruler = _ruler()
    doc = _doc(nlp.vocab, words, tags, deps)
    matched = {(int(start), int(end), nlp.vocab.strings[key]) for _, key, start, end in
               ColumnMatcher.compile(ruler)(doc)}
    # the two-token patterns, the regular expression, the flag, NOT_IN and the alternative all find their tokens
    assert {(6, 8, "7"), (6, 8, "8"), (2, 3, "6"), (8, 9, "10"), (6, 7, "5"), (5, 6, "9"), (0, 2, "12")} <= matched
    _check_ruler(words, tags, deps)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)), min_size=1,
                max_size=12))
def test_random_docs_match_as_spacy_matches(tokens):
    words, tags, deps = (list(column) for column in zip(*tokens))
    _check_ruler(words, tags, deps)


def test_a_pattern_of_another_kind_keeps_spacys_matcher():
    nlp, ruler = _ruler()
    ruler.add([[{"TAG": "NN", "OP": "+"}]], {"POS": "PROPN"})
    assert ColumnMatcher.compile(ruler) is None
    assert speed_up(nlp) == []
    assert "match" not in vars(ruler)


def _lemmatizer(mode: str, overwrite: bool = False):
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": mode, "overwrite": overwrite})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""], ["ies", "y"]], "verb": [["s", ""], ["ed", ""],
                                                                                  ["ing", ""]]})
    lookups.add_table("lemma_index", {"noun": ["fly", "dog"], "verb": ["walk", "be"]})
    lookups.add_table("lemma_exc", {"verb": {"was": ["be"], "went": ["go"]}})
    lookups.add_table("lemma_lookup", {"dogs": "dog", "went": "go", "flies": "fly"})
    lemmatizer.initialize(lookups=lookups)
    return nlp, lemmatizer


LEMMA_WORDS = ["dogs", "flies", "Flies", "walked", "walking", "was", "went", "Paris", "dog", "is"]
POS = ["NOUN", "VERB", "PROPN", "ADJ", "AUX"]
MORPHS = ["", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin", "Degree=Pos"]


def _check_lemmas(mode: str, overwrite: bool, tokens) -> None:
    words, pos, morphs, lemmas = (list(column) for column in zip(*tokens))
    nlp, lemmatizer = _lemmatizer(mode, overwrite)
    faster = ColumnLemmatizer()
    faster.adopt(lemmatizer)
    docs = [Doc(nlp.vocab, words=words, pos=pos, morphs=morphs, lemmas=lemmas) for _ in range(2)]
    stock = lemmatizer(docs[0])
    # twice, so that the second Doc's lemmas come from what the first worked out
    faster(Doc(nlp.vocab, words=words, pos=pos, morphs=morphs, lemmas=lemmas))
    fast = faster(docs[1])
    assert [t.lemma_ for t in fast] == [t.lemma_ for t in stock]


@pytest.mark.parametrize("mode", ["rule", "lookup"])
@pytest.mark.parametrize("overwrite", [False, True])
def test_lemmas_are_spacys_own(mode, overwrite):
    tokens = [("dogs", "NOUN", "Number=Plur", ""), ("flies", "VERB", "", ""), ("was", "AUX", "", "kept"),
              ("went", "VERB", "Tense=Past|VerbForm=Fin", ""), ("Paris", "PROPN", "", ""),
              ("dog", "NOUN", "Number=Sing", ""), ("walking", "VERB", "VerbForm=Inf", "")]
    _check_lemmas(mode, overwrite, tokens)
    nlp, lemmatizer = _lemmatizer(mode, overwrite)
    faster = ColumnLemmatizer()
    faster.adopt(lemmatizer)
    doc = faster(Doc(nlp.vocab, words=["was", "dogs"], pos=["AUX", "NOUN"], lemmas=["kept", ""]))
    assert (doc[0].lemma_ == "kept") is not overwrite  # a lemma set before stays, unless the lemmatizer overwrites


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["rule", "lookup"]), st.booleans(),
       st.lists(st.tuples(st.sampled_from(LEMMA_WORDS), st.sampled_from(POS), st.sampled_from(MORPHS),
                          st.sampled_from(["", "", "x"])), min_size=1, max_size=10))
def test_random_docs_get_spacys_lemmas(mode, overwrite, tokens):
    _check_lemmas(mode, overwrite, tokens)


def test_the_lemmatizer_given_keeps_its_word_lists():
    nlp, lemmatizer = _lemmatizer("rule")
    faster = ColumnLemmatizer()
    faster.adopt(lemmatizer)
    assert lemmatizer.lookups.get_table("lemma_index").get("noun") == ["fly", "dog"]
    assert faster._lemmatizer.lookups.get_table("lemma_index").get("noun") == frozenset({"fly", "dog"})
    doc = faster(Doc(nlp.vocab, words=["flies", "dogs"], pos=["NOUN", "NOUN"]))
    assert [t.lemma_ for t in doc] == ["fly", "dog"]
    assert lemmatizer.cache == {}  # the words were worked out by the copy


def test_only_lemmatizers_that_read_word_tag_and_morphology_are_replaced():
    nlp, lemmatizer = _lemmatizer("rule")
    assert ColumnLemmatizer.applies(lemmatizer)
    assert not ColumnLemmatizer.applies(spacy.blank("fr").add_pipe("lemmatizer", config={"mode": "rule"}))
    assert not ColumnLemmatizer.applies(nlp.add_pipe("sentencizer"))
    nlp, _ = _lemmatizer("lookup")
    assert speed_up(nlp) == ["lemmatizer"]
    assert isinstance(nlp.get_pipe("lemmatizer"), ColumnLemmatizer)
    assert nlp("dogs went")[0].lemma_ == "dog"


#: Text that reaches the model's rarer attribute-ruler patterns (contractions, "gonna", "y'all", spaces).
TRICKY = ("There's nothin' we're gonna do, y'all, and I ain't sure it's over.\n\n  Let's go: c'mon, they got "
          "it, she gets it, I've done it; it is done, but that's not why we'd left.  Whilst he'd've stayed...")


@pytest.mark.model
def test_the_pipeline_parses_as_spacys_own(nlp, seeds_dir):
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

    from newsgraph.ingest.articles import read_articles
    from newsgraph.ingest.nlp import DEFAULT_MODEL
    from newsgraph.model import Article

    assert isinstance(nlp.get_pipe("lemmatizer"), ColumnLemmatizer)
    assert isinstance(vars(nlp.get_pipe("attribute_ruler"))["match"], ColumnMatcher)
    stock, faster = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    assert speed_up(faster) == ["attribute_ruler", "lemmatizer"]
    texts = [TRICKY] + [a.text for a in read_articles([seeds_dir]) if isinstance(a, Article)]
    columns = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    for a, b in zip(stock.pipe(texts), faster.pipe(texts), strict=True):
        assert np.array_equal(a.to_array(columns), b.to_array(columns))
        assert [(t.lemma_, str(t.morph)) for t in a] == [(t.lemma_, str(t.morph)) for t in b]
