"""Negation, hedging and conditions the clause shape alone gives away, on hand-built parses: belief and its
negation ("don't think … will be filed"), evidential passives ("is said to have"), "unable to", "in the event
…", impressions ("it looks like"), and event nouns that take their clause's qualifiers or a hedging modifier; and
who speaks a quotation that goes on from the last one."""

from handmade import make_doc
from newsgraph.ingest.events import extract_events
from newsgraph.ingest.qualifiers import is_conditional, is_hedged, is_negated, noun_qualifiers


def _events(doc):
    return {m.text: (m.negated, m.hedged, m.conditional) for m in extract_events(doc, "a1")}


def test_a_negated_belief_negates_and_hedges_what_is_believed():
    # I don't think charges will be filed.
    doc = make_doc("I PRON nsubj 3", "do AUX aux 3", "n't PART neg 3", "think VERB ROOT 3 lemma=think",
                   "charges NOUN nsubjpass 7", "will AUX aux 7", "be AUX auxpass 7",
                   "filed VERB ccomp 3 lemma=file tag=VBN", ". PUNCT punct 3")
    assert is_negated(doc[7]) and is_hedged(doc[7])
    assert is_negated(doc[3])  # the thinking itself is what "not" negates


def test_a_plain_belief_hedges_without_negating_and_doubt_negates():
    # She believes the truce will hold. He doubts the truce will hold.
    doc = make_doc("She PRON nsubj 1", "believes VERB ROOT 1 lemma=believe", "the DET det 3", "truce NOUN nsubj 5",
                   "will AUX aux 5", "hold VERB ccomp 1 lemma=hold", ". PUNCT punct 1")
    assert is_hedged(doc[5]) and not is_negated(doc[5])
    doc = make_doc("He PRON nsubj 1", "doubts VERB ROOT 1 lemma=doubt", "the DET det 3", "truce NOUN nsubj 5",
                   "will AUX aux 5", "hold VERB ccomp 1 lemma=hold", ". PUNCT punct 1")
    assert is_negated(doc[5]) and is_hedged(doc[5])


def test_a_negated_report_is_not_read_into_what_is_reported():
    # She did not say the truce would hold: "say" is no verb of belief
    doc = make_doc("She PRON nsubj 3", "did AUX aux 3", "not PART neg 3", "say VERB ROOT 3 lemma=say",
                   "the DET det 5", "truce NOUN nsubj 7", "would AUX aux 7", "hold VERB ccomp 3 lemma=hold",
                   ". PUNCT punct 3")
    assert not is_negated(doc[7])


def test_unable_to_negates_its_infinitive():
    # Rescue teams were unable to reach him.
    doc = make_doc("Rescue NOUN compound 1", "teams NOUN nsubj 2", "were AUX ROOT 2 lemma=be",
                   "unable ADJ acomp 2", "to PART aux 5", "reach VERB xcomp 3 lemma=reach", "him PRON dobj 5",
                   ". PUNCT punct 2")
    assert is_negated(doc[5])
    doc = make_doc("Rescue NOUN compound 1", "teams NOUN nsubj 2", "were AUX ROOT 2 lemma=be",
                   "able ADJ acomp 2", "to PART aux 5", "reach VERB xcomp 3 lemma=reach", "him PRON dobj 5",
                   ". PUNCT punct 2")
    assert not is_negated(doc[5])


def test_an_evidential_passive_hedges_its_complement():
    # Three climbers were said to have been rescued. The man is thought to have fallen.
    doc = make_doc("Three NUM nummod 1", "climbers NOUN nsubjpass 3", "were AUX auxpass 3",
                   "said VERB ROOT 3 lemma=say tag=VBN", "to PART aux 7", "have AUX aux 7", "been AUX auxpass 7",
                   "rescued VERB xcomp 3 lemma=rescue tag=VBN", ". PUNCT punct 3")
    assert is_hedged(doc[7])
    doc = make_doc("The DET det 1", "man NOUN nsubjpass 3", "is AUX auxpass 3",
                   "thought VERB ROOT 3 lemma=think tag=VBN", "to PART aux 6", "have AUX aux 6",
                   "fallen VERB xcomp 3 lemma=fall tag=VBN", ". PUNCT punct 3")
    assert is_hedged(doc[6])
    # the active report is a report, not a hedge: "Police said three climbers were rescued"
    doc = make_doc("Police NOUN nsubj 1", "said VERB ROOT 1 lemma=say tag=VBD", "three NUM nummod 3",
                   "climbers NOUN nsubjpass 5", "were AUX auxpass 5", "rescued VERB ccomp 1 lemma=rescue tag=VBN",
                   ". PUNCT punct 1")
    assert not is_hedged(doc[5])


def test_a_verb_of_belief_in_the_passive_is_hedged_itself():
    # Vinar is presumed dead. … a doctor feared dead (the model tags the participle VBD)
    doc = make_doc("Vinar PROPN nsubjpass 2 ent=PERSON", "is AUX auxpass 2",
                   "presumed VERB ROOT 2 lemma=presume tag=VBN", "dead ADJ oprd 2", ". PUNCT punct 2")
    assert is_hedged(doc[2])
    doc = make_doc("a DET det 1", "doctor NOUN ROOT 1", "feared VERB acl 1 lemma=fear tag=VBD", "dead ADJ oprd 2")
    assert is_hedged(doc[2])
    doc = make_doc("Police NOUN nsubj 1", "feared VERB ROOT 1 lemma=fear tag=VBD", "the DET det 3",
                   "worst NOUN dobj 1", ". PUNCT punct 1")
    assert not is_hedged(doc[1])  # they did fear it


def test_it_looks_like_is_an_impression():
    # It looks like a lack of experience.  /  He looks at the map.
    doc = make_doc("It PRON nsubj 1", "looks VERB ROOT 1 lemma=look", "like ADP prep 1", "a DET det 4",
                   "lack NOUN pobj 2", ". PUNCT punct 1")
    assert is_hedged(doc[1])
    doc = make_doc("He PRON nsubj 1", "looks VERB ROOT 1 lemma=look", "at ADP prep 1", "the DET det 4",
                   "map NOUN pobj 2", ". PUNCT punct 1")
    assert not is_hedged(doc[1])


def test_appear_hedges_only_where_it_tells_how_things_look():
    # John Roe appeared before Lakeside Court on Monday.  /  He appeared in court to face charges.
    doc = make_doc("John PROPN compound 1 ent=PERSON", "Roe PROPN nsubj 2 ent=PERSON",
                   "appeared VERB ROOT 2 lemma=appear tag=VBD", "before ADP prep 2", "Lakeside PROPN compound 5",
                   "Court PROPN pobj 3", "on ADP prep 2", "Monday PROPN pobj 6 ent=DATE", ". PUNCT punct 2")
    assert not is_hedged(doc[2])
    doc = make_doc("He PRON nsubj 1", "appeared VERB ROOT 1 lemma=appear tag=VBD", "in ADP prep 1",
                   "court NOUN pobj 2", "to PART aux 5", "face VERB advcl 1 lemma=face", "charges NOUN dobj 5",
                   ". PUNCT punct 1")
    assert not is_hedged(doc[1]) and not is_hedged(doc[5])
    doc = make_doc("He PRON nsubj 1", "appeared VERB ROOT 1 lemma=appear tag=VBD", "in ADP prep 1",
                   "court NOUN pobj 2", "to PART aux 5", "face VERB xcomp 1 lemma=face", "charges NOUN dobj 5",
                   ". PUNCT punct 1")
    assert not is_hedged(doc[5], (doc[1],))  # the infinitive after the appearance's place is its purpose
    # The talks appear to have collapsed.  /  He appeared nervous.  /  It appears that the talks failed.
    doc = make_doc("The DET det 1", "talks NOUN nsubj 2", "appear VERB ROOT 2 lemma=appear tag=VBP",
                   "to PART aux 5", "have AUX aux 5", "collapsed VERB xcomp 2 lemma=collapse tag=VBN",
                   ". PUNCT punct 2")
    assert is_hedged(doc[5], (doc[2],)) and is_hedged(doc[2])
    doc = make_doc("He PRON nsubj 1", "appeared VERB ROOT 1 lemma=appear tag=VBD", "nervous ADJ oprd 1",
                   ". PUNCT punct 1")
    assert is_hedged(doc[1])
    doc = make_doc("It PRON nsubj 1", "appears VERB ROOT 1 lemma=appear tag=VBZ", "that SCONJ mark 5",
                   "the DET det 4", "talks NOUN nsubj 5", "failed VERB ccomp 1 lemma=fail tag=VBD", ". PUNCT punct 1")
    assert is_hedged(doc[5]) and is_hedged(doc[1])
    # It appeared as if the deal was dead.  /  The talks, it appears, have collapsed.
    doc = make_doc("It PRON nsubj 1", "appeared VERB ROOT 1 lemma=appear tag=VBD", "as SCONJ mark 6",
                   "if SCONJ mark 6", "the DET det 5", "deal NOUN nsubj 6", "was AUX advcl 1 lemma=be tag=VBD",
                   "dead ADJ acomp 6", ". PUNCT punct 1")
    assert is_hedged(doc[6]) and is_hedged(doc[1])
    doc = make_doc("The DET det 1", "talks NOUN nsubj 7", ", PUNCT punct 4", "it PRON nsubj 4",
                   "appears VERB parataxis 7 lemma=appear tag=VBZ", ", PUNCT punct 4", "have AUX aux 7",
                   "collapsed VERB ROOT 7 lemma=collapse tag=VBN", ". PUNCT punct 7")
    assert is_hedged(doc[7])


def test_in_the_event_sets_a_condition_and_in_this_case_does_not():
    # In the event they are, I look forward to it.  (the parser hangs "In the event" on "are")
    doc = make_doc("In ADP prep 4", "the DET det 2", "event NOUN pobj 0", "they PRON nsubj 4",
                   "are AUX ccomp 7 lemma=be", ", PUNCT punct 7", "I PRON nsubj 7", "look VERB ROOT 7 lemma=look",
                   "forward ADV advmod 7", ". PUNCT punct 7")
    assert is_conditional(doc[7])
    # In this case it looks like a lack of experience.
    doc = make_doc("In ADP prep 5", "this DET det 2", "case NOUN pobj 0", ", PUNCT punct 5", "it PRON nsubj 5",
                   "looks VERB ROOT 5 lemma=look", "like ADP prep 5", "a DET det 8", "lack NOUN pobj 6",
                   ". PUNCT punct 5")
    assert not is_conditional(doc[5])
    # In case the talks fail, Kyiv will act.
    doc = make_doc("In ADP prep 8", "case NOUN pobj 0", "the DET det 3", "talks NOUN nsubj 4",
                   "fail VERB acl 1 lemma=fail", ", PUNCT punct 8", "Kyiv PROPN nsubj 8 ent=GPE", "will AUX aux 8",
                   "act VERB ROOT 8 lemma=act", ". PUNCT punct 8")
    assert is_conditional(doc[8])


def test_an_event_noun_takes_its_clause_qualifiers_or_a_hedging_modifier():
    # He may face murder charges after the talks.
    doc = make_doc("He PRON nsubj 2", "may AUX aux 2", "face VERB ROOT 2 lemma=face", "murder NOUN compound 4",
                   "charges NOUN dobj 2 lemma=charge", "after ADP prep 2", "the DET det 7",
                   "talks NOUN pobj 5 lemma=talk", ". PUNCT punct 2")
    assert noun_qualifiers(doc[4]) == (True, False)
    assert noun_qualifiers(doc[7]) == (False, False)  # the talks happened, whatever he may face
    # the alleged assault  /  the assault
    doc = make_doc("the DET det 2", "alleged ADJ amod 2", "assault NOUN ROOT 2 lemma=assault")
    assert noun_qualifiers(doc[2]) == (True, False)
    doc = make_doc("the DET det 1", "assault NOUN ROOT 1 lemma=assault")
    assert noun_qualifiers(doc[1]) == (False, False)


def test_event_mentions_carry_the_new_qualifiers():
    # Kyiv may call an election. We will have no comment.
    doc = make_doc("Kyiv PROPN nsubj 2 ent=GPE", "may AUX aux 2", "call VERB ROOT 2 lemma=call", "an DET det 4",
                   "election NOUN dobj 2 lemma=election", ". PUNCT punct 2",
                   "We PRON nsubj 8", "will AUX aux 8", "have VERB ROOT 8 lemma=have", "no DET det 10",
                   "comment NOUN dobj 8 lemma=comment", ". PUNCT punct 8")
    found = _events(doc)
    assert found["election"][1] is True and found["call"][1] is True
    assert found["have"][0] is True  # "have no comment" (a light verb with a speech noun): a negative object


def _speakers(doc):
    from newsgraph.ingest.quotes import quote_speakers

    return {doc[start].sent.text: speaker.text for start, speaker in quote_speakers(doc).items()}


def test_a_quotation_with_no_speaker_goes_on_in_the_voice_of_the_last_one():
    # “Russia rejected the plan,” Peskov said. “Kyiv accepted the deal.”
    doc = make_doc("“ PUNCT punct 7", "Russia PROPN nsubj 2 ent=GPE", "rejected VERB ccomp 7 lemma=reject",
                   "the DET det 4", "plan NOUN dobj 2", ", PUNCT punct 7", "” PUNCT punct 7",
                   "Peskov PROPN nsubj 8 ent=PERSON", "said VERB ROOT 8 lemma=say tag=VBD", ". PUNCT punct 8",
                   "“ PUNCT punct 12", "Kyiv PROPN nsubj 12 ent=GPE", "accepted VERB ROOT 12 lemma=accept",
                   "the DET det 14", "deal NOUN dobj 12", ". PUNCT punct 12", "” PUNCT punct 12")
    assert _speakers(doc) == {"“ Kyiv accepted the deal. ”": "Peskov"}


def test_a_report_whose_words_are_to_come_speaks_the_next_quotation():
    # Anna Smith said in a statement. “Kyiv accepted the deal.”  /  Anna Smith said Kyiv won. “It was close.”
    doc = make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON",
                   "said VERB ROOT 2 lemma=say tag=VBD", "in ADP prep 2", "a DET det 5", "statement NOUN pobj 3",
                   ". PUNCT punct 2", "“ PUNCT punct 9", "Kyiv PROPN nsubj 9 ent=GPE",
                   "accepted VERB ROOT 9 lemma=accept", "the DET det 11", "deal NOUN dobj 9", ". PUNCT punct 9",
                   "” PUNCT punct 9")
    assert _speakers(doc) == {"“ Kyiv accepted the deal. ”": "Smith"}
    doc = make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON",
                   "said VERB ROOT 2 lemma=say tag=VBD", "Kyiv PROPN nsubj 4 ent=GPE", "won VERB ccomp 2 lemma=win",
                   ". PUNCT punct 2", "“ PUNCT punct 8", "It PRON nsubj 8", "was AUX ROOT 8 lemma=be",
                   "close ADJ acomp 8", ". PUNCT punct 8", "” PUNCT punct 8")
    assert _speakers(doc) == {}  # her words were already reported: who speaks the quotation is not said


def test_a_phrase_in_quotation_marks_is_no_quotation_of_the_last_speaker():
    # “We won,” Peskov said. Kyiv called it a “limited ceasefire”.
    doc = make_doc("“ PUNCT punct 5", "We PRON nsubj 2", "won VERB ccomp 5 lemma=win", ", PUNCT punct 5",
                   "” PUNCT punct 5", "Peskov PROPN nsubj 5 ent=PERSON", "said VERB ROOT 5 lemma=say tag=VBD",
                   ". PUNCT punct 6", "Kyiv PROPN nsubj 9 ent=GPE", "called VERB ROOT 9 lemma=call", "it PRON dobj 9",
                   "a DET det 15", "“ PUNCT punct 15", "limited ADJ amod 15", "ceasefire NOUN oprd 9",
                   "” PUNCT punct 15", ". PUNCT punct 9")
    assert _speakers(doc) == {}


def test_a_report_inside_a_quotation_announces_nobody():
    # “I told him.” “Go home.”: the second quotation is not the first one's "I"
    doc = make_doc("“ PUNCT punct 2", "I PRON nsubj 2", "told VERB ROOT 2 lemma=tell tag=VBD", "him PRON dobj 2",
                   ". PUNCT punct 2", "” PUNCT punct 2", "“ PUNCT punct 7", "Go VERB ROOT 7 lemma=go",
                   "home ADV advmod 7", ". PUNCT punct 7", "” PUNCT punct 7")
    assert _speakers(doc) == {}
