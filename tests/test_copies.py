"""Copy detection without a model or a store: shingles, similarity, the copy index and its groups, outlets."""

from hypothesis import given, settings, strategies as st

from newsgraph.graph.copies import CopyIndex, fingerprint, shingles, similarity
from newsgraph.ingest.outlets import outlet_from_url

WIRE = ("Wladimir Klitschko stopped Tony Thompson in the sixth round to keep a comfortable hold on his heavyweight "
        "titles on Saturday night. The champion floored Thompson with a big right hand near the end of the fifth "
        "round at the Stade de Suisse, and the forty-year-old American never recovered. The Ukrainian dropped "
        "Thompson again in the sixth, and the referee gave the challenger a standing count before stopping the fight.")
REWRITE = WIRE.replace("on Saturday night", "on Saturday in Bern").replace("big right hand", "heavy right hand")
OTHER = ("Klitschko beat Thompson in Switzerland, our reporter at ringside writes: the challenger barely landed a "
         "punch, and the crowd of forty thousand cheered the champion long after the referee had waved it off.")


def test_shingles_ignore_case_punctuation_and_spacing():
    assert shingles("The  champion, kept   his TITLES.") == shingles("the champion kept his titles")
    assert shingles("one two three four five six") == {"one two three four five", "two three four five six"}


def test_a_light_rewrite_is_similar_and_another_report_is_not():
    wire, rewrite, other = (fingerprint(n, t) for n, t in (("w", WIRE), ("r", REWRITE), ("o", OTHER)))
    assert similarity(wire, rewrite) >= 0.6
    assert similarity(wire, other) < 0.2
    assert similarity(wire, rewrite) == similarity(rewrite, wire)


def test_a_shortened_copy_is_contained_in_the_full_story():
    first_two = ". ".join(WIRE.split(". ")[:2])
    assert similarity(fingerprint("full", WIRE), fingerprint("short", first_two)) >= 0.8


def test_fingerprints_are_deterministic():
    assert fingerprint("a", WIRE) == fingerprint("a", WIRE)
    # the stored signatures of earlier ingests stay comparable: same seed, permutations and hashing in every run
    assert fingerprint("a", WIRE).signature[:3] == (32384651, 101472167, 25552855)


def test_copies_point_from_the_later_to_the_earlier_and_join_groups():
    index = CopyIndex()
    found = index.assign([fingerprint("b", REWRITE, "2012-07-08"), fingerprint("a", WIRE, "2012-07-07"),
                          fingerprint("o", OTHER, "2012-07-07")])
    assert [(c.source, c.original) for c in found.copies] == [("b", "a")]
    assert dict(found.groups) == {"a": "a", "b": "a", "o": "o"}


def test_a_later_copy_regroups_stored_sources():
    half1 = WIRE.split(". ")[0] + ". " + OTHER
    half2 = ". ".join(WIRE.split(". ")[1:])
    stored = CopyIndex().assign([fingerprint("h1", half1, "2012-07-07"), fingerprint("h2", half2, "2012-07-06")])
    assert dict(stored.groups) == {"h1": "h1", "h2": "h2"}
    index = CopyIndex([f.__class__(f.source, f.published, f.signature, f.shingles, dict(stored.groups)[f.source])
                       for f in stored.fingerprints])
    bridged = index.assign([fingerprint("all", half1 + " " + half2, "2012-07-09")])
    assert {(c.source, c.original) for c in bridged.copies} == {("all", "h1"), ("all", "h2")}
    assert dict(bridged.groups) == {"all": "h2", "h1": "h2"} and bridged.regrouped == ("h1",)


def test_an_article_seen_again_is_not_its_own_copy():
    index = CopyIndex([fingerprint("a", WIRE, "2012-07-07")])
    again = index.assign([fingerprint("a", WIRE, "2012-07-07")])
    assert again.copies == () and dict(again.groups) == {"a": "a"} and len(index) == 1


texts = st.lists(st.sampled_from([WIRE, REWRITE, OTHER, WIRE[:150], OTHER + " " + WIRE[:200], "Short."]),
                 min_size=1, max_size=6)


@settings(max_examples=25, deadline=None)
@given(texts, st.randoms(use_true_random=False))
def test_copies_and_groups_do_not_depend_on_order_or_batches(chosen, rnd):
    prints = [fingerprint(f"s{i}", text, f"2012-07-{1 + i % 3:02d}") for i, text in enumerate(chosen)]
    whole = CopyIndex()
    together = whole.assign(prints)
    shuffled = prints[:]
    rnd.shuffle(shuffled)
    apart = CopyIndex()
    copies, groups = set(), {}
    for start in range(0, len(shuffled), 2):
        part = apart.assign(shuffled[start:start + 2])
        copies |= set(part.copies)
        groups.update(part.groups)
    assert copies == set(together.copies)
    assert {s: apart.group_of(s) for s in groups} == {s: whole.group_of(s) for s in groups}


def test_outlet_from_url():
    assert outlet_from_url("http://www.bbc.co.uk/sport/0/boxing/18747023") == "bbc.co.uk"
    assert outlet_from_url("https://bigstory.ap.org/article/x") == "ap.org"
    assert outlet_from_url("sports.yahoo.com/news/x") == "yahoo.com"
    assert outlet_from_url("http://[::1]:8080/x") == "::1"
    assert outlet_from_url("not a url") == outlet_from_url("   ") == ""
    assert outlet_from_url("") == ""


SANCHEZ = ("Spanish Prime Minister Pedro Sánchez met Portuguese Prime Minister Luís Montenegro in Málaga on "
           "Friday to discuss water rights on the Tagus river. Sánchez said Spain and Portugal would share the "
           "costs of new dams. Montenegro said the agreement reached in Málaga was historic. Critics in Córdoba and "
           "Cádiz said the plan would take water from farmers in Andalucía. The foreign ministers, José Manuel "
           "Albares and Paulo Rangel, will meet in León next month to prepare a summit.")


def test_a_copy_in_another_unicode_normalisation_is_the_same_text():
    import unicodedata

    nfc, nfd = (unicodedata.normalize(form, SANCHEZ) for form in ("NFC", "NFD"))
    assert nfc != nfd and shingles(nfc) == shingles(nfd)
    assert fingerprint("a", nfc).signature == fingerprint("a", nfd).signature
    found = CopyIndex().assign([fingerprint("efe", nfc, "2025-03-14"), fingerprint("blog", nfd, "2025-03-15")])
    assert [(c.source, c.original, c.similarity) for c in found.copies] == [("blog", "efe", 1.0)]


def test_shingles_fold_compatibility_forms_case_and_invisible_characters():
    assert shingles("the ﬁnal in the Straße of Ｍálaga") == shingles("THE FINAL IN THE STRASSE OF MÁLAGA")
    assert shingles("a co\u00adoperation deal was signed") == shingles("a cooperation deal was signed")
    # a combining mark with no precomposed letter stays in its word instead of splitting it
    assert shingles("the river Ko\u0331lo flooded the valley") == {"the river ko\u0331lo flooded the",
                                                                    "river ko\u0331lo flooded the valley"}


def test_url_key_ignores_how_an_address_is_written():
    from newsgraph.graph.copies import url_key

    key = url_key("https://dailyplanet.example.com/acme-globex")
    assert key == "dailyplanet.example.com/acme-globex"
    assert url_key("http://www.DailyPlanet.example.com/acme-globex/#update") == key
    assert url_key("https://dailyplanet.example.com:443/acme-globex?utm_source=rss&fbclid=x") == key
    assert url_key("dailyplanet.example.com/acme-globex") == key
    assert url_key("https://news.example.com/a.php?id=2&page=1") == url_key("//news.example.com/a.php?page=1&id=2")
    assert url_key("https://news.example.com/story.php?id=2") != url_key("https://news.example.com/story.php?id=3")
    assert url_key("https://www.example.com/") == url_key("https://www.example.com/?utm_source=x") == ""
    assert url_key("") == url_key("not a url") == ""


V1 = ("Acme Corp. agreed to buy Globex Industries for $2 billion, the companies said on Monday. John Smith, the chief "
      "executive of Acme, said the deal would close in June.")
V2 = ("UPDATED: Acme Corp. agreed to buy Globex Industries, raising its offer to $2.4 billion after a rival bid "
      "emerged late on Tuesday. Acme chief executive John Smith told analysts the purchase should be completed by the "
      "end of summer.")


def test_two_versions_at_one_address_are_copies_whatever_their_words():
    url = "https://dailyplanet.example.com/acme-globex"
    index = CopyIndex()
    found = index.assign([fingerprint("story-v2", V2, "2025-03-04", url + "?utm_medium=rss"),
                          fingerprint("story-v1", V1, "2025-03-03", url),
                          fingerprint("other", V1, "2025-03-03", "https://other.example.com/acme-globex"),
                          fingerprint("front", V2, "2025-03-05", "https://dailyplanet.example.com/")])
    pairs = {(c.source, c.original): c for c in found.copies}
    assert pairs[("story-v2", "story-v1")].same_url and pairs[("story-v2", "story-v1")].similarity < 0.5
    assert not pairs[("story-v1", "other")].same_url  # the same words at another address: a copy by its shingles
    assert ("front", "story-v2") in pairs and not pairs[("front", "story-v2")].same_url  # a front page names no story
    assert dict(found.groups)["story-v2"] == "other"


def test_a_new_version_of_a_stored_article_joins_its_group():
    from newsgraph.graph.copies import Fingerprint, url_key

    url = "https://dailyplanet.example.com/acme-globex"
    first = fingerprint("story-v1", V1, "2025-03-03")  # stored: its URL comes back from the Source
    stored = Fingerprint(first.source, first.published, first.signature, first.shingles, "story-v1", url_key(url))
    found = CopyIndex([stored]).assign([fingerprint("story-v2", V2, "2025-03-04", "http://www." + url[8:] + "/")])
    assert [(c.source, c.original, c.same_url) for c in found.copies] == [("story-v2", "story-v1", True)]
    assert dict(found.groups) == {"story-v2": "story-v1"}


def test_copy_rows_carry_whether_a_pair_shares_an_address():
    import networkx as nx

    from newsgraph.graph.copies import Copy
    from newsgraph.graph.copy_writes import copy_rows, fingerprint_rows

    graph = nx.MultiDiGraph(copies=[Copy("v2", "v1", 0.1, same_url=True), Copy("b", "a", 0.9)])
    graph.add_nodes_from(["a", "b", "c", "d", "v2"], kind="Source")
    graph.add_node("v1", kind="Source", minhash=[1, 2], shingles=2)
    graph.add_edge("v2", "v1", key="COPY_OF", type="COPY_OF", similarity=0.1)  # as build_graph adds it
    graph.add_edge("d", "c", key="COPY_OF", type="COPY_OF", similarity=0.2, same_url=True)  # as a graph read back
    assert copy_rows(graph) == [{"source": "b", "original": "a", "similarity": 0.9, "same_url": False},
                                {"source": "d", "original": "c", "similarity": 0.2, "same_url": True},
                                {"source": "v2", "original": "v1", "similarity": 0.1, "same_url": True}]
    assert fingerprint_rows(graph) == [{"id": "v1", "minhash": [1, 2], "shingles": 2, "shingling": 2}]
