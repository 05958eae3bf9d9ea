"""Open information extraction: n-ary (relation, [arg1, arg2, ...], confidence) tuples from a spaCy parse.

The open-IE rendering of the clauses the graph's triples come from (``newsgraph.ingest.clauses``), as the CaRB
benchmark scores them: arguments are whole phrases as written, the relation keeps its auxiliaries and negation,
and the verb's prepositional, temporal and adverbial modifiers become extra arguments after the object.
Constructions: active and passive clauses, xcomp chains ("declined to commit to"), copulas ("X ; is ; Y"),
coordinated verbs, subjects and objects (split), relative and participial clauses, appositions ("X, the
president of Y" → "X ; is ; the president of Y"), and implicit relations inside noun phrases.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.clauses import RELATIVE, antecedent, appositions, find_clauses, split_conjuncts

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


def phrase(token: Token, *, cut_commas: bool = True, split_conj: bool = True, exclude: set[int] = frozenset()) -> str:
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
    return [verb] + [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"}
                     or c.dep_ == "prt" and not any(g.dep_ == "pobj" for g in c.children)]


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
            base = 0.6 - penalty - appos_penalty - 0.1 * (subject.pos_ == "PRON") - 0.04 * max(len(subject_text.split()) - 6, 0) ** 0.5
            base += 0.05 * (verb.dep_ == "ROOT")
            yield from _emit(rel_tokens, subject_text, objects, preps, extras, clause.relative_object, base, inside)


def _emit(rel_tokens, subject_text, objects, preps, extras, relative_object, base, inside):
    rel = sorted(rel_tokens, key=lambda t: t.i)
    relation = _words(rel)
    extra_args = [phrase(p, split_conj=False) for p in sorted(preps + extras, key=lambda t: t.i)]
    if relative_object is not None:
        yield relation, [subject_text, phrase(relative_object, exclude=inside), *extra_args], base - 0.05
        return
    if objects:
        first = objects[0]
        for obj in split_conjuncts(first) if first.dep_ not in CLAUSE_OBJECT_DEPS else [first]:
            others = [phrase(o, split_conj=False) for o in objects[1:]]
            text = phrase(obj, split_conj=first.dep_ not in CLAUSE_OBJECT_DEPS)
            conf = base - 0.1 * (first.dep_ in CLAUSE_OBJECT_DEPS) - 0.03 * len(extra_args)
            yield relation, [subject_text, text, *others, *extra_args], conf
        return
    if preps:
        first = sorted(preps, key=lambda t: t.i)[0]
        pobjs = [c for c in first.children if c.dep_ in {"pobj", "pcomp"}]
        if pobjs:
            rest = [phrase(p, split_conj=False) for p in sorted(preps + extras, key=lambda t: t.i) if p.i != first.i]
            rel_words = relation + " " + first.text
            for pobj in split_conjuncts(pobjs[0]):
                yield rel_words, [subject_text, phrase(pobj), *rest], base - 0.05 - 0.03 * len(rest)
            return
    if extras:
        yield relation, [subject_text, *extra_args], base - 0.2


def _apposition_tuples(sent: Span):
    for head, token in appositions(sent):
        yield "is", [phrase(head), phrase(token)], 0.55


TITLES = {"president", "mr.", "mrs.", "ms.", "dr.", "gov.", "sen.", "rep.", "gen.", "judge", "chairman", "king",
          "queen", "prince", "minister", "secretary", "senator", "governor", "general", "professor", "captain"}


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
        if token.dep_ == "compound" and token.lower_ in TITLES and token.head.pos_ == "PROPN" \
                and token.i < token.head.i:
            yield "is", [token.head.text, token.text], 0.2
        if token.dep_ == "prep" and token.lower_ in {"in", "at"} and token.head.pos_ in {"NOUN", "PROPN"}:
            pobj = [c for c in token.children if c.dep_ == "pobj" and c.ent_type_ in {"GPE", "LOC", "FAC"}]
            if pobj:
                head = token.head
                yield "is " + token.lower_, [phrase(head, exclude={t.i for t in token.subtree}), phrase(pobj[0])], 0.5
