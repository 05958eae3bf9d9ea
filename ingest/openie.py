"""Open information extraction: n-ary (relation, [arg1, arg2, ...], confidence) tuples from a spaCy parse.

Used only by the CaRB benchmark (``python -m benchmarks.carb``); the graph's triples come from
``newsgraph.ingest.triples``. This is the open-IE rendering of the same clauses (``newsgraph.ingest.clauses``),
following CaRB's annotation conventions: arguments are whole phrases as written; the relation keeps its
auxiliaries, negation, particle and a pre-verbal adverb ("also had"), takes the first preposition after the verb
when there is no object ("was born in"), and the head of a light verb's object with its preposition ("has formed
a partnership with"); the verb's other prepositional, temporal and adverbial modifiers become extra arguments.
Constructions: active and passive clauses, xcomp chains ("declined to commit to"), copulas, coordinated verbs,
subjects and objects (split), relative and participial clauses ("be released in"), and implicit relations, whose
relation is the tenseless "be" as nothing in the text gives them a tense: appositions ("X, the president of Y" →
"X ; be ; the president of Y"), titles before a person's name ("former U.S. Attorney Todd Graves"), locations
("a hall in San Salvador" → "be in") and possession ("has", kept at a low confidence: CaRB's annotators list few).
Confidences are calibrated on the CaRB dev split to the share of each kind of tuple that matches gold.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.clauses import RELATIVE, SUBJECT_DEPS, antecedent, appositions, find_clauses, split_conjuncts
from newsgraph.ingest.names import TITLE_WORDS

OpenTuple = tuple[str, list[str], float]

OBJECT_DEPS = {"dobj", "dative", "attr", "oprd", "acomp"}
CLAUSE_OBJECT_DEPS = {"ccomp", "xcomp"}
PREP_DEPS = {"prep", "agent"}
EXTRA_DEPS = {"npadvmod", "advmod"}
SKIP_ADVERBS = {"also", "not", "n't", "never", "so", "then", "as", "just", "even", "only", "too", "however",
                "thus", "therefore", "instead", "again", "still", "already", "now", "here", "there", "rather"}
CUT_DEPS = {"relcl", "appos", "acl", "advcl", "parataxis"}


def openie_tuples(doc: Doc) -> list[OpenTuple]:
    """Every sentence's open-IE tuples, highest confidence first within a sentence, duplicates dropped."""
    out: list[OpenTuple] = []
    for sent in doc.sents:
        seen: set[tuple] = set()
        found = list(_clause_tuples(sent)) + list(_apposition_tuples(sent)) + list(_noun_tuples(sent))
        for relation, args, confidence in sorted(found, key=lambda t: -t[2]):
            args = [a for a in args if a]
            if len(args) < 2 or not relation:
                continue
            key = (relation, tuple(args))
            if key not in seen:
                seen.add(key)
                out.append((relation, args, round(min(max(confidence, 0.01), 0.99), 3)))
    return out


def _words(tokens) -> str:
    return " ".join(t.text for t in tokens)


def phrase(token: Token, *, cut_commas: bool = True, split_conj: bool = True,
           exclude: AbstractSet[int] = frozenset()) -> str:
    """The phrase ``token`` governs, without its coordinated siblings and comma-set-off clauses."""
    doc = token.doc
    drop: set[int] = set(exclude)
    for child in token.children:
        if split_conj and child.dep_ in {"conj", "cc"} or child.dep_ == "punct" and child.i > token.i and split_conj \
                and any(c.dep_ == "conj" for c in token.children):
            drop.update(t.i for t in child.subtree)
        elif cut_commas and child.dep_ in CUT_DEPS and child.i > token.i and doc[child.left_edge.i - 1].is_punct:
            drop.update(t.i for t in child.subtree)
            drop.add(child.left_edge.i - 1)
    tokens = [t for t in token.subtree if t.i not in drop]
    # keep a contiguous run around the head
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc") and tokens[0].i != token.i:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].i != token.i:
        tokens.pop()
    return _words(tokens)


def _relation_tokens(verb: Token) -> list[Token]:
    """The verb, its auxiliaries, negation and particle, and a one-word adverb between its subject and it
    ("also", "often", "was usually")."""
    subject_end = max((c.right_edge.i for c in verb.children if c.dep_ in SUBJECT_DEPS), default=-1)
    return [verb] + [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"}
                     or c.dep_ == "prt" and not any(g.dep_ == "pobj" for g in c.children)
                     or c.dep_ == "advmod" and subject_end < c.i < verb.i and c.n_lefts + c.n_rights == 0
                     and c.lower_ not in RELATIVE and c.lower_ not in {"however", "thus", "therefore", "instead"}]


def _clause_tuples(sent: Span):
    for clause in find_clauses(sent):
        verb, chain, penalty = clause.verb, list(clause.chain), clause.penalty
        rel_tokens = [t for v in chain for t in (_relation_tokens(v) if v.pos_ != "ADJ" else [v])]
        last = chain[-1]
        objects: list[Token] = []
        preps: list[Token] = []
        extras: list[Token] = []
        for v in chain:
            for child in v.children:
                if child in chain or child.i in {t.i for t in rel_tokens}:
                    continue
                if child.dep_ in OBJECT_DEPS or child.dep_ in CLAUSE_OBJECT_DEPS and v.i == last.i:
                    objects.append(child)
                elif child.dep_ in PREP_DEPS:
                    preps.append(child)
                elif child.dep_ == "prt":
                    preps.append(child)
                elif child.dep_ in EXTRA_DEPS and child.lower_ not in SKIP_ADVERBS and child.lower_ not in RELATIVE:
                    extras.append(child)
        if verb.dep_ == "relcl":
            objects = [o for o in objects if o.lower_ not in RELATIVE]
            preps = [p for p in preps if not any(g.lower_ in RELATIVE for g in p.children)]
        inside = {t.i for t in verb.subtree}
        subjects = [(s, 0.0) for s in clause.subjects]
        subjects += [(a, 0.3) for s in clause.subjects for a in s.children if a.dep_ == "appos"]
        subjects += [(a, 0.2) for s, _ in subjects for a in antecedent(s)]
        for subject, appos_penalty in subjects:
            subject_text = phrase(subject, exclude=inside if subject.i == verb.head.i else frozenset())
            if subject.lower_ in RELATIVE:
                continue
            base = (0.6 - penalty - appos_penalty - 0.1 * (subject.pos_ == "PRON")
                    - 0.04 * max(len(subject_text.split()) - 6, 0) ** 0.5)
            base += 0.05 * (verb.dep_ == "ROOT")
            yield from _emit(rel_tokens, subject_text, objects, preps, extras, clause.relative_object, base, inside,
                             "be " if _bare_participle(verb) else "")


def _bare_participle(verb: Token) -> bool:
    """A past participle modifying a noun or clause without an auxiliary ("the album, released in 2000"): its
    relation is passive with no tense written, rendered with "be"."""
    return verb.dep_ in {"acl", "advcl"} and verb.tag_ == "VBN" \
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children)


def _emit(rel_tokens, subject_text, objects, preps, extras, relative_object, base, inside, prefix=""):
    rel = sorted(rel_tokens, key=lambda t: t.i)
    relation = prefix + _words(rel)
    extra_args = [phrase(p, split_conj=False) for p in sorted(preps + extras, key=lambda t: t.i)]
    if relative_object is not None:
        yield relation, [subject_text, phrase(relative_object, exclude=inside), *extra_args], base - 0.05
        return
    light = _light_object(rel[-1], objects, preps)
    if light is not None:  # "has formed | X | a partnership | with Y" -> "has formed a partnership with | X | Y"
        obj, prep, pobj = light
        rest = [phrase(p, split_conj=False) for p in sorted(preps + extras, key=lambda t: t.i) if p.i != prep.i]
        rel_words = " ".join([relation, _words(t for t in obj.subtree if t.i <= obj.i), prep.text])
        for conjunct in split_conjuncts(pobj):
            yield rel_words, [subject_text, phrase(conjunct), *rest], base - 0.03 * len(rest)
        return
    if objects:
        first = objects[0]
        for obj in split_conjuncts(first) if first.dep_ not in CLAUSE_OBJECT_DEPS else [first]:
            others = [phrase(o, split_conj=False) for o in objects[1:]]
            text = phrase(obj, split_conj=first.dep_ not in CLAUSE_OBJECT_DEPS)
            conf = base - 0.1 * (first.dep_ in CLAUSE_OBJECT_DEPS) - 0.03 * len(extra_args)
            yield relation, [subject_text, text, *others, *extra_args], conf
        return
    after = sorted((p for p in preps if p.i > rel[-1].i), key=lambda t: t.i)
    if after:  # the first preposition after the verb joins the relation ("was born in"), not one before it
        first = after[0]
        pobjs = [c for c in first.children if c.dep_ in {"pobj", "pcomp"}]
        if pobjs:
            rest = [phrase(p, split_conj=False) for p in sorted(preps + extras, key=lambda t: t.i) if p.i != first.i]
            rel_words = relation + " " + first.text
            for pobj in split_conjuncts(pobjs[0]):
                yield rel_words, [subject_text, phrase(pobj), *rest], base - 0.05 - 0.03 * len(rest)
            return
    if extras:
        yield relation, [subject_text, *extra_args], base - 0.2


#: Verbs whose object noun carries the meaning ("make a decision on", "take part in", "file charges against"):
#: with a following preposition, the object's head joins the relation, as CaRB annotates them.
LIGHT_VERBS = frozenset({"have", "make", "take", "give", "do", "get", "hold", "form", "play", "pay", "reach", "file",
                         "raise", "sign", "launch", "draw", "bring", "lodge", "conduct", "strike", "cast", "set"})


def _light_object(verb: Token, objects: list[Token], preps: list[Token]) -> tuple[Token, Token, Token] | None:
    """(object, preposition, its object) when a light verb's common-noun object is followed by its own
    preposition ("took a quick interest in"); else None."""
    if verb.lemma_ not in LIGHT_VERBS or not objects or objects[0].dep_ != "dobj" or objects[0].pos_ != "NOUN":
        return None
    obj = objects[0]
    if any(c.dep_ in {"conj", "relcl", "acl", "appos"} for c in obj.children):
        return None
    for prep in (c for c in obj.children if c.dep_ == "prep" and c.i == obj.i + 1):
        pobjs = [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in {"DATE", "TIME"}]
        if pobjs:
            return obj, prep, pobjs[0]
    return None


def _apposition_tuples(sent: Span):
    for head, token in appositions(sent):
        yield "be", [phrase(head), phrase(token)], 0.5


#: Honorifics, which say nothing a title tuple should carry ("Mr. Smith" is no "Smith ; be ; Mr.").
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame", "messrs."})


def _title_tuple(token: Token):
    """"former U.S. Attorney Todd Graves", "Italy 's president Sergio Mattarella" → (name, title) for the last
    token of a person's name whose noun phrase puts a title or description before the name."""
    if token.ent_type_ != "PERSON" or token.ent_iob_ == "B" and token.i + 1 < len(token.doc) \
            and token.doc[token.i + 1].ent_iob_ == "I":
        return None
    start = token.i
    while start > 0 and token.doc[start - 1].ent_type_ == "PERSON" and token.doc[start].ent_iob_ == "I":
        start -= 1
    title = [t for t in token.doc[token.left_edge.i:start] if t.dep_ not in {"det", "punct"}]
    while title and title[0].lower_ in HONORIFICS:
        title.pop(0)
    if not title or any(t.lower_ in HONORIFICS or t.pos_ in {"VERB", "AUX", "PRON"} for t in title) \
            or not any(t.pos_ == "NOUN" or t.pos_ == "PROPN" and t.lower_.strip(".") in TITLE_WORDS for t in title):
        return None  # a capitalised word before a name is a title only if it is a known one ("President")
    name = [t for t in token.doc[start:token.i + 1] if t.lower_ not in HONORIFICS]
    return _words(name), _words(title)


def _noun_tuples(sent: Span):
    """Implicit relations inside noun phrases: possession ("has"), titles and locations ("is", "is in")."""
    for token in sent:
        if token.dep_ == "poss" and token.pos_ in {"PROPN", "NOUN"} and token.head.pos_ in {"NOUN", "PROPN"}:
            owner = token.head
            owned = [t for t in owner.subtree if t.i not in {x.i for x in token.subtree}
                     and not (t.dep_ == "case" and t.head.i == token.i)]
            case = {c.i for c in token.children if c.dep_ == "case"}
            yield "has", [phrase(token, exclude=case), _words(t for t in owned if t.i >= owner.i or t.head.i == owner.i
                                                   and t.dep_ in {"amod", "compound", "nummod"})], 0.2
        title = _title_tuple(token) if token.pos_ == "PROPN" else None
        if title is not None:
            yield "be", list(title), 0.6
        if token.dep_ == "prep" and token.lower_ in {"in", "at"} and token.head.pos_ in {"NOUN", "PROPN"}:
            pobj = [c for c in token.children if c.dep_ == "pobj" and c.ent_type_ in {"GPE", "LOC", "FAC"}]
            if pobj:
                head = token.head
                yield "be " + token.lower_, [phrase(head, exclude={t.i for t in token.subtree}), phrase(pobj[0])], 0.4
