"""How a clause is qualified: negated, hedged, conditional (who it is attributed to is
``newsgraph.ingest.reported_speech``).

The word lists are in ``newsgraph.ingest.qualifier_words``.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.ingest.qualifier_words import (
    BACKSHIFTED_MODALS,
    CONDITION_NOUNS,
    CONDITIONAL_MARKS,
    COPULA_VERBS,
    DENIAL_VERBS,
    DOUBT_VERBS,
    EARLIER_ADVERBS,
    EARLIER_MODIFIERS,
    EPISTEMIC_VERBS,
    ERROR_ADVERBS,
    EVIDENTIAL_PASSIVES,
    HEDGE_ADJECTIVES,
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    HEDGE_NOUN_MODIFIERS,
    HEDGE_VERBS,
    IMPRESSION_VERBS,
    INABILITY_ADJECTIVES,
    LEMMA_FIXES,
    LIKENESS_MARKS,
    MISREPORT_VERBS,
    NEG_RAISING_VERBS,
    NEGATIVE_DETERMINERS,
    NEGATIVE_PRONOUNS,
    NEGATORS,
    NOT_ONLY,
    QUESTION_HEADS,
    QUESTION_MARKS,
    RAISING_VERBS,
    REBUTTAL_VERBS,
    REPORT_NOUNS,
    SPEECH_VERBS,
    TEXT_NOUNS,
    VERSION_NOUNS,
)

__all__ = ["CONDITIONAL_MARKS", "HEDGE_ADVERBS", "HEDGE_MODALS", "HEDGE_VERBS", "NEGATORS", "SPEECH_VERBS",
           "denier", "is_conditional", "is_hedged", "is_negated", "noun_qualifiers",
           "reported_noun", "retracts", "verb_lemma"]



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
    charges will be filed") and doubt ("doubts it will hold"); a denial of the clause ("Acme denied (that) it
    bribed him", "rejected allegations that Acme bribed him": ``denier``), unless the denial is negated itself ("did
    not deny that …" asserts nothing: hedged, see ``is_hedged``). Two of them cancel ("not without reason"). Verbs
    negative in themselves ("refused to", "declined to", "denied firing") are not counted here: their relation
    class carries the polarity of their complement, and the graph folds it in (an event mention, which has no
    class of the chain, reads it in ``newsgraph.ingest.events``).
    """
    count = sum(1 for child in verb.children
                if (child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"}) and not _not_only(child))
    count += _complement_negations(verb)
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
    denying = denier(verb)
    if denying is not None and not is_negated(denying):
        count += 1  # "denied that it bribed him", "dismissed reports that Acme paid him"
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    count += any(_negative_phrase(s) for s in subjects)
    count += any(_negative_phrase(o) for o in objects)
    return count % 2 == 1


def _complement_negations(verb: Token) -> int:
    """Negations the parser hung on a copula's complement rather than on the copula ("Lund, not Lind, is not
    related to her": the "not" on "related"), which the predicate is built from ("be related to"); only one
    between the copula and the complement's head, so the contrast of "is Lund, not Lind" negates nothing.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words="He is not related".split(), pos=["PRON", "AUX", "PART", "VERB"],
    ...           lemmas=["he", "be", "not", "relate"], heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "neg", "acomp"])
    >>> _complement_negations(doc[1])
    1
    """
    if verb_lemma(verb) not in COPULA_VERBS:
        return 0
    return sum(1 for complement in verb.children if complement.dep_ in {"acomp", "attr"} and complement.i > verb.i
               for child in complement.children
               if verb.i < child.i < complement.i and (child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"})
               and not _not_only(child))


def _first_conjunct(verb: Token) -> Token:
    """The first of coordinated verbs, which holds the dependency they share ("denied it bribed him or paid him")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def reported_noun(verb: Token) -> Token | None:
    """The noun of what is said whose content is the clause headed by ``verb``: "allegations that Acme bribed
    him", "reports it paid him", "claims he had bribed the mayor" (a relative clause, "the claims that he made",
    is none)."""
    clause = _first_conjunct(verb)
    noun = clause.head
    if clause.dep_ not in {"acl", "ccomp"} or noun.i > clause.i or noun.pos_ != "NOUN" or not (
            noun.lemma_.lower() in REPORT_NOUNS or noun.lower_ in REPORT_NOUNS):
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.lower_ in {"that", "which", "who"} for c in clause.children):
        return None  # "the claims that were made": a relative clause
    return noun


def denier(verb: Token) -> Token | None:
    """The verb that denies the clause headed by ``verb``: a verb of denial or rebuttal whose that-clause it is
    ("Acme denied (that) it bribed him", "disputed that …"), or a rebuttal verb whose object is a report noun the
    clause is the content of ("rejected allegations that Acme bribed him", "dismissed reports that Acme paid him").
    Its subject says the clause did not happen (``newsgraph.ingest.reported_speech`` makes it the speaker)."""
    clause = _first_conjunct(verb)
    head = clause.head
    if clause.dep_ == "ccomp" and head.pos_ in {"VERB", "AUX"} and verb_lemma(head) in REBUTTAL_VERBS:
        return head
    noun = reported_noun(verb)
    if noun is not None:
        noun = _first_conjunct(noun)
        if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"} and verb_lemma(noun.head) in REBUTTAL_VERBS:
            return noun.head
    return None


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
    hedging verbs up the complement chain ("hoped to", "planned to", "expected to", "seemed to"; "appear" only where
    it tells how things look, ``_raising``: "appeared to be", "it appears", not "appeared in court"), verbs of belief
    ("didn't think charges would be filed") and evidential passives ("is said to have", "is thought to have") above
    it, a verb of belief in the passive ("is presumed dead", "feared dead"), an impression ("it looks like"),
    hedging adverbs ("reportedly", "allegedly"), probable adjectives ("is likely to"), "whether" clauses, the
    content of a report noun ("allegations that Acme bribed him": reported, not asserted; unless a rebuttal denies
    it, ``denier``: then it is negated), and what a negated denial leaves open ("did not deny that …", "did not
    deny firing him": a non-denial asserts nothing). A
    coordinated verb with no auxiliary of its own shares its head's ("would release ... and exchange"). Conditions
    ("if upheld") are ``is_conditional``, not hedges.
    """
    if verb_lemma(verb) in EPISTEMIC_VERBS and _passive(verb):
        return True
    denying = denier(verb)
    if denying is not None and is_negated(denying) or denying is None and reported_noun(verb) is not None:
        return True  # "did not deny that it bribed him", "allegations that Acme bribed him"
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
            if child.dep_ == "parataxis" and _aside_impression(child):
                return True  # "the talks, it appears, have collapsed"
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in HEDGE_MODALS:
                if child.lower_ not in BACKSHIFTED_MODALS or not _reported_in_past(token):
                    return True
            if child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                return True
            if child.dep_ == "mark" and (child.lower_ in QUESTION_MARKS or child.lower_ == "if" and _is_object(token)):
                return True  # "whether it would", "wonder if it is": an open question
        if token in chain and (_hedging_verb(token) or token.lower_ in HEDGE_ADJECTIVES):
            return True
    head = verb
    while head.dep_ in {"conj", "xcomp", "ccomp", "advcl"} and head.head.i != head.i:
        via, head = head.dep_, head.head
        if via == "conj":  # "proposed X, but the Kremlin rejected it": a coordinate is not a complement
            continue
        if _hedging_verb(head) and verb_lemma(head) not in SPEECH_VERBS or head.lower_ in HEDGE_ADJECTIVES:
            return True
        lemma = verb_lemma(head)
        if lemma in EPISTEMIC_VERBS or via == "xcomp" and lemma in EVIDENTIAL_PASSIVES and _passive(head):
            return True  # "didn't think it would", "is said to have been rescued"
        if via == "xcomp" and lemma in DENIAL_VERBS and is_negated(head):
            return True  # "did not deny firing him"
        if via == "ccomp" and retracts(head):
            return True  # "an earlier version of this article said that it killed 12": withdrawn
        if head.dep_ == "ccomp" and verb_lemma(head.head) in SPEECH_VERBS:
            break  # the report's own modality is not its content's
    return _raising(verb)


def retracts(verb: Token) -> bool:
    """True when ``verb`` tells what a correction withdraws: what "an earlier version of this article said",
    what "this story previously reported", what someone "incorrectly said" or "wrongly reported", and the object of
    "misstated", "misreported". Its content is kept as evidence but not asserted (``is_hedged``).

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words="An earlier version said it".split(), pos=["DET", "ADJ", "NOUN", "VERB",
    ...           "PRON"], lemmas=["an", "early", "version", "say", "it"], heads=[2, 2, 3, 3, 3],
    ...           deps=["det", "amod", "nsubj", "ROOT", "dobj"])
    >>> retracts(doc[3])
    True
    """
    lemma = verb_lemma(verb)
    if lemma in MISREPORT_VERBS:
        return True
    if lemma not in SPEECH_VERBS:
        return False
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    if adverbs & ERROR_ADVERBS:
        return True
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        noun = subject.lemma_.lower()
        texts = [o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                 if o.dep_ == "pobj"]
        if noun in VERSION_NOUNS and any(c.dep_ in {"amod", "advmod"} and (
                c.lower_ in EARLIER_MODIFIERS or c.lemma_.lower() in EARLIER_MODIFIERS) for c in subject.children) \
                and all(o.lemma_.lower() in TEXT_NOUNS for o in texts):
            return True  # "an earlier version of this article said"; not "an earlier version of the bill"
        if noun in TEXT_NOUNS and adverbs & EARLIER_ADVERBS and any(
                c.dep_ == "det" and c.lower_ == "this" for c in subject.children):
            return True  # "this article previously said"
    return False


def _hedging_verb(verb: Token) -> bool:
    """A verb whose complement is intended, expected or apparent: a hedging verb, or "seem"/"appear" that tells
    how things look (``_raising``)."""
    lemma = verb_lemma(verb)
    return lemma in HEDGE_VERBS or lemma in RAISING_VERBS and _raising(verb)


def _raising(verb: Token) -> bool:
    """True for "seem" and for "appear" as a raising or evidential verb, which says how things look: with a
    to-infinitive right after it ("appeared to be tired"; not "appeared in court to face charges"), an adjective
    or noun complement ("appears likely", "appeared nervous"), a that-clause ("it appears (that) …"), a likeness
    ("appeared like a ghost", "appeared as if …"), or "it" as its subject and no phrase of its own ("so it
    appears"). "appeared before the court", "appeared in court", "appeared on TV" tell an appearance: no hedge.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words="Roe appeared in court".split(), pos=["PROPN", "VERB", "ADP", "NOUN"],
    ...           lemmas=["Roe", "appear", "in", "court"], heads=[1, 1, 1, 2], deps=["nsubj", "ROOT", "prep", "pobj"])
    >>> _raising(doc[1])
    False
    """
    lemma = verb_lemma(verb)
    if lemma not in RAISING_VERBS:
        return False
    if lemma == "seem":
        return True  # it has no other use
    phrases = [c for c in verb.children if c.dep_ == "prep" and c.lower_ != "like"]
    for child in verb.children:
        if child.dep_ == "xcomp" and not any(verb.i < p.i < child.i for p in phrases):
            return True
        if child.dep_ in {"ccomp", "acomp", "oprd", "attr", "dobj"} or child.dep_ == "prep" and child.lower_ == "like":
            return True
        if child.dep_ == "advcl" and _likeness(child):
            return True
    return not phrases and any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in verb.children)


def _likeness(clause: Token) -> bool:
    """A clause that says what something looks like: "like …", "as if …", "as though …"."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return "like" in marks or "as" in marks and bool(marks & LIKENESS_MARKS)


def _aside_impression(verb: Token) -> bool:
    """ "it appears", "it seems" set in a clause as an aside ("the talks, it appears, have collapsed"): a raising
    verb with "it" as its subject and no complement of its own."""
    return verb_lemma(verb) in RAISING_VERBS and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children) \
        and not any(c.dep_ in {"xcomp", "ccomp", "acomp", "oprd", "attr", "dobj", "prep", "advcl"}
                    for c in verb.children)


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
    if token.dep_ == "dobj" and retracts(token.head):
        return True, False  # "an earlier version misstated the toll"
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
