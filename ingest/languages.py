"""Whether an article is written in the spaCy pipeline's language, told before it is parsed.

newsgraph reads one language, the pipeline's (``--model``). An article in another is not parsed: the English model
reads a French sentence's verbs as names ("déclaré que") and a German one's nouns as persons ("Dienstag", "Geld"),
and what it makes of them would join the real entities. The check runs on every article, so it reads the text
only, with no parse: of the article's words written in lower case (names and headlines are capitalised in most
languages, and a list of names says nothing of the language), the share that are the pipeline's stop words
(``nlp.Defaults.stop_words``: "the", "of", "and", "would", ...). Web addresses are left out. A word in a script
without capitals (Chinese, Arabic) counts a character a word, Chinese and Japanese writing none between words.

English news has 22% or more of its lower-case words among spaCy's English stop words (each of the 982 ECB+ and
120 MEANTIME articles and the seeds with at least ``MIN_WORDS`` of them; half have 49% or more); French, German and
Italian news 8-14%, Spanish, Dutch, Portuguese, Polish and Turkish under 4%, Russian and Chinese none. A short text
varies more: one English sentence of 12-19 lower-case words can have as few as 8% ("The Pages refresh offers 40
new templates, including newsletters, posters, fliers, certificates, and business correspondence."), one of 20-29
15%. So an article of ``MIN_WORDS`` to ``FULL_WORDS`` lower-case words is taken as foreign only under
``SHORT_SHARE`` (almost no stop word: Russian, Spanish, Chinese), a longer one under ``MIN_SHARE``; below
``MIN_WORDS`` (a headline, a line of names) the share says too little and the article is parsed. And a text is
foreign only when the stop words of another language (``OTHER_LANGUAGES``) are more of its words than the
pipeline's are, and at least ``OTHER_SHARE`` of them, or most of it is in a script without capitals: an English
text poor in stop words stays English.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import import_module

#: Fewer lower-case words than this and the check does not apply (the article is taken as the pipeline's language).
MIN_WORDS = 12
#: From this many lower-case words, an article with a smaller share of stop words than ``MIN_SHARE`` is foreign.
FULL_WORDS = 20
MIN_SHARE = 0.18
#: The share under which an article of ``MIN_WORDS`` to ``FULL_WORDS`` lower-case words is foreign.
SHORT_SHARE = 0.08
#: The share of its lower-case words another language's stop words must reach for a text to be in that language.
OTHER_SHARE = 0.2

_WORD = re.compile(r"[^\W\d_]+")
_ADDRESS = re.compile(r"\S*(?:://|www\.)\S*")


#: Languages whose stop words (spaCy's lists, shipped with spaCy) tell that a text is in one of them rather than the
#: pipeline's: a text is foreign only when one of them has more of its words than the pipeline's language has, so an
#: English text poor in stop words (a list, a table of results) is never taken for foreign.
OTHER_LANGUAGES = ("cs", "da", "de", "es", "fi", "fr", "hu", "id", "it", "nl", "pl", "pt", "ro", "ru", "sv", "tr")


@cache
def other_stop_words(language: str) -> tuple[frozenset[str], ...]:
    """The stop words of each of ``OTHER_LANGUAGES`` but ``language`` (the pipeline's)."""
    return tuple(frozenset(import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS)
                 for code in OTHER_LANGUAGES if code != language)


@dataclass(frozen=True)
class LanguageCheck:
    """How many of an article's lower-case words (``words``) are the pipeline's stop words (``stop``), how many are
    the stop words of the other language that has most of them (``other``), and how many of the words are
    characters of a script without capitals (``uncased``)."""

    stop: int
    words: int
    other: int = 0
    uncased: int = 0

    @property
    def share(self) -> float:
        return self.stop / self.words if self.words else 0.0

    @property
    def threshold(self) -> float:
        """The share of stop words under which a text of this many lower-case words is foreign."""
        return MIN_SHARE if self.words >= FULL_WORDS else SHORT_SHARE

    @property
    def foreign(self) -> bool:
        """Clearly not in the stop words' language: enough words, too few of them stop words, and more of them
        another language's stop words (or most of them in a script without capitals)."""
        return self.words >= MIN_WORDS and self.share < self.threshold and (
            self.other > self.stop and self.other >= OTHER_SHARE * self.words or 2 * self.uncased > self.words)


def check_language(text: str, stop_words: Collection[str],
                   others: tuple[Collection[str], ...] = ()) -> LanguageCheck:
    """Count the lower-case words of ``text``, the ones among ``stop_words`` and, when those are few, the most among
    one of ``others`` (a word of a script without capitals counts a character a word, none of them a stop word).

    >>> english = {"the", "a", "to", "of", "and", "that", "would", "on", "in", "with"}
    >>> french = {"le", "la", "a", "que", "et", "de", "une", "l"}
    >>> check_language("Le président a déclaré mardi que la France et l'Allemagne soutiendraient l'Ukraine avec une "
    ...                "aide militaire.", english, (french,))
    LanguageCheck(stop=1, words=14, other=7, uncased=0)
    >>> check_language("Scholz said that Germany would keep supporting Ukraine, see www.example.com/a-b", english)
    LanguageCheck(stop=2, words=6, other=0, uncased=0)
    >>> check_language("Путин согласился", english), check_language("国务院总理", english)
    (LanguageCheck(stop=0, words=1, other=0, uncased=0), LanguageCheck(stop=0, words=5, other=0, uncased=5))
    """
    stop = words = uncased = 0
    lower: list[str] = []
    for word in _WORD.findall(_ADDRESS.sub(" ", text)):
        if word.lower() == word.upper():  # no capitals in its script
            words += len(word)
            uncased += len(word)
        elif not word[0].isupper():
            words += 1
            stop += word in stop_words
            lower.append(word)
    found = LanguageCheck(stop, words, 0, uncased)
    if words < MIN_WORDS or found.share >= found.threshold:
        return found  # English enough: the other languages are not counted (most articles)
    return LanguageCheck(stop, words, max((sum(word in stops for word in lower) for stops in others), default=0),
                         uncased)
