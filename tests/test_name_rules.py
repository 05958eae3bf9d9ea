"""The name keys of cross-article resolution (``newsgraph.graph.name_rules``), on hand-made local entities and
article analyses: words the parser glued to a name, titles of organisations, a lone surname the article's own
person ends in, and the "X of Y" short name."""

from newsgraph.graph.entity_index import EntityIndex
from newsgraph.graph.name_rules import local_keys, person_key
from newsgraph.graph.resolve import resolve
from newsgraph.ingest.names import name_key
from newsgraph.model import Article, ArticleAnalysis, Entity, LocalEntity, Mention


def _article(source, *entities, mentions=(), text="text"):
    local = tuple(LocalEntity(source, i, name, kind, (name,), ((kind, 1),)) for i, (name, kind) in enumerate(entities))
    return ArticleAnalysis(Article(source, text), tuple(mentions), local, ())


def _entity_of(res, source, local_id):
    return next(e for e in res.entities if e.id == res.assignment[(source, local_id)])


def test_a_lower_case_word_glued_before_a_name_is_no_part_of_it():
    assert name_key("html Ellen DeGeneres") == name_key("Ellen DeGeneres") == "ellen degeneres"
    assert name_key("Charles de Gaulle") == "charles de gaulle" and name_key("united states") == "united states"


def test_a_person_noun_written_as_a_title_and_a_headline_gerund_are_dropped():
    res = resolve([_article("a", ("Ellen DeGeneres", "Person")),
                   _article("b", ("Comedian Ellen DeGeneres", "Person")),
                   _article("c", ("Choosing DeGeneres", "Person"))])
    assert [e.name for e in res.entities] == ["Ellen DeGeneres"]


def test_a_name_that_only_looks_like_a_person_noun_or_a_gerund_keeps_its_words():
    assert person_key("Hunter Biden", "Person") == "hunter biden"  # two words: "hunter" is the first name
    assert person_key("Sterling Archer", "Person") == "sterling archer"  # a rare "-ing" word is a name
    assert person_key("Reading Football Club", "Organization") == "reading football club"


def test_a_generational_suffix_and_a_leading_initial_are_no_part_of_the_name_a_person_goes_by():
    res = resolve([_article("a", ("Anthony LaCalamita III", "Person"), ("LaCalamita", "Organization")),
                   _article("b", ("Anthony LaCalamita", "Person")),
                   _article("c", ("W. Mark Felt", "Person")), _article("d", ("Mark Felt", "Person"))])
    assert len(res.entities) == 2
    assert _entity_of(res, "a", 0) == _entity_of(res, "a", 1) == _entity_of(res, "b", 0)  # surname LaCalamita
    assert _entity_of(res, "c", 0) == _entity_of(res, "d", 0)
    assert person_key("J. Edgar Hoover", "Person") == "edgar hoover"
    assert person_key("Malcolm X", "Person") == "malcolm x"


def test_father_and_son_stay_apart():
    res = resolve([_article("a", ("Ken Griffey Jr.", "Person")), _article("b", ("Ken Griffey Sr.", "Person")),
                   _article("c", ("Ken Griffey Jr", "Person"))])
    assert len(res.entities) == 2 and _entity_of(res, "a", 0) == _entity_of(res, "c", 0)


def test_a_lone_surname_the_model_tagged_a_place_joins_the_articles_own_person():
    res = resolve([_article("a", ("Hugh Jackman", "Person"), ("Jackman", "Place"))])
    assert _entity_of(res, "a", 1).name == "Hugh Jackman" and _entity_of(res, "a", 1).type == "Person"
    assert any(m.rule == "surname in the article" for m in res.merges)


def test_a_lone_surname_of_two_people_of_the_article_joins_neither():
    res = resolve([_article("a", ("Sam Williams", "Person"), ("Esther Williams", "Person"), ("Williams", "Place"))])
    assert len(res.entities) == 3


def test_a_place_named_like_a_person_elsewhere_stays_a_place():
    res = resolve([_article("a", ("Denzel Washington", "Person")), _article("b", ("Washington", "Place"))])
    assert len(res.entities) == 2


def test_an_organisation_keeps_a_title_word_and_its_acronym_finds_it():
    keys, main, _ = local_keys(LocalEntity("a", 0, "General Motors", "Organization", ("General Motors",)), {})
    assert main == "general motors" and {"general motors", "motors"} <= keys
    res = resolve([_article("a", ("General Motors", "Organization")), _article("b", ("GM", "Organization"))])
    assert [e.name for e in res.entities] == ["General Motors"]


def test_a_name_read_as_a_title_and_a_surname_is_the_organisation_its_acronym_names():
    text = "General Motors said GM would cut jobs."
    mentions = (Mention("a", 0, 14, "General Motors", "PERSON", "title", 0),
                Mention("a", 20, 22, "GM", "ORG", "name", 1))
    first = ArticleAnalysis(Article("a", text), mentions, (
        LocalEntity("a", 0, "Motors", "Person", ("Motors",), (("Person", 3),)),
        LocalEntity("a", 1, "GM", "Organization", ("GM",), (("Organization", 1),))), ())
    res = resolve([first])
    assert len(res.entities) == 1 and res.entities[0].type == "Organization"


def test_the_head_of_an_x_of_y_name_is_its_short_name_but_no_other_first_word_is():
    res = resolve([_article("a", ("Academy of Motion Picture Arts and Sciences", "Organization")),
                   _article("b", ("Academy", "Organization"))])
    assert len(res.entities) == 1
    res = resolve([_article("a", ("Microsoft Office", "Organization")), _article("b", ("Microsoft", "Organization"))])
    assert len(res.entities) == 2


def test_company_and_corporation_are_legal_forms():
    res = resolve([_article("a", ("Ford Motor Company", "Organization")),
                   _article("b", ("Ford Motor", "Organization"))])
    assert len(res.entities) == 1


def test_the_index_of_stored_entities_keys_them_as_resolution_does():
    index = EntityIndex([Entity("general-motors", "General Motors", "Organization")])
    res = resolve([_article("b", ("GM", "Organization"))], index=index)
    assert res.assignment[("b", 0)] == "general-motors"
