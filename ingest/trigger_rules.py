"""Trigger rules for words whose event depends on their context: an acronym the parser took for a name ("arrested
for DUI"), a noun that is an event only as an occasion ("the office Christmas party", not "the ruling party"),
an event whose manner makes it another kind of happening ("drunk driving" is the offence, not a journey), a noun
that as a modifier tells a kind, not a happening ("an emergency patch"); verbs and
nouns of striking and shaking (a labour strike, "shook hands", "was visibly shaken":
``newsgraph.ingest.striking``, re-exported here); and what makes a headline line, where a word inside a misread
name may still be an event ("Office Shooting"). Named events and the kind nouns said of them are
``newsgraph.ingest.named_events``.

Used by ``newsgraph.ingest.events``; each rule takes a token and returns (event verb, kind) or None.
"""

from __future__ import annotations

from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsgraph.ingest.circumstances import TIME_PREPOSITIONS, TIME_WORDS
from newsgraph.ingest.dates import MONTHS, WEEKDAYS
from newsgraph.ingest.lexicon import event_verb, is_speech_verb
from newsgraph.ingest.spelling import american_spelling
from newsgraph.ingest.striking import (
    SHAKEN_BY_NEWS,
    SHAKEN_BY_SOMEONE,
    SHAKING_VERBS as SHAKING_VERBS,
    STOPPAGE_EVENT,
    is_person,
    shaking_trigger as shaking_trigger,
    stoppage_trigger as stoppage_trigger,
)
from newsgraph.ingest.words import words


def acronym_trigger(token: Token) -> tuple[str, str] | None:
    """An acronym the parser took for a one-word name but the lexicon knows as an event noun ("arrested for
    DUI"): a nominal trigger; None for any other name ("NATO", "Lohan").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["arrested", "for", "DUI", "by", "NATO"])
    >>> acronym_trigger(doc[2]), acronym_trigger(doc[4])
    (('drive drunk', 'nominal'), None)
    """
    text = token.text
    if len(text) < 2 or not text.isalpha() or not text.isupper():
        return None
    verb = event_verb(text.lower(), "NOUN")
    return None if verb is None else (verb, "speech" if is_speech_verb(verb) else "nominal")


#: Nouns that are events only as a named occasion: "the Christmas party", "a birthday party" (not "the Labour
#: party"), each with the modifiers that make it one.
OCCASION_NOUNS = {"party": frozenset({
    "christmas", "holiday", "birthday", "anniversary", "wedding", "engagement", "office", "dinner", "cocktail",
    "garden", "house", "farewell", "launch", "retirement", "graduation", "new", "year", "halloween",
    "leaving", "tea", "pool", "block", "costume", "dance", "bachelor", "bachelorette", "victory", "celebration"})}
OCCASION_NOUN_IDS = frozenset(get_string_id(w) for w in OCCASION_NOUNS)


def occasion_trigger(token: Token) -> tuple[str, str] | None:
    """A noun that is an event only with a modifier naming an occasion ("an office Christmas party", "the
    holiday party"): (the noun, nominal), else None ("the party leader", "the ruling party")."""
    occasions = OCCASION_NOUNS[token.lemma_.lower()]
    if any(c.dep_ in {"compound", "amod", "nmod", "poss"} and c.lemma_.lower() in occasions for c in token.children):
        return token.lemma_.lower(), "nominal"
    return None


#: Nouns that, modifying another noun, tell what kind of thing it is, not a happening: "an emergency patch",
#: "emergency services", "the emergency room" are urgent ones ("a state of emergency", "the emergency" stay events).
KIND_MODIFIERS = frozenset({"emergency"})


def kind_modifier(token: Token) -> bool:
    """True for a noun of ``KIND_MODIFIERS`` modifying another noun: no event there."""
    return (token.dep_ in {"compound", "nmod", "amod"} and token.head.pos_ in {"NOUN", "PROPN"}
            and token.head.i != token.i and token.lemma_.lower() in KIND_MODIFIERS)


#: Events whose manner makes another kind of happening: "drove drunk", "drunk driving", "driving under the
#: influence" are the offence, not a journey. Event verb → (manner words, the event it makes).
MANNER_EVENTS = {"drive": (frozenset({"drunk", "drunken", "drink", "intoxicated", "impaired", "influence"}),
                           "drive drunk")}


def manner_trigger(token: Token, trigger: tuple[str, str]) -> tuple[str, str]:
    """The trigger of an event whose modifier names a manner that makes it another event (``MANNER_EVENTS``):
    "drunk driving", "drove drunk", "driving under the influence", "drink-driving"; else ``trigger``."""
    words, event = MANNER_EVENTS[trigger[0]]
    for child in token.children:
        if child.lower_ in words or child.lemma_.lower() in words:
            return event, trigger[1]
        if child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in words for g in child.children):
            return event, trigger[1]
    if token.i > 0 and token.doc[token.i - 1].lower_.rstrip("-") in words:  # "drink- driving", "drunk-driving"
        return event, trigger[1]
    return trigger


def title_case(words: list[str]) -> bool:
    """True for the words of a headline: at least three words of four letters or more, three in four of them
    capitalised.

    >>> title_case("Troy , Michigan Office Shooting Follow - Up - 1 Dead".split())
    True
    >>> title_case("http : / / voices . yahoo . com / troy - michigan - office - shooting".split())
    False
    """
    long = [w for w in words if w.isalpha() and len(w) > 3]
    return len(long) >= 3 and 4 * sum(w[0].isupper() for w in long) >= 3 * len(long)


def line_span(text: str, at: int) -> tuple[int, int]:
    r"""The (start, end) characters of the line of ``text`` holding character ``at``, without its line break.

    >>> line_span("a url\nOffice Shooting\nbody", 8)
    (6, 21)
    """
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def in_headline(doc: Doc, text: str, i: int, known: dict[int, bool]) -> bool:
    """True when the line of token ``i`` is in title case (a headline; ``title_case``), judged over the whole line
    whatever sentences the parser cut it into ("Ellen DeGeneres | To Host Oscars") or ran it into (a URL line
    above the headline). ``text`` is ``doc.text`` (which spaCy joins anew on every access); ``known`` remembers
    each line's answer by its first character."""
    table = words(doc)  # no spaCy Token per token of the line
    lo, hi = line_span(text, table[i].idx)
    if lo not in known:
        first, end = i, i + 1
        while first > 0 and table[first - 1].idx >= lo:
            first -= 1
        while end < len(table) and table[end].idx < hi:
            end += 1
        known[lo] = title_case([w.text for w in table[first:end]])
    return known[lo]


#: Idioms whose "run" is the running away: "a hit-and-run", "Hit & Run", "cut and run" (not the "run" of running a
#: company or a race).
_RUN_AWAY_AFTER = frozenset({"hit", "cut"})
RUN_AWAY_EVENT = "flee"
_IDIOM_JOINERS = frozenset({"and", "&", "-", "n", "'n", "n'", "'n'"})


def run_away_trigger(token: Token, trigger: tuple[str, str]) -> tuple[str, str]:
    """The trigger of "run" in an idiom where it means running away ("hit and run", "hit-and-run", "Hit - Run",
    "cut and run"): (flee, its kind); else ``trigger``.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["a", "hit", "-", "and", "-", "run", "driver", "will", "run", "the", "firm"])
    >>> run_away_trigger(doc[5], ("run", "nominal")), run_away_trigger(doc[8], ("run", "verbal"))
    (('flee', 'nominal'), ('run', 'verbal'))
    """
    if trigger[0] != "run":
        return trigger
    i = token.i - 1
    while i >= 0 and token.doc[i].text.lower() in _IDIOM_JOINERS:
        i -= 1
    if i < token.i - 1 and i >= 0 and token.doc[i].text.lower() in _RUN_AWAY_AFTER:
        return RUN_AWAY_EVENT, trigger[1]
    return trigger


#: Verbs of taking whose happening, when what is taken is a person, is an arrest: "captured 23 pirates", "the
#: suspect was seized", "the capture of the gunman" (not "captured the city", "seized arms").
TAKING_VERBS = frozenset({"capture", "seize", "recapture", "catch"})
TAKEN_PERSON_EVENT = "arrest"
def taken_person_trigger(token: Token, trigger: tuple[str, str]) -> tuple[str, str]:
    """The trigger of a verb of taking (``TAKING_VERBS``) whose taken is a person (a person's name or a noun of
    a person: "pirates", "the suspect"): (arrest, its kind); else ``trigger``. What is taken is a verb's direct
    object, a passive's subject, the noun a past participle modifies ("a prisoner captured after a week on the
    run"), or a noun's "of" phrase or possessor; a numeral or quantifier taken counts out of its "of" phrase
    ("capturing 23 of the raiders").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Navy", "captured", "pirates", "and", "seized", "arms"],
    ...           lemmas=["navy", "capture", "pirate", "and", "seize", "arm"],
    ...           heads=[1, 1, 1, 1, 1, 4], deps=["nsubj", "ROOT", "dobj", "cc", "conj", "dobj"])
    >>> taken_person_trigger(doc[1], ("capture", "verbal")), taken_person_trigger(doc[4], ("seize", "verbal"))
    (('arrest', 'verbal'), ('seize', 'verbal'))
    """
    if trigger[0] not in TAKING_VERBS:
        return trigger
    if token.dep_ == "acl" and token.tag_ == "VBN" and is_person(token.head):
        return TAKEN_PERSON_EVENT, trigger[1]
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass", "poss"}:
            taken = [child]
        elif child.dep_ == "prep" and child.lower_ == "of" and token.pos_ in {"NOUN", "PROPN"}:
            taken = [g for g in child.children if g.dep_ == "pobj"]
        else:
            continue
        if any(is_person(x) for t in taken for x in (t, *_partitive_of(t))):
            return TAKEN_PERSON_EVENT, trigger[1]
    return trigger


#: Quantifiers that head a partitive ("some of the pirates", "most of them").
_QUANTIFIERS = frozenset("some any all most many several few both each none one half dozens hundreds".split())


def _partitive_of(token: Token) -> list[Token]:
    """What a numeral or quantifier counts out of, when it heads a partitive "of" phrase ("23 of the raiders",
    "some of the suspects" → raiders, suspects); else nothing.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["capturing", "23", "of", "the", "raiders", "some", "of", "it"],
    ...           pos=["VERB", "NUM", "ADP", "DET", "NOUN", "PRON", "ADP", "PRON"],
    ...           heads=[0, 0, 1, 4, 2, 0, 5, 6], deps=["ROOT", "dobj", "prep", "det", "pobj", "dobj", "prep", "pobj"])
    >>> [t.text for t in _partitive_of(doc[1])], [t.text for t in _partitive_of(doc[5])], _partitive_of(doc[4])
    (['raiders'], ['it'], [])
    """
    if not (token.pos_ == "NUM" or token.like_num or token.text.lower() in _QUANTIFIERS):
        return []
    return [g for c in token.children if c.dep_ == "prep" and c.text.lower() == "of" for g in c.children
            if g.dep_ == "pobj"]


#: Verbs whose use with no object is another happening: "the police fired", "we fired in self-defence" is
#: shooting, where "fired the manager", "he was fired" is a dismissal. Event verb → the event it makes.
OBJECTLESS_EVENTS = {"fire": "shoot"}
#: What is fired when "fire" is shooting, not dismissing: a weapon or what it shoots ("fired a gun", "fired the
#: fatal shot", "fired rubber bullets", "fired two missiles").
FIRED_THINGS = frozenset("""gun rifle pistol handgun shotgun revolver weapon firearm cannon artillery mortar shot
bullet round shell missile rocket torpedo volley salvo arrow flare grenade""".split())


def objectless_trigger(token: Token, trigger: tuple[str, str]) -> tuple[str, str]:
    """The trigger of an active verb of ``OBJECTLESS_EVENTS`` with no direct object (nor a clause or particle
    in its place), or whose object is a weapon or what it shoots (``FIRED_THINGS``), or ``trigger``: "troops fired
    into the crowd" and "fired the fatal shot" are shootings; "fired the coach", "was fired", "the fired coach"
    are not.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["We", "fired", "in", "defence", ";", "they", "fired", "him"],
    ...           heads=[1, 1, 1, 2, 1, 6, 6, 6], deps=["nsubj", "ROOT", "prep", "pobj", "punct", "nsubj", "ROOT",
    ...                                                 "dobj"], pos=["PRON", "VERB", "ADP", "NOUN", "PUNCT",
    ...                                                               "PRON", "VERB", "PRON"])
    >>> objectless_trigger(doc[1], ("fire", "verbal")), objectless_trigger(doc[6], ("fire", "verbal"))
    (('shoot', 'verbal'), ('fire', 'verbal'))
    >>> shot = Doc(Vocab(), words=["He", "fired", "the", "shots"], heads=[1, 1, 3, 1],
    ...            deps=["nsubj", "ROOT", "det", "dobj"], pos=["PRON", "VERB", "DET", "NOUN"],
    ...            lemmas=["he", "fire", "the", "shot"])
    >>> objectless_trigger(shot[1], ("fire", "verbal"))
    ('shoot', 'verbal')
    """
    event = OBJECTLESS_EVENTS.get(trigger[0])
    if event is None or token.pos_ != "VERB" or token.dep_ in {"amod", "acl"}:
        return trigger
    if any(c.dep_ == "dobj" and c.lemma_.lower() in FIRED_THINGS for c in token.children):
        return event, trigger[1]
    if any(c.dep_ in {"dobj", "nsubjpass", "auxpass", "ccomp", "xcomp", "prt", "dative"} for c in token.children):
        return trigger
    return event, trigger[1]


#: Verbs of arriving whose happening, when what is reached is a person, is getting to that person: "rescuers
#: reached him", "were unable to reach the climbers" (not "reached the hut", "arrived by helicopter", where the
#: arrival is at a place). Event verb → the event it makes.
PERSON_REACHED_EVENTS = {"reach": "get to someone"}
#: Personal pronouns that stand for a person as an object.
_PERSON_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})


def reached_person_trigger(token: Token, trigger: tuple[str, str]) -> tuple[str, str]:
    """The trigger of a verb of ``PERSON_REACHED_EVENTS`` whose direct object (or a conjunct of it) is a person
    (a person's name, a noun of a person, a personal pronoun): getting to someone, its own happening; else
    ``trigger``.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["rescuers", "reached", "him", ";", "they", "reached", "the", "hut"],
    ...           lemmas=["rescuer", "reach", "he", ";", "they", "reach", "the", "hut"],
    ...           heads=[1, 1, 1, 1, 5, 5, 7, 5], deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det",
    ...                                                 "dobj"])
    >>> reached_person_trigger(doc[1], ("reach", "verbal")), reached_person_trigger(doc[5], ("reach", "verbal"))
    (('get to someone', 'verbal'), ('reach', 'verbal'))
    """
    event = PERSON_REACHED_EVENTS.get(trigger[0])
    if event is None or token.pos_ == "NOUN":
        return trigger
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"} and any(
                t.text.lower() in _PERSON_PRONOUNS or is_person(t) for t in (child, *child.conjuncts)):
            return event, trigger[1]
    return trigger


def american_form(form: str, pos: str) -> str:
    """A word in American spelling when that spelling is an event word too ("misdemeanour" → misdemeanor,
    "organised" → organized), so that one happening told in either spelling is one event class; else the word.

    >>> american_form("misdemeanour", "NOUN"), american_form("criticise", "VERB"), american_form("tyre", "NOUN")
    ('misdemeanor', 'criticize', 'tyre')
    """
    respelt = american_spelling(form)
    return respelt if respelt != form and event_verb(respelt, pos) is not None else form


def names_a_time(preposition: Token) -> bool:
    """True for a time preposition whose object is a time ("on Thursday", "in March", "after midnight"): a
    circumstance, never part of a phrasal verb ("fired on Thursday" is no "fire on"); "into May" is no time (a
    dateline the parser ran into the sentence)."""
    return preposition.lower_ in TIME_PREPOSITIONS and any(
        c.dep_ == "pobj" and (c.ent_type_ in {"DATE", "TIME"} or c.lower_ in TIME_WORDS or c.lower_ in WEEKDAYS
                              or c.lower_ in MONTHS) for c in preposition.children)


@cache
def context_senses() -> frozenset[str]:
    """The events the context rules read a verb as, in place of its own ("fired in self-defence":
    shoot; "captured 23 pirates": arrest; "hit and run": flee): a relation whose trigger was so read takes that
    event's class (``newsgraph.graph.build.triple_class``).

    >>> sorted(context_senses())
    ['agitate', 'arrest', 'drive drunk', 'flee', 'get to someone', 'go on strike', 'shoot', 'unsettle']
    """
    return frozenset({TAKEN_PERSON_EVENT, RUN_AWAY_EVENT, *OBJECTLESS_EVENTS.values(),
                      *PERSON_REACHED_EVENTS.values(), *(event for _, event in MANNER_EVENTS.values()),
                      SHAKEN_BY_SOMEONE, SHAKEN_BY_NEWS, STOPPAGE_EVENT})
