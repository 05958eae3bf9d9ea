"""A person noun with an age links to the one person the article gives that age (``ingest/aged_nouns.py``), on
hand-built Docs."""

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions


def _aged(noun, at, *, det="A DET det {n}", age="59", possessor=None):
    """ "A 59-year-old NOUN was hit ." starting at token ``at`` (the noun at ``at + 6``)."""
    n = at + 6
    first = [possessor.format(n=n)] if possessor else [det.format(n=n)]
    return [*first, f"{age} NUM nummod {at + 3}", f"- PUNCT punct {at + 3}", f"year NOUN npadvmod {at + 5}",
            f"- PUNCT punct {at + 5}", f"old ADJ amod {n}", f"{noun} nsubjpass {at + 8}", f"was AUX auxpass {at + 8}",
            f"hit VERB ROOT {at + 8}", f". PUNCT punct {at + 8}"]


def _named(first, last, at, age):
    """ "FIRST LAST , AGE , died ." starting at token ``at``."""
    return [f"{first} PROPN compound {at + 1} ent=PERSON", f"{last} PROPN nsubj {at + 5} ent=PERSON",
            f", PUNCT punct {at + 1}", f"{age} NUM appos {at + 1}", f", PUNCT punct {at + 1}",
            f"died VERB ROOT {at + 5}", f". PUNCT punct {at + 5}"]


def _descriptions(*tokens):
    found = extract_mentions(make_doc(*tokens), "a1")
    names = {e.local_id: e.name for e in found.entities}
    return [(m.text, names[m.local_id]) for m in found.mentions if m.kind == "description"]


def test_a_noun_with_an_age_is_the_one_person_of_that_age_named_after_it():
    # "A 59-year-old driver was hit . Raj Chohan , 59 , died ."
    assert _descriptions(*_aged("driver NOUN", 0), *_named("Raj", "Chohan", 10, "59")) == [
        ("A 59 - year - old driver", "Raj Chohan")]
    # an agent noun WordNet files under no person sense first: "A 59-year-old climber"
    assert _descriptions(*_aged("climber NOUN", 0), *_named("Raj", "Chohan", 10, "59")) == [
        ("A 59 - year - old climber", "Raj Chohan")]


def test_an_age_two_people_share_another_age_or_a_possessor_links_nothing():
    two = _named("Raj", "Chohan", 10, "59") + _named("Ann", "Lee", 17, "59")
    assert _descriptions(*_aged("driver NOUN", 0), *two) == []
    assert _descriptions(*_aged("driver NOUN", 0, age="48"), *_named("Raj", "Chohan", 10, "59")) == []
    # "His 59-year-old driver was hit": someone's relative or employee, not the person of that age
    assert _descriptions(*_aged("driver NOUN", 0, possessor="His PRON poss {n}"),
                         *_named("Raj", "Chohan", 10, "59")) == []


def test_a_noun_that_says_a_sex_needs_the_person_to_have_it():
    # "A 59-year-old man was hit . Raj Chohan , 59 , died ." : the article says nothing of Chohan's sex
    assert _descriptions(*_aged("man NOUN", 0), *_named("Raj", "Chohan", 10, "59")) == []
    # "… . He was 59 ." would say it; here "He left ." after the name makes Chohan a man
    he = ["He PRON nsubj 18", "left VERB ROOT 18", ". PUNCT punct 18"]
    assert _descriptions(*_aged("man NOUN", 0), *_named("Raj", "Chohan", 10, "59"), *he) == [
        ("A 59 - year - old man", "Raj Chohan")]


def test_the_articles_one_woman_is_no_woman_of_another_age():
    # "Jean Lee , 48 , died . She … . A 63-year-old woman was hit ." : "she" makes Jean Lee the one woman, but
    # the age says the woman is someone else
    she = ["She PRON nsubj 8", "left VERB ROOT 8", ". PUNCT punct 8"]
    words = [*_named("Jean", "Lee", 0, "48"), *she]
    assert _descriptions(*words, *_aged("woman NOUN", 10, age="63")) == []
    assert _descriptions(*words, *_aged("woman NOUN", 10, age="48")) == [("A 48 - year - old woman", "Jean Lee")]
