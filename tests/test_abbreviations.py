"""Ranks and titles keep their full stop ("Lt. Gen. Smith"), and a company's legal form ends its sentence before a
word that opens a clause ("Acme Corp. The company said") but not before a name or a verb ("Acme Corp. said")."""

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from newsgraph.ingest.abbreviations import TITLE_ABBREVIATIONS, keep_titles_whole, mark_company_ends


def _tagged(words: str, tags: str) -> Doc:
    doc = Doc(English().vocab, words=words.split())
    for token, tag in zip(doc, tags.split()):
        token.tag_ = tag
    return doc


def test_the_title_list_holds_only_what_the_tokenizer_splits():
    plain = English()
    for title in TITLE_ABBREVIATIONS:
        assert [t.text for t in plain(f"{title} Smith")] == [title[:-1], ".", "Smith"]
    for title in ("Gen.", "Adm.", "Gov.", "Sen.", "Rep.", "Rev.", "Prof.", "St."):  # spaCy keeps these whole
        assert [t.text for t in plain(f"{title} Smith")] == [title, "Smith"]


def test_ranks_keep_their_full_stop_in_a_tokenizer():
    nlp = English()
    keep_titles_whole(nlp)
    words = [t.text for t in nlp("Lt. Gen. Jane Doe met Col. Roe, Sgt. Lee (Capt. Kim) and Maj. Cmdr. Li.")]
    assert words == ["Lt.", "Gen.", "Jane", "Doe", "met", "Col.", "Roe", ",", "Sgt.", "Lee", "(", "Capt.", "Kim",
                     ")", "and", "Maj.", "Cmdr.", "Li", "."]


def test_a_clause_opener_after_a_legal_form_starts_a_sentence():
    doc = mark_company_ends(_tagged("They hired Acme Corp. The company said it hired Widget Inc. Its shares rose .",
                                    "PRP VBD NNP NNP DT NN VBD PRP VBD NNP NNP PRP$ NNS VBD ."))
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["The", "Its"]


def test_a_capitalised_plural_noun_or_adverb_after_a_legal_form_starts_a_sentence():
    doc = mark_company_ends(_tagged("It was built by Boeing Co. Officials said so , not Acme Inc. Earlier they did .",
                                    "PRP VBD VBN IN NNP NNP NNS VBD RB , RB NNP NNP RBR PRP VBD ."))
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["Officials", "Earlier"]


def test_a_headline_in_title_case_is_left_to_the_parser():
    doc = mark_company_ends(_tagged("Acme Corp. Shares Fall After Merger Talks Collapse",
                                    "NNP NNP NNS VBP IN NN NNS VBP"))
    assert not any(t.is_sent_start for t in doc[1:])


def test_a_name_or_a_verb_after_a_legal_form_goes_on():
    doc = mark_company_ends(_tagged("Acme Corp. said Acme Co. Chief Executive Jane Doe left Widget Inc. the firm .",
                                    "NNP NNP VBD NNP NNP NNP NNP NNP NNP VBD NNP NNP DT NN ."))
    assert not any(t.is_sent_start for t in doc[1:])


@pytest.mark.model
def test_a_rank_before_a_name_is_one_word_of_one_sentence(nlp):
    doc = nlp("Lt. Gen. Jane Smith met Sgt. Jones and Capt. Lee on Tuesday.")
    assert [t.text for t in doc][:3] == ["Lt.", "Gen.", "Jane"]
    assert len(list(doc.sents)) == 1
    assert {"Jones", "Lee"} <= {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON"}


@pytest.mark.model
def test_a_sentence_ending_in_a_legal_form_ends_there(nlp):
    doc = nlp("The jets were built by Boeing Co. Officials in Washington said the order was delayed. Acme Corp. "
              "said so.")
    assert [s.text for s in doc.sents] == ["The jets were built by Boeing Co.",
                                           "Officials in Washington said the order was delayed.", "Acme Corp. said so."]
