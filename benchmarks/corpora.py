"""The gold corpora of the coreference benchmarks, read from the shared data folder: ECB+ (one split's articles,
the gold mentions of one category in the selected sentences) and MEANTIME (every entity mention).

Both are pre-tokenised: an article's text is its sentences joined by ``"\\n"``, each sentence its tokens joined by
single spaces, so the tokens are ``line.split(" ")`` and their character offsets in the text are exact. That text
is what the product ingests (``write_articles``), so its offsets and the gold's are the same.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The orders the articles of a benchmark can be ingested in: a seeded shuffle, or sorted by article id (which
#: puts each gold topic's articles one after another, a hint the product's online story clustering would take).
ORDERS = ("shuffled", "sorted")

#: The ECB+ topics of each split in the standard setup (Cybulska and Vossen; Barhom et al. 2019).
ECB_DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
ECB_SPLITS = ("dev", "train")


class BenchmarkInputError(ValueError):
    """A gold or product file the benchmark cannot read; the message names the file and the problem."""


@dataclass(frozen=True)
class GoldMention:
    """One gold mention: its article, id, token indices (0-based, over the article's tokens) and cluster."""

    doc_id: str
    mention_id: str
    tokens: tuple[int, ...]
    cluster: str
    text: str

    @property
    def key(self) -> tuple[str, str]:
        return self.doc_id, self.mention_id


@dataclass(frozen=True)
class Article:
    """A gold article: its text exactly as the product ingests it, its sentences of tokens, topic and outlet."""

    doc_id: str
    text: str
    sentences: tuple[tuple[str, ...], ...]
    topic: str
    outlet: str = ""
    url: str = ""


@dataclass(frozen=True)
class GoldCorpus:
    """The articles of one benchmark and the gold mentions scored on them."""

    name: str
    articles: tuple[Article, ...]
    mentions: tuple[GoldMention, ...]

def read_jsonl(path: Path) -> Iterator[dict]:
    """The records of a JSON Lines file, blank lines skipped.

    Raises:
        BenchmarkInputError: the file cannot be read or a line is not JSON (its line number is named).
    """
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise BenchmarkInputError(f"{path}:{number}: not JSON ({exc.msg})") from None
    except OSError as exc:
        raise BenchmarkInputError(f"{path}: cannot read ({exc.strerror}); check --data") from None


def _article(doc_id: str, text: str, topic: str, outlet: str = "", url: str = "") -> Article:
    return Article(doc_id, text, tuple(tuple(line.split(" ")) for line in text.split("\n")), topic, outlet, url)


def load_ecbplus(data: Path, category: str, split: str = "dev") -> GoldCorpus:
    """The ECB+ articles of ``split`` and their gold mentions of ``category`` (``event`` or ``entity``) in the
    selected sentences, singletons kept.

    Raises:
        BenchmarkInputError: a file is missing or malformed, or the split or category is unknown.
    """
    if split not in ECB_SPLITS or category not in {"event", "entity"}:
        raise BenchmarkInputError(f"ECB+: no split {split!r} / category {category!r}; "
                                  f"choose {' or '.join(ECB_SPLITS)} and event or entity")
    root = data / "ecbplus"
    hosts: dict[str, tuple[str, str]] = {}
    try:
        for row in (root / "doc_sources.tsv").read_text(encoding="utf-8").splitlines()[1:]:
            cells = row.split("\t")
            if len(cells) >= 6:
                hosts[cells[0]] = (cells[5], cells[4])
    except OSError as exc:
        raise BenchmarkInputError(f"{root / 'doc_sources.tsv'}: cannot read ({exc.strerror}); check --data") from None
    articles = {}
    for doc in read_jsonl(root / "docs.jsonl"):
        topic = int(doc["topic"])
        if topic > 35 or (topic in ECB_DEV_TOPICS) != (split == "dev"):
            continue
        outlet, url = hosts.get(doc["doc_id"], ("", ""))
        articles[doc["doc_id"]] = _article(doc["doc_id"], doc["text"], str(topic), outlet, url)
    mentions = []
    for m in read_jsonl(root / "mentions_train_dev.jsonl"):
        if m["doc_id"] in articles and m["category"] == category and m["in_selected_sentence"]:
            # token_ids are 1-based over the article's tokens
            mentions.append(GoldMention(m["doc_id"], str(m["m_id"]), tuple(i - 1 for i in m["token_ids"]),
                                        str(m["cluster_id"]), m["text"]))
    ordered = tuple(articles[d] for d in sorted(articles))
    return GoldCorpus(f"ECB+ {split} {category} mentions", ordered, tuple(mentions))


def load_meantime(data: Path) -> GoldCorpus:
    """The 120 MEANTIME articles (outlet Wikinews, topic = the corpus folder) and their gold entity mentions.

    Raises:
        BenchmarkInputError: a file is missing or malformed.
    """
    root = data / "meantime"
    articles, sentence_starts = {}, {}
    for doc in read_jsonl(root / "meantime_docs.jsonl"):
        article = _article(doc["conll_doc_key"], doc["text"], doc["topic"], "Wikinews")
        articles[article.doc_id] = article
        starts, n = [], 0
        for sentence in article.sentences:
            starts.append(n)
            n += len(sentence)
        sentence_starts[article.doc_id] = starts
    path = root / "entities_mentions.json"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BenchmarkInputError(f"{path}: cannot read ({exc}); check --data") from None
    mentions = []
    for m in gold:  # tokens_number are 0-based within the sentence
        base = sentence_starts[m["conll_doc_key"]][m["sent_id"]]
        mentions.append(GoldMention(m["conll_doc_key"], m["mention_id"], tuple(base + i for i in m["tokens_number"]),
                                    m["coref_chain"], m["tokens_str"]))
    return GoldCorpus("MEANTIME entity mentions", tuple(articles[d] for d in sorted(articles)), tuple(mentions))


def article_records(corpus: GoldCorpus) -> list[dict]:
    """The corpus's articles as the product's article JSON Lines records (``id, outlet, url, text``).

    >>> corpus = GoldCorpus("toy", (Article("d1", "A b .", (("A", "b", "."),), "1", "example.com"),), ())
    >>> article_records(corpus)
    [{'id': 'd1', 'outlet': 'example.com', 'url': '', 'text': 'A b .'}]
    """
    return [{"id": a.doc_id, "outlet": a.outlet, "url": a.url, "text": a.text} for a in corpus.articles]


def arranged(items: Sequence, order: str = "sorted", seed: int = 0) -> list:
    """``items`` in ingest order: as given (``sorted``: the loaders sort by article id) or shuffled with ``seed``.

    >>> arranged(["a", "b", "c", "d"], "shuffled", 0), arranged(["a", "b", "c", "d"], "sorted", 0)
    (['c', 'a', 'b', 'd'], ['a', 'b', 'c', 'd'])

    Raises:
        BenchmarkInputError: the order is unknown.
    """
    if order not in ORDERS:
        raise BenchmarkInputError(f"no order {order!r}; choose {' or '.join(ORDERS)}")
    items = list(items)
    if order == "shuffled":
        random.Random(seed).shuffle(items)
    return items


def write_articles(corpus: GoldCorpus, path: Path, order: str = "sorted", seed: int = 0) -> Path:
    """Write ``article_records(corpus)`` to ``path``, one JSON object a line, in ``arranged`` order."""
    records = arranged(article_records(corpus), order, seed)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path

def token_offsets(article: Article) -> list[tuple[int, int]]:
    """The character span of each token of a pre-tokenised article.

    >>> token_offsets(_article("d", "Ab c\\nd", "1"))
    [(0, 2), (3, 4), (5, 6)]
    """
    spans, position = [], 0
    for sentence in article.sentences:
        for word in sentence:
            spans.append((position, position + len(word)))
            position += len(word) + 1  # the space, or the newline after the last token
    return spans
