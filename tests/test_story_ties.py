"""Head nouns a story ties to one entity (``graph/story_ties.py``): a description one report links to an entity,
or the last word of an organisation's name, makes the same bare noun in the story's other reports a mention of
that entity — only when the story's articles agree on whom it means, never across stories, never for "the next
host" or "hosts". Hand-built records, no model, no server."""

from __future__ import annotations

from newsgraph.graph.build import build_graph
from newsgraph.graph.story_ties import story_ties
from newsgraph.model import (
    Arg,
    Article,
    ArticleAnalysis,
    ConceptMention,
    Entity,
    LocalEntity,
    Mention,
    Resolution,
    Story,
    StoryAssignment,
    Triple,
)

ELLEN = Entity("ellen-degeneres", "Ellen DeGeneres", "Person")
SETH = Entity("seth-macfarlane", "Seth MacFarlane", "Person")
NAVY = Entity("indian-navy", "Indian Navy", "Organization")


def _article(source: str, text: str, linked: tuple[tuple[str, str, Entity], ...] = (),
             concepts: tuple[tuple[str, str, tuple[str, ...]], ...] = (), triples: tuple[tuple[str, str], ...] = ()):
    """An analysed article: ``linked`` (phrase, mention kind, entity) are entity mentions, ``concepts`` (phrase,
    head, modifiers) concept mentions, ``triples`` (subject phrase, object phrase) relations; returns the analysis
    and its part of the resolution's assignment."""
    mentions, locals_, assignment = [], [], {}
    for n, (phrase, kind, entity) in enumerate(linked):
        start = text.index(phrase)
        mentions.append(Mention(source, start, start + len(phrase), phrase, "", kind, n))
        locals_.append(LocalEntity(source, n, entity.name, entity.type, (entity.name,)))
        assignment[(source, n)] = entity.id
    found = []
    for phrase, head, modifiers in concepts:
        start = text.index(phrase)
        found.append(ConceptMention(source, start, start + len(phrase), phrase, head, modifiers))

    def arg(phrase: str) -> Arg:
        start = text.index(phrase)
        return Arg(phrase, start, start + len(phrase))

    made = tuple(Triple(arg(s), "open", arg(o), source, text, 0, len(text)) for s, o in triples)
    return ArticleAnalysis(Article(source, text), tuple(mentions), tuple(locals_), made, concepts=tuple(found)), \
        assignment


def _build(articles, story_of: dict[str, str], entities=(ELLEN, SETH, NAVY)):
    analyses = [a for a, _ in articles]
    assignment = {k: v for _, part in articles for k, v in part.items()}
    resolution = Resolution(tuple(entities), assignment)
    ids = sorted(set(story_of.values()))
    stories = StoryAssignment(dict(story_of), tuple(Story(i, i, (), 1) for i in ids))
    return analyses, resolution, build_graph(analyses, resolution, stories)


def _node_of(graph, source: str, text: str) -> str:
    found = {node for _, node, key, data in graph.out_edges(source, keys=True, data=True) if key == "MENTIONS"
             for m in data["mentions"] if m["text"] == text}
    assert len(found) == 1, found
    return found.pop()


def _reports():
    return [
        _article("a", "Ellen DeGeneres will be the host.", (("the host", "description", ELLEN),)),
        _article("b", "The academy named Ellen DeGeneres the host.", (("the host", "description", ELLEN),)),
        _article("c", "Seth MacFarlane was the host last year.", (("the host", "description", SETH),)),
    ]


def test_a_head_the_storys_articles_agree_on_ties_to_that_entity():
    analyses, resolution, _ = _build(_reports(), {"a": "s", "b": "s", "c": "s"})
    ties = story_ties(analyses, resolution, {"a": "s", "b": "s", "c": "s"})
    assert ties[("s", "host")].entity_id == ELLEN.id and (ties[("s", "host")].articles, ties[("s", "host")].total) \
        == (2, 3)


def test_a_head_the_articles_split_on_ties_to_no_one():
    reports = _reports()[1:]  # one report says DeGeneres, one MacFarlane
    analyses, resolution, _ = _build(reports, {"b": "s", "c": "s"})
    assert story_ties(analyses, resolution, {"b": "s", "c": "s"}) == {}


def test_the_bare_noun_in_another_report_of_the_story_is_a_mention_of_the_entity():
    other = _article("d", "The host will open the show. The next host is unknown. Hosts rarely last. A host of "
                          "stars came.", concepts=(("The host", "host", ()), ("The next host", "host", ("next",)),
                                                   ("Hosts", "host", ()), ("A host", "host", ())),
                     triples=(("The host", "the show"),))
    elsewhere = _article("e", "The host of the fair spoke.", concepts=(("The host", "host", ()),))
    _, _, graph = _build([*_reports(), other, elsewhere], {"a": "s", "b": "s", "c": "s", "d": "s", "e": "t"})
    assert _node_of(graph, "d", "The host") == ELLEN.id
    assert graph.nodes[_node_of(graph, "d", "The next host")]["kind"] == "Concept"  # another one
    assert graph.nodes[_node_of(graph, "d", "Hosts")]["kind"] == "Concept"  # hosts in general
    assert graph.nodes[_node_of(graph, "d", "A host")]["kind"] == "Concept"  # "a host of stars": many stars
    assert graph.nodes[_node_of(graph, "e", "The host")]["kind"] == "Concept"  # another story
    relations = [(u, v) for u, v, data in graph.edges(data=True) if data.get("evidence")]
    assert len(relations) == 1 and relations[0][0] == ELLEN.id  # the relation's subject is the entity too
    logged = [m for m in graph.graph["merges"] if m.rule == "description in the story"]
    assert [(m.entity_id, m.alias, m.source) for m in logged] == [(ELLEN.id, "The host", "d")]
    assert "2 of the 3 articles" in logged[0].detail


def test_an_organisations_last_word_ties_its_common_noun():
    named = _article("a", "The Indian Navy captured 23 pirates.", (("Indian Navy", "name", NAVY),))
    other = _article("b", "The navy said the pirates were armed.", concepts=(("The navy", "navy", ()),))
    _, _, graph = _build([named, other], {"a": "s", "b": "s"})
    assert _node_of(graph, "b", "The navy") == NAVY.id


def test_an_article_with_no_story_ties_nothing():
    lone = _article("c", "The host spoke.", concepts=(("The host", "host", ()),))
    _, _, graph = _build([*_reports()[:1], lone], {"a": "s"})
    assert graph.nodes[_node_of(graph, "c", "The host")]["kind"] == "Concept"


def test_a_name_word_no_entity_mention_covers_is_the_entity_the_story_names_by_that_word():
    colts = Entity("indianapolis-colts", "Indianapolis Colts", "Organization")
    colt = Entity("colt-mccoy", "Colt McCoy", "Person")
    named = _article("a", "The Indianapolis Colts won; the Colts scored late.",
                     (("The Indianapolis Colts", "name", colts), ("the Colts", "name", colts)))
    other = _article("b", "The Colts beat Kansas City. Two colts ran on the field.",
                     concepts=(("The Colts", "colts", ()), ("Two colts", "colts", ())))
    elsewhere = _article("c", "The Colts of another story.", concepts=(("The Colts", "colts", ()),))
    _, _, graph = _build([named, other, elsewhere], {"a": "s", "b": "s", "c": "t"}, (colts, colt))
    assert _node_of(graph, "b", "The Colts") == colts.id
    assert graph.nodes[_node_of(graph, "b", "Two colts")]["kind"] == "Concept"  # in lower case: the animals
    assert graph.nodes[_node_of(graph, "c", "The Colts")]["kind"] == "Concept"  # another story
    logged = [m for m in graph.graph["merges"] if m.rule == "description in the story"]
    assert [(m.alias, m.source) for m in logged] == [("The Colts", "b")] and "name this entity" in logged[0].detail


def test_a_name_word_two_entities_of_the_story_go_by_ties_to_neither():
    colts = Entity("indianapolis-colts", "Indianapolis Colts", "Organization")
    other_colts = Entity("colts-band", "The Colts", "Organization")
    first = _article("a", "Colts fans cheered.", (("Colts", "name", colts),))
    second = _article("b", "Colts played a gig.", (("Colts", "name", other_colts),))
    third = _article("c", "The Colts were there.", concepts=(("The Colts", "colts", ()),))
    _, _, graph = _build([first, second, third], {"a": "s", "b": "s", "c": "s"}, (colts, other_colts))
    assert graph.nodes[_node_of(graph, "c", "The Colts")]["kind"] == "Concept"


def test_a_name_word_ties_as_written_whatever_its_lemma_and_a_name_may_start_with_a_digit():
    sixers = Entity("philadelphia-76ers", "Philadelphia 76ers", "Organization")
    saints = Entity("new-orleans-saints", "New Orleans Saints", "Organization")
    named = _article("a", "The 76ers fired their coach; the Saints won.",
                     (("The 76ers", "name", sixers), ("the Saints", "name", saints)))
    other = _article("b", "The Philadelphia 76ers lost to the Saints. The saints of the church prayed.",
                     concepts=(("The Philadelphia 76ers", "76er", ()), ("the Saints", "saint", ()),
                               ("The saints", "saint", ())))
    _, _, graph = _build([named, other], {"a": "s", "b": "s"}, (sixers, saints))
    assert _node_of(graph, "b", "The Philadelphia 76ers") == sixers.id  # the lemma "76er" is no name word
    assert _node_of(graph, "b", "the Saints") == saints.id
    assert graph.nodes[_node_of(graph, "b", "The saints")]["kind"] == "Concept"  # in lower case: other saints
