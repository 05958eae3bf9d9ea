"""Who a clause is attributed to: the speaker of reported speech ("the Kremlin said (that) …", "according to X",
"…, the Kremlin said"), and the parts of a speaker phrase (a representative and whom they speak for)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.ingest.columns import doc_table
from newsgraph.ingest.qualifier_words import REPRESENTATIVE_NOUNS, SPEECH_VERBS
from newsgraph.ingest.qualifiers import denier, verb_lemma
from newsgraph.ingest.words import Word, words

__all__ = ["Speaker", "speaker_of", "speaker_phrase", "speaking_subject", "speaking_verb"]


def speaker_of(verb: Token) -> Token | None:
    """The token that reports the clause headed by ``verb``: "the Kremlin said (that) ...", "according to X",
    "..., the Kremlin said." (parataxis), or ``None`` when the clause is not reported speech.

    The clause may sit anywhere inside the report: in a coordinate, an adverbial or a complement, but also in a
    relative clause or a prepositional phrase of it ("police said he was stopped after failing a test"); it is
    not reported when it sits in the speaker's own phrase ("the man who fell said …" does not report the fall).
    A report in a relative clause names its speaker by the noun the clause hangs on ("Gaskin, who said …"), one
    in a participle by its head's subject ("the navy defended its actions, saying …", "he was quoted as
    saying …"). A clause a rebuttal denies is the denier's ("Hill rejected allegations that Acme bribed him",
    "Acme disputed that it owed the money": ``qualifiers.denier``).

    Returns the head noun of the speaker phrase ("Kremlin", "statement", "spokesman"); the caller decides whether
    it is an entity (``speaker_phrase`` splits a representative from whom they speak for).
    """
    memo = doc_table(verb.doc).memo("speaker_of")  # token → its speaker's index, or -1 for none
    visited: list[int] = []
    found = _walk_to_speaker(verb, memo, visited)
    index = -1 if found is None else found if isinstance(found, int) else found.i
    for i in visited:  # a clause that reports nothing itself has the speaker of the clause it sits in
        memo[i] = index
    if index < 0:
        return None
    return words(verb.doc)[index] if isinstance(verb, Word) else verb.doc[index]


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
        denying = denier(head) if head.dep_ in {"ccomp", "acl"} else None
        if denying is not None and verb_lemma(denying) not in SPEECH_VERBS:
            subject = _reporter(denying)  # "Hill rejected allegations that Acme bribed him": Hill says it did not
            if subject is not None:
                return subject
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
