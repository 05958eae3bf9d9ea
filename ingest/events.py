"""Event mentions of a parsed article: every happening it tells, with its participants and qualifiers.

A trigger is a content verb ("fired", "agreed"), an event noun ("the shooting", "the dismissal", "talks") or an
event adjective ("dead"), as ``newsgraph.ingest.lexicon`` knows them; auxiliaries, copulas and light verbs whose
object is itself an event noun ("carried out strikes", "held talks") are not triggers of their own. Reporting
verbs ("said", "announced") are ``speech`` events whose ``content`` points at the trigger of what they report.

Participants come from the same clause analysis as the triples (``newsgraph.ingest.clauses``): a verb's
subjects and objects (the passive's subject is its object; "by" names the doer), a noun's possessor and its
"of"/"by" phrases ("the killing of a teenager by police"). Each is an entity argument when it is an entity
mention, else a concept.

Also here: the terms an article is grouped into a story by (``story_terms``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Token

from newsgraph.ingest.clauses import split_conjuncts, subjects_of
from newsgraph.ingest.lexicon import event_class, event_verb, is_speech_verb
from newsgraph.ingest.qualifiers import is_hedged, is_negated
from newsgraph.ingest.triples import argument, verb_lemma
from newsgraph.model import EventMention, Participant

_TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_NOT_TRIGGER_DEPS = frozenset({"aux", "auxpass", "compound"})
#: Light verbs: with an event noun as object ("carried out strikes", "held talks") the noun is the event.
LIGHT_VERBS = frozenset({"make", "take", "give", "have", "hold", "carry", "conduct", "launch", "stage", "do",
                         "get", "put", "pay", "deliver", "mount", "undertake", "perform", "issue"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})
#: Terms too common in news to tell one story from another (besides stop words).
_STORY_SKIP_POS = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "SPACE", "X",
                             "INTJ"})


def extract_events(doc: Doc, source: str, token_entity: Mapping[int, int] | None = None,
                   entity_spans: Mapping[int, tuple[int, int]] | None = None) -> tuple[EventMention, ...]:
    """Every event mention of ``doc`` in text order.

    Args:
        doc: a parsed Doc (tagger, lemmatizer and parser; NER optional).
        source: the article id recorded on each mention.
        token_entity: token index → local entity id (``extract_mentions``): participants on these tokens are
            entity arguments, the rest concepts.
        entity_spans: token index → (start, end) tokens of the mention holding it.
    """
    token_entity = token_entity or {}
    entity_spans = entity_spans or {}
    text = doc.text
    found: list[EventMention] = []
    speech: list[tuple[int, Token]] = []
    by_token: dict[int, int] = {}
    for sent in doc.sents:
        raw = text[sent.start_char:sent.end_char]
        s_start = sent.start_char + (len(raw) - len(raw.lstrip()))
        s_end = sent.start_char + len(raw.rstrip())
        for token in sent:
            trigger = _trigger(token)
            if trigger is None:
                continue
            lemma, kind = trigger
            participants = tuple(_participants(token, token_entity, entity_spans))
            if kind == "nominal":
                negated = any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in token.children)
                hedged = False
            else:
                negated = is_negated(token)
                hedged = is_hedged(token)
            by_token[token.i] = len(found)
            if kind == "speech":
                speech.append((len(found), token))
            found.append(EventMention(
                source=source, start=token.idx, end=token.idx + len(token.text), text=token.text, lemma=lemma,
                event_class=event_class(lemma), kind=kind, sentence_start=s_start, sentence_end=s_end,
                participants=participants, negated=negated, hedged=hedged))
    for k, token in speech:  # what a reporting verb reports: the head of its clausal complement
        reported = next((c for c in token.children if c.dep_ in {"ccomp", "xcomp"} and c.i in by_token), None)
        if reported is None and token.dep_ in {"parataxis", "ccomp"} and token.head.i in by_token:
            reported = token.head  # "The truce, he said, will hold."
        if reported is not None:
            found[k] = replace(found[k], content=found[by_token[reported.i]].start)
    return tuple(found)


def _trigger(token: Token) -> tuple[str, str] | None:
    """(event verb lemma, kind) when ``token`` triggers an event, else None."""
    pos = token.pos_
    if pos not in _TRIGGER_POS or token.dep_ in _NOT_TRIGGER_DEPS and pos != "NOUN":
        return None
    if pos == "NOUN" and token.dep_ == "compound":
        return None  # "peace talks": the head noun is the event; "the shooting victim": not an event
    if pos in {"VERB", "AUX"}:
        if token.dep_ in {"aux", "auxpass"}:
            return None
        lemma = verb_lemma(token)
        if lemma in LIGHT_VERBS and any(c.dep_ in _OBJECT_DEPS and c.pos_ == "NOUN"
                                        and event_verb(c.lemma_.lower(), "NOUN") for c in token.children):
            return None
        verb = event_verb(lemma, "VERB")
        if verb is None:
            return None
        return verb, "speech" if is_speech_verb(verb) else "verbal"
    verb = event_verb(token.lemma_.lower() if pos == "NOUN" else token.lower_, pos)
    if verb is None:
        return None
    return verb, "speech" if pos == "NOUN" and is_speech_verb(verb) else "nominal"


def _participants(token: Token, token_entity: Mapping[int, int],
                  entity_spans: Mapping[int, tuple[int, int]]) -> Iterator[Participant]:
    seen: set[int] = set()

    def emit(role: str, head: Token) -> Iterator[Participant]:
        if head.i in seen:
            return
        seen.add(head.i)
        arg = argument(head, token_entity, entity_spans)
        if arg is not None:
            yield Participant(role, arg)

    if token.pos_ in {"VERB", "AUX"}:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
        subjects, _ = subjects_of(token)
        for subj in subjects:
            yield from emit("object" if passive else "subject", subj)
        for child in token.children:
            if child.dep_ in _OBJECT_DEPS:
                for obj in split_conjuncts(child):
                    yield from emit("object", obj)
            elif child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by" and passive:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        yield from emit("subject", obj)
        return
    if token.pos_ == "ADJ":  # "three people were dead", "the dead man"
        subject = token.head if token.dep_ == "amod" else next(
            (c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if token.dep_ == "acomp" else None
        if subject is not None:
            yield from emit("object", subject)
        return
    for child in token.children:  # a noun: "Russia's attack on Kyiv", "the killing of X by police"
        if child.dep_ == "poss":
            yield from emit("subject", child)
        elif child.dep_ == "prep" and child.lower_ in {"of", "by", "on", "against"}:
            role = "subject" if child.lower_ == "by" else "object"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from emit(role, obj)
        elif child.dep_ == "compound" and child.i in token_entity:  # "the Trump call"
            yield from emit("subject", child)


def story_terms(doc: Doc) -> tuple[tuple[str, int], ...]:
    """The content terms of an article with their counts, for grouping it into a story: lemmas of nouns, verbs
    and adjectives (``w:``), names as written (``n:``, lower case) and numbers (``#:``), stop words left out.

    Sorted by term, so the record is the same whatever order the tokens come in.
    """
    counts: Counter[str] = Counter()
    for token in doc:
        if token.pos_ in _STORY_SKIP_POS or token.is_stop or token.is_punct or token.is_space:
            continue
        if token.like_num or token.pos_ == "NUM":
            value = token.lower_.replace(",", "")
            if any(ch.isdigit() for ch in value):
                counts["#:" + value] += 1
            continue
        if not any(ch.isalpha() for ch in token.text) or len(token.text) < 2:
            continue
        if token.pos_ == "PROPN":
            counts["n:" + token.lower_] += 1
        else:
            counts["w:" + token.lemma_.lower()] += 1
    return tuple(sorted(counts.items()))
