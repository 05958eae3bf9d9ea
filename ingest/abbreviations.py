"""Abbreviations that spaCy's English tokenizer and parser read wrong in news text: a rank or title split from its
full stop, and a company's legal form that ends a sentence (no model needed here).

spaCy's tokenizer exceptions keep "Gen.", "Gov.", "Sen.", "Rep.", "Rev.", "Prof." and "St." one word each, but
not the military and police ranks news reports use as often: "Lt. Gen. Smith" came out as "Lt", ".", "Gen.",
"Smith", and the parser took the lone full stop for the end of a sentence or a word of the name.
``keep_titles_whole`` adds them to a pipeline's tokenizer as special cases, as spaCy's own exceptions are
(``TITLE_ABBREVIATIONS``). "No." before a number is the same problem with a context (``newsgraph.ingest.nlp``):
"He said no." keeps its full stop apart, so it is merged only before a number.

A company's legal form ("Acme Corp.", "Widget Inc.") is one word with its full stop, so a sentence that ends in one
has no full stop of its own, and the parser ran it into the next: "… a contract with Acme Corp. The company said
…" was one sentence. ``mark_company_ends`` marks the next word as a sentence start, set before the parser runs,
when it is capitalised and a word that opens a clause and is no part of a name: a determiner, a pronoun, a
question word, a conjunction, an adverb or a plural common noun ("The", "It", "Its", "There", "But", "Earlier",
"Officials"; the parser ran "… built by Boeing Co. Officials in Washington said …" into one sentence, the
officials the object of "by"). A name, a title or a verb after the legal form ("Acme Corp. Chief Executive Jane
Doe", "Acme Corp. said") is left to the parser, and so is a line in title case (a headline, "Acme Corp. Shares
Fall").
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.ingest.trigger_rules import line_span, title_case

#: Titles and ranks before a name that the English tokenizer of spaCy 3.8 splits from their full stop ("Lt" and
#: "."); the ones it keeps whole ("Gen.", "Adm.", "Gov.", "Sen.", "Rep.", "Rev.", "Prof.", "St.", "Dr.") are not
#: repeated here.
TITLE_ABBREVIATIONS = ("Lt.", "Col.", "Sgt.", "Capt.", "Maj.", "Cmdr.", "Brig.", "Pvt.", "Cpl.", "Supt.", "Insp.",
                       "Det.", "Msgr.")

#: Legal forms of company names that the tokenizer keeps one word with their full stop.
COMPANY_FORMS = frozenset({"Corp.", "Inc.", "Co.", "Ltd.", "Bros."})

#: Penn Treebank tags of the words that open a clause and are no part of a name when capitalised after a legal
#: form: determiners, pronouns, "there", question words, conjunctions, adverbs, and plural common nouns (a
#: company's "officials" or "shares" are written in lower case within a sentence).
_CLAUSE_OPENERS = frozenset({"DT", "PDT", "PRP", "PRP$", "EX", "WDT", "WP", "WP$", "WRB", "CC", "RB", "RBR", "RBS",
                             "NNS"})


def keep_titles_whole(nlp: Language) -> None:
    """Make each of ``TITLE_ABBREVIATIONS`` one word with its full stop in ``nlp``'s tokenizer (spaCy's).

    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> keep_titles_whole(nlp)
    >>> [t.text for t in nlp("Lt. Gen. Jane Doe met Sgt. Roe.")]
    ['Lt.', 'Gen.', 'Jane', 'Doe', 'met', 'Sgt.', 'Roe', '.']
    """
    add_special_case = getattr(nlp.tokenizer, "add_special_case", None)
    if add_special_case is not None:  # a pipeline with a tokenizer of its own making is left as it is
        for title in TITLE_ABBREVIATIONS:
            add_special_case(title, [{ORTH: title}])


def mark_company_ends(doc: Doc) -> Doc:
    """Mark the word after a company's legal form as a sentence start when it opens a clause (module notes); needs
    the tagger's tags, and runs before the parser. Returns ``doc``.

    >>> from spacy.lang.en import English
    >>> doc = English()("It hired Acme Corp. The company said so.")
    >>> for token, tag in zip(doc, "PRP VBD NNP NNP DT NN VBD RB .".split()):
    ...     token.tag_ = tag
    >>> [t.text for t in mark_company_ends(doc) if t.is_sent_start]
    ['It', 'The']
    """
    for token in doc[:-1]:
        if token.text not in COMPANY_FORMS:
            continue
        following = doc[token.i + 1]
        if following.is_space and token.i + 2 < len(doc):
            following = doc[token.i + 2]
        if following.tag_ in _CLAUSE_OPENERS and following.text.istitle() and following.is_sent_start is None \
                and not title_case(doc.text[slice(*line_span(doc.text, token.idx))].split()):
            following.is_sent_start = True
    return doc
