"""Which curated class a WordNet verb reaches (``scripts/build_lexicon.py``), on a small hand-made WordNet: a member
curated in another of its senses does not take the verbs of its first sense into its class."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_lexicon.py"


def _script():
    spec = importlib.util.spec_from_file_location("build_lexicon", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Lemma:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name

    def count(self) -> int:
        return 1


class _Synset:
    def __init__(self, key: str, words: str, hypernym: _Synset | None = None) -> None:
        self.key, self._lemmas = key, [_Lemma(w) for w in words.split()]
        self._hypernyms = [hypernym] if hypernym else []
        self._hyponyms: list[_Synset] = []
        if hypernym:
            hypernym._hyponyms.append(self)

    def lemmas(self):
        return self._lemmas

    def hypernyms(self):
        return self._hypernyms

    def hyponyms(self):
        return self._hyponyms

    def lexname(self) -> str:
        return "verb.social"

    def __repr__(self) -> str:
        return self.key


class _WordNet:
    """Senses in order per word, as ``nltk``'s reader gives them."""

    def __init__(self, senses: dict[str, list[_Synset]]) -> None:
        self._senses = senses

    def synsets(self, word: str, pos: str):
        return self._senses.get(word, [])

    def all_lemma_names(self, pos: str):
        return sorted(self._senses)


def test_a_member_curated_in_another_sense_takes_no_verbs_with_its_first_sense():
    express = _Synset("express", "express state")
    protest = _Synset("protest", "protest resist", express)
    march = _Synset("march", "demonstrate march manifest", protest)
    prove = _Synset("prove", "prove demonstrate establish show")
    defeat = _Synset("defeat", "defeat get_the_better_of")
    crush = _Synset("crush", "crush subdue quash", defeat)
    overpower = _Synset("overpower", "overpower overwhelm", defeat)
    wn = _WordNet({
        "protest": [protest], "demonstrate": [prove, march], "march": [march], "manifest": [march],
        "show": [prove], "establish": [prove], "resist": [protest],
        "defeat": [defeat], "crush": [crush], "subdue": [crush], "overwhelm": [overpower],
    })
    groups = [["protest", "demonstrate", "march"], ["defeat", "crush"]]
    via = {verb: v for verb, _, v, _ in _script().verbs(wn, groups)}
    assert via["manifest"] == "march"  # a first sense holding two members is the group's
    assert via["resist"] == "protest"  # the first sense of the group's first member
    assert via["show"] == via["establish"] == "-"  # "demonstrate"'s first sense is to prove: no protest
    assert via["subdue"] == "crush"  # a member's first sense next to the group's own
    assert via["overwhelm"] == "defeat"  # a verb whose hypernym is a sense of the group
