"""Cross-article resolution rules on hand-made local entities."""

from hypothesis import given, strategies as st

from newsgraph.graph.resolve import resolve
from newsgraph.ingest.names import name_key
from newsgraph.model import Article, ArticleAnalysis, Entity, LocalEntity


def _article(source, *entities):
    local = tuple(
        LocalEntity(source, i, name, kind, (name,), ((kind, 1),)) for i, (name, kind) in enumerate(entities))
    return ArticleAnalysis(Article(source, "text"), (), local, ())


def _names(resolution):
    return sorted((e.name, e.type) for e in resolution.entities)


def test_titles_initials_case_and_spelling_variants_merge():
    res = resolve([
        _article("a", ("Vladimir V. Putin", "Person"), ("kyiv", "Place"), ("Volodymyr Zelensky", "Person")),
        _article("b", ("Vladimir Putin", "Person"), ("Kyiv", "Place"), ("Volodymyr Zelenskyy", "Person")),
    ])
    assert len(res.entities) == 3
    rules = {m.rule for m in res.merges}
    assert {"same name", "spelling variant"} <= rules


def test_lone_surname_tagged_org_joins_the_person():
    res = resolve([_article("a", ("Donald Trump", "Person")), _article("b", ("Trump", "Organization"))])
    assert _names(res) == [("Donald Trump", "Person")]
    assert any(m.rule == "same surname" for m in res.merges)


def test_different_people_sharing_a_surname_stay_apart():
    res = resolve([_article("a", ("Donald Trump", "Person")), _article("b", ("Melania Trump", "Person"))])
    assert len(res.entities) == 2


def test_capital_and_institution_stay_distinct_from_country_and_leader():
    res = resolve([_article("a", ("Washington", "Place"), ("United States", "Place"), ("Kremlin", "Organization"),
                            ("Vladimir Putin", "Person"), ("Russia", "Place"))])
    assert len(res.entities) == 5


def test_type_by_vote_and_known_entities_keep_their_id():
    known = [Entity("kyiv", "Kyiv", "Place", ("Kiev",))]
    res = resolve([_article("a", ("Kyiv", "Person")), _article("b", ("Kiev", "Place"))], known)
    assert [(e.id, e.type) for e in res.entities] == [("kyiv", "Place")]
    assert set(res.assignment.values()) == {"kyiv"}


def test_every_merge_is_logged_with_a_rule():
    res = resolve([_article("a", ("Putin", "Person")), _article("b", ("Vladimir Putin", "Person"))])
    assert {(m.alias, m.source) for m in res.merges} >= {("Putin", "a"), ("Vladimir Putin", "b")}
    assert all(m.rule for m in res.merges)


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=8))
def test_resolution_is_deterministic_and_total(names):
    articles = [_article(f"s{i}", (n, "Person")) for i, n in enumerate(names)]
    first, second = resolve(articles), resolve(list(reversed(articles)))
    assert first.entities == second.entities
    expected = {(f"s{i}", 0) for i, n in enumerate(names) if name_key(n)}
    assert set(first.assignment) == expected


def test_same_multi_word_name_merges_whatever_type_the_model_gave():
    res = resolve([_article("a", ("Eric Allen Kirkpatrick", "Person")),
                   _article("b", ("Eric Allen Kirkpatrick", "Organization")),
                   _article("c", ("Eric Allen Kirkpatrick", "Person"))])
    assert _names(res) == [("Eric Allen Kirkpatrick", "Person")]


def test_acronym_and_short_name_join_the_organisation():
    org = "Organization"
    res = resolve([_article("a", ("American Medical Association", org), ("San Diego Chargers", org)),
                   _article("b", ("AMA", "Organization"), ("Chargers", "Organization"))])
    assert _names(res) == [("American Medical Association", "Organization"), ("San Diego Chargers", "Organization")]
    assert {m.rule for m in res.merges if m.alias == "AMA"} == {"short name"}
    # the other way round: the long name joins the acronym seen first
    res = resolve([_article("a", ("NATO", org)), _article("b", ("North Atlantic Treaty Organization", org))])
    assert len(res.entities) == 1
    # a lower-case word that happens to spell an acronym is not one; an ambiguous short name joins nothing
    res = resolve([_article("a", ("American Medical Association", org)), _article("b", ("Ama", org))])
    assert len(res.entities) == 2
    res = resolve([_article("a", ("European Commission", "Organization"), ("Federal Trade Commission", "Organization")),
                   _article("b", ("Commission", "Organization"))])
    assert len(res.entities) == 3


def test_canonical_name_is_the_most_frequent_full_name_in_its_usual_spelling():
    articles = [_article(s, ("Maurice Cheeks", "Person")) for s in "abc"]
    articles.append(ArticleAnalysis(Article("d", "x"), (), (
        LocalEntity("d", 0, "Philly and Cheeks", "Person", ("Cheeks", "Philly and Cheeks"), (("Person", 1),)),), ()))
    articles.append(_article("e", ("Nato", "Organization")))
    articles.append(_article("f", ("Nato", "Organization")))
    res = resolve(articles)
    names = {e.name for e in res.entities}
    assert "Maurice Cheeks" in names and "NATO" in names


def test_demonym_and_country_are_one_entity_capital_and_institution_are_not():
    res = resolve([_article("a", ("Russia", "Place"), ("Moscow", "Place"), ("Kremlin", "Organization")),
                   _article("b", ("Russian Federation", "Place"), ("Vladimir Putin", "Person"))])
    assert {e.name for e in res.entities} == {"Russia", "Moscow", "Kremlin", "Vladimir Putin"}


def test_many_articles_resolve_quickly():
    import time

    articles = [_article(f"s{i}", (f"Person{i % 500} Surname{i % 700}", "Person"), (f"Place{i % 300}", "Place"))
                for i in range(3000)]
    started = time.perf_counter()
    res = resolve(articles)
    assert time.perf_counter() - started < 20
    assert len(res.assignment) == 6000
