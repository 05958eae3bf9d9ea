"""Frozen records that flow between the stages: articles, mentions, triples, entities.

Offsets are character offsets into ``Article.text`` exactly as read from the file (``end`` exclusive).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields

from newsgraph.errors import BadArticle

#: Entity types newsgraph uses, each also a node label in the store. A named event ("World War II", "the
#: Oscars") is an entity of type ``NamedEvent``; ``Event`` is the label of the happenings merged from event mentions.
ENTITY_TYPES = ("Person", "Organization", "Place", "Group", "NamedEvent", "Work", "Law", "Product", "Other")


def sha256_text(text: str) -> str:
    """Return the hex sha256 of ``text`` encoded as UTF-8.

    >>> sha256_text("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: The one-line metadata fields of an article, which may hold no control character at all.
METADATA_FIELDS = ("id", "title", "outlet", "url", "published", "author")


def value_problem(value: str, *, one_line: bool = False) -> str | None:
    r"""Why ``value`` cannot be stored as it is, or None if it can.

    Nothing can hold a NUL character (FalkorDB strings end at one) or a lone surrogate (it has no UTF-8 form).
    A ``one_line`` value (an id, a title, an outlet) may hold no control character either: no newline, no tab, no
    terminal escape. Other control characters in an article's text are kept as they are.

    >>> value_problem("Vladimir Putin") is None, value_problem("a\tb") is None
    (True, True)
    >>> value_problem("ab\x00c")
    'a NUL character at position 2'
    >>> value_problem("ab\ud800")
    'a lone surrogate U+D800 at position 2'
    >>> value_problem("a\x1b[31m", one_line=True)
    'a control character U+001B at position 1'
    """
    found = (_CONTROL if one_line else _UNSTORABLE).search(value)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        what = "a NUL character"
    elif "\ud800" <= char <= "\udfff":
        what = f"a lone surrogate U+{ord(char):04X}"
    else:
        what = f"a control character U+{ord(char):04X}"
    return f"{what} at position {found.start()}"


#: The longest article id, in UTF-8 bytes: a source id is a key of the store's index (FalkorDB's leaves a node
#: whose indexed string is over 4 KB out of it, and the ledger then never finds the source), and an id is a name.
MAX_ID_BYTES = 1024


def article_problem(text: str, metadata: dict[str, str]) -> str | None:
    r"""Why an article with this text and these metadata fields cannot be stored, or None if it can.

    >>> article_problem("Putin spoke.", {"id": "a1", "title": "Talks"}) is None
    True
    >>> article_problem("Putin\x00 spoke.", {"id": "a1"})
    "the article's text holds a NUL character at position 5; newsgraph cannot store it"
    >>> article_problem("Putin spoke.", {"id": "a\nb"})
    "the article's id holds a control character U+000A at position 1"
    >>> article_problem("Putin spoke.", {"id": "x" * 2000})
    "the article's id is 2,000 bytes long, over the 1,024-byte limit for an id"
    >>> article_problem("Putin spoke.", {"id": "a1 "}).split(";")[0]
    "the article's id 'a1 ' ends with a space, which the store's index does not find"
    """
    article_id = metadata.get("id", "")
    size = len(article_id.encode("utf-8", "surrogatepass"))
    if size > MAX_ID_BYTES:
        return f"the article's id is {size:,} bytes long, over the {MAX_ID_BYTES:,}-byte limit for an id"
    # FalkorDB's index trims spaces: a lookup of " a1" finds nothing, so such a source would never be found
    # complete, and each run would store it once more.
    for end, word in ((article_id[:1], "starts"), (article_id[-1:], "ends")):
        if end == " ":
            return (f"the article's id {article_id!r} {word} with a space, which the store's index does not find; "
                    "give it another id (a file's id is its name)")
    for name, value in metadata.items():
        problem = value_problem(value, one_line=True)
        if problem:
            return f"the article's {name} holds {problem}"
    problem = value_problem(text)
    return f"the article's text holds {problem}; newsgraph cannot store it" if problem else None


@dataclass(frozen=True)
class Article:
    """One news article as read from disk.

    ``published`` is the publication date in ISO 8601 (``newsgraph.ingest.dates.parse_published``; ``""`` when
    unknown or unreadable), ``published_raw`` the date as the input wrote it.

    Raises:
        BadArticle: the text holds a NUL character or a lone surrogate, or a metadata field a control character
            (see ``value_problem``); nothing of such an article can be stored.
    """

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    published_raw: str = ""
    path: str = ""
    sha256: str = ""
    author: str = ""

    def __post_init__(self) -> None:
        problem = article_problem(self.text, {name: getattr(self, name) for name in METADATA_FIELDS})
        if problem:
            raise BadArticle(f"{self.path or self.id}: {problem}")
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_text(self.text))


@dataclass(frozen=True)
class Mention:
    """One mention of an entity inside an article.

    ``kind`` says how it was found: ``name`` (a named-entity span), ``title`` ("Mr. Putin"), ``description``
    ("the Russian leader"), ``pronoun`` ("he") or ``demonym`` ("Russian" standing for Russia).
    ``local_id`` groups the mentions of one entity inside the article.
    """

    source: str
    start: int
    end: int
    text: str
    label: str
    kind: str
    local_id: int


@dataclass(frozen=True)
class LocalEntity:
    """An entity as seen inside one article: its best name, its type votes and its mentions' spans.

    ``roles`` are the roles the article itself gives the entity, as (country, role, evidence sentence) (country
    "" for a role title with no country: "President George W. Bush"). ``role`` is set, as (country, role), on a
    role description the article does not settle ("the Russian leader" in an article that names no Russian
    leader): cross-article resolution links it to a holder or leaves it out."""

    source: str
    local_id: int
    name: str
    type: str
    names: tuple[str, ...]
    type_votes: tuple[tuple[str, float], ...] = ()
    mention_count: int = 0
    descriptions: tuple[str, ...] = ()
    roles: tuple[tuple[str, str, str], ...] = ()
    role: tuple[str, ...] = ()


@dataclass(frozen=True)
class Arg:
    """A triple argument: its surface span, and either the local entity it refers to or a concept name."""

    text: str
    start: int
    end: int
    local_id: int | None = None
    concept: str = ""

    @property
    def is_entity(self) -> bool:
        return self.local_id is not None


@dataclass(frozen=True)
class Circumstances:
    """When, where and through what a clause (or an event) happened, from its circumstantial phrases.

    Each kind has its normalised value and the phrase as written (with its preposition): ``when`` is ISO 8601
    (``2025-03-18``, ``2025-W11``, ``2025-03``, ``2025``) or ``""`` when the phrase cannot be resolved;
    ``where`` the place as named ("Kyiv"); ``via`` the channel ("statement", "phone", "Truth Social");
    ``occasion`` the happening the clause is placed against, with its preposition ("after the phone call").
    """

    when: str = ""
    when_text: str = ""
    where: str = ""
    where_text: str = ""
    via: str = ""
    via_text: str = ""
    occasion: str = ""

    def __bool__(self) -> bool:
        return any((self.when_text, self.where_text, self.via_text, self.occasion))


@dataclass(frozen=True)
class Quantity:
    """A measure of an event as the text gives it, normalised: how many, how long, when, what share, what cost.

    ``kind`` is ``count`` ("killed 12 people": value ``12``, unit ``people``), ``duration`` (ISO 8601: "a
    two-hour call" → ``PT2H``), ``date`` (ISO 8601, from the clause's time phrase: ``2025-03-18``), ``percent``
    (``3.5``, unit ``%``), ``money`` (``1200000``, unit ``USD``) or ``amount`` (``5``, unit ``km``). ``value`` is
    the normalised value as text (digits, ``.`` for decimals, no separators), ``text`` the phrase as written, and
    ``approximate`` says the text hedges it ("about 12", "more than two hours").
    """

    kind: str
    value: str
    unit: str = ""
    text: str = ""
    approximate: bool = False


#: The fields of a ``Quantity``, as evidence records and ``REPORTS`` mentions carry them.
QUANTITY_FIELDS = ("kind", "value", "unit", "text", "approximate")

#: The circumstance fields, as ``Triple`` and the evidence records carry them.
CIRCUMSTANCE_FIELDS = tuple(f.name for f in fields(Circumstances))


@dataclass(frozen=True)
class Triple:
    """One relation mention with its evidence: where it stands, and how it is qualified.

    ``when`` … ``occasion`` are the circumstances of its clause (``Circumstances``): the time, place, channel and
    occasion phrases, which are attributes of the mention, never its object.

    ``negated``, ``hedged`` and ``conditional`` qualify the clause ("did not", "may", "if upheld");
    ``attributed_to`` is who is reported as saying it (an entity), ``on_behalf_of`` whom that speaker represents
    ("her spokesman said": her), ``speaker_text`` the speaker phrase as written ("her spokesman Jack Smith").

    ``passive`` says that the predicate's event (its trigger) is in the passive and no doer is named ("was
    arrested in Texas": "be arrest in"; "is expected to be signed"): the subject is the one it happened to. A
    "be" that opens a chain is no passive of its last verb ("is expected to sign", "is due to appear", "is set to
    buy": the subject signs, appears, buys), and a passive with its doer is written active ("was sacked by Acme":
    Acme –sack→ him).
    """

    subject: Arg
    predicate: str
    object: Arg
    source: str
    sentence: str
    sentence_start: int
    sentence_end: int
    negated: bool = False
    hedged: bool = False
    attributed_to: Arg | None = None
    confidence: float = 0.5
    conditional: bool = False
    on_behalf_of: Arg | None = None
    speaker_text: str = ""
    when: str = ""
    when_text: str = ""
    where: str = ""
    where_text: str = ""
    via: str = ""
    via_text: str = ""
    occasion: str = ""
    #: The trigger of the triple's event (the last verb of its chain), as offsets into the article text.
    trigger_start: int = -1
    trigger_end: int = -1
    #: The measures of the triple's event (``newsgraph.ingest.quantities``): counts, durations, dates, ...
    quantities: tuple[Quantity, ...] = ()
    passive: bool = False


@dataclass(frozen=True)
class Participant:
    """Who or what takes part in an event mention: ``role`` is ``subject`` (the doer; the agent of a passive)
    or ``object`` (what the event is done to: a direct object, a passive subject, "the killing of X")."""

    role: str
    arg: Arg


@dataclass(frozen=True)
class EventMention:
    """One mention of a happening in an article.

    The trigger (``start``/``end``/``text``) is the verb ("fired"), the event noun ("the dismissal", "talks") or
    the event adjective ("dead"). ``lemma`` is the event's verb ("dismissal" → "dismiss") and ``event_class`` its
    synonym class ("sack" → "dismiss"), what mentions are merged by. ``kind`` is ``verbal``, ``nominal`` or
    ``speech`` (a reporting verb: "said", "announced"; its ``content`` is the trigger offset of the event it
    reports, or -1).

    ``attributed_to``, ``on_behalf_of`` and ``speaker_text`` say who is reported as telling it, as for a
    ``Triple``: a verbal trigger is the head of its clause, a nominal one takes the speaker of the clause it sits
    in. A speech act is never its own speaker's claim ("police said": not attributed to the police); it is
    attributed only when it is itself reported ("Reuters reported that police said ...").
    """

    source: str
    start: int
    end: int
    text: str
    lemma: str
    event_class: str
    kind: str
    sentence_start: int
    sentence_end: int
    participants: tuple[Participant, ...] = ()
    negated: bool = False
    hedged: bool = False
    content: int = -1
    conditional: bool = False
    #: The measures of this mention's happening ("a two-hour call" → a duration ``PT2H``), as ``Triple`` has them.
    quantities: tuple[Quantity, ...] = ()
    attributed_to: Arg | None = None
    on_behalf_of: Arg | None = None
    speaker_text: str = ""


@dataclass(frozen=True)
class ConceptMention:
    """A common-noun phrase of an article that no entity mention covers ("the actress", "a limited ceasefire").

    ``head`` is the head noun's lemma as concepts are keyed by it: lower case, American spelling, a curated
    synonym folded into its class ("truce" → "ceasefire"); ``modifiers`` are the words that tell one such thing
    from another of the same head ("first", "two", "Russian", a possessor's name), sorted. ``generic`` marks a
    head too general to be one thing across sentences ("time", "way"): such a concept is kept to its article.
    ``time`` marks a date or time ("Saturday"): a circumstance of what the sentence says, never a relation's
    argument.
    """

    source: str
    start: int
    end: int
    text: str
    head: str
    modifiers: tuple[str, ...] = ()
    generic: bool = False
    time: bool = False

    @property
    def key(self) -> str:
        """What the mentions of one concept in a story share: the distinguishing modifiers and the head.

        >>> ConceptMention("a1", 0, 15, "the first quake", "quake", ("first",)).key
        'first quake'
        """
        return " ".join((*self.modifiers, self.head))


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything ingest learned from one article."""

    article: Article
    mentions: tuple[Mention, ...]
    entities: tuple[LocalEntity, ...]
    triples: tuple[Triple, ...]
    sentence_count: int = 0
    word_count: int = 0
    events: tuple[EventMention, ...] = ()
    #: What the article is about, for grouping it into a story: (term, count) of its content lemmas and numbers.
    terms: tuple[tuple[str, int], ...] = ()
    #: The common-noun phrases no entity mention covers, each a mention of a concept of the article's story.
    concepts: tuple[ConceptMention, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A canonical entity after cross-article resolution."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Merge:
    """One resolution decision: ``alias`` (from ``source``) joined ``entity_id`` by ``rule``."""

    entity_id: str
    alias: str
    source: str
    rule: str
    detail: str = ""


@dataclass(frozen=True)
class Resolution:
    """Canonical entities, the map from (source, local_id) to entity id, and the log of every merge."""

    entities: tuple[Entity, ...]
    assignment: dict[tuple[str, int], str] = field(default_factory=dict)
    merges: tuple[Merge, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An input that was not ingested, and why (one line)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Story:
    """Articles about one real-world happening, as grouped so far.

    ``terms`` is the story's profile (the summed, weighted terms of its articles, the heaviest kept), what a new
    article is compared with; ``first``/``last`` the ISO dates of its earliest and latest dated articles.
    """

    id: str
    name: str
    terms: tuple[tuple[str, float], ...]
    size: int
    first: str = ""
    last: str = ""


@dataclass(frozen=True)
class StoryAssignment:
    """The story of each article (source id → story id) and every story that was created or grew."""

    assignment: dict[str, str]
    stories: tuple[Story, ...]


# The relation records, defined in their own module and imported from here like every other record.
from newsgraph.records import (  # noqa: E402
    Endpoint as Endpoint,
    EntityRef as EntityRef,
    Evidence as Evidence,
    Relation as Relation,
    evidence_properties as evidence_properties,
)
