"""The entity index an ingest builds once: resolving against it gives what resolving against the stored entities
gives, chunk after chunk, and it stays as it was after a resolution."""

import pytest
from hypothesis import given, settings, strategies as st

from newsgraph.graph.entity_index import EntityIndex
from newsgraph.graph.overrides import Overrides
from newsgraph.graph.resolve import resolve
from newsgraph.model import Article, ArticleAnalysis, Entity, LocalEntity

FIRST = ["Sam", "Esther", "Vladimir", "Volodymyr", "Donald", "Melania", "Maurice", "Ann", "Anne"]
LAST = ["Williams", "Wiliams", "Putin", "Zelensky", "Zelenskyy", "Trump", "Cheeks", "Smith", "Smyth"]
ORGS = ["American Medical Association", "AMA", "Ama", "Chargers", "San Diego Chargers", "European Commission",
        "Federal Trade Commission", "Commission", "NATO", "North Atlantic Treaty Organization", "Microsoft",
        "Microsoft Office", "IBM", "International Business Machines Corp.", "Tsar Vlad"]
PLACES = ["Kyiv", "Kiev", "Russia", "Moscow", "Papua New Guinea", "Guinea", "United States", "US", "Washington"]
TYPES = ["Person", "Organization", "Place", "Group", "Other"]

_name = st.one_of(
    st.builds(lambda f, last: f"{f} {last}", st.sampled_from(FIRST), st.sampled_from(LAST)),
    st.sampled_from(LAST), st.sampled_from(ORGS), st.sampled_from(PLACES))
_mention = st.tuples(_name, st.sampled_from(TYPES), st.lists(_name, max_size=2))
_article_mentions = st.lists(_mention, min_size=1, max_size=4)
_chunks = st.lists(st.lists(_article_mentions, min_size=1, max_size=4), min_size=1, max_size=4)


def _analysis(source, mentions):
    locals_ = tuple(LocalEntity(source, n, name, kind, (name, *others), ((kind, 1),))
                    for n, (name, kind, others) in enumerate(mentions))
    return ArticleAnalysis(Article(source, "text"), (), locals_, ())


def _ingest(chunks, stored, *, with_index, overrides=None):
    """Resolve chunk after chunk as an ingest does, the stored entities updated with each chunk's; the
    resolutions."""
    known = {e.id: e for e in stored}
    index = EntityIndex(known.values()) if with_index else None
    results = []
    for c, chunk in enumerate(chunks):
        analyses = [_analysis(f"c{c}a{a}", mentions) for a, mentions in enumerate(chunk)]
        if index is not None:
            res = resolve(analyses, index=index, overrides=overrides)
        else:
            res = resolve(analyses, sorted(known.values(), key=lambda e: e.id), overrides=overrides)
        results.append(res)
        changed = [e for e in res.entities if e.id in set(res.assignment.values())]
        known.update({e.id: e for e in changed})
        if index is not None:
            index.update(changed)
    return results


STORED = [Entity("zz-sam-williams", "Sam Williams", "Person"), Entity("a-esther", "Esther Williams", "Person"),
          Entity("williams", "Williams", "Person"), Entity("ama", "AMA", "Organization"),
          Entity("kyiv", "Kyiv", "Place", ("Kiev",)), Entity("putin", "Putin", "Person", ("Vladimir Putin",))]


@settings(max_examples=150, deadline=None)
@given(_chunks, st.booleans())
def test_an_ingest_against_the_index_resolves_as_against_the_stored_entities(chunks, stored):
    expected = _ingest(chunks, STORED if stored else [], with_index=False)
    assert _ingest(chunks, STORED if stored else [], with_index=True) == expected


@settings(max_examples=40, deadline=None)
@given(_chunks)
def test_overrides_apply_alike_with_the_index(chunks):
    overrides = Overrides.of(merge=[("Tsar Vlad", "Vladimir Putin")], never=[("Trump", "Donald Trump")])
    expected = _ingest(chunks, STORED, with_index=False, overrides=overrides)
    assert _ingest(chunks, STORED, with_index=True, overrides=overrides) == expected


def test_a_resolution_leaves_the_index_as_it_was():
    index = EntityIndex(STORED)
    chunk = [_analysis("a", [("Esther Williams", "Person", ["Williams"]), ("Kiev", "Place", [])]),
             _analysis("b", [("Vladimir Putin", "Person", []), ("Ann Smith", "Person", [])])]
    first = resolve(chunk, index=index)
    assert resolve(chunk, index=index) == first == resolve(chunk, sorted(STORED, key=lambda e: e.id))
    assert len(index) == len(STORED) and index.key_owner("ann smith") is None


def test_the_smaller_id_answers_for_a_shared_key_whatever_the_update_order():
    index = EntityIndex([Entity("b-smith", "Ann Smith", "Person")])
    index.update([Entity("a-smith", "Anne Smith", "Person", ("Ann Smith",))])
    assert index.key_owner("ann smith") == "a-smith"
    index.update([Entity("a-smith", "Anne Smith", "Person", ("Ann Smith", "Smith"))])  # replaced, not added
    assert len(index) == 2 and index.key_owner("ann smith") == "a-smith" and index.key_owner("smith") is None


def test_a_key_that_becomes_a_surname_stops_answering_for_the_entity():
    index = EntityIndex([Entity("williams", "Williams", "Person")])
    assert index.key_owner("williams") == "williams"
    index.update([Entity("williams", "Esther Williams", "Person", ("Williams",))])
    assert index.key_owner("williams") is None and index.key_owner("esther williams") == "williams"


def test_many_replacements_compact_the_index_and_it_still_resolves_alike():
    stored = [Entity(f"p{i:05d}", f"Person{i} Surname{i % 97}", "Person") for i in range(3000)]
    index = EntityIndex(stored)
    for rounds in range(2):
        stored = [Entity(e.id, e.name, e.type, (*e.aliases, f"Alias{rounds} Surname{i % 97}"))
                  for i, e in enumerate(stored)]
        index.update(stored)
    chunk = [_analysis("a", [("Person12 Surname12", "Person", []), ("Alias1 Surnam12", "Person", []),
                             ("Surname5", "Person", [])])]
    assert resolve(chunk, index=index) == resolve(chunk, stored)


def test_an_update_with_unchanged_repeated_and_new_entities_resolves_as_the_index_built_again():
    index = EntityIndex(STORED)
    kyiv = Entity("kyiv", "Kyiv", "Place", ("Kiev", "Kyjiw"))
    update = [STORED[1], Entity("m-smith", "Ann Smith", "Person"), kyiv, STORED[0],
              Entity("m-smith", "Anne Smith", "Person", ("Ann Smith",)), Entity("b-new", "Ann Smyth", "Person")]
    index.update(update)
    known = {e.id: e for e in STORED} | {e.id: e for e in update}
    chunk = [_analysis("a", [("Ann Smith", "Person", []), ("Kyjiw", "Place", []), ("Esther Williams", "Person", [])]),
             _analysis("b", [("Anne Smyth", "Person", []), ("Sam Williams", "Person", ["Williams"])])]
    assert len(index) == len(known)
    assert resolve(chunk, index=index) == resolve(chunk, sorted(known.values(), key=lambda e: e.id))
    assert index.key_owner("kyjiw") == "kyiv" and index.key_owner("ann smith") == "m-smith"


def test_resolve_takes_known_or_an_index_not_both():
    import pytest

    with pytest.raises(ValueError, match="not both"):
        resolve([], STORED, index=EntityIndex(STORED))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abcde ", min_size=0, max_size=16), min_size=1, max_size=40),
       st.text("abcde ", max_size=16), st.sampled_from([0.0, 50.0, 70.0, 80.0, 88.0, 95.0, 100.0]))
def test_the_spelling_search_finds_what_a_pass_over_every_string_keeping_an_end_finds(texts, query, threshold):
    from newsgraph.graph.spellings import Spellings
    from spellings_contract import within

    def expected(live):
        return within(query, live, threshold)

    spellings = Spellings(88.0)  # cut for 88, searched at each threshold
    half = len(texts) // 2
    for n, text in enumerate(texts[:half]):
        spellings.add(text, n)
    assert spellings.near(query, threshold) == expected(texts[:half])
    for n, text in enumerate(texts[half:], half):  # added and removed after a search
        spellings.add(text, n)
    for n in range(0, len(texts), 3):
        spellings.remove(texts[n], n)
    assert spellings.near(query, threshold) == expected([t if n % 3 else None for n, t in enumerate(texts)])


def test_the_index_gives_the_garbage_collector_few_objects_an_entity():
    """A stored entity's cluster holds a frozenset, a tuple and plain dicts, and the tables hold tuples of ints and
    strings, which the collector leaves alone: a full collection walks few objects an entity, before a resolution
    and after one that joined stored entities (it gives them back as they were)."""
    import gc
    import sys

    stored = [Entity(f"p{i:05d}", f"Person{i} Surname{i % 97}", "Person", (f"Surname{i % 97}",)) for i in range(3000)]
    stored += [Entity(f"o{i:05d}", f"Company{i} Holdings", "Organization", (f"C{i}H",)) for i in range(1000)]
    chunk = [_analysis("a", [("Person12 Surname12", "Person", []), ("Company7 Holdings", "Organization", [])])]
    resolve(chunk, index=EntityIndex(stored[:10]))  # what the first use imports is not the index's
    # Other threads of the session (the hang watch of a server an earlier test started) make objects of their
    # own: a switch interval longer than the measurement keeps them from running in it.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(60.0)
    try:
        gc.collect()
        before = len(gc.get_objects())
        index = EntityIndex(stored)
        gc.collect()
        built = len(gc.get_objects()) - before
        resolution = resolve(chunk, index=index)
        del resolution
        gc.collect()
        after = len(gc.get_objects())
    finally:
        sys.setswitchinterval(interval)
    assert built / len(stored) < 3  # 14 an entity when clusters held Counters, sets and lists
    assert after - before <= built + 10


def test_a_stored_name_weighs_as_often_as_sources_wrote_it_so_a_later_misspelling_renames_nothing():
    """Before: a stored name counted 2 and each alias 1 whatever the store held, so one more article spelling the
    entity "Anne Lee" renamed the "Ann Lee" four articles had written, where one ingest of all of them kept it."""
    stored = Entity("ann-lee", "Ann Lee", "Person", ("Anne Lee",))
    later = [_analysis("late", [("Anne Lee", "Person", [])])]
    together = resolve([_analysis(f"a{n}", [("Ann Lee", "Person", [])]) for n in range(4)]
                       + [_analysis("b", [("Anne Lee", "Person", [])])] + later)
    assert [e.name for e in together.entities] == ["Ann Lee"]
    index = EntityIndex([stored], counts={"ann-lee": {"Ann Lee": 4, "Anne Lee": 1}})
    assert [e.name for e in resolve(later, index=index).entities] == ["Ann Lee"]
    # chunk after chunk: the counts of a chunk's articles (``name_counts.graph_name_counts``) add to the stored
    index = EntityIndex()
    first = resolve([_analysis(f"a{n}", [("Ann Lee", "Person", [])]) for n in range(4)]
                    + [_analysis("b", [("Anne Lee", "Person", [])])], index=index)
    index.update(first.entities, {"ann-lee": {"Ann Lee": 4, "Anne Lee": 1}})
    assert [e.name for e in resolve(later, index=index).entities] == ["Ann Lee"]


def test_a_stored_name_the_counts_do_not_favour_stays_the_name_until_mentions_join():
    """An analyst's canonical name (or a store without mention kinds) keeps its entity named so when no article of
    an ingest mentions it."""
    index = EntityIndex([Entity("x", "Ann Lee", "Person", ("Anne Lee",))], counts={"x": {"Anne Lee": 3}})
    assert [e.name for e in resolve([_analysis("z", [("Kyiv", "Place", [])])], index=index).entities
            if e.id == "x"] == ["Ann Lee"]


@pytest.mark.store
def test_the_store_gives_the_sources_that_wrote_each_name(empty_store):
    """What an ingest weighs a stored entity's names by: the sources whose MENTIONS edge holds each as a name."""
    from newsgraph.graph.name_counts import STORED_NAME_SOURCES, stored_name_counts

    empty_store.run("""CREATE (e:Entity {id: 'ann-lee', name: 'Ann Lee', aliases: ['Anne Lee']}),
      (a:Source {id: 'a'}), (b:Source {id: 'b'}), (c:Source {id: 'c'}),
      (a)-[:MENTIONS {texts: ['Ann Lee', 'Ann Lee', 'she'], kinds: ['name', 'name', 'pronoun']}]->(e),
      (b)-[:MENTIONS {texts: ['Ann Lee', 'the woman'], kinds: ['name', 'description']}]->(e),
      (c)-[:MENTIONS {texts: ['Anne Lee'], kinds: ['name']}]->(e)""")
    assert stored_name_counts(empty_store.run(STORED_NAME_SOURCES)) == {"ann-lee": {"Ann Lee": 2, "Anne Lee": 1}}
