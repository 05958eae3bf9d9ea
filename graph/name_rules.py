"""The name keys cross-article resolution looks a local entity up by (``newsgraph.graph.resolve``).

Beyond ``name_key`` of each of its names:

- **a word before a person's name that is no part of it**: a person noun written as a title ("Comedian Ellen
  DeGeneres", "Actor Hugh Jackman": the first sense of the word in WordNet is a person) or a headline's gerund
  ("Choosing DeGeneres", "Having Jackman": not of an organisation or a place, "Reading FC") is dropped, when a
  name of two words or more (for the person noun) or of one word (for the gerund) remains;
- **an organisation's or a place's title word** is kept beside the key without it: "General Motors" is keyed
  "general motors" as well as "motors" (``titled_key``), so its acronym ("GM") and its full name find it;
- **a name the parser read as a title and a surname** ("General Motors" taken for General Motors, a person):
  when the same article writes the acronym of the whole name in capitals as a name of its own ("GM"), the
  whole name is the key, and the entity an organisation;
- **a generational suffix and a leading initial** are no part of the name a person goes by: "Anthony LaCalamita
  III" is keyed "anthony lacalamita" (so "LaCalamita" is his surname and "Anthony LaCalamita" his name) and "W.
  Mark Felt" "mark felt"; the suffixed key is kept beside it, and a "Jr." never joins a "Sr." of the same name
  (``generation_clash``);
- **a lone word an article's own person ends in**: "Jackman" in an article that names "Hugh Jackman" and no other
  person of that surname is that person, whatever type the model gave the lone word (it tags a lone surname a
  place or an organisation in places); the article itself is the evidence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from newsgraph.ingest.name_marks import apart, distinct, marks
from newsgraph.ingest.names import (
    CANONICAL_NAMES,
    GENERATIONS,
    TITLE_WORDS,
    fold,
    name_key,
    slug,
    titled_key,
    without_generation,
)
from newsgraph.ingest.noun_classes import noun_class
from newsgraph.ingest.short_forms import acronym
from newsgraph.model import ArticleAnalysis, Entity, LocalEntity

if TYPE_CHECKING:
    from newsgraph.graph.resolve import _Cluster

_LEADING_INITIAL = re.compile(r"^[a-z]\.$")
#: How common (``wordfreq`` Zipf frequency) a word ending in "-ing" must be to be taken for a headline's verb
#: rather than a name ("Having", "Choosing", "Picking" are; "Sterling", "Irving", "Fleming" are not).
GERUND_MIN_ZIPF = 4.2


def titled_organisations(analysis: ArticleAnalysis) -> dict[int, str]:
    """Local id → the whole name of a local entity found through a title ("General Motors" read as the title
    "General" and the name "Motors") whose acronym the article writes in capitals as another entity's name ("GM").

    >>> from newsgraph.model import Article, Mention
    >>> text = "General Motors said GM would cut jobs."
    >>> analysis = ArticleAnalysis(Article("a", text), (Mention("a", 0, 14, "General Motors", "PERSON", "title", 0),
    ...                                                 Mention("a", 20, 22, "GM", "ORG", "name", 1)),
    ...     (LocalEntity("a", 0, "Motors", "Person", ("Motors",)), LocalEntity("a", 1, "GM", "Organization", ("GM",))),
    ...     ())
    >>> titled_organisations(analysis)
    {0: 'general motors'}
    """
    capitals = {name_key(n) for local in analysis.entities for n in (local.name, *local.names) if n.isupper()}
    found: dict[int, str] = {}
    for mention in analysis.mentions:
        if mention.kind == "title" and mention.local_id not in found:
            key = titled_key(mention.text)
            if len(key.split()) >= 2 and key != name_key(mention.text) and acronym(key) in capitals:
                found[mention.local_id] = key
    return found


def article_surnames(entities: Iterable[LocalEntity]) -> dict[str, str]:
    """Lone last word → the key of the one person of the article whose name of two words or more ends in it.

    >>> people = [LocalEntity("a", 0, "Hugh Jackman", "Person", ("Hugh Jackman",)),
    ...           LocalEntity("a", 1, "Sam Williams", "Person", ("Sam Williams",)),
    ...           LocalEntity("a", 2, "Esther Williams", "Person", ("Esther Williams",))]
    >>> article_surnames(people)
    {'jackman': 'hugh jackman'}
    """
    found: dict[str, set[str]] = defaultdict(set)
    for local in entities:
        if local.type != "Person" or local.role:
            continue
        for name in (local.name, *local.names):
            words = person_key(name, local.type).split()
            if len(words) >= 2:
                found[words[-1]].add(" ".join(words))
    return {last: next(iter(keys)) for last, keys in found.items() if len(keys) == 1}


def local_keys(local: LocalEntity, surnames: dict[str, str], titled: str = "") -> tuple[set[str], str, str]:
    """The keys of a local entity, its main key (the one the spelling, surname and short-name rules compare) and,
    when it is a lone word the article's own person ends in, that person's key (else ""); ``titled`` is its whole
    name when ``titled_organisations`` found one.

    >>> local = LocalEntity("a", 3, "Jackman", "Place", ("Jackman",))
    >>> keys, main, person = local_keys(local, {"jackman": "hugh jackman"})
    >>> sorted(keys), main, person
    (['hugh jackman', 'jackman'], 'hugh jackman', 'hugh jackman')
    >>> keys, main, _ = local_keys(LocalEntity("a", 4, "General Motors", "Organization", ("General Motors",)), {})
    >>> sorted(keys), main
    (['general motors', 'motors'], 'general motors')
    """
    keys = entity_keys((local.name, *local.names), local.type)
    main = person_key(local.name, local.type)
    if titled:  # "General Motors" (with "GM" in the article), not a person named Motors
        return keys | {titled}, titled, ""
    if local.type != "Person" and len(titled_key(local.name).split()) > len(main.split()):
        main = titled_key(local.name)
    person = surnames.get(main, "") if len(main.split()) == 1 else ""
    if person:
        keys.add(person)
        main = person
    return keys, main, person


def entity_keys(names: Iterable[str], kind: str) -> set[str]:
    """The keys of an entity's names: ``person_key`` of each, and for an organisation or a place (any type but
    ``Person``) ``titled_key`` of each too.

    >>> sorted(entity_keys(["General Motors", "GM"], "Organization")), entity_keys(["President Obama"], "Person")
    (['general motors', 'gm', 'motors'], {'obama'})
    """
    names = list(names)
    keys = {person_key(n, kind) for n in names}
    if kind == "Person":
        keys |= {k for k in map(name_key, names) if k.rsplit(" ", 1)[-1] in GENERATIONS and len(k.split()) >= 3}
    if kind != "Person":
        keys |= {titled_key(n) for n in names}
    return keys - {""}


def generation_clash(keys: Iterable[str], cluster_keys: set[str]) -> bool:
    """Whether a local entity's keys name a generation ("... Jr") that an entity's keys name another of ("...
    Sr"): father and son share every other word of their names.

    >>> generation_clash({"ken griffey jr", "ken griffey"}, {"ken griffey sr", "ken griffey"})
    True
    >>> generation_clash({"ken griffey jr", "ken griffey"}, {"ken griffey"}), generation_clash({"ken griffey"},
    ...                                                                                       {"ken griffey sr"})
    (False, False)
    """
    for key in keys:
        base, _, last = key.rpartition(" ")
        if base and last in GENERATIONS and any(f"{base} {other}" in cluster_keys
                                               for other in GENERATIONS - {last}):
            return True
    return False


def name_similarity(a: str, b: str) -> float:
    """Similarity of two name keys (``fuzz.ratio``) for the spelling-variant rule. 0 when ``a`` has two words or more
    and ``b`` another number of words (a longer name is no spelling variant of a shorter one), when first names
    differ, and for keys shorter than five letters; a one-word ``a`` is compared with ``b``'s last word.

    >>> name_similarity("volodymyr zelenskyy", "volodymyr zelensky") > 95, name_similarity("sam williams", "williams")
    (True, 0.0)
    >>> name_similarity("williams", "esther williams"), name_similarity("esther williams", "reggie williams")
    (100.0, 0.0)
    """
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) and len(wa) > 1:
        return 0.0  # a longer name is no spelling variant of a shorter one
    if len(wa) > 1 and len(wb) > 1 and fuzz.ratio(wa[0], wb[0]) < 80:
        return 0.0
    if len(wa) != len(wb):
        return fuzz.ratio(wa[-1], wb[-1]) if min(len(wa[-1]), len(wb[-1])) >= 5 else 0.0
    return fuzz.ratio(a, b) if min(len(a), len(b)) >= 5 else 0.0


def same_first_name(a: str, b: str) -> bool:
    """Whether two first names (keys' first words) may be one person's: equal, or one a short form that begins the
    other, of three letters or more ("Fred" / "Frederick", "Sam" / "Samuel"; not "Al" / "Albert", whose short form
    begins too many names). The surname rule still needs the person to be the only one it fits ("Chris Smith"
    joins neither of a Christopher and a Christine Smith).

    >>> same_first_name("fred", "frederick"), same_first_name("frederick", "fred"), same_first_name("al", "albert")
    (True, True, False)
    >>> same_first_name("esther", "reggie"), same_first_name("mark", "mark")
    (False, True)
    """
    short, long_ = sorted((a, b), key=len)
    return a == b or len(short) >= 3 and long_.startswith(short)


def short_names(key: str) -> set[str]:
    """The short names a multi-word key is indexed under for the short-name rule: its acronym, its last word, and
    its first word when that heads an "X of Y" name ("Academy" of the Academy of Motion Picture Arts and Sciences);
    never another first word ("Microsoft" of "Microsoft Office" names the company, not the product).

    >>> sorted(short_names("academy of motion picture arts and sciences")), sorted(short_names("microsoft office"))
    (['academy', 'ampas', 'sciences'], ['mo', 'office'])
    """
    words = key.split()
    if len(words) < 2:
        return set()
    return {acronym(key), words[-1], words[0] if words[1] == "of" else ""} - {""}


@lru_cache(maxsize=65536)
def person_key(text: str, kind: str) -> str:
    """``name_key`` without a person noun written as a title before a person's name of two words or more, nor a
    headline's gerund before any name, nor a person's generational suffix ("Jr.", "III") or leading initial ("W.
    Mark Felt") when two words remain.

    >>> person_key("Comedian Ellen DeGeneres", "Person"), person_key("Having Jackman", "Person")
    ('ellen degeneres', 'jackman')
    >>> person_key("Hunter Biden", "Person"), person_key("Sterling Archer", "Person")
    ('hunter biden', 'sterling archer')
    >>> person_key("Arcade Joseph Comeaux Jr.", "Person"), person_key("Malcolm X", "Person")
    ('arcade joseph comeaux', 'malcolm x')
    """
    key = name_key(text)
    words = key.split()
    if kind == "Person" and (shorter := without_generation(words)) is not words:
        words, key = shorter, " ".join(shorter)  # "Anthony LaCalamita III" is Anthony LaCalamita, surname LaCalamita
    if kind == "Person" and len(words) >= 3 and _LEADING_INITIAL.match(words[0]) and len(words[1]) > 2:
        words = words[1:]  # "W. Mark Felt" goes by Mark Felt
        key = " ".join(words)
    if len(words) >= 2 and kind not in {"Organization", "Place"} and _headline_verb(words[0]):
        return " ".join(words[1:])
    if (kind == "Person" and len(words) >= 3 and words[0] not in TITLE_WORDS and words[0].isalpha()
            and noun_class(words[0]) == "PERSON" and fold(text).split()[0] == words[0]):
        return " ".join(words[1:])
    return key


@lru_cache(maxsize=4096)
def _headline_verb(word: str) -> bool:
    from wordfreq import zipf_frequency

    return word.endswith("ing") and len(word) > 5 and zipf_frequency(word, "en") >= GERUND_MIN_ZIPF


#: The usual spelling of a name with one ("NATO", not "Nato"; "United Kingdom", not "Great Britain").
CANONICAL_SPELLING = {fold(name): name for name in CANONICAL_NAMES.values()}


def canonical_name(cluster: _Cluster) -> str:
    """The name of a resolved entity: the most frequent key of two words or more (one word if there is none:
    "Maurice Cheeks", not a one-off "Philly and Cheeks"), spelled as the stored entity or, failing that, as most
    often written."""
    counts: Counter = Counter()
    for name, n in cluster.names.items():
        counts[person_key(name, cluster.type)] += n  # "Comedian Ellen DeGeneres" counts as "Ellen DeGeneres"
    best = max(counts, key=lambda k: (min(len(k.split()), 2), counts[k], -len(k.split()), len(k), k))
    if cluster.known is not None and name_key(cluster.known.name) == best:
        return cluster.known.name
    if best in CANONICAL_SPELLING:
        return CANONICAL_SPELLING[best]  # "NATO", not "Nato"; "United Kingdom", not "Great Britain"
    candidates = [n for n in cluster.names if name_key(n) == best] or [
        n for n in cluster.names if person_key(n, cluster.type) == best] or list(cluster.names)
    return max(candidates, key=lambda n: (cluster.names[n], n[:1].isupper(), -len(n), n))


def assign_ids(clusters: list[_Cluster], stored=lambda entity_id: False) -> dict[int, str]:
    """The id of each cluster (by ``id()``): a stored entity's own, else the slug of its name, numbered when taken
    (the most mentioned cluster first)."""
    ids: dict[int, str] = {}
    used = {c.known.id for c in clusters if c.known is not None}
    for cluster in clusters:
        if cluster.known is not None:
            ids[id(cluster)] = cluster.known.id
    for cluster in sorted((c for c in clusters if c.known is None),
                          key=lambda c: (-sum(c.names.values()), c.longest_key)):
        base = slug(canonical_name(cluster))
        candidate, n = base, 2
        while candidate in used or stored(candidate):
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        ids[id(cluster)] = candidate
    return ids


def cluster_entity(cluster: _Cluster, entity_id: str) -> Entity:
    """The entity a cluster resolves to: its canonical name, type and every other name as an alias."""
    name = canonical_name(cluster)
    aliases = tuple(sorted(set(cluster.names) - {name}))
    return Entity(entity_id, name, cluster.type, aliases)


def kept_apart(local: LocalEntity, cluster: _Cluster, blocks=None, ours: dict[str, set[str]] | None = None) -> bool:
    """Whether a person's marks (``newsgraph.ingest.name_marks``) keep a local entity out of a cluster: names of one
    first name and surname with other middle initials or generations ("George H.W. Bush" / "George W. Bush"),
    a cluster holding an entity of the same article that the article told apart by its marks ("Donald Trump" beside
    "Donald Trump Jr."), or a name without marks ("George Bush") that fits several marked people of the ``block``
    (``resolve``'s blocks by the first letter of the last word) equally.
    """
    ours = marks((local.name, *local.names)) if ours is None else ours
    if not ours:
        return False
    theirs = cluster_marks(cluster)
    if not ours.keys() & theirs.keys():  # no name of one base: nothing to tell apart (its members' names are its)
        return False
    if distinct(ours, theirs):
        return True
    if any(m.source == local.source and m.local_id != local.local_id and apart(ours, marks((m.name, *m.names)))
           for m in cluster.members):
        return True
    plain = [base for base in ours if base in theirs and not ours[base] - {""} and theirs[base] - {""}]
    for base in plain if blocks is not None else ():
        block = blocks.get(base.split()[-1][:1])
        for n in block.persons_ending(base.split()[-1]) if block is not None else ():
            other = block.entries[n][1]
            found = cluster_marks(other).get(base) if other is not cluster else None
            if found is not None and found - {""} != theirs[base] - {""}:
                return True  # "George Bush": H.W. or W.?
    return False


def cluster_marks(cluster: _Cluster) -> dict[str, set[str]]:
    """``marks`` of a cluster's names, read again only for the names it has gained (``resolve`` asks for them of
    every candidate cluster of every person it places)."""
    seen, found = cluster.name_marks or (0, {})
    if seen > len(cluster.names):  # names taken out: read them all again
        seen, found = 0, {}
    if seen < len(cluster.names):  # a Counter keeps its names in the order they came: read the new ones
        for base, more in marks(islice(cluster.names, seen, None)).items():
            found[base] = found.get(base, set()) | more
        cluster.name_marks = (len(cluster.names), found)
    return found


def across_types(local: LocalEntity, keys: set[str], cluster: _Cluster) -> bool:
    """Whether a local entity and a cluster share only a person's surname across types, which is no evidence of one
    entity: "Harrison Ford" (and his "Ford") and "Ford Motor Company" (and its "Ford"), "Michael Jordan" and the
    "Jordan" an article also writes as a place. A full name never joins an entity of another kind whose own name
    has two words or more through a one-word key alone; a lone word some mention of which the model took for a place
    never joins a person's surname.

    >>> from newsgraph.graph.resolve import _Cluster
    >>> ford = _Cluster(keys={"ford motor", "ford"}, type="Organization")
    >>> across_types(LocalEntity("b", 0, "Harrison Ford", "Person", ("Harrison Ford", "Ford")),
    ...              {"harrison ford", "ford"}, ford)
    True
    >>> jordan = _Cluster(keys={"michael jordan", "jordan"}, surnames={"jordan"}, type="Person")
    >>> across_types(LocalEntity("b", 1, "Jordan", "Person", ("Jordan",), (("Person", 1), ("Place", 1))),
    ...              {"jordan"}, jordan), across_types(LocalEntity("c", 0, "Trump", "Organization", ("Trump",)),
    ...                                                {"trump"}, _Cluster(keys={"donald trump", "trump"},
    ...                                                                    surnames={"trump"}, type="Person"))
    (True, False)
    """
    long_ours = {k for k in keys if " " in k}
    person_ours, person_theirs = local.type == "Person", cluster.type == "Person"
    if person_ours != person_theirs and long_ours and long_ours.isdisjoint(cluster.keys) and any(
            " " in k for k in cluster.keys):
        return True  # "Harrison Ford" / "Ford Motor Company"
    if not long_ours and person_theirs and not keys.isdisjoint(cluster.surnames):
        return dict(local.type_votes).get("Place", 0) > 0 or local.type == "Place"
    return False
