"""Who a speaker phrase that names no one stands for: a pronoun ("he said", "it said", "they said") or a document
("the statement said", "the release added"). News writes a run of reports by one speaker with a pronoun or the
document after the first: "he" is the last person reported speaking before it (of the pronoun's sex, when the
earlier phrase says it), "it" the last body (an organisation, a country, an institution), "the statement" whoever
the article says issued it ("X said in a statement", "X issued a statement", "a statement from X"), else the last
body reported speaking."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from newsgraph.ingest.qualifier_words import DOCUMENT_NOUNS, INSTITUTION_NOUNS, PERSON_NOUNS, REPRESENTATIVE_NOUNS
from newsgraph.ingest.quotes import inside_quote, quote_spans
from newsgraph.ingest.reported_speech import speaking_subject, speaking_verb

__all__ = ["speaker_antecedent"]

#: How many sentences before a pronoun or document speaker its antecedent may be.
WINDOW = 4
_SEX = {"he": "m", "she": "f"}
_FEMALE = frozenset("she her spokeswoman woman mrs ms miss mother wife daughter sister actress chairwoman".split())
_MALE = frozenset("he him spokesman man mr father husband son brother chairman".split())
_BODY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_PRONOUNS = frozenset({"he", "she", "it", "they"})


def speaker_antecedent(speaker: Token) -> Token | None:
    """The earlier speaker that ``speaker`` stands for, or None when it names someone itself or nothing fits.

    A personal pronoun takes the nearest earlier speaker that agrees with it (``he``/``she``: a person of no other
    sex; ``it``: a body; ``they``: a body or a plural), in its sentence before it or in the ``WINDOW`` sentences
    before; one that is itself a pronoun or a document is followed back in turn. A document noun ("the
    statement") with no issuer in its own phrase takes the issuer the article gives an earlier mention of it, else
    the nearest earlier body reported speaking.
    """
    return _antecedent(speaker, depth=3)


def _antecedent(speaker: Token, depth: int) -> Token | None:
    word = speaker.lower_
    if depth <= 0:
        return None
    if word in _PRONOUNS and speaker.pos_ == "PRON":
        want = "person" if word in _SEX else "body" if word == "it" else "group"
        for candidate in _earlier_speakers(speaker):
            if _fits(candidate, want, _SEX.get(word)):
                newer = _newer_subject(speaker, candidate, _SEX.get(word)) if want == "person" else None
                return newer or _antecedent(candidate, depth - 1) or candidate
        return None
    if _is_document(speaker) and _own_issuer(speaker) is None:
        issuer = _issuer_before(speaker)
        if issuer is None:
            issuer = next((c for c in _earlier_speakers(speaker) if _fits(c, "body", None)), None)
        if issuer is not None:
            return _antecedent(issuer, depth - 1) or issuer
    return None


def _newer_subject(pronoun: Token, candidate: Token, sex: str | None) -> Token | None:
    """The person named as the subject of the last sentence between the earlier speaker ``candidate`` and
    ``pronoun`` that names its subject: '"…," Berg said. Carl Vinter rejected that charge. He said …' ("he" is
    Vinter). Only a sentence's own subject (of its main verb or a verb coordinated with it) outside quotations
    counts, not the subject of what a report reports ("Berg said the minister lied. He said …" is still Berg) nor
    a pronoun; when that subject is no person of the pronoun's sex ("The navy flew commandos to the ship. It was
    escorted to safety, he added"), the pronoun goes back to the speaker."""
    spans = quote_spans(pronoun.doc)
    for token in _tokens_before(pronoun):
        if token.i <= candidate.i:
            return None
        head = token.head
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ not in {"PROPN", "NOUN"} \
                or head.pos_ not in {"VERB", "AUX"} or inside_quote(token.i, spans):
            continue
        if head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT":
            return token if _fits(token, "person", sex) else None
    return None


def _is_document(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in DOCUMENT_NOUNS


def _own_issuer(document: Token) -> Token | None:
    """Who issued ``document`` by its own phrase: "the ministry's statement", "a Defence Ministry statement", "a
    statement from the navy", "released by the team"; or the subject of the verb that issues it ("Smith issued a
    statement", "he releases statement saying …")."""
    for child in document.children:
        if child.dep_ in {"poss", "compound", "nmod"} and child.pos_ in {"PROPN", "NOUN", "PRON"} \
                and child.i < document.i and child.lower_ not in {"press", "news"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if document.dep_ == "dobj" and document.head.pos_ in {"VERB", "AUX"}:
        return next((c for c in document.head.children if c.dep_ == "nsubj"), None)
    if document.dep_ == "pobj" and document.head.lower_ in {"in", "through"}:
        verb = document.head.head  # "X said in a statement"
        if verb.pos_ in {"VERB", "AUX"} and speaking_verb(verb):
            return speaking_subject(verb)
    return None


def _issuer_before(document: Token) -> Token | None:
    """The issuer of the nearest earlier mention of the same kind of document in the ``WINDOW`` sentences before
    (the statement of "the statement added" is the one "X said in a statement" introduced)."""
    lemma = document.lemma_.lower()
    for token in _tokens_before(document):
        if token.lemma_.lower() == lemma and token.pos_ in {"NOUN", "PROPN"}:
            issuer = _own_issuer(token)
            if issuer is not None:
                return issuer
    return None


def _tokens_before(token: Token) -> Iterator[Token]:
    """The tokens before ``token`` in its sentence and the ``WINDOW`` sentences before it, nearest first."""
    doc = token.doc
    start = token.sent.start
    for _ in range(WINDOW):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    for i in range(token.i - 1, start - 1, -1):
        yield doc[i]


def _earlier_speakers(speaker: Token) -> Iterator[Token]:
    """The speakers reported before ``speaker`` (the subjects of speech verbs, of verbs that issue a document,
    and "according to" phrases), nearest first."""
    for token in _tokens_before(speaker):
        if token.pos_ not in {"VERB", "AUX"}:
            if token.lower_ == "according":
                yield from (o for to in token.children for o in to.children if o.dep_ == "pobj")
            continue
        issues = any(c.dep_ == "dobj" and _is_document(c) for c in token.children)
        if speaking_verb(token) or issues:
            subject = speaking_subject(token)
            if subject is not None and subject.i < speaker.i and subject.dep_ != "nsubjpass" \
                    and subject.lower_ not in {"i", "we", "you", "who", "which", "that"}:
                yield subject


def _fits(candidate: Token, want: str, sex: str | None) -> bool:
    """Whether ``candidate`` can be what a pronoun stands for: a person (of sex ``sex`` when its phrase says), a
    body, or a group (a body or a plural)."""
    word = candidate.lower_
    lemma = candidate.lemma_.lower()
    plural = candidate.tag_ in {"NNS", "NNPS"} or word == "they"
    person = (candidate.ent_type_ == "PERSON" or word in _SEX or lemma in PERSON_NOUNS
              or lemma in REPRESENTATIVE_NOUNS) and not plural
    body = (candidate.ent_type_ in _BODY_LABELS or word == "it" or _is_document(candidate)
            or candidate.pos_ in {"NOUN", "PROPN"} and not person and not plural
            and candidate.ent_type_ in {"", "ORG"}) and not person
    if want == "person":
        if not person:
            return False
        words = {t.lower_ for t in candidate.subtree}
        other = _MALE if sex == "f" else _FEMALE
        return not words & other
    if want == "body":
        return body and not plural
    return body or plural and (lemma in INSTITUTION_NOUNS or candidate.pos_ in {"NOUN", "PROPN", "PRON"})
