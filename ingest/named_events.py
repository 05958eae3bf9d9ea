"""Named events: the names of occasions ("will host the Oscars"), and the kind nouns said of a named event ("the
Watergate scandal", "the Academy Awards ceremony", and "the ceremony" in an article about one occasion).

Used by ``newsgraph.ingest.events``: ``named_occasions`` before its triggers are found, ``named_kinds`` after, on
all of an article's event mentions at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.attrs import DEP, ENT_TYPE, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsgraph.ingest.columns import columns, head_indices
from newsgraph.ingest.lexicon import event_class
from newsgraph.ingest.names import titled_key
from newsgraph.model import EventMention

#: Verbs whose object is an occasion: what is hosted or emceed is an event ("host the Oscars", "stage the
#: Games"), whatever the model calls its name.
OCCASION_VERBS = frozenset({"host", "co-host", "cohost", "emcee", "stage"})
#: Name labels that are never an occasion's name (a country hosting a leader, "hosted Putin").
_NOT_OCCASION_LABELS = frozenset({"PERSON", "GPE", "NORP", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY",
                                  "PERCENT", "QUANTITY"})


_PROPN, _DOBJ = get_string_id("PROPN"), get_string_id("dobj")
#: Nouns that say only what kind of happening a named one is: "the Watergate scandal" is Watergate, "the Academy
#: Awards ceremony" the Academy Awards, "the Oscars telecast" the Oscars.
KIND_NOUNS = frozenset({"affair", "broadcast", "ceremony", "controversy", "crisis", "gala", "saga", "scandal",
                        "show", "telecast"})
#: The kind nouns of staged occasions: said bare ("the ceremony") in an article that hosts one, they are it; "the
#: crisis" or "the scandal" seldom is an occasion hosted beside it.
STAGED_KINDS = frozenset({"broadcast", "ceremony", "gala", "show", "telecast"})


def named_kind(token: Token, named: Mapping[int, str]) -> str | None:
    """The name key of the named event a kind noun (``KIND_NOUNS``) is said of, when one of those names (token
    index → key of the named events found in the article) modifies it; else None. A noun of any other kind keeps
    its own event: "the Boston Marathon bombing" is a bombing, not the marathon.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["the", "Watergate", "scandal", "and", "the", "Watergate", "bombing"],
    ...           lemmas=["the", "Watergate", "scandal", "and", "the", "Watergate", "bombing"],
    ...           heads=[2, 2, 2, 2, 6, 6, 2], deps=["det", "compound", "ROOT", "cc", "det", "compound", "conj"])
    >>> named_kind(doc[2], {1: "watergate", 5: "watergate"}), named_kind(doc[6], {1: "watergate", 5: "watergate"})
    ('watergate', None)
    """
    if token.lemma_.lower() not in KIND_NOUNS:
        return None
    return next((named[c.i] for c in token.children if c.dep_ == "compound" and c.i in named), None)


def named_kinds(found: list[EventMention], by_token: Mapping[int, int], table: list[Token], pos_col: list[int],
                ent_col: list[int], occasions: Mapping[int, str]) -> None:
    """A kind noun's mention ("scandal", "ceremony") takes the event of the name that modifies it ("the Watergate
    scandal": a mention of Watergate; ``named_kind``), or, said bare (``bare_kind``: "the ceremony", "the
    show"), the event of the one occasion its article names (``occasions``, token index → name key: the names
    hosted in it): "DeGeneres will host the Oscars … the ceremony airs on ABC". In an article naming two occasions
    or none, a bare kind noun keeps its own event; so it does beside a name the model labels an event, which is no
    guide ("the telecast" of the Oscars beside "the Super Bowl"). In place."""
    named = {i: found[k].lemma for i, k in by_token.items()
             if pos_col[i] == _PROPN and ent_col[i] != 0 and found[k].kind == "nominal"}
    if not named and not occasions:
        return
    hosted = set(occasions.values())
    only = next(iter(hosted)) if len(hosted) == 1 else None
    for i, k in by_token.items():
        if found[k].kind != "nominal" or i in named:
            continue
        key = named_kind(table[i], named) if named else None
        if key is None and only is not None and bare_kind(table[i]):
            key = only
        if key is not None:
            found[k] = replace(found[k], lemma=key, event_class=event_class(key))


_NOT_OCCASION_LABEL_IDS = frozenset(get_string_id(label) for label in _NOT_OCCASION_LABELS)


def named_occasions(doc: Doc) -> dict[int, str]:
    """Token index → name key of every name of an occasion in ``doc``: a name is one where it is the object of a
    verb in ``OCCASION_VERBS`` ("will host the Oscars", "hosted the Academy Awards") and is not a person's or a
    place's; then each mention of that name in the article is one ("the host of the Oscars"). A name is a run of
    proper nouns; its mention's token is the run's last; its key is ``titled_key`` of the run's text.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["She", "will", "host", "the", "Academy", "Awards", "of", "Academy", "Awards"],
    ...           pos=["PRON", "AUX", "VERB", "DET", "PROPN", "PROPN", "ADP", "PROPN", "PROPN"],
    ...           lemmas=["she", "will", "host", "the", "Academy", "Awards", "of", "Academy", "Awards"],
    ...           heads=[2, 2, 2, 5, 5, 2, 5, 8, 6], deps=["nsubj", "aux", "ROOT", "det", "compound", "dobj", "prep",
    ...                                                    "compound", "pobj"])
    >>> named_occasions(doc)
    {5: 'academy awards', 8: 'academy awards'}
    """
    runs: list[tuple[int, int, bool]] = []  # (first token, last token, hosted) of each run of proper nouns
    pos_col, dep_col, ent_col = columns(doc, [POS, DEP, ENT_TYPE])
    heads = head_indices(doc)
    i = 0
    while i < len(doc):
        if pos_col[i] != _PROPN:
            i += 1
            continue
        start = i
        while i + 1 < len(doc) and pos_col[i + 1] == _PROPN and (heads[i] == i + 1 or heads[i + 1] == i):
            i += 1
        hosted = (dep_col[i] == _DOBJ and doc[heads[i]].lemma_.lower() in OCCASION_VERBS
                  and ent_col[i] not in _NOT_OCCASION_LABEL_IDS)
        runs.append((start, i, hosted))
        i += 1
    if not any(hosted for _, _, hosted in runs):
        return {}  # no name is an occasion's: no key is needed
    for n, (start, i, hosted) in enumerate(runs):
        while start < i and doc[start].lower_ in OCCASION_VERBS:  # a headline's verb read as a name: "To Host Oscars"
            start += 1
        runs[n] = (start, i, hosted)
    keyed = [(i, titled_key("".join(doc[j].text_with_ws for j in range(start, i)) + doc[i].text), hosted)
             for start, i, hosted in runs]
    occasions = {key for _, key, hosted in keyed if key and hosted}
    return {i: key for i, key, _ in keyed if key and key in occasions}


#: What names or narrows a kind noun: "her talk show", "Obama's inauguration ceremony", "the show of support".
_NAMING_DEPS = frozenset({"compound", "poss", "nmod", "appos"})


def bare_kind(token: Token) -> bool:
    """Whether ``token`` is the kind noun of a staged occasion (``STAGED_KINDS``) said with "the" and nothing that
    names or narrows it ("the ceremony", "the televised show"; not "a show", "the talk show", "the show of support").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["the", "ceremony", "and", "the", "talk", "show", "and", "the", "show", "of", "force"],
    ...           lemmas=["the", "ceremony", "and", "the", "talk", "show", "and", "the", "show", "of", "force"],
    ...           heads=[1, 1, 1, 5, 5, 1, 1, 8, 1, 8, 9],
    ...           deps=["det", "ROOT", "cc", "det", "compound", "conj", "cc", "det", "conj", "prep", "pobj"])
    >>> bare_kind(doc[1]), bare_kind(doc[5]), bare_kind(doc[8])
    (True, False, False)
    """
    if token.lemma_.lower() not in STAGED_KINDS:
        return False
    children = list(token.children)
    return (any(c.dep_ == "det" and c.text.lower() == "the" for c in children)
            and not any(c.dep_ in _NAMING_DEPS or c.dep_ == "prep" and c.text.lower() == "of" for c in children))
