"""Pronoun links on hand-built Docs: relative "which"/"that", a one-word name as the subject of the pronoun's own
sentence, and the subject "it" of a linking verb or a passive with and without a clause after it."""

from handmade import make_doc
from newsgraph.ingest.mentions import extract_mentions


def _links(*tokens):
    found = extract_mentions(make_doc(*tokens), "a1")
    names = {e.local_id: e.name for e in found.entities}
    return [(m.text, names[m.local_id]) for m in found.mentions if m.kind == "pronoun"]


def test_which_and_that_link_to_the_named_thing_their_clause_hangs_on():
    # "She was hit by a Toyota Camry , which then fled ."
    assert _links("She PRON nsubjpass 2", "was AUX auxpass 2", "hit VERB ROOT 2", "by ADP agent 2", "a DET det 6",
                  "Toyota PROPN compound 6 ent=PRODUCT", "Camry PROPN pobj 3 ent=PRODUCT", ", PUNCT punct 6",
                  "which PRON nsubj 10 tag=WDT", "then ADV advmod 10", "fled VERB relcl 6", ". PUNCT punct 2") == [
        ("which", "Toyota Camry")]
    # "Acme , which makes chips , grew ." / "Acme said that it grew ."  ("that" as a conjunction: no link)
    assert _links("Acme PROPN nsubj 5 ent=ORG", ", PUNCT punct 0", "which PRON nsubj 3 tag=WDT",
                  "makes VERB relcl 0", "chips NOUN dobj 3 tag=NNS", "grew VERB ROOT 5", ". PUNCT punct 5") == [
        ("which", "Acme")]
    assert _links("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "that SCONJ mark 4 tag=IN",
                  "it PRON nsubj 4", "grew VERB ccomp 1", ". PUNCT punct 1") == [("it", "Acme")]


def test_a_one_word_name_is_the_antecedent_of_a_subject_or_possessive_in_its_own_clause_only():
    # "Gupta confirmed on his feed that he was approached ."
    assert _links("Gupta PROPN nsubj 1 ent=PERSON", "confirmed VERB ROOT 1", "on ADP prep 1", "his PRON poss 4",
                  "feed NOUN pobj 2", "that SCONJ mark 8 tag=IN", "he PRON nsubjpass 8", "was AUX auxpass 8",
                  "approached VERB ccomp 1", ". PUNCT punct 1") == [("his", "Gupta"), ("he", "Gupta")]
    # "Obama wanted to recruit him ." : an object pronoun is not its clause's subject
    assert _links("Obama PROPN nsubj 1 ent=PERSON", "wanted VERB ROOT 1", "to PART aux 3", "recruit VERB xcomp 1",
                  "him PRON dobj 3", ". PUNCT punct 1") == []
    # "Gupta spoke . He left ." : a one-word name in another sentence stays apart
    assert _links("Gupta PROPN nsubj 1 ent=PERSON", "spoke VERB ROOT 1", ". PUNCT punct 1",
                  "He PRON nsubj 4", "left VERB ROOT 4", ". PUNCT punct 4") == []


def test_it_of_a_linking_verb_or_passive_is_the_organisation_unless_a_clause_follows():
    # "Acme said it could be profitable ." / "Acme said it will be compensated ."
    assert _links("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "it PRON nsubj 5", "could AUX aux 5",
                  "be AUX ccomp 1 lemma=be", "profitable ADJ acomp 4", ". PUNCT punct 1") == [("it", "Acme")]
    assert _links("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "it PRON nsubjpass 5", "will AUX aux 5",
                  "be AUX auxpass 5", "compensated VERB ccomp 1", ". PUNCT punct 1") == [("it", "Acme")]
    # "Acme fell . It was reported that sales fell ." / "Acme fell . It is important to note … ."
    assert _links("Acme PROPN nsubj 1 ent=ORG", "fell VERB ROOT 1", ". PUNCT punct 1",
                  "It PRON nsubjpass 5", "was AUX auxpass 5", "reported VERB ROOT 5", "that SCONJ mark 8 tag=IN",
                  "sales NOUN nsubj 8 tag=NNS", "fell VERB ccomp 5", ". PUNCT punct 5") == []
    assert _links("Acme PROPN nsubj 1 ent=ORG", "fell VERB ROOT 1", ". PUNCT punct 1",
                  "It PRON nsubj 4", "is AUX ROOT 4 lemma=be", "important ADJ acomp 4", "to PART aux 7",
                  "note VERB xcomp 5", ". PUNCT punct 4") == []


def test_it_of_take_is_the_organisation_only_when_take_is_its_doing():
    # "Acme said it will take delivery of jets ." / "Acme said it had not taken the measures ."
    assert _links("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "it PRON nsubj 4", "will AUX aux 4",
                  "take VERB ccomp 1 lemma=take", "delivery NOUN dobj 4", "of ADP prep 5", "jets NOUN pobj 6 tag=NNS",
                  ". PUNCT punct 1") == [("it", "Acme")]
    assert _links("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "it PRON nsubj 5", "had AUX aux 5",
                  "not PART neg 5", "taken VERB ccomp 1 lemma=take", "the DET det 7", "measures NOUN dobj 5 tag=NNS",
                  ". PUNCT punct 1") == [("it", "Acme")]
    # "Acme said it takes time ." / "… it took two hours ." / "… it took 40 men to lift it ." / "… it took place ."
    needs = [["time NOUN dobj 3"], ["two NUM nummod 4 ent=TIME", "hours NOUN dobj 3 tag=NNS ent=TIME"],
             ["40 NUM nummod 4 ent=CARDINAL", "men NOUN dobj 3 tag=NNS", "to PART aux 6", "lift VERB xcomp 3"],
             ["place NOUN dobj 3"]]
    for words in needs:
        assert _links("Acme PROPN nsubj 1 ent=ORG", "said VERB ROOT 1", "it PRON nsubj 3",
                      "took VERB ccomp 1 lemma=take", *words, ". PUNCT punct 1") == [], words


def test_a_person_of_the_pronouns_own_sentence_comes_before_the_subject_of_the_sentence_before():
    # "Maurice Cheeks smiled . The Sixers fired Jim Brien and replaced him ."
    assert _links("Maurice PROPN compound 1 ent=PERSON", "Cheeks PROPN nsubj 2 ent=PERSON", "smiled VERB ROOT 2",
                  ". PUNCT punct 2",
                  "The DET det 5", "Sixers PROPN nsubj 6 ent=ORG", "fired VERB ROOT 6",
                  "Jim PROPN compound 8 ent=PERSON", "Brien PROPN dobj 6 ent=PERSON", "and CCONJ cc 6",
                  "replaced VERB conj 6", "him PRON dobj 10", ". PUNCT punct 6") == [("him", "Jim Brien")]


def test_an_organisation_named_in_apposition_to_the_subject_is_the_subject_it_stands_for():
    # "Another automaker , General Motors , announced that it grew ."
    assert _links("Another DET det 1", "automaker NOUN nsubj 6", ", PUNCT punct 1",
                  "General PROPN compound 4 ent=ORG", "Motors PROPN appos 1 ent=ORG", ", PUNCT punct 1",
                  "announced VERB ROOT 6", "that SCONJ mark 9 tag=IN", "it PRON nsubj 9", "grew VERB ccomp 6",
                  ". PUNCT punct 6") == [("it", "General Motors")]
    # "Workers of General Motors announced that it grew ." : an organisation named in passing is not it
    assert _links("Workers NOUN nsubj 4 tag=NNS", "of ADP prep 0", "General PROPN compound 3 ent=ORG",
                  "Motors PROPN pobj 1 ent=ORG", "announced VERB ROOT 4", "that SCONJ mark 7 tag=IN",
                  "it PRON nsubj 7", "grew VERB ccomp 4", ". PUNCT punct 4") == []


def test_i_in_a_quotation_is_its_speaker_and_we_the_organisation_the_speaker_is_an_officer_of():
    # "“ I will stay , ” John Smith said ."
    assert _links("“ PUNCT punct 3", "I PRON nsubj 3", "will AUX aux 3", "stay VERB ccomp 8", ", PUNCT punct 8",
                  "” PUNCT punct 8", "John PROPN compound 7 ent=PERSON", "Smith PROPN nsubj 8 ent=PERSON",
                  "said VERB ROOT 8 lemma=say tag=VBD", ". PUNCT punct 8") == [("I", "John Smith")]
    # "“ We will grow , ” Acme CEO John Smith said ."
    assert _links("“ PUNCT punct 3", "We PRON nsubj 3", "will AUX aux 3", "grow VERB ccomp 10", ", PUNCT punct 10",
                  "” PUNCT punct 10", "Acme PROPN compound 7 ent=ORG", "CEO PROPN compound 9",
                  "John PROPN compound 9 ent=PERSON", "Smith PROPN nsubj 10 ent=PERSON",
                  "said VERB ROOT 10 lemma=say tag=VBD", ". PUNCT punct 10") == [("We", "Acme")]
    # "“ We will grow , ” John Smith said ." : no organisation of his in the article, so "we" is no one named
    assert _links("“ PUNCT punct 3", "We PRON nsubj 3", "will AUX aux 3", "grow VERB ccomp 8", ", PUNCT punct 8",
                  "” PUNCT punct 8", "John PROPN compound 7 ent=PERSON", "Smith PROPN nsubj 8 ent=PERSON",
                  "said VERB ROOT 8 lemma=say tag=VBD", ". PUNCT punct 8") == []
    # "I will stay , John Smith said ." : no quotation marks, no link
    assert _links("I PRON nsubj 2", "will AUX aux 2", "stay VERB ccomp 6", ", PUNCT punct 6",
                  "John PROPN compound 5 ent=PERSON", "Smith PROPN nsubj 6 ent=PERSON",
                  "said VERB ROOT 6 lemma=say tag=VBD", ". PUNCT punct 6") == []


def test_its_of_an_argument_of_its_own_subjects_clause_is_that_subject_where_number_agrees():
    # "The Airbus A380 has made its maiden flight ." (a product: no organisation pronoun rule reaches it)
    assert _links("The DET det 2", "Airbus PROPN compound 2 ent=PRODUCT", "A380 PROPN nsubj 4 ent=PRODUCT",
                  "has AUX aux 4", "made VERB ROOT 4", "its PRON poss 7", "maiden ADJ amod 7",
                  "flight NOUN dobj 4", ". PUNCT punct 4") == [("its", "Airbus A380")]
    # "The Airbus A380 has made their maiden flight ." : "their" does not agree with one aircraft
    assert _links("The DET det 2", "Airbus PROPN compound 2 ent=PRODUCT", "A380 PROPN nsubj 4 ent=PRODUCT",
                  "has AUX aux 4", "made VERB ROOT 4", "their PRON poss 7", "maiden ADJ amod 7",
                  "flight NOUN dobj 4", ". PUNCT punct 4") == []


def test_an_organisation_pronoun_already_linked_is_the_antecedent_of_the_next_one():
    # "Acme cut jobs . It closed plants . It also sold a unit ." — the second "It" has no name in view, only the first
    tokens = ["Acme PROPN nsubj 1 ent=ORG", "cut VERB ROOT 1", "jobs NOUN dobj 1 tag=NNS", ". PUNCT punct 1",
              "It PRON nsubj 5", "closed VERB ROOT 5", "plants NOUN dobj 5 tag=NNS", ". PUNCT punct 5",
              "It PRON nsubj 10", "also ADV advmod 10", "sold VERB ROOT 10", "a DET det 12", "unit NOUN dobj 10",
              ". PUNCT punct 10"]
    assert _links(*tokens) == [("It", "Acme"), ("It", "Acme")]
    # "Acme cut jobs . Smith quit . It also sold a unit ." — a person's sentence in between: no organisation in view
    tokens[4:8] = ["Smith PROPN nsubj 5 ent=PERSON", "quit VERB ROOT 5", "today NOUN npadvmod 5", ". PUNCT punct 5"]
    assert _links(*tokens) == []


def test_a_pronoun_of_the_other_sex_than_most_pronouns_linked_to_a_person_goes_to_someone_else():
    # "Pat Lee thanked Sam Cole . She said she knew he smiled ." : two "she" make Pat Lee a woman, so "he" (first
    # linked to the subject, Pat Lee) is Sam Cole
    assert _links("Pat PROPN compound 1 ent=PERSON", "Lee PROPN nsubj 2 ent=PERSON", "thanked VERB ROOT 2",
                  "Sam PROPN compound 4 ent=PERSON", "Cole PROPN dobj 2 ent=PERSON", ". PUNCT punct 2",
                  "She PRON nsubj 7", "said VERB ROOT 7", "she PRON nsubj 9", "knew VERB ccomp 7",
                  "he PRON nsubj 11", "smiled VERB ccomp 9", ". PUNCT punct 7") == [
        ("She", "Pat Lee"), ("she", "Pat Lee"), ("he", "Sam Cole")]
    # "Pat Lee thanked Sam Cole . She said he smiled ." : one "she" and one "he" say nothing of Pat Lee's sex
    assert _links("Pat PROPN compound 1 ent=PERSON", "Lee PROPN nsubj 2 ent=PERSON", "thanked VERB ROOT 2",
                  "Sam PROPN compound 4 ent=PERSON", "Cole PROPN dobj 2 ent=PERSON", ". PUNCT punct 2",
                  "She PRON nsubj 7", "said VERB ROOT 7", "he PRON nsubj 9", "smiled VERB ccomp 7",
                  ". PUNCT punct 7") == [("She", "Pat Lee"), ("he", "Pat Lee")]


def test_linked_sexes_keeps_what_titles_say_and_takes_the_majority_of_the_linked_pronouns():
    from newsgraph.ingest.anaphora import Found
    from newsgraph.ingest.pronouns import linked_sexes

    doc = make_doc("she PRON nsubj 0", "her PRON dobj 0", "his PRON poss 0", "he PRON nsubj 0", "she PRON nsubj 0")
    ann = Found(0, 0, "Ann Lee", "PERSON", "name", "ann lee")
    bob = Found(0, 0, "Bob Ray", "PERSON", "name", "bob ray")
    cy = Found(0, 0, "Cy Moe", "PERSON", "name", "cy moe")
    resolved = {0: ann, 1: ann, 2: ann, 3: bob, 4: cy}
    assert linked_sexes(doc, resolved, {"cy moe": "male"}) == {"ann lee": "female", "bob ray": "male",
                                                               "cy moe": "male"}
    assert linked_sexes(doc, {2: ann, 4: ann}, {}) == {}


def _story(*middle):
    """John Smith spoke . He left . <middle sentences> He returned ."""
    tokens = ["John PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2",
              ". PUNCT punct 2", "He PRON nsubj 5", "left VERB ROOT 5", ". PUNCT punct 5"]
    for sentence in middle:
        at = len(tokens)
        words = sentence.split()
        root = len(words) - 1  # the last word is the verb
        tokens += [f"{w} {'VERB' if n == root else 'PROPN' if w.istitle() else 'CCONJ' if w == 'and' else 'NOUN'} "
                   f"{'ROOT' if n == root else 'nsubj'} {at + root}" + (" ent=PERSON" if w.istitle() else "")
                   for n, w in enumerate(words)] + [f". PUNCT punct {at + root}"]
    at = len(tokens)
    return tokens + [f"He PRON nsubj {at + 1}", f"returned VERB ROOT {at + 1}", f". PUNCT punct {at + 1}"]


def test_a_pronoun_far_from_any_name_continues_the_chain_of_the_pronoun_before_it():
    # three sentences name no one between the first "He" and the last: the last is John Smith's still
    assert _links(*_story("rain fell", "snow fell", "wind rose")) == [
        ("He", "John Smith"), ("He", "John Smith")]


def test_a_pronoun_chain_never_jumps_over_another_named_person():
    # "Bob Brown and Tom Green arrived ." between the two: the last "He" could be any of three men
    links = _links(*_story("rain fell", "Bob Brown and Tom Green arrived", "wind rose"))
    assert links == [("He", "John Smith")]
