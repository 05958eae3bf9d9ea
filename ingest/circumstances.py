"""Circumstantial phrases of a clause — time, place, channel, occasion — read as attributes, not as objects.

"The Kremlin said in a statement on Tuesday", "Putin reiterated his concerns during the call", "fears were raised
in Kyiv": the prepositional phrases say when, where and through what something was said or done; they are not
what it was done to. ``circumstances(token)`` reads them off a verb (or an event noun) as a ``Circumstances``
record, and ``is_circumstantial(prep)`` tells the triple extractor which prepositional phrases are such
attributes and must not become relation objects.

A phrase is classified by its preposition and its object, in this order:

* **time** (``when``): an object the model labels DATE or TIME, or a time word (``TIME_WORDS``: "Tuesday",
  "March", "yesterday", "week"), after a time preposition (``TIME_PREPOSITIONS``); a determined moment after one
  or after "for" ("for the moment", "for the first time", "at the same time"; ``MOMENT_WORDS``); a period of
  office with its holder or rank ("in his first term", "during her presidency"; ``OFFICE_PERIODS``); also a bare
  noun-phrase adverbial ("last week", "Tuesday") or a time adverb ("yesterday"). Resolved with
  ``newsgraph.ingest.dates.resolve_when`` against the article's publication date (or its section's day heading:
  ``newsgraph.ingest.day_headings``), ahead of it in a clause of
  what is to happen ("will meet", "is due to appear", "plans to vote"; ``newsgraph.ingest.tenses``) and not after
  it in one of what happened; the phrase is kept as written.
* **channel** (``via``): the medium or message something was said through — "in a statement", "in an
  interview", "during the call", "at a press conference" (``MESSAGE_NOUNS``), "on Truth Social", "on television"
  (``MEDIA_NOUNS``, ``PLATFORMS``), "by phone", "over the phone", "through a spokesman".
* **occasion** (``occasion``): a happening the clause is placed against — "after the phone call", "during talks",
  "ahead of the summit", "at the summit", "in the meeting" (``OCCASION_NOUNS`` after "at"/"in"), "on the
  sidelines of the summit". Kept as its own attribute, with its preposition: "after" and "before" say how it
  relates in time, which neither a date nor a channel can hold.
* **place** (``where``): an object the model labels GPE, LOC or FAC, or a place noun (``PLACE_NOUNS``:
  "battlefield", "border", "capital"), after a place preposition (``PLACE_PREPOSITIONS``: in, at, near, ...;
  not "to"/"from"/"into", which name a goal or an origin the verb takes as an argument); after "on" only a
  LOC/FAC or a place noun ("on the battlefield"), as "on" + a country is rarely a location. An organisation
  ("at the White House" tagged ORG) is not a place: "aimed at NATO" would read as one.

A preposition the verb selects ("invest in", "look at", "rely on", "appear before"; ``SELECTED_PREPOSITIONS``)
heads an argument, never a circumstance, except for a date ("agreed on Tuesday"); so does the place phrase of a
verb of location ("is in Sydney", "lives in Queens"; ``LOCATIVE_VERBS``), which is what the clause says. The word
lists are general English, not drawn from any corpus; one phrase per kind is kept, the first in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from spacy.tokens import Token

from newsgraph.ingest.columns import doc_table
from newsgraph.ingest.dates import MONTHS, WEEKDAYS, resolve_when
from newsgraph.ingest.day_headings import section_day
from newsgraph.ingest.tenses import is_future, is_past
from newsgraph.model import Circumstances

TIME_ENTS = frozenset({"DATE", "TIME"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since", "until", "till", "by", "before", "after",
                               "from", "throughout", "within", "over", "around", "following"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "within", "across", "throughout",
                                "around"})
CHANNEL_PREPOSITIONS = frozenset({"in", "on", "during", "at", "by", "via", "through", "over"})
OCCASION_PREPOSITIONS = frozenset({"during", "after", "before", "following", "amid", "amidst", "throughout",
                                   "since", "until", "till"})
#: Nouns that name a time; weekdays and months count only when capitalised ("in March", not "in a march").
TIME_WORDS = frozenset({"today", "yesterday", "tomorrow", "tonight", "weekend", "morning", "afternoon", "evening",
                        "night", "overnight", "week", "month", "year", "decade", "century", "hour", "minute",
                        "spring", "summer", "autumn", "winter", "midnight", "noon", "dawn", "dusk"})
_CAPITALISED_TIME_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)
#: Nouns of an occasion in time that name no date: with a determiner after a time preposition or "for" they say
#: when, never what ("refused for the moment to accept", "agreed for the first time", "at the same time").
MOMENT_WORDS = frozenset({"moment", "time", "times"})
#: Periods of office, a time when their holder or their rank is given ("in his first term", "during her
#: presidency", "in the previous mandate").
OFFICE_PERIODS = frozenset({"term", "mandate", "presidency", "tenure", "reign", "premiership", "chairmanship",
                            "incumbency", "stint", "governorship", "papacy"})
_RANKS = frozenset({"first", "second", "third", "fourth", "last", "previous", "current", "next", "final", "latest",
                    "early", "earlier", "later"})
#: Adverbs that name a time on their own.
TIME_ADVERBS = frozenset({"today", "yesterday", "tomorrow", "tonight"})
#: Messages and exchanges something is said in ("in a statement", "during the call").
MESSAGE_NOUNS = frozenset("""statement interview tweet post posting letter speech address remarks message email
    e-mail note memo report declaration announcement communique communiqué readout op-ed article column editorial
    essay video broadcast podcast briefing call conversation phone telephone phonecall teleconference videoconference
    videocall livestream filing release testimony documentary conference appearance""".split())
#: Media something is said on ("on television", "on his platform", "by phone").
MEDIA_NOUNS = frozenset("""platform television tv radio air airwaves phone telephone website account
    channel page feed network media programme program show podcast livestream camera blog newspaper
    videolink link mail fax""".split())
#: Widely used platforms and services, as named in news ("posted on Telegram").
PLATFORMS = frozenset(s.lower() for s in ("Twitter", "X", "Facebook", "Instagram", "Telegram", "YouTube", "TikTok",
                                          "Truth Social", "Weibo", "WeChat", "WhatsApp", "Signal", "LinkedIn",
                                          "Threads", "Bluesky", "Reddit", "Snapchat", "VKontakte", "VK", "Zoom",
                                          "Skype", "Substack", "Rumble", "Gab", "Parler", "Mastodon"))
#: People a statement passes through ("said through a spokesman").
INTERMEDIARIES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "lawyer", "attorney",
                            "aide", "intermediary", "mediator", "envoy"})
#: Gatherings something happens at ("at the summit").
OCCASION_NOUNS = frozenset("""summit meeting conference rally ceremony funeral hearing session talks event gathering
    forum convention celebration festival concert match game dinner lunch breakfast reception parade wedding
    vigil memorial trial assembly debate inauguration launch opening premiere tournament awards meetings protest
    march demonstration visit""".split())
#: Nouns that name a place without being a named place ("on the battlefield", "at the border").
PLACE_NOUNS = frozenset("""battlefield battleground frontline front border scene city town village capital country
    region area province street streets square airport port base embassy headquarters hospital prison camp
    compound neighbourhood neighborhood district""".split())
#: Prepositions that verbs select for an argument: never a circumstance (a date still is).
SELECTED_PREPOSITIONS = {
    "in": frozenset("""believe invest participate engage result interfere intervene meddle involve succeed persist
        specialise specialize indulge confide enrol enroll enlist""".split()),
    "at": frozenset("""look aim point target laugh hint stare glance fire shoot strike swipe lash jab rail marvel
        gaze scoff sneer wink nod""".split()),
    "on": frozenset("""depend rely focus comment insist concentrate count impose vote decide work reflect act dwell
        embark capitalise capitalize hinge center centre build report weigh elaborate touch expand remark
        speculate agree sign crack clamp rule""".split()),
    "after": frozenset({"look", "name", "go", "come", "chase", "run", "seek", "take", "ask", "inquire", "enquire"}),
    "before": frozenset({"appear", "testify", "come", "stand", "bring", "bow", "kneel", "go", "put", "lay"}),
    "over": frozenset({"preside", "rule", "fight", "argue", "clash", "worry", "fret", "win", "take"}),
    "through": frozenset({"go", "get", "pass", "see", "break", "carry", "come", "push", "follow"}),
    "by": frozenset({"stand", "abide", "go", "live"}),
    "during": frozenset(),
}
#: Verbs whose place phrase is what they say, not a circumstance ("he is in Sydney", "she lives in Queens").
LOCATIVE_VERBS = frozenset("""be live reside stay remain settle base locate situate headquarter dwell hide
    station""".split())
_DETERMINERS = frozenset({"det", "poss", "case", "predet"})
#: Prepositions that place a clause before or after a time or a happening, not at it: "Before 1997" and "after
#: nearly a quarter-century" are occasions (with the preposition), never ``when``.
_RELATIVE = frozenset({"before", "after", "since", "until", "till", "by", "following"})


def circumstances(token: Token, published: str = "") -> Circumstances:
    """The time, place, channel and occasion phrases attached to ``token`` (a verb, or an event noun).

    Args:
        token: the head whose dependents are read.
        published: the article's publication date in ISO 8601, to resolve relative times ("on Tuesday").

    Returns:
        The first phrase of each kind, normalised and as written; an empty ``Circumstances`` when there is none.
    """
    memo = doc_table(token.doc).memo("circumstances")  # the triples and the event quantities read one verb each
    key = (token.i, published)
    if key not in memo:
        memo[key] = _circumstances(token, published)
    return cast(Circumstances, memo[key])


def _circumstances(token: Token, published: str) -> Circumstances:
    found: dict[str, tuple[str, str]] = {}
    phrases = [(child, *phrase) for child in token.children for phrase in _phrases(child)]
    for n, (child, kind, value, text) in enumerate(phrases):
        before, before_kind, _, before_text = phrases[n - 1] if n else (child, "", "", "")
        if kind == "when" and before_kind == "occasion" and before.lower_ in _RELATIVE | {"ahead", "prior"} \
                and child.i == before.right_edge.i + 1:  # "before his re-arrest on Tuesday": the re-arrest's time
            if found.get("occasion", ("", ""))[1] == before_text:
                found["occasion"] = ("", token.doc.text[before.idx:child.idx + len(text)])
            continue
        found.setdefault(kind, (value, text))
    for child in token.children:  # "was well equipped at the time": the predicate adjective's phrases, after
        if child.dep_ == "acomp":
            for grand in child.children:
                if grand.dep_ == "prep":
                    for kind, value, text in _phrases(grand):
                        found.setdefault(kind, (value, text))
    if "where" not in found:
        found.update(_object_place(token))
    when, when_text = found.get("when", ("", ""))
    if when_text:
        when = resolve_when(when, section_day(token, published), future=is_future(token), past=is_past(token))
    where, where_text = found.get("where", ("", ""))
    via, via_text = found.get("via", ("", ""))
    return Circumstances(when=when, when_text=when_text, where=where, where_text=where_text, via=via,
                         via_text=via_text, occasion=found.get("occasion", ("", ""))[1])


def _object_place(verb: Token) -> dict[str, tuple[str, str]]:
    """``{"where": (value, text)}`` for a place phrase the parser hung on the verb's direct object rather than on
    the verb ("met Trump in Helsinki", "signed the agreement in Paris", "killed 12 people in Iran": the small
    model attaches most of them so); ``{}`` when there is none, or when the verb selects that preposition ("invest
    money in Ukraine") or is a verb of location, whose place is what the clause says.

    A place phrase under the object is where the object is; for a verb done to it there, that is where the
    happening was too."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in {"VERB", "AUX"} or lemma in LOCATIVE_VERBS:
        return {}
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        for prep in child.children:
            if prep.dep_ != "prep" or lemma in SELECTED_PREPOSITIONS.get(prep.lower_, ()):
                continue
            found = _classify(prep)
            if found is not None and found[0] == "where":
                return {"where": (found[1], found[2])}
    return {}


def is_circumstantial(prep: Token, obj: Token | None = None) -> bool:
    """True when the prepositional phrase headed by ``prep`` is a time, place, channel or occasion phrase; with
    ``obj``, as if that were its object (the noun a relative pronoun stands for: "the city in which …")."""
    return _kind(prep, obj) is not None


def combine(*found: Circumstances) -> Circumstances:
    """One record from several (a verb chain's): the first non-empty phrase of each kind.

    >>> combine(Circumstances(via="call", via_text="during the call"), Circumstances(when="2025", when_text="in 2025",
    ...         via="statement", via_text="in a statement")).via
    'call'
    """
    out: dict[str, str] = {}
    for record in found:
        for value, text, names in ((record.when, record.when_text, ("when", "when_text")),
                                   (record.where, record.where_text, ("where", "where_text")),
                                   (record.via, record.via_text, ("via", "via_text")),
                                   ("", record.occasion, ("", "occasion"))):
            if text and not out.get(names[1]):
                out[names[1]] = text
                if names[0]:
                    out[names[0]] = value
    return Circumstances(**out)


# --- classification ----------------------------------------------------------------------------------------------
def _phrases(child: Token) -> Iterator[tuple[str, str, str]]:
    """(kind, value, text as written) for a dependent that is a circumstantial phrase."""
    if child.dep_ in {"prep", "agent"}:
        found = _classify(child)
        if found is not None:
            yield found
    elif child.dep_ in {"npadvmod", "tmod", "obl"} and _is_time(child):
        text = _time_text(child, child)
        yield "when", text, text
    elif child.dep_ == "advmod" and child.lower_ in TIME_ADVERBS:
        yield "when", child.text, child.text
    elif child.dep_ == "advmod" and child.lower_ in {"ahead", "prior"}:  # "ahead of the summit", "prior to"
        for prep in child.children:
            obj = _object(prep) if prep.dep_ == "prep" else None
            if obj is not None and _eventive(obj):
                yield "occasion", "", _text(child, obj)


def _classify(prep: Token) -> tuple[str, str, str] | None:
    """(kind, value, text) of the phrase ``prep`` heads, or None when it is not circumstantial."""
    found = _kind(prep)
    if found is None:
        return None
    kind, obj = found
    if kind == "when" and prep.lower_ in _RELATIVE:  # "Before 1997, he had served": placed against the time
        return "occasion", "", _time_text(prep, obj)
    if kind == "when":
        return kind, _time_text(obj, obj), _time_text(prep, obj)
    value = _channel_name(obj) if kind == "via" else _name(obj) if kind == "where" else ""
    return kind, value, _text(prep, obj)


def _kind(prep: Token, obj: Token | None = None) -> tuple[str, Token] | None:
    """(kind, object) of the phrase ``prep`` heads (with ``obj`` for its object when given), or None: the
    classification alone, no text built."""
    word = prep.lower_
    obj = _object(prep) if obj is None else obj
    if obj is None:
        return None
    if word in TIME_PREPOSITIONS and (_is_time(obj) or _office_period(obj)) \
            or (word in TIME_PREPOSITIONS or word == "for") and _moment(obj):
        return "when", obj
    head = prep.head
    if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in SELECTED_PREPOSITIONS.get(word, ()):
        return None
    lemma = obj.lemma_.lower()
    if word in CHANNEL_PREPOSITIONS and _is_channel(word, obj, lemma):
        return "via", obj
    if word == "on" and lemma in {"sideline", "sidelines", "margin", "margins"}:
        return "occasion", obj  # "on the sidelines of the summit"
    if word in OCCASION_PREPOSITIONS and _eventive(obj) \
            or word in {"at", "in"} and obj.pos_ == "NOUN" and lemma in OCCASION_NOUNS:
        return "occasion", obj
    if head.lemma_.lower() in LOCATIVE_VERBS:
        return None
    place_noun = obj.pos_ == "NOUN" and lemma in PLACE_NOUNS
    if word in PLACE_PREPOSITIONS and (obj.ent_type_ in PLACE_ENTS or place_noun) \
            or word == "on" and (obj.ent_type_ in {"LOC", "FAC"} or place_noun):  # "on Crimea" is rarely a place
        return "where", obj
    return None


_PASSED_THROUGH = MESSAGE_NOUNS | MEDIA_NOUNS | INTERMEDIARIES
_BY = frozenset({"phone", "telephone", "video", "videolink", "letter", "email", "e-mail", "mail", "fax", "text",
                 "message", "link"})


def _is_channel(word: str, obj: Token, lemma: str) -> bool:
    """True when ``obj`` names a channel after the channel preposition ``word``."""
    platform = obj.pos_ == "PROPN" and (obj.lower_ in PLATFORMS or _name(obj).lower() in PLATFORMS)
    if word in {"via", "through"}:
        return lemma in _PASSED_THROUGH or platform
    if lemma == "account" and not any(c.dep_ in _DETERMINERS for c in obj.lefts):
        return False  # "on account of"
    if word in {"on", "over"}:
        return lemma in MEDIA_NOUNS or platform or lemma == "call"
    if word == "by":
        return lemma in _BY
    # in, during, at: a message; "at a conference" is a gathering, "at a press conference" a channel
    return lemma in MESSAGE_NOUNS and not (word == "at" and lemma == "conference" and not _compounds(obj))


def _is_time(token: Token) -> bool:
    if token.ent_type_ in TIME_ENTS:  # a decimal the model took for a date ("at 6 . 1") is none
        return not (token.like_num and re.fullmatch(r"\d+ ?\. ?\d+", _time_text(token, token)))
    lower = token.lower_
    return lower in TIME_WORDS and token.pos_ in {"NOUN", "PROPN", "ADV"} \
        or lower in _CAPITALISED_TIME_WORDS and token.text[:1].isupper()


def _moment(token: Token) -> bool:
    """A determined moment or time ("the moment", "the first time", "that time"), not "more time" (an amount)."""
    return token.pos_ == "NOUN" and token.lower_ in MOMENT_WORDS and any(
        c.dep_ == "det" and c.lower_ in {"the", "a", "an", "this", "that", "each", "every"} for c in token.lefts)


def _office_period(token: Token) -> bool:
    """A period of office told by its holder or its rank ("his first term", "her presidency", "the previous
    mandate"), not a term or mandate of anything else ("the terms of the deal", "a UN mandate")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in OFFICE_PERIODS and any(
        c.dep_ == "poss" or c.lower_ in _RANKS for c in token.lefts)


def _eventive(token: Token) -> bool:
    """A common noun or a named event: what "after"/"during"/"ahead of" can place a clause against."""
    return token.ent_type_ == "EVENT" or token.pos_ == "NOUN" and not token.ent_type_ and token.tag_ != "PRP"


# --- text --------------------------------------------------------------------------------------------------------
def _object(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            return child
    return None


def _text(first: Token, obj: Token) -> str:
    """The words from ``first`` to the end of ``obj``'s phrase, as written, up to a comma ("during the call with
    Trump, which lasted two hours" → "during the call with Trump")."""
    return obj.doc[min(first.i, obj.left_edge.i):_end(obj) + 1].text.strip()


def _time_text(first: Token, obj: Token) -> str:
    """Like ``_text``, but a date or time the model labelled ends with its entity ("on Monday of nine alleged
    violations" → "on Monday"; "on Tuesday evening", two entities, stays whole)."""
    if obj.ent_type_ not in TIME_ENTS:
        return _text(first, obj)
    doc, start, end = obj.doc, obj.i, obj.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[min(first.i, start, obj.left_edge.i):end + 1].text.strip()


def _end(obj: Token) -> int:
    """The last token of ``obj``'s phrase, up to the first comma after its head and without end punctuation."""
    doc = obj.doc
    end = obj.right_edge.i
    for i in range(obj.i + 1, end + 1):
        if doc[i].text in {",", ";", "(", "—", "–"}:
            end = i - 1
            break
    while end > obj.i and doc[end].is_punct:
        end -= 1
    return end


def _name(obj: Token) -> str:
    """``obj``'s phrase without its leading determiner or possessive ("the White House" → "White House")."""
    doc, start = obj.doc, obj.left_edge.i
    while start < obj.i and (doc[start].dep_ in {"det", "predet"} or doc[start].dep_ == "poss"
                             and doc[start].pos_ in {"PRON", "DET"}):
        start += 1
    return doc[start:_end(obj) + 1].text.strip()


def _compounds(obj: Token) -> list[Token]:
    """The words of ``obj``'s compound modifiers, nested ones included ("Truth Social platform" → Truth, Social)."""
    found: list[Token] = []
    for child in obj.lefts:
        if child.dep_ == "compound":
            found.extend(_compounds(child))
            found.append(child)
    return sorted((t for t in found if t.text[:1].isalpha() and t.ent_type_ not in TIME_ENTS), key=lambda t: t.i)


def _channel_name(obj: Token) -> str:
    """The channel as a short name: proper names as written, common nouns in lower case, the head as its lemma
    ("his Truth Social platform" → "Truth Social platform", "a two-hour telephone call" → "telephone call").

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["by", "video", "links"], heads=[0, 2, 0], deps=["ROOT", "compound", "pobj"],
    ...           pos=["ADP", "NOUN", "NOUN"], lemmas=["by", "video", "link"])
    >>> _channel_name(doc[2])
    'video link'
    """
    words = [c.text if c.pos_ == "PROPN" else c.text.lower() for c in _compounds(obj)]
    words.append(obj.text if obj.pos_ == "PROPN" else obj.lemma_.lower())
    return " ".join(words)
