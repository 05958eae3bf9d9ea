"""Attribution and qualifiers on hand-built parses: who said a clause (reported speech, quotes over several
sentences, representatives and their principals, pronoun and institutional speakers) and whether it is negated,
hedged or conditional, including the look-alikes that are not."""

import pytest

from handmade import entity_spans, make_doc, quote_over_two_sentences
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.triples import extract_triples


def _triples(doc):
    found = extract_mentions(doc, "a1")
    spans = entity_spans(doc, found.mentions)
    names = {e.local_id: e.name for e in found.entities}
    out = {}
    for t in extract_triples(doc, "a1", found.token_entity, entity_spans=spans):
        side = lambda a: names[a.local_id] if a.is_entity else f"[{a.concept}]"  # noqa: E731
        who = lambda a: names[a.local_id] if a is not None else None  # noqa: E731
        out[(side(t.subject), t.predicate, side(t.object))] = (who(t.attributed_to), who(t.on_behalf_of), t)
    return out


def _one(doc, key):
    triples = _triples(doc)
    assert key in triples, list(triples)
    return triples[key]


def test_said_after_the_quote_names_the_speaker():
    # “Putin will sign the deal,” said Peskov.
    doc = make_doc("“ PUNCT punct 8", "Putin PROPN nsubj 3 ent=PERSON", "will AUX aux 3", "sign VERB ccomp 8",
                   "the DET det 5", "deal NOUN dobj 3", ", PUNCT punct 8", "” PUNCT punct 8",
                   "said VERB ROOT 8 lemma=say tag=VBD", "Peskov PROPN nsubj 8 ent=PERSON", ". PUNCT punct 8")
    speaker, principal, triple = _one(doc, ("Putin", "sign", "[deal]"))
    assert (speaker, principal, triple.speaker_text) == ("Peskov", None, "Peskov")


def test_told_reporters_and_according_to_name_the_speaker():
    # Zelenskyy told reporters that Russia shelled Kyiv.
    doc = make_doc("Zelenskyy PROPN nsubj 1 ent=PERSON", "told VERB ROOT 1 lemma=tell tag=VBD",
                   "reporters NOUN dobj 1 lemma=reporter", "that SCONJ mark 5", "Russia PROPN nsubj 5 ent=GPE",
                   "shelled VERB ccomp 1 lemma=shell", "Kyiv PROPN dobj 5 ent=GPE", ". PUNCT punct 1")
    assert _one(doc, ("Russia", "shell", "Kyiv"))[0] == "Zelenskyy"
    # According to Zelenskyy, Russia shelled Kyiv.
    doc = make_doc("According VERB prep 5", "to ADP prep 0", "Zelenskyy PROPN pobj 1 ent=PERSON", ", PUNCT punct 5",
                   "Russia PROPN nsubj 5 ent=GPE", "shelled VERB ROOT 5 lemma=shell", "Kyiv PROPN dobj 5 ent=GPE",
                   ". PUNCT punct 5")
    speaker, principal, triple = _one(doc, ("Russia", "shell", "Kyiv"))
    assert (speaker, principal, triple.speaker_text) == ("Zelenskyy", None, "Zelenskyy")


def test_a_quote_over_several_sentences_takes_the_speaker_of_its_end():
    doc = quote_over_two_sentences()
    first = _one(doc, ("Russia", "reject", "[plan]"))
    second = _one(doc, ("Kyiv", "accept", "[deal]"))
    assert first[0] == second[0] == "Anna Smith"  # "she", resolved through the article's pronouns
    assert first[2].speaker_text == "she"


def test_a_quoted_pronoun_is_not_the_speaker():
    # Anna Smith spoke. “She fell,” he said. — "she" inside the quote is what is said, never who says it
    doc = make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2",
                   ". PUNCT punct 2",
                   "“ PUNCT punct 10", "She PRON nsubj 6", "fell VERB ccomp 10 lemma=fall", "to ADP prep 6",
                   "the DET det 9", "floor NOUN pobj 7", "said VERB ROOT 10 lemma=say", "” PUNCT punct 10",
                   ". PUNCT punct 10")
    speaker, principal, triple = _one(doc, ("Anna Smith", "fall to", "[floor]"))
    assert speaker is None and principal is None


def test_a_quoted_pronoun_does_not_refer_to_the_quotation_s_speaker():
    # Anna Smith died. Tom Jones spoke. “She played well,” Jones said.
    doc = make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "died VERB ROOT 2",
                   ". PUNCT punct 2",
                   "Tom PROPN compound 5 ent=PERSON", "Jones PROPN nsubj 6 ent=PERSON", "spoke VERB ROOT 6",
                   ". PUNCT punct 6",
                   "“ PUNCT punct 15", "She PRON nsubj 10", "played VERB ccomp 15 lemma=play", "the DET det 12",
                   "piano NOUN dobj 10", "” PUNCT punct 15", "Jones PROPN nsubj 15 ent=PERSON",
                   "said VERB ROOT 15 lemma=say", ". PUNCT punct 15")
    speaker, _, triple = _one(doc, ("Anna Smith", "play", "[piano]"))
    assert speaker == "Tom Jones"


def test_named_representative_speaks_for_the_principal():
    # Anna Smith will appeal the ruling, her rep Jack Ketsoyan said.
    doc = make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 3 ent=PERSON", "will AUX aux 3",
                   "appeal VERB ROOT 3", "the DET det 5", "ruling NOUN dobj 3", ", PUNCT punct 3",
                   "her PRON poss 8", "rep NOUN compound 10", "Jack PROPN compound 10 ent=PERSON",
                   "Ketsoyan PROPN nsubj 11 ent=PERSON", "said VERB parataxis 3 lemma=say tag=VBD", ". PUNCT punct 3")
    speaker, principal, triple = _one(doc, ("Anna Smith", "appeal", "[ruling]"))
    assert (speaker, principal) == ("Jack Ketsoyan", "Anna Smith")
    assert triple.speaker_text == "her rep Jack Ketsoyan"
    assert not triple.hedged  # "will" states


def test_a_pronoun_in_what_a_representative_reports_is_whom_they_represent():
    # Anna Smith lost. Her lawyer Tom Jones said she would appeal the ruling.
    doc = make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "lost VERB ROOT 2",
                   ". PUNCT punct 2",
                   "Her PRON poss 5", "lawyer NOUN nsubj 8", "Tom PROPN compound 7 ent=PERSON",
                   "Jones PROPN appos 5 ent=PERSON", "said VERB ROOT 8 lemma=say tag=VBD", "she PRON nsubj 11",
                   "would AUX aux 11", "appeal VERB ccomp 8", "the DET det 13", "ruling NOUN dobj 11",
                   ". PUNCT punct 8")
    speaker, principal, triple = _one(doc, ("Anna Smith", "appeal", "[ruling]"))
    assert (speaker, principal, triple.speaker_text) == ("Tom Jones", "Anna Smith", "Her lawyer Tom Jones")


def test_unnamed_spokesman_for_an_organisation_is_no_speaker_but_names_the_principal():
    # A spokesman for the Kremlin said Russia would not sign the deal.
    doc = make_doc("A DET det 1", "spokesman NOUN nsubj 5", "for ADP prep 1", "the DET det 4",
                   "Kremlin PROPN pobj 2 ent=ORG", "said VERB ROOT 5 lemma=say tag=VBD", "Russia PROPN nsubj 9 ent=GPE",
                   "would AUX aux 9", "not PART neg 9", "sign VERB ccomp 5", "the DET det 11", "deal NOUN dobj 9",
                   ". PUNCT punct 5")
    speaker, principal, triple = _one(doc, ("Russia", "sign", "[deal]"))
    assert (speaker, principal) == (None, "Kremlin")
    assert triple.speaker_text == "A spokesman for the Kremlin"
    assert triple.negated and not triple.hedged  # "would" is the past of "will" under "said"


def test_her_rep_said_is_not_her():
    # Anna Smith spoke. She will appeal the ruling, her rep said.
    doc = make_doc("Anna PROPN compound 1 ent=PERSON", "Smith PROPN nsubj 2 ent=PERSON", "spoke VERB ROOT 2",
                   ". PUNCT punct 2",
                   "She PRON nsubj 6", "will AUX aux 6", "appeal VERB ROOT 6", "the DET det 8", "ruling NOUN dobj 6",
                   ", PUNCT punct 6", "her PRON poss 11", "rep NOUN nsubj 12", "said VERB parataxis 6 lemma=say",
                   ". PUNCT punct 6")
    speaker, principal, triple = _one(doc, ("Anna Smith", "appeal", "[ruling]"))
    assert (speaker, principal, triple.speaker_text) == (None, "Anna Smith", "her rep")


def test_kin_speak_for_themselves_not_for_whom_they_are_kin():
    # "He played any instrument," said his brother.  ("brother" is no entity: no speaker at all, not "he")
    doc = make_doc("Tom PROPN compound 1 ent=PERSON", "Jones PROPN nsubj 2 ent=PERSON", "died VERB ROOT 2",
                   ". PUNCT punct 2",
                   "“ PUNCT punct 9", "He PRON nsubj 6", "played VERB ccomp 9 lemma=play", "any DET det 8",
                   "instrument NOUN dobj 6", "said VERB ROOT 9 lemma=say", "his PRON poss 11",
                   "brother NOUN nsubj 9", ". PUNCT punct 9")
    speaker, principal, triple = _one(doc, ("Tom Jones", "play", "[instrument]"))
    assert (speaker, principal, triple.speaker_text) == (None, None, "his brother")


def test_institutional_speaker_is_the_government_of_its_country():
    # Ukrainian officials said Russia launched drones.
    doc = make_doc("Ukrainian ADJ amod 1 ent=NORP", "officials NOUN nsubj 2 lemma=official",
                   "said VERB ROOT 2 lemma=say", "Russia PROPN nsubj 4 ent=GPE", "launched VERB ccomp 2 lemma=launch",
                   "drones NOUN dobj 4 lemma=drone", ". PUNCT punct 2")
    found = extract_mentions(doc, "a1")
    assert "Government of Ukraine" in {e.name for e in found.entities}
    assert {e.type for e in found.entities if e.name == "Government of Ukraine"} == {"Group"}
    speaker, principal, triple = _one(doc, ("Russia", "launch", "[drone]"))
    assert (speaker, triple.speaker_text) == ("Government of Ukraine", "Ukrainian officials")
    # "the government of Ukraine" is the same entity
    doc = make_doc("The DET det 1", "government NOUN nsubj 4", "of ADP prep 1", "Ukraine PROPN pobj 2 ent=GPE",
                   "said VERB ROOT 4 lemma=say", "Russia PROPN nsubj 6 ent=GPE", "launched VERB ccomp 4 lemma=launch",
                   "drones NOUN dobj 6 lemma=drone", ". PUNCT punct 4")
    assert _one(doc, ("Russia", "launch", "[drone]"))[0] == "Government of Ukraine"


def test_the_speaker_is_not_the_subject_of_what_it_reports():
    # Bill Gortney told reporters that it is difficult to identify pirates: "it" stands for the clause after it,
    # not for the speaker (no "Gortney –identify→ pirates" said by Gortney)
    doc = make_doc("Bill PROPN compound 1 ent=PERSON", "Gortney PROPN nsubj 2 ent=PERSON",
                   "told VERB ROOT 2 lemma=tell", "reporters NOUN dobj 2 lemma=reporter", "that SCONJ mark 6",
                   "it PRON nsubj 6", "is AUX ccomp 2 lemma=be", "difficult ADJ acomp 6", "to PART aux 9",
                   "identify VERB xcomp 7", "pirates NOUN dobj 9 lemma=pirate", ". PUNCT punct 2")
    triples = _triples(doc)
    assert not [key for key in triples if key[0] == "Bill Gortney" and "identify" in key[1]], triples
    # "Roesler said Roesler would retire" / "Roesler said he would retire": the text says so, the speaker stays
    doc = make_doc("Mark PROPN compound 1 ent=PERSON", "Roesler PROPN nsubj 2 ent=PERSON",
                   "said VERB ROOT 2 lemma=say tag=VBD", "he PRON nsubj 5", "would AUX aux 5",
                   "leave VERB ccomp 2 lemma=leave", "the DET det 7", "agency NOUN dobj 5", ". PUNCT punct 2")
    assert _one(doc, ("Mark Roesler", "leave", "[agency]"))[0] == "Mark Roesler"


def _flags(*words):
    doc = make_doc(*words, f". PUNCT punct {next(i for i, w in enumerate(words) if ' ROOT ' in w)}")
    triples = [t for key, (_, _, t) in _triples(doc).items() if key[0] in {"Kyiv", "[neither]"} or "Kyiv" in key]
    assert triples, _triples(doc)
    t = triples[0]
    return t.negated, t.hedged, t.conditional


@pytest.mark.parametrize("words, flags", [
    # "Neither Kyiv nor Moscow mentioned the deal": negated, for both subjects
    (["Neither CCONJ preconj 1", "Kyiv PROPN nsubj 4 ent=GPE", "nor CCONJ cc 1", "Moscow PROPN conj 1 ent=GPE",
      "mentioned VERB ROOT 4 lemma=mention", "the DET det 6", "deal NOUN dobj 4"], (True, False, False)),
    # "Kyiv mentioned neither the deal nor the truce"
    (["Kyiv PROPN nsubj 1 ent=GPE", "mentioned VERB ROOT 1 lemma=mention", "neither CCONJ preconj 4",
      "the DET det 4", "deal NOUN dobj 1", "nor CCONJ cc 4", "the DET det 7", "truce NOUN conj 4"],
     (True, False, False)),
    # "Kyiv would not only benefit from the deal but also …": "not only" is no negation
    (["Kyiv PROPN nsubj 4 ent=GPE", "would AUX aux 4", "not PART neg 4", "only ADV advmod 4",
      "benefit VERB ROOT 4", "from ADP prep 4", "the DET det 7", "deal NOUN pobj 5"], (False, True, False)),
    # "Kyiv wasn't just a signatory of the deal": more than, not less than
    (["Kyiv PROPN nsubj 1 ent=GPE", "was AUX ROOT 1 lemma=be", "n't PART neg 1", "just ADV advmod 4",
      "signatory NOUN attr 1", "of ADP prep 4", "the DET det 7", "deal NOUN pobj 5"], (False, False, False)),
    # "Kyiv never signed no deal": two negations cancel
    (["Kyiv PROPN nsubj 2 ent=GPE", "never ADV neg 2", "signed VERB ROOT 2 lemma=sign", "no DET det 4",
      "deal NOUN dobj 2"], (False, False, False)),  # "never signed no deal": double negation
    # "Kyiv may sign the deal", "reportedly signed", "is likely to sign", "is expected to sign"
    (["Kyiv PROPN nsubj 2 ent=GPE", "may AUX aux 2", "sign VERB ROOT 2", "deal NOUN dobj 2"], (False, True, False)),
    (["Kyiv PROPN nsubj 2 ent=GPE", "reportedly ADV advmod 2", "signed VERB ROOT 2 lemma=sign", "deal NOUN dobj 2"],
     (False, True, False)),
    (["Kyiv PROPN nsubj 1 ent=GPE", "is AUX ROOT 1 lemma=be", "likely ADJ acomp 1", "to PART aux 4",
      "sign VERB xcomp 2", "deal NOUN dobj 4"], (False, True, False)),
    (["Kyiv PROPN nsubj 2 ent=GPE", "is AUX auxpass 2 lemma=be", "expected VERB ROOT 2 lemma=expect",
      "to PART aux 4", "sign VERB xcomp 2", "deal NOUN dobj 4"], (False, True, False)),
    # "Kyiv hoped to sign": the small model's lemma "hop" is corrected
    (["Kyiv PROPN nsubj 1 ent=GPE", "hoped VERB ROOT 1 lemma=hop", "to PART aux 3", "sign VERB xcomp 1",
      "deal NOUN dobj 3"], (False, True, False)),
    # "Kyiv would sign the deal if upheld": a condition
    (["Kyiv PROPN nsubj 2 ent=GPE", "would AUX aux 2", "sign VERB ROOT 2", "deal NOUN dobj 2", "if SCONJ mark 5",
      "upheld VERB advcl 2 lemma=uphold"], (False, True, True)),
    # "Kyiv will sign the deal unless Moscow objects"
    (["Kyiv PROPN nsubj 2 ent=GPE", "will AUX aux 2", "sign VERB ROOT 2", "deal NOUN dobj 2",
      "unless SCONJ mark 6", "Moscow PROPN nsubj 6 ent=GPE", "objects VERB advcl 2 lemma=object"],
     (False, False, True)),
    # "Kyiv proposed the deal, but Moscow rejected it": the coordinate of a hedging verb is no complement of it
    (["Moscow PROPN nsubj 1 ent=GPE", "proposed VERB ROOT 1 lemma=propose", "talks NOUN dobj 1", ", PUNCT punct 1",
      "but CCONJ cc 1", "Kyiv PROPN nsubj 6 ent=GPE", "rejected VERB conj 1 lemma=reject", "deal NOUN dobj 6"],
     (False, False, False)),
    # "Officials wonder if Kyiv signed the deal": an "if" object clause asks a question, it sets no condition
    (["Officials NOUN nsubj 1", "wonder VERB ROOT 1", "if SCONJ mark 4", "Kyiv PROPN nsubj 4 ent=GPE",
      "signed VERB ccomp 1 lemma=sign", "deal NOUN dobj 4"], (False, True, False)),
    # "Officials asked if Kyiv signed the deal": an "if" clause of asking is a question even as an adverbial
    (["Officials NOUN nsubj 1", "asked VERB ROOT 1 lemma=ask", "if SCONJ mark 4", "Kyiv PROPN nsubj 4 ent=GPE",
      "signed VERB advcl 1 lemma=sign", "deal NOUN dobj 4"], (False, True, False)),
    # "Kyiv refused to sign the deal": the verb's polarity is the relation class's, not the clause's
    (["Kyiv PROPN nsubj 1 ent=GPE", "refused VERB ROOT 1 lemma=refuse", "to PART aux 3", "sign VERB xcomp 1",
      "deal NOUN dobj 3"], (False, False, False)),
])
def test_qualifier_patterns(words, flags):
    assert _flags(*words) == flags


def test_no_one_and_without_negate():
    from newsgraph.ingest.qualifiers import is_negated

    doc = make_doc("No DET det 1", "one NOUN nsubj 2", "signed VERB ROOT 2 lemma=sign", "with ADP prep 2",
                   "Kyiv PROPN pobj 3 ent=GPE", ". PUNCT punct 2")
    assert is_negated(doc[2])
    doc = make_doc("Kyiv PROPN nsubj 1 ent=GPE", "left VERB ROOT 1 lemma=leave", "without ADP prep 1",
                   "signing VERB pcomp 2 lemma=sign", "it PRON dobj 3", ". PUNCT punct 1")
    assert is_negated(doc[3]) and not is_negated(doc[1])


def test_refused_to_folds_into_the_evidence_polarity():
    from newsgraph.ingest.lexicon import relation_class

    assert relation_class("refuse to sign").polarity < 0 and relation_class("decline to commit to").polarity < 0


def test_quote_spans_pair_marks_by_shape_and_straight_quotes_by_what_they_touch():
    from spacy.lang.en import English

    from newsgraph.ingest.quotes import quote_spans

    nlp = English()
    for text, quoted in [('He said "no." Then "yes," she said.', ['"no."', '"yes,"']),
                         ('" She was , " said K .', ['" She was , "']),
                         ("She said: “A. B.” Then ``C'' d", ["“A. B.”", "`C''"])]:
        doc = nlp(text)
        assert [doc[a:b + 1].text for a, b in quote_spans(doc)] == quoted
