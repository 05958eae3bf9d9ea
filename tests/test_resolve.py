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


def test_many_articles_resolve_every_local_entity():
    """How fast is `benchmarks/resolution_scale.py`'s question (a timed assertion fails on a busy machine)."""
    articles = [_article(f"s{i}", (f"Person{i % 500} Surname{i % 700}", "Person"), (f"Place{i % 300}", "Place"))
                for i in range(3000)]
    res = resolve(articles)
    assert len(res.assignment) == 6000 and set(res.assignment.values()) == {e.id for e in res.entities}


# --- precision rules -----------------------------------------------------------------------------------------------
def _local(source, n, name, kind="Person", *, names=(), roles=(), role=()):
    return LocalEntity(source, n, name, kind, (name, *names), ((kind, 1),), roles=roles, role=role)


def _dated(source, published, *entities):
    return ArticleAnalysis(Article(source, "text", published=published), (), tuple(entities), ())


def _entity_of(res, source, local_id=0):
    return res.assignment.get((source, local_id))


def test_a_lone_surname_of_two_known_people_joins_neither():
    res = resolve([_article("a", ("Sam Williams", "Person")), _article("b", ("Esther Williams", "Person")),
                   _article("c", ("Williams", "Person"))])
    assert _names(res) == [("Esther Williams", "Person"), ("Sam Williams", "Person"), ("Williams", "Person")]


def test_a_full_name_never_joins_another_person_through_a_surname_alias():
    # Esther's article also calls her "Williams": Sam Williams must not join her through that alias
    res = resolve([_dated("a", "", _local("a", 0, "Esther Williams", names=("Williams",))),
                   _article("b", ("Sam Williams", "Person"))])
    assert len(res.entities) == 2


def test_a_full_name_joins_the_one_lone_surname_seen_before():
    res = resolve([_article("a", ("Putin", "Person")), _article("b", ("Vladimir Putin", "Person"))])
    assert _names(res) == [("Vladimir Putin", "Person")]


def test_containment_is_no_spelling_variant():
    res = resolve([_article("a", ("Papua New Guinea", "Place")), _article("b", ("Guinea", "Place")),
                   _article("c", ("South Korea", "Place")), _article("d", ("Korea", "Place")),
                   _article("e", ("Microsoft Office", "Organization")), _article("f", ("Microsoft", "Organization"))])
    assert len(res.entities) == 6


def test_company_suffixes_and_spaced_letters_are_one_name():
    res = resolve([_article("a", ("Apple Inc.", "Organization"), ("U . S .", "Place")),
                   _article("b", ("Apple", "Organization"), ("United States", "Place"))])
    assert len(res.entities) == 2 and {m.rule for m in res.merges} == {"new", "same name"}


def test_an_acronym_in_capitals_joins_the_one_name_it_abbreviates():
    res = resolve([_article("a", ("International Business Machines Corp.", "Organization")),
                   _article("b", ("IBM", "Organization"))])
    assert len(res.entities) == 1 and any(m.rule == "short name" for m in res.merges)


# --- role descriptions across articles ------------------------------------------------------------------------------
_PUTIN_ROLE = (("Russia", "leader", "President Vladimir V. Putin of Russia agreed."),)


def test_a_role_named_in_an_article_of_the_same_days_settles_a_description():
    res = resolve([_dated("nyt", "2025-03-18", _local("nyt", 0, "Vladimir Putin", roles=_PUTIN_ROLE)),
                   _dated("guardian", "2025-03-18", _local("guardian", 0, "Vladimir Putin"),
                          _local("guardian", 1, "the Russian leader", role=("Russia", "leader")))])
    assert _entity_of(res, "guardian", 1) == _entity_of(res, "nyt") == "vladimir-putin"
    [merge] = [m for m in res.merges if m.alias == "the Russian leader"]
    assert merge.rule == "role in another article" and "President Vladimir V. Putin of Russia agreed." in merge.detail


def test_a_role_named_years_before_settles_nothing():
    res = resolve([_dated("a", "2005-02-22", _local("a", 0, "George W. Bush", roles=(("United States", "leader",
                                                                                       "…"),))),
                   _dated("b", "2019-05-27", _local("b", 0, "US president", role=("United States", "leader")))])
    assert _entity_of(res, "b") is None and [e.name for e in res.entities] == ["George W. Bush"]


def test_two_holders_or_no_date_settle_nothing():
    holders = [_dated("a", "2025-03-18", _local("a", 0, "Vladimir Putin", roles=_PUTIN_ROLE)),
               _dated("b", "2025-03-19", _local("b", 0, "Dmitry Medvedev", roles=(("Russia", "leader", "…"),)))]
    described = _local("c", 0, "Russian leader", role=("Russia", "leader"))
    assert _entity_of(resolve([*holders, _dated("c", "2025-03-18", described)]), "c") is None
    assert _entity_of(resolve([holders[0], _dated("c", "", described)]), "c") is None


def test_the_analysts_roles_file_settles_what_no_article_does():
    from newsgraph.graph.roles import RoleLine, Roles

    roles = Roles((RoleLine("united states", "leader", "George W. Bush", "2001-01-20", "2009-01-20", "r.txt:2"),))
    described = _local("b", 0, "US president", role=("United States", "leader"))
    res = resolve([_dated("b", "2005-02-22", described)], roles=roles)
    assert [e.name for e in res.entities] == ["George W. Bush"] and _entity_of(res, "b") == "george-w-bush"
    assert [m.rule for m in res.merges] == ["analyst role"] and "r.txt:2" in res.merges[0].detail
    assert _entity_of(resolve([_dated("b", "2019-05-27", described)], roles=roles), "b") is None


def test_the_roles_files_holder_is_one_person_whatever_type_the_model_gave_the_name():
    from newsgraph.graph.entity_index import EntityIndex
    from newsgraph.graph.roles import RoleLine, Roles

    roles = Roles((RoleLine("ukraine", "leader", "Volodymyr Zelenskyy", "2019-05-20", "", "r.txt:2"),))
    named = _local("c", 0, "Volodymyr Zelenskyy", "Organization", names=("Zelenskyy",))
    articles = [_dated("b", "2025-03-18", _local("b", 0, "Ukraine's president", role=("Ukraine", "leader"))),
                _dated("c", "2025-03-19", named, _local("c", 1, "The Ukrainian president", role=("Ukraine", "leader")))]
    res = resolve(articles, roles=roles)
    assert _names(res) == [("Volodymyr Zelenskyy", "Person")]
    assert _entity_of(res, "b") == _entity_of(res, "c") == _entity_of(res, "c", 1) == "volodymyr-zelenskyy"
    # stored as the model tagged it, by an ingest without the file: the descriptions join it and make it a person
    index = EntityIndex([Entity("volodymyr-zelenskyy", "Volodymyr Zelenskyy", "Organization", ("Zelenskyy",))])
    later = resolve(articles[:1], roles=roles, index=index)
    assert [(e.id, e.type) for e in later.entities] == [("volodymyr-zelenskyy", "Person")]
    assert _entity_of(later, "b") == "volodymyr-zelenskyy"


def test_a_lone_word_seen_before_the_longer_name_joins_the_one_organisation_it_ends():
    res = resolve([_article("a", ("Chargers", "Product")), _article("b", ("San Diego Chargers", "Organization"))])
    assert _names(res) == [("San Diego Chargers", "Organization")]  # the longer name and its type win
    assert [m.rule for m in res.merges if m.alias == "Chargers"] == ["lone word of a longer name"]
    # the same articles in the other order give the same entity
    other = resolve([_article("b", ("San Diego Chargers", "Organization")), _article("c", ("Chargers", "Product"))])
    assert _names(other) == [("San Diego Chargers", "Organization")]


def test_a_lone_word_named_later_joins_no_one_when_two_names_end_in_it_or_it_is_a_place():
    two = resolve([_article("a", ("Post", "Organization")), _article("b", ("Washington Post", "Organization")),
                   _article("c", ("Jerusalem Post", "Organization"))])
    assert len(two.entities) == 3
    place = resolve([_article("a", ("Georgia", "Place")), _article("b", ("University of Georgia", "Organization"))])
    assert len(place.entities) == 2
    person = resolve([_article("a", ("Jordan", "Person")), _article("b", ("Jordan Brothers", "Organization"))])
    assert len(person.entities) == 2
    first_word = resolve([_article("a", ("Microsoft", "Organization")),
                          _article("b", ("Microsoft Office", "Organization"))])
    assert len(first_word.entities) == 2


def test_a_full_name_never_joins_through_its_own_surname_alias_an_entity_of_another_first_name():
    def person(source, name):  # the article also calls the person by the surname alone
        return ArticleAnalysis(Article(source, "text"), (), (LocalEntity(
            source, 0, name, "Person", (name, name.split()[-1]), (("Person", 1),)),), ())

    res = resolve([_article("a", ("Williams", "Person")), person("b", "Reggie Williams"),
                   person("c", "Esther Williams")])
    by_name = {e.name: e.id for e in res.entities}
    assert res.assignment[("c", 0)] != res.assignment[("b", 0)]
    assert "Esther Williams" in by_name
    # the same full name still joins itself through its surname
    again = resolve([person("b", "Reggie Williams"), person("d", "Reggie Williams")])
    assert len(again.entities) == 1


def test_a_short_first_name_or_a_middle_name_joins_the_one_person_it_fits():
    res = resolve([_article("a", ("Frederick LaRue", "Person")), _article("b", ("Fred LaRue", "Person")),
                   _article("c", ("Frederick Cheney LaRue", "Person"))])
    assert _names(res) == [("Frederick LaRue", "Person")]
    # two persons it could be: it joins neither; a two-letter short form begins too many names
    two = resolve([_article("a", ("Christopher Smith", "Person"), ("Christine Smith", "Person")),
                   _article("b", ("Chris Smith", "Person"))])
    assert len(two.entities) == 3
    assert len(resolve([_article("a", ("Albert Gore", "Person")), _article("b", ("Al Gore", "Person"))]).entities) == 2
    # a middle name is compared with the name without one only: two different middle names stay apart
    middle = resolve([_article("a", ("John Paul Jones", "Person")), _article("b", ("John Quincy Jones", "Person"))])
    assert len(middle.entities) == 2


def _written(source, text, name, kind="Person"):
    """An article whose text writes ``name`` once, its one name mention."""
    from newsgraph.model import Mention

    start = text.index(name)
    mention = Mention(source, start, start + len(name), name, "PERSON", "name", 0)
    return ArticleAnalysis(Article(source, text), (mention,), (_local(source, 0, name, kind),), ())


def test_a_short_form_written_with_initials_joins_the_one_name_they_abbreviate():
    # the model tagged "Sukanya" and left the capitals before it out; the other report writes the name out
    short = _written("a", "The warship INS Sukanya foiled an attack.", "Sukanya")
    long_ = _article("b", ("Indian Naval Ship Sukanya", "Work"))
    for order in ([short, long_], [long_, short]):
        res = resolve(order)
        assert len(res.entities) == 1 and res.assignment[("a", 0)] == res.assignment[("b", 0)]
    assert [m.rule for m in resolve([short, long_]).merges if m.source == "b"] == ["initials"]
    # a name kept whole by the model is its own written short form
    assert len(resolve([_article("a", ("LA Times", "Organization")),
                        _article("b", ("Los Angeles Times", "Organization"))]).entities) == 1


def test_initials_join_nothing_unless_written_and_fit_by_one_long_name():
    # two long names whose initials agree never meet through them, and the short form joins neither
    courts = [_article("a", ("Brooklyn Supreme Court", "Organization")),
              _article("b", ("Bellflower Superior Court", "Organization"))]
    assert len(resolve(courts).entities) == 2
    assert len(resolve([*courts, _written("c", "At the BS Court today.", "Court", "Organization")]).entities) == 3
    # the rest of the name must be the same words; a lower-case word before the name is no short form
    assert len(resolve([_written("a", "The warship INS Sukanya left.", "Sukanya"),
                        _article("b", ("Indian Naval Ship Sukhoi", "Work"))]).entities) == 2
    assert len(resolve([_written("a", "The warship ins Sukanya left.", "Sukanya"),
                        _article("b", ("Indian Naval Ship Sukanya", "Work"))]).entities) == 2
    # capitals that end the line before the name (a headline, a dateline) are no part of it
    assert len(resolve([_written("a", "NEWS OF INS\nSukanya left.", "Sukanya"),
                        _article("b", ("Indian Naval Ship Sukanya", "Work"))]).entities) == 2


def test_a_two_word_name_whose_key_drops_a_title_word_is_no_lone_word_of_another_organisation():
    """Before: "State Police" (keyed "police": "State" reads as a title) passed as the lone word "police" and joined
    the "Staunton Police" of an unrelated story by rule 'lone word of a longer name'."""
    res = resolve([_article("a", ("Staunton Police", "Organization")), _article("b", ("State Police", "Organization"))])
    assert _names(res) == [("State Police", "Organization"), ("Staunton Police", "Organization")]
    assert not [m for m in res.merges if m.rule == "lone word of a longer name"]
    # a lower-case description among its names is no name either
    from collections import Counter
    from types import SimpleNamespace

    from newsgraph.graph.lone_names import _lone_word

    cluster = SimpleNamespace(keys={"police", "state police"}, names=Counter({"State Police": 1, "police": 3}))
    assert _lone_word(cluster) == ""
