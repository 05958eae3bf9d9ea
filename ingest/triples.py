"""Clause-based extraction of (subject, predicate, object) triples from a spaCy parse.

For every verb with a subject: active and passive voice, xcomp chains ("declined to commit to"), particles and
prepositional objects ("push back against"), copulas ("be"), coordinated subjects, objects and verbs, relative
clauses, and reported speech (the clause's triples carry ``attributed_to``). Negation and hedging are flags.
Arguments that are entity mentions point at their local entity; other noun phrases become concepts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.qualifiers import SPEECH_VERBS, is_hedged, is_negated, speaker_of
from newsgraph.model import Arg, Triple

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}
SKIP_OBJECT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "this", "that",
            "these", "those", "which", "who", "whom", "what", "one", "there", "itself", "themselves", "something"}
RELATIVE = {"which", "who", "that", "whom"}
MODIFIER_DEPS = {"amod", "compound", "nummod", "nmod", "poss", "quantmod"}
#: Lemmas the small English model gets wrong often enough to matter in news ("hoped" → "hop").
LEMMA_FIXES = {"hoped": "hope", "hoping": "hope", "hopes": "hope", "based": "base", "eased": "ease",
               "ceased": "cease", "sided": "side", "voted": "vote", "posed": "pose"}
#: Verbs whose direct object means the same as their prepositional one ("agreed a ceasefire" = "agreed to").
IMPLIED_PREPOSITION = {"agree": "to", "commit": "to", "consent": "to", "object": "to"}


@dataclass(frozen=True)
class _Context:
    source: str
    token_entity: Mapping[int, int]
    entity_spans: Mapping[int, tuple[int, int]]
    open_ie: bool = False


@dataclass(frozen=True)
class _Clause:
    verb: Token  # the verb whose subject we found
    last: Token  # the last verb of the xcomp chain, whose objects we take
    chain: tuple[Token, ...]
    passive: bool


def extract_triples(doc: Doc, source: str, token_entity: Mapping[int, int] | None = None,
                    *, entity_spans: Mapping[int, tuple[int, int]] | None = None,
                    open_ie: bool = False) -> tuple[Triple, ...]:
    """Extract triples from every sentence of ``doc``.

    Args:
        doc: a parsed Doc (parser required; NER optional).
        source: the article id recorded on each triple.
        token_entity: token index → local entity id, from ``extract_mentions``; arguments on these tokens become
            entity arguments, the rest concepts.
        entity_spans: token index → (start token, end token) of the mention holding it, to report its offsets.
        open_ie: open-IE output as benchmarks expect it: predicates as written ("has agreed to"), arguments as
            whole phrases, pronoun arguments kept.
    """
    ctx = _Context(source, token_entity or {}, entity_spans or {}, open_ie)
    triples: list[Triple] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        for triple in _sentence_triples(sent, ctx):
            key = (triple.subject.start, triple.predicate, triple.object.start, triple.object.end)
            if key not in seen:
                seen.add(key)
                triples.append(triple)
    return tuple(triples)


def _sentence_triples(sent: Span, ctx: _Context) -> Iterator[Triple]:
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ in {"aux", "auxpass", "xcomp", "amod"}:
            continue
        subjects = _subjects(verb)
        if not subjects:
            continue
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        for clause in _chains(verb, passive):
            objects = list(_objects(clause))
            if passive and not clause.chain[1:]:
                agents = [obj for prep, obj in objects if prep == "by"]
                if agents:  # "strikes were suspended by Russia" → Russia –suspend– strikes
                    for agent in agents:
                        for subj in subjects:
                            yield from _emit(sent, ctx, agent, _predicate(clause, None, True, ctx), subj, clause)
                    continue
            speaker = speaker_of(verb)
            for subj in subjects:
                for prep, obj in objects:
                    predicate = _predicate(clause, prep, not passive, ctx)
                    yield from _emit(sent, ctx, subj, predicate, obj, clause, speaker=speaker,
                                     extra=-0.1 if prep else 0.0)


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, split on coordination; inherited from a coordinated head verb or a relative noun."""
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not found and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subjects(verb.head)
    if verb.dep_ == "relcl":
        found = [verb.head if (c.lower_ in RELATIVE) else c for c in found] or []
        if not found and any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in verb.children):
            return []
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]
    return [s for subj in found for s in _conjuncts(subj)]


def _conjuncts(token: Token) -> list[Token]:
    return [token] + [c for c in token.conjuncts if c.i > token.i and c.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]


def _chains(verb: Token, passive: bool) -> Iterator[_Clause]:
    """The verb itself, and each xcomp chain below it ("decline" → "decline to commit")."""
    yield _Clause(verb, verb, (verb,), passive)
    stack = [(verb, (verb,))]
    while stack:
        top, chain = stack.pop()
        for child in top.children:
            if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
                new = chain + (child,)
                yield _Clause(verb, child, new, passive)
                stack.append((child, new))


def _objects(clause: _Clause) -> Iterator[tuple[str | None, Token]]:
    """(preposition or None, object head) pairs of the last verb in the chain, split on coordination."""
    for child in clause.last.children:
        if child.dep_ in OBJECT_DEPS:
            for obj in _conjuncts(child):
                yield None, obj
        elif child.dep_ in {"prep", "agent"} and child.lower_ not in {"according", "despite"}:
            yield from _prep_objects(child, child.lower_)
        elif child.dep_ == "prt":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield child.lower_, grand
        elif child.dep_ == "acomp":
            for grand in child.children:
                if grand.dep_ == "prep":
                    yield from _prep_objects(grand, f"{child.lemma_} {grand.lower_}")


def _prep_objects(prep: Token, label: str) -> Iterator[tuple[str, Token]]:
    for obj in prep.children:
        if obj.dep_ == "pobj":
            for part in _conjuncts(obj):
                yield label, part
        elif obj.dep_ == "pcomp" and obj.pos_ == "ADP":  # "back against", "out of"
            yield from _prep_objects(obj, f"{label} {obj.lower_}")


def _predicate(clause: _Clause, prep: str | None, active: bool, ctx: _Context) -> str:
    if ctx.open_ie:
        return _surface_predicate(clause, prep)
    words = []
    for i, verb in enumerate(clause.chain):
        if i:
            words.append("to")
        if not active and i == 0:
            words.append("be")
        words.append(verb_lemma(verb))
        words.extend(c.lower_ for c in verb.children if c.dep_ == "prt" and not any(g.dep_ == "pobj" for g in c.children))
        if verb.lemma_ == "be" and len(clause.chain) == 1 and prep is None:
            break
    if prep is None and active and verb_lemma(clause.last) in IMPLIED_PREPOSITION:
        prep = IMPLIED_PREPOSITION[verb_lemma(clause.last)]
    if prep:
        words.append(prep)
    return " ".join(w for w in words if w)


def _surface_predicate(clause: _Clause, prep: str | None) -> str:
    """The predicate as written: auxiliaries, negation, verbs of the chain with their particles, preposition."""
    keep = set()
    for verb in clause.chain:
        keep.add(verb.i)
        keep.update(c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}
                    and not any(g.dep_ == "pobj" for g in c.children))
    words = [t.text for t in clause.verb.doc if t.i in keep]
    return " ".join(words + ([prep] if prep else []))


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, corrected where the small model is known to be wrong.

    >>> from spacy.lang.en import English
    >>> doc = English()("hoped")
    >>> doc[0].lemma_ = "hop"
    >>> verb_lemma(doc[0])
    'hope'
    """
    return LEMMA_FIXES.get(verb.lower_, verb.lemma_.lower())


def _emit(sent, ctx: _Context, subj, predicate, obj, clause, *, speaker=None, extra=0.0):
    if not ctx.open_ie and (obj.ent_type_ in SKIP_OBJECT_ENTS or subj.ent_type_ in SKIP_OBJECT_ENTS):
        return
    subject = _argument(subj, ctx)
    object_ = _argument(obj, ctx)
    if subject is None or object_ is None or subject.start == object_.start:
        return
    attributed = _speaker_argument(speaker, ctx) if speaker is not None else None
    doc = sent.doc
    negated = is_negated(clause.verb, (obj,)) or any(is_negated(v) for v in clause.chain[1:])
    hedged = is_hedged(clause.last, clause.chain[:-1])
    confidence = 0.45 + extra
    confidence += 0.2 * subject.is_entity + 0.15 * object_.is_entity
    confidence -= 0.05 * (len(clause.chain) - 1) + 0.1 * (clause.verb.dep_ in {"relcl", "acl"})
    confidence -= 0.1 * (subj.pos_ == "PRON") + 0.05 * (max(obj.i - obj.left_edge.i, 0) > 5)
    confidence += 0.05 * (clause.verb.dep_ == "ROOT")
    if clause.last.lemma_ in SPEECH_VERBS and not object_.is_entity:
        confidence -= 0.15
    yield Triple(
        subject=subject, predicate=predicate, object=object_, source=ctx.source, sentence=sent.text.strip(),
        sentence_start=sent.start_char + (len(sent.text) - len(sent.text.lstrip())),
        sentence_end=sent.start_char + len(sent.text.rstrip()), negated=negated, hedged=hedged,
        attributed_to=attributed, confidence=round(min(max(confidence, 0.05), 0.99), 3),
    )
    del doc


def _argument(token: Token, ctx: _Context) -> Arg | None:
    """An entity argument when the head token is an entity mention, else a concept noun phrase."""
    doc = token.doc
    token_entity, entity_spans = ctx.token_entity, ctx.entity_spans
    if ctx.open_ie:
        return _phrase(token)
    if token.i in token_entity:
        start, end = entity_spans.get(token.i, (token.i, token.i + 1))
        span = doc[start:end]
        return Arg(span.text, span.start_char, span.end_char, local_id=token_entity[token.i])
    if token.lower_ in PRONOUNS or token.pos_ in {"PRON", "DET", "SCONJ", "ADP", "PART", "PUNCT"}:
        return None
    if token.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ", "X"}:
        return None
    modifiers = [c for c in token.lefts if c.dep_ in MODIFIER_DEPS | {"det"}]
    start = min([token.i] + [m.left_edge.i for m in modifiers])
    while start < token.i and doc[start].dep_ in {"punct", "case"}:
        start += 1
    span = doc[start:token.i + 1]
    kept = [t for t in span[:-1] if t.dep_ not in {"det", "poss", "case"} and t.tag_ != "POS"
            and t.head.dep_ != "poss" and (t.dep_ != "punct" or t.text in "-–")
            or (t.i in token_entity and t.pos_ != "PRON")]
    head = token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_
    parts = []
    for t, following in zip(kept, kept[1:] + [token]):
        hyphen = t.text in "-–" or following.text in "-–"
        parts.append(t.lower_ + (t.whitespace_ if hyphen else " "))
    name = " ".join(("".join(parts) + head).split())
    if not any(c.isalpha() for c in name):
        return None
    return Arg(span.text, span.start_char, span.end_char, concept=name)


def _phrase(token: Token) -> Arg | None:
    """The whole phrase a head token governs, without a relative clause or apposition set off by commas."""
    if token.lower_ in RELATIVE:
        return None
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    for child in token.rights:
        if child.dep_ in {"relcl", "appos", "punct", "cc", "conj", "acl"} and child.i > token.i:
            comma = child.i - 1 if child.i > 0 and doc[child.i - 1].is_punct else child.i
            if child.dep_ in {"punct", "cc", "conj"} or doc[comma].is_punct:
                end = min(end, comma if doc[comma].is_punct else child.i)
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    span = doc[start:end]
    return Arg(span.text, span.start_char, span.end_char, concept=span.text)


def _speaker_argument(token: Token, ctx: _Context) -> Arg | None:
    """The speaker as an entity: the head itself, or the entity it belongs to ("the Kremlin's account")."""
    for candidate in [token] + [c for c in token.children if c.dep_ in {"poss", "compound", "nmod"}]:
        if candidate.i in ctx.token_entity:
            return _argument(candidate, _Context(ctx.source, ctx.token_entity, ctx.entity_spans))
    for prep in token.children:  # "a statement from the Kremlin"
        if prep.dep_ == "prep" and prep.lower_ in {"from", "of", "by"}:
            for obj in prep.children:
                if obj.i in ctx.token_entity:
                    return _argument(obj, _Context(ctx.source, ctx.token_entity, ctx.entity_spans))
    return None
