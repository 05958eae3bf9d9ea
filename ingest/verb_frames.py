"""The verb side of a clause's triples: which verb of a complement chain is the event, the chain continued through
bare complements, a verb's objects (direct, prepositional, particle, state adjectives) and the readable predicate
("be arrest in", "decline to commit to"). Pure functions of the parse (``newsgraph.ingest.triples`` uses them).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from newsgraph.ingest import clauses
from newsgraph.ingest.circumstances import is_circumstantial
from newsgraph.ingest.clauses import RELATIVE, split_conjuncts
from newsgraph.ingest.complex_prepositions import NO_ARGUMENT, complex_preposition, written
from newsgraph.ingest.lexicon import event_verb, is_empty_verb, light_noun_class
from newsgraph.ingest.names import demonym_country
from newsgraph.ingest.qualifier_words import EVIDENTIAL_PASSIVES
from newsgraph.ingest.qualifiers import SPEECH_VERBS, verb_lemma

OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}
#: Verbs whose direct object means the same as their prepositional one ("agreed a ceasefire" = "agreed to").
IMPLIED_PREPOSITION = {"agree": "to", "commit": "to", "consent": "to", "object": "to"}
#: Adjectives of ability: "was able to", "were unable to" (whose negation ``qualifiers.is_negated`` reads).
_ABILITY = frozenset({"able", "unable", "incapable"})
#: What a demonym as a predicate adjective says of its subject: "the pirates were Somali" → be from Somalia.
_STATE_PREPOSITION = "from"


def trigger(chain: tuple[Token, ...], obj: Token | None = None) -> Token:
    """The verb of a chain whose event the relation is: the last one that is no empty verb ("pretended to be
    fishermen": pretend; "planned to do some touring": plan), a light verb with an event noun as its object
    counting as the noun's event ("agreed to hold talks": hold); the last verb when all are empty. A copula's
    predicate that is an event is the event ("was dead": the death; "the deaths were a reminder": reminder)."""
    if obj is not None and clauses.is_event_predicate(obj, chain[-1]):
        return obj
    for verb in reversed(chain):
        if not is_empty_verb(verb_lemma(verb)) or any(
                c.dep_ in {"dobj", "dative"} and c.pos_ == "NOUN" and event_verb(c.lemma_.lower(), "NOUN")
                for c in verb.children):
            return verb
    return chain[-1]


def full_chain(chain: tuple[Token, ...]) -> tuple[Token, ...]:
    """The clause's chain continued through bare complements ("stop strikes", "help end")."""
    while True:
        nxt = [c for c in chain[-1].children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]
        if not nxt:
            return chain
        chain = chain + (nxt[0],)


def evidential(chain: tuple[Token, ...], passive: bool) -> bool:
    """True when a chain opens with an evidential passive before its complement ("are reported to be Somali",
    "were said to have been rescued", "is thought to have fallen"): the report is a hedge on the complement's
    fact (``qualifiers.is_hedged``), not its predicate, which is the complement's own ("be from", "be rescue").

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words="Pirates were said to be Somali".split(), pos=["NOUN", "AUX", "VERB",
    ...           "PART", "AUX", "ADJ"], lemmas=["pirate", "be", "say", "to", "be", "somali"], heads=[2, 2, 2, 4, 2, 4],
    ...           deps=["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "acomp"])
    >>> evidential((doc[2], doc[4]), True), evidential((doc[2],), True)
    (True, False)
    """
    return passive and len(chain) > 1 and chain[0].pos_ == "VERB" and verb_lemma(chain[0]) in EVIDENTIAL_PASSIVES \
        and chain[1].pos_ in {"VERB", "AUX"}


def objects(verb: Token) -> Iterator[tuple[str | None, Token]]:
    """(preposition or None, object head) pairs of a verb, split on coordination."""
    states = clauses.predicate_adjectives(verb)
    noun = _light_noun(verb)
    subject_at = min((c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), default=None)
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and child.lower_ not in RELATIVE and not _apposed_object(child):
            for obj in split_conjuncts(child):
                yield None, obj
            if child is noun:  # "carried out strikes on refineries": carry out strike on –– refineries (attack)
                for prep in child.children:
                    if prep.dep_ == "prep" and not is_circumstantial(prep):
                        yield from _prep_objects(prep, f"{child.lemma_.lower()} {prep.lower_}")
        elif child.dep_ in {"prep", "agent"} and child.lower_ not in {"according", "despite"} \
                and not is_circumstantial(child) and not _fronted(child, subject_at):
            # "said in a statement", "met in Riyadh" are attributes, and so is "For Page, …" (_fronted)
            # "made reference to the treaty", the phrase hung on the verb: make reference to –– treaty
            label = f"{noun.lemma_.lower()} {child.lower_}" if noun is not None and child.i > noun.i else child.lower_
            yield from _prep_objects(child, label)
        elif child.dep_ == "prt":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield child.lower_, grand
        elif child.dep_ == "ccomp" and child.tag_ == "VB" and verb_lemma(verb) not in SPEECH_VERBS \
                and not any(g.dep_ in {"dobj", "aux", "auxpass", "mark"} for g in child.children) \
                and any(g.dep_ == "nsubj" and g.lower_ in {"it", "this", "that"} for g in child.children):
            yield None, child  # "would like to see it end" → like to see –– end
        elif child.dep_ == "acomp" and child in states:
            # "was inexperienced": a state of the subject, the adjective its object; "were Somali": from Somalia
            yield from ((_STATE_PREPOSITION if demonym_country(c.text) else None, c) for c in states
                        if c.i == child.i or c.i > child.i and c.head.i != verb.i)
        elif child.dep_ == "acomp":
            for grand in child.children:
                if grand.dep_ == "prep" and not is_circumstantial(grand):  # "well equipped at the time"
                    yield from _prep_objects(grand, f"{child.lemma_} {grand.lower_}")
    for state in clauses.described_states(verb):
        yield None, state  # "was an inexperienced climber": inexperienced, as "was inexperienced" says


def _fronted(prep: Token, subject_at: int | None) -> bool:
    """A phrase set before its clause's subject frames the clause, as a viewpoint, purpose, reason or span ("For
    Page, the photos were harmless fun", "For these reasons, he has been described as …", "For the second game in
    a row, the Jaguars started aggressively"), and is none of the verb's arguments; a relative "on which" before
    the subject is ("the deal on which they agreed")."""
    return subject_at is not None and prep.i < subject_at and not any(
        g.dep_ == "pobj" and g.lower_ in RELATIVE for g in prep.children)


def _light_noun(verb: Token) -> Token | None:
    """The event noun a light verb takes as its direct object ("carried out strikes", "held talks"), else None."""
    with_particle = " ".join([verb_lemma(verb)] + [c.lower_ for c in verb.children if c.dep_ == "prt"])
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and light_noun_class(with_particle, child.lemma_):
            return child
    return None


def _apposed_object(obj: Token) -> bool:
    """A second direct object set off by a comma after the first: an apposition the parser hung on the verb
    ("discuss the fate of the plant, the largest in Europe"), not a thing the verb acts on."""
    if obj.dep_ != "dobj" or obj.left_edge.i == 0:
        return False
    return obj.doc[obj.left_edge.i - 1].text == "," and any(
        c.dep_ == "dobj" and c.i < obj.i for c in obj.head.children)


def _prep_objects(prep: Token, label: str) -> Iterator[tuple[str, Token]]:
    for obj in prep.children:
        if obj.dep_ == "pobj":
            inner = complex_preposition(prep, obj)
            if inner == NO_ARGUMENT:  # "in order to", "in any case"
                continue
            if inner is not None and not isinstance(inner, str):  # "as part of a force": the argument is the force
                yield from _prep_objects(inner, label[:len(label) - len(prep.lower_)] + written(prep, obj, inner))
                continue
            for part in split_conjuncts(obj):
                yield label, part
        elif obj.dep_ == "pcomp" and obj.pos_ == "ADP":  # "back against", "out of"
            yield from _prep_objects(obj, f"{label} {obj.lower_}")


def predicate(chain: tuple[Token, ...], prep: str | None, active: bool, complement: str = "") -> str:
    """The readable relation: lemmas of the chain, "be" for the passive, particles, a complement that completes
    the last verb's phrase ("into custody"), the preposition. An adjective of ability before the verb it takes is a
    modal, as "could" is, not part of the predicate: "were unable to reach him" is "reach" (negated), as "could not
    reach him" is."""
    if len(chain) > 2 and verb_lemma(chain[0]) == "be" and chain[1].pos_ == "ADJ" and chain[1].lower_ in _ABILITY:
        chain, active = chain[2:], not clauses.is_passive(chain[2])
    words = []
    for i, verb in enumerate(chain):
        if verb.pos_ == "ADJ":
            words.append(verb.lower_)
            continue
        if i:
            words.append("to")
        if not active and i == 0:
            words.append("be")
        words.append(verb_lemma(verb))
        words.extend(c.lower_ for c in verb.children
                     if c.dep_ == "prt" and not any(g.dep_ == "pobj" for g in c.children))
        if verb.lemma_ == "be" and len(chain) == 1 and prep is None:
            break
    if prep is None and active and verb_lemma(chain[-1]) in IMPLIED_PREPOSITION:
        prep = IMPLIED_PREPOSITION[verb_lemma(chain[-1])]
    if complement:
        words.append(complement)
    if prep:
        words.append(prep)
    return " ".join(w for w in words if w)
