"""A personal pronoun whose antecedent is a person noun of a clause above its own ("A man … from which he was
fired") is a mention of that noun's concept; on hand-built Docs (no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsgraph.ingest.clause_antecedents import clause_antecedent
from newsgraph.ingest.concepts import extract_concepts

_VOCAB = spacy.blank("en").vocab


def _doc(rows: str) -> Doc:
    """A Doc from lines of "word POS TAG lemma head dep"."""
    words, pos, tags, lemmas, heads, deps = zip(*(line.split() for line in rows.strip().splitlines()))
    return Doc(_VOCAB, words=list(words), pos=list(pos), tags=list(tags), lemmas=list(lemmas),
               heads=[int(h) for h in heads], deps=list(deps))


# "A man shot a woman at the firm from which he was fired ."
FIRED = _doc("""
A DET DT a 1 det
man NOUN NN man 2 nsubj
shot VERB VBD shoot 2 ROOT
a DET DT a 4 det
woman NOUN NN woman 2 dobj
at ADP IN at 2 prep
the DET DT the 7 det
firm NOUN NN firm 5 pobj
from ADP IN from 12 prep
which PRON WDT which 8 pobj
he PRON PRP he 12 nsubjpass
was AUX VBD be 12 auxpass
fired VERB VBN fire 7 relcl
. PUNCT . . 2 punct
""")

# "A woman who was walking when she was struck died ."
WALKING = _doc("""
A DET DT a 1 det
woman NOUN NN woman 9 nsubj
who PRON WP who 4 nsubj
was AUX VBD be 4 aux
walking VERB VBG walk 1 relcl
when SCONJ WRB when 8 advmod
she PRON PRP she 8 nsubjpass
was AUX VBD be 8 auxpass
struck VERB VBN strike 4 advcl
died VERB VBD die 9 ROOT
. PUNCT . . 9 punct
""")

# "A driver was charged after police said he struck a woman ."
CHARGED = _doc("""
A DET DT a 1 det
driver NOUN NN driver 3 nsubjpass
was AUX VBD be 3 auxpass
charged VERB VBN charge 3 ROOT
after SCONJ IN after 6 mark
police NOUN NNS police 6 nsubj
said VERB VBD say 3 advcl
he PRON PRP he 8 nsubj
struck VERB VBD strike 6 ccomp
a DET DT a 10 det
woman NOUN NN woman 8 dobj
. PUNCT . . 3 punct
""")


def test_a_pronoun_in_a_relative_clause_stands_for_the_subject_above_it():
    assert clause_antecedent(FIRED[10]).text == "man"
    found = [(m.text, m.head) for m in extract_concepts(FIRED, "a1")]
    assert ("he", "man") in found


def test_a_relative_who_leads_on_to_the_noun_its_clause_hangs_on():
    assert clause_antecedent(WALKING[6]).text == "woman"
    assert ("she", "woman") in [(m.text, m.head) for m in extract_concepts(WALKING, "a1")]


def test_a_subject_that_does_not_agree_is_passed_over():
    # "police" is no singular person: "he" is the driver
    assert clause_antecedent(CHARGED[7]).text == "driver"


def test_sex_and_number_must_agree():
    she = Doc(_VOCAB, words=[t.text for t in FIRED[:10]] + ["she", "was", "fired", "."],
              pos=[t.pos_ for t in FIRED], tags=[t.tag_ for t in FIRED], lemmas=[t.lemma_ for t in FIRED],
              heads=[t.head.i for t in FIRED], deps=[t.dep_ for t in FIRED])
    assert clause_antecedent(she[10]) is None  # "a man … from which she was fired": no woman above
    they = Doc(_VOCAB, words=[t.text for t in FIRED[:10]] + ["they", "were", "fired", "."],
               pos=[t.pos_ for t in FIRED], tags=[t.tag_ for t in FIRED], lemmas=[t.lemma_ for t in FIRED],
               heads=[t.head.i for t in FIRED], deps=[t.dep_ for t in FIRED])
    assert clause_antecedent(they[10]) is None  # one man is no "they"


def test_the_pronouns_own_clause_and_a_name_give_no_antecedent():
    assert clause_antecedent(FIRED[4]) is None  # not a pronoun
    # "Smith said he left ." — a name: the entity rules' business, no concept
    doc = _doc("""
Smith PROPN NNP Smith 1 nsubj
said VERB VBD say 1 ROOT
he PRON PRP he 3 nsubj
left VERB VBD leave 1 ccomp
. PUNCT . . 1 punct
""")
    assert clause_antecedent(doc[2]) is None
    # "The man hit him ." — the own clause's subject is no antecedent
    doc = _doc("""
The DET DT the 1 det
man NOUN NN man 2 nsubj
hit VERB VBD hit 2 ROOT
him PRON PRP he 2 dobj
. PUNCT . . 2 punct
""")
    assert clause_antecedent(doc[3]) is None


def test_a_pronoun_an_entity_mention_covers_is_no_concept_mention():
    assert "he" not in [m.text for m in extract_concepts(FIRED, "a1", covered={10})]


def test_a_reflexive_stands_for_its_own_clauses_subject():
    # "A boss who was arrested hanged himself ." / "A boss hanged himself ."
    doc = _doc("""
A DET DT a 1 det
boss NOUN NN boss 5 nsubj
who PRON WP who 4 nsubjpass
was AUX VBD be 4 auxpass
arrested VERB VBN arrest 1 relcl
hanged VERB VBD hang 5 ROOT
himself PRON PRP himself 5 dobj
. PUNCT . . 5 punct
""")
    assert clause_antecedent(doc[6]).text == "boss"
    assert ("himself", "honcho") in [(m.text, m.head) for m in extract_concepts(doc, "a1")]


def test_it_stands_for_an_organisation_noun_only():
    # "The navy said it arrested pirates ." / "The man said it rained ."
    navy = _doc("""
The DET DT the 1 det
navy NOUN NN navy 2 nsubj
said VERB VBD say 2 ROOT
it PRON PRP it 4 nsubj
arrested VERB VBD arrest 2 ccomp
pirates NOUN NNS pirate 4 dobj
. PUNCT . . 2 punct
""")
    assert clause_antecedent(navy[3]).text == "navy"
    assert ("it", "navy") in [(m.text, m.head) for m in extract_concepts(navy, "a1")]
    man = _doc("""
The DET DT the 1 det
man NOUN NN man 2 nsubj
said VERB VBD say 2 ROOT
it PRON PRP it 4 nsubj
rained VERB VBD rain 2 ccomp
. PUNCT . . 2 punct
""")
    assert clause_antecedent(man[3]) is None
