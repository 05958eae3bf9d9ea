"""Words written with a hyphen that the tokenizer split, read as the one word the lexicon knows them as.

spaCy splits "cease-fire" into "cease", "-", "fire", and the parse makes "fire" the head: the word would be read as
a fire (a burning) and a separate "cease". Where the written word, as written or closed up ("cease-fire",
"ceasefire"), is a noun the lexicon knows (an event noun, a noun with a synonym class or an entity class), its
last part stands for that word in events and concepts, and its first part is no word of its own there: one
outlet's "cease-fire" and another's "ceasefire" are one event and one concept. A word the lexicon does not know
("anti-piracy", "high-ranking") is read as before, part by part; so is a longer chain ("hit-and-run").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import IS_ALPHA, LOWER
from spacy.strings import get_string_id

from newsgraph.ingest.columns import columns, doc_table
from newsgraph.ingest.lexicon import event_verb
from newsgraph.ingest.noun_classes import noun_class

if TYPE_CHECKING:
    from spacy.tokens import Doc

_HYPHEN = get_string_id("-")


@dataclass(frozen=True)
class HyphenWords:
    """The known hyphenated nouns of a Doc.

    Attributes:
        words: index of each one's last part → (index of its first part, the lexicon's word, as written where the
            lexicon knows that spelling).
        parts: the indices of their first parts and hyphens: no words of their own.
    """

    words: dict[int, tuple[int, str]]
    parts: frozenset[int]


def hyphen_words(doc: Doc) -> HyphenWords:
    """The known hyphenated nouns of ``doc``: both parts alphabetic, written with no space around the hyphen, the
    last one a common noun, the whole a word the lexicon knows (``known_compound``). Made once per Doc.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["a", "cease", "-", "fire", "and", "anti", "-", "piracy", "laws"],
    ...           spaces=[True, False, False, True, True, False, False, True, False],
    ...           pos=["DET", "NOUN", "PUNCT", "NOUN", "CCONJ", "ADJ", "PUNCT", "NOUN", "NOUN"])
    >>> found = hyphen_words(doc)
    >>> found.words, sorted(found.parts)
    ({3: (1, 'cease-fire')}, [1, 2])
    """
    memo = doc_table(doc).memo("hyphen_words")  # asked by the event and the concept pass of each article
    if "found" in memo:
        return memo["found"]
    lower, alpha = columns(doc, [LOWER, IS_ALPHA])
    words: dict[int, tuple[int, str]] = {}
    for i in range(1, len(doc) - 1):
        if lower[i] != _HYPHEN or not alpha[i - 1] or not alpha[i + 1]:
            continue
        first, last = doc[i - 1], doc[i + 1]
        if first.whitespace_ or doc[i].whitespace_ or last.pos_ != "NOUN":
            continue
        if (i >= 2 and lower[i - 2] == _HYPHEN and not doc[i - 2].whitespace_) or (
                i + 2 < len(doc) and lower[i + 2] == _HYPHEN and not last.whitespace_):
            continue  # a chain of three words or more
        word = known_compound(first.lower_, (last.lemma_ or last.text).lower())
        if word is not None:
            words[i + 1] = (i - 1, word)
    found = memo["found"] = HyphenWords(words, frozenset(i for last in words for i in (last - 2, last - 1)))
    return found


@lru_cache(maxsize=16384)
def known_compound(first: str, last: str) -> str | None:
    """The word the lexicon knows ``first-last`` as: as written, or closed up; None if it knows neither.

    >>> known_compound("cease", "fire"), known_compound("take", "over"), known_compound("anti", "piracy")
    ('cease-fire', 'takeover', None)
    """
    from newsgraph.ingest.concepts import noun_synonyms

    synonyms = noun_synonyms()
    for word in (f"{first}-{last}", f"{first}{last}"):
        if event_verb(word, "NOUN") is not None or word in synonyms or noun_class(word) is not None:
            return word
    return None


def compound_event_verb(word: str) -> str | None:
    """The event verb of a known hyphenated noun, in either spelling ("cease-fire": the lexicon's "ceasefire").

    >>> compound_event_verb("cease-fire"), compound_event_verb("ex-wife")
    ('ceasefire', None)
    """
    return event_verb(word, "NOUN") or event_verb(word.replace("-", ""), "NOUN")
