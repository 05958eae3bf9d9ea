"""Trigger rules for verbs and nouns of striking and shaking, whose happening depends on who does it and to whom.

- A labour strike is a work stoppage, not an attack: "a general strike", "a 24-hour strike", "went on strike",
  "a strike by dock workers", "the court blocked the strike", "teachers struck for higher pay", "the walkout"
  (``stoppage_trigger``); air, missile and drone strikes and a verb of striking with an object stay attacks.
- A verb of shaking tells the quake only when a quake shakes ("shook hands" is none), and a person shaken is
  moved, not quaked ("was visibly shaken", "a shaken Smith"; ``shaking_trigger``).

Used by ``newsgraph.ingest.events`` through ``newsgraph.ingest.trigger_rules``; each rule takes a token and its
trigger, (event verb, kind), and returns the trigger it reads.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.ingest.clauses import is_passive, subjects_of
from newsgraph.ingest.lexicon import event_class, event_verb
from newsgraph.ingest.noun_classes import noun_class

#: Name labels of people: a person, or a group named by its nationality ("23 Somalis").
PERSON_LABELS = frozenset({"PERSON", "NORP"})


def is_person(token: Token) -> bool:
    """True for a person's name or a noun of a person ("pirates", "the suspect")."""
    return token.ent_type_ in PERSON_LABELS or noun_class(token.lemma_.lower()) == "PERSON"


#: The event of a work stoppage ("a general strike", "the walkout"), a class of its own (``relation_classes.tsv``).
STOPPAGE_EVENT = "go on strike"
#: Modifiers that make a strike a military one ("air strikes", "a drone strike", "a pre-emptive strike").
_ATTACK_MODIFIERS = frozenset({
    "air", "airstrike", "missile", "drone", "military", "rocket", "artillery", "nuclear", "pre", "preemptive",
    "pre-emptive", "surgical", "precision", "retaliatory", "naval", "aerial", "bomb", "bombing", "terrorist",
    "first", "lightning"})
#: Modifiers that make a strike a work stoppage ("a general strike", "a nationwide strike", "a rail strike").
_STOPPAGE_MODIFIERS = frozenset({
    "general", "nationwide", "national", "labour", "labor", "union", "worker", "workers", "wildcat", "sympathy",
    "token", "hunger", "rail", "transport", "public", "sector", "industrial", "indefinite", "rolling", "teacher",
    "doctor", "nurse", "pilot", "staff", "employee", "miner", "postal", "tube", "bus", "port", "dock"})
#: Units of a stoppage's length ("a 24-hour strike", "a one-day strike", "a two-week strike").
_DURATION_WORDS = frozenset({"hour", "day", "week", "month"})
#: Verbs whose object, a strike, is a stoppage: what unions call, stage, join and call off and courts block or
#: allow (not "end", "suspend" or "halt": strikes of war are suspended too).
_STOPPAGE_VERBS = frozenset({
    "call", "stage", "staged", "stag", "ban", "block", "allow", "join", "declare", "avert", "break", "organize",
    "organise"})
#: Nouns of those who go on strike that are no person nouns of the lexicon ("the unions").
_LABOUR_NOUNS = frozenset({"union", "worker", "employee", "staff", "workforce", "teacher", "labour", "labor"})


def _labour(token: Token) -> bool:
    """A noun of those who go on strike: a union or a noun of people (not a country's name: "Israeli strikes")."""
    lemma = token.lemma_.lower()
    return lemma in _LABOUR_NOUNS or (token.pos_ == "NOUN" and noun_class(lemma) == "PERSON")


def stoppage_trigger(token: Token, trigger: tuple[str, str]) -> tuple[str, str]:
    """The trigger of "strike" as a work stoppage (``STOPPAGE_EVENT``), or ``trigger``.

    A noun "strike" is a stoppage with a modifier of one ("a general strike", "a 24-hour strike", "a teachers'
    strike"), as the object of "on" ("went on strike", "are on strike"), with a "by" phrase naming workers or
    unions ("a strike by dock workers"), or as what is called, staged, blocked or called off ("the court blocked
    the strike"); never with a modifier of a military strike ("air strikes", "a drone strike") or a target
    ("strikes on Gaza"). A verb "strike" is one when it has no object and its subject is workers or unions
    ("teachers struck for higher pay"); "striking" that modifies a noun of people is ("striking workers").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["a", "general", "strike", ";", "air", "strikes"],
    ...           lemmas=["a", "general", "strike", ";", "air", "strike"], heads=[2, 2, 2, 2, 5, 2],
    ...           deps=["det", "amod", "ROOT", "punct", "compound", "conj"],
    ...           pos=["DET", "ADJ", "NOUN", "PUNCT", "NOUN", "NOUN"])
    >>> stoppage_trigger(doc[2], ("strike", "nominal")), stoppage_trigger(doc[5], ("strike", "nominal"))
    (('go on strike', 'nominal'), ('strike', 'nominal'))
    """
    stoppage = STOPPAGE_EVENT, trigger[1]
    if trigger[0] in {"go on", "go"} and any(  # "went on strike": not a going on
            c.dep_ in {"prep", "prt"} and c.lower_ == "on" and any(g.lemma_.lower() == "strike" for g in c.children)
            for c in token.children):
        return stoppage
    if trigger[0] != "strike":
        return trigger
    if token.pos_ in {"NOUN", "PROPN"}:
        modifiers = [c for c in token.children if c.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod"}]
        words = {w for c in modifiers for w in (c.lemma_.lower(), c.lower_)}
        if words & _ATTACK_MODIFIERS or any(c.dep_ == "prep" and c.lower_ in {"on", "against"}
                                             for c in token.children):
            return trigger
        if words & (_STOPPAGE_MODIFIERS | _DURATION_WORDS) or any(_labour(c) for c in modifiers):
            return stoppage
        if token.dep_ == "pobj" and token.head.lower_ == "on":  # "went on strike", "are on strike"
            return stoppage
        if any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" and _labour(g) for g in c.children)
               for c in token.children):
            return stoppage
        if token.dep_ in {"dobj", "nsubjpass"} and (token.head.lemma_.lower() in _STOPPAGE_VERBS
                                                    or token.head.lower_ in _STOPPAGE_VERBS):
            return stoppage
        return trigger
    if token.dep_ in {"amod", "acl"} and token.tag_ == "VBG" and _labour(token.head):  # "striking workers"
        return stoppage
    if token.pos_ == "VERB" and not is_passive(token) and not any(
            c.dep_ in {"dobj", "dative", "ccomp", "xcomp", "attr", "oprd"} for c in token.children):
        if any(_labour(s) for s in subjects_of(token)[0]):  # "teachers struck for higher wages"
            return stoppage
    return trigger


#: Nouns of disasters ("storm" the verb is an attack, so the nouns are listed, and quake-class nouns come through
#: their event class).
DISASTER_NOUNS = frozenset({
    "quake", "earthquake", "tremor", "temblor", "aftershock", "tsunami", "storm", "hurricane", "typhoon",
    "cyclone", "tornado", "twister", "flood", "flooding", "blizzard", "snowstorm", "hailstorm", "avalanche",
    "landslide", "mudslide", "wildfire", "bushfire", "drought", "eruption", "heatwave", "monsoon", "gale",
    "downpour", "rainstorm", "windstorm", "superstorm", "disaster", "surge"})
_DISASTER_CLASSES = frozenset({"quake", "aftershock", "tsunami", "flood"})


def is_disaster(token: Token) -> bool:
    """True for a noun of a natural disaster ("the quake", "a 6.1 magnitude earthquake", "Hurricane Sandy").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["storm", "gunman"], lemmas=["storm", "gunman"])
    >>> is_disaster(doc[0]), is_disaster(doc[1])
    (True, False)
    """
    lemma = token.lemma_.lower()
    if lemma in DISASTER_NOUNS or token.lower_ in DISASTER_NOUNS:
        return True
    verb = event_verb(lemma, "NOUN")
    return verb is not None and event_class(verb) in _DISASTER_CLASSES


#: Verbs of the quake class that also mean shaking anything: a quake only when what shakes is one.
SHAKING_VERBS = frozenset({"shake", "jolt", "rock"})
#: Event classes whose shaking is the quake's ("the aftershock jolted the island").
_QUAKE_CLASSES = frozenset({"quake", "aftershock"})
#: A shaking done by a person or group ("shook hands with the lawyers", "rocked the baby").
SHAKEN_BY_SOMEONE = "agitate"
#: A shaking done by another happening, or felt by a person ("the scandal rocked the government", "Greece rocked
#: by clashes", "he shook with rage", "he was visibly shaken").
SHAKEN_BY_NEWS = "unsettle"
_GROUP_LABELS = frozenset({"PERSON", "NORP", "ORG"})
_THING_PRONOUNS = frozenset({"it", "which", "that", "this"})
#: Personal pronouns that stand for a person as a subject.
_PERSON_SUBJECTS = frozenset({"he", "she", "i", "we", "they", "you", "who"})


def _person_shaken(token: Token) -> bool:
    """True when a passive or adjectival use of a verb of shaking has a person as the one shaken: "he was
    visibly shaken", "residents were shaken", "a shaken Smith"."""
    if token.dep_ in {"amod", "acl"}:
        shaken = [token.head]
    elif token.dep_ == "acomp" or token.pos_ == "ADJ":
        shaken = [c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    elif is_passive(token):
        shaken = [c for c in token.children if c.dep_ == "nsubjpass"]
    else:
        return False
    return any(t.lower_ in _PERSON_SUBJECTS or is_person(t) for s in shaken for t in (s, *s.conjuncts))


def shaking_trigger(token: Token, trigger: tuple[str, str]) -> tuple[str, str]:
    """The trigger of a verb of ``SHAKING_VERBS``: the quake (``trigger``) when what shakes is a quake ("a tremor
    shook the city", "was rocked by an earthquake") or
    no doer is named ("the ground shook", "strong enough to shake buildings"); ``SHAKEN_BY_SOMEONE`` when a
    person or group shakes something ("shook hands with fans"); ``SHAKEN_BY_NEWS`` when another happening does
    ("the death shook the city"), a person shakes ("he shook with rage") or a person is shaken ("he was visibly
    shaken", "a shaken Smith": an emotion). The doer is a passive's "by" phrase or a transitive verb's subject;
    an intransitive verb's subject is what shakes.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Quake", "shakes", "city", ";", "he", "shook", "hands"],
    ...           lemmas=["quake", "shake", "city", ";", "he", "shake", "hand"], heads=[1, 1, 1, 1, 5, 1, 5],
    ...           deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "conj", "dobj"],
    ...           pos=["NOUN", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "NOUN"])
    >>> shaking_trigger(doc[1], ("shake", "verbal")), shaking_trigger(doc[5], ("shake", "verbal"))
    (('shake', 'verbal'), ('agitate', 'verbal'))
    """
    if trigger[0] not in SHAKING_VERBS or token.pos_ not in {"VERB", "ADJ"}:
        return trigger
    agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(is_disaster(a) for a in agents):
        return trigger  # "residents were shaken by the quake"
    if _person_shaken(token):
        return SHAKEN_BY_NEWS, trigger[1]
    if token.pos_ != "VERB":
        return trigger
    caused = bool(agents) or is_passive(token) or any(c.dep_ == "dobj" for c in token.children)
    for doer in agents or ([] if is_passive(token) else subjects_of(token)[0]):
        if doer.lower_ in _THING_PRONOUNS:
            continue
        if is_person(doer) or doer.pos_ == "PRON" or caused and doer.ent_type_ in _GROUP_LABELS:
            return (SHAKEN_BY_SOMEONE if caused else SHAKEN_BY_NEWS), trigger[1]
        if not caused:
            continue  # "the ground shook": what shakes
        verb = event_verb(doer.lemma_.lower(), "NOUN")
        if verb is not None:
            return (trigger if event_class(verb) in _QUAKE_CLASSES else (SHAKEN_BY_NEWS, trigger[1]))
    return trigger
