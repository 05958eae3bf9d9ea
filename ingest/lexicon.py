"""Canonical relation classes and event triggers: which words are events, and which words name the same kind.

Pure functions of lemmas and predicate strings (no spaCy), backed by the package data read in
``newsgraph.ingest.lexicon_data``: curated synonym classes with polarity and word rules, on top of tables derived
from Princeton WordNet 3.0 (event nouns and their verbs, every WordNet verb with the curated class it reaches).

Predicates are the extractor's lemmatised, space-separated strings ("agree to stop", "be arrest in",
"decline to commit to"). A chain's class is its **last** content verb: in "Russia agreed to stop strikes" the
relation with "strikes" is the stopping (``HALT``), and the verbs before it only qualify it. A verb that says the
complement did not happen ("declined to", "failed to", "refused to") flips the polarity, so "decline to commit
to" is ``AGREE_TO`` with polarity -1, like "reject". Prepositions stay in a class only where they belong to the
verb ("refer to", "push back against"); circumstantial ones ("die in", "say at") do not make classes.

Every predicate gets one of a bounded set of relationship types (``relation_types()``): curated classes, the
~210 most frequent WordNet verbs no curated class covers, fifteen coarse classes for rarer verbs by their kind
(motion, contact, ...), ``BE`` / ``BE_IN`` for copulas and ``RELATE_TO`` for words WordNet does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.ingest.lexicon_data import (
    LEXNAME_CLASSES,
    OWN_CLASS_MIN_COUNT,
    UNKNOWN_CLASS,
    member_of,
    rel_type,
    tables,
)
from newsgraph.ingest.spelling import american_spelling
from newsgraph.ingest.word_forms import gerund_verb, participle_verb, reaction_verb

PARTICLES = frozenset(
    "up down out off over back away in on through around about along forward together apart aside".split())
PREPOSITIONS = frozenset(
    """to of in on at for with from by against about into onto over under after before during through toward towards
    across between among upon via without within behind near since until as like off out up down around past
    despite amid beyond inside outside per than""".split())
DETERMINERS = frozenset("a an the this that these those his her its their our my your some any no another".split())
LOCATIVE = frozenset({"in", "at", "inside", "within", "near"})
_ROLE_PREPOSITIONS = frozenset({"on", "about", "through", "around", "along", "over"})


@dataclass(frozen=True)
class RelationClass:
    """The canonical class of a predicate.

    Attributes:
        name: the readable class ("agree to").
        rel_type: its relationship type, ``[A-Z][A-Z0-9_]*`` ("AGREE_TO").
        polarity: +1, or -1 when the predicate says the class's relation does not hold ("decline to commit to").
        surface: the predicate as given.
        normalised: ``normalise_predicate(surface)``.
    """

    name: str
    rel_type: str
    polarity: int
    surface: str
    normalised: str


def normalise_predicate(predicate: str) -> str:
    """The predicate with light verbs and nominalisations collapsed to their verb and the passive "be" dropped.

    Each step of a chain is normalised on its own; particles stay; a preposition after a collapsed noun stays only
    where it belongs to the verb.

    >>> normalise_predicate("make reference to")
    'refer to'
    >>> normalise_predicate("carry out strikes on"), normalise_predicate("have an exchange of prisoners")
    ('strike', 'exchange')
    >>> normalise_predicate("launch an attack on"), normalise_predicate("give approval to")
    ('attack', 'approve')
    >>> normalise_predicate("be arrest in"), normalise_predicate("push back against")
    ('arrest in', 'push back against')
    >>> normalise_predicate("agree to stop"), normalise_predicate("be"), normalise_predicate("be in")
    ('agree to stop', 'be', 'be in')
    >>> normalise_predicate("apologise to"), normalise_predicate("make an apology to")
    ('apologize to', 'apologize')
    """
    return " to ".join(" ".join(step) for step in _steps(predicate))


def relation_class(predicate: str, sense: str = "") -> RelationClass:
    """The canonical relation class of a predicate, with its polarity.

    ``sense`` is the event the analysis of its clause read the predicate's last verb as, where the context makes it
    another happening than the verb's own ("fired in self-defence": shoot; "captured 23 pirates": arrest): the
    class is then that event's, the polarity still the predicate's. A sense is taken only for the verb that ends
    the predicate (the trigger), not over a copula or a light verb (``light_noun_class`` reads those from their
    object), nor where its verb is a word of the predicate ("file charges": the predicate says it, and better).

    >>> c = relation_class("decline to commit to")
    >>> c.name, c.rel_type, c.polarity
    ('agree to', 'AGREE_TO', -1)
    >>> [relation_class(p).rel_type for p in ("agree to", "refuse", "push back against", "agree to stop")]
    ['AGREE_TO', 'AGREE_TO', 'AGREE_TO', 'HALT']
    >>> [relation_class(p).polarity for p in ("agree to", "refuse", "push back against", "agree to stop")]
    [1, -1, -1, 1]
    >>> relation_class("be sack by").rel_type, relation_class("carry out strikes on").rel_type
    ('DISMISS', 'ATTACK')
    >>> relation_class("fire in", sense="shoot").name, relation_class("refuse to fire", sense="shoot").polarity
    ('shoot', -1)
    >>> relation_class("be capture by", sense="arrest").rel_type, relation_class("be", sense="die").name
    ('ARREST', 'be')
    >>> relation_class("file charge against", sense="file").name, relation_class("hold", sense="talk").name
    ('charge', 'hold')
    >>> relation_class("strike", sense="go on strike").rel_type
    'GO_ON_STRIKE'
    """
    return _relation_class(predicate, " ".join(sense.lower().split()))


@lru_cache(maxsize=65536)
def _relation_class(predicate: str, sense: str = "") -> RelationClass:
    steps = _steps(predicate)
    normalised = " to ".join(" ".join(step) for step in steps)
    t = tables()
    content = [step for step in steps if step and step[0] not in t.empty]
    last = content[-1] if content else steps[-1]
    polarity = -1 if sum(step[0] in t.negative for step in steps if step is not last) % 2 else 1
    senses = sense.split()
    # A light verb's event is its object's ("held talks"), which ``light_noun_class`` reads; a sense that is no
    # event noun is the light verb's own reading ("teachers struck": a work stoppage).
    light = (last and (last[0] in t.light or " ".join(last[:2]) in t.light)
             and _event_verb(" ".join(senses), "NOUN") is not None)
    if (senses and last and last is steps[-1] and last[0] not in t.empty and not light
            and senses[0] not in predicate.lower().split()):
        name, own_polarity = _class_of(senses)
    else:
        name, own_polarity = _class_of(last)
    return RelationClass(name, rel_type(name), polarity * own_polarity, predicate, normalised)


def relation_types() -> frozenset[str]:
    """Every relationship type ``relation_class`` can return: the allow-list for a store.

    >>> {"AGREE_TO", "HALT", "SAY", "RELATE_TO"} <= relation_types(), len(relation_types()) < 700
    (True, True)
    """
    return tables().relation_types


def event_verb(lemma: str, pos: str) -> str | None:
    """The verb lemma of the event a word denotes, or ``None`` when it denotes none.

    ``pos`` is a Universal POS tag (VERB, AUX, NOUN, PROPN, ADJ, ...). Eventive nouns with no verb keep
    themselves ("earthquake"); auxiliaries and light verbs on their own are no events.

    >>> [event_verb(w, "NOUN") for w in ("shooting", "dismissal", "arrest", "death", "talks", "earthquake")]
    ['shoot', 'dismiss', 'arrest', 'die', 'talk', 'earthquake']
    >>> [event_verb(w, "NOUN") for w in ("election", "resignation", "decision", "call")]
    ['elect', 'resign', 'decide', 'call']
    >>> [event_verb(w, "NOUN") for w in ("company", "president", "time", "way")]
    [None, None, None, None]
    >>> event_verb("dead", "ADJ"), event_verb("injured", "ADJ"), event_verb("known", "ADJ")
    ('die', 'injure', None)
    >>> event_verb("disappointed", "ADJ"), event_verb("disappointing", "ADJ")
    ('disappoint', 'disappoint')
    >>> event_verb("fire", "VERB"), event_verb("be", "AUX"), event_verb("make", "VERB")
    ('fire', None, None)
    >>> event_verb("apology", "NOUN"), event_verb("criticism", "NOUN"), event_verb("criticise", "VERB")
    ('apologize', 'criticize', 'criticize')
    """
    return _event_verb(lemma, pos)


@lru_cache(maxsize=65536)
def _event_verb(lemma: str, pos: str) -> str | None:
    verb = _event_word(lemma, pos)
    # WordNet links some nouns to a verb's British form ("apology" → apologise, "criticism" → criticise), where
    # "apologized" is the American one: the verb in American spelling, so that both are one event class.
    return None if verb is None else _american(verb, tables())


def _event_word(lemma: str, pos: str) -> str | None:
    word = lemma.strip().lower()
    if not word or not any(c.isalpha() for c in word):
        return None
    t = tables()
    if pos in {"VERB", "AUX"}:
        return None if word in t.empty or pos == "AUX" and word not in t.verbs else word
    if pos in {"NOUN", "PROPN"}:
        verb = t.nouns.get(word)
        if verb is None and word.endswith("s") and word not in t.verbs:
            verb = t.nouns.get(word[:-1])
        if (verb is None or verb == word) and word.endswith("ing") and word not in t.not_nouns:
            verb = gerund_verb(word) or verb
        return verb
    if pos == "ADJ":
        return t.adjectives.get(word) or participle_verb(word) or reaction_verb(word)
    return None


def is_known_verb(lemma: str) -> bool:
    """True for a verb WordNet or the curated classes know ("check", "rehire"), false for any other word (a name).

    >>> is_known_verb("check"), is_known_verb("take over"), is_known_verb("lohan")
    (True, True, False)
    """
    t = tables()
    word = " ".join(lemma.lower().split())
    return word in t.verbs or word in t.members


def phrasal_verb(verb: str, particle: str = "", preposition: str = "", noun: str = "",
                 complement: str = "") -> str | None:
    """The phrasal verb a verb forms with its particle (one WordNet or the curated classes know: "pass away",
    "take over", "break out"), its preposition (a curated class member only, since most prepositions after a
    verb are circumstantial: "check into", not "work in"), its object noun ("take place", "take office"), or a
    complement written after its object that makes a curated member with it (a prepositional phrase or a
    predicate word: "took the suspect into custody", "set the hostages free"), or ``None``.

    >>> phrasal_verb("pass", particle="away"), phrasal_verb("take", particle="over")
    ('pass away', 'take over')
    >>> phrasal_verb("check", preposition="into"), phrasal_verb("work", preposition="in"), phrasal_verb("say")
    ('check into', None, None)
    >>> phrasal_verb("take", noun="place"), phrasal_verb("make", noun="offer")
    ('take place', None)
    >>> phrasal_verb("take", complement="into custody"), phrasal_verb("set", complement="free")
    ('take into custody', 'set free')
    >>> phrasal_verb("take", complement="into account"), phrasal_verb("take", complement="to hospital")
    ('take into account', None)
    """
    t = tables()
    verb = " ".join(verb.lower().split())
    if complement:
        phrase = f"{verb} {' '.join(complement.lower().split())}"
        if phrase in t.members:
            return phrase
    if particle:
        phrase = f"{verb} {particle.lower()}"
        if phrase in t.verbs or phrase in t.members:
            return phrase
    if preposition:
        phrase = f"{verb} {preposition.lower()}"
        if phrase in t.members:
            return phrase
    if noun:
        phrase = f"{verb} {noun.lower()}"
        if phrase in t.verbs or phrase in t.members:
            return phrase
    return None


def event_class(verb_lemma: str) -> str:
    """The synonym class under which event mentions merge across outlets (opposites never share one).

    Classes that tell one happening from another side or by its outcome share an event class ("defeat" and
    "lose" are the contest "win" names; "die" the death "kill" names; lexicon rules of kind ``event``).

    >>> [event_class(v) for v in ("fire", "dismiss", "sack")]
    ['dismiss', 'dismiss', 'dismiss']
    >>> [event_class(v) for v in ("beat", "lose", "win", "perish", "murder")]
    ['win', 'win', 'win', 'kill', 'kill']
    >>> event_class("slay"), event_class("quake"), event_class("tremor"), event_class("earthquake")
    ('kill', 'quake', 'quake', 'quake')
    >>> event_class("agree"), event_class("refuse"), event_class("frobnicate")
    ('agree', 'agree', 'frobnicate')

    A negative group whose event class merges into its opposite's (lexicon rules of kind ``event``: "refuse" →
    agree) names that event's negated mention ("refused", "declined", "rejected": ``event_polarity`` -1), as the
    relation classes read them.
    """
    word = " ".join(verb_lemma.lower().split())
    t = tables()
    member = t.members.get(word)  # curated synonyms only: WordNet's wider reach merges too much
    found = member.event_class if member is not None else word
    return t.same_event.get(found, found)


def event_polarity(verb_lemma: str) -> int:
    """-1 for a verb of a curated negative group whose event merges into its opposite's, so that its mention is
    a negated mention of its ``event_class`` ("refuse", "reject": not agreeing), else +1 ("deny" stays a denial).

    >>> event_polarity("refuse"), event_polarity("agree"), event_polarity("deny"), event_polarity("frobnicate")
    (-1, 1, 1, 1)
    """
    t = tables()
    member = t.members.get(" ".join(verb_lemma.lower().split()))
    return -1 if member is not None and member.polarity < 0 and member.event_class in t.same_event else 1


def is_empty_verb(lemma: str) -> bool:
    """True for a verb that is no event on its own: the copula, auxiliaries, modals, light verbs without their
    noun ("be", "do", "seem"); a chain's relation is the event of its last verb that is not one.

    >>> is_empty_verb("be"), is_empty_verb("Do"), is_empty_verb("pretend"), is_empty_verb("")
    (True, True, False, True)
    """
    word = " ".join(lemma.lower().split())
    return not word or word in tables().empty


def light_noun_class(verb: str, noun: str) -> RelationClass | None:
    """The relation class a light verb takes from the event noun that is its object ("carry out" + "strike" →
    attack, "hold" + "talk" → talk), or None when the verb is no light verb or the noun no event of its own.
    ``verb`` may be a complement chain's predicate: its last verb counts ("agree to hold" + "talk" → talk).

    >>> light_noun_class("carry out", "strike").name, light_noun_class("agree to hold", "talk").name
    ('attack', 'talk')
    >>> light_noun_class("hold", "tournament"), light_noun_class("sign", "deal")
    (None, None)
    """
    verb = " ".join(verb.lower().rsplit(" to ", 1)[-1].split())
    if verb not in tables().light:
        return None
    whole = relation_class(f"{verb} {noun.lower()}")
    return whole if whole.normalised.split()[:1] != verb.split()[:1] else None


def is_speech_verb(lemma: str) -> bool:
    """True for a reporting verb: its event is a speech act whose content is another event.

    >>> is_speech_verb("say"), is_speech_verb("announce"), is_speech_verb("Tell"), is_speech_verb("kill")
    (True, True, True, False)
    """
    return lemma.strip().lower() in tables().speech


def is_reaction_class(event_class: str) -> bool:
    """True for an event class that is a WordNet verb of emotion: a reaction ("we're disappointed", "shocked",
    "outraged"), which seldom names what it reacts to as a participant.

    >>> is_reaction_class("disappoint"), is_reaction_class("shock"), is_reaction_class("arrest")
    (True, True, False)
    """
    known = tables().verbs.get(" ".join(event_class.lower().split()))
    return known is not None and known.lexname == "emotion"


def _class_of(step: list[str]) -> tuple[str, int]:
    """(class name, polarity) of one normalised chain step."""
    t = tables()
    if not step:
        return UNKNOWN_CLASS, 1
    # A WordNet phrasal verb where its second word cannot be a circumstantial preposition ("carry out", "take
    # part"; not "work in", which is mostly "worked in Paris"), then the head verb alone.
    phrases = [" ".join(step[:2])] if len(step) > 1 and (step[1] not in PREPOSITIONS or step[1] in PARTICLES
                                                         and step[1] not in LOCATIVE | _ROLE_PREPOSITIONS) else []
    # A curated member the step starts with, unless it is only the head of such a phrasal verb: "call off" (to
    # cancel) and "pick up" (a signal) are not "call" and "pick" (to choose).
    shortest = 2 if phrases and phrases[0] in t.verbs else 1
    for k in range(len(step), shortest - 1, -1):
        member = t.members.get(" ".join(step[:k]))
        if member is not None:
            return member.relation, member.polarity
    if step[0] == "be":
        return ("be in" if len(step) > 1 and step[1] in LOCATIVE else "be"), 1
    phrases.append(step[0])
    for verb in phrases:
        member = member_of(verb)
        if member is not None:
            return member.relation, member.polarity
        known = t.verbs.get(verb)
        if known is not None:
            if known.count >= OWN_CLASS_MIN_COUNT:
                return verb, 1
            return LEXNAME_CLASSES.get(known.lexname, UNKNOWN_CLASS), 1
    return UNKNOWN_CLASS, 1


@lru_cache(maxsize=65536)
def _steps_cached(predicate: str) -> tuple[tuple[str, ...], ...]:
    words = [w for w in predicate.lower().split() if any(c.isalpha() for c in w)]
    t = tables()
    steps: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if word == "to" and steps[-1] and i + 1 < len(words) and words[i + 1] not in PREPOSITIONS \
                and _is_verb(words[i + 1]) and not _nominal(steps[-1], t):
            steps.append([])
            continue
        steps[-1].append(word)
    return tuple(tuple(_normalise_step(step, t)) for step in steps)


def _steps(predicate: str) -> list[list[str]]:
    return [list(step) for step in _steps_cached(predicate)] or [[]]


def _nominal(step: list[str], t) -> bool:
    """True for a light verb with its noun so far ("give approval"): a "to" after it is a preposition."""
    size = 2 if " ".join(step[:2]) in t.light else 1
    return " ".join(step[:size]) in t.light and len(step) > size


def _is_verb(word: str) -> bool:
    t = tables()
    return word in t.verbs or word in t.members or word in t.irregular


def _normalise_step(step: list[str], t) -> list[str]:
    if not step:
        return step
    step = [_american(t.irregular.get(w, w) if w not in t.verbs and w not in t.nouns else w, t) for w in step]
    if step[0] == "be" and len(step) > 1 and step[1] in t.verbs and step[1] not in PREPOSITIONS:
        step = step[1:]  # the passive: "be arrest in" → "arrest in"
    collapsed = _collapse_light_verb(step, t)
    return collapsed if collapsed is not None else step


def _american(word: str, t) -> str:
    """A word in American spelling where that spelling is a verb or an event noun the tables know ("mobilise" →
    mobilize, "manoeuvre" → maneuver), so that an outlet's spelling does not choose the class; else the word.
    WordNet lists some British forms under another sense than the American one ("apologise": defend)."""
    respelt = american_spelling(word)
    return respelt if respelt != word and (respelt in t.verbs or respelt in t.nouns or respelt in t.members) else word


def _collapse_light_verb(step: list[str], t) -> list[str] | None:
    """"make reference to" → ["refer", "to"]; ``None`` when the step has no light verb with an event noun."""
    size = 2 if len(step) > 2 and " ".join(step[:2]) in t.light else 1
    if " ".join(step[:size]) not in t.light:
        return None
    for i in range(size, len(step)):
        word = step[i]
        if word in PREPOSITIONS and word not in DETERMINERS:
            return None
        verb = event_verb(word, "NOUN")
        if verb is None or verb in t.empty or verb == word and verb not in t.verbs:
            continue
        rest = step[i + 1:]  # after "of" comes the object ("have an exchange of prisoners"), not a preposition
        prep = [p for p in rest[:1] if p != "of" and f"{verb} {p}" in t.members]
        return verb.split() + prep
    return None
