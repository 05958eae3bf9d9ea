"""Concept nodes: the common-noun phrases of a story, merged within the story and never across stories.

A concept mention (``newsgraph.model.ConceptMention``) is keyed by its head noun and the modifiers that tell two
things of that head apart (``newsgraph.ingest.concepts``); the mentions of one key in one story are one concept
node, whatever article they come from: "mobilisation" and "mobilization", "the truce" and "a limited ceasefire",
"the actress" in two reports of one event. A generic noun ("time", "way") is kept to its article, unless the
mention is a time expression ("yesterday", "last week", "next year": the model tags it a date or time): the reports
of one happening write it of the same time, so it is a concept of the story like a named day. Node ids derive
from the scope (the story, or the article for a generic noun) and the key, so a later chunk or run MERGEs into the
same node, and two stories never share a concept: "time" or "decision" cannot tie unrelated stories together.
A concept is named after the most informative phrase of its mentions ("Somali pirates", "truce"), not its key.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from newsgraph.graph.story_ages import age_key, concept_age
from newsgraph.graph.story_days import DAY_PARTS, names_weekday, relative_day, weekday_of
from newsgraph.graph.story_ties import StoryTie
from newsgraph.ingest.concept_words import GENERIC_NOUNS, PLURAL_PRONOUN_WORDS, PRONOUN_WORDS
from newsgraph.ingest.concepts import concept_head
from newsgraph.ingest.names import slug
from newsgraph.ingest.numbers import SCALES, TENS, UNITS
from newsgraph.model import Arg, ArticleAnalysis, ConceptMention


def scoped_concept_id(key: str, scope: str) -> str:
    """The node id of the concept ``key`` in a scope (a story id, or ``source:<article id>``).

    >>> scoped_concept_id("limited ceasefire", "story:f29bc91bbdab169f")
    'concept:deb5f25afca9:limited-ceasefire'
    >>> scoped_concept_id("time", "story:a") != scoped_concept_id("time", "story:b")
    True
    """
    return f"concept:{hashlib.sha1(scope.encode()).hexdigest()[:12]}:{slug(key)}"


@dataclass
class ArticleConcepts:
    """The concept nodes of one article: each node's name and the mention spans the article has of it."""

    source: str
    story: str
    names: dict[str, str] = field(default_factory=dict)
    spans: dict[str, list[dict]] = field(default_factory=dict)
    #: entity id → the spans of the concept mentions the story ties to that entity (``story_ties``), and the tie
    linked: dict[str, list[dict]] = field(default_factory=dict)
    ties: dict[str, StoryTie] = field(default_factory=dict)
    _by_start: list[tuple[int, int, str]] = field(default_factory=list)

    def node_of(self, arg: Arg, fallback: str) -> tuple[str, str]:
        """(node id, name) of a triple argument with no entity: the concept of the first mention inside its span
        ("a limited ceasefire on energy infrastructure" → the ceasefire), else the concept named ``fallback``; the
        entity id when the story ties that mention to an entity (its name is then the caller's to give)."""
        inside = [(s, -e, node) for s, e, node in self._by_start if arg.start <= s and e <= arg.end]
        if inside:
            node = min(inside)[2]
            return node, self.names.get(node, fallback)
        key = " ".join(fallback.lower().split())
        node = scoped_concept_id(key, self._scope(key in GENERIC_NOUNS))
        self.names.setdefault(node, key)
        return node, key

    def _scope(self, generic: bool) -> str:
        return f"source:{self.source}" if generic or not self.story else self.story


def article_concepts(analysis: ArticleAnalysis, story: str,
                     ties: Mapping[tuple[str, str], StoryTie] | None = None, day: str = "") -> ArticleConcepts:
    """The concept nodes of an article in a story (its id; "" for an article with no story: it is one on its own),
    with the spans of each node's mentions in text order. A mention the story ties to an entity (``ties``, from
    ``newsgraph.graph.story_ties.story_ties``: its key is the bare head noun, singular) is a mention of that entity
    instead, in ``linked``. ``day`` is the story's day (``newsgraph.graph.story_days.story_days``): a relative day
    ("yesterday") of an article that names no weekday is a mention of it."""
    source = analysis.article.id
    found = ArticleConcepts(source, story)
    day = day if day and story and not names_weekday(analysis) else ""
    for mention in sorted(analysis.concepts, key=lambda m: (m.start, m.end)):
        span = {"source": source, "start": mention.start, "end": mention.end, "text": mention.text}
        tie = _tie(mention, story, ties, analysis.article.text[mention.end:mention.end + 12]) if ties else None
        if tie is not None:
            found.linked.setdefault(tie.entity_id, []).append({**span, "kind": "description"})
            found.ties[tie.entity_id] = tie
            found._by_start.append((mention.start, mention.end, tie.entity_id))
            continue
        key = day if day and relative_day(mention) else concept_key(mention)
        node = scoped_concept_id(key, found._scope(mention.generic and not mention.time))
        found.names.setdefault(node, key)
        found.spans.setdefault(node, []).append({**span, "kind": "phrase"})
        if not mention.time:  # "for the moment", "on Saturday": when, not what a relation is about
            found._by_start.append((mention.start, mention.end, node))
    return found


def concept_key(mention: ConceptMention) -> str:
    """The key a concept mention is merged by in its story: its own (``ConceptMention.key``), except that a part of
    a day written with one weekday is that day: a story's reports say "Friday", "Friday night" and "late Friday
    evening" of one day, and "Friday night" is no more "Wednesday night" than Friday is Wednesday.

    >>> def time(text, head):
    ...     return ConceptMention("a", 0, len(text), text, head, time=True)
    >>> [concept_key(time(t, h)) for t, h in (("Friday night", "night"), ("early Tuesday morning", "morning"),
    ...                                         ("the night", "night"), ("Friday", "friday"))]
    ['friday', 'tuesday', 'night', 'friday']
    """
    if mention.head in DAY_PARTS and (day := weekday_of(mention)):
        return day
    return mention.key


def _tie(mention: ConceptMention, story: str, ties: Mapping[tuple[str, str], StoryTie],
         after: str = "") -> StoryTie | None:
    """The story's tie of a concept mention: only a bare, singular head noun ("the host", "the host's", not "the
    next host" or "hosts", nor a plural pronoun that stands for it) that is no time and no generic noun, nor an
    indefinite one with an "of" phrase (``after`` is the text after the mention): "a host of other equipment", "a
    region of potential cooperation". A name word tie is found by the word as written ("Colts", "76ers"),
    capitalised or starting with a digit.

    A mention of many is none either: a plural as written (``written_plural``: "the women" of the head "woman"),
    or a head counted above one ("two women", "3 hosts").

    >>> tie = StoryTie("story:s", "host", "e", 2, 2)
    >>> [_tie(ConceptMention("a", 0, 8, text, "host", mods), "story:s", {("story:s", "host"): tie}, after) is tie
    ...  for text, mods, after in (("the host", (), " said"), ("the host's", (), " show"), ("a host", (), " of tools"),
    ...                            ("the next host", ("next",), ""), ("hosts", (), ""), ("their", (), " shows"),
    ...                            ("two hosts", (), ""))]
    [True, True, False, False, False, False, False]
    >>> woman = StoryTie("story:s", "woman", "e", 2, 2)
    >>> [_tie(ConceptMention("a", 0, 9, text, "woman"), "story:s", {("story:s", "woman"): woman}) is woman
    ...  for text in ("The woman", "the women", "two women", "The two women", "a woman")]
    [True, False, False, False, True]
    """
    if not story:
        return None
    words = mention.text.replace("’", "'").split()
    if _counted(mention.text):
        return None  # "two women", "the 3 suspects": many, never one entity of the story
    if (age := concept_age(mention)) and (aged := ties.get((story, age_key(age)))) is not None:
        return aged  # "a 61-year-old former employee": the story's one person of that age
    if mention.generic or mention.time or mention.key != mention.head:
        return None
    if words and words[0].lower() in {"a", "an"} and after.split()[:1] == ["of"]:
        return None  # a quantity or a kind, not the one in view
    if len(words) == 1 and words[0].lower() in PLURAL_PRONOUN_WORDS:
        return None  # "their" of "the two leaders": many, never the one the story ties the head to
    last = words[-1].lower().removesuffix("'s").rstrip("'") if words else ""
    # a plural ("the hosts", "the women") is no tie of its head; a name word as written may be one ("Colts",
    # "76ers": the model's lemma is "colt", "76er")
    tie = ties.get((story, mention.head)) if not written_plural(last, mention.head) else None
    if tie is None:
        written = ties.get((story, last))
        tie = written if written is not None and written.name_word else None
    if tie is not None and tie.name_word and not words[-1][:1].isupper() and not words[-1][:1].isdigit():
        return None  # "colts" in lower case: the animals, not the Colts the story names
    return tie


#: Nouns whose plural is written as their lemma, so the written word does not tell it from the singular.
_PLURAL_LEMMAS = frozenset({"people"})


def written_plural(word: str, head: str) -> bool:
    """Whether the head noun of a mention, as written (lower case, without a possessive ending), is a plural of its
    key ``head`` (the lemma, ``newsgraph.ingest.concepts.concept_head``): a word that is not its own lemma ("hosts"
    of "host", "women" of "woman", "children" of "child"), or a noun written alike in both numbers ("people"). A
    pronoun is judged by itself, not here.

    >>> [written_plural(w, h) for w, h in (("women", "woman"), ("hosts", "host"), ("host", "host"),
    ...     ("truce", "ceasefire"), ("cease-fire", "ceasefire"), ("co-worker", "colleague"), ("news", "news"),
    ...     ("buses", "bus"), ("people", "people"), ("who", "host"))]
    [True, True, False, False, False, False, False, True, True, False]
    """
    if not word or word in PRONOUN_WORDS:
        return False
    if word in _PLURAL_LEMMAS:
        return True
    return head not in {concept_head(word), concept_head(word.replace("-", ""))}


def _counted(text: str) -> bool:
    """Whether a phrase counts its head noun above one: a cardinal (``_counts_many``) before the head, on the
    phrase's last line, that is no part of a compound or a time ("a 38-year-old man" written "38 - year - old", "a
    two-time host", "06:13").

    >>> [_counted(t) for t in ("the two wounded men", "3 people", "a 38 - year - old man", "a two - time host",
    ...                        "Apr 12 2007\\nA fired accountant", "59 : 13 PM", "the man")]
    [True, True, False, False, False, False, False]
    """
    words = text.replace("’", "'").rsplit("\n", 1)[-1].split()
    return any(_counts_many(word) and words[i + 1][:1].isalpha() and (i == 0 or words[i - 1][-1:].isalnum())
               for i, word in enumerate(words[:-1]))


def _counts_many(word: str) -> bool:
    """Whether a word before a head noun counts it above one: a cardinal in words or digits ("two", "twenty-one",
    "dozen", "3", "1,200"), not a year ("2024") nor a compound ("two-time", "61-year-old").

    >>> [_counts_many(w) for w in ("two", "Twenty-one", "3", "1,200", "one", "1", "2024", "two-time", "first")]
    [True, True, True, True, False, False, False, False, False]
    """
    word = word.lower()
    if word.replace(",", "").isdigit():
        value = int(word.replace(",", ""))
        return value > 1 and not (len(word) == 4 and 1800 <= value <= 2100)
    parts = word.split("-")
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return True
    return word in TENS or word in SCALES or word in _COUNT_WORDS or UNITS.get(word, 0) > 1


#: Number words outside the units, tens and scales of ``newsgraph.ingest.numbers``.
_COUNT_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousands", "millions"})


#: Words a concept's name does not start with: articles, demonstratives, possessive pronouns, quantifiers and "no"
#: (a negation is the relation's, not the thing's: "gave no indication" is about an indication).
_LEADING = frozenset("""the a an this that these those its his her their our my your some any each every another
such no""".split())
#: The most words a concept name may have: a longer phrase is a description, not a name.
NAME_WORDS = 4


def concept_name(texts: Iterable[str], key: str) -> str:
    """The name of a concept: the most informative phrase of its mentions, without a leading article or possessive
    pronoun, never a pronoun that stands for it. A phrase of two or three words said twice or more ("Somali
    pirates") wins over a shorter one; else the most frequent phrase ("truce" over "ceasefire" in a story that says
    "truce" most), the key's own spelling first among equals; ``key`` when no mention gives a phrase of at most
    ``NAME_WORDS`` words.

    >>> concept_name(["the truce", "a ceasefire", "The truce", "the limited truce"], "ceasefire")
    'truce'
    >>> concept_name(["pirates", "Somali pirates", "the Somali pirates", "they"], "pirate")
    'Somali pirates'
    >>> concept_name(["the mobilisation", "the mobilization"], "mobilization")
    'mobilization'
    >>> concept_name(["a wider 30-day stop", "which"], "stop")
    'wider 30-day stop'
    """
    counts: Counter = Counter()
    spellings: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        words = text.replace("’", "'").split()
        if words and words[-1] in {"'s", "'"}:
            words.pop()
        elif words and words[-1].endswith(("'s", "'")):
            words[-1] = words[-1].rstrip("s").rstrip("'")
        while words and words[0].lower() in _LEADING:
            words.pop(0)
        if not words or len(words) > NAME_WORDS or "\n" in text:
            continue
        if len(words) == 1 and words[0].lower() in PRONOUN_WORDS:
            continue
        phrase = " ".join(words)
        counts[phrase.lower()] += 1
        spellings[phrase.lower()][phrase] += 1
    if not counts:
        return key
    best = max(counts, key=lambda p: (min(len(p.split()), 3) if counts[p] >= 2 else 1, counts[p], p == key,
                                      -len(p), p))
    # as most often written, lower case first ("Truce" opens a sentence, "truce" is the word)
    return max(spellings[best].items(), key=lambda kv: (kv[0][:1].islower(), kv[1], kv[0]))[0]


def name_concepts(graph: nx.MultiDiGraph) -> None:
    """Name each concept node of a built graph after its mentions (``concept_name``), in place."""
    texts: dict[str, list[str]] = defaultdict(list)
    for _, node, key, data in graph.edges(keys=True, data=True):
        if key == "MENTIONS" and graph.nodes[node].get("kind") == "Concept":
            texts[node].extend(m["text"] for m in data.get("mentions") or ())
    for node, found in texts.items():
        graph.nodes[node]["name"] = concept_name(found, graph.nodes[node]["name"])
