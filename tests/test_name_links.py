"""A lone surname or first name linked to its article's full name though the model tags the name otherwise, a first
name kept from joining another article's person, and an apposition after an "of" phrase ("The president of
Afghanistan, Hamid Karzai"): hand-built mention candidates, local entities and Docs."""

from __future__ import annotations

from handmade import make_doc
from newsgraph.graph.resolve import resolve
from newsgraph.ingest.anaphora import Found
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.surnames import link_surnames
from newsgraph.model import Article, ArticleAnalysis, LocalEntity


def _linked(*items: tuple[int, str, str, str]) -> list[Found]:
    return link_surnames([Found(start, start + len(name.split()), name, label, kind, name.lower())
                          for start, name, label, kind in items])


# --- a full name the model tags other than a person --------------------------------------------------------------
def test_a_titled_surname_finds_the_one_full_name_the_model_tagged_an_organisation():
    found = _linked((0, "Bettie Page", "ORG", "name"), (9, "Page", "PERSON", "title"),
                    (20, "Notorious Bettie Page", "ORG", "name"), (30, "Page", "PERSON", "title"))
    assert [item.key for item in found] == ["bettie page", "bettie page", "notorious bettie page", "bettie page"]
    assert [item.label for item in found] == ["PERSON", "PERSON", "ORG", "PERSON"]


def test_a_surname_tagged_a_person_finds_a_full_name_of_any_label():
    found = _linked((0, "Irving Klaw", "GPE", "name"), (9, "Klaw", "PERSON", "name"))
    assert [(item.key, item.label) for item in found] == [("irving klaw", "PERSON")] * 2


def test_two_full_names_of_that_surname_or_a_lower_case_word_take_no_surname():
    found = _linked((0, "Bettie Page", "ORG", "name"), (5, "Jimmy Page", "ORG", "name"), (9, "Page", "PERSON", "title"))
    assert [(item.key, item.label) for item in found] == [
        ("bettie page", "ORG"), ("jimmy page", "ORG"), ("page", "PERSON")]
    found = _linked((0, "University of Washington", "ORG", "name"), (9, "Washington", "PERSON", "name"))
    assert [(item.key, item.label) for item in found] == [
        ("university of washington", "ORG"), ("washington", "PERSON")]


def test_a_person_of_that_surname_keeps_the_surname_whatever_else_ends_in_it():
    found = _linked((0, "Bettie Page", "ORG", "name"), (5, "Larry Page", "PERSON", "name"),
                    (9, "Page", "PERSON", "title"))
    assert [(item.key, item.label) for item in found] == [
        ("bettie page", "ORG"), ("larry page", "PERSON"), ("larry page", "PERSON")]


# --- a lone first name -----------------------------------------------------------------------------------------------
def test_a_lone_first_name_finds_the_one_full_name_it_starts():
    found = _linked((0, "Tony Thompson", "PERSON", "name"), (9, "Thompson", "PERSON", "name"),
                    (20, "Tony", "PERSON", "name"))
    assert [item.key for item in found] == ["tony thompson"] * 3


def test_a_first_name_two_full_names_start_stays_apart():
    found = _linked((0, "Tony Thompson", "PERSON", "name"), (5, "Tony Blair", "PERSON", "name"),
                    (20, "Tony", "PERSON", "name"))
    assert [item.key for item in found] == ["tony thompson", "tony blair", "tony"]


def _article(source: str, *locals_: tuple[str, tuple[str, ...]]) -> ArticleAnalysis:
    entities = tuple(LocalEntity(source, i, name, "Person", (name, *names), (("Person", 1),))
                     for i, (name, names) in enumerate(locals_))
    return ArticleAnalysis(Article(source, "text"), (), entities, ())


def test_a_first_name_joins_no_other_articles_person_by_that_name():
    """Before, the "Tony" of a report naming boxer Tony Thompson and the "Tony" of another (the referee Tony Weeks,
    whose surname the model missed) were one entity "Tony" or joined Tony Thompson by the key "tony"."""
    res = resolve([_article("a", ("Tony Thompson", ("Tony", "Thompson"))), _article("b", ("Tony", ()))])
    assert res.assignment[("a", 0)] != res.assignment[("b", 0)]
    res = resolve([_article("a", ("Tony", ())), _article("b", ("Tony Thompson", ("Tony",)))])
    assert res.assignment[("a", 0)] != res.assignment[("b", 0)]


def test_a_one_word_name_still_joins_the_same_name_elsewhere():
    res = resolve([_article("a", ("Madonna", ())), _article("b", ("Madonna", ()))])
    assert res.assignment[("a", 0)] == res.assignment[("b", 0)]
    res = resolve([_article("a", ("Tony Thompson", ("Tony",))), _article("b", ("Tony Thompson", ()))])
    assert res.assignment[("a", 0)] == res.assignment[("b", 0)]


# --- an apposition after an "of" phrase ----------------------------------------------------------------------------
def _descriptions(doc) -> dict[str, str]:
    found = extract_mentions(doc, "a1")
    names = {e.local_id: e.name for e in found.entities}
    return {m.text: names[m.local_id] for m in found.mentions if m.kind == "description"}


def test_a_role_before_an_of_phrase_and_a_name_in_apposition_is_that_person():
    # "The president of Afghanistan , Hamid Karzai , welcomed them ." — the parser hangs "Karzai" on "Afghanistan"
    doc = make_doc(
        "The DET det 1", "president NOUN nsubj 8", "of ADP prep 1", "Afghanistan PROPN pobj 2 ent=GPE",
        ", PUNCT punct 3", "Hamid PROPN compound 6 ent=PERSON", "Karzai PROPN appos 3 ent=PERSON", ", PUNCT punct 1",
        "welcomed VERB ROOT 8", "them PRON dobj 8", ". PUNCT punct 8",
    )
    assert _descriptions(doc) == {"The president": "Hamid Karzai"}


def test_a_noun_before_an_of_phrase_and_a_name_in_apposition_is_that_person():
    # "The owner of the restaurant , John Smith , welcomed them ." — "Smith" hung on "owner"
    doc = make_doc(
        "The DET det 1", "owner NOUN nsubj 9", "of ADP prep 1", "the DET det 4", "restaurant NOUN pobj 2",
        ", PUNCT punct 1", "John PROPN compound 7 ent=PERSON", "Smith PROPN appos 1 ent=PERSON", ", PUNCT punct 1",
        "welcomed VERB ROOT 9", "them PRON dobj 9", ". PUNCT punct 9",
    )
    assert _descriptions(doc) == {"The owner": "John Smith"}


def test_a_name_hung_on_a_common_noun_of_the_phrase_stays_with_that_noun():
    # "The mother of the victim , Jane Smith , spoke ." — the parser says Jane Smith is the victim
    doc = make_doc(
        "The DET det 1", "mother NOUN nsubj 9", "of ADP prep 1", "the DET det 4", "victim NOUN pobj 2",
        ", PUNCT punct 4", "Jane PROPN compound 7 ent=PERSON", "Smith PROPN appos 4 ent=PERSON", ", PUNCT punct 1",
        "spoke VERB ROOT 9", ". PUNCT punct 9",
    )
    assert _descriptions(doc) == {"the victim": "Jane Smith"}
