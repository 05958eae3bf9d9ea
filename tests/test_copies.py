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
