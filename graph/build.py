"""Merge resolved triples and event mentions into one networkx MultiDiGraph.

Node ids: entity ids from resolution, ``concept:<scope>:<slug>`` for concepts (``newsgraph.graph.concepts``: one
per key and story, never shared by two stories), article ids for sources, ``story:…`` and
``event:…`` for stories and events. Node attribute ``kind`` is ``Entity``, ``Concept``, ``Source``, ``Story`` or
``Event`` (a source has ``published`` in ISO 8601 and ``published_raw`` as read).

Relation edges are the analysts' view: one per (subject, relation class, object), the class from
``newsgraph.ingest.lexicon`` ("declined to commit to" and "agreed to" are both ``AGREE_TO``, the first with negative
polarity), keyed by the class name ("be arrest" for a passive with no doer, ``Triple.passive``: not for "is set to
buy" or "is due to appear", whose subject buys and appears) and carrying ``id``, ``type`` (the relationship type),
``predicate`` (the class name), ``sources``, ``source_count`` and ``evidence`` (the rows of ``evidence.jsonl``: each
with its surface predicate, its polarity folded into ``negated``, ``hedged`` and ``conditional``, who said it
(``attributed_to``, ``on_behalf_of`` and ``speaker_text``), the ``event_id`` of its trigger, and the mention's
circumstances ``when``, ``when_text``, ``where``, ``where_text``, ``via``, ``via_text``, ``occasion``) and
``quantities``, the measures of its event (``newsgraph.ingest.quantities``: ``{"kind", "value", "unit", "text",
"approximate"}`` each).

Bookkeeping edges: ``MENTIONS`` (source → entity or concept, with the mention spans), ``REPORTS`` (source →
event, with the trigger spans, their flags, sentence and ``quantities``, and who told each:
``attributed_to``/``on_behalf_of`` as ``{entity_id, name}`` or None, ``speaker_text``), ``IN_STORY`` (source →
story), ``PART_OF`` (event → story) and ``HAS_PARTICIPANT`` (event → entity, with the role).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from newsgraph.gcpause import paused_gc
from newsgraph.graph.concepts import ArticleConcepts, article_concepts, name_concepts
from newsgraph.graph.copies import CopyAssignment
from newsgraph.graph.events import EventAssignment, assign_events
from newsgraph.graph.story_ages import story_ages
from newsgraph.graph.story_days import story_days
from newsgraph.graph.story_ties import story_ties
from newsgraph.ingest.lexicon import RelationClass, light_noun_class, relation_class
from newsgraph.ingest.lexicon_data import is_class_member, is_curated_class
from newsgraph.ingest.names import clean_name, slug
from newsgraph.ingest.trigger_rules import context_senses
from newsgraph.model import (
    CIRCUMSTANCE_FIELDS,
    QUANTITY_FIELDS,
    Arg,
    ArticleAnalysis,
    Endpoint,
    EntityRef,
    Evidence,
    Merge,
    Quantity,
    Relation,
    Resolution,
    StoryAssignment,
    Triple,
)

RESERVED_TYPES = {"MENTIONS", "IN_SOURCE", "ATTRIBUTED_TO", "REPORTS", "IN_STORY", "PART_OF", "HAS_PARTICIPANT",
                  "OF_EVENT", "RESOLVES_TO", "COPY_OF", "ON_BEHALF_OF"}

_TYPE_OK = re.compile(r"^[A-Z][A-Z0-9_]*$")


def relationship_type(predicate: str) -> str:
    """The sanitised relationship type of a predicate: upper case, ``[A-Z][A-Z0-9_]*``, at most 64 characters.

    >>> relationship_type("decline to commit to")
    'DECLINE_TO_COMMIT_TO'
    >>> relationship_type("2x; DROP")
    'REL_2X_DROP'
    """
    name = re.sub(r"[^A-Z0-9]+", "_", predicate.upper()).strip("_")[:64] or "RELATED_TO"
    if not name[0].isalpha() or name in RESERVED_TYPES:
        name = f"REL_{name}"[:64]
    assert _TYPE_OK.match(name), name
    return name


def concept_id(name: str) -> str:
    """The node id of a concept with no story (graph building keys concepts by story: ``scoped_concept_id``).

    >>> concept_id("limited ceasefire")
    'concept:limited-ceasefire'
    """
    return f"concept:{slug(name)}"


def edge_id(subject: str, predicate: str, obj: str) -> str:
    """A stable id for the relation (subject, predicate, object)."""
    return hashlib.sha1(f"{subject}\x1f{predicate}\x1f{obj}".encode()).hexdigest()[:16]


@paused_gc()  # many small records and dicts, none in a cycle: see newsgraph.gcpause
def build_graph(analyses: Iterable[ArticleAnalysis], resolution: Resolution,
                stories: StoryAssignment | None = None, copies: CopyAssignment | None = None) -> nx.MultiDiGraph:
    """Build the provenance graph of the analysed articles under a resolution, a story grouping (without one,
    every article is a story of its own) and the copies found among them and the stored sources (without them,
    every article is independent).

    The copies go in ``graph.graph["copies"]`` (``Copy`` records, also as ``COPY_OF`` edges where both sources
    are in this graph), the copy group of each new source and of each stored source whose group changed in
    ``graph.graph["copy_groups"]`` (source → group) and ``graph.graph["regrouped"]`` (those stored sources); a
    source node carries its ``copy_group``, MinHash signature (``minhash``) and shingle count (``shingles``)."""
    analyses = list(analyses)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(merges=list(resolution.merges))
    entities = {e.id: e for e in resolution.entities}
    story_of = dict(stories.assignment) if stories is not None else {}
    events = assign_events(analyses, story_of, resolution)
    ties = {**story_ties(analyses, resolution, story_of), **story_ages(analyses, resolution, story_of)}
    days = story_days(analyses, story_of)
    for story in stories.stories if stories is not None else ():
        graph.add_node(story.id, kind="Story", name=story.name, size=story.size, first=story.first,
                       last=story.last, terms=[t for t, _ in story.terms],
                       weights=[round(w * 1000) for _, w in story.terms])  # thousandths: compact over Bolt
    copies = copies or CopyAssignment()
    groups = dict(copies.groups)
    relations: dict[tuple[str, str, str], list[Evidence]] = {}  # each relation's evidence, first come first kept
    prints = {f.source: f for f in copies.fingerprints}
    graph.graph.update(copies=list(copies.copies), copy_groups=groups, regrouped=list(copies.regrouped))
    for analysis in analyses:
        article = analysis.article
        when = article.published or article.published_raw
        name = article.title or " ".join(p for p in (article.outlet, when) if p) or article.id
        graph.add_node(article.id, kind="Source", name=name, title=article.title, outlet=article.outlet,
                       url=article.url, published=article.published, published_raw=article.published_raw,
                       sha256=article.sha256, author=article.author, copy_group=groups.get(article.id, article.id),
                       text=article.text)
        if article.id in prints and prints[article.id].signature:
            graph.nodes[article.id].update(minhash=list(prints[article.id].signature),
                                           shingles=prints[article.id].shingles)
        spans: dict[str, list] = defaultdict(list)
        for mention in analysis.mentions:
            entity_id = resolution.assignment.get((article.id, mention.local_id))
            if entity_id is not None:
                spans[entity_id].append({"source": article.id, "start": mention.start, "end": mention.end,
                                         "text": mention.text, "kind": mention.kind})
        story_id = story_of.get(article.id, "")
        concepts = article_concepts(analysis, story_id, ties, days.get(story_id, ""))
        for entity_id, found in concepts.linked.items():  # concept mentions the story ties to an entity
            spans[entity_id].extend(found)
            tie = concepts.ties[entity_id]
            graph.graph["merges"].extend(Merge(entity_id, text, article.id, "description in the story", tie.detail)
                                         for text in dict.fromkeys(m["text"] for m in found))
        for entity_id, found in spans.items():
            _add_entity(graph, entities[entity_id])
            graph.add_edge(article.id, entity_id, key="MENTIONS", type="MENTIONS", count=len(found), mentions=found)
        for node, found in concepts.spans.items():
            _add_concept(graph, node, concepts.names[node], concepts.story)
            graph.add_edge(article.id, node, key="MENTIONS", type="MENTIONS", count=len(found), mentions=found)
        if article.id in story_of:
            graph.add_edge(article.id, story_of[article.id], key="IN_STORY", type="IN_STORY")
        _add_events(graph, analysis, events, resolution, entities, story_of.get(article.id, ""))
        senses = {m.start: m.lemma for m in analysis.events if m.kind == "verbal" and m.lemma in context_senses()}
        classes = {m.start: (m.lemma, m.event_class) for m in analysis.events if m.kind == "verbal"}
        for triple in analysis.triples:
            lemma, event_class = classes.get(triple.trigger_start, ("", ""))
            # the event's class is the relation's only where the predicate is the trigger itself ("hit"), not a
            # phrase of it with a preposition whose object is the relation's ("pulled over X on the freeway":
            # "pull on → freeway" is no halting of the freeway)
            own = triple.predicate.removeprefix("be ") == lemma
            _add_triple(graph, triple, resolution, entities, events, relations, concepts,
                        senses.get(triple.trigger_start, ""), event_class if own else "")
    for copy in copies.copies:
        if copy.source in graph and copy.original in graph:
            graph.add_edge(copy.source, copy.original, key="COPY_OF", type="COPY_OF", similarity=copy.similarity)
    for (subject, obj, key), evidence in relations.items():
        relation = Relation.of(evidence[0].edge_id, subject, obj, relationship_type(evidence[0].relation_class), key,
                               evidence, groups.get)
        graph.edges[subject, obj, key].update(relation.edge_attributes())
    name_concepts(graph)
    for node, data in graph.nodes(data=True):
        if data["kind"] == "Entity":
            mentions = [d for _, _, k, d in graph.in_edges(node, keys=True, data=True) if k == "MENTIONS"]
            data["mention_count"] = sum(d["count"] for d in mentions)
            data["source_count"] = len(mentions)
    return graph


def _add_entity(graph: nx.MultiDiGraph, entity) -> None:
    if entity.id not in graph:
        graph.add_node(entity.id, kind="Entity", name=entity.name, type=entity.type, aliases=list(entity.aliases))


def _add_concept(graph: nx.MultiDiGraph, node: str, name: str, story: str) -> None:
    if node not in graph:
        graph.add_node(node, kind="Concept", name=name, story=story)


def _node_of(arg: Arg, source: str, resolution: Resolution, entities, graph,
             concepts: ArticleConcepts | None = None) -> tuple[str, dict]:
    entity_id = resolution.assignment.get((source, arg.local_id)) if arg.local_id is not None else None
    if entity_id is not None:
        entity = entities[entity_id]
        _add_entity(graph, entity)
        return entity.id, {"entity_id": entity.id, "name": entity.name, "type": entity.type}
    # a concept, or a role description resolution left unlinked ("the US president" with no holder in sight)
    name = arg.concept or _unlinked_concept(arg.text)
    if concepts is None:
        node = concept_id(name)
    else:
        node, name = concepts.node_of(arg, name)
        if node in entities:  # a concept mention the story ties to an entity
            _add_entity(graph, entities[node])
            return node, {"entity_id": node, "name": entities[node].name, "type": entities[node].type}
    _add_concept(graph, node, name, concepts.story if concepts is not None else "")
    return node, {"entity_id": node, "name": name, "type": "Concept"}


def _unlinked_concept(text: str) -> str:
    """The concept name of a mention left without an entity: its words, lower case, without a leading article.

    >>> _unlinked_concept("The US president’s")
    'us president'
    """
    words = clean_name(text).lower().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in {"the", "a", "an"} else words)


def _add_events(graph: nx.MultiDiGraph, analysis: ArticleAnalysis, events: EventAssignment,
                resolution: Resolution, entities, story: str) -> None:
    """Event nodes of one article, its REPORTS edge to each (the trigger spans and flags, in text order), and
    each event's story and entity participants."""
    source = analysis.article.id
    for mention in analysis.events:
        node = events.of_trigger(source, mention.start)
        if node is None:
            continue
        if node not in graph:
            graph.add_node(node, kind="Event", name=mention.event_class, event_class=mention.event_class,
                           story=story)
            if story:
                graph.add_edge(node, story, key="PART_OF", type="PART_OF")
        if not graph.has_edge(source, node, "REPORTS"):
            graph.add_edge(source, node, key="REPORTS", type="REPORTS", mentions=[])
        attributed = _entity_ref(mention.attributed_to, source, resolution, entities)
        principal = _entity_ref(mention.on_behalf_of, source, resolution, entities)
        if principal is not None and attributed is not None and principal["entity_id"] == attributed["entity_id"]:
            principal = None
        graph.edges[source, node, "REPORTS"]["mentions"].append({
            "source": source, "start": mention.start, "end": mention.end, "text": mention.text,
            "lemma": mention.lemma, "kind": mention.kind, "negated": mention.negated, "hedged": mention.hedged,
            "conditional": mention.conditional,
            "sentence_start": mention.sentence_start, "sentence_end": mention.sentence_end,
            "sentence": analysis.article.text[mention.sentence_start:mention.sentence_end],
            "quantities": quantity_records(mention.quantities),
            "attributed_to": attributed, "on_behalf_of": principal, "speaker_text": mention.speaker_text})
        for participant in mention.participants:
            local_id = participant.arg.local_id
            entity_id = resolution.assignment.get((source, local_id)) if local_id is not None else None
            if entity_id is None:
                continue
            entity = entities[entity_id]
            _add_entity(graph, entity)
            key = f"HAS_PARTICIPANT:{participant.role}"
            if not graph.has_edge(node, entity.id, key):
                graph.add_edge(node, entity.id, key=key, type="HAS_PARTICIPANT", role=participant.role, sources=[])
            told = graph.edges[node, entity.id, key]["sources"]
            if source not in told:
                told.append(source)


def triple_class(triple: Triple, sense: str = "", event_class: str = "") -> RelationClass:
    """The relation class of a triple: its predicate's, or, for a light verb whose direct object is an event noun,
    the noun's ("Ukraine carried out strikes" is an attack, "held talks" talks, not "end" or "continue"); or the
    class of ``sense``, the event a context rule read its trigger as (``trigger_rules.context_senses``: "we fired
    in self-defence" is a shooting, "captured 23 pirates" an arrest, "the quake struck the island" its striking a
    place; ``relation_class``), so that the relation and its event say one thing. Where the predicate has no
    curated class (a WordNet verb's own or coarse one) and its trigger's ``event_class`` is a curated group's
    ("hit" is an attack), the relation takes that group's class; curated classes that merge into another's event
    ("lose" into the contest "win" names) stay apart, as a relation says which side it tells."""
    if not triple.object.is_entity and triple.object.concept and not triple.passive:
        light = light_noun_class(triple.predicate, triple.object.concept.split()[-1])
        if light is not None:
            return light
    cls = relation_class(triple.predicate, sense)
    if (not sense and event_class and cls.name not in {"be", "be in"} and not is_curated_class(cls.name)
            and is_class_member(event_class)):
        return relation_class(triple.predicate, event_class)
    return cls


def _add_triple(graph, triple: Triple, resolution: Resolution, entities, events: EventAssignment,
                relations: dict[tuple[str, str, str], list[Evidence]], concepts: ArticleConcepts | None = None,
                sense: str = "", event_class: str = "") -> None:
    """The evidence of one triple, added to ``relations`` under its relation (subject, class key, object); the
    relation's edge is added on its first evidence, its attributes once all evidence is in (``Relation``).
    ``sense`` is the event a context rule read its trigger as, if one did, ``event_class`` its trigger's event
    class (``triple_class``)."""
    subject, subject_info = _node_of(triple.subject, triple.source, resolution, entities, graph, concepts)
    obj, object_info = _node_of(triple.object, triple.source, resolution, entities, graph, concepts)
    if subject == obj:
        return
    cls = triple_class(triple, sense, event_class)
    key = cls.name
    if triple.passive and not key.startswith("be"):
        key = f"be {key}"  # a passive with no doer: the subject is the one the event happened to
    if not graph.has_edge(subject, obj, key):
        graph.add_edge(subject, obj, key=key)
    attributed = _entity_ref(triple.attributed_to, triple.source, resolution, entities)
    principal = _entity_ref(triple.on_behalf_of, triple.source, resolution, entities)
    if principal is not None and attributed is not None and principal["entity_id"] == attributed["entity_id"]:
        principal = None
    record = Evidence(
        id=evidence_id(triple), edge_id=edge_id(subject, key, obj), source=triple.source, sentence=triple.sentence,
        sentence_start=triple.sentence_start, sentence_end=triple.sentence_end,
        subject=Endpoint(triple.subject.text, triple.subject.start, triple.subject.end, **subject_info),
        predicate=triple.predicate,
        object=Endpoint(triple.object.text, triple.object.start, triple.object.end, **object_info),
        negated=triple.negated != (cls.polarity < 0), hedged=triple.hedged, conditional=triple.conditional,
        attributed_to=EntityRef.from_row(attributed), on_behalf_of=EntityRef.from_row(principal),
        speaker_text=triple.speaker_text, confidence=triple.confidence, relation_class=cls.name,
        event_id=events.of_trigger(triple.source, triple.trigger_start) or "",
        **{name: getattr(triple, name) for name in CIRCUMSTANCE_FIELDS}, quantities=triple.quantities,
    )
    evidence = relations.setdefault((subject, obj, key), [])
    if all(e.id != record.id for e in evidence):
        evidence.append(record)


def _entity_ref(arg: Arg | None, source: str, resolution: Resolution, entities) -> dict | None:
    """``{entity_id, name}`` of the entity an argument stands for, or None."""
    if arg is None or arg.local_id is None:
        return None
    entity_id = resolution.assignment.get((source, arg.local_id))
    if entity_id is None:
        return None  # a description no text in reach settles stays unlinked
    entity = entities[entity_id]
    return {"entity_id": entity.id, "name": entity.name}


def quantity_records(quantities: Iterable[Quantity]) -> list[dict]:
    """Quantities as the plain records evidence and ``REPORTS`` mentions carry.

    >>> quantity_records([Quantity("duration", "PT2H", "", "two-hour")])
    [{'kind': 'duration', 'value': 'PT2H', 'unit': '', 'text': 'two-hour', 'approximate': False}]
    """
    return [{name: getattr(q, name) for name in QUANTITY_FIELDS} for q in quantities]


def evidence_id(triple: Triple) -> str:
    """A stable id for one relation mention: its source, its spans and its predicate."""
    parts = (triple.source, triple.subject.start, triple.subject.end, triple.predicate, triple.object.start,
             triple.object.end)
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]
