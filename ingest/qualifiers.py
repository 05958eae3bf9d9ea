"""How a clause is qualified: negated, hedged, conditional, and who it is attributed to (reported speech).

The word lists are in ``newsgraph.ingest.qualifier_words``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.ingest.columns import doc_table
from newsgraph.ingest.qualifier_words import (
    BACKSHIFTED_MODALS,
    CONDITION_NOUNS,
    CONDITIONAL_MARKS,
    DOUBT_VERBS,
    EPISTEMIC_VERBS,
    EVIDENTIAL_PASSIVES,
    HEDGE_ADJECTIVES,
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    HEDGE_NOUN_MODIFIERS,
    HEDGE_VERBS,
    IMPRESSION_VERBS,
    INABILITY_ADJECTIVES,
    LEMMA_FIXES,
    NEG_RAISING_VERBS,
    NEGATIVE_DETERMINERS,
    NEGATIVE_PRONOUNS,
    NEGATORS,
    NOT_ONLY,
    QUESTION_HEADS,
    QUESTION_MARKS,
    REPRESENTATIVE_NOUNS,
    SPEECH_VERBS,
)

__all__ = ["CONDITIONAL_MARKS", "HEDGE_ADVERBS", "HEDGE_MODALS", "HEDGE_VERBS", "NEGATORS", "SPEECH_VERBS",
           "Speaker", "is_conditional", "is_hedged", "is_negated", "noun_qualifiers", "speaker_of", "speaker_phrase",
           "speaking_subject", "speaking_verb", "verb_lemma"]



def verb_lemma(verb: Token) -> str:
    """The verb's lemma, corrected where the small model is known to be wrong.

    >>> from spacy.lang.en import English
    >>> doc = English()("hoped")
    >>> doc[0].lemma_ = "hop"
    >>> verb_lemma(doc[0])
    'hope'
    """
    return LEMMA_FIXES.get(verb.lower_, verb.lemma_.lower())


def is_negated(verb: Token, objects: tuple[Token, ...] = ()) -> bool:
    """True when the clause of ``verb`` is negated, an odd number of negations counted.

    Negations: "not", "n't", "never" on the verb (but not the "not" of "not only … but also"); a negative subject
    ("no one", "nobody", "neither X nor Y mentioned …"); a negative object ("gave no indication", "said nothing",
    "mentioned neither X nor Y"); the noun a clause complements ("no indication that …"); "without" ("left
    without paying"); inability ("unable to reach"); a negated belief read in what is believed ("don't think
    charges will be filed") and doubt ("doubts it will hold"). Two of them cancel ("not without reason"). Verbs
    negative in themselves ("refused to", "declined to") are not counted here: their relation class carries the
    polarity, and the graph folds it in.
    """
    count = sum(1 for child in verb.children
                if (child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"}) and not _not_only(child))
    if verb.dep_ in {"acl", "ccomp"} and any(c.dep_ == "det" and c.lower_ == "no" for c in verb.head.children):
        count += 1  # "no indication that Putin had abandoned …"
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        count += 1
    if verb.dep_ == "xcomp" and verb.head.lower_ in INABILITY_ADJECTIVES:
        count += 1  # "were unable to reach him"
    believer = verb_lemma(verb.head)
    if verb.dep_ == "ccomp" and (believer in DOUBT_VERBS or believer in NEG_RAISING_VERBS and any(
            (c.dep_ == "neg" or c.lower_ in {"not", "n't", "never"}) and not _not_only(c) for c in verb.head.children)):
        count += 1  # "doubts it will hold", "I don't think charges will be filed"
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    count += any(_negative_phrase(s) for s in subjects)
    count += any(_negative_phrase(o) for o in objects)
    return count % 2 == 1


def _not_only(token: Token) -> bool:
    """True for the "not" of "not only …", "wasn't just …": a correlative or a "more than", no negation."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ in {"not", "n't"} and following is not None and following.lower_ in NOT_ONLY


def _negative_phrase(noun: Token) -> bool:
    """ "no one", "nobody", "no indication", "neither X nor Y" (for X and for Y)."""
    while True:
        if noun.lower_ in NEGATIVE_PRONOUNS or (noun.lower_ == "one" and noun.i > 0 and noun.nbor(-1).lower_ == "no"):
            return True
        if any(c.dep_ in {"det", "preconj"} and c.lower_ in NEGATIVE_DETERMINERS for c in noun.children):
            return True
        if noun.dep_ != "conj" or noun.head.i == noun.i:
            return False
        noun = noun.head  # "neither X nor Y": the "neither" hangs on X


def is_hedged(verb: Token, chain: tuple[Token, ...] = ()) -> bool:
    """True when the clause is possible, intended, expected or apparent rather than stated.

    Hedges: modals ("may", "might", "could", "should"; "would" except as the past of "will" in reported speech),
    hedging verbs up the complement chain ("hoped to", "planned to", "expected to", "seemed to"), verbs of belief
    ("didn't think charges would be filed") and evidential passives ("is said to have", "is thought to have") above
    it, a verb of belief in the passive ("is presumed dead", "feared dead"), an impression ("it looks like"),
    hedging adverbs ("reportedly", "allegedly"), probable adjectives ("is likely to"), and "whether" clauses. A
    coordinated verb with no auxiliary of its own shares its head's ("would release ... and exchange"). Conditions
    ("if upheld") are ``is_conditional``, not hedges.
    """
    if verb_lemma(verb) in EPISTEMIC_VERBS and _passive(verb):
        return True
    if verb_lemma(verb) in IMPRESSION_VERBS and any(c.dep_ in {"prep", "mark"} and c.lower_ in {"like", "though"}
                                                 or c.dep_ == "advcl" and any(m.lower_ in {"like", "if", "though"}
                                                                              for m in c.children if m.dep_ == "mark")
                                                 for c in verb.children):
        return True
    shared: tuple[Token, ...] = ()
    if verb.dep_ == "conj" and not any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in verb.children):
        shared = (verb.head,)
    for token in (verb, *chain, *shared):
        for child in token.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in HEDGE_MODALS:
                if child.lower_ not in BACKSHIFTED_MODALS or not _reported_in_past(token):
                    return True
            if child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                return True
            if child.dep_ == "mark" and (child.lower_ in QUESTION_MARKS or child.lower_ == "if" and _is_object(token)):
                return True  # "whether it would", "wonder if it is": an open question
        if token in chain and (verb_lemma(token) in HEDGE_VERBS or token.lower_ in HEDGE_ADJECTIVES):
            return True
    head = verb
    while head.dep_ in {"conj", "xcomp", "ccomp", "advcl"} and head.head.i != head.i:
        via, head = head.dep_, head.head
        if via == "conj":  # "proposed X, but the Kremlin rejected it": a coordinate is not a complement
            continue
        if verb_lemma(head) in HEDGE_VERBS and verb_lemma(head) not in SPEECH_VERBS or head.lower_ in HEDGE_ADJECTIVES:
            return True
        lemma = verb_lemma(head)
        if lemma in EPISTEMIC_VERBS or via == "xcomp" and lemma in EVIDENTIAL_PASSIVES and _passive(head):
            return True  # "didn't think it would", "is said to have been rescued"
        if head.dep_ == "ccomp" and verb_lemma(head.head) in SPEECH_VERBS:
            break  # the report's own modality is not its content's
    return verb_lemma(verb) in {"seem", "appear"}


def _passive(verb: Token) -> bool:
    """ "is presumed", "were said to", and a participle standing for a passive clause ("a doctor feared dead")."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
        verb.tag_ in {"VBN", "VBD"} and verb.dep_ in {"acl", "amod"})  # the model tags some such participles VBD


def _reported_in_past(verb: Token) -> bool:
    """True when ``verb``'s clause is reported by a past-tense speech verb ("she said she would appeal"), where
    "would" is the past of "will"."""
    head = verb
    while head.head.i != head.i:
        if any(c.dep_ in {"parataxis", "dep"} and verb_lemma(c) in SPEECH_VERBS and c.tag_ in {"VBD", "VBN"}
               for c in head.children):
            return True
        if head.dep_ == "ccomp" and verb_lemma(head.head) in SPEECH_VERBS:
            return head.head.tag_ in {"VBD", "VBN"}
        if head.dep_ not in {"conj", "xcomp", "ccomp", "advcl"}:
            return False
        head = head.head
    return any(c.dep_ in {"parataxis", "dep"} and verb_lemma(c) in SPEECH_VERBS and c.tag_ in {"VBD", "VBN"}
               for c in head.children)


def is_conditional(verb: Token, chain: tuple[Token, ...] = ()) -> bool:
    """True when the clause holds only under a condition: it has one ("would resign if upheld", "will sign unless
    …", "in the event they are, I will …") or it is one ("if the ruling is upheld"), on the verb, its chain, or the
    clause it is part of."""
    shared: tuple[Token, ...] = (verb.head,) if verb.dep_ == "conj" else ()
    for token in (verb, *chain, *shared):
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS and not _is_object(token):
                return True
            if child.dep_ == "prep" and child.lower_ == "in" and any(_condition_noun(n) for n in child.children):
                return True  # "in case it fails, …"
            if child.dep_ in {"advcl", "ccomp"} and any(
                    g.dep_ == "prep" and g.lower_ == "in" and g.i < child.i
                    and any(_condition_noun(n, own_clause=False) for n in g.children) for g in child.children):
                return True  # "in the event they are, I …": the parser hangs "in the event" on the condition
            if child.dep_ == "advcl" and not _is_object(child) and any(
                    m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children):
                return True
    head = verb
    while head.dep_ in {"conj", "xcomp"} and head.head.i != head.i:
        head = head.head
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in head.children) and not _is_object(head):
            return True
    return False


def noun_qualifiers(noun: Token) -> tuple[bool, bool]:
    """(hedged, conditional) of an event noun: a hedging modifier ("a possible strike", "the alleged assault"), or
    the qualifiers of the clause it is a core argument of ("may face charges", "plans to hold talks", "will call an
    election if …"); a noun in a prepositional phrase ("after the talks") takes nothing from its clause.
    """
    if any(c.dep_ == "amod" and c.lower_ in HEDGE_NOUN_MODIFIERS for c in noun.children):
        return True, False
    token = noun
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ not in {"dobj", "nsubj", "nsubjpass", "attr"} or token.head.pos_ not in {"VERB", "AUX"}:
        return False, False
    return is_hedged(token.head), is_conditional(token.head)


def _condition_noun(noun: Token, *, own_clause: bool = True) -> bool:
    """The "event" of "in the event (that) …" and the "case" of "in case …": a noun with no determiner but "the"
    ("in this case" is no condition) and, unless the parser hung the phrase on the clause itself (``own_clause``
    False), a clause of its own."""
    determiners = {c.lower_ for c in noun.children if c.dep_ == "det"}
    return (noun.dep_ == "pobj" and noun.lower_ in CONDITION_NOUNS and determiners <= {"the"}
            and (not own_clause or any(c.dep_ in {"acl", "relcl", "ccomp", "advcl"} for c in noun.children)))


def _is_object(clause: Token) -> bool:
    """True for a clause that is the object of its verb or of a word of asking or knowing ("wonder if it is",
    "asked if he would", "unknown if he escaped"): its "if" asks, it sets no condition."""
    if clause.dep_ == "ccomp":
        return True
    head = clause.head
    return clause.dep_ == "advcl" and (verb_lemma(head) in QUESTION_HEADS or any(
        c.dep_ == "acomp" and c.lower_ in QUESTION_HEADS for c in head.children))  # "it is unknown if …"


def speaker_of(verb: Token) -> Token | None:
    """The token that reports the clause headed by ``verb``: "the Kremlin said (that) ...", "according to X",
    "..., the Kremlin said." (parataxis), or ``None`` when the clause is not reported speech.

    The clause may sit anywhere inside the report: in a coordinate, an adverbial or a complement, but also in a
    relative clause or a prepositional phrase of it ("police said he was stopped after failing a test"); it is
    not reported when it sits in the speaker's own phrase ("the man who fell said …" does not report the fall).
    A report in a relative clause names its speaker by the noun the clause hangs on ("Gaskin, who said …"), one
    in a participle by its head's subject ("the navy defended its actions, saying …", "he was quoted as
    saying …").

    Returns the head noun of the speaker phrase ("Kremlin", "statement", "spokesman"); the caller decides whether
    it is an entity (``speaker_phrase`` splits a representative from whom they speak for).
    """
    memo = doc_table(verb.doc).memo("speaker_of")  # token → its speaker's index, or -1 for none
    visited: list[int] = []
    found = _walk_to_speaker(verb, memo, visited)
    index = -1 if found is None else found.i if isinstance(found, Token) else found
    for i in visited:  # a clause that reports nothing itself has the speaker of the clause it sits in
        memo[i] = index
    return None if index < 0 else verb.doc[index]


def _walk_to_speaker(verb: Token, memo: dict[int, int], visited: list[int]) -> Token | int | None:
    """``speaker_of``'s walk up from ``verb``, the heads it passes in ``visited``; a head whose speaker is in
    ``memo`` ends it (that index returned)."""
    head: Token | None = verb
    while head is not None:
        if head.i in memo:
            return memo[head.i]
        visited.append(head.i)
        for child in head.children:
            if child.lower_ == "according":
                for to in child.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return obj
            if child.dep_ in {"parataxis", "dep"} and verb_lemma(child) in SPEECH_VERBS:
                subject = _subject(child) or _inverted_subject(child)
                if subject is not None:
                    return subject
        parent = head.head
        if parent.i == head.i:
            return None
        if verb_lemma(parent) in SPEECH_VERBS and parent.pos_ in {"VERB", "AUX"}:
            if head.dep_ in _SUBJECT_DEPS:
                return None  # the speaker's own phrase
            if head.dep_ == "ccomp" or head.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in head.children):  # "said only that …"
                subject = _reporter(parent)
                if subject is not None:
                    return subject
                # "It was emphasised that …, the Kremlin said": an impersonal report; look further out
        head = parent
    return None


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_RELATIVE_SUBJECTS = frozenset({"who", "which", "that"})


def _reporter(verb: Token) -> Token | None:
    """Who reports through the speech verb ``verb``: its active subject (the relative clause's noun for "who"),
    the subject of the clause a participle hangs on ("…, saying", "was quoted as saying"), or None."""
    subject = _subject(verb)
    if subject is not None:
        if subject.dep_ == "nsubjpass":
            return None
        if subject.lower_ in _RELATIVE_SUBJECTS and verb.dep_ == "relcl":
            return verb.head  # "Gaskin, who said …"
        return subject
    if verb.tag_ != "VBG":
        return None
    owner = verb.head
    if verb.dep_ == "pcomp" and owner.lower_ == "as" and owner.head.pos_ in {"VERB", "AUX"}:
        owner = owner.head  # "he was quoted as saying"
        return next((c for c in owner.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if verb.dep_ == "advcl" and owner.pos_ in {"VERB", "AUX"}:
        found = _subject(owner)  # "the navy defended its actions, saying …"
        return found if found is not None and found.dep_ == "nsubj" else None
    if verb.dep_ == "acl" and owner.pos_ in {"NOUN", "PROPN"}:
        return owner  # "a statement saying …": the caller finds who issued it
    return None


@dataclass(frozen=True)
class Speaker:
    """A speaker phrase split into who speaks and for whom.

    ``person`` is the token naming who speaks (the head itself, or a representative's name: "her rep Jack
    Ketsoyan" → "Ketsoyan"), or None for an unnamed representative ("a spokesman for the ministry");
    ``principals`` the tokens that may name whom a representative speaks for, best first ("her", "ministry");
    ``text`` the phrase as written ("her rep Jack Ketsoyan").
    """

    person: Token | None
    principals: tuple[Token, ...]
    text: str


def speaker_phrase(head: Token) -> Speaker:
    """Split the speaker phrase headed by ``head`` (``speaker_of``) into who speaks and whom they represent.

    "her rep said" → no named person, principal "her"; "her rep Jack Ketsoyan said" / "Kremlin spokesman Dmitry
    Peskov said" → person "Ketsoyan"/"Peskov", principal "her"/"Kremlin"; "a spokesman for the ministry" →
    principal "ministry"; "Nirad Sinha, a navy spokesman" → person "Sinha", principal "navy"; anything else →
    the head is the person and there is no principal.
    """
    rep = _representative_noun(head)
    start = head.left_edge.i
    while start < head.i and head.doc[start].is_punct:
        start += 1
    if rep is None:
        return Speaker(head, (), head.doc[start:head.i + 1].text)
    if rep is head:
        named = [c for c in head.children if c.dep_ in {"appos", "npadvmod"} and c.pos_ == "PROPN"]
        person = named[0] if named else None
        end = person.i + 1 if person is not None else head.i + 1
        end = max([end] + [prep.right_edge.i + 1 for prep in head.children
                           if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "to"}])
    else:
        person = head
        end = max(head.i, rep.i) + 1
    principals = [c for c in rep.children if c.dep_ == "poss"]
    principals += [obj for prep in rep.children if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "to"}
                   for obj in prep.children if obj.dep_ == "pobj"]
    principals += [c for c in rep.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < rep.i]
    if rep is not head:  # "Kremlin spokesman Dmitry Peskov": the organisation may hang on the name
        principals += [c for c in head.children if c.dep_ in {"compound", "nmod", "poss"} and c.i < rep.i]
    return Speaker(person, tuple(principals), head.doc[min(start, rep.left_edge.i):end].text)


def _representative_noun(head: Token) -> Token | None:
    """The noun that makes ``head``'s phrase a representative's: the head itself ("spokesman") or a title or
    apposition of the named head ("rep Jack Ketsoyan", "Sinha, a navy spokesman")."""
    if head.pos_ in {"NOUN", "PROPN"} and _is_representative(head):
        return head
    for child in head.children:
        if child.dep_ in {"compound", "appos", "nmod"} and _is_representative(child):
            return child
    if head.dep_ == "appos" and _is_representative(head.head):
        return head.head
    return None


def _is_representative(token: Token) -> bool:
    word = token.lower_
    if word in {"secretary", "secretaries"}:  # "press secretary", not "Secretary of State"
        return any(c.dep_ == "compound" and c.lower_ == "press" for c in token.children)
    return word in REPRESENTATIVE_NOUNS or token.lemma_.lower() in REPRESENTATIVE_NOUNS


def speaking_verb(token: Token) -> bool:
    """True for a verb of saying ("said", "told", "added")."""
    return token.pos_ in {"VERB", "AUX"} and verb_lemma(token) in SPEECH_VERBS


def speaking_subject(verb: Token) -> Token | None:
    """Who speaks in a speech verb's clause: its subject, or the speaker after it ("…, added the Kremlin")."""
    return _subject(verb) or _inverted_subject(verb)


def _inverted_subject(verb: Token) -> Token | None:
    """ "…, added the Kremlin": the parser often takes the speaker after the verb for its object."""
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and child.i > verb.i and child.pos_ == "PROPN":
            return child
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``: the nearest when the parser gave it two ("…, two countries near it, Sinha said"),
    inherited from the verb it is coordinated with, or, for a speech verb left without one, the noun phrase just
    before it after a comma ("…, the Highway Patrol said", where the parser took the speaker for an apposition)."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if verb.dep_ == "conj":
        return _subject(verb.head)
    if verb_lemma(verb) in SPEECH_VERBS:
        return _stranded_subject(verb)
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """The noun right before a speech verb with no subject, when its phrase follows a comma and hangs on a word
    before it ("…on a freeway outside San Diego, the California Highway Patrol said.")."""
    if verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.head.i >= noun.i or noun.dep_ not in {"appos", "conj", "npadvmod"}:
        return None
    start = noun.left_edge.i
    return noun if start > 0 and verb.doc[start - 1].text == "," else None
