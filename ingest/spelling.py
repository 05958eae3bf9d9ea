"""British spellings read as American ones, so that one word told by outlets on either side of the Atlantic is one
word to the concepts, the events and the relation classes ("mobilisation" / "mobilization", "criticised" /
"criticized", "plough" / "plow"). General English only: endings rewritten where the rewritten word is itself a
common English word (``wordfreq``), and the spellings no ending rule covers.
"""

from __future__ import annotations

from functools import lru_cache

#: British ending → American ending, the least length of a word it applies to.
SPELLING_RULES = (
    ("isation", "ization", 8),
    ("yse", "yze", 6),
    ("ise", "ize", 6),
    ("our", "or", 6),
    ("ence", "ense", 7),
    ("tre", "ter", 5),
    ("ogue", "og", 7),
)

#: Spellings no ending rule covers (British → American).
SPELLING_WORDS = {
    "programme": "program", "programmes": "programs", "jewellery": "jewelry", "tyre": "tire", "tyres": "tires",
    "aluminium": "aluminum", "grey": "gray", "cheque": "check", "kerb": "curb", "plough": "plow",
    "manoeuvre": "maneuver", "paediatrician": "pediatrician", "foetus": "fetus", "storey": "story",
    "draught": "draft", "pyjamas": "pajamas", "moustache": "mustache", "sceptic": "skeptic",
}

#: The least Zipf frequency (``wordfreq``) a respelt word needs to be taken for the same word.
_SPELLING_MIN_ZIPF = 2.5


@lru_cache(maxsize=65536)
def american_spelling(word: str) -> str:
    """The American spelling of a British one ("mobilisation" → "mobilization"), when the respelt word is a common
    English word; any other word as it is.

    >>> [american_spelling(w) for w in ("colour", "labour", "detour", "licence", "science", "theatre", "genre")]
    ['color', 'labor', 'detour', 'license', 'science', 'theater', 'genre']
    """
    if word in SPELLING_WORDS:
        return SPELLING_WORDS[word]
    from wordfreq import zipf_frequency

    for ending, american, shortest in SPELLING_RULES:
        for suffix in ("", "s"):
            if len(word) >= shortest and word.endswith(ending + suffix):
                respelt = word[: len(word) - len(ending + suffix)] + american + suffix
                if zipf_frequency(respelt, "en") >= _SPELLING_MIN_ZIPF:
                    return respelt
    return word
