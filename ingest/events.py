"""Event mentions of a parsed article: every happening it tells, with its participants and qualifiers.

A trigger is a content verb ("fired", "agreed"), an event noun ("the shooting", "the dismissal", "talks") or an
event adjective ("dead"), as ``newsgraph.ingest.lexicon`` knows them, also where it modifies another noun ("the
shooting victim"); auxiliaries and copulas are not; a light verb whose
object is an event noun ("made an offer", "held talks") is a mention of the noun's event, and with a particle
or a bare object it may form a phrasal verb that is an event ("took over", "took office"). Reporting
verbs ("said", "announced") are ``speech`` events whose ``content`` points at the trigger of what they report.

Each mention carries who is reported as telling it (``attributed_to``, ``on_behalf_of``, ``speaker_text``),
found as for the triples (``newsgraph.ingest.attribution.event_attribution``).

Participants come from the same clause analysis as the triples (``newsgraph.ingest.clauses``): a verb's
subjects and objects (the passive's subject is its object; "by" names the doer), a noun's possessor and its
"of"/"by" phrases ("the killing of a teenager by police"). Each is an entity argument when it is an entity
mention, else a concept.

Words whose event depends on their context (an acronym taken for a name, "party", "drunk driving") have rules in
``newsgraph.ingest.trigger_rules``.

The terms an article is grouped into a story by are in ``newsgraph.ingest.story_terms``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, LOWER, POS, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsgraph.ingest.attribution import event_attribution
from newsgraph.ingest.clauses import completing_phrase, is_passive, split_conjuncts, subjects_of
from newsgraph.ingest.columns import columns, doc_text, span_text
from newsgraph.ingest.credits import credit_tokens
from newsgraph.ingest.hyphens import compound_event_verb, hyphen_words
from newsgraph.ingest.lexicon import event_class, event_polarity, event_verb, is_speech_verb, phrasal_verb
from newsgraph.ingest.lexicon_data import tables
from newsgraph.ingest.named_events import named_kinds, named_occasions
from newsgraph.ingest.proper_triggers import case_tells_nothing, proper_trigger
from newsgraph.ingest.qualifier_words import LEMMA_FIXES
from newsgraph.ingest.qualifiers import is_conditional, is_hedged, is_negated, noun_qualifiers, verb_lemma
from newsgraph.ingest.quotes import Quotations, find_quotations
from newsgraph.ingest.trigger_rules import (
    MANNER_EVENTS,
    OCCASION_NOUN_IDS,
    acronym_trigger,
    american_form,
    in_headline,
    kind_modifier,
    manner_trigger,
    names_a_time,
    objectless_trigger,
    occasion_trigger,
    reached_person_trigger,
    run_away_trigger,
    shaking_trigger,
    stoppage_trigger,
    taken_person_trigger,
)
from newsgraph.ingest.triples import PRONOUNS
from newsgraph.ingest.words import as_tokens
from newsgraph.model import Arg, EventMention, Participant

_TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "PROPN"})
_NOT_TRIGGER_DEPS = frozenset({"aux", "auxpass"})
#: Participles that, heading a prepositional phrase, work as prepositions naming a relation, not a happening:
#: "elements were discussed, including the fact that …", "concerns regarding the talks". Others used so stay
#: events ("following the earthquake", "charges involving fraud", "according to police": a speech act).
_PREPOSITION_PARTICIPLES = frozenset(get_string_id(w) for w in ("including", "excluding", "regarding",
                                                                 "concerning", "respecting"))
_PREP = get_string_id("prep")
#: Light verbs: with an event noun as object ("carried out strikes", "held talks", "struck a deal", "reached an
#: agreement") the noun is the event.
LIGHT_VERBS = frozenset({"make", "take", "give", "have", "hold", "carry", "conduct", "launch", "stage", "do",
                         "get", "put", "pay", "deliver", "mount", "undertake", "perform", "issue", "strike",
                         "reach"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})
#: Verbs whose speaker is the object of a preposition: "according to police" is what police say.
_SPEAKER_PREPOSITIONS = {"accord": "to"}


def extract_events(doc: Doc, source: str, token_entity: Mapping[int, int] | None = None,
                   entity_spans: Mapping[int, tuple[int, int]] | None = None,
                   quotations: Quotations | None = None) -> tuple[EventMention, ...]:
    """Every event mention of ``doc`` in text order.

    Args:
        doc: a parsed Doc (tagger, lemmatizer and parser; NER optional).
        source: the article id recorded on each mention.
        token_entity: token index → local entity id (``extract_mentions``): participants on these tokens are
            entity arguments, the rest concepts.
        entity_spans: token index → (start, end) tokens of the mention holding it.
        quotations: the article's quotations (``find_quotations``), when the caller has them already.
    """
    token_entity = token_entity or {}
    entity_spans = entity_spans or {}
    text = doc_text(doc)
    found: list[EventMention] = []
    speech: list[tuple[int, Token]] = []
    by_token: dict[int, int] = {}
    pos_col, dep_col, lemma_col, lower_col, starts, ent_col, iob_col = columns(
        doc, [POS, DEP, LEMMA, LOWER, SENT_START, ENT_TYPE, ENT_IOB])
    strings = doc.vocab.strings
    sentence: tuple[int, int, int] = (-1, 0, 0)  # (sentence end token, start char, end char)
    headlines: dict[int, bool] = {}  # a line's first character → whether it is in title case
    quotations = quotations if quotations is not None else find_quotations(doc)
    quotes, quoted = quotations.spans, quotations.speakers
    occasions = named_occasions(doc)
    table = as_tokens(doc)
    hyphened = hyphen_words(doc)  # "cease-fire": its last part stands for the word, its first part is none
    compounds = hyphened.words
    credited = credit_tokens(doc)  # "Reporting by Julia Mendes; Editing by Tom Hale": no mending, editing, hale
    for i, (pos, dep) in enumerate(zip(pos_col, dep_col)):
        if pos not in _TRIGGER_POS_IDS or dep in _NOT_TRIGGER_DEP_IDS or i in hyphened.parts or i in credited:
            continue
        if dep == _PREP and lower_col[i] in _PREPOSITION_PARTICIPLES:
            continue
        continued = i + 1 < len(iob_col) and iob_col[i + 1] == _INSIDE
        trigger: tuple[str, str] | None
        if pos == _PROPN and i in occasions:  # "will host the Oscars": a named event, its class its name
            trigger = occasions[i], "nominal"
        elif pos == _PROPN:
            headline = in_headline(doc, text, i, headlines)
            caseless = not ent_col[i] and not headline and case_tells_nothing(text, table, starts, i)
            trigger = proper_trigger(strings, lower_col[i], ent_col[i], continued, headline, caseless)
            if trigger is None and ent_col[i] != 0 and iob_col[i] == _BEGIN and not continued:
                trigger = acronym_trigger(table[i])
        elif i in compounds:
            verb = compound_event_verb(compounds[i][1])
            trigger = None if verb is None else (verb, "speech" if is_speech_verb(verb) else "nominal")
        else:
            word = lower_col[i] if pos == _ADJ or pos in _VERBAL and lower_col[i] in _FIXED else lemma_col[i]
            trigger = _lookup(strings, word, pos)
            if pos == _VERB:
                trigger = _phrasal_trigger(table[i], strings[word].lower()) or trigger
                lemma_word = strings[word].lower()
                if lemma_word in LIGHT_VERBS and (trigger is None or trigger[0] == lemma_word):
                    trigger = _light_verb_trigger(table[i]) or _completed_trigger(table[i]) or trigger
            if (trigger is None and pos != _ADJ and table[i].text[:1].isupper()
                    and in_headline(doc, text, i, headlines)):
                trigger = proper_trigger(strings, lower_col[i], 1, False, True)  # "Fred LaRue, 75, Dies": a noun
            if trigger is None and pos == _NOUN and lemma_col[i] in OCCASION_NOUN_IDS:
                trigger = occasion_trigger(table[i])
            elif trigger is not None and trigger[0] in MANNER_EVENTS:
                trigger = manner_trigger(table[i], trigger)
        if trigger is None:
            continue
        if (pos != _VERB and trigger[1] == "nominal" and table[i].text[:1].isupper()
                and in_headline(doc, text, i, headlines)):  # "Lohan Checks Into Rehab": check into
            phrase = _phrasal_trigger(table[i], trigger[0])
            trigger = trigger if phrase is None else (phrase[0], trigger[1])
        trigger = run_away_trigger(table[i], trigger)  # "a hit-and-run": the running away
        trigger = taken_person_trigger(table[i], trigger)  # "captured 23 pirates": an arrest
        trigger = objectless_trigger(table[i], trigger)  # "we fired in self-defence": a shooting
        trigger = reached_person_trigger(table[i], trigger)  # "rescuers reached him": no arrival at a place
        trigger = shaking_trigger(table[i], trigger)  # "shook hands with fans": no quake
        trigger = stoppage_trigger(table[i], trigger)  # "a general strike": a work stoppage, no attack
        if kind_modifier(table[i]):  # "an emergency patch": an urgent one, no emergency
            continue
        token = table[i]
        if i >= sentence[0]:
            sentence = _sentence_around(doc, text, starts, i)
        lemma, kind = trigger
        participants = tuple(_participants(token, token_entity, entity_spans))
        if kind == "nominal":
            negated = any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in token.children)
            head = token.head
            if token.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT_VERBS:
                negated = negated != (is_negated(head) != _undone_complement(head))  # "refused to hold talks"
            hedged, conditional = noun_qualifiers(token)
        else:
            negated = is_negated(token, tuple(c for c in token.children if c.dep_ in {"dobj", "attr"})) \
                != _undone_complement(token)  # "refused to delay it", "denied firing him"
            hedged = is_hedged(token)
            conditional = is_conditional(token)
        negated = negated != (event_polarity(lemma) < 0)  # "refused": a negated agreeing
        said = event_attribution(token, kind, _sentence_first(starts, i), quotes, quoted, token_entity,
                                 entity_spans)
        by_token[i] = len(found)
        if kind == "speech":
            speech.append((len(found), token))
        start, end = (table[compounds[i][0]] if i in compounds else token).idx, token.idx + len(token.text)
        found.append(EventMention(
            source=source, start=start, end=end, text=text[start:end], lemma=lemma,
            event_class=event_class(lemma), kind=kind, sentence_start=sentence[1], sentence_end=sentence[2],
            participants=participants, negated=negated, hedged=hedged,
            conditional=conditional, attributed_to=said.speaker, on_behalf_of=said.on_behalf_of,
            speaker_text=said.text))
    named_kinds(found, by_token, table, pos_col, ent_col, occasions)
    for k, token in speech:  # what a reporting verb reports: the head of its clausal complement
        reported = next((c for c in token.children if c.dep_ in {"ccomp", "xcomp"} and c.i in by_token), None)
        if reported is None and token.dep_ in {"parataxis", "ccomp"} and token.head.i in by_token:
            reported = token.head  # "The truce, he said, will hold."
        if reported is not None:
            found[k] = replace(found[k], content=found[by_token[reported.i]].start)
    return tuple(found)


def _undone_complement(verb: Token) -> bool:
    """True when ``verb`` heads the complement of verbs saying that it did not happen (the lexicon's ``negative``
    verbs: "refused to delay the launch", "failed to pay", "declined to comment", "denied firing him"), or of a
    noun of one ("Acme's refusal to delay", "a failure to pay"), an odd number of them and of negations counted up
    the chain of complements, as a relation class and its chain count them ("refused to agree to delay": no delay,
    no agreement; "did not refuse to delay", "did not hesitate to fire": it happened; "did not agree to stop": no
    stop; "did not deny firing him" asserts nothing, hedged: ``qualifiers.is_hedged``)."""
    negative = tables().negative
    flips = 0
    clause = verb
    while True:
        while clause.dep_ == "conj" and clause.head.i != clause.i:  # "refused to delay or cancel it"
            clause = clause.head
        head = clause.head
        if clause.dep_ == "xcomp" and head.pos_ in {"VERB", "AUX"} and head.i != clause.i:
            flips += (verb_lemma(head) in negative) + is_negated(head)
            clause = head
            continue
        if clause.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                               for c in clause.children):
            flips += event_verb(head.lemma_.lower(), "NOUN") in negative
        return flips % 2 == 1


def _sentence_first(starts: list[int], i: int) -> int:
    """The first token of the sentence holding token ``i``, from the SENT_START column.

    >>> _sentence_first([1, 0, 0, 1, 0], 4), _sentence_first([1, 0, 0, 1, 0], 2)
    (3, 0)
    """
    while i > 0 and starts[i] != 1:
        i -= 1
    return i


def _sentence_around(doc: Doc, text: str, starts: list[int], i: int) -> tuple[int, int, int]:
    """(end token, start char, end char) of the sentence holding token ``i``, from the SENT_START column
    (1 at a sentence's first token), white space trimmed off the character span."""
    first = i
    while first > 0 and starts[first] != 1:
        first -= 1
    end = i + 1
    while end < len(starts) and starts[end] != 1:
        end += 1
    table = as_tokens(doc)
    start_char, end_char = table[first].idx, table[end - 1].idx + len(table[end - 1].text)
    raw = text[start_char:end_char]
    return end, start_char + (len(raw) - len(raw.lstrip())), start_char + len(raw.rstrip())


_NOUN, _ADJ, _PROPN, _VERB = (get_string_id(p) for p in ("NOUN", "ADJ", "PROPN", "VERB"))
_INSIDE, _BEGIN = 1, 3  # ENT_IOB: 1 inside an entity, 3 its first token
_VERBAL = frozenset(get_string_id(p) for p in ("VERB", "AUX"))
_TRIGGER_POS_IDS = frozenset(get_string_id(p) for p in _TRIGGER_POS)
#: Not triggers: auxiliaries. An event noun modifying another noun is one ("the shooting victim", "murder
#: charges", "the earthquake toll" each tell of the shooting, the murder, the earthquake); a noun that is no event
#: ("police raids") is no trigger whatever its place.
_NOT_TRIGGER_DEP_IDS = frozenset(get_string_id(d) for d in _NOT_TRIGGER_DEPS)
_LOOKUPS: dict[tuple[int, ...], tuple[str, str] | None] = {}
#: Word forms whose lemma the small model gets wrong (``LEMMA_FIXES``): looked up by form, not lemma.
_FIXED = frozenset(get_string_id(w) for w in LEMMA_FIXES)


def _lookup(strings, word: int, pos: int) -> tuple[str, str] | None:
    """(event verb lemma, kind) of a word (a lemma; an adjective's lower-case form) with a part of speech, or
    None; remembered by hash, so the lexicon is asked once per distinct word and part of speech."""
    key = (word, pos)
    if key in _LOOKUPS:
        return _LOOKUPS[key]
    if len(_LOOKUPS) > 1 << 18:
        _LOOKUPS.clear()
    form = american_form(strings[word].lower(), "VERB" if pos in _VERBAL else "NOUN" if pos == _NOUN else "ADJ")
    if pos in _VERBAL:
        form = LEMMA_FIXES.get(form, form)
        verb = event_verb(form, "VERB")
        found = None if verb is None else (verb, "speech" if is_speech_verb(verb) else "verbal")
    else:
        verb = event_verb(form, "NOUN" if pos == _NOUN else "ADJ")
        found = None if verb is None else (verb, "speech" if pos == _NOUN and is_speech_verb(verb) else "nominal")
    _LOOKUPS[key] = found
    return found


def _phrasal_trigger(token: Token, lemma: str) -> tuple[str, str] | None:
    """(phrasal verb, kind) of a verb with a particle, preposition or bare object noun that makes a phrasal verb
    the lexicon knows ("passed away" → pass away, in the class of die; "took over"; "checked into"; "took
    office"), or None. Light verbs count here ("take over" is an event though "take" alone is none). Each of the
    verb's prepositions is tried ("After a night out, she checked into rehab": "after" makes none, "into" does). A
    verb with a direct object takes no preposition: that one is circumstantial ("fired the chief executive on
    Monday" is no "fire on"), unless it stands right after the verb, before the object the parser saw ("checks
    into rehab facility" with "facility" read as the verb's object too)."""
    particle = noun = ""
    prepositions: list[Token] = []
    has_object = False
    for child in token.children:
        if child.dep_ == "prt" and not particle:
            particle = child.lower_
        elif child.dep_ == "prep" and not names_a_time(child):
            prepositions.append(child)
        elif child.dep_ in _OBJECT_DEPS and not child.lower_.endswith(("self", "selves")):
            has_object = True  # a reflexive object keeps the preposition: "checked herself into rehab"
            if child.pos_ == "NOUN" and not any(c.dep_ == "det" for c in child.children):
                noun = child.lemma_.lower()  # a bare object: "took place", "takes office"
    if has_object:
        prepositions = [p for p in prepositions if p.i == token.i + 1]
    if not particle and not prepositions and not noun:
        return None
    verb = LEMMA_FIXES.get(lemma, lemma)
    for preposition in [p.lower_ for p in prepositions] or [""]:
        phrase = phrasal_verb(verb, particle, preposition, noun)
        if phrase is not None:
            return phrase, "speech" if is_speech_verb(phrase) else "verbal"
    return None


def _has_event_object(verb: Token) -> bool:
    """True when a light verb's object is an event noun ("carried out strikes", "held talks")."""
    return any(c.dep_ in _OBJECT_DEPS and c.pos_ == "NOUN" and event_verb(c.lemma_.lower(), "NOUN")
               for c in verb.children)


def _light_verb_trigger(verb: Token) -> tuple[str, str] | None:
    """A light verb with an event noun as object tells that noun's event ("made an offer" → offer, "held talks"
    → talk): (the noun's verb, kind), so the verb and the noun are mentions of one event; None without one."""
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS and child.pos_ == "NOUN":
            noun_verb = event_verb(child.lemma_.lower(), "NOUN")
            if noun_verb is not None:
                return noun_verb, "speech" if is_speech_verb(noun_verb) else "verbal"
    return None


def _completed_trigger(verb: Token) -> tuple[str, str] | None:
    """A light verb that makes a curated phrase with a complement after its object ("took the allegations
    seriously" → take seriously, "took them into account"): (the phrase, kind); None without one."""
    completed = completing_phrase(verb)
    if completed is None:
        return None
    return completed[1], "speech" if is_speech_verb(completed[1]) else "verbal"


def _participants(token: Token, token_entity: Mapping[int, int],
                  entity_spans: Mapping[int, tuple[int, int]]) -> Iterator[Participant]:
    seen: set[int] = set()

    def emit(role: str, head: Token) -> Iterator[Participant]:
        if head.i in seen:
            return
        seen.add(head.i)
        arg = _participant(head, token_entity, entity_spans)
        if arg is not None:
            yield Participant(role, arg)

    if token.pos_ in {"VERB", "AUX"}:
        passive = is_passive(token)
        subjects, _ = subjects_of(token)
        for subj in subjects:
            yield from emit("object" if passive else "subject", subj)
        for child in token.children:
            if child.dep_ in _OBJECT_DEPS:
                for obj in split_conjuncts(child):
                    yield from emit("object", obj)
            elif (child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by" and passive
                  or child.dep_ == "prep" and child.lower_ == _SPEAKER_PREPOSITIONS.get(token.lemma_.lower())):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        yield from emit("subject", obj)
        return
    if token.pos_ == "ADJ":  # "three people were dead", "the dead man"
        subject = token.head if token.dep_ == "amod" else next(
            (c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None
        ) if token.dep_ == "acomp" else None
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


def _participant(head: Token, token_entity: Mapping[int, int],
                 entity_spans: Mapping[int, tuple[int, int]]) -> Arg | None:
    """An entity argument for a head on an entity mention (its whole mention's span), else a concept named by the
    head's lemma ("an order" → order), or None for pronouns and function words."""
    if head.i not in token_entity:  # "another player, receiver John Smith, was arrested": the name
        head = next((c for c in head.children if c.dep_ == "appos" and c.i in token_entity), head)
    if head.i in token_entity:
        start, end = entity_spans.get(head.i, (head.i, head.i + 1))
        return Arg(*span_text(head.doc, start, end), local_id=token_entity[head.i])
    if head.pos_ not in {"NOUN", "PROPN", "NUM"} or head.lower_ in PRONOUNS:
        return None
    return Arg(head.text, head.idx, head.idx + len(head.text), concept=head.lemma_.lower())
