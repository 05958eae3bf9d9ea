"""A person noun with an age that its own report leaves open is the one person of that age the story's other
reports name (``graph/story_ages.py``). Hand-built records, no model, no server."""

from __future__ import annotations

from newsgraph.graph.story_ages import concept_age, story_ages
from newsgraph.model import ConceptMention, Entity
from tests.test_story_ties import _article, _build, _node_of

KIRK = Entity("eric-kirkpatrick", "Eric Kirkpatrick", "Person")
BANKY = Entity("ben-banky", "Ben Banky", "Person")
LEE = Entity("ann-lee", "Ann Lee", "Person")


def _named():
    return _article("a", "Eric Kirkpatrick, 61, shot his boss Ben Banky, 40, at a party.",
                    (("Eric Kirkpatrick", "name", KIRK), ("Ben Banky", "name", BANKY)))


def test_a_person_noun_with_an_age_is_the_storys_one_person_of_that_age():
    unnamed = _article("b", "Police arrested a 61-year-old former employee. A 40 - year - old man died. Two "
                            "61-year-old men fled. His 61-year-old brother spoke.",
                       concepts=(("a 61-year-old former employee", "employee", ("former",)),
                                 ("A 40 - year - old man", "man", ()), ("Two 61-year-old men", "man", ("two",)),
                                 ("His 61-year-old brother", "brother", ())))
    elsewhere = _article("c", "A 61-year-old former employee was fined.",
                         concepts=(("A 61-year-old former employee", "employee", ("former",)),))
    story_of = {"a": "s", "b": "s", "c": "t"}
    analyses, resolution, graph = _build([_named(), unnamed, elsewhere], story_of, (KIRK, BANKY))
    assert _node_of(graph, "b", "a 61-year-old former employee") == KIRK.id
    assert _node_of(graph, "b", "A 40 - year - old man") == BANKY.id
    for plural_or_possessed in ("Two 61-year-old men", "His 61-year-old brother"):
        assert graph.nodes[_node_of(graph, "b", plural_or_possessed)]["kind"] == "Concept"
    assert graph.nodes[_node_of(graph, "c", "A 61-year-old former employee")]["kind"] == "Concept"  # another story
    logged = [m for m in graph.graph["merges"] if m.rule == "description in the story" and m.source == "b"]
    assert {m.entity_id for m in logged} == {KIRK.id, BANKY.id} and "age '61-year-old'" in logged[0].detail


def test_an_age_two_persons_of_the_story_have_links_no_one():
    other = _article("c", "Ann Lee, 61, a neighbour, called police.", (("Ann Lee", "name", LEE),))
    unnamed = _article("b", "Police arrested a 61-year-old man.", concepts=(("a 61-year-old man", "man", ()),))
    story_of = {"a": "s", "b": "s", "c": "s"}
    analyses, resolution, graph = _build([_named(), other, unnamed], story_of, (KIRK, BANKY, LEE))
    assert ("s", "61-year-old") not in story_ages(analyses, resolution, story_of)
    assert graph.nodes[_node_of(graph, "b", "a 61-year-old man")]["kind"] == "Concept"


def test_only_a_person_noun_states_a_persons_age():
    def mention(text: str, head: str) -> ConceptMention:
        return ConceptMention("a", 0, len(text), text, head)

    assert concept_age(mention("the 36-year-old climber", "climber")) == "36"
    assert concept_age(mention("an 18-year-old war", "war")) == ""
    assert concept_age(mention("the 61-year-old company", "company")) == ""
