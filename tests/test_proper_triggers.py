"""Capitalised words as event triggers (``newsgraph.ingest.proper_triggers``), on hand-built Docs."""

from __future__ import annotations

from spacy.tokens import Doc

from handmade import make_doc
from newsgraph.ingest.events import extract_events
from newsgraph.ingest.mentions import extract_mentions
from newsgraph.ingest.trigger_rules import in_headline


def _triggers(doc: Doc) -> dict[str, str]:
    found = extract_mentions(doc, "a1")
    return {m.text: m.lemma for m in extract_events(doc, "a1", found.token_entity)}


def test_a_capitalised_word_the_model_left_out_of_any_name_is_no_event():
    # "the Chargers" was read as the event "charge", "President" as an event of its own
    team = make_doc("The DET det 1", "Chargers PROPN nsubj 2", "reached VERB ROOT 2 lemma=reach", "the DET det 4",
                    "playoffs NOUN dobj 2 lemma=playoff", ". PUNCT punct 2")
    assert "Chargers" not in _triggers(team)
    title = make_doc("The DET det 1", "minister NOUN nsubj 2", "met VERB ROOT 2 lemma=meet", "with ADP prep 2",
                     "President PROPN compound 5", "Smith PROPN pobj 3 ent=PERSON", "about ADP prep 2",
                     "the DET det 9", "proposed VERB amod 9 lemma=propose", "changes NOUN pobj 6 lemma=change",
                     ". PUNCT punct 2")
    assert "President" not in _triggers(title)
    shooting = make_doc("The DET det 1", "Shooting PROPN nsubj 2", "shocked VERB ROOT 2 lemma=shock",
                        "residents NOUN dobj 2 lemma=resident", ". PUNCT punct 2")
    assert _triggers(shooting)["Shooting"] == "shoot"  # an event noun outside a name still is one


def test_a_word_capitalised_for_opening_its_sentence_is_read_as_the_verb_it_inflects():
    opening = make_doc("Sacked PROPN amod 1", "worker NOUN nsubj 2", "shoots VERB ROOT 2 lemma=shoot",
                       "colleagues NOUN dobj 2 lemma=colleague")
    assert _triggers(opening)["Sacked"] == "sack"
    inside = make_doc("A DET det 2", "Sacked PROPN compound 2", "worker NOUN nsubj 3",
                      "shoots VERB ROOT 3 lemma=shoot", "colleagues NOUN dobj 3 lemma=colleague")
    assert "Sacked" not in _triggers(inside)  # mid-sentence its capital marks a name
    plural = make_doc("Rangers PROPN nsubj 1", "won VERB ROOT 1 lemma=win", ". PUNCT punct 1")
    assert "Rangers" not in _triggers(plural)  # a plural noun, no inflected "range"


def test_a_lower_case_word_tagged_a_name_is_read_as_the_verb_it_inflects():
    doc = make_doc("protection NOUN ROOT 0", "of ADP prep 0", "endangered PROPN amod 3", "species PROPN pobj 1")
    found = _triggers(doc)
    assert found["endangered"] == "endanger" and "species" not in found


def test_a_headline_is_judged_over_its_whole_line_whatever_the_sentences():
    # the parser cut "Ellen DeGeneres | To Host Oscars" into two sentences: the second alone has two long words
    doc = make_doc("Ellen PROPN compound 1 ent=PERSON", "DeGeneres PROPN ROOT 1 ent=PERSON", "To PART aux 3",
                   "Host PROPN ROOT 3", "Oscars PROPN dobj 3")
    assert [t.is_sent_start for t in doc][2]
    assert in_headline(doc, doc.text, 3, {})
    plain = make_doc("Ellen PROPN compound 1 ent=PERSON", "DeGeneres PROPN nsubj 2 ent=PERSON",
                     "will AUX aux 3", "host VERB ROOT 3", "the DET det 5", "show NOUN dobj 3", "again ADV advmod 3",
                     "this DET det 8", "year NOUN npadvmod 3")
    assert not in_headline(plain, plain.text, 3, {})


def test_a_word_opening_its_line_inside_a_sentence_is_read_as_its_past_participle():
    # the parser ran a URL line into the headline under it: "Sacked" opens its line, not its sentence
    words = ["http", "voices", "yahoo", "\n", "Sacked", "worker", "shoots", "colleagues"]
    doc = Doc(make_doc("x NOUN ROOT 0").vocab, words=words, spaces=[True, True, False, False, True, True, True, False],
              pos=["NOUN", "NOUN", "NOUN", "SPACE", "PROPN", "NOUN", "VERB", "NOUN"],
              deps=["compound", "compound", "npadvmod", "dep", "amod", "nsubj", "ROOT", "dobj"],
              heads=[2, 2, 6, 2, 5, 6, 6, 6],
              lemmas=["http", "voice", "yahoo", "\n", "Sacked", "worker", "shoot", "colleague"])
    assert [t.is_sent_start for t in doc].count(True) == 1
    assert _triggers(doc)["Sacked"] == "sack"
    quoted = make_doc("“ PUNCT punct 3", "Sacked PROPN amod 2", "worker NOUN nsubj 3", "shoots VERB ROOT 3 lemma=shoot",
                      "colleagues NOUN dobj 3 lemma=colleague")
    assert _triggers(quoted)["Sacked"] == "sack"  # only punctuation before it


def test_a_name_opening_its_sentence_is_no_verb_it_may_spell():
    # "Banks" and "Fields" open sentences as names; only a past participle is read as the verb
    for name in ("Banks", "Fields", "Manning"):
        doc = make_doc(f"{name} PROPN nsubj 1", "said VERB ROOT 1 lemma=say", "nothing PRON dobj 1",
                       ". PUNCT punct 1")
        assert name not in _triggers(doc)
