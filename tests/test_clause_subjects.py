"""Who does what a clause says when the parse does not put the subject beside the verb, and what is no argument:
the to-infinitive of a complement noun, a verb coordinated with a quotation from outside it, a relative clause
taken with a preposition, an apposition the parser made a second object."""

from __future__ import annotations

from handmade import make_doc, named_triples
from newsgraph.ingest.clauses import subjects_of


def _triples(doc):
    return [(s, p, o) for s, p, o, _ in named_triples(doc)]


def test_a_complement_nouns_infinitive_is_done_by_its_possessor_not_the_noun():
    # "Trump accepted Putin's idea to hold tournaments": Putin would hold them, the idea holds nothing
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "accepted VERB ROOT 1 lemma=accept",
                   "Putin PROPN poss 4 ent=PERSON", "’s PART case 2", "idea NOUN dobj 1", "to PART aux 6",
                   "hold VERB acl 4 tag=VB", "tournaments NOUN dobj 6 lemma=tournament", ". PUNCT punct 1")
    assert [t.text for t in subjects_of(doc[6])[0]] == ["Putin"]
    triples = _triples(doc)
    assert ("Putin", "hold", "[tournament]") in triples
    assert not any(s == "[idea]" for s, *_ in triples)


def test_a_complement_noun_given_to_someone_is_theirs():
    # "The truce gives Ukraine the opportunity to rearm": Ukraine rearms
    doc = make_doc("The DET det 1", "truce NOUN nsubj 2", "gives VERB ROOT 2 lemma=give",
                   "Ukraine PROPN dative 2 ent=GPE", "the DET det 5", "opportunity NOUN dobj 2", "to PART aux 7",
                   "strengthen VERB acl 5 tag=VB", "its PRON poss 9 tag=PRP$", "army NOUN dobj 7", ". PUNCT punct 2")
    assert [t.text for t in subjects_of(doc[7])[0]] == ["Ukraine"]
    assert ("Ukraine", "strengthen", "[army]") in _triples(doc)


def test_a_complement_noun_one_has_or_makes_is_its_subjects():
    # "Russia has the right to respond", "He made the decision to resign"
    doc = make_doc("Russia PROPN nsubj 1 ent=GPE", "has VERB ROOT 1 lemma=have", "the DET det 3",
                   "right NOUN dobj 1", "to PART aux 5", "expel VERB acl 3 tag=VB", "diplomats NOUN dobj 5",
                   ". PUNCT punct 1")
    assert [t.text for t in subjects_of(doc[5])[0]] == ["Russia"]


def test_a_complement_noun_with_nobody_to_do_it_leaves_the_infinitive_without_subject():
    # "They spoke of the need to stop proliferation": no need stops anything
    doc = make_doc("They PRON nsubj 1", "spoke VERB ROOT 1 lemma=speak", "of ADP prep 1", "the DET det 4",
                   "need NOUN pobj 2", "to PART aux 6", "stop VERB acl 4 tag=VB", "proliferation NOUN dobj 6",
                   ". PUNCT punct 1")
    assert subjects_of(doc[6])[0] == []
    assert not any(p == "stop" for _, p, _ in _triples(doc))


def test_an_agent_noun_still_does_what_its_infinitive_says():
    # "the first climber to reach the top": the climber reached it
    doc = make_doc("She PRON nsubj 1", "was AUX ROOT 1 lemma=be", "the DET det 4", "first ADJ amod 4",
                   "climber NOUN attr 1", "to PART aux 6", "reach VERB acl 4 tag=VB", "the DET det 8",
                   "top NOUN dobj 6", ". PUNCT punct 1")
    assert [t.text for t in subjects_of(doc[6])[0]] == ["climber"]


def test_a_verb_coordinated_with_a_quotation_from_outside_it_is_the_reporters():
    # 'He said that Putin had “rejected the proposal” and accused Russia of attacks': he accused, not Putin
    doc = make_doc("Zelensky PROPN nsubj 1 ent=PERSON", "said VERB ROOT 1 lemma=say", "that SCONJ mark 6",
                   "Putin PROPN nsubj 6 ent=PERSON", "had AUX aux 6", "“ PUNCT punct 6",
                   "rejected VERB ccomp 1 lemma=reject tag=VBN", "the DET det 8", "proposal NOUN dobj 6",
                   "” PUNCT punct 6", "and CCONJ cc 6", "accused VERB conj 6 lemma=accuse tag=VBD",
                   "Russia PROPN dobj 11 ent=GPE", "of ADP prep 11", "attacks NOUN pobj 13 lemma=attack",
                   ". PUNCT punct 1")
    assert [t.text for t in subjects_of(doc[11])[0]] == ["Zelensky"]
    triples = _triples(doc)
    assert ("Zelensky", "accuse", "Russia") in triples
    assert ("Putin", "reject", "[proposal]") in triples
    assert not any(s == "Putin" and p.startswith("accuse") for s, p, _ in triples)


def test_a_verb_coordinated_inside_the_quotation_keeps_the_quoted_subject():
    doc = make_doc("Zelensky PROPN nsubj 1 ent=PERSON", "said VERB ROOT 1 lemma=say", "“ PUNCT punct 4",
                   "Putin PROPN nsubj 4 ent=PERSON", "rejected VERB ccomp 1 lemma=reject tag=VBD",
                   "the DET det 6", "proposal NOUN dobj 4", "and CCONJ cc 4",
                   "attacked VERB conj 4 lemma=attack tag=VBD", "Kharkiv PROPN dobj 8 ent=GPE", "” PUNCT punct 1",
                   ". PUNCT punct 1")
    assert [t.text for t in subjects_of(doc[8])[0]] == ["Putin"]


def test_a_relative_clause_taken_with_a_preposition_keeps_the_preposition():
    # "Kyiv rejected the deal on which Moscow agreed": Moscow agree on –– deal
    doc = make_doc("Kyiv PROPN nsubj 1 ent=GPE", "rejected VERB ROOT 1 lemma=reject", "the DET det 3",
                   "deal NOUN dobj 1", "on ADP prep 7", "which PRON pobj 4 tag=WDT", "Moscow PROPN nsubj 7 ent=GPE",
                   "agreed VERB relcl 3 lemma=agree", ". PUNCT punct 1")
    triples = _triples(doc)
    assert ("Moscow", "agree on", "[deal]") in triples
    assert not any(p == "agree" for _, p, _ in triples)


def test_a_relative_clause_of_place_makes_no_edge_to_the_place():
    # "the countries in which players compete": a place of competing, not what is competed
    doc = make_doc("Putin PROPN nsubj 1 ent=PERSON", "named VERB ROOT 1 lemma=name", "the DET det 3",
                   "countries NOUN dobj 1 lemma=country", "in ADP prep 7", "which PRON pobj 4 tag=WDT",
                   "players NOUN nsubj 7 lemma=player", "compete VERB relcl 3 lemma=compete", ". PUNCT punct 1")
    assert not any(p.startswith("compete") for _, p, _ in _triples(doc))


def test_a_second_object_after_a_comma_is_an_apposition():
    # "discuss the fate of the plant, the largest in Europe": nothing "largest" is discussed
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "discussed VERB ROOT 1 lemma=discuss", "the DET det 3",
                   "fate NOUN dobj 1", "of ADP prep 3", "the DET det 6", "plant NOUN pobj 4", ", PUNCT punct 6",
                   "the DET det 9", "largest ADJ dobj 1 tag=JJS", "in ADP prep 9", "Europe PROPN pobj 10 ent=LOC",
                   ". PUNCT punct 1")
    triples = _triples(doc)
    assert ("Trump", "discuss", "[fate]") in triples
    assert not any("largest" in o for *_, o in triples)
    # two objects with no comma between them stay two ("gave the man a book" has a dative; two dobj do occur)
    doc = make_doc("Trump PROPN nsubj 1 ent=PERSON", "called VERB ROOT 1 lemma=call", "Putin PROPN dobj 1 ent=PERSON",
                   "a DET det 4", "friend NOUN dobj 1", ". PUNCT punct 1")
    assert ("Trump", "call", "Putin") in _triples(doc)


def test_we_in_the_words_of_an_organisations_officer_is_the_organisation():
    # '“We will appeal the ruling,” Acme CEO Smith said': Acme appeals, not Smith alone
    doc = make_doc("“ PUNCT punct 3", "We PRON nsubj 3", "will AUX aux 3", "appeal VERB ccomp 11 lemma=appeal",
                   "the DET det 5", "ruling NOUN dobj 3", ", PUNCT punct 11", "” PUNCT punct 11",
                   "Acme PROPN compound 9 ent=ORG", "CEO NOUN compound 10 lemma=ceo",
                   "Smith PROPN nsubj 11 ent=PERSON", "said VERB ROOT 11 lemma=say", ". PUNCT punct 11")
    [(subject, predicate, obj, triple)] = named_triples(doc)
    assert (subject, predicate, obj) == ("Acme", "appeal", "[ruling]")
    assert triple.attributed_to is not None and triple.attributed_to.text.endswith("Smith")


def test_we_of_a_speaker_with_no_organisation_stays_the_speaker():
    doc = make_doc("“ PUNCT punct 3", "We PRON nsubj 3", "will AUX aux 3", "appeal VERB ccomp 9 lemma=appeal",
                   "the DET det 5", "ruling NOUN dobj 3", ", PUNCT punct 9", "” PUNCT punct 9",
                   "Smith PROPN nsubj 9 ent=PERSON", "said VERB ROOT 9 lemma=say", ". PUNCT punct 9")
    assert [t[:3] for t in named_triples(doc)] == [("Smith", "appeal", "[ruling]")]
