"""Short forms of a multi-word name: its acronym ("NATO", "SIA" of Singapore Airlines) and a clipping of one of
its words ("Fed" of "Federal"), on name keys (``newsgraph.ingest.names.name_key``; no spaCy here)."""

from __future__ import annotations

from functools import lru_cache

from newsgraph.ingest.names import fold

_MINOR_WORDS = frozenset({"of", "the", "and", "for", "&", "de", "on", "in"})


@lru_cache(maxsize=65536)
def acronym(key: str) -> str:
    """The initials of a multi-word name key, minor words skipped ("" for one word).

    >>> acronym("american medical association"), acronym("north atlantic treaty organization"), acronym("nato")
    ('ama', 'nato', '')
    """
    words = [w for w in key.replace("-", " ").split() if w not in _MINOR_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def spells_acronym(letters: str, key: str) -> bool:
    """Whether ``letters`` (an acronym as written, any case) can be made from a multi-word name key: it starts with
    the name's first letter, the initials of the name's words (minor words skipped) come in it in order, and its
    letters come in the name in order ("SIA" of Singapore Airlines, "USAF" of United States Air Force).

    >>> spells_acronym("SIA", "singapore airlines"), spells_acronym("USAF", "united states air force")
    (True, True)
    >>> spells_acronym("AVAS", "state property agency"), spells_acronym("SA", "singapore")
    (False, False)
    """
    letters = fold(letters).replace(".", "").replace("&", "")
    words = [w for w in key.replace("-", " ").split() if w not in _MINOR_WORDS]
    if len(words) < 2 or not letters.isalpha() or len(letters) < 2 or letters[0] != words[0][0]:
        return False
    return _in_order("".join(w[0] for w in words), letters) and _in_order(letters, "".join(words))


def _in_order(needle: str, haystack: str) -> bool:
    """Whether the characters of ``needle`` occur in ``haystack`` in order."""
    rest = iter(haystack)
    return all(c in rest for c in needle)


#: How common (``wordfreq`` Zipf frequency) the rest of a word may be for its first letters to be a clipping of it:
#: "Fed" of "Federal" ("eral" is no word), not "Mac" of "Macworld" ("world" is one).
CLIPPED_REST_MAX_ZIPF = 3.0


def clips(short: str, word: str) -> bool:
    """Whether ``short`` is a clipping of ``word`` (both folded): its first letters, three or more and at most half
    of it, the rest no ordinary word of its own ("Fed" of "Federal"; not "Mac" of "Macworld", nor "Congress" of
    "Congressional").

    >>> clips("fed", "federal"), clips("mac", "macworld"), clips("congress", "congressional"), clips("fe", "federal")
    (True, False, False, False)
    """
    from wordfreq import zipf_frequency

    if len(short) < 3 or 2 * len(short) > len(word) or not word.startswith(short):
        return False
    return zipf_frequency(word[len(short):], "en") < CLIPPED_REST_MAX_ZIPF
