"""Graph triples (subject, predicate, object) from the clauses of a spaCy parse (``newsgraph.ingest.clauses``).

For every clause: active and passive voice, complement chains ("declined to commit to", "be ready to sign"),
particles and prepositional objects ("push back against"), copulas and appositions ("be"), coordinated subjects,
objects and verbs, relative and participial clauses, and reported speech (the clause's triples carry
``attributed_to``, a representative's principal ``on_behalf_of`` and the phrase as written ``speaker_text``; a
quoted "I"/"we" is the speaker; a quotation that spans sentences is attributed whole). Negation, hedging and
conditions are flags (``newsgraph.ingest.qualifiers``). Arguments that are entity
mentions point at their local entity; other noun phrases become concepts named by their lemmatised head phrase.
Time, place, channel and occasion phrases ("on Tuesday", "in Kyiv", "in a statement", "after the call";
``newsgraph.ingest.circumstances``) are attributes of the clause's triples, never their objects; a reported
clause takes the channel of its report ("the Kremlin said in a statement that ...").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.ingest import clauses, verb_frames
from newsgraph.ingest.attribution import attribution, clause_speaker
from newsgraph.ingest.circumstances import circumstances, combine, is_circumstantial
from newsgraph.ingest.clauses import antecedent, appositions, find_clauses
from newsgraph.ingest.columns import doc_text, span_text
from newsgraph.ingest.lexicon import light_noun_class
from newsgraph.ingest.qualifiers import (
    SPEECH_VERBS,
    is_conditional,
    is_hedged,
    is_negated,
    verb_lemma,
)
from newsgraph.ingest.quotes import Quotations, find_quotations
from newsgraph.ingest.reported_speech import speaking_verb
from newsgraph.ingest.words import sentence_spans
from newsgraph.model import Arg, Circumstances, Triple

SKIP_OBJECT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "this", "that",
            "these", "those", "which", "who", "whom", "what", "one", "there", "itself", "themselves", "something"}
QUANTIFIERS = {"any", "some", "all", "none", "most", "many", "much", "each", "both", "several", "few", "one"}
#: Pronouns that, inside reported speech, stand for the speaker.
FIRST_PERSON = {"i", "we"}
MODIFIER_DEPS = {"amod", "compound", "nummod", "nmod", "poss", "quantmod"}


@dataclass(frozen=True)
class _Context:
    source: str
    token_entity: Mapping[int, int]
    entity_spans: Mapping[int, tuple[int, int]]
    text: str = ""  # the Doc's text (``Doc.text`` builds it anew on every access)
    published: str = ""  # the article's publication date, ISO 8601, to resolve "on Tuesday"
    quotes: tuple[tuple[int, int], ...] = ()  # the quotations, as token spans (``quote_spans``)
    quoted: Mapping[int, Token] = field(default_factory=dict)  # sentence start → speaker of its quotation


def extract_triples(doc: Doc, source: str, token_entity: Mapping[int, int] | None = None,
                    *, entity_spans: Mapping[int, tuple[int, int]] | None = None,
                    entity_sentences_only: bool = False, published: str = "",
                    quotations: Quotations | None = None) -> tuple[Triple, ...]:
    """Extract triples from every sentence of ``doc``.

    Args:
        doc: a parsed Doc (parser required; NER optional).
        source: the article id recorded on each triple.
        token_entity: token index → local entity id, from ``extract_mentions``; arguments on these tokens become
            entity arguments, the rest concepts.
        entity_spans: token index → (start token, end token) of the mention holding it, to report its offsets.
        entity_sentences_only: skip the sentences with no token of ``token_entity``: for a caller that keeps
            only triples with an entity as subject, object or speaker, which such a sentence cannot give unless
            its speaker is named in another sentence (a quotation's, "it said", "the statement added"; those
            sentences are kept).
        published: the article's publication date in ISO 8601, against which relative times ("on Tuesday",
            "last week") in the triples' ``when`` are resolved.
        quotations: the article's quotations (``find_quotations``), when the caller has them already.
    """
    quotations = quotations if quotations is not None else find_quotations(doc)
    ctx = _Context(source, token_entity or {}, entity_spans or {}, doc_text(doc), published, quotations.spans,
                   quotations.speakers)
    triples: list[Triple] = []
    seen: set[tuple] = set()
    entity_tokens = sorted(ctx.token_entity) if entity_sentences_only else None
    for sent in sentence_spans(doc):  # as Words: the clause rules walk the tree many times over
        if entity_tokens is not None and not _any_between(entity_tokens, sent.start, sent.end) \
                and not _may_report(sent, ctx):
            continue
        for triple in _sentence_triples(sent, ctx):
            key = (triple.subject.start, triple.predicate, triple.object.start, triple.object.end)
            if key not in seen:
                seen.add(key)
                triples.append(triple)
    return _without_light_nouns(triples)


def _without_light_nouns(triples: list[Triple]) -> tuple[Triple, ...]:
    """The triples but a light verb's whose object is the event noun another triple of its clause has taken into
    its predicate: "made no reference to this part" gives "make reference to | this part", and "make | no
    reference" would add only a relation to its own event noun (its class is the noun's, "refer to"). Without such
    a sibling ("Russia gave no indication") the light verb's triple stays: it is the clause's one relation; and so
    it does when its object names whose the noun is ("put Portugal's bond rating on review")."""
    extended: dict[tuple[int, int], list[str]] = {}
    for t in triples:
        extended.setdefault((t.trigger_start, t.subject.start), []).append(t.predicate)
    kept = []
    for t in triples:
        siblings = extended[(t.trigger_start, t.subject.start)]
        concept = "" if t.object.is_entity else t.object.concept
        if concept and " of " not in concept and len(siblings) > 1 and any(
                _takes_noun(t.predicate, other, concept.split()) for other in siblings):
            continue
        kept.append(t)
    return tuple(kept)


def _takes_noun(predicate: str, other: str, words: list[str]) -> bool:
    """True when ``other`` is ``predicate`` with one of ``words`` after it, a noun that makes it a light verb's
    event, and more ("make" → "make reference to").

    >>> _takes_noun("make", "make reference to", ["reference"]), _takes_noun("sign", "sign deal with", ["deal"])
    (True, False)
    """
    rest = other[len(predicate) + 1:].split() if other.startswith(predicate + " ") else []
    return len(rest) > 1 and rest[0] in words and \
        light_noun_class(predicate, rest[0]) is not None


def _may_report(sent: Span, ctx: _Context) -> bool:
    """True when a sentence may be told by a speaker named in another one: its quotation's or broken report's
    (``ctx.quoted``), or the one a speech verb's pronoun or document subject stands for ("it said", "the
    statement added")."""
    return sent.start in ctx.quoted or any(speaking_verb(t) for t in sent)


def _any_between(ordered: list[int], start: int, end: int) -> bool:
    """True when the sorted ``ordered`` has a value in [start, end).

    >>> _any_between([3, 9], 4, 9), _any_between([3, 9], 4, 10)
    (False, True)
    """
    k = bisect_left(ordered, start)
    return k < len(ordered) and ordered[k] < end


def _sentence_triples(sent: Span, ctx: _Context) -> Iterator[Triple]:
    for clause in find_clauses(sent):
        if clause.verb.dep_ == "xcomp" and clause.verb.head.pos_ in {"VERB", "AUX"}:
            continue  # a bare complement ("agreed to stop strikes") is part of its head's chain below
        speaker = clause_speaker(clause.verb, sent.start, ctx.quotes, ctx.quoted)
        full = verb_frames.full_chain(clause.chain)
        read: dict[int, Circumstances] = {}  # the circumstances of each verb of the chain, read when first needed
        # "12 are reported to be Somali", "were said to have been rescued": a hedge on the complement's fact
        skip = 1 if verb_frames.evidential(full, clause.passive) else 0
        passive = clauses.is_passive(full[1]) if skip else clause.passive
        for k, last in enumerate(full):
            if last.pos_ == "ADJ" or k < skip:  # "are ready to sign": the adjective belongs to the next predicate
                continue
            chain = full[skip:k + 1]
            objects = list(verb_frames.objects(last))
            completed = clauses.completing_phrase(last)
            tail = completed[1].split(" ", 1)[1] if completed is not None else ""
            if completed is not None:  # "took 23 pirates into custody": take into custody –– pirates
                objects = [(p, o) for p, o in objects if o.i != completed[0].i]
                if not any(p is None for p, _ in objects):  # "was taken into custody": the phrase's own noun
                    objects.append((None, completed[0]))
            # "the deal (that) Russia signed"
            if last is full[-1] and clause.relative_object is not None and verb_lemma(last) not in SPEECH_VERBS:
                # "the deal on which they agreed": agree on –– deal; "the countries in which they compete": a place
                objects = [(p, o) for p, o in objects if o.lower_ not in clauses.RELATIVE]
                through = clauses.relative_preposition(last)
                if through is None or not is_circumstantial(through, clause.relative_object):
                    objects.append((through.lower_ if through is not None else None, clause.relative_object))
            chain_negations = sum(is_negated(v) for v in full[1:k + 1])  # "did not agree to stop": one scope each
            negated = (is_negated(clause.verb) + chain_negations) % 2 == 1
            hedged = is_hedged(last, full[:k])
            conditional = is_conditional(last, full[:k])
            penalty = clause.penalty + 0.05 * (len(chain) - 1) - 0.05 * (clause.verb.dep_ == "ROOT")
            circ = _clause_circumstances(chain, speaker, ctx, read) if objects else Circumstances()
            if passive and len(chain) == 1:
                agents = [obj for prep, obj in objects if prep == "by"]
                if agents:  # "strikes were suspended by Russia" → Russia –suspend– strikes
                    predicate = verb_frames.predicate(chain, None, True, tail)
                    for agent in agents:
                        for subj in clause.subjects:
                            yield from _emit(sent, ctx, agent, predicate, subj, speaker=speaker, negated=negated,
                                             hedged=hedged, conditional=conditional, penalty=penalty,
                                             trigger=verb_frames.trigger(chain), circ=circ)
                    continue
            for subj in clause.subjects:
                for prep, obj in objects:
                    predicate = verb_frames.predicate(chain, prep, not passive, tail)
                    trigger = verb_frames.trigger(chain, obj)
                    yield from _emit(sent, ctx, subj, predicate, obj, speaker=speaker,
                                     negated=(is_negated(clause.verb, (obj,)) + chain_negations) % 2 == 1,
                                     hedged=hedged, conditional=conditional, penalty=penalty + 0.1 * bool(prep),
                                     speech=verb_lemma(last) in SPEECH_VERBS, trigger=trigger, circ=circ,
                                     passive=_undone_passive(predicate, trigger))
    for head, apposition in appositions(sent):  # "Zelenskyy, Ukraine's president" → Zelenskyy –be– president of …
        if head.i in ctx.token_entity and apposition.pos_ == "NOUN" \
                and not any(c.dep_ in {"conj", "cc"} for c in (*apposition.children, *head.children)) \
                and not _in_list(apposition) \
                and ctx.token_entity.get(apposition.i, ctx.token_entity[head.i]) == ctx.token_entity[head.i]:
            yield from _emit(sent, ctx, head, "be", apposition, speaker=None, negated=False, hedged=False,
                             penalty=0.0, as_concept=True)


def _undone_passive(predicate: str, trigger: Token) -> bool:
    """True when a predicate's "be" is the passive of its event and no doer is named ("was arrested": "be arrest";
    "is expected to be signed": "be expect to sign", the signing passive); a "be" that opens a chain of another
    event is not ("is expected to sign", "is due to appear", "is set to buy": ``Triple.passive``)."""
    return predicate.startswith("be ") and clauses.is_passive(trigger)


def _expletive(subj: Token) -> bool:
    """ "it is difficult to identify pirates", "it was clear that …": an "it" that stands for the clause after it."""
    head = subj.head
    return subj.dep_ == "expl" or (subj.lower_ == "it" and verb_lemma(head) in {"be", "seem", "appear", "become"}
                                   and any(c.dep_ in {"acomp", "attr"} and any(g.dep_ in {"xcomp", "ccomp"}
                                                                             for g in c.children)
                                           or c.dep_ in {"xcomp", "ccomp"} for c in head.children))


def _clause_circumstances(chain: tuple[Token, ...], speaker: Token | None, ctx: _Context,
                          read: dict[int, Circumstances]) -> Circumstances:
    """The circumstances of a chain's triples: each verb's own, the last verb's first, then the report's channel."""
    for verb in chain:
        if verb.i not in read:
            read[verb.i] = circumstances(verb, ctx.published)
    if -1 not in read:
        read[-1] = _report_channel(speaker, ctx)
    return combine(*(read[v.i] for v in reversed(chain)), read[-1])


def _report_channel(speaker: Token | None, ctx: _Context) -> Circumstances:
    """The channel of the report a clause is quoted from ("the Kremlin said in a statement that …"): only the
    channel, as the report's time and place are not those of what it reports."""
    if speaker is None or speaker.dep_ not in {"nsubj", "nsubjpass"}:
        return Circumstances()
    verb = speaker.head
    if verb.pos_ not in {"VERB", "AUX"} or verb_lemma(verb) not in SPEECH_VERBS:
        return Circumstances()
    found = circumstances(verb, ctx.published)
    return Circumstances(via=found.via, via_text=found.via_text)


def _in_list(token: Token) -> bool:
    """True when ``token``'s phrase is followed by ", and" / ", or": an item of a list, not an apposition."""
    doc, i = token.doc, token.right_edge.i + 1
    if i < len(doc) and doc[i].is_punct:
        i += 1
    return i < len(doc) and doc[i].dep_ == "cc"


def _emit(sent: Span, ctx: _Context, subj: Token, predicate: str, obj: Token, *, speaker: Token | None,
          negated: bool, hedged: bool, penalty: float, speech: bool = False, as_concept: bool = False,
          trigger: Token | None = None, circ: Circumstances = Circumstances(),
          conditional: bool = False, passive: bool = False) -> Iterator[Triple]:
    if obj.ent_type_ in SKIP_OBJECT_ENTS or subj.ent_type_ in SKIP_OBJECT_ENTS and _counted(subj) is None:
        return
    said = attribution(speaker, subj, ctx.token_entity, ctx.entity_spans)
    attributed = said.speaker
    # "we" that pronoun resolution gave an organisation (the speaker's employer: "“We will appeal,” Acme CEO John
    # Smith said") is that organisation; else the speaker speaks for "we" and "I"
    first_person = (said.speaker if subj.lower_ == "i" else said.speaker or said.on_behalf_of) \
        if subj.lower_ in FIRST_PERSON and not (subj.lower_ == "we" and subj.i in ctx.token_entity) else None
    if first_person is not None:
        subject: Arg | None = first_person  # "“We are ready,” Zelenskyy told reporters": the speaker speaks for "we"
        if not sent.start_char <= first_person.start <= first_person.end <= sent.end_char:
            # a speaker named in another sentence (a quotation's, "he said" resolved): the subject stays "we"
            subject = Arg(subj.text, subj.idx, subj.idx + len(subj.text), local_id=first_person.local_id)
    else:
        subject = _argument(subj, ctx)
        if subject is None and subj.lower_ in {"it", "they"} and not _expletive(subj):
            # "how a ceasefire would work and whether it …"
            earlier = [a for a in antecedent(subj) if (a.tag_ in {"NNS", "NNPS"}) == (subj.lower_ == "they")]
            subject = _argument(earlier[0], ctx) if earlier else None
            penalty += 0.2
    object_ = _argument(obj, ctx if not as_concept else _Context(ctx.source, {}, {}))
    if subject is not None and object_ is not None and object_.is_entity and object_.local_id == subject.local_id:
        if predicate != "be":
            return  # a self-loop says nothing
        object_ = _argument(obj, _Context(ctx.source, {}, {}))  # "Zelenskyy is the president of Ukraine"
    if subject is None or object_ is None or subject.start == object_.start:
        return
    confidence = 0.5 - penalty
    confidence += 0.2 * subject.is_entity + 0.15 * object_.is_entity
    confidence -= 0.05 * (max(obj.i - obj.left_edge.i, 0) > 5)
    confidence -= 0.15 * (speech and not object_.is_entity)
    text = ctx.text[sent.start_char:sent.end_char]  # sent.text, without building it token by token
    yield Triple(
        subject=subject, predicate=predicate, object=object_, source=ctx.source, sentence=text.strip(),
        sentence_start=sent.start_char + (len(text) - len(text.lstrip())),
        sentence_end=sent.start_char + len(text.rstrip()), negated=negated, hedged=hedged, conditional=conditional,
        attributed_to=attributed, on_behalf_of=said.on_behalf_of, speaker_text=said.text,
        confidence=round(min(max(confidence, 0.05), 0.99), 3),
        trigger_start=trigger.idx if trigger is not None else -1,
        trigger_end=trigger.idx + len(trigger.text) if trigger is not None else -1,
        when=circ.when, when_text=circ.when_text, where=circ.where, where_text=circ.where_text, via=circ.via,
        via_text=circ.via_text, occasion=circ.occasion, passive=passive,
    )


def argument(token: Token, token_entity: Mapping[int, int],
             entity_spans: Mapping[int, tuple[int, int]] | None = None) -> Arg | None:
    """The argument a head token stands for: an entity mention (``token_entity``) or a concept noun phrase, or
    None for pronouns, function words and the like. The same naming as the triples' arguments."""
    return _argument(token, _Context("", token_entity, entity_spans or {}))


def _argument(token: Token, ctx: _Context) -> Arg | None:
    """An entity argument when the head token is an entity mention, else a concept noun phrase.

    A quantifier stands for what it quantifies ("any of his objectives" → objectives); a possessor is written
    after the head ("Ukraine's president" → "president of ukraine"), and a predicate noun keeps its of-phrase
    ("the president of Ukraine").
    """
    doc = token.doc
    if token.i in ctx.token_entity:
        start, end = ctx.entity_spans.get(token.i, (token.i, token.i + 1))
        return Arg(*span_text(doc, start, end), local_id=ctx.token_entity[token.i])
    if token.pos_ == "VERB" and token.dep_ == "ccomp":
        return Arg(token.text, token.idx, token.idx + len(token.text), concept=verb_lemma(token))
    if token.lower_ in QUANTIFIERS:
        of = _of_object(token)
        return _argument(of, ctx) if of is not None else None
    counted = _counted(token)
    if counted is not None:  # "12 of the pirates are Somali", "Of the 23 pirates arrested, 12 are Somali"
        return _argument(counted, ctx)
    if token.lower_ in PRONOUNS or token.pos_ in {"PRON", "DET", "SCONJ", "ADP", "PART", "PUNCT"}:
        return None
    if token.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ", "X"}:
        return None
    modifiers = [c for c in token.lefts if c.dep_ in MODIFIER_DEPS | {"det"}]
    start = min([token.i] + [m.left_edge.i for m in modifiers])
    while start < token.i and doc[start].dep_ in {"punct", "case"}:
        start += 1
    end = token.i + 1
    possessor = next((c for c in token.lefts if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}), None)
    inside_possessor = {t.i for t in possessor.subtree} if possessor is not None else set()
    kept = [t for t in doc[start:token.i] if t.i not in inside_possessor and t.dep_ not in {"det", "poss", "case"}
            and t.tag_ != "POS" and (t.dep_ != "punct" or t.text in "-–")]
    head = token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_
    parts = []
    for t, following in zip(kept, kept[1:] + [token]):
        hyphen = t.text in "-–" or following.text in "-–"
        parts.append(t.lower_ + (t.whitespace_ if hyphen else " "))
    name = "".join(parts) + head
    of = _of_object(token) if token.dep_ in {"attr", "appos"} else None
    if possessor is not None:
        name += " of " + _possessor_name(possessor)
    elif of is not None:
        argument = _argument(of, ctx)
        if argument is not None:
            name += " of " + (argument.text if argument.is_entity else argument.concept).lower()
            covered = None if argument.is_entity else doc.char_span(argument.start, argument.end,
                                                                     alignment_mode="expand")
            end = max(end, covered.end if covered is not None else of.i + 1)
    name = " ".join(name.split())
    if not any(c.isalpha() for c in name):
        return None
    return Arg(*span_text(doc, start, end), concept=name)


def _of_object(token: Token) -> Token | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _counted(token: Token) -> Token | None:
    """What a bare number subject counts out of: its own "of" phrase ("12 of the pirates") or its clause's
    fronted one (``_partitive_of``); None for any other token."""
    if token.pos_ != "NUM" or token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    return _of_object(token) or _partitive_of(token.head)


def _partitive_of(verb: Token) -> Token | None:
    """The plural noun a clause's fronted "of" or "out of" phrase names, that a bare number subject counts out
    of: "Of the 23 pirates arrested, 12 are Somali", "Out of 23 arrested pirates, 12 are from Somalia"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i or prep.lower_ not in {"of", "out"}:
            continue
        inner = prep if prep.lower_ == "of" else next((c for c in prep.children if c.lower_ == "of"), None)
        for obj in inner.children if inner is not None else ():
            if obj.dep_ == "pobj" and obj.tag_ in {"NNS", "NNPS"}:
                return obj
    return None


def _possessor_name(possessor: Token) -> str:
    words = [t for t in possessor.subtree if t.dep_ != "case" and t.tag_ != "POS" and t.dep_ != "det"]
    return " ".join(t.lower_ for t in words)
