"""Common-noun and pronoun mentions of named entities on hand-built Docs: what the article supports links, nothing
else does."""

import signal

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.noun_classes import noun_class, noun_sex


def _links(*tokens, kind="description"):
    found = extract_mentions(make_doc(*tokens), "a1")
    names = {e.local_id: e.name for e in found.entities}
    return [(m.text, names[m.local_id]) for m in found.mentions if m.kind == kind]


def test_noun_classes_come_from_the_shipped_table():
    assert [noun_class(w) for w in ("coach", "automaker", "police", "city", "ceasefire")] == [
        "PERSON", "ORG", "ORG", "GPE", None]
    assert noun_sex("spokeswoman") == "female" and noun_sex("referee") is None


def test_apposition_equates_a_noun_with_an_organisation_and_a_later_description_follows_it():
    # "Nvidia , the chipmaker , rose . The chipmaker reported gains ."
    links = _links(
        "Nvidia PROPN nsubj 5 ent=ORG", ", PUNCT punct 0", "the DET det 3", "chipmaker NOUN appos 0",
        ", PUNCT punct 0", "rose VERB ROOT 5", ". PUNCT punct 5",
        "The DET det 8", "chipmaker NOUN nsubj 9", "reported VERB ROOT 9", "gains NOUN dobj 9 tag=NNS",
        ". PUNCT punct 9",
    )
    assert links == [("the chipmaker", "Nvidia"), ("The chipmaker", "Nvidia")]


def test_copula_equates_and_a_noun_of_another_type_does_not():
    # "Nvidia is a chipmaker . Acme is a city ."  (a place noun says nothing of an organisation)
    links = _links(
        "Nvidia PROPN nsubj 1 ent=ORG", "is AUX ROOT 1 lemma=be", "a DET det 3", "chipmaker NOUN attr 1",
        ". PUNCT punct 1",
        "Acme PROPN nsubj 6 ent=ORG", "is AUX ROOT 6 lemma=be", "a DET det 8", "city NOUN attr 6", ". PUNCT punct 6",
    )
    assert links == [("a chipmaker", "Nvidia")]


def test_a_noun_equated_with_two_organisations_or_marked_as_another_links_to_none():
    # "Intel , a chipmaker , fell . AMD , a chipmaker , rose . The chipmaker said … . The new chipmaker said …"
    links = _links(
        "Intel PROPN nsubj 5 ent=ORG", ", PUNCT punct 0", "a DET det 3", "chipmaker NOUN appos 0", ", PUNCT punct 0",
        "fell VERB ROOT 5", ". PUNCT punct 5",
        "AMD PROPN nsubj 12 ent=ORG", ", PUNCT punct 7", "a DET det 10", "chipmaker NOUN appos 7",
        ", PUNCT punct 7", "rose VERB ROOT 12", ". PUNCT punct 12",
        "The DET det 15", "chipmaker NOUN nsubj 16", "said VERB ROOT 16", ". PUNCT punct 16",
    )
    assert links == [("a chipmaker", "Intel"), ("a chipmaker", "AMD")]
    links = _links(
        "Nvidia PROPN nsubj 5 ent=ORG", ", PUNCT punct 0", "the DET det 3", "chipmaker NOUN appos 0",
        ", PUNCT punct 0", "rose VERB ROOT 5", ". PUNCT punct 5",
        "The DET det 9", "new ADJ amod 9", "chipmaker NOUN nsubj 10", "said VERB ROOT 10", ". PUNCT punct 10",
    )
    assert links == [("the chipmaker", "Nvidia")]


def test_the_hospital_is_the_nearest_organisation_whose_name_says_hospital():
    # "Beaumont Hospital treated them . The hospital said … ." / "Vancouver Police came . The bank closed ."
    links = _links(
        "Beaumont PROPN compound 1 ent=ORG", "Hospital PROPN nsubj 2 ent=ORG", "treated VERB ROOT 2",
        "them PRON dobj 2", ". PUNCT punct 2",
        "The DET det 6", "hospital NOUN nsubj 7", "said VERB ROOT 7", ". PUNCT punct 7",
        "Vancouver PROPN compound 10 ent=ORG", "Police PROPN nsubj 11 ent=ORG", "came VERB ROOT 11",
        ". PUNCT punct 11",
        "The DET det 14", "bank NOUN nsubj 15", "closed VERB ROOT 15", ". PUNCT punct 15",
    )
    assert links == [("The hospital", "Beaumont Hospital")]


def test_the_company_is_the_one_organisation_in_view_or_the_one_named_with_a_legal_suffix():
    # "Acme hired staff . The company said … ."
    assert _links("Acme PROPN nsubj 1 ent=ORG", "hired VERB ROOT 1", "staff NOUN dobj 1", ". PUNCT punct 1",
                  "The DET det 5", "company NOUN nsubj 6", "said VERB ROOT 6", ". PUNCT punct 6") == [
        ("The company", "Acme")]
    # "Acme sued Globex . The company said … ." : two in view, neither named as a company
    tail = ["The DET det 5", "company NOUN nsubj 6", "said VERB ROOT 6", ". PUNCT punct 6"]
    assert _links("Acme PROPN nsubj 1 ent=ORG", "sued VERB ROOT 1", "Globex PROPN dobj 1 ent=ORG",
                  ". PUNCT punct 1", *tail) == []
    # "Acme Corp. sued Globex . The company said … ."
    tail = ["The DET det 6", "company NOUN nsubj 7", "said VERB ROOT 7", ". PUNCT punct 7"]
    assert _links("Acme PROPN compound 1 ent=ORG", "Corp. PROPN nsubj 2 ent=ORG", "sued VERB ROOT 2",
                  "Globex PROPN dobj 2 ent=ORG", ". PUNCT punct 2", *tail) == [("The company", "Acme Corp")]
    # "Vancouver Police came . The company said … ." : a police force is no company
    assert _links("Vancouver PROPN compound 1 ent=ORG", "Police PROPN nsubj 2 ent=ORG", "came VERB ROOT 2",
                  ". PUNCT punct 2", "The DET det 5", "company NOUN nsubj 6", "said VERB ROOT 6",
                  ". PUNCT punct 6") == []


def test_the_actress_is_the_nearest_person_the_article_makes_a_woman():
    # "Lindsay Lohan left . She cried . The actress smiled ."
    tokens = ["Lindsay PROPN compound 1 ent=PERSON", "Lohan PROPN nsubj 2 ent=PERSON", "left VERB ROOT 2",
              ". PUNCT punct 2", "She PRON nsubj 5", "cried VERB ROOT 5", ". PUNCT punct 5",
              "The DET det 8", "actress NOUN nsubj 9", "smiled VERB ROOT 9", ". PUNCT punct 9"]
    assert _links(*tokens) == [("The actress", "Lindsay Lohan")]
    tokens[4] = "He PRON nsubj 5"
    assert _links(*tokens) == []  # a man is no actress; a person of unknown sex is not assumed one


def test_a_description_in_a_sentence_with_no_verb_is_linked_too():
    # "Ann Lee fell . She cried . Shock for the actress ." (a headline-like line whose root is a noun: finding the
    # description's clause climbs to that root and stops there)
    def on_alarm(signum, frame):
        raise AssertionError("nominal linking did not return on a sentence with no verb")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(30)
    try:
        links = _links(
            "Ann PROPN compound 1 ent=PERSON", "Lee PROPN nsubj 2 ent=PERSON", "fell VERB ROOT 2", ". PUNCT punct 2",
            "She PRON nsubj 5", "cried VERB ROOT 5", ". PUNCT punct 5",
            "Shock NOUN ROOT 7", "for ADP prep 7", "the DET det 10", "actress NOUN pobj 8", ". PUNCT punct 7",
        )
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert links == [("the actress", "Ann Lee")]


def test_the_description_never_links_to_a_phrase_that_commands_it():
    # "Mrs. Ann Lee fell . Mrs. Ann Lee said the actress fell ."
    links = _links(
        "Mrs. PROPN compound 2 ent=PERSON", "Ann PROPN compound 2 ent=PERSON", "Lee PROPN nsubj 3 ent=PERSON",
        "fell VERB ROOT 3", ". PUNCT punct 3",
        "Mrs. PROPN compound 7 ent=PERSON", "Ann PROPN compound 7 ent=PERSON", "Lee PROPN nsubj 8 ent=PERSON",
        "said VERB ROOT 8", "the DET det 10", "actress NOUN nsubj 11", "fell VERB ccomp 8", ". PUNCT punct 8",
    )
    assert links == []


def test_an_age_description_is_the_person_of_that_age():
    # "Tom Hall , 61 , fled . The 61 - year - old was caught ." / "The 25 - year - old" links to no one
    def tokens(age):
        return ["Tom PROPN compound 1 ent=PERSON", "Hall PROPN nsubj 5 ent=PERSON", ", PUNCT punct 1",
                "61 NUM appos 1", ", PUNCT punct 1", "fled VERB ROOT 5", ". PUNCT punct 5",
                "The DET det 12", f"{age} NUM nummod 10", "- PUNCT punct 10", "year NOUN npadvmod 12",
                "- PUNCT punct 12", "old NOUN nsubjpass 14", "was AUX auxpass 14", "caught VERB ROOT 14",
                ". PUNCT punct 14"]
    assert _links(*tokens("61")) == [("The 61 - year - old", "Tom Hall")]
    assert _links(*tokens("25")) == []


def test_its_and_it_link_to_the_organisation_in_view_but_not_an_empty_it():
    # "Apple said its profit rose . It is likely to grow ."
    links = _links(
        "Apple PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "its PRON poss 3", "profit NOUN nsubj 4",
        "rose VERB ccomp 1", ". PUNCT punct 1",
        "It PRON nsubj 7", "is AUX ROOT 7 lemma=be", "likely ADJ acomp 7", "to PART aux 10", "grow VERB xcomp 8",
        ". PUNCT punct 7", kind="pronoun",
    )
    assert links == [("its", "Apple")]
    # "Apple fell . It is feared that sales will fall .": a passive "it" with a that-clause is no entity
    links = _links("Apple PROPN nsubj 1 ent=ORG", "fell VERB ROOT 1", ". PUNCT punct 1",
                   "It PRON nsubjpass 5", "is AUX auxpass 5", "feared VERB ROOT 5 lemma=fear",
                   "that SCONJ mark 9 tag=IN", "sales NOUN nsubj 9 tag=NNS", "will AUX aux 9", "fall VERB ccomp 5",
                   ". PUNCT punct 5", kind="pronoun")
    assert links == []


def test_they_links_to_a_team_unless_people_stand_between():
    # "The Chargers won . They celebrated ." / "The Chargers signed two players . They celebrated ."
    links = _links("The DET det 1", "Chargers PROPN nsubj 2 ent=ORG", "won VERB ROOT 2", ". PUNCT punct 2",
                   "They PRON nsubj 5", "celebrated VERB ROOT 5", ". PUNCT punct 5", kind="pronoun")
    assert links == [("They", "Chargers")]
    links = _links("The DET det 1", "Chargers PROPN nsubj 2 ent=ORG", "signed VERB ROOT 2", "two NUM nummod 4",
                   "players NOUN dobj 2 tag=NNS", ". PUNCT punct 2",
                   "They PRON nsubj 7", "celebrated VERB ROOT 7", ". PUNCT punct 7", kind="pronoun")
    assert links == []


def test_he_skips_a_woman_and_her_skips_her_own_clauses_subject():
    # "Mrs. Ann Lee met Tom Hall . He left ."
    links = _links(
        "Mrs. PROPN compound 2 ent=PERSON", "Ann PROPN compound 2 ent=PERSON", "Lee PROPN nsubj 3 ent=PERSON",
        "met VERB ROOT 3", "Tom PROPN compound 5 ent=PERSON", "Hall PROPN dobj 3 ent=PERSON", ". PUNCT punct 3",
        "He PRON nsubj 8", "left VERB ROOT 8", ". PUNCT punct 8", kind="pronoun",
    )
    assert links == [("He", "Tom Hall")]
    # "Serena Smith won . Venus Smith congratulated her ."
    links = _links(
        "Serena PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "won VERB ROOT 2", ". PUNCT punct 2",
        "Venus PROPN compound 5 ent=PERSON", "Smith PROPN nsubj 6 ent=PERSON", "congratulated VERB ROOT 6",
        "her PRON dobj 6", ". PUNCT punct 6", kind="pronoun",
    )
    assert links == [("her", "Serena Smith")]


def test_a_reflexive_is_its_clauses_subject_or_no_one():
    # "Tom Hall said the challenger could not defend himself ."
    links = _links(
        "Tom PROPN compound 1 ent=PERSON", "Hall PROPN nsubj 2 ent=PERSON", "said VERB ROOT 2", "the DET det 4",
        "challenger NOUN nsubj 8", "could AUX aux 8", "not PART neg 8", "no DET det 8",
        "defend VERB ccomp 2", "himself PRON dobj 8", ". PUNCT punct 2", kind="pronoun",
    )
    assert links == []


def test_we_in_a_quotation_is_the_organisation_that_speaks_it_and_no_one_outside_one():
    # '" We will appeal , " Acme said .'
    links = _links('" PUNCT punct 3', "We PRON nsubj 3", "will AUX aux 3", "appeal VERB ccomp 7", ", PUNCT punct 7",
                   '" PUNCT punct 7', "Acme PROPN nsubj 7 ent=ORG", "said VERB ROOT 7 lemma=say", ". PUNCT punct 7",
                   kind="pronoun")
    assert links == [("We", "Acme")]
    # 'Acme said . We will appeal .' : no quotation, no speaker
    links = _links("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", ". PUNCT punct 1", "We PRON nsubj 5",
                   "will AUX aux 5", "appeal VERB ROOT 5", ". PUNCT punct 5", kind="pronoun")
    assert links == []


def test_the_companys_is_a_description_and_a_department_in_view_is_no_company():
    # "Acme hired staff . The company 's shares rose ."
    assert _links("Acme PROPN nsubj 1 ent=ORG", "hired VERB ROOT 1", "staff NOUN dobj 1", ". PUNCT punct 1",
                  "The DET det 5", "company NOUN poss 7", "'s PART case 5", "shares NOUN nsubj 8 tag=NNS",
                  "rose VERB ROOT 8", ". PUNCT punct 8") == [("The company", "Acme")]
    # "Acme asked the Treasury Department for aid . The company said … ."
    assert _links("Acme PROPN nsubj 1 ent=ORG", "asked VERB ROOT 1", "the DET det 5",
                  "Treasury PROPN compound 5 ent=ORG", "Department PROPN dobj 1 ent=ORG", "for ADP prep 1",
                  "aid NOUN pobj 5", ". PUNCT punct 1",
                  "The DET det 9", "company NOUN nsubj 10", "said VERB ROOT 10", ". PUNCT punct 10") == [
        ("The company", "Acme")]

