"""The resolution benchmark's adapter: how gold mentions are mapped onto the product's output (head tokens, the
fallback by head word within an event block, document and event blocks). See ``benchmarks/resolution.py``."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from resolution import Corpus, ProductOutput

PRONOUNS = frozenset(
    """i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself
    we us our ours ourselves they them their theirs themselves who whom whose which that this these those one
    someone anyone everyone""".split())


def head_token(doc: Doc, tokens: Sequence[int]) -> int:
    """The token of a gold span whose syntactic head lies outside the span (the last such token)."""
    inside = set(tokens)
    roots = [i for i in tokens if doc[i].head.i not in inside or doc[i].head.i == i] or [tokens[-1]]
    head = doc[roots[0]]
    while head.pos_ in {"ADP", "DET", "PUNCT", "PART", "SCONJ"}:  # "in the Gulf of Aden" → Gulf
        below = [c for c in head.children if c.i in inside and c.pos_ not in {"PUNCT"}]
        if not below:
            content = [i for i in tokens if doc[i].pos_ not in {"ADP", "DET", "PUNCT", "PART", "SCONJ"}]
            return content[-1] if content else tokens[-1]
        head = below[-1]
    return head.i


def head_word(token) -> str:
    """The fallback key of a head token: its lemma in lower case, without a possessive ending."""
    word = token.lemma_.lower() if token.pos_ in {"NOUN"} else token.lower_
    return word.removesuffix("'s").removesuffix("’s").rstrip("'’") or word


def doc_clusters(docs: dict[str, Doc], threshold: float) -> dict[str, str]:
    """Adapter: group documents by cosine similarity of their noun / proper-noun lemma counts (single link)."""
    vectors = {}
    for doc_id, doc in docs.items():
        counts = Counter(t.lemma_.lower() for t in doc if t.pos_ in {"PROPN", "NOUN"} and t.is_alpha and len(t) > 2)
        df_weighted = counts
        norm = math.sqrt(sum(v * v for v in df_weighted.values())) or 1.0
        vectors[doc_id] = {k: v / norm for k, v in df_weighted.items()}
    df = Counter(k for v in vectors.values() for k in v)
    n = len(vectors)
    idf = {k: math.log(n / c) for k, c in df.items()}
    for doc_id, vec in vectors.items():
        weighted = {k: v * idf[k] for k, v in vec.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        vectors[doc_id] = {k: v / norm for k, v in weighted.items()}
    ids = list(vectors)
    parent = {d: d for d in ids}

    def find(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for i, a in enumerate(ids):
        va = vectors[a]
        for b in ids[i + 1:]:
            vb = vectors[b]
            small, large = (va, vb) if len(va) < len(vb) else (vb, va)
            if sum(v * large.get(k, 0.0) for k, v in small.items()) >= threshold:
                parent[find(a)] = find(b)
    return {d: find(d) for d in ids}


def event_clusters(docs: dict[str, Doc], blocks: dict[str, str], threshold: float) -> dict[str, str]:
    """Adapter: split each document block into events. Reports of one event share its particulars (the names of
    the people and places involved, ages, counts, times); two events of one kind share only the kind's vocabulary.
    Documents are compared on TF-IDF weighted proper-noun and number lemmas and merged by average link while the
    mean cosine similarity of two groups stays at ``threshold`` or above."""
    counts = {d: Counter(t.lemma_.lower() for t in doc if t.pos_ in {"PROPN", "NUM"} and (t.is_alpha or t.like_num))
              for d, doc in docs.items()}
    df = Counter(k for c in counts.values() for k in c)
    vectors = {}
    for d, c in counts.items():
        weighted = {k: (1 + math.log(n)) * math.log(len(docs) / df[k]) for k, n in c.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        vectors[d] = {k: v / norm for k, v in weighted.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for d in sorted(docs):
        members[blocks[d]].append(d)
    events = {}
    for block, ids in members.items():
        groups = [[d] for d in ids]
        sim = {(i, j): _cosine(vectors[a], vectors[b]) for i, a in enumerate(ids) for j, b in enumerate(ids) if i < j}
        alive = set(range(len(ids)))
        while len(alive) > 1:
            (i, j), best = max(((p, s) for p, s in sim.items()), key=lambda ps: (ps[1], -ps[0][0], -ps[0][1]))
            if best < threshold:
                break
            ni, nj = len(groups[i]), len(groups[j])
            for k in alive - {i, j}:
                a, b = (min(i, k), max(i, k)), (min(j, k), max(j, k))
                sim[a] = (ni * sim[a] + nj * sim[b]) / (ni + nj)
            groups[i] += groups[j]
            alive.discard(j)
            sim = {p: s for p, s in sim.items() if j not in p}
        for i in alive:
            for d in groups[i]:
                events[d] = f"{block}/{groups[i][0]}"
    return events


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = (a, b) if len(a) < len(b) else (b, a)
    return sum(v * large.get(k, 0.0) for k, v in small.items())


def response_clusters(corpus: Corpus, docs: dict[str, Doc], product: ProductOutput,
                      blocks: dict[str, str], fallback: bool) -> tuple[list[set], Counter]:
    """Adapter: the response clustering of the gold mentions (see the module docstring); ``blocks`` maps each
    document to its event (``event_clusters``)."""
    clusters: dict[str, set] = defaultdict(set)
    how = Counter()
    token_entity = product.token_entity
    word_entity: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (block, head word) → product entities
    for doc_id, entities in token_entity.items():
        for i in product.roots.get(doc_id, ()):
            if i in entities and docs[doc_id][i].lower_ not in PRONOUNS:
                word_entity[blocks[doc_id], head_word(docs[doc_id][i])][entities[i]] += 1
    noun_entity: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (block, noun) → entities it describes
    for doc_id, nouns in product.described.items():
        for noun, entity in nouns.items():
            noun_entity[blocks[doc_id], noun][entity] += 1
    for m in corpus.mentions:
        doc = docs[m.doc_id]
        head = head_token(doc, m.tokens)
        entity = token_entity.get(m.doc_id, {}).get(head)
        word = (blocks[m.doc_id], head_word(doc[head]))
        if entity is not None:
            key, how_ = f"entity:{entity}", "product entity"
        elif not fallback:
            key, how_ = f"single:{m.doc_id}:{m.mention_id}", "singleton"
        elif word in word_entity:
            key, how_ = f"entity:{word_entity[word].most_common(1)[0][0]}", "fallback head word → product entity"
        elif word in noun_entity:
            key, how_ = f"entity:{noun_entity[word].most_common(1)[0][0]}", "fallback noun → product description"
        else:  # a plural ("the climbers") is not the singular ("the climber")
            number = "plural" if doc[head].tag_ in {"NNS", "NNPS"} else "singular"
            key, how_ = f"lemma:{word[0]}:{word[1]}:{number}", "fallback head lemma"
        clusters[key].add((m.doc_id, m.mention_id))
        how[how_] += 1
    return list(clusters.values()), how
