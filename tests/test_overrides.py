"""Analyst overrides: the file format, its errors, and how resolve() applies it."""

import pytest

from newsgraph.errors import BadSetting
from newsgraph.graph.overrides import Overrides, load_overrides
from newsgraph.graph.resolve import resolve
from newsgraph.model import Article, ArticleAnalysis, Entity, LocalEntity


def _article(source, *entities):
    local = tuple(
        LocalEntity(source, i, name, kind, (name,), ((kind, 1),)) for i, (name, kind) in enumerate(entities))
    return ArticleAnalysis(Article(source, "text"), (), local, ())


def test_toml_and_json_files_load(tmp_path):
    toml = tmp_path / "o.toml"
    toml.write_text('merge = [["Tsar Vlad", "Vladimir Putin"]]\nnever = [["Trump", "Melania Trump"]]\n')
    loaded = load_overrides(toml)
    assert loaded.merge == (("tsar vlad", "vladimir putin"),)
    assert loaded.apart("melania trump", "trump")
    js = tmp_path / "o.json"
    js.write_text('{"merge": [["Tsar Vlad", "Vladimir Putin"]]}')
    assert load_overrides(js).merge == loaded.merge and load_overrides(js).never == ()


@pytest.mark.parametrize("text, problem", [
    ("merge = [[", "not valid TOML"),
    ('merge = [["only one"]]', "merge entry 1 must be a pair"),
    ('never = "Trump"', "'never' must be a list"),
    ('merge = [["Putin", "Vladimir Putin"]]\nmaybe = []', "unknown key 'maybe'"),
    ('merge = [["Mr. Putin", "putin"]]', "names the same entity twice"),
    ('merge = [["Zelenskyy", "Donald Trump"], ["Donald Trump", "Zelenskyy"]]',
     "merge entry 1 leads from 'Zelenskyy' back to itself"),
    ('merge = [["a b", "c d"], ["c d", "e f"], ["e f", "A B"]]', "merge entry 1 leads from 'a b' back to itself"),
    ('merge = [["Tsar Vlad", "Vladimir Putin"], ["tsar vlad", "Ivan Grozny"]]',
     "merge entries 1 and 2 put 'tsar vlad' on two names"),
])
def test_bad_files_raise_one_line_naming_the_file(tmp_path, text, problem):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(BadSetting) as info:
        load_overrides(path)
    message = str(info.value)
    assert str(path) in message and problem in message and "\n" not in message


def test_missing_file_and_bad_json(tmp_path):
    with pytest.raises(BadSetting, match="cannot read"):
        load_overrides(tmp_path / "nope.toml")
    (tmp_path / "o.json").write_text("[1, 2]")
    with pytest.raises(BadSetting, match="expected a table"):
        load_overrides(tmp_path / "o.json")


def test_forced_merge_joins_names_no_rule_would_join_and_is_logged():
    overrides = Overrides.of(merge=[("Tsar Vlad", "Vladimir Putin")], origin="o.toml")
    articles = [_article("a", ("Vladimir Putin", "Person")), _article("b", ("Tsar Vlad", "Organization"))]
    assert len(resolve(articles).entities) == 2
    res = resolve(articles, overrides=overrides)
    assert [e.name for e in res.entities] == ["Vladimir Putin"]
    merge = next(m for m in res.merges if m.alias == "Tsar Vlad")
    assert merge.rule == "analyst merge" and "o.toml" in merge.detail


def test_forced_merge_works_whichever_name_comes_first_and_onto_known_entities():
    overrides = Overrides.of(merge=[("Tsar Vlad", "Vladimir Putin")])
    res = resolve([_article("a", ("Tsar Vlad", "Organization")), _article("b", ("Vladimir Putin", "Person"))],
                  overrides=overrides)
    assert len(res.entities) == 1 and res.entities[0].type in {"Person", "Organization"}
    known = [Entity("vladimir-putin", "Vladimir Putin", "Person")]
    res = resolve([_article("c", ("Tsar Vlad", "Organization"))], known, overrides=overrides)
    assert set(res.assignment.values()) == {"vladimir-putin"}


def test_never_pair_keeps_apart_what_the_rules_would_merge():
    articles = [_article("a", ("Donald Trump", "Person")), _article("b", ("Trump", "Organization"))]
    assert len(resolve(articles).entities) == 1
    res = resolve(articles, overrides=Overrides.of(never=[("Trump", "Donald Trump")]))
    assert len(res.entities) == 2
    spelled = [_article("a", ("Volodymyr Zelenskyy", "Person")), _article("b", ("Volodymyr Zelensky", "Person"))]
    never = Overrides.of(never=[("Volodymyr Zelensky", "Volodymyr Zelenskyy")])
    assert len(resolve(spelled, overrides=never).entities) == 2


def test_an_article_that_groups_both_names_of_a_never_pair_joins_a_stored_entity_not_a_new_one():
    """An article's "Donald Trump … Trump" is one local entity with both names. Before, the never pair kept it from
    every stored entity holding either name, so each such article made one more "Donald Trump"."""
    both = ArticleAnalysis(Article("c", "text"), (), (
        LocalEntity("c", 0, "Donald Trump", "Person", ("Donald Trump", "Trump"), (("Person", 1),)),), ())
    never = Overrides.of(never=[("Trump", "Donald Trump")])
    known = [Entity("donald-trump", "Donald Trump", "Person", ("Trump",)), Entity("trump", "Trump", "Person")]
    res = resolve([both], known, overrides=never)
    assert set(res.assignment.values()) == {"donald-trump"}
    assert {e.id for e in res.entities} <= {"donald-trump", "trump"}


def test_a_file_with_a_byte_order_mark_loads(tmp_path):
    """A UTF-8 byte-order mark (Windows editors write one) made the file "not valid TOML"."""
    for name, text in (("o.toml", 'merge = [["Tsar Vlad", "Vladimir Putin"]]'),
                       ("o.json", '{"merge": [["Tsar Vlad", "Vladimir Putin"]]}')):
        (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + text.encode())
        assert load_overrides(tmp_path / name).merge == (("tsar vlad", "vladimir putin"),)
