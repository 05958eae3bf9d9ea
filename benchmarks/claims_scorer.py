"""Score the product's evidence against the claims gold set (``benchmarks/data/claims_gold.jsonl``): which gold
mentions it found, who it says said them, whether it negated or hedged them, and whether the reports of one fact
by independent articles land on one relation or event. Pure functions, standard library only; the ingest and the
report are ``benchmarks/claims.py``, the gold and its guidelines ``benchmarks/data/README.md``.

Matching, in short:

- a gold mention is a sentence of an article; a product evidence row belongs to it when its ``source`` is the
  article and its sentence span (``sentence_start``/``sentence_end``) overlaps the gold sentence's character span
  in the ingested text, with its subject or object span (when given) inside the gold sentence;
- a row fits the gold fact when at least two of three agree: the subject, the object (the two may be swapped, as
  passives and reported speech turn them round) and the predicate. A subject or object agrees when the product's
  ``name`` or ``text`` and the gold's canonical name or one of its aliases have a head word in common; head word =
  the last content word before the first preposition or relative word (one per conjunct of "X and Y"), compared
  after a crude suffix strip (``stem``). The predicate agrees when one of its words is one of the gold fact's
  ``predicate_lemmas`` (stemmed the same way);
- of the fitting rows of a mention the one agreeing on most of the three is its match (the first in the file on a
  tie);
- a mention without a fitting row matches an **event mention** (an ``Event`` line of a mentions-jsonl export)
  whose trigger starts inside the gold sentence and whose trigger lemma or text, stemmed, is one of the fact's
  ``predicate_lemmas`` (stemmed): the predicate alone, as an event mention has no subject or object of its own
  in the export; the first such trigger of the sentence. Its speaker, ``negated``, ``hedged`` and
  ``conditional`` are the event mention's, its ``event_id`` the event it is merged into (``event_claim``);
- a mention with neither is unmatched;
- a fact is merged when the evidence of every independent article (an original and its copies are one) shares
  one ``edge_id`` or one ``event_id`` (relation evidence carries the event of its trigger, an event mention its
  event). A mention's evidence is every fitting row of its sentence (fit ≥ 2) and every event mention there whose
  trigger is one of the fact's predicate lemmas (``evidence``), not only the one row it matched: "planned to spend
  four days ski touring" is evidence of the planning as well as of the spending. Without ``evidence`` it is the
  matched row alone;
- independent articles are counted from the gold, sentence by sentence: a mention's *origin* is the article its
  ``copy_of`` names (the same wire sentence, verbatim or lightly reworded), else its own article; a fact's
  independent articles are its distinct origins, and an origin's evidence is everything any of its mentions
  (the original's and its copies') lands on (``origin_evidence``), so a copy that the product matched where the
  original did not still stands for that report, and a copy never counts as a second outlet. An article can be a
  copy in one fact and an independent report in another (a rewrite with sentences of its own). The product's
  own copy detection (a ``copy_group`` per source, whole articles; its ``independent_sources`` on a node) plays
  no part in this count: it groups whole articles where the gold marks sentences, so on a merged node the
  product may count one independent source fewer than the gold does for the fact;
- a shared edge or event is a **wrong merge**, and does not count, when the evidence of another gold fact whose
  parties differ lands on it too (neither fact's subject is the other's subject or object, by head word of the
  canonical names: Buckley's fall and Rait's fall on one ``fall`` event; Jackson's and Williams's arrests on one
  ``arrest`` event): the node then stands for two happenings (``same_parties``, ``wrong_merges``);
- a speaker is right when the head word of the product's ``attributed_to`` name (or, without one, its
  ``speaker_text``) is the head word of the gold speaker's name or of one of its aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from benchmarks.claims_gold import Fact, Mention

#: Words that never count as a head word.
STOPWORDS = frozenset("""a an the of in on at to for by with from and or but as about into than this that these
those his her its their our my your he she it they we i you him them us me who whom which what mr mrs ms dr s t
be is are was were been being have has had do does did not no n't""".split()) - {"we", "be", "have"}
_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
#: Words that start a modifier after the head of a noun phrase ("the issue involving Vincent").
_MODIFIER_STARTS = frozenset("""of in on at to for by with from about under against involving into over near after
before during who which that when where while""".split())


def stem(word: str) -> str:
    """A crude stem: lower case, one suffix of ``ing ed es s`` stripped when three letters stay, then a final
    ``e`` when more than three do.

    >>> [stem(w) for w in ["Arrested", "arrest", "pirates", "pirate", "dies", "escaped", "escape", "fell"]]
    ['arrest', 'arrest', 'pirat', 'pirat', 'die', 'escap', 'escap', 'fell']
    """
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def content_words(text: str | None) -> list[str]:
    """The stemmed content words of ``text`` in order.

    >>> content_words("the California Highway Patrol's officer")
    ['california', 'highway', 'patrol', 'officer']
    """
    words = _WORD.findall((text or "").lower().replace("\u2019", "'"))
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return [stem(w) for w in words if w not in STOPWORDS]


def head(text: str | None) -> str | None:
    """The head word of a name or noun phrase: the last content word before the first preposition, relative word
    or participle that starts a modifier after it, stemmed; ``None`` when it has none.

    >>> head("Inspector Dave Gaskin"), head("23 Somalian pirates"), head("the off-the-field issue involving Vincent")
    ('gaskin', 'pirat', 'issu')
    >>> head("Jackson 's playing status"), head("the"), head("spokesperson at naval headquarters")
    ('statu', None, 'spokesperson')
    """
    found = head_words(text)
    return found[0] if found else None


def head_words(text: str | None) -> list[str]:
    """The head word of each conjunct of a noun phrase (split on "and" / "or" before the first modifier).

    >>> head_words("leaders and positive contributors to our community"), head_words("Somalia and Yemen")
    (['leader', 'contributor'], ['somalia', 'yemen'])
    """
    words = _WORD.findall((text or "").lower().replace("\u2019", "'"))
    first = next((i for i, w in enumerate(words) if w not in STOPWORDS and w not in _MODIFIER_STARTS), len(words))
    cut = next((i for i, w in enumerate(words) if i > first and w in _MODIFIER_STARTS), len(words))
    found, conjunct = [], []
    for word in [*words[:cut], "and"]:
        if word in ("and", "or"):
            content = [w[:-2] if w.endswith("'s") else w for w in conjunct]
            content = [w for w in content if w not in STOPWORDS]
            if content:
                found.append(stem(content[-1]))
            conjunct = []
        else:
            conjunct.append(word)
    return found


def heads(names: Iterable[str | None]) -> set[str]:
    """The head words of several names.

    >>> sorted(heads(["Robert Buckley", "Mr Buckley", "British climber", None]))
    ['buckley', 'climber']
    """
    return {h for n in names for h in head_words(n)}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The character span of each ``\\n``-separated sentence of an ingested article.

    >>> sentence_spans("A b .\\nC .")
    [(0, 5), (6, 9)]
    """
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _side(row: dict, key: str) -> dict:
    value = row.get(key)
    return value if isinstance(value, dict) else {"text": value} if isinstance(value, str) else {}


def in_sentence(row: dict, span: tuple[int, int]) -> bool:
    """Whether an evidence row belongs to the sentence at ``span``: its sentence overlaps the span and its subject
    or object (when the row gives their offsets) starts inside it.

    >>> in_sentence({"sentence_start": 0, "sentence_end": 30, "subject": {"start": 12}}, (10, 20))
    True
    >>> in_sentence({"sentence_start": 0, "sentence_end": 30, "subject": {"start": 2}, "object": {"start": 25}},
    ...             (10, 20))
    False
    """
    start, end = row.get("sentence_start"), row.get("sentence_end")
    if not isinstance(start, int) or not isinstance(end, int) or start >= span[1] or end <= span[0]:
        return False
    starts = [s.get("start") for s in (_side(row, "subject"), _side(row, "object"))]
    starts = [s for s in starts if isinstance(s, int)]
    return not starts or any(span[0] <= s < span[1] for s in starts)


def side_matches(product: dict, names: Sequence[str | None]) -> bool:
    """Whether a product subject or object (its ``name`` or ``text``) and a gold entity (canonical name or an
    alias) share a head word.

    >>> side_matches({"name": "off--field issue of jackson", "text": "Jackson 's `` off-the-field issue"},
    ...              ["the off-the-field issue involving Vincent"])
    True
    >>> side_matches({"name": "San Diego Chargers"}, ["Vincent Jackson", "Chargers receiver"])
    False
    """
    return bool(heads([product.get("name"), product.get("text")]) & heads(names))


def fit(fact: Fact, row: dict) -> int:
    """How many of subject, object and predicate of an evidence row agree with the fact (subject and object may
    be swapped); a row fits when two do.

    >>> f = Fact("f", 1, "Robert Buckley", ("Buckley",), "fell", ("fall", "fell"), "2,000 feet", (), ())
    >>> fit(f, {"subject": {"name": "Buckley"}, "predicate": "fall", "object": {"text": "600 metres"}})
    2
    >>> fit(f, {"subject": {"text": "about 2 , 000 feet"}, "predicate": "climb", "object": {"name": "Buckley"}})
    2
    >>> fit(f, {"subject": {"name": "Buckley"}, "predicate": "climb", "object": {"text": "a hut"}})
    1
    """
    subject, obj = _side(row, "subject"), _side(row, "object")
    gold_subject = [fact.subject, *fact.subject_aliases]
    gold_object = [fact.object, *fact.object_aliases] if fact.object else []
    straight = side_matches(subject, gold_subject) + side_matches(obj, gold_object)
    swapped = side_matches(obj, gold_subject) + side_matches(subject, gold_object)
    lemmas = {stem(w) for w in fact.predicate_lemmas}
    predicate = bool(set(content_words(str(row.get("predicate") or ""))) & lemmas)
    return max(straight, swapped) + predicate


def event_fits(fact: Fact, event: dict) -> bool:
    """Whether an event mention's trigger (its ``lemma`` or its ``text``, stemmed) is one of the fact's predicate
    lemmas (stemmed).

    >>> f = Fact("f", 1, "Robert Buckley", (), "fell", ("fall", "fell"), "2,000 feet", (), ())
    >>> event_fits(f, {"lemma": "fall", "text": "falling"}), event_fits(f, {"lemma": "die", "text": "death"})
    (True, False)
    """
    lemmas = {stem(w) for w in fact.predicate_lemmas}
    return any(isinstance(w, str) and w.strip() and stem(w.strip()) in lemmas
               for w in (event.get("lemma"), event.get("text")))


def event_claim(event: dict) -> dict:
    """An event mention (a mentions-jsonl ``Event`` line) as the scorer reads a matched row: its speaker and flags
    as they are, ``event_id`` its event (``node_id``), no ``edge_id``, ``matched_by`` ``event``.

    >>> event_claim({"node_id": "event:1", "negated": True, "attributed_to": None})["event_id"]
    'event:1'
    """
    return {**event, "event_id": event.get("node_id"), "edge_id": None, "matched_by": "event"}


def event_lines(lines: Iterable[dict]) -> list[dict]:
    """The event mentions of a mentions-jsonl export (``node_label`` ``Event``), in file order.

    >>> event_lines([{"node_label": "Entity"}, {"node_label": "Event", "start": 3}])
    [{'node_label': 'Event', 'start': 3}]
    """
    return [line for line in lines if line.get("node_label") == "Event"]


def _by_source(lines: Iterable[dict]) -> dict[str, list[dict]]:
    """Evidence rows or event mentions by their article, in the order given."""
    out: dict[str, list[dict]] = {}
    for line in lines:
        out.setdefault(str(line.get("source")), []).append(line)
    return out


def match(facts: Sequence[Fact], rows: Sequence[dict], texts: dict[str, str],
          events: Sequence[dict] = ()) -> dict[Mention, dict]:
    """Each gold mention's matching evidence row, or else its event mention (``event_claim``); mentions without
    either are left out.

    ``texts`` maps an article id to the text the product ingested; a mention of an article not in it is unmatched.
    ``events`` are the event mentions of a mentions-jsonl export (``event_lines``); none: relation evidence only.
    """
    by_source, events_of = _by_source(rows), _by_source(events)
    for found in events_of.values():
        found.sort(key=lambda e: e.get("start") if isinstance(e.get("start"), int) else -1)
    spans = {doc: sentence_spans(text) for doc, text in texts.items()}
    matched = {}
    for fact in facts:
        for mention in fact.mentions:
            doc_spans = spans.get(mention.doc_id, [])
            if mention.sentence_index >= len(doc_spans):
                continue
            span = doc_spans[mention.sentence_index]
            best, best_fit = None, 1
            for row in by_source.get(mention.doc_id, ()):
                if in_sentence(row, span):
                    score = fit(fact, row)
                    if score > best_fit:
                        best, best_fit = row, score
            if best is not None:
                matched[mention] = best
                continue
            event = next((e for e in events_of.get(mention.doc_id, ()) if isinstance(e.get("start"), int)
                          and span[0] <= e["start"] < span[1] and event_fits(fact, e)), None)
            if event is not None:
                matched[mention] = event_claim(event)
    return matched


def product_speaker(row: dict) -> str | None:
    """The name the product gives the speaker of an evidence row: ``attributed_to`` (a name or an object with a
    ``name``), else ``speaker_text``; ``None`` when it attributes nothing.

    >>> product_speaker({"attributed_to": {"entity_id": "x", "name": "Dave Gaskin"}})
    'Dave Gaskin'
    >>> product_speaker({"attributed_to": None, "speaker_text": "police"}), product_speaker({})
    ('police', None)
    """
    value = row.get("attributed_to")
    name = value.get("name") if isinstance(value, dict) else value
    if not isinstance(name, str) or not name.strip():
        name = row.get("speaker_text")
    return name if isinstance(name, str) and name.strip() else None


def speaker_matches(name: str | None, gold: str | None, aliases: Iterable[str] = ()) -> bool:
    """Whether a product speaker name has the head word of the gold speaker or one of its aliases.

    >>> speaker_matches("Gaskin", "Dave Gaskin"), speaker_matches("police", "New Zealand Police")
    (True, True)
    >>> speaker_matches("California Highway Patrol", "California Highway Patrol officer", ["CHP officer"])
    False
    """
    if not name or not gold:
        return False
    return head(name) in heads([gold, *aliases])


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one positive class, with their counts."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def attribution(facts: Sequence[Fact], matched: dict[Mention, dict]) -> PRF:
    """Speakers: precision over the matched mentions the product attributes to someone, recall over all gold
    mentions with a speaker (an unmatched one cannot be found by who said it)."""
    predicted = correct = 0
    for mention, row in matched.items():
        name = product_speaker(row)
        if name:
            predicted += 1
            correct += speaker_matches(name, mention.speaker, mention.speaker_aliases)
    gold = sum(m.speaker is not None for f in facts for m in f.mentions)
    return PRF(correct, predicted, gold)


def qualifier(matched: dict[Mention, dict], gold_flag: str, product_flags: Sequence[str]) -> PRF | None:
    """A qualifier's positive class over the matched mentions: the product says yes when any of
    ``product_flags`` is true on the row. ``None`` when no row carries any of the fields (the export lacks it).

    >>> m = Mention("f", "d", 0, "", None, (), None, True, False, False, None)
    >>> qualifier({m: {"negated": True}}, "negated", ["negated"])
    PRF(true_positives=1, predicted=1, gold=1)
    """
    if not any(flag in row for row in matched.values() for flag in product_flags):
        return None
    tp = predicted = gold = 0
    for mention, row in matched.items():
        says = any(bool(row.get(flag)) for flag in product_flags)
        truth = bool(getattr(mention, gold_flag))
        tp += says and truth
        predicted += says
        gold += truth
    return PRF(tp, predicted, gold)


@dataclass(frozen=True)
class Merging:
    """Facts reported by two or more independent articles, how many of them the product merged, and how many more
    share a node only through a wrong merge (``wrong``, not counted in ``merged``)."""

    facts: int
    merged: int
    partly: int
    wrong: int = 0

    @property
    def share(self) -> float:
        return self.merged / self.facts if self.facts else 0.0


def _ids(rows: Iterable[dict]) -> set[str]:
    found = set()
    for row in rows:
        for key in ("edge_id", "event_id"):
            if row.get(key):
                found.add(f"{key}:{row[key]}")
    return found


def evidence(facts: Sequence[Fact], rows: Sequence[dict], texts: dict[str, str],
             events: Sequence[dict] = ()) -> dict[Mention, set[str]]:
    """The edges and events each gold mention's evidence lands on: every row of its sentence that fits the fact
    (``fit`` ≥ 2) and every event mention there whose trigger is one of its predicate lemmas (``event_fits``).
    Ids are written ``edge_id:<id>`` / ``event_id:<id>``; a mention with no evidence has an empty set.
    """
    by_source, events_of = _by_source(rows), _by_source(events)
    spans = {doc: sentence_spans(text) for doc, text in texts.items()}
    found: dict[Mention, set[str]] = {}
    for fact in facts:
        for mention in fact.mentions:
            ids = found.setdefault(mention, set())
            doc_spans = spans.get(mention.doc_id, [])
            if mention.sentence_index >= len(doc_spans):
                continue
            span = doc_spans[mention.sentence_index]
            ids |= _ids(r for r in by_source.get(mention.doc_id, ()) if in_sentence(r, span) and fit(fact, r) >= 2)
            ids |= {f"event_id:{e['node_id']}" for e in events_of.get(mention.doc_id, ())
                    if e.get("node_id") and isinstance(e.get("start"), int) and span[0] <= e["start"] < span[1]
                    and event_fits(fact, e)}
    return found


def same_parties(one: Fact, other: Fact) -> bool:
    """Whether two facts may be about one happening: the subject of one is the subject or object of the other
    (head words of the canonical names; aliases such as "the climber" are left out, as they name several people).

    >>> a = Fact("a", 1, "Robert Buckley", (), "fell", ("fall",), "2,000 feet", (), ())
    >>> b = Fact("b", 1, "Duncan Rait", (), "fell", ("fall",), "200 feet", (), ())
    >>> c = Fact("c", 1, "rescuers", (), "reached", ("reach",), "Robert Buckley", (), ())
    >>> same_parties(a, b), same_parties(a, c), same_parties(a, a)
    (False, True, True)
    """
    return bool(heads([one.subject]) & heads([other.subject, other.object])
                or heads([other.subject]) & heads([one.subject, one.object]))


def wrong_merges(facts: Sequence[Fact], found: dict[Mention, set[str]]) -> dict[str, set[str]]:
    """For each fact, the ids its evidence shares with the evidence of a fact of other parties (``same_parties``
    false): nodes that hold two happenings."""
    on: dict[str, set[str]] = {}
    for fact in facts:
        for mention in fact.mentions:
            for i in found.get(mention, ()):
                on.setdefault(i, set()).add(fact.id)
    by_id = {fact.id: fact for fact in facts}
    return {fact.id: {i for m in fact.mentions for i in found.get(m, ())
                      if any(not same_parties(fact, by_id[g]) for g in on[i] if g != fact.id)} for fact in facts}


def origin_evidence(fact: Fact, found: dict[Mention, set[str]]) -> list[set[str]]:
    """The edges and events each independent origin of ``fact`` (an article and its copies) has evidence on."""
    by_origin: dict[str, set[str]] = {}
    for mention in fact.mentions:
        by_origin.setdefault(mention.origin, set()).update(found.get(mention, ()))
    return list(by_origin.values())


def shared_by_all(sets: list[set[str]]) -> set[str]:
    """The ids every one of ``sets`` holds (none when one of them is empty)."""
    return set.intersection(*sets) if all(sets) else set()


def merging(facts: Sequence[Fact], matched: dict[Mention, dict],
            found: dict[Mention, set[str]] | None = None) -> Merging:
    """Of the facts with at least two independent articles, those whose evidence from every independent article
    (an original or its copies) shares one ``edge_id`` or one ``event_id`` that is no wrong merge (``merged``),
    those where at least two independent articles share one (``partly``, which includes the merged), and those that
    share one only through a wrong merge (``wrong``). ``found`` is each mention's evidence (``evidence``); without
    it, a mention's evidence is its matched row alone."""
    if found is None:
        found = {m: _ids([row]) for m, row in matched.items()}
    wrong_of = wrong_merges(facts, found)
    total = merged = partly = wrong = 0
    for fact in facts:
        if fact.independent_articles < 2:
            continue
        total += 1
        sets = origin_evidence(fact, found)
        shared = shared_by_all(sets)
        if shared - wrong_of[fact.id]:
            merged += 1
        elif shared:
            wrong += 1
        counts: dict[str, int] = {}
        for ids in sets:
            for i in ids - wrong_of[fact.id]:
                counts[i] = counts.get(i, 0) + 1
        partly += any(c >= 2 for c in counts.values())
    return Merging(total, merged, partly, wrong)
