"""Cross-document coreference scoring of the product alone, from its ``mentions-jsonl`` export.

Shared by ``benchmarks.events`` (event mentions) and ``benchmarks.resolution`` (entity mentions). The product sees
the articles only; gold data is used here, after the fact, to score what it exported:

1. **Gold** (``benchmarks/corpora.py``): ECB+ (``mentions_train_dev.jsonl``: one split's topics, selected
   sentences only, singletons kept) or MEANTIME (every entity mention), pre-tokenised articles whose text is what
   the product ingests.
2. **Heads.** Each gold span is reduced to its head token: the spaCy parse of the article (a ``Doc`` built from
   those tokens and sentences, so token indices and offsets are the gold ones) gives the token of the span whose
   syntactic head lies outside it; from a preposition, determiner or particle it descends to the content word
   ("in the Gulf of Aden" → Gulf, "under the control" → control). A gold token that holds a possessive or
   contracted ending ("Buckley's", "Chargers'": ECB+ writes some so) is its word without it (``clitic_length``),
   as the product's tokenizer cuts it.
3. **Mapping.** A gold mention takes the ``node_id`` of the product mention that covers its head token's
   characters, among the product mentions whose ``node_label`` is one the scorer accepts (``Event`` for events;
   ``Entity`` and ``Concept`` for entities). When several do, the one containing the whole head token wins over
   a mere overlap, then the shortest, then the earlier label in the accepted order. A gold mention with no such
   product mention is a singleton.
4. **Scores.** MUC, B³ and CEAF-e F1 from ``scorch`` and the CoNLL F1, their mean; and the coverage, the share of
   gold mentions that found a product mention.

Reference clusterings on the same gold mentions: all singletons, and the same head lemma (lower case), within the
gold topic (the usual baseline; it uses gold topics, the product does not) or over the whole split.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.corpora import Article, BenchmarkInputError, GoldCorpus, read_jsonl, token_offsets

if TYPE_CHECKING:  # spaCy is imported where the parse happens, so scoring alone needs no model
    from spacy.language import Language
    from spacy.tokens import Doc

#: Node labels of the mentions-jsonl export.
NODE_LABELS = ("Entity", "Concept", "Event")
_FUNCTION_POS = frozenset({"ADP", "DET", "PUNCT", "PART", "SCONJ"})
_FIELDS = ("source", "start", "end", "node_id", "node_label")


@dataclass(frozen=True)
class ProductMention:
    """One line of the product's ``mentions-jsonl`` export."""

    source: str
    start: int
    end: int
    node_id: str
    node_label: str
    text: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Head:
    """The head token of a gold mention: its character span in the article text, lemma (lower case) and part of
    speech."""

    start: int
    end: int
    lemma: str
    pos: str = ""


@dataclass(frozen=True)
class Scores:
    """F1 of MUC, B³, CEAF-e and CoNLL (their mean), in [0, 1]."""

    muc: float
    b3: float
    ceaf_e: float

    @property
    def conll(self) -> float:
        return (self.muc + self.b3 + self.ceaf_e) / 3


# --------------------------------------------------------------------------------------------- product


def read_product_mentions(path: Path) -> list[ProductMention]:
    """Read a ``mentions-jsonl`` export.

    Raises:
        BenchmarkInputError: the file is missing, a line is not JSON, lacks a field, or has a bad label or span.
    """
    found = []
    for number, record in enumerate(read_jsonl(path), start=1):
        missing = [f for f in _FIELDS if record.get(f) is None]
        if missing:
            raise BenchmarkInputError(f"{path}: mention {number} lacks {', '.join(missing)}")
        if record["node_label"] not in NODE_LABELS:
            raise BenchmarkInputError(f"{path}: mention {number} has node_label {record['node_label']!r}; "
                                      f"expected one of {', '.join(NODE_LABELS)}")
        start, end = int(record["start"]), int(record["end"])
        if not 0 <= start < end:
            raise BenchmarkInputError(f"{path}: mention {number} has an empty or negative span {start}..{end}")
        found.append(ProductMention(str(record["source"]), start, end, str(record["node_id"]),
                                    record["node_label"], record.get("text") or "", record.get("kind") or ""))
    return found


# --------------------------------------------------------------------------------------------- heads


def parse_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> dict[str, Doc]:
    """Parse pre-tokenised articles with ``nlp``, keeping their tokens and sentence starts."""
    from spacy.tokens import Doc

    articles = list(articles)
    unparsed = []
    for article in articles:
        words = [w for s in article.sentences for w in s]
        starts = [i == 0 for s in article.sentences for i in range(len(s))]
        unparsed.append(Doc(nlp.vocab, words=words, spaces=[True] * len(words), sent_starts=starts))
    return {a.doc_id: doc for a, doc in zip(articles, nlp.pipe(unparsed, batch_size=batch_size))}


def head_token(doc: Doc, tokens: Sequence[int]) -> int:
    """The head of a gold span: its token whose syntactic head lies outside the span (the first such), and from a
    preposition, determiner, particle or punctuation the content word below it in the span."""
    inside = set(tokens)
    roots = [i for i in tokens if doc[i].head.i not in inside or doc[i].head.i == i] or [tokens[-1]]
    head = doc[roots[0]]
    while head.pos_ in _FUNCTION_POS:
        below = [c for c in head.children if c.i in inside and c.pos_ != "PUNCT"]
        if not below:
            content = [i for i in tokens if doc[i].pos_ not in _FUNCTION_POS]
            return content[-1] if content else tokens[-1]
        head = below[-1]
    return head.i


def gold_heads(corpus: GoldCorpus, docs: dict[str, Doc]) -> dict[tuple[str, str], Head]:
    """The head token of every gold mention: its character span in the article text and its lemma."""
    offsets = {a.doc_id: token_offsets(a) for a in corpus.articles}
    heads = {}
    for m in corpus.mentions:
        doc = docs[m.doc_id]
        i = head_token(doc, m.tokens)
        start, end = offsets[m.doc_id][i]
        heads[m.key] = Head(start, end - clitic_length(doc[i].text), doc[i].lemma_.lower(), doc[i].pos_)
    return heads


#: Possessive and contracted endings a corpus may write inside one token ("Buckley's", "Chargers'", "she's").
_CLITICS = ("'s", "’s", "'", "’")


def clitic_length(word: str) -> int:
    """The length of the possessive or contracted ending of a gold token that holds one: the word is its head,
    which a product mention of the name ("Buckley", cut before "'s" as the product's tokenizer cuts it) covers,
    while a phrase that holds the whole token ("Buckley's death") would otherwise win the mapping.

    >>> [clitic_length(w) for w in ("Buckley's", "Chargers'", "she's", "Games’", "'s", "O'Brien", "Buckley")]
    [2, 1, 2, 1, 0, 0, 0]
    """
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 1:
            return len(clitic)
    return 0


# --------------------------------------------------------------------------------------------- mapping


def map_to_nodes(heads: dict[tuple[str, str], Head], product: Iterable[ProductMention],
                 labels: Sequence[str]) -> dict[tuple[str, str], str | None]:
    """The node of each gold mention: that of the product mention with an accepted label covering its head
    token (see the module notes), or ``None``.

    >>> heads = {("d", "1"): Head(4, 9, "shoot"), ("d", "2"): Head(20, 24, "kill")}
    >>> product = [ProductMention("d", 0, 12, "n1", "Event"), ProductMention("d", 4, 9, "n2", "Event"),
    ...            ProductMention("d", 20, 24, "n3", "Entity")]
    >>> map_to_nodes(heads, product, ["Event"])
    {('d', '1'): 'n2', ('d', '2'): None}
    """
    order = {label: rank for rank, label in enumerate(labels)}
    by_source: dict[str, list[ProductMention]] = defaultdict(list)
    for p in product:
        if p.node_label in order:
            by_source[p.source].append(p)
    mapped: dict[tuple[str, str], str | None] = {}
    for key, head in heads.items():
        covering = [p for p in by_source.get(key[0], ()) if p.start < head.end and p.end > head.start]
        if not covering:
            mapped[key] = None
            continue
        best = min(covering, key=lambda p: (not (p.start <= head.start and head.end <= p.end), p.end - p.start,
                                            order[p.node_label], p.start, p.node_id))
        mapped[key] = best.node_id
    return mapped


def response_clusters(mapped: dict[tuple[str, str], str | None]) -> list[set]:
    """Gold mentions grouped by the node they map to; an unmapped mention is a singleton.

    >>> sorted(sorted(c) for c in response_clusters({("d", "1"): "n", ("e", "1"): "n", ("d", "2"): None}))
    [[('d', '1'), ('e', '1')], [('d', '2')]]
    """
    clusters: dict[object, set] = defaultdict(set)
    for key, node in mapped.items():
        clusters[key if node is None else ("node", node)].add(key)
    return list(clusters.values())


def key_clusters(corpus: GoldCorpus) -> list[set]:
    """The gold clustering of the corpus's mentions."""
    clusters: dict[str, set] = defaultdict(set)
    for m in corpus.mentions:
        clusters[m.cluster].add(m.key)
    return list(clusters.values())


def singletons(corpus: GoldCorpus) -> list[set]:
    """Every gold mention alone: the all-singletons baseline."""
    return [{m.key} for m in corpus.mentions]


def lemma_clusters(corpus: GoldCorpus, heads: dict[tuple[str, str], Head], *, gold_topics: bool) -> list[set]:
    """Gold mentions grouped by their head lemma, within each gold topic or over the whole corpus."""
    topic = {a.doc_id: a.topic for a in corpus.articles}
    clusters: dict[tuple[str, str], set] = defaultdict(set)
    for m in corpus.mentions:
        clusters[(topic[m.doc_id] if gold_topics else "", heads[m.key].lemma)].add(m.key)
    return list(clusters.values())


def mapped_ceiling(corpus: GoldCorpus, mapped: dict[tuple[str, str], str | None]) -> list[set]:
    """The gold clusters of the mapped mentions, the unmapped ones singletons: what a perfect merge of the
    mentions the product found would score at this coverage."""
    gold = {m.key: m.cluster for m in corpus.mentions}
    return response_clusters({key: None if node is None else gold[key] for key, node in mapped.items()})


def coverage(mapped: dict[tuple[str, str], str | None]) -> float:
    """The share of gold mentions mapped to a product node.

    >>> coverage({("d", "1"): "n", ("d", "2"): None})
    0.5
    """
    return sum(node is not None for node in mapped.values()) / len(mapped) if mapped else 0.0


def score(key: Sequence[set], response: Sequence[set]) -> Scores:
    """MUC, B³ and CEAF-e F1 of ``response`` against ``key`` (``scorch``, the bench extra)."""
    from scorch import scores

    return Scores(scores.muc(key, response)[2], scores.b_cubed(key, response)[2], scores.ceaf_e(key, response)[2])


@dataclass(frozen=True)
class Evaluation:
    """The product's scores on one corpus, its coverage, and each gold mention's node."""

    scores: Scores
    coverage: float
    mapped: dict[tuple[str, str], str | None]


def evaluate(corpus: GoldCorpus, heads: dict[tuple[str, str], Head], product: Iterable[ProductMention],
             labels: Sequence[str]) -> Evaluation:
    """Map the gold mentions to the product's nodes of ``labels`` and score the clustering that gives."""
    mapped = map_to_nodes(heads, product, labels)
    return Evaluation(score(key_clusters(corpus), response_clusters(mapped)), coverage(mapped), mapped)


def unmapped_by_pos(heads: dict[tuple[str, str], Head], mapped: dict[tuple[str, str], str | None]) -> str:
    """How many unmapped gold mentions have which head part of speech, most first.

    >>> unmapped_by_pos({("d", "1"): Head(0, 1, "a", "NOUN"), ("d", "2"): Head(2, 3, "b", "VERB")},
    ...                 {("d", "1"): None, ("d", "2"): "n"})
    'NOUN 1'
    """
    counts = Counter(heads[key].pos or "?" for key, node in mapped.items() if node is None)
    return ", ".join(f"{pos} {n}" for pos, n in counts.most_common())


def line(label: str, s: Scores, extra: str = "") -> str:
    """One printed row: the label, then MUC, B³, CEAF-e and CoNLL F1 in percent."""
    return (f"  {label:46} {100 * s.muc:5.1f} {100 * s.b3:5.1f} {100 * s.ceaf_e:6.1f} {100 * s.conll:6.1f}"
            + (f"   {extra}" if extra else ""))


HEADER = f"  {'':46} {'MUC':>5} {'B3':>5} {'CEAF-e':>6} {'CoNLL':>6}"
