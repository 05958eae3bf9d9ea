"""A pronoun speaker ("He said …") stands for a person named as the subject of a sentence between the last
reported speaker and it, not for that speaker: '"…," Berg said. Carl Vinter rejected that charge. He said …'."""

from __future__ import annotations

import pytest

from newsgraph.ingest.speakers import speaker_antecedent

pytestmark = pytest.mark.model


def _first_he(nlp, text):
    doc = nlp(text)
    token = next(t for t in doc if t.text == "He")
    antecedent = speaker_antecedent(token)
    return None if antecedent is None else antecedent.text


def test_a_person_who_acts_after_the_last_speaker_is_the_pronoun_speaker(nlp):
    text = ('"The minister is open to every option except one," Berg said. Carl Vinter rejected that charge. '
            "He said he would not decide on an inquiry.")
    assert _first_he(nlp, text) == "Vinter"


def test_the_subject_of_what_is_reported_or_a_body_leaves_the_last_speaker(nlp):
    assert _first_he(nlp, "Rasmus Berg said the minister had lied. He said he would publish the letters.") == "Berg"
    text = '"We were warned," Berg said. The ministry rejected that charge. He said he would not decide.'
    assert _first_he(nlp, text) == "Berg"
