"""Capitalised words as event triggers: named events, headline words, and the capitals that tell nothing.

A proper noun is an event trigger in three cases only. The last word of a named event ("the Academy Awards",
"the Oscars"). A word outside any name that the lexicon knows as an event noun ("a Shooting at the Mall"). And a
word whose capital is no sign of a name: in a title-case line (a headline) every word is capitalised, and the
tagger's parts of speech, lemmas and names are no guide there ("Lindsay Lohan Checks Into Rehab" read as one
organisation, "Dies" as the noun "dy"); a word that opens its sentence or line is capitalised for its place
("Sacked worker shoots ex-colleagues"), and a word in lower case tagged a name is a tagger's slip ("protection of
endangered species"): such a word is read as the past participle it may be, and as nothing else (names open
sentences too: "Banks", "Fields" or "Manning" would be the verbs bank, field and man). Anywhere else a capitalised
word outside a name is a name the model missed ("President", "Sixers", "the Chargers"), not an event: read as a
verb, every such word made an event of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import StringStore, get_string_id
from spacy.tokens import Token

from newsgraph.ingest.lexicon import event_verb, is_known_verb, is_speech_verb
from newsgraph.ingest.trigger_rules import line_span

_EVENT_ENT = get_string_id("EVENT")
#: Answers by (word, inside a name, headline, case tells nothing): the lexicon asked once per distinct key.
_SEEN: dict[tuple[int, bool, bool, bool], tuple[str, str] | None] = {}


def proper_trigger(strings: StringStore, lower: int, ent: int, continued: bool, headline: bool = False,
                   caseless: bool = False) -> tuple[str, str] | None:
    """(event verb, kind) of a proper noun (``lower``: its lower-case form's hash; ``ent``: its entity label's,
    0 outside a name; ``continued``: the name goes on after it) or None, as the module notes tell: in a
    ``headline`` an event noun, a verb the lexicon knows once uninflected ("Checks"), an event adjective ("Dead"),
    and outside a name any other word read as a verb; where the word's case tells nothing (``caseless``) an event
    noun or the "-ed" form of a known verb; elsewhere an event noun outside a name."""
    if ent == _EVENT_ENT:
        if continued:
            return None
        word = strings[lower]
        return (word, "nominal") if any(ch.isalpha() for ch in word) else None
    if ent and not headline:
        return None
    key = (lower, bool(ent), headline, caseless)
    if key not in _SEEN:
        if len(_SEEN) > 1 << 18:
            _SEEN.clear()
        word = strings[lower]
        verb = event_verb(word, "NOUN")
        if headline:
            verb = verb or next((v for v in map(_as_known_verb, uninflected(word)) if v), None)
            verb = verb or event_verb(word, "ADJ")  # "Esther Williams Dead"
            if verb is None and not ent:
                verb = event_verb(word, "VERB")
        elif caseless and word.endswith("ed"):
            verb = verb or next((v for v in map(_as_known_verb, uninflected(word)[1:]) if v), None)
        _SEEN[key] = None if verb is None else (verb, "speech" if is_speech_verb(verb) else "nominal")
    return _SEEN[key]


def case_tells_nothing(text: str, table: Sequence[Token], starts: Sequence[int], i: int) -> bool:
    r"""Whether the case of token ``i`` tells nothing of a name: it is in lower case, or nothing but punctuation
    comes before it in its sentence (``starts``: the SENT_START column) or on its line of ``text`` ("“Sacked
    worker …", "• Sacked worker …").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["a", "url", "\n", "“", "Sacked", "worker", "met", "Sacked"])
    >>> starts = [1, 0, 0, 0, 0, 0, 0, 0]
    >>> [case_tells_nothing(doc.text, list(doc), starts, i) for i in (4, 7)]
    [True, False]
    """
    word = table[i]
    if word.text.islower():
        return True
    first = i
    while first > 0 and starts[first] != 1:
        first -= 1
    line, _ = line_span(text, word.idx)
    return not any(ch.isalnum() for ch in text[max(line, table[first].idx):word.idx])


def _as_known_verb(word: str) -> str | None:
    """The event verb of a word that is a verb the lexicon knows (not a name: "Lohan")."""
    return event_verb(word, "VERB") if is_known_verb(word) else None


def uninflected(word: str) -> list[str]:
    """Candidate base forms of an inflected word, the word itself first; two letters go only from "-es" (a
    "charger" is no "charge").

    >>> uninflected("dies")[:3], "charge" in uninflected("charged"), "ship" in uninflected("shipped")
    (['dies', 'dy', 'die'], True, True)
    >>> uninflected("crashes"), uninflected("chargers")
    (['crashes', 'crashe', 'crash'], ['chargers', 'charger'])
    """
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("s"):
        forms.append(word[:-1])
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("ed"):
        forms += [word[:-1], word[:-2], word[:-3]]
    if word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e", word[:-4]]
    return [f for f in dict.fromkeys(forms) if len(f) > 1]
