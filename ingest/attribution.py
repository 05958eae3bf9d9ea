"""Who a clause is attributed to: its speaker as an entity, whom a representative speaks for, and the speaker
phrase as written. The speaker token comes from the parse or from the quotation the clause stands in
(``newsgraph.ingest.qualifiers``); this module turns it into the entities of the article's mentions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.ingest.clauses import subjects_of
from newsgraph.ingest.columns import doc_table, span_text
from newsgraph.ingest.qualifier_words import KIN_NOUNS, SPEECH_VERBS
from newsgraph.ingest.qualifiers import verb_lemma
from newsgraph.ingest.quotes import inside_quote
from newsgraph.ingest.reported_speech import speaker_of, speaker_phrase
from newsgraph.ingest.speakers import speaker_antecedent
from newsgraph.model import Arg


@dataclass(frozen=True)
class Attribution:
    """The speaker and their principal as entity arguments (None when not entities), and the phrase as written."""

    speaker: Arg | None = None
    on_behalf_of: Arg | None = None
    text: str = ""


def clause_speaker(verb: Token, sentence_start: int, quotes: tuple[tuple[int, int], ...],
                   quoted: Mapping[int, Token]) -> Token | None:
    """The speaker token of the clause headed by ``verb``: from its parse (``speaker_of``), else the speaker of the
    quotation its sentence lies in (``quoted``: sentence start → speaker, from ``quote_speakers``). A speaker
    inside a quotation reported from outside it is a word of the quote ("“She fell,” he said": not "she")."""
    speaker = speaker_of(verb)
    if speaker is not None and inside_quote(speaker.i, quotes) and not inside_quote(speaker.head.i, quotes):
        speaker = None
    return speaker if speaker is not None else quoted.get(sentence_start)


def event_attribution(trigger: Token, kind: str, sentence_start: int, quotes: tuple[tuple[int, int], ...],
                      quoted: Mapping[int, Token], token_entity: Mapping[int, int],
                      entity_spans: Mapping[int, tuple[int, int]]) -> Attribution:
    """Who is reported as telling the event mention whose trigger is ``trigger`` (``kind`` as ``EventMention``).

    A verbal trigger (``verbal`` or ``speech``) is the head of its clause and is attributed as a triple's clause
    is (``clause_speaker`` then ``attribution``, with the clause's subject). A nominal trigger takes the speaker of
    the clause it sits in (its nearest verb up the tree); one that is the object of a reporting verb ("police
    announced the arrest") is that report's content, told by the report's subject. A speech act is never its own
    speaker's claim: "police said" is not attributed to the police (only a report of it is: "Reuters reported
    that police said"), nor is the "she said" that closes a quotation.
    """
    if kind == "nominal" or trigger.pos_ not in {"VERB", "AUX"}:
        clause = trigger
        while clause.head.i != clause.i and clause.pos_ not in {"VERB", "AUX"}:
            clause = clause.head
        if clause.i != trigger.i and clause.pos_ in {"VERB", "AUX"} and trigger.dep_ == "dobj" \
                and trigger.head.i == clause.i and verb_lemma(clause) in SPEECH_VERBS:
            reporter = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if reporter is not None and not inside_quote(reporter.i, quotes):
                return attribution(reporter, trigger, token_entity, entity_spans)
        speaker = clause_speaker(clause, sentence_start, quotes, quoted)
        return attribution(speaker, trigger, token_entity, entity_spans)
    speaker = clause_speaker(trigger, sentence_start, quotes, quoted)
    if speaker is None or speaker.head.i == trigger.i:  # its own subject ("she said", "said Peskov")
        return Attribution()
    subjects, _ = subjects_of(trigger)
    return attribution(speaker, subjects[0] if subjects else trigger, token_entity, entity_spans)


def attribution(speaker: Token | None, subject: Token, token_entity: Mapping[int, int],
                entity_spans: Mapping[int, tuple[int, int]]) -> Attribution:
    """Who says the clause whose subject is ``subject``.

    The speaker is an entity: a representative's own name, never whom they represent ("her rep Jack Ketsoyan
    said" is Ketsoyan's, on behalf of "her"); the head of the phrase or, for what a speaker issues, its
    possessor or source ("the Kremlin's account", "a statement from the Kremlin", "India's navy"); a relative
    or friend speaks for themselves ("his brother said" is not him). A pronoun or a document that names no one
    ("he added", "it said", "the statement said") is the earlier speaker it stands for
    (``newsgraph.ingest.speakers.speaker_antecedent``); its text stays the phrase as written unless the speaker it
    stands for is no named entity (then it is that speaker's phrase: "a Navy spokesperson"). Nothing is attributed
    when the speaker phrase is the clause's own subject: the speaker of a report is never the subject of what it
    reports unless the report says so ("X said X would", "X said he would").

    Args:
        speaker: the head of the speaker phrase (``clause_speaker``), or None.
        subject: the subject token of the clause.
        token_entity: token index → local entity id.
        entity_spans: token index → (start, end) tokens of the mention holding it.
    """
    if speaker is None:
        return Attribution()
    if subject.i == speaker.i:
        return Attribution()
    # What a speaker phrase says does not depend on the clause: worked out once per speaker and Doc.
    memo = doc_table(speaker.doc).memo("attribution")
    known = memo.get(speaker.i)
    if known is None or known[0] is not token_entity or known[1] is not entity_spans:
        known = memo[speaker.i] = (token_entity, entity_spans, *_speaker_attribution(speaker, token_entity,
                                                                                     entity_spans))
    excluded, found = known[2], known[3]
    return Attribution() if subject.i in excluded else found


def _speaker_attribution(speaker: Token, token_entity: Mapping[int, int],
                         entity_spans: Mapping[int, tuple[int, int]]) -> tuple[frozenset[int], Attribution]:
    """``attribution`` of ``speaker`` whatever the clause: (the subjects that get none, the attribution)."""
    written = speaker_phrase(speaker).text
    antecedent = speaker_antecedent(speaker)  # "he said", "the statement added": who they stand for
    speaker = antecedent or speaker
    phrase = speaker_phrase(speaker)
    excluded = frozenset({speaker.i, *((phrase.person.i,) if phrase.person is not None else ())})
    person = None
    if phrase.person is not None:
        own_only = phrase.person is not speaker or bool(phrase.principals)
        person = _speaker_argument(phrase.person, token_entity, entity_spans, own_only=own_only)
    principal = next((arg for arg in (_speaker_argument(t, token_entity, entity_spans) for t in phrase.principals)
                      if arg is not None), None)
    if principal is not None and person is not None and principal.local_id == person.local_id:
        principal = None
    if antecedent is not None and person is None:
        written = phrase.text  # "he added" after "a Navy spokesperson said": the pronoun alone tells nothing
    return excluded, Attribution(person, principal, " ".join(written.split()))


def _speaker_argument(token: Token, token_entity: Mapping[int, int], entity_spans: Mapping[int, tuple[int, int]],
                      *, own_only: bool = False) -> Arg | None:
    """The speaker as an entity: the head itself, or the entity it belongs to ("the Kremlin's account"); only the
    head itself when ``own_only`` (a representative's name, whose possessor is their principal) or when the head
    is a relative or friend of the possessor ("his brother said" is not him)."""
    def entity(t: Token) -> Arg:
        start, end = entity_spans.get(t.i, (t.i, t.i + 1))
        return Arg(*span_text(t.doc, start, end), local_id=token_entity[t.i])

    if own_only or token.lemma_.lower() in KIN_NOUNS or token.lower_ in KIN_NOUNS:
        return entity(token) if token.i in token_entity else None
    for candidate in [token] + [c for c in token.children if c.dep_ in {"poss", "compound", "nmod"}]:
        if candidate.i in token_entity:
            return entity(candidate)
    for prep in token.children:  # "a statement from the Kremlin"
        if prep.dep_ == "prep" and prep.lower_ in {"from", "of", "by"}:
            for obj in prep.children:
                if obj.i in token_entity:
                    return entity(obj)
    return None
