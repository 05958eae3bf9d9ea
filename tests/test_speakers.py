"""Speakers the parse alone does not give, on hand-built parses: pronoun and document speakers resolved to the
earlier speaker they stand for, reports in relative clauses, participles and prepositional phrases, a speaker
the parser left as an apposition, quotations left open or spoken after a statement, and reports the sentence
splitter broke in two; each with a look-alike that is not."""

from spacy.tokens import Doc

from handmade import entity_spans, make_doc
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.quotes import broken_reports, find_quotations, quotation_speaker
from newsgraph.ingest.reported_speech import speaker_of
from newsgraph.ingest.speakers import speaker_antecedent
from newsgraph.ingest.triples import extract_triples


def _attributed(doc):
    """(subject, predicate, object) → (speaker name, principal name, speaker text) of every triple."""
    found = extract_mentions(doc, "a1")
    names = {e.local_id: e.name for e in found.entities}
    out = {}
    for t in extract_triples(doc, "a1", found.token_entity, entity_spans=entity_spans(doc, found.mentions)):
        side = lambda a: names[a.local_id] if a.is_entity else f"[{a.concept}]"  # noqa: E731
        who = lambda a: names[a.local_id] if a is not None else None  # noqa: E731
        out[(side(t.subject), t.predicate, side(t.object))] = (who(t.attributed_to), who(t.on_behalf_of),
                                                               t.speaker_text)
    return out


def _speakers(doc):
    """Sentence text → the speaker find_quotations gives it."""
    return {doc[start].sent.text: token.text for start, token in find_quotations(doc).speakers.items()}


# Officer Brad Baehr said Jackson was arrested. Jackson was on probation, he said.
_HE_SAID = ["Officer PROPN compound 2", "Brad PROPN compound 2 ent=PERSON", "Baehr PROPN nsubj 3 ent=PERSON",
            "said VERB ROOT 3 lemma=say tag=VBD", "Jackson PROPN nsubjpass 6 ent=PERSON", "was AUX auxpass 6",
            "arrested VERB ccomp 3 lemma=arrest tag=VBN", ". PUNCT punct 3",
            "Jackson PROPN nsubj 9 ent=PERSON", "was AUX ccomp 14 lemma=be", "on ADP prep 9",
            "probation NOUN pobj 10", ", PUNCT punct 14", "he PRON nsubj 14", "said VERB ROOT 14 lemma=say tag=VBD",
            ". PUNCT punct 14"]


def test_he_said_is_the_last_person_reported_speaking_not_the_nearest_person():
    doc = make_doc(*_HE_SAID)
    assert speaker_antecedent(doc[13]).text == "Baehr"
    assert _attributed(doc)[("Jackson", "be on", "[probation]")][:2] == ("Brad Baehr", None)


def test_he_said_is_not_an_earlier_speaker_of_the_other_sex():
    words = list(_HE_SAID)
    words[:3] = ["A DET det 2", "police NOUN compound 2", "spokeswoman NOUN nsubj 3"]
    doc = make_doc(*words)
    assert speaker_antecedent(doc[13]) is None


# The Navy said it captured pirates. The pirates would be handed over, it said.
_IT_SAID = ["The DET det 1", "Navy PROPN nsubj 2 ent=ORG", "said VERB ROOT 2 lemma=say tag=VBD", "it PRON nsubj 4",
            "captured VERB ccomp 2 lemma=capture", "pirates NOUN dobj 4 lemma=pirate tag=NNS", ". PUNCT punct 2",
            "The DET det 8", "pirates NOUN nsubjpass 11 lemma=pirate tag=NNS", "would AUX aux 11",
            "be AUX auxpass 11", "handed VERB ccomp 14 lemma=hand tag=VBN", ", PUNCT punct 14", "it PRON nsubj 14",
            "said VERB ROOT 14 lemma=say tag=VBD", ". PUNCT punct 14"]


def test_it_said_is_the_last_body_reported_speaking():
    doc = make_doc(*_IT_SAID)
    assert speaker_antecedent(doc[13]).text == "Navy"


def test_it_said_is_no_person():
    words = list(_IT_SAID)
    words[:2] = ["Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON"]
    assert speaker_antecedent(make_doc(*words)[13]) is None


# The Indian Navy said in a statement that pirates were captured. The pirates would be handed over, the
# statement added.
_STATEMENT = ["The DET det 2", "Indian PROPN compound 2 ent=ORG", "Navy PROPN nsubj 3 ent=ORG",
              "said VERB ROOT 3 lemma=say tag=VBD", "in ADP prep 3", "a DET det 6", "statement NOUN pobj 4",
              "that SCONJ mark 10", "pirates NOUN nsubjpass 10 lemma=pirate tag=NNS", "were AUX auxpass 10",
              "captured VERB ccomp 3 lemma=capture tag=VBN", ". PUNCT punct 3",
              "The DET det 13", "pirates NOUN nsubjpass 16 lemma=pirate tag=NNS", "would AUX aux 16",
              "be AUX auxpass 16", "handed VERB ccomp 20 lemma=hand tag=VBN", ", PUNCT punct 20", "the DET det 19",
              "statement NOUN nsubj 20", "added VERB ROOT 20 lemma=add tag=VBD", ". PUNCT punct 20"]


def test_the_statement_said_is_whoever_the_article_says_issued_it():
    doc = make_doc(*_STATEMENT)
    assert speaker_antecedent(doc[19]).text == "Navy"


def test_a_statement_that_names_its_issuer_or_has_none_in_the_article_is_left_alone():
    # "a statement from the Navy said": its own phrase names the issuer (``attribution`` takes it from there)
    doc = make_doc("A DET det 1", "statement NOUN nsubj 5", "from ADP prep 1", "the DET det 4",
                   "Navy PROPN pobj 2 ent=ORG", "said VERB ROOT 5 lemma=say", "pirates NOUN nsubj 7 tag=NNS",
                   "surrendered VERB ccomp 5 lemma=surrender", ". PUNCT punct 5")
    assert speaker_antecedent(doc[1]) is None
    # "The pirates would be handed over, the statement added." with nothing before it
    doc = make_doc(*[w.replace(" 13", " 1").replace(" 16", " 4").replace(" 20", " 8").replace(" 19", " 7")
                     for w in _STATEMENT[12:]])
    assert [t.text for t in doc][7] == "statement" and speaker_antecedent(doc[7]) is None


def test_a_report_in_a_relative_clause_is_said_by_the_noun_it_hangs_on():
    # Gaskin, who said the men were inexperienced, left.
    doc = make_doc("Gaskin PROPN nsubj 9 ent=PERSON", ", PUNCT punct 0", "who PRON nsubj 3",
                   "said VERB relcl 0 lemma=say tag=VBD", "the DET det 5", "men NOUN nsubj 6 tag=NNS",
                   "were AUX ccomp 3 lemma=be", "inexperienced ADJ acomp 6", ", PUNCT punct 0", "left VERB ROOT 9",
                   ". PUNCT punct 9")
    assert speaker_of(doc[6]).text == "Gaskin"


def test_what_the_speaker_s_own_phrase_says_is_not_reported():
    # The man who fell said he was tired: the fall is not what he said, his tiredness is
    doc = make_doc("The DET det 1", "man NOUN nsubj 4", "who PRON nsubj 3", "fell VERB relcl 1 lemma=fall",
                   "said VERB ROOT 4 lemma=say tag=VBD", "he PRON nsubj 6", "was AUX ccomp 4 lemma=be",
                   "tired ADJ acomp 6", ". PUNCT punct 4")
    assert speaker_of(doc[3]) is None
    assert speaker_of(doc[6]).text == "man"


def test_a_participle_reports_for_the_subject_of_its_clause():
    # The navy defended its actions, saying it had fired in self-defence.
    doc = make_doc("The DET det 1", "navy NOUN nsubj 2", "defended VERB ROOT 2 lemma=defend", "its PRON poss 4",
                   "actions NOUN dobj 2 tag=NNS", ", PUNCT punct 2", "saying VERB advcl 2 lemma=say tag=VBG",
                   "it PRON nsubj 9", "had AUX aux 9", "fired VERB ccomp 6 lemma=fire tag=VBN", ". PUNCT punct 2")
    assert speaker_of(doc[9]).text == "navy"
    # He was quoted as saying the talks failed.
    doc = make_doc("He PRON nsubjpass 2", "was AUX auxpass 2", "quoted VERB ROOT 2 lemma=quote tag=VBN",
                   "as ADP prep 2", "saying VERB pcomp 3 lemma=say tag=VBG", "the DET det 6",
                   "talks NOUN nsubj 7 tag=NNS", "failed VERB ccomp 4 lemma=fail", ". PUNCT punct 2")
    assert speaker_of(doc[7]).text == "He"


def test_a_participle_with_no_report_in_it_names_no_speaker():
    # The navy left port, carrying supplies.
    doc = make_doc("The DET det 1", "navy NOUN nsubj 2", "left VERB ROOT 2 lemma=leave", "port NOUN dobj 2",
                   ", PUNCT punct 2", "carrying VERB advcl 2 lemma=carry tag=VBG", "supplies NOUN dobj 5",
                   ". PUNCT punct 2")
    assert speaker_of(doc[5]) is None


def test_a_clause_under_a_preposition_of_the_report_is_reported():
    # Police said he was stopped after failing a test.
    doc = make_doc("Police NOUN nsubj 1 tag=NNS", "said VERB ROOT 1 lemma=say tag=VBD", "he PRON nsubjpass 4",
                   "was AUX auxpass 4", "stopped VERB ccomp 1 lemma=stop tag=VBN", "after ADP prep 4",
                   "failing VERB pcomp 5 lemma=fail tag=VBG", "a DET det 8", "test NOUN dobj 6", ". PUNCT punct 1")
    assert speaker_of(doc[6]).text == "Police"


# Williams was stopped near San Diego, the Highway Patrol said.  (the parser takes the speaker for an apposition)
_STRANDED = ["Williams PROPN nsubjpass 2 ent=PERSON", "was AUX auxpass 2", "stopped VERB ccomp 10 lemma=stop tag=VBN",
             "near ADP prep 2", "San PROPN compound 5 ent=GPE", "Diego PROPN pobj 3 ent=GPE", ", PUNCT punct 5",
             "the DET det 9", "Highway PROPN compound 9 ent=ORG", "Patrol PROPN appos 5 ent=ORG",
             "said VERB ROOT 10 lemma=say tag=VBD", ". PUNCT punct 10"]


def test_a_speaker_the_parser_hung_on_a_noun_before_is_still_the_speaker():
    assert speaker_of(make_doc(*_STRANDED)[2]).text == "Patrol"


def test_a_noun_before_a_speech_verb_with_no_comma_is_no_speaker():
    words = list(_STRANDED)
    words[6] = "and CCONJ cc 5"
    assert speaker_of(make_doc(*words)[2]) is None


def test_of_two_subjects_the_nearest_speaks():
    # The pirates are from Somalia, two countries near it, Sinha said.
    doc = make_doc("The DET det 1", "pirates NOUN nsubj 2 tag=NNS", "are AUX ccomp 12 lemma=be", "from ADP prep 2",
                   "Somalia PROPN pobj 3 ent=GPE", ", PUNCT punct 12", "two NUM nummod 7",
                   "countries NOUN nsubj 12 tag=NNS", "near ADP prep 7", "it PRON pobj 8", ", PUNCT punct 12",
                   "Sinha PROPN nsubj 12 ent=PERSON", "said VERB ROOT 12 lemma=say tag=VBD", ". PUNCT punct 12")
    assert speaker_of(doc[2]).text == "Sinha"


def test_a_quotation_left_open_goes_on_under_the_next_opening_mark():
    # Gaskin said: “There was snow. “It appears bad.”
    doc = make_doc("Gaskin PROPN nsubj 1 ent=PERSON", "said VERB ROOT 1 lemma=say tag=VBD", ": PUNCT punct 1",
                   "“ PUNCT punct 5", "There PRON expl 5", "was AUX ccomp 1 lemma=be", "snow NOUN attr 5",
                   ". PUNCT punct 1", "“ PUNCT punct 10", "It PRON nsubj 10", "appears VERB ROOT 10 lemma=appear",
                   "bad ADJ acomp 10", ". PUNCT punct 10", "” PUNCT punct 10")
    assert _speakers(doc) == {"“ It appears bad. ”": "Gaskin"}


def test_a_quotation_after_a_report_that_closes_its_sentence_goes_on_in_its_voice():
    # Two deaths was unusual, Gaskin said. “We get few accidents.”
    doc = make_doc("Two NUM nummod 1", "deaths NOUN nsubj 2 tag=NNS", "was AUX ccomp 6 lemma=be",
                   "unusual ADJ acomp 2", ", PUNCT punct 6", "Gaskin PROPN nsubj 6 ent=PERSON",
                   "said VERB ROOT 6 lemma=say tag=VBD", ". PUNCT punct 6", "“ PUNCT punct 10", "We PRON nsubj 10",
                   "get VERB ROOT 10", "few ADJ amod 12", "accidents NOUN dobj 10 tag=NNS", ". PUNCT punct 10",
                   "” PUNCT punct 10")
    assert _speakers(doc) == {"“ We get few accidents. ”": "Gaskin"}


def test_a_quotation_after_an_issued_statement_is_the_issuer_s():
    # Smith issued the following statement: “We are disappointed.”
    doc = make_doc("Smith PROPN nsubj 1 ent=PERSON", "issued VERB ROOT 1 lemma=issue", "the DET det 4",
                   "following ADJ amod 4", "statement NOUN dobj 1", ": PUNCT punct 1", "“ PUNCT punct 8",
                   "We PRON nsubj 8", "are AUX ROOT 8 lemma=be", "disappointed ADJ acomp 8", ". PUNCT punct 8",
                   "” PUNCT punct 8")
    assert _speakers(doc) == {"“ We are disappointed. ”": "Smith"}


def test_a_speaker_on_the_line_after_a_quotation_is_not_its_speaker():
    # “Snow fell.” / Rain fell, Smith said.  (one sentence to the parser, two lines of the article)
    rows = ["“ PUNCT punct 2", "Snow NOUN nsubj 2", "fell VERB ROOT 2 lemma=fall", ". PUNCT punct 2",
            "” PUNCT punct 2", "NEWLINE SPACE dep 4", "Rain NOUN nsubj 7", "fell VERB conj 2 lemma=fall",
            ", PUNCT punct 7", "Smith PROPN nsubj 10 ent=PERSON", "said VERB parataxis 7 lemma=say", ". PUNCT punct 7"]
    parsed = make_doc(*rows)
    words = [t.text if t.text != "NEWLINE" else "\n" for t in parsed]
    doc = Doc(parsed.vocab, words=words, spaces=[False if w == "\n" or i + 1 < len(words) and words[i + 1] == "\n"
                                                 else True for i, w in enumerate(words)],
              pos=[t.pos_ for t in parsed], deps=[t.dep_ for t in parsed], heads=[t.head.i for t in parsed],
              lemmas=[t.lemma_ for t in parsed], ents=[f"B-{t.ent_type_}" if t.ent_type_ else "O" for t in parsed])
    assert "\n" in doc.text and quotation_speaker(doc, 0, 4) is None
    assert quotation_speaker(parsed, 0, 4).text == "Smith"  # on one line it would be the speaker


def test_a_report_broken_at_an_abbreviation_gives_its_speaker_to_the_other_piece():
    # Williams was driving at 1:30 a. | m., Officer Pennings said.
    doc = make_doc("Williams PROPN nsubj 2 ent=PERSON", "was AUX aux 2", "driving VERB ROOT 2", "at ADP prep 2",
                   "1:30 NUM pobj 3", "a NOUN npadvmod 2", ". PUNCT punct 2",
                   "m NOUN npadvmod 12", ". PUNCT punct 12", ", PUNCT punct 12", "Officer PROPN compound 11",
                   "Pennings PROPN nsubj 12 ent=PERSON", "said VERB ROOT 12 lemma=say tag=VBD", ". PUNCT punct 12")
    assert {doc[k].text: v.text for k, v in broken_reports(doc).items()} == {"Williams": "Pennings"}
    # Gaskin said the incidents in Mt. | Cook Park were not related.
    doc = make_doc("Gaskin PROPN nsubj 1 ent=PERSON", "said VERB ROOT 1 lemma=say tag=VBD", "the DET det 3",
                   "incidents NOUN dobj 1 tag=NNS", "in ADP prep 3", "Mt PROPN pobj 4", ". PUNCT punct 1",
                   "Cook PROPN compound 8", "Park PROPN nsubjpass 11", "were AUX auxpass 11", "not PART neg 11",
                   "related VERB ROOT 11 lemma=relate tag=VBN", ". PUNCT punct 11")
    assert {doc[k].text: v.text for k, v in broken_reports(doc).items()} == {"Cook": "Gaskin"}


def test_whole_sentences_are_no_broken_report():
    # Officer Pennings said. | The Kremlin said “energy infrastructure”. It was unclear.
    doc = make_doc("Williams PROPN nsubj 1 ent=PERSON", "drove VERB ROOT 1", ". PUNCT punct 1",
                   "Officer PROPN compound 4", "Pennings PROPN nsubj 5 ent=PERSON", "said VERB ROOT 5 lemma=say",
                   ". PUNCT punct 5")
    assert broken_reports(doc) == {}
    # Obama announces his nomination of Dr. | Benjamin runs a clinic.  ("announce" takes a noun phrase)
    doc = make_doc("Obama PROPN nsubj 1 ent=PERSON", "announces VERB ROOT 1 lemma=announce", "his PRON poss 3",
                   "nomination NOUN dobj 1", "of ADP prep 3", "Dr PROPN pobj 4", ". PUNCT punct 1",
                   "Benjamin PROPN nsubj 8 ent=PERSON", "runs VERB ROOT 8 lemma=run", "a DET det 10",
                   "clinic NOUN dobj 8", ". PUNCT punct 8")
    assert broken_reports(doc) == {}
    doc = make_doc("Kremlin PROPN nsubj 1 ent=ORG", "said VERB ROOT 1 lemma=say", "“ PUNCT punct 4",
                   "energy NOUN compound 4", "infrastructure NOUN dobj 1", "” PUNCT punct 4", ". PUNCT punct 1",
                   "It PRON nsubj 8", "was AUX ROOT 8 lemma=be", "unclear ADJ acomp 8", ". PUNCT punct 8")
    assert broken_reports(doc) == {}


def test_a_pronoun_for_an_unnamed_representative_is_told_by_the_representative_s_phrase():
    # A Navy spokesperson said pirates fled. The ship was escorted to safety, he added.
    doc = make_doc("A DET det 2", "Navy PROPN compound 2 ent=ORG", "spokesperson NOUN nsubj 3",
                   "said VERB ROOT 3 lemma=say tag=VBD", "pirates NOUN nsubj 5 tag=NNS", "fled VERB ccomp 3 lemma=flee",
                   ". PUNCT punct 3", "The DET det 8", "ship NOUN nsubjpass 10", "was AUX auxpass 10",
                   "escorted VERB ccomp 15 lemma=escort tag=VBN", "to ADP prep 10", "safety NOUN pobj 11",
                   ", PUNCT punct 15", "he PRON nsubj 15", "added VERB ROOT 15 lemma=add tag=VBD", ". PUNCT punct 15")
    assert _attributed(doc)[("[ship]", "be escort to", "[safety]")] == (None, "Navy", "A Navy spokesperson")


def test_a_quoted_we_spoken_by_someone_named_in_another_sentence_stays_where_it_is():
    # Smith issued a statement. “We accept the ruling.”
    doc = make_doc("Smith PROPN nsubj 1 ent=PERSON", "issued VERB ROOT 1 lemma=issue", "a DET det 3",
                   "statement NOUN dobj 1", ". PUNCT punct 1", "“ PUNCT punct 7", "We PRON nsubj 7",
                   "accept VERB ROOT 7", "the DET det 9", "ruling NOUN dobj 7", ". PUNCT punct 7", "” PUNCT punct 7")
    found = extract_mentions(doc, "a1")
    (triple,) = [t for t in extract_triples(doc, "a1", found.token_entity,
                                            entity_spans=entity_spans(doc, found.mentions))
                 if t.predicate == "accept"]
    names = {e.local_id: e.name for e in found.entities}
    assert names[triple.subject.local_id] == names[triple.attributed_to.local_id] == "Smith"
    assert (triple.subject.text, triple.subject.start) == ("We", doc[6].idx)
    assert triple.sentence_start <= triple.subject.start < triple.sentence_end
