"""Where the event clustering loses, gold topic by gold topic: ``python -m benchmarks.events --by-topic``.

For each gold topic of the split, three figures against the whole split's CoNLL F1:

* **fixed**: the gain if that topic's gold mentions (mapped or not) were clustered exactly as the gold does, every
  other topic left as the product has it: all that topic loses, coverage included;
* **split**: the gain if only the product's nodes were split by gold cluster within that topic: what its wrong
  merges cost (two happenings of one kind on one node);
* **sub-topics as stories**: the gain if the topic's mapped mentions were split by the gold sub-topic of their
  article (ECB+ holds two real happenings of one kind per topic, ``N_Kecb`` and ``N_Kecbplus``): what the
  story grouping loses by joining them.

Beside them, the product stories the topic's articles fall into (read from the ``story`` of their Event lines in
the mentions export), each with its articles by gold sub-topic, so a story joining both sub-topics or a
sub-topic spread over several stories shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from benchmarks import coref
from benchmarks.corpora import GoldCorpus, read_jsonl

Mapped = Mapping[tuple[str, str], "str | None"]


@dataclass(frozen=True)
class TopicLoss:
    """What one gold topic costs the split's CoNLL F1 (points, 0–100), and the stories its articles fall into."""

    topic: str
    mentions: int
    fixed: float
    split: float
    by_subtopic: float
    stories: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()


def subtopic(doc_id: str) -> str:
    """The gold sub-topic of an ECB+ article: its topic and ``ecb`` or ``ecbplus``.

    >>> subtopic("35_10ecbplus"), subtopic("35_1ecb")
    ('35 ecbplus', '35 ecb')
    """
    topic, _, rest = doc_id.partition("_")
    return f"{topic} {rest.lstrip('0123456789')}"


def article_stories(path: Path) -> dict[str, str]:
    """The story of each article of a mentions-jsonl export: the ``story`` most of its Event lines carry."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for record in read_jsonl(path):
        if record.get("node_label") == "Event" and record.get("story"):
            counts[str(record["source"])][str(record["story"])] += 1
    return {source: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for source, c in counts.items()}


def story_b3(stories: Mapping[str, str]) -> tuple[float, float, float]:
    """Document-level B³ (precision, recall, F1, 0–1) of the product stories (article → story) against the gold
    sub-topics (``subtopic``).

    >>> [round(x, 3) for x in story_b3({"1_1ecb": "s1", "1_2ecb": "s1", "1_3ecbplus": "s1", "1_4ecbplus": "s2"})]
    [0.667, 0.75, 0.706]
    """
    by_story: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for doc, story in stories.items():
        by_story[story].add(doc)
        by_gold[subtopic(doc)].add(doc)
    shared = {doc: len(by_story[story] & by_gold[subtopic(doc)]) for doc, story in stories.items()}
    n = len(stories) or 1
    precision = sum(shared[d] / len(by_story[s]) for d, s in stories.items()) / n
    recall = sum(shared[d] / len(by_gold[subtopic(d)]) for d in stories) / n
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def topic_losses(corpus: GoldCorpus, mapped: Mapped, stories: Mapping[str, str] | None = None) -> list[TopicLoss]:
    """Each gold topic's loss (see the module notes), the costliest first."""
    key = coref.key_clusters(corpus)
    base = coref.score(key, coref.response_clusters(dict(mapped))).conll
    topic = {a.doc_id: a.topic for a in corpus.articles}
    gold = {m.key: m.cluster for m in corpus.mentions}
    stories = stories or {}

    def gain(change) -> float:
        changed = {k: change(k, node) if topic[k[0]] == t else node for k, node in mapped.items()}
        return 100 * (coref.score(key, coref.response_clusters(changed)).conll - base)

    losses = []
    for t in sorted(set(topic.values()), key=lambda x: (len(x), x)):
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for doc_id in sorted(d for d in topic if topic[d] == t):
            table[stories.get(doc_id, "(none)")][subtopic(doc_id).split(" ")[1]] += 1
        losses.append(TopicLoss(
            t, sum(topic[k[0]] == t for k in mapped),
            gain(lambda k, node: "gold\x1f" + gold[k]),
            gain(lambda k, node: None if node is None else f"{node}\x1f{gold[k]}"),
            gain(lambda k, node: None if node is None else f"{node}\x1f{subtopic(k[0])}"),
            tuple(sorted(((s, tuple(sorted(c.items()))) for s, c in table.items()),
                         key=lambda sc: (-sum(n for _, n in sc[1]), sc[0])))))
    return sorted(losses, key=lambda loss: (-loss.fixed, loss.topic))


def lines(losses: Iterable[TopicLoss]) -> list[str]:
    """The printed breakdown: one line per topic, its stories' articles by gold sub-topic after it.

    >>> lines([TopicLoss("35", 120, 2.25, 1.26, 0.86, (("story:ab", (("ecb", 10), ("ecbplus", 10))),))])[1]
    '  35          120    2.25    1.26        0.86   ab: ecb 10 + ecbplus 10'
    """
    out = [f"  {'topic':<6}{'mentions':>9}  {'fixed':>6}  {'split':>6}  {'sub-topics':>10}   product stories: "
           "articles by gold sub-topic"]
    for loss in losses:
        stories = "; ".join(f"{sid.rsplit(':', 1)[-1][-4:]}: " + " + ".join(f"{sub} {n}" for sub, n in counts)
                            for sid, counts in loss.stories)
        out.append(f"  {loss.topic:<6}{loss.mentions:>9}  {loss.fixed:6.2f}  {loss.split:6.2f}  "
                   f"{loss.by_subtopic:10.2f}   {stories}")
    return out
