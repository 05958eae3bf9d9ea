"""Nouns a clause predicates of a named entity ("X was announced as the host", "the next host is X"), on
hand-built Docs: linked when the noun can describe the entity, not when negated, of another class or plural."""

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions


def _links(*tokens):
    found = extract_mentions(make_doc(*tokens), "a1")
    names = {e.local_id: e.name for e in found.entities}
    return [(m.text, names[m.local_id]) for m in found.mentions if m.kind == "description"]


def test_an_as_phrase_describes_the_subject_of_a_verb_without_object():
    # "Hugh Jackman was announced as the host of the Oscars ."
    assert _links("Hugh PROPN compound 1 ent=PERSON", "Jackman PROPN nsubjpass 3 ent=PERSON",
                  "was AUX auxpass 3", "announced VERB ROOT 3 lemma=announce", "as ADP prep 3", "the DET det 6",
                  "host NOUN pobj 4", "of ADP prep 6", "the DET det 9", "Oscars PROPN pobj 7 ent=EVENT",
                  ". PUNCT punct 3") == [("the host", "Hugh Jackman")]


def test_an_as_phrase_describes_the_object_when_the_verb_has_one_and_the_subject_of_an_infinitive():
    # "The club named Anna Smith as coach ."
    assert _links("The DET det 1", "club NOUN nsubj 2", "named VERB ROOT 2 lemma=name",
                  "Anna PROPN compound 4 ent=PERSON", "Smith PROPN dobj 2 ent=PERSON", "as ADP prep 2",
                  "coach NOUN pobj 5", ". PUNCT punct 2") == [("coach", "Anna Smith")]
    # "Maurice Cheeks agreed to return as coach ."
    assert _links("Maurice PROPN compound 1 ent=PERSON", "Cheeks PROPN nsubj 2 ent=PERSON",
                  "agreed VERB ROOT 2 lemma=agree", "to PART aux 4", "return VERB xcomp 2", "as ADP prep 4",
                  "coach NOUN pobj 5", ". PUNCT punct 2") == [("coach", "Maurice Cheeks")]


def test_an_object_predicate_and_an_inverted_copula_describe_the_name():
    # "The team named Maurice Cheeks coach ."
    assert _links("The DET det 1", "team NOUN nsubj 2", "named VERB ROOT 2 lemma=name",
                  "Maurice PROPN compound 4 ent=PERSON", "Cheeks PROPN dobj 2 ent=PERSON", "coach NOUN oprd 2",
                  ". PUNCT punct 2") == [("coach", "Maurice Cheeks")]
    # "The next host is Ellen DeGeneres ."
    assert _links("The DET det 2", "next ADJ amod 2", "host NOUN nsubj 3", "is AUX ROOT 3 lemma=be",
                  "Ellen PROPN compound 5 ent=PERSON", "DeGeneres PROPN attr 3 ent=PERSON",
                  ". PUNCT punct 3") == [("The next host", "Ellen DeGeneres")]


def test_a_to_be_complement_describes_the_object():
    # "Obama nominated Regina Benjamin to be the surgeon ."
    assert _links("Obama PROPN nsubj 1 ent=PERSON", "nominated VERB ROOT 1 lemma=nominate",
                  "Regina PROPN compound 3 ent=PERSON", "Benjamin PROPN dobj 1 ent=PERSON", "to PART aux 5",
                  "be AUX advcl 1 lemma=be", "the DET det 7", "surgeon NOUN attr 5", ". PUNCT punct 1") == [
        ("the surgeon", "Regina Benjamin")]


def test_no_link_when_negated_of_another_class_plural_or_said_of_the_subject_of_a_transitive_verb():
    # "Anna Smith will not return as coach ."
    assert _links("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 4 ent=PERSON", "will AUX aux 4",
                  "not PART neg 4", "return VERB ROOT 4", "as ADP prep 4", "coach NOUN pobj 5",
                  ". PUNCT punct 4") == []
    # "Anna Smith joined as part of a deal ." / "Anna Smith works as a company ."  (no person noun)
    assert _links("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "joined VERB ROOT 2",
                  "as ADP prep 2", "part NOUN pobj 3", "of ADP prep 4", "a DET det 7", "deal NOUN pobj 5",
                  ". PUNCT punct 2") == []
    # "Anna Smith hired Bob Jones as coach ."  (the coach is Bob Jones, not Anna Smith)
    assert _links("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "hired VERB ROOT 2",
                  "Bob PROPN compound 4 ent=PERSON", "Jones PROPN dobj 2 ent=PERSON", "as ADP prep 2",
                  "coach NOUN pobj 5", ". PUNCT punct 2") == [("coach", "Bob Jones")]
    # "Acme and Globex served as lenders ."
    assert _links("Acme PROPN nsubj 3 ent=ORG", "and CCONJ cc 0", "Globex PROPN conj 0 ent=ORG",
                  "served VERB ROOT 3 lemma=serve", "as ADP prep 3", "lenders NOUN pobj 4 tag=NNS lemma=lender",
                  ". PUNCT punct 3") == []


def test_a_pronoun_linked_to_a_person_hands_on_its_predicate():
    # "Ellen DeGeneres won . She will return as host ."
    assert _links("Ellen PROPN compound 1 ent=PERSON", "DeGeneres PROPN nsubj 2 ent=PERSON", "won VERB ROOT 2",
                  ". PUNCT punct 2",
                  "She PRON nsubj 6", "will AUX aux 6", "return VERB ROOT 6", "as ADP prep 6", "host NOUN pobj 7",
                  ". PUNCT punct 6") == [("host", "Ellen DeGeneres")]


def test_an_as_phrase_on_a_noun_the_entity_possesses_describes_it():
    # "Ellen DeGeneres won . She will make her second appearance as host ."
    assert _links("Ellen PROPN compound 1 ent=PERSON", "DeGeneres PROPN nsubj 2 ent=PERSON", "won VERB ROOT 2",
                  ". PUNCT punct 2",
                  "She PRON nsubj 6", "will AUX aux 6", "make VERB ROOT 6", "her PRON poss 9", "second ADJ amod 9",
                  "appearance NOUN dobj 6", "as ADP prep 9", "host NOUN pobj 10", ". PUNCT punct 6") == [
        ("host", "Ellen DeGeneres")]
    # "Jim Smith 's tenure as coach ended ."
    assert _links("Jim PROPN compound 1 ent=PERSON", "Smith PROPN poss 3 ent=PERSON", "'s PART case 1",
                  "tenure NOUN nsubj 6", "as ADP prep 3", "coach NOUN pobj 4", "ended VERB ROOT 6",
                  ". PUNCT punct 6") == [("coach", "Jim Smith")]


def test_an_office_named_by_a_title_word_is_the_office_not_its_holder():
    # "Steve Jobs stepped down from his post as CEO ." / "The board named Anna Smith as chairman ."
    assert _links("Steve PROPN compound 1 ent=PERSON", "Jobs PROPN nsubj 2 ent=PERSON", "stepped VERB ROOT 2",
                  "down ADP prt 2", "from ADP prep 2", "his PRON poss 6", "post NOUN pobj 4", "as ADP prep 6",
                  "CEO NOUN pobj 7", ". PUNCT punct 2") == []
    assert _links("The DET det 1", "board NOUN nsubj 2", "named VERB ROOT 2 lemma=name",
                  "Anna PROPN compound 4 ent=PERSON", "Smith PROPN dobj 2 ent=PERSON", "as ADP prep 2",
                  "chairman NOUN pobj 5", ". PUNCT punct 2") == []
