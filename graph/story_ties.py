"""Head nouns a story's articles tie to one entity: "the host" in one report is the Ellen DeGeneres another calls
"the host"; "the navy" in one is the Indian Navy the others name.

In-article linking (``newsgraph.ingest.nominals``) links a common-noun description to an entity only where the
article itself supports it; the same description in another report of the same happening, where that report
names no one it could denote, stays a concept of the story. This module collects, for each story, the head
nouns its articles tie to an entity:

- **descriptions** an article linked to an entity ("the host" → Ellen DeGeneres, "the company" → Tallgrass
  Distribution Ltd.), keyed by their last word as concepts are (``newsgraph.ingest.concepts.concept_head``);
- **the last word of an organisation's or a place's name** when it is a common noun of a body or a place ("Indian
  Navy" → "navy", "Vancouver Police" → "police", "Bayou La Batre Rural Health Clinic" → "clinic").

A name word no entity mention covers ("the Colts" where the model found no name, "SEACOM") is a concept mention
(``newsgraph.ingest.concepts``); it ties to the entity the story's articles name by that one word ("Colts" of
the Indianapolis Colts, "Seacom"), when they name no other entity so, and only where it is capitalised or starts
with a digit ("colts" stays the animals; "76ers" is a name). The word is matched as written, not by the model's
lemma ("Colts", "Saints", "76ers" may be lemmatised "colt", "saint", "76er"). A head noun's tie wins over a name
word's.

A head ties to an entity when one entity alone has it in the story, or when one entity has it in two articles or
more and in at least ``MAJORITY`` of the articles that tie it to anyone ("the host" is this year's host in most
reports and last year's in one). Graph building then takes a concept mention of the story whose
key is that bare head (no distinguishing modifier: "the next host", "the former coach" are other ones), that is
singular and that is no indefinite noun with an "of" phrase ("a host of other equipment") for a mention of the
entity (``newsgraph.graph.concepts.article_concepts``); each such link is logged as a ``Merge`` with rule
``description in the story``.

Scope: the articles of one chunk of an ingest. A story's articles in an earlier chunk keep the concept mentions
they were stored with, and a tie only a later chunk shows does not reach them (as with role descriptions,
``newsgraph.graph.roles``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgraph.ingest.concepts import concept_head
from newsgraph.ingest.names import name_key
from newsgraph.ingest.noun_classes import noun_class
from newsgraph.model import ArticleAnalysis, Resolution

#: The share of a head's articles the entity must have when other entities have the head too.
MAJORITY = 2 / 3
#: Entity types whose name's last word may be a head noun of a body or a place ("Indian Navy").
_NAMED_BODIES = frozenset({"Organization", "Place", "Group"})


@dataclass(frozen=True)
class StoryTie:
    """A head noun of a story tied to one entity: how many of the story's articles tie it to that entity
    (``articles``) and to any (``total``)."""

    story: str
    head: str
    entity_id: str
    articles: int
    total: int
    #: A name word ("Colts"): the story's articles name the entity by that word; only a capitalised mention of it
    #: is the entity's.
    name_word: bool = False
    #: An age ("61-year-old"): the story's articles give the entity that age, and no other (``story_ages``).
    age: bool = False

    @property
    def detail(self) -> str:
        if self.age:
            return f"{self.articles} of the articles of the story give this person the age {self.head!r}, no other"
        if self.name_word:
            return (f"{self.articles} of the articles of the story name this entity {self.head!r}, and no other "
                    "entity of the story")
        return (f"{self.articles} of the {self.total} articles of the story that tie {self.head!r} to an entity "
                "tie it to this one")


def story_ties(analyses: Iterable[ArticleAnalysis], resolution: Resolution,
               story_of: Mapping[str, str]) -> dict[tuple[str, str], StoryTie]:
    """(story id, concept head) → the entity the story's articles tie that head noun to (module notes).

    Articles with no story tie nothing: an article on its own has its in-article links already.

    >>> from newsgraph.model import Article, Entity, Mention
    >>> def art(i, *mentions):
    ...     return ArticleAnalysis(Article(i, "x"), tuple(Mention(i, 0, 1, t, "", k, n) for n, (t, k) in
    ...                                                    enumerate(mentions)), (), ())
    >>> res = Resolution((Entity("e", "Ellen DeGeneres", "Person"), Entity("n", "Indian Navy", "Organization")),
    ...                  {("a", 0): "e", ("b", 0): "e", ("b", 1): "n"})
    >>> ties = story_ties([art("a", ("the host", "description")), art("b", ("The host", "description"),
    ...                    ("Indian Navy", "name"))], res, {"a": "story:s", "b": "story:s"})
    >>> sorted((k, t.entity_id, t.articles) for k, t in ties.items())
    [(('story:s', 'host'), 'e', 2), (('story:s', 'navy'), 'n', 1)]
    """
    analyses = list(analyses)
    entities = {e.id: e for e in resolution.entities}
    found: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (story, head) → {(entity, article)}
    for analysis in analyses:
        source = analysis.article.id
        story = story_of.get(source, "")
        if not story:
            continue
        for mention in analysis.mentions:
            entity_id = resolution.assignment.get((source, mention.local_id))
            if entity_id is None or entity_id not in entities:
                continue
            head = _head(mention.text, mention.kind, entities[entity_id].type)
            if head:
                found[(story, head)].add((entity_id, source))
    ties = _name_word_ties(analyses, resolution, story_of, entities)
    for (story, head), pairs in sorted(found.items()):
        votes = Counter(entity_id for entity_id, _ in pairs)
        (best, n), total = max(votes.items(), key=lambda kv: (kv[1], kv[0])), sum(votes.values())
        if len(votes) == 1 or n >= 2 and n >= MAJORITY * total and list(votes.values()).count(n) == 1:
            ties[(story, head)] = StoryTie(story, head, best, n, total)
    return ties


def _name_word_ties(analyses: list[ArticleAnalysis], resolution: Resolution, story_of: Mapping[str, str],
                    entities: Mapping[str, object]) -> dict[tuple[str, str], StoryTie]:
    """(story id, word) → the one entity the story's articles name by that one word ("Colts", "SEACOM").

    >>> from newsgraph.model import Article, Entity, Mention
    >>> def art(i, *names):
    ...     return ArticleAnalysis(Article(i, "x"), tuple(Mention(i, 0, 1, t, "", "name", n) for n, t in
    ...                                                    enumerate(names)), (), ())
    >>> res = Resolution((Entity("c", "Indianapolis Colts", "Organization"), Entity("p", "Colt Peters", "Person")),
    ...                  {("a", 0): "c", ("a", 1): "p", ("b", 0): "p"})
    >>> sorted((k, t.entity_id) for k, t in _name_word_ties([art("a", "Colts", "Peters"), art("b", "Peters")], res,
    ...                                                    {"a": "story:s", "b": "story:s"}, {"c": 1, "p": 1}).items())
    [(('story:s', 'colts'), 'c'), (('story:s', 'peters'), 'p')]
    """
    named: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for analysis in analyses:
        source = analysis.article.id
        story = story_of.get(source, "")
        for mention in analysis.mentions if story else ():
            entity_id = resolution.assignment.get((source, mention.local_id))
            if entity_id is None or entity_id not in entities or mention.kind != "name":
                continue
            key = name_key(mention.text)
            if key.isalnum() and not key.isdigit() and len(key) >= 2:
                named[(story, key)][entity_id].add(source)
    return {(story, key): StoryTie(story, key, entity_id, len(sources), len(sources), name_word=True)
            for (story, key), by_entity in sorted(named.items()) if len(by_entity) == 1
            for entity_id, sources in by_entity.items()}


def _head(text: str, kind: str, entity_type: str) -> str:
    """The head noun a mention ties to its entity: a description's last word; the last word of an organisation's
    or a place's name of two words or more when it is a common noun of a body or a place ("Indian Navy"); else "".

    >>> _head("the recently- fired man", "description", "Person"), _head("Indian Navy", "name", "Organization")
    ('man', 'navy')
    >>> _head("Ellen DeGeneres", "name", "Person"), _head("Navy", "name", "Organization")
    ('', '')
    """
    words = [w for w in (w.strip(".,;:'\"’”“()") for w in text.split()) if w]
    if not words or not words[-1].isalpha():
        return ""
    last = words[-1].lower()
    if kind == "description":
        return concept_head(last)
    if kind == "name" and entity_type in _NAMED_BODIES and len(words) >= 2 and noun_class(last) not in {None,
                                                                                                       "PERSON"}:
        return concept_head(last)
    return ""
