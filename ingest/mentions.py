"""Find entity mentions in a parsed article and link the ones that refer to the same entity.

Inside one article: full names, surnames and titled names ("President Vladimir V. Putin", "Mr. Putin",
"Putin") become one entity; demonyms stand for their country ("Russian" → Russia); definite descriptions ("the
Russian leader", "Ukraine's president") link to the person the article or the built-in role table says holds that
role; third-person pronouns link to the most recent person in the sentence or the one before, when there is one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.ingest.names import ROLE_NOUNS, TITLES, clean_name, demonym_country, fold, name_key, strip_titles
from newsgraph.model import LocalEntity, Mention

LABEL_TYPES = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": "Group",
    "EVENT": "Event", "WORK_OF_ART": "Work", "LAW": "Law", "PRODUCT": "Product",
}
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
HEAD_OF_STATE_ROLES = frozenset({"president", "leader", "chief", "head", "strongman", "autocrat", "ruler"})
_TITLE_WORDS = frozenset(t.strip(".") for t in TITLES)

#: Who holds a role, by (country, role): a small default that the caller may replace.
DEFAULT_ROLES: Mapping[tuple[str, str], str] = {
    ("Russia", "leader"): "Vladimir Putin",
    ("United States", "leader"): "Donald Trump",
    ("United States", "vice-president"): "JD Vance",
    ("Ukraine", "leader"): "Volodymyr Zelenskyy",
    ("Kremlin", "leader"): "Vladimir Putin",
}


@dataclass(frozen=True)
class ArticleMentions:
    """The mentions and local entities of one article, and which tokens belong to which local entity."""

    mentions: tuple[Mention, ...]
    entities: tuple[LocalEntity, ...]
    token_entity: Mapping[int, int] = field(default_factory=dict)


@dataclass
class _Found:
    start: int  # token indices
    end: int
    name: str
    label: str
    kind: str
    key: str
    weight: float = 1.0


def extract_mentions(doc: Doc, source: str, roles: Mapping[tuple[str, str], str] = DEFAULT_ROLES) -> ArticleMentions:
    """Find and link the entity mentions of one parsed article.

    Args:
        doc: the parsed article.
        source: the article id, recorded on every mention.
        roles: who holds a role, keyed by (country, role); ``leader`` covers president, chief and head.
    """
    found = _named(doc)
    found = _link_surnames(found)
    _weaken_lone_names(doc, found)
    found += _descriptions(doc, found, roles)
    found.sort(key=lambda f: f.start)
    found += _pronouns(doc, found)
    return _assemble(doc, source, sorted(found, key=lambda f: f.start))


def _named(doc: Doc) -> list[_Found]:
    found = []
    common = {t.lower_ for t in doc if not t.ent_type_ and t.is_lower and t.pos_ in {"NOUN", "VERB", "ADJ"}}
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES or _is_noise(ent, common):
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        while end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        if start >= end:
            continue
        span = doc[start:end]
        label, kind, weight = ent.label_, "name", 1
        country = demonym_country(span.text) if ent.label_ in {"NORP", "GPE", "ORG"} else None
        if ent.label_ in {"NORP", "GPE"} and country:
            label, kind = "GPE", "demonym"
            name = country
        else:
            name = clean_name(" ".join(strip_titles(span.text.split())))
        title_start = start
        while title_start > 0 and fold(doc[title_start - 1].text).strip(".") in _TITLE_WORDS:
            title_start -= 1
        if title_start < start or fold(span[0].text).strip(".") in _TITLE_WORDS:
            kind, weight = "title", 3
            label = "PERSON" if label in {"PERSON", "ORG", "NORP"} else label
        key = name_key(name)
        if not key:
            continue
        found.append(_Found(title_start, end, name, label, kind, key, weight))
    return found


def _is_noise(ent: Span, common: set[str]) -> bool:
    """Spans the small model tags as names that are common words: title case ("Ceasefire", "Energy and
    Infrastructure" where the article also has "ceasefire", "energy" in lower case), "a Complete Ceasefire", "END",
    or a non-place written all in lower case ("gulf")."""
    if ent[0].lower_ in {"a", "an"}:
        return True
    content = [t for t in ent if not t.is_punct and t.lower_ not in {"the", "of", "and", "for"}]
    if content and all(t.lower_ in common for t in content) and not demonym_country(ent.text):
        return True
    if ent.label_ in {"NORP", "GPE", "LOC"}:
        return ent.text.islower() and ent.label_ == "LOC"
    if len(content) == 1 and content[0].pos_ == "NOUN" and ent.label_ in {"PERSON", "ORG"}:
        return True  # a lone common noun: "Ceasefire"
    return ent.text.islower()


def _link_surnames(found: list[_Found]) -> list[_Found]:
    """Give a lone surname (or a first-and-last name with extra initials) the key of the full name it ends."""
    full_by_surname: dict[str, str] = {}
    for item in found:
        words = item.key.split()
        if item.label == "PERSON" and len(words) >= 2:
            full_by_surname.setdefault(words[-1], item.key)
    for item in found:
        words = item.key.split()
        if item.label in {"PERSON", "ORG", "NORP"} and words and words[-1] in full_by_surname and len(words) <= 2:
            full = full_by_surname[words[-1]]
            if len(words) == 1 or words[0] == full.split()[0]:
                item.key = full
                if item.label == "ORG" and item.kind != "title":
                    item.label = "PERSON"
                    item.weight = 0  # a linked surname does not vote for ORG
    return found


LOCATIVE = frozenset({"in", "to", "from", "into", "toward", "towards", "across", "near", "at", "inside", "outside"})


def _weaken_lone_names(doc: Doc, found: list[_Found]) -> None:
    """A one-word PERSON never given a first name or title in the article is weak evidence of a person; after a
    locative preposition ("fears in Kyiv") it is taken for a place."""
    for item in found:
        if item.label != "PERSON" or item.kind != "name" or len(item.key.split()) > 1:
            continue
        head = doc[item.end - 1]
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE:
            item.label = "GPE"
        else:
            item.weight = 0.25


def _descriptions(doc: Doc, found: list[_Found], roles: Mapping[tuple[str, str], str]) -> list[_Found]:
    """Definite descriptions of a person by role: "the Russian leader", "Ukraine's president", "the US president"."""
    by_token = {i: item for item in found for i in range(item.start, item.end)}
    learned = dict(_learned_roles(doc, found, by_token))
    out = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lower_ not in ROLE_NOUNS or token.i in by_token:
            continue
        country = _role_country(token, by_token)
        role = "leader" if token.lower_ in HEAD_OF_STATE_ROLES else token.lower_
        if not country or not any(c.lower_ in {"the"} or c.dep_ == "poss" for c in token.children):
            continue
        person = learned.get((country, role)) or roles.get((country, role))
        if not person:
            continue
        start = min([token.i] + [c.left_edge.i for c in token.children if c.dep_ in {"det", "amod", "compound", "poss"}])
        out.append(_Found(start, token.i + 1, person, "PERSON", "description", name_key(person), 1))
    return out


def _role_country(token: Token, by_token: Mapping[int, _Found]) -> str | None:
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            if child.i in by_token and by_token[child.i].label == "GPE":
                return by_token[child.i].name
            country = demonym_country(child.text)
            if country:
                return country
    return None


def _learned_roles(doc: Doc, found: list[_Found], by_token: Mapping[int, _Found]):
    """(country, role) → person name, from appositions and "President X of Russia" inside the article."""
    for item in found:
        if item.label != "PERSON":
            continue
        head = doc[item.end - 1]
        # "Ukraine's president, Volodymyr Zelenskyy" / "Zelenskyy, Ukraine's president"
        for noun in [head.head] + [c for c in head.children if c.dep_ == "appos"]:
            if noun.lower_ in ROLE_NOUNS and (head.dep_ == "appos" or noun.dep_ == "appos"):
                country = _role_country(noun, by_token)
                if country:
                    yield (country, "leader" if noun.lower_ in HEAD_OF_STATE_ROLES else noun.lower_), item.name
        # "President Vladimir V. Putin of Russia"
        if item.kind == "title" and fold(doc[item.start].text).strip(".") in ROLE_NOUNS:
            role = "leader" if fold(doc[item.start].text) in HEAD_OF_STATE_ROLES else fold(doc[item.start].text)
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.i in by_token and by_token[obj.i].label == "GPE":
                            yield (by_token[obj.i].name, role), item.name
            if item.start > 0 and demonym_country(doc[item.start - 1].text):
                yield (demonym_country(doc[item.start - 1].text), role), item.name


def _pronouns(doc: Doc, found: list[_Found]) -> list[_Found]:
    """He/his/she/her → the most recent person (preferring subjects) in this sentence or the one before."""
    strong = {f.key for f in found if f.label == "PERSON" and (len(f.key.split()) > 1 or f.kind in {"title", "description"})}
    persons = [f for f in found if f.label == "PERSON" and f.key in strong]
    out = []
    for token in doc:
        if token.lower_ not in PERSON_PRONOUNS or token.pos_ != "PRON":
            continue
        sent_start = token.sent.start
        previous = doc[sent_start - 1].sent.start if sent_start > 0 else 0
        window = [p for p in persons if previous <= p.start < token.i]
        if not window:
            continue
        subjects = [p for p in window if doc[p.end - 1].dep_ in {"nsubj", "nsubjpass"}]
        keys = {p.key for p in window}
        best = (subjects or window)[-1] if len(keys) > 1 else window[-1]
        out.append(_Found(token.i, token.i + 1, best.name, "PERSON", "pronoun", best.key, 0))
    return out


def _assemble(doc: Doc, source: str, found: list[_Found]) -> ArticleMentions:
    local_ids: dict[str, int] = {}
    votes: dict[int, Counter] = defaultdict(Counter)
    names: dict[int, Counter] = defaultdict(Counter)
    descriptions: dict[int, list[str]] = defaultdict(list)
    mentions, token_entity = [], {}
    for item in found:
        local_id = local_ids.setdefault(item.key, len(local_ids))
        span = doc[item.start:item.end]
        mentions.append(Mention(source, span.start_char, span.end_char, span.text, item.label, item.kind, local_id))
        votes[local_id][LABEL_TYPES.get(item.label, "Other")] += item.weight
        if item.kind in {"name", "title", "demonym"}:
            names[local_id][item.name] += 1
        elif item.kind == "description":
            descriptions[local_id].append(span.text)
        for i in range(item.start, item.end):
            token_entity.setdefault(i, local_id)
    entities = []
    for key, local_id in local_ids.items():
        spelled = names[local_id] or Counter({next(f.name for f in found if f.key == key): 1})
        best = max(spelled, key=lambda n: (len(n.split()), n[:1].isupper(), spelled[n], n))
        ranked = votes[local_id].most_common()
        entities.append(LocalEntity(
            source=source, local_id=local_id, name=best, type=ranked[0][0] if ranked else "Other",
            names=tuple(sorted(spelled)), type_votes=tuple(ranked),
            mention_count=sum(1 for m in mentions if m.local_id == local_id),
            descriptions=tuple(dict.fromkeys(descriptions[local_id])),
        ))
    return ArticleMentions(tuple(mentions), tuple(entities), token_entity)
