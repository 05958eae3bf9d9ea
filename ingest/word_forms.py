"""The verb a derived word form stands for, for event triggers: a noun in -ing ("stabbing" → stab), a past
participle used as an adjective ("injured" → injure), a participle of a verb of emotion ("disappointed" →
disappoint). Pure functions of a word and the lexicon's tables (``newsgraph.ingest.lexicon_data``)."""

from __future__ import annotations

from newsgraph.ingest.lexicon_data import tables


def gerund_verb(word: str) -> str | None:
    """The curated verb a noun in -ing names the act of ("stabbing" → stab, "burning" → burn), or None.

    >>> gerund_verb("stabbing"), gerund_verb("burning"), gerund_verb("raising"), gerund_verb("ceiling")
    ('stab', 'burn', 'raise', None)
    """
    members = tables().members
    stem = word[:-3]
    for verb in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if verb in members:
            return verb
    return None


def reaction_verb(word: str) -> str | None:
    """The verb of a participle of a WordNet verb of emotion used as an adjective: a reaction is a state the news
    reports as an event ("disappointed", "it's disappointing" → disappoint; "shocked" → shock).

    >>> [reaction_verb(w) for w in ("disappointed", "disappointing", "worried", "shocked")]
    ['disappoint', 'disappoint', 'worry', 'shock']
    >>> reaction_verb("tired"), reaction_verb("red"), reaction_verb("ceiling")
    (None, None, None)
    """
    verbs = tables().verbs
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            for verb in (stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else "",
                         stem[:-1] + "y" if stem.endswith("i") else ""):
                known = verbs.get(verb) if verb else None
                if known is not None and known.lexname == "emotion":
                    return verb
    return None


def participle_verb(word: str) -> str | None:
    """The verb of a past participle used as an adjective, for non-stative curated verbs ("injured" → injure)."""
    t = tables()
    candidates = [t.irregular.get(word, "")]
    if word.endswith("ed"):
        stem = word[:-2]
        candidates += [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
                       stem[:-1] + "y" if stem.endswith("i") else ""]
    for verb in candidates:
        member = t.members.get(verb) if verb else None
        if member is not None and member.relation not in t.stative and member.polarity > 0:
            return verb
    return None
