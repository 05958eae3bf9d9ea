"""A line right after a quotation that opens with a dash and names someone ("— Sam Okafor, regional secretary of
the union") names that quotation's speaker, as block quotes and pull quotes are signed."""

from __future__ import annotations

import pytest

from newsgraph.ingest.quotes import find_quotations

pytestmark = pytest.mark.model


def _speakers(nlp, text):
    doc = nlp(text)
    quotations = find_quotations(doc)
    return {doc[start:start + 4].text.split()[0]: speaker.text for start, speaker in quotations.speakers.items()}


def test_a_dash_line_after_a_quotation_names_its_speaker(nlp):
    text = ('"We told Halvorsen Chemicals that Hall 4 was dangerous. We will sue the company."\n\n'
            "— Sam Okafor, regional secretary of the Chemical Workers Union\n")
    speakers = _speakers(nlp, text)
    assert set(speakers.values()) == {"Okafor"} and len(speakers) >= 2  # both sentences of the quotation


def test_a_block_quote_signed_in_plain_text(nlp):
    text = ("The union raised the problem at four meetings.\n\n"
            '> "Halvorsen Chemicals ignored every warning about Hall 4."\n>\n> — Sam Okafor, regional secretary\n\n'
            "Marta Lind did not comment.\n")
    assert "Okafor" in _speakers(nlp, text).values()


def test_a_dash_inside_a_line_or_without_a_name_names_no_one(nlp):
    text = '"We will sue the company."\n\nThe union met on Monday — Sam Okafor chaired it.\n'
    assert _speakers(nlp, text) == {}
    text = '"We will sue the company."\n\n— more to follow\n'
    assert _speakers(nlp, text) == {}
