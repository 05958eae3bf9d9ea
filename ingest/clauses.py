"""Clauses of a parsed sentence: the one analysis both triple renderers share.

A clause is a verb with the subjects it has or inherits (coordination, relative and participial clauses,
subject-controlled complements), its chain of complements ("declined to commit", "are ready to sign"), its voice,
and — for a relative clause whose own subject is not the relative pronoun — the head noun it takes as object
("the deal Russia signed"). ``newsgraph.ingest.triples`` renders clauses as graph triples (entity or concept
heads, lemma predicates, one object each); ``newsgraph.ingest.openie`` renders the same clauses as n-ary open-IE
tuples with whole phrases, which is what the CaRB benchmark scores.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.ingest.circumstances import is_circumstantial
from newsgraph.ingest.lexicon import event_verb, phrasal_verb
from newsgraph.ingest.quotes import quote_spans
from newsgraph.ingest.reported_speech import speaking_verb

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
RELATIVE = frozenset({"which", "who", "that", "whom", "whose", "where", "when"})
#: Prepositions whose gerund shares the subject of the verb they modify ("died after falling", "won by scoring");
#: not "without" (it negates), nor "from" or "for", whose gerund may be the object's ("prevented pirates from
#: attacking", "praised her for coming"); "for" after a passive is its subject's ("was arrested for speeding").
_SUBJECT_SHARING_PREPOSITIONS = frozenset({"after", "before", "since", "upon", "while", "by"})
#: Copulas: verbs whose predicate adjective says what their subject is ("was inexperienced", "remained calm").
COPULAS = frozenset({"be", "become", "remain", "stay", "seem", "appear", "look"})
#: Nouns whose to-infinitive says what the noun is about, not what the noun does: "Putin's idea to hold
#: tournaments" (Putin would hold them), "gave Ukraine the opportunity to rearm", "the need to stop proliferation".
#: Their infinitive's subject is the noun's possessor, the one it is given to or the one who has or makes it
#: (``HOLDING_VERBS``), never the noun; with none of them the infinitive has no subject. Unlike "the first climber
#: to reach the top", whose noun does what its infinitive says.
COMPLEMENT_NOUNS = frozenset("""ability agreement approval attempt authority bid call campaign capacity chance
commitment consent courage deal decision demand desire determination effort failure freedom go-ahead idea incentive
initiative instruction intention invitation licence license mandate motion move necessity need obligation offer
opportunity order permission plan pledge power pressure promise proposal push readiness reason recommendation
refusal request resolve right scheme strategy suggestion temptation tendency threat time urge vote warning way
willingness wish""".split())
#: Verbs whose subject is the one who has the complement noun they take ("has the right to", "made the decision to",
#: "seized the chance to").
HOLDING_VERBS = frozenset({"have", "make", "get", "gain", "seize", "lose", "miss", "exercise", "use", "reach",
                           "announce", "take"})


@dataclass(frozen=True)
class Clause:
    """One verb and what it says about its subjects.

    ``chain`` is the verb followed by its complement chain; a predicate adjective in the chain ("ready") sits
    between the verb and its complement. ``penalty`` grows as the subject gets more indirect (inherited through
    coordination, a participle, a relative clause).
    """

    verb: Token
    chain: tuple[Token, ...]
    subjects: tuple[Token, ...]
    penalty: float
    passive: bool
    relative_object: Token | None = None

    @property
    def last(self) -> Token:
        return self.chain[-1]


def find_clauses(sent: Span) -> Iterator[Clause]:
    """Every clause of ``sent`` that has a subject, in sentence order.

    A to-complement of a verb with its own subject is part of that verb's chain, not a clause of its own.
    """
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ in {"aux", "auxpass", "amod"}:
            continue
        if _in_chain(verb):
            continue
        subjects, penalty = subjects_of(verb)
        if not subjects:
            continue
        relative_object = None
        if verb.dep_ == "relcl":
            own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            if own and own[0].lower_ not in RELATIVE and not _possessive_relative(verb):
                relative_object = verb.head
        yield Clause(verb, _chain(verb), tuple(subjects), penalty, is_passive(verb), relative_object)


def _possessive_relative(verb: Token) -> bool:
    """True for a relative clause whose relative pronoun is the possessive "whose" of one of its own nouns ("Mensah,
    whose son died", "the man whose car police seized", "in whose house"): the clause has no gap, and the noun it
    modifies is the possessor, no argument of the verb."""
    nouns = [c for c in verb.children if c.dep_ in SUBJECT_DEPS or c.dep_ in {"dobj", "attr", "dative"}]
    nouns += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(g.lower_ == "whose" for n in nouns for g in n.children)


def subjects_of(verb: Token) -> tuple[list[Token], float]:
    """(subject heads, confidence penalty): the verb's own subjects split on coordination, or inherited ones.

    A relative pronoun subject stands for the noun the clause modifies; a participle ("damaged by shelling",
    "while pressing his advantage") takes its head noun or its head verb's subject.
    """
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not own:  # the parser sometimes hangs the subject on the auxiliary ("Europe is committed")
        own = [g for a in verb.children if a.dep_ in {"aux", "auxpass"} for g in a.children if g.dep_ in SUBJECT_DEPS]
    if verb.dep_ == "relcl":
        if own and own[0].lower_ in RELATIVE:
            return [verb.head], 0.05
        if own:
            return own, 0.05
        return [verb.head], 0.1
    if own:
        return split_conjuncts(own[0]), 0.0
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        reporter = _reporter_outside(verb)
        subs, pen = subjects_of(reporter if reporter is not None else verb.head)
        return subs, pen + (0.1 if reporter is not None else 0.05)
    if verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.lemma_.lower() in COMPLEMENT_NOUNS \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _complement_subjects(verb.head)
    if verb.dep_ == "acl" or _noun_conjunct(verb):
        return [verb.head], 0.1
    if verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN"} and verb.head.pos_ in {"VERB", "AUX"}:
        subs, pen = subjects_of(verb.head)
        return subs, pen + 0.15
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in _SUBJECT_SHARING_PREPOSITIONS \
            and verb.head.head.pos_ in {"VERB", "AUX"}:  # "died after falling": who fell is who died
        subs, pen = subjects_of(verb.head.head)
        return subs, pen + 0.15
    if verb.dep_ in {"pcomp", "pobj"} and verb.tag_ == "VBG" and verb.head.lower_ == "for" \
            and verb.head.head.pos_ in {"VERB", "AUX"} and is_passive(verb.head.head):
        subs, pen = subjects_of(verb.head.head)  # "was arrested for speeding": who sped is who was arrested
        return subs, pen + 0.15
    if verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX", "ADJ"}:
        head = verb.head.head if verb.head.pos_ == "ADJ" else verb.head
        subs, pen = subjects_of(head)
        return subs, pen + 0.1
    return [], 0.0


def relative_preposition(verb: Token) -> Token | None:
    """The preposition a relative clause's verb takes its relative pronoun with ("the deal on which they agreed"
    → "on"), else None."""
    for child in verb.children:
        if child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in {"which", "whom"} for g in child.children):
            return child
    return None


def _complement_subjects(noun: Token) -> tuple[list[Token], float]:
    """Who does what a complement noun's to-infinitive says (``COMPLEMENT_NOUNS``): the noun's possessor ("Putin's
    idea to hold"), the one it is given to ("gave Ukraine the opportunity to"), or the subject of a verb of having
    or making it ("Russia has the right to"); else nobody."""
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if possessors:
        return split_conjuncts(possessors[0]), 0.15
    if noun.dep_ == "dobj":
        recipients = [c for c in noun.head.children if c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN", "PRON"}]
        if recipients:
            return split_conjuncts(recipients[0]), 0.15
        if noun.head.lemma_.lower() in HOLDING_VERBS and not any(
                c.dep_ == "prep" for c in noun.head.children if c.i < noun.i):  # not "take into account the need"
            subs, pen = subjects_of(noun.head)
            return subs, pen + 0.15
    return [], 0.0


def _reporter_outside(verb: Token) -> Token | None:
    """The speech verb outside a quotation whose quoted clause ``verb`` is coordinated with from outside it: in
    'he said that Putin had “rejected the proposal” and accused Russia', who accused is who said, not Putin."""
    head = verb.head
    for first, last in quote_spans(verb.doc):
        if first < head.i < last < verb.i:
            outer = head
            while first <= outer.i <= last and outer.head.i != outer.i:
                outer = outer.head
            if not first <= outer.i <= last and speaking_verb(outer) and outer.i < first:
                return outer
            return None
    return None


def predicate_adjectives(verb: Token) -> list[Token]:
    """The predicate adjectives of a copula that are a state of the subject, split on coordination ("the pirates
    were Somali and Yemeni" → Somali, Yemeni): not one with a prepositional object ("aware of", a relation of
    its own; a phrase of time or place is no object: "was well equipped at the time"), nor one that governs a
    clause ("ready to sign", "clear that ...").
    """
    if verb.lemma_.lower() not in COPULAS:
        return []
    found = []
    for child in verb.children:
        if child.dep_ == "acomp" and child.pos_ == "ADJ" and not any(
                g.dep_ in {"xcomp", "ccomp"} or g.dep_ == "prep" and not is_circumstantial(g) for g in child.children):
            found += [child] + [c for c in child.conjuncts if c.i > child.i and c.pos_ == "ADJ"]
    return found


#: Adjectives before a noun that do not say what the noun's referent is: of time, belief, rank, role or degree
#: ("a former champion", "an alleged killer", "a key witness", "a big fan" of someone who is not big, "a heavy
#: favourite", "an inside source", "a senior official").
NON_STATE_ADJECTIVES = frozenset("""former late alleged suspected presumed reported apparent possible potential
probable likely would-be so-called future then current previous next last first only sole mere main key chief
principal major minor top big huge great good close real true total complete whole entire same other own fellow
longtime long-time old new certain particular various such early heavy leading favorite favourite senior junior
inside secret special different vice deputy acting assistant associate underwater upper high further single
similar recent full""".split())
#: Endings of relational adjectives, which say what kind of thing the noun is, not a state of it ("a presidential
#: candidate", "a federal agent", "a social drinker", "a democratic step", "a secondary school").
RELATIONAL_ENDINGS = ("al", "ic", "ary", "ory", "ian")


def described_states(verb: Token) -> list[Token]:
    """The adjectives before a copula's indefinite predicate noun that are states of the subject as well: "X was
    an inexperienced climber" says X was inexperienced, as "X was inexperienced" does. Not an adjective of time,
    belief, rank, role or degree (``NON_STATE_ADJECTIVES``: "a former champion", "a big fan"), a relational one
    (``RELATIONAL_ENDINGS``: "a presidential candidate"), a capitalised one (a nationality or a party: "an
    American icon", told by the entity it names), an ordinal ("a third official"), a comparative or a
    superlative, nor one after a definite or negative determiner ("the main suspect", "no experienced climber").

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words="He was an inexperienced presidential candidate".split(),
    ...           pos=["PRON", "AUX", "DET", "ADJ", "ADJ", "NOUN"], lemmas=["he", "be", "an", "inexperienced",
    ...           "presidential", "candidate"], heads=[1, 1, 5, 5, 5, 1], deps=["nsubj", "ROOT", "det", "amod",
    ...           "amod", "attr"])
    >>> [a.text for a in described_states(doc[1])]
    ['inexperienced']
    """
    if verb.lemma_.lower() not in COPULAS:
        return []
    found = []
    for noun in verb.children:
        if noun.dep_ == "attr" and noun.pos_ == "NOUN" \
                and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in noun.children):
            found += [a for a in noun.children if a.dep_ == "amod" and a.pos_ == "ADJ" and a.i < noun.i
                      and a.tag_ not in {"JJR", "JJS"} and a.text.islower() and not a.like_num
                      and a.lower_ not in NON_STATE_ADJECTIVES
                      and not a.lower_.endswith(RELATIONAL_ENDINGS)]
    return found


def is_event_predicate(token: Token, verb: Token) -> bool:
    """True when ``token`` is the predicate adjective or noun of the copula ``verb`` and names an event: the state
    or thing the subject is, is that event ("was dead": a death; "the deaths were a reminder": a reminding)."""
    return token.head.i == verb.i and token.dep_ in {"acomp", "attr"} and verb.lemma_.lower() in COPULAS \
        and event_verb(token.lemma_.lower(), "ADJ" if token.pos_ == "ADJ" else "NOUN") is not None


def completing_phrase(verb: Token) -> tuple[Token, str] | None:
    """The complement that makes one curated phrase with ``verb`` although the verb's object stands between them,
    as (the complement's head, the phrase): a prepositional phrase ("took 23 pirates into custody", "were taken
    into custody", "took the company to court"), a predicate word ("set the hostages free") or an adverb ("take
    the allegations seriously"); else None. The complement is then part of the predicate, not an object of its own.
    """
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    phrase = phrasal_verb(lemma, complement=f"{child.lower_} {obj.lemma_.lower()}")
                    if phrase is not None:
                        return obj, phrase
        elif ((child.dep_ in {"oprd", "acomp"} and child.pos_ in {"ADJ", "NOUN"} or child.dep_ == "dobj"
               and child.pos_ == "ADJ") and not list(child.children)  # the parser makes "free" an object too
              or child.dep_ == "advmod" and child.pos_ == "ADV"
              and all(c.dep_ == "advmod" for c in child.children)):  # "take these issues very seriously"
            phrase = phrasal_verb(lemma, complement=child.lower_)
            if phrase is not None:
                return child, phrase
    return None


def split_conjuncts(token: Token) -> list[Token]:
    """The token and the nominal conjuncts after it ("Putin and Zelenskyy" → both)."""
    return [token] + [c for c in token.conjuncts if c.i > token.i and c.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]


def appositions(sent: Span) -> Iterator[tuple[Token, Token]]:
    """(noun, apposition) pairs: "Zelenskyy, Ukraine's president" → (Zelenskyy, president)."""
    for token in sent:
        if token.dep_ == "appos" and token.head.pos_ in {"PROPN", "NOUN"}:
            yield token.head, token


def antecedent(pronoun: Token) -> list[Token]:
    """For a personal-pronoun subject, the nearest earlier noun subject in its sentence (a cheap guess)."""
    if pronoun.lower_ not in {"he", "she", "it", "they"}:
        return []
    for token in reversed(pronoun.sent[: pronoun.i - pronoun.sent.start]):
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"NOUN", "PROPN"}:
            return [token]
    return []


def _in_chain(verb: Token) -> bool:
    """True when ``verb`` continues the chain of a verb that heads a clause ("declined to commit")."""
    if verb.dep_ != "xcomp" or not _to_complement(verb):
        return False
    head = verb.head
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head
    return head.pos_ in {"VERB", "AUX"} and head.dep_ not in {"aux", "auxpass", "amod"} and bool(subjects_of(head)[0])


def _to_complement(verb: Token) -> bool:
    return verb.pos_ in {"VERB", "AUX"} and any(c.dep_ == "aux" for c in verb.children)


def _misparsed_complement(verb: Token) -> bool:
    """True for a to-infinitive the parser hung on the verb before it as an adverbial clause although it is that
    verb's complement: straight after it ("climbers needed to use caution"), with no subject or conjunction of its
    own ("in order to", "so as to"), under a verb with no object or predicate of its own (after one it is a
    purpose: "sent troops to secure the border")."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VB" or head.pos_ != "VERB" or verb.i != head.i + 2:
        return False
    to = verb.doc[head.i + 1]
    return to.lower_ == "to" and to.dep_ == "aux" and to.head.i == verb.i \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in verb.children) \
        and not any(c.dep_ in {"dobj", "attr", "acomp", "oprd", "ccomp", "xcomp"} for c in head.children)


def _chain(verb: Token) -> tuple[Token, ...]:
    chain = [verb]
    while True:
        last = chain[-1]
        nxt = [c for c in last.children if c.dep_ == "xcomp" and _to_complement(c) or _misparsed_complement(c)]
        if nxt:
            chain.append(nxt[0])
            continue
        ready = [(a, x) for a in last.children if a.dep_ == "acomp" and a.pos_ == "ADJ"
                 for x in a.children if x.dep_ == "xcomp" and _to_complement(x)]
        if not ready:
            return tuple(chain)
        chain.extend(ready[0])


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice: it has a passive subject or auxiliary, or it is a past participle
    with neither auxiliary nor subject of its own that modifies a noun ("infrastructure damaged by shelling"),
    opens an adverbial clause ("Arrested by police, he was booked …") or was coordinated with a noun by the
    parser; not "no sign that Putin had abandoned …"."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return True
    participle = verb.dep_ in {"acl", "advcl"} or _noun_conjunct(verb)
    return participle and verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children)


def _noun_conjunct(verb: Token) -> bool:
    """A participle the parser coordinated with a noun ("Jane Smith, originally from Leeds, but living in
    Bristol"): it modifies that noun."""
    return verb.dep_ == "conj" and verb.tag_ in {"VBG", "VBN"} and verb.head.pos_ in {"NOUN", "PROPN"}
