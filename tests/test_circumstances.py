"""Time, place, channel and occasion phrases are attributes of a clause's triples, never their objects."""

from __future__ import annotations

import json

import pytest

from handmade import make_doc, named_triples
from newsgraph.graph.build import build_graph
from newsgraph.graph.export import export
from newsgraph.ingest.circumstances import circumstances, combine, is_circumstantial
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.triples import extract_triples
from newsgraph.model import Article, ArticleAnalysis, Circumstances, Entity, Resolution

WEDNESDAY = "2025-03-19"


def _triples(doc, published=WEDNESDAY):
    return named_triples(doc, published)


def _simple(triples):
    return [(s, p, o) for s, p, o, _ in triples]


def _verb(doc):
    return next(t for t in doc if t.dep_ == "ROOT")


# --- time --------------------------------------------------------------------------------------------------------
def test_a_weekday_is_when_resolved_against_the_publication_date():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "signed VERB ROOT 1 lemma=sign", "the DET det 3",
                   "deal NOUN dobj 1", "on ADP prep 1", "Tuesday PROPN pobj 4 ent=DATE", ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o) == ("Putin", "sign", "[deal]")
    assert (t.when, t.when_text) == ("2025-03-18", "on Tuesday")
    [(*_, undated)] = _triples(doc, published="")
    assert (undated.when, undated.when_text) == ("", "on Tuesday")  # the phrase is kept when it cannot resolve


def test_a_bare_noun_phrase_of_time_is_when():
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "launched VERB ROOT 1 lemma=launch",
                   "strikes NOUN dobj 1 lemma=strike",
                   "last ADJ amod 4 ent=DATE", "week NOUN npadvmod 1 ent=DATE", ". PUNCT punct 1")
    [(*_, t)] = _triples(doc)
    assert (t.when, t.when_text) == ("2025-W11", "last week")


def test_a_month_and_year_and_a_day_month_are_when():
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "launched VERB ROOT 1 lemma=launch", "its PRON poss 4",
                   "full-scale ADJ amod 4", "invasion NOUN dobj 1", "in ADP prep 1", "February PROPN pobj 5 ent=DATE",
                   "2022 NUM nummod 6 ent=DATE", ". PUNCT punct 1")
    [(*_, t)] = _triples(doc)
    assert (t.when, t.when_text) == ("2022-02", "in February 2022")
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "met VERB ROOT 1 lemma=meet", "Putin PROPN dobj 1 ent=PERSON",
                   "on ADP prep 1", "18 NUM nummod 5 ent=DATE", "March PROPN pobj 3 ent=DATE", ". PUNCT punct 1")
    [(*_, t)] = _triples(doc)
    assert (t.when, t.when_text) == ("2025-03-18", "on 18 March")


def test_the_future_tense_resolves_a_weekday_ahead():
    doc = make_doc("Putin PROPN nsubj 2 ent=PERSON", "will AUX aux 2", "meet VERB ROOT 2 lemma=meet",
                   "Trump PROPN dobj 2 ent=PERSON", "on ADP prep 2", "Friday PROPN pobj 4 ent=DATE", ". PUNCT punct 2")
    [(*_, t)] = _triples(doc)
    assert t.when == "2025-03-21"


def test_a_time_word_without_a_label_is_when_but_a_lower_case_month_word_is_not():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "spoke VERB ROOT 1 lemma=speak", "on ADP prep 1",
                   "Tuesday PROPN pobj 2", ". PUNCT punct 1")
    assert circumstances(_verb(doc), WEDNESDAY).when == "2025-03-18"
    doc = make_doc("They PRON nsubj 1", "joined VERB ROOT 1 lemma=join", "in ADP prep 1", "a DET det 4",
                   "march NOUN pobj 2", ". PUNCT punct 1")
    found = circumstances(_verb(doc), WEDNESDAY)
    assert (found.when_text, found.occasion) == ("", "in a march")  # a gathering, not a month


def test_a_determined_moment_is_when_not_an_object_but_an_amount_of_time_is_an_object():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "declined VERB ROOT 1 lemma=decline", "for ADP prep 1",
                   "the DET det 4", "moment NOUN pobj 2", ". PUNCT punct 1")
    found = circumstances(_verb(doc), WEDNESDAY)
    assert (found.when, found.when_text) == ("", "for the moment")
    assert _triples(doc) == []  # no "Putin –decline for→ moment"
    doc = make_doc("Kyiv PROPN nsubj 1 ent=GPE", "voted VERB ROOT 1 lemma=vote", "for ADP prep 1", "the DET det 5",
                   "first ADJ amod 5", "time NOUN pobj 2", ". PUNCT punct 1")
    assert circumstances(_verb(doc), WEDNESDAY).when_text == "for the first time"
    doc = make_doc("Kyiv PROPN nsubj 1 ent=GPE", "asked VERB ROOT 1 lemma=ask", "for ADP prep 1",
                   "more ADJ amod 4", "time NOUN pobj 2", ". PUNCT punct 1")
    assert circumstances(_verb(doc), WEDNESDAY).when_text == ""
    assert [(s, p, o) for s, p, o, _ in _triples(doc)] == [("Kyiv", "ask for", "[more time]")]


# --- place -------------------------------------------------------------------------------------------------------
def test_a_named_place_is_where_not_an_object():
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "raised VERB ROOT 1 lemma=raise", "fears NOUN dobj 1 lemma=fear",
                   "in ADP prep 1", "Kyiv PROPN pobj 3 ent=GPE", ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o) == ("Russia", "raise", "[fear]")
    assert (t.where, t.where_text) == ("Kyiv", "in Kyiv")


def test_a_place_phrase_the_parser_hung_on_the_object_is_the_clause_s_where():
    # "met Trump in Helsinki": the small model attaches "in Helsinki" to "Trump", not to "met"
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "met VERB ROOT 1 lemma=meet", "Trump PROPN dobj 1 ent=PERSON",
                   "in ADP prep 2", "Helsinki PROPN pobj 3 ent=GPE", ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o, t.where, t.where_text) == ("Putin", "meet", "Trump", "Helsinki", "in Helsinki")
    # a preposition the verb selects heads its argument wherever the parser hangs it
    doc = make_doc("Acme PROPN nsubj 1 ent=ORG", "invested VERB ROOT 1 lemma=invest", "money NOUN dobj 1",
                   "in ADP prep 2", "Ukraine PROPN pobj 3 ent=GPE", ". PUNCT punct 1")
    assert circumstances(_verb(doc)).where == ""


def test_at_a_facility_is_where_but_at_an_organisation_is_not():
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "received VERB ROOT 1 lemma=receive",
                   "Zelenskyy PROPN dobj 1 ent=PERSON", "at ADP prep 1", "the DET det 6",
                   "White PROPN compound 6 ent=FAC",
                   "House PROPN pobj 3 ent=FAC", ". PUNCT punct 1")
    [(*_, t)] = _triples(doc)
    assert (t.where, t.where_text) == ("White House", "at the White House")
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "spoke VERB ROOT 1 lemma=speak", "at ADP prep 1",
                   "NATO PROPN pobj 2 ent=ORG", ". PUNCT punct 1")
    assert _simple(_triples(doc)) == [("Trump", "speak at", "NATO")]  # an organisation is no place


def test_a_place_noun_is_where_even_after_on():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "pressed VERB ROOT 1 lemma=press", "his PRON poss 3",
                   "advantage NOUN dobj 1", "on ADP prep 1", "the DET det 6", "battlefield NOUN pobj 4",
                   ". PUNCT punct 1")
    [(*_, t)] = _triples(doc)
    assert (t.where, t.where_text) == ("battlefield", "on the battlefield")


def test_a_selected_preposition_and_a_verb_of_location_keep_their_place_as_object():
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "invested VERB ROOT 1 lemma=invest", "in ADP prep 1",
                   "Crimea PROPN pobj 2 ent=GPE", ". PUNCT punct 1")
    assert _simple(_triples(doc)) == [("Russia", "invest in", "Crimea")]
    doc = make_doc("Smith PROPN nsubj 1 ent=PERSON", "lives VERB ROOT 1 lemma=live", "in ADP prep 1",
                   "Queens PROPN pobj 2 ent=GPE", ". PUNCT punct 1")
    assert _simple(_triples(doc)) == [("Smith", "live in", "Queens")]


# --- channel -----------------------------------------------------------------------------------------------------
def test_said_in_a_statement_is_no_edge_and_its_channel_goes_to_the_reported_clause():
    doc = make_doc("The DET det 1", "Kremlin PROPN nsubj 2 ent=ORG", "said VERB ROOT 2 lemma=say", "in ADP prep 2",
                   "a DET det 5", "statement NOUN pobj 3", "that SCONJ mark 8", "Putin PROPN nsubj 8 ent=PERSON",
                   "accepted VERB ccomp 2 lemma=accept", "a DET det 10", "truce NOUN dobj 8", ". PUNCT punct 2")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o) == ("Putin", "accept", "[truce]")
    assert (t.via, t.via_text) == ("statement", "in a statement") and t.attributed_to.text == "Kremlin"
    said = circumstances(doc[2], WEDNESDAY)  # what an event extractor reads off the speech verb itself
    assert said == Circumstances(via="statement", via_text="in a statement")


def test_a_platform_and_a_phone_are_via():
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "described VERB ROOT 1 lemma=describe", "the DET det 3",
                   "conversation NOUN dobj 1", "on ADP prep 1", "his PRON poss 8", "Truth PROPN compound 7 ent=ORG",
                   "Social PROPN compound 8 ent=ORG", "platform NOUN pobj 4", ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o) == ("Trump", "describe", "[conversation]")
    assert (t.via, t.via_text) == ("Truth Social platform", "on his Truth Social platform")
    doc = make_doc("He PRON nsubj 1", "posted VERB ROOT 1 lemma=post", "on ADP prep 1",
                   "Truth PROPN compound 4 ent=ORG",
                   "Social PROPN pobj 2 ent=ORG", ". PUNCT punct 1")
    assert _triples(doc) == [] and circumstances(_verb(doc)).via == "Truth Social"
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "spoke VERB ROOT 1 lemma=speak", "to ADP prep 1",
                   "Trump PROPN pobj 2 ent=PERSON", "by ADP prep 1", "phone NOUN pobj 4", ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o, t.via, t.via_text) == ("Putin", "speak to", "Trump", "phone", "by phone")


def test_during_the_call_is_via_and_at_a_press_conference_too():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "reiterated VERB ROOT 1 lemma=reiterate", "his PRON poss 3",
                   "concerns NOUN dobj 1 lemma=concern", "during ADP prep 1", "the DET det 6", "call NOUN pobj 4",
                   ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o) == ("Putin", "reiterate", "[concern]") and (t.via, t.via_text) == ("call", "during the call")
    doc = make_doc("Zelenskyy PROPN nsubj 1 ent=PERSON", "spoke VERB ROOT 1 lemma=speak", "at ADP prep 1",
                   "a DET det 5",
                   "press NOUN compound 5", "conference NOUN pobj 2", ". PUNCT punct 1")
    assert circumstances(_verb(doc)).via == "press conference"
    doc = make_doc("Zelenskyy PROPN nsubj 1 ent=PERSON", "spoke VERB ROOT 1 lemma=speak", "at ADP prep 1",
                   "a DET det 4",
                   "conference NOUN pobj 2", ". PUNCT punct 1")
    assert circumstances(_verb(doc)).occasion == "at a conference"


def test_a_topic_after_on_is_no_channel():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "commented VERB ROOT 1 lemma=comment", "on ADP prep 1",
                   "the DET det 4", "call NOUN pobj 2", ". PUNCT punct 1")
    assert _simple(_triples(doc)) == [("Putin", "comment on", "[call]")]


# --- occasion ----------------------------------------------------------------------------------------------------
def test_after_the_phone_call_is_an_occasion_of_the_real_object():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "declined VERB ROOT 1 lemma=decline", "after ADP prep 1",
                   "a DET det 5", "phone NOUN compound 5", "call NOUN pobj 2", "to PART aux 7",
                   "commit VERB xcomp 1 lemma=commit", "to ADP prep 7", "a DET det 10", "truce NOUN pobj 8",
                   ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o) == ("Putin", "decline to commit to", "[truce]")
    assert t.occasion == "after a phone call" and not t.via


def test_ahead_of_a_summit_and_on_the_sidelines_are_occasions():
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "met VERB ROOT 1 lemma=meet", "Xi PROPN dobj 1 ent=PERSON",
                   "ahead ADV advmod 1", "of ADP prep 3", "the DET det 6", "summit NOUN pobj 4", ". PUNCT punct 1")
    [(*_, t)] = _triples(doc)
    assert t.occasion == "ahead of the summit"
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "met VERB ROOT 1 lemma=meet", "Xi PROPN dobj 1 ent=PERSON",
                   "on ADP prep 1", "the DET det 5", "sidelines NOUN pobj 3 lemma=sideline", "of ADP prep 5",
                   "the DET det 8", "summit NOUN pobj 6", ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o, t.occasion) == ("Putin", "meet", "Xi", "on the sidelines of the summit")


def test_before_a_person_after_a_selecting_verb_is_no_occasion():
    doc = make_doc("Smith PROPN nsubj 1 ent=PERSON", "testified VERB ROOT 1 lemma=testify", "before ADP prep 1",
                   "the DET det 4", "committee NOUN pobj 2", ". PUNCT punct 1")
    assert _simple(_triples(doc)) == [("Smith", "testify before", "[committee]")]


def test_a_phrase_before_the_subject_frames_the_clause_and_is_no_object():
    # "For Trump , a ceasefire is a first step ." / "In her profile , Benjamin writes about her calling ."
    doc = make_doc("For ADP prep 5", "Trump PROPN pobj 0 ent=PERSON", ", PUNCT punct 5", "a DET det 4",
                   "ceasefire NOUN nsubj 5", "is AUX ROOT 5 lemma=be", "a DET det 9", "first ADJ amod 9",
                   "step NOUN attr 5", ". PUNCT punct 5")
    assert not any(o == "Trump" for _, _, o in _simple(_triples(doc)))
    doc = make_doc("In ADP prep 5", "her PRON poss 2", "profile NOUN pobj 0", ", PUNCT punct 5",
                   "Benjamin PROPN nsubj 5 ent=PERSON", "writes VERB ROOT 5 lemma=write", "about ADP prep 5",
                   "her PRON poss 8", "calling NOUN pobj 6", ". PUNCT punct 5")
    assert _simple(_triples(doc)) == [("Benjamin", "write about", "[calling]")]
    # the same kind of phrase after the subject is an argument
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "voted VERB ROOT 1 lemma=vote", "for ADP prep 1",
                   "the DET det 4", "ceasefire NOUN pobj 2", ". PUNCT punct 1")
    assert _simple(_triples(doc)) == [("Trump", "vote for", "[ceasefire]")]


# --- the record and the pieces -----------------------------------------------------------------------------------
def test_every_kind_on_one_clause():
    doc = make_doc("The DET det 1", "Kremlin PROPN nsubj 2 ent=ORG", "said VERB ROOT 2 lemma=say", "in ADP prep 2",
                   "Moscow PROPN pobj 3 ent=GPE", "on ADP prep 2", "Tuesday PROPN pobj 5 ent=DATE", "in ADP prep 2",
                   "a DET det 9", "statement NOUN pobj 7", "after ADP prep 2", "the DET det 12", "talks NOUN pobj 10",
                   ". PUNCT punct 2")
    found = circumstances(_verb(doc), WEDNESDAY)
    assert found == Circumstances(when="2025-03-18", when_text="on Tuesday", where="Moscow", where_text="in Moscow",
                                  via="statement", via_text="in a statement", occasion="after the talks")
    assert [is_circumstantial(t) for t in doc if t.dep_ == "prep"] == [True, True, True, True]
    assert _triples(doc) == []  # nothing but circumstances: no relation


def test_an_event_noun_has_circumstances_too():
    doc = make_doc("The DET det 1", "attack NOUN nsubj 7", "in ADP prep 1", "Kyiv PROPN pobj 2 ent=GPE",
                   "on ADP prep 1", "Tuesday PROPN pobj 4 ent=DATE", "was AUX aux 7", "condemned VERB ROOT 7",
                   ". PUNCT punct 7")
    found = circumstances(doc[1], WEDNESDAY)
    assert (found.where, found.when) == ("Kyiv", "2025-03-18")


def test_combine_keeps_the_first_phrase_of_each_kind():
    first = Circumstances(when="2025", when_text="in 2025")
    second = Circumstances(when="2024", when_text="in 2024", where="Kyiv", where_text="in Kyiv", occasion="after talks")
    assert combine(first, second) == Circumstances(when="2025", when_text="in 2025", where="Kyiv", where_text="in Kyiv",
                                                   occasion="after talks")
    assert not combine() and combine(Circumstances(), second) == second


def test_evidence_records_and_their_export_carry_the_circumstances(tmp_path):
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "raised VERB ROOT 1 lemma=raise", "fears NOUN dobj 1 lemma=fear",
                   "in ADP prep 1", "Kyiv PROPN pobj 3 ent=GPE", "on ADP prep 1", "Tuesday PROPN pobj 5 ent=DATE",
                   ". PUNCT punct 1")
    found = extract_mentions(doc, "a1")
    triples = extract_triples(doc, "a1", found.token_entity, published=WEDNESDAY)
    article = Article(id="a1", text=doc.text, published=WEDNESDAY, published_raw="Wed, 19 Mar 2025")
    entity = Entity("russia", "Russia", "Place")
    resolution = Resolution((entity,), {("a1", e.local_id): "russia" for e in found.entities})
    graph = build_graph([ArticleAnalysis(article, found.mentions, found.entities, triples)], resolution)
    assert graph.nodes["a1"]["published"] == WEDNESDAY and graph.nodes["a1"]["published_raw"] == "Wed, 19 Mar 2025"
    [path] = export(graph, "evidence-jsonl", tmp_path / "evidence.jsonl")
    [line] = [json.loads(x) for x in path.read_text().splitlines()]
    assert {k: line[k] for k in ("predicate", "when", "when_text", "where", "where_text", "via", "occasion")} == {
        "predicate": "raise", "when": "2025-03-18", "when_text": "on Tuesday", "where": "Kyiv",
        "where_text": "in Kyiv", "via": "", "occasion": ""}


@pytest.mark.parametrize("words", [
    ("Putin PROPN nsubj 1 ent=PERSON", "agreed VERB ROOT 1 lemma=agree", "to ADP prep 1", "a DET det 4",
     "ceasefire NOUN pobj 2", ". PUNCT punct 1"),
    ("Putin PROPN nsubj 1 ent=PERSON", "pushed VERB ROOT 1 lemma=push", "back ADV advmod 1", "against ADP prep 1",
     "the DET det 5", "plan NOUN pobj 3", ". PUNCT punct 1"),
])
def test_argument_prepositions_are_not_circumstances(words):
    doc = make_doc(*words)
    assert not any(is_circumstantial(t) for t in doc if t.dep_ == "prep") and not circumstances(_verb(doc))


def test_a_time_phrase_of_a_predicate_adjective_is_no_argument_either():
    doc = make_doc("Buckley PROPN nsubj 1 ent=PERSON", "was AUX ROOT 1 lemma=be", "well ADV advmod 3",
                   "equipped ADJ acomp 1", "at ADP prep 3", "the DET det 6", "time NOUN pobj 4", "for ADP prep 3",
                   "the DET det 9", "climb NOUN pobj 7", ". PUNCT punct 1")
    assert [(s, p, o) for s, p, o, _ in _triples(doc)] == [("Buckley", "be equipped for", "[climb]")]
    doc = make_doc("Buckley PROPN nsubj 1 ent=PERSON", "was AUX ROOT 1 lemma=be", "well ADV advmod 3",
                   "equipped ADJ acomp 1", "at ADP prep 3", "the DET det 6", "time NOUN pobj 4", ". PUNCT punct 1")
    [(s, p, o, t)] = _triples(doc)  # a state of the subject, its time an attribute
    assert (s, p, o, t.when_text) == ("Buckley", "be", "[equipped]", "at the time")


def test_a_period_of_office_with_its_holder_or_rank_is_when():
    doc = make_doc("In ADP prep 5", "his PRON poss 3 tag=PRP$", "first ADJ amod 3", "mandate NOUN pobj 0",
                   "Trump PROPN nsubj 5 ent=PERSON", "refused VERB ROOT 5 lemma=refuse", "the DET det 7",
                   "treaty NOUN dobj 5", ". PUNCT punct 5")
    [(s, p, o, t)] = _triples(doc)
    assert (s, p, o, t.when_text) == ("Trump", "refuse", "[treaty]", "In his first mandate")
    doc = make_doc("They PRON nsubj 1", "agreed VERB ROOT 1 lemma=agree", "on ADP prep 1", "the DET det 4",
                   "terms NOUN pobj 2 lemma=term", "of ADP prep 4", "the DET det 7", "deal NOUN pobj 5")
    assert not is_circumstantial(doc[2])  # the terms of a deal are no time


# --- tense, decimals, relative times -----------------------------------------------------------------------------
def test_a_day_without_a_year_in_a_past_clause_is_not_after_the_publication_date():
    doc = make_doc("He PRON nsubj 1", "rear-ended VERB ROOT 1 lemma=rear-end tag=VBD", "a DET det 3",
                   "truck NOUN dobj 1", "on ADP prep 1", "June PROPN pobj 4 ent=DATE", "8 NUM nummod 5 ent=DATE",
                   ". PUNCT punct 1")
    assert circumstances(_verb(doc), "2013-05-03").when == "2012-06-08"
    doc = make_doc("He PRON nsubj 2", "will AUX aux 2 tag=MD", "face VERB ROOT 2 lemma=face tag=VB",
                   "trial NOUN dobj 2", "on ADP prep 2", "June PROPN pobj 4 ent=DATE", "8 NUM nummod 5 ent=DATE",
                   ". PUNCT punct 2")
    assert circumstances(_verb(doc), "2013-05-03").when == "2013-06-08"
    doc = make_doc("It PRON nsubjpass 4", "is AUX aux 4 tag=VBZ", "to PART aux 4 tag=TO", "be AUX auxpass 4 tag=VB",
                   "signed VERB ROOT 4 lemma=sign tag=VBN", "on ADP prep 4", "June PROPN pobj 5 ent=DATE",
                   "8 NUM nummod 6 ent=DATE", ". PUNCT punct 4")
    assert circumstances(_verb(doc), "2013-05-03").when == "2013-06-08"  # to be signed: not what happened


MONDAY = "2024-05-06"


def _appear(be_tag, *, perfect=False):
    """John Roe is (was) due to appear in court on Tuesday; with ``perfect``: is due to have appeared. The verb of
    appearing is token 5."""
    verb = ("have AUX aux 6 tag=VB", "appeared VERB xcomp 3 lemma=appear tag=VBN") if perfect else (
        "appear VERB xcomp 3 lemma=appear tag=VB",)
    v = 4 + len(verb)
    return make_doc("John PROPN compound 1 ent=PERSON", "Roe PROPN nsubj 2 ent=PERSON",
                    f"is AUX ROOT 2 lemma=be tag={be_tag}", "due ADJ acomp 2 tag=JJ", f"to PART aux {v} tag=TO", *verb,
                    f"in ADP prep {v}", f"court NOUN pobj {v + 1}", f"on ADP prep {v}",
                    f"Tuesday PROPN pobj {v + 3} ent=DATE", ". PUNCT punct 2")


def test_a_present_schedule_or_intention_puts_its_infinitive_ahead():
    doc = _appear("VBZ")  # John Roe is due to appear in court on Tuesday.
    assert doc[5].text == "appear" and circumstances(doc[5], MONDAY).when == "2024-05-07"
    doc = make_doc("Acme PROPN nsubjpass 2 ent=ORG", "is AUX auxpass 2 lemma=be tag=VBZ",
                   "expected VERB ROOT 2 lemma=expect tag=VBN", "to PART aux 4 tag=TO",
                   "sign VERB xcomp 2 lemma=sign tag=VB", "the DET det 6", "contract NOUN dobj 4", "on ADP prep 4",
                   "Friday PROPN pobj 7 ent=DATE", ". PUNCT punct 2")
    assert circumstances(doc[4], MONDAY).when == "2024-05-10"
    doc = make_doc("The DET det 1", "council NOUN nsubj 2", "plans VERB ROOT 2 lemma=plan tag=VBZ",
                   "to PART aux 4 tag=TO", "vote VERB xcomp 2 lemma=vote tag=VB", "on ADP prep 4",
                   "Wednesday PROPN pobj 5 ent=DATE", ". PUNCT punct 2")
    assert circumstances(doc[4], MONDAY).when == "2024-05-08"
    doc = make_doc("The DET det 1", "minister NOUN nsubj 2", "is AUX ROOT 2 lemma=be tag=VBZ",
                   "to PART aux 4 tag=TO", "meet VERB xcomp 2 lemma=meet tag=VB", "the DET det 6", "mayor NOUN dobj 4",
                   "on ADP prep 4", "Thursday PROPN pobj 7 ent=DATE", ". PUNCT punct 2")
    assert circumstances(doc[4], MONDAY).when == "2024-05-09"


def test_a_past_schedule_or_a_perfect_infinitive_is_not_put_ahead():
    doc = _appear("VBD")  # John Roe was due to appear in court on Tuesday.
    assert circumstances(doc[5], MONDAY).when == "2024-04-30"
    doc = _appear("VBZ", perfect=True)  # John Roe is due to have appeared in court on Tuesday.
    assert doc[6].text == "appeared" and circumstances(doc[6], MONDAY).when == "2024-04-30"
    doc = make_doc("The DET det 1", "council NOUN nsubj 2", "planned VERB ROOT 2 lemma=plan tag=VBD",
                   "to PART aux 4 tag=TO", "vote VERB xcomp 2 lemma=vote tag=VB", "on ADP prep 4",
                   "Wednesday PROPN pobj 5 ent=DATE", ". PUNCT punct 2")
    assert circumstances(doc[4], MONDAY).when == "2024-05-01"


def test_a_decimal_the_model_labels_a_date_is_no_time():
    doc = make_doc("USGS PROPN nsubj 1 ent=ORG", "puts VERB ROOT 1 lemma=put", "the DET det 3",
                   "magnitude NOUN dobj 1", "at ADP prep 1", "6 NUM pobj 4 ent=DATE", ". PUNCT punct 5 ent=DATE",
                   "1 NUM nummod 5 ent=DATE", ". PUNCT punct 1")
    found = circumstances(_verb(doc), "2005-03-28")
    assert (found.when, found.when_text) == ("", "")


def test_a_time_after_before_or_since_is_an_occasion_not_when():
    doc = make_doc("Before ADP prep 4", "1997 NUM pobj 0 ent=DATE", ", PUNCT punct 4", "Gigante PROPN nsubj 4",
                   "served VERB ROOT 4 lemma=serve tag=VBN", ". PUNCT punct 4")
    found = circumstances(_verb(doc), "2005-12-19")
    assert (found.when, found.when_text, found.occasion) == ("", "", "Before 1997")
    doc = make_doc("After ADP prep 7", "nearly ADV advmod 3", "a DET det 3", "quarter-century NOUN pobj 0 ent=DATE",
                   ", PUNCT punct 7", "he PRON nsubjpass 7", "was AUX auxpass 7 tag=VBD",
                   "freed VERB ROOT 7 lemma=free tag=VBN", ". PUNCT punct 7")
    found = circumstances(_verb(doc), "2005-12-19")
    assert (found.when, found.when_text, found.occasion) == ("", "", "After nearly a quarter-century")


def test_a_time_right_after_a_happening_the_clause_is_placed_against_is_that_happening_s():
    doc = make_doc("He PRON nsubjpass 2", "was AUX auxpass 2 tag=VBD", "convicted VERB ROOT 2 lemma=convict tag=VBN",
                   "before ADP prep 2", "his PRON poss 5", "arrest NOUN pobj 3", "on ADP prep 2",
                   "Tuesday PROPN pobj 6 ent=DATE", ". PUNCT punct 2")
    found = circumstances(_verb(doc), WEDNESDAY)
    assert (found.when, found.when_text, found.occasion) == ("", "", "before his arrest on Tuesday")
    doc = make_doc("He PRON nsubjpass 2", "was AUX auxpass 2 tag=VBD", "convicted VERB ROOT 2 lemma=convict tag=VBN",
                   "of ADP prep 2", "assault NOUN pobj 3", "on ADP prep 2", "Tuesday PROPN pobj 5 ent=DATE",
                   ". PUNCT punct 2")
    assert circumstances(_verb(doc), WEDNESDAY).when == "2025-03-18"  # "of" places nothing in time


def test_a_day_heading_of_a_live_blog_is_the_day_its_relative_times_are_told_against():
    from spacy.tokens import Doc

    from handmade import _VOCAB

    words = ["Friday", ",", "March", "14", "\n", "Putin", "signed", "the", "deal", "yesterday", "."]
    spaces = [False, True, True, False, False, True, True, True, True, False, False]
    heads = [0, 0, 0, 2, 3, 6, 6, 8, 6, 6, 6]
    deps = ["ROOT", "punct", "appos", "nummod", "dep", "nsubj", "ROOT", "det", "dobj", "npadvmod", "punct"]
    pos = ["PROPN", "PUNCT", "PROPN", "NUM", "SPACE", "PROPN", "VERB", "DET", "NOUN", "NOUN", "PUNCT"]
    ents = ["B-DATE", "I-DATE", "I-DATE", "I-DATE", "O", "B-PERSON", "O", "O", "O", "B-DATE", "O"]
    lemmas = [w.lower() for w in words]
    lemmas[6] = "sign"
    doc = Doc(_VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, ents=ents, lemmas=lemmas,
              sent_starts=[True, False, False, False, False, True, False, False, False, False, False])
    assert doc.text.startswith("Friday, March 14\nPutin signed")
    # published on Wednesday 19 March: "yesterday" under the heading of Friday 14 March is Thursday 13 March
    assert circumstances(doc[6], WEDNESDAY).when == "2025-03-13"
    headless = make_doc("Putin PROPN nsubj 1 ent=PERSON", "signed VERB ROOT 1 lemma=sign", "the DET det 3",
                        "deal NOUN dobj 1", "yesterday NOUN npadvmod 1 ent=DATE", ". PUNCT punct 1")
    assert circumstances(headless[1], WEDNESDAY).when == "2025-03-18"
