"""Find entity mentions in a parsed article and link the ones that refer to the same entity.

Inside one article: full names, surnames and titled names ("President Vladimir V. Putin", "Mr. Putin",
"Putin") become one entity, as do an organisation's acronym or short name ("AMA", "the Chargers"), an acronym
the article states in brackets, the name less the country it starts with and a clipped first word ("ECB", "the Air
Force", "the Fed"; ``newsgraph.ingest.name_variants``); demonyms stand
for their country ("Russian" → Russia); definite descriptions ("the Russian leader", "Ukraine's president") link to
the person the article (apposition, "President X of Russia") or the built-in role table says holds that role;
he/she/his/her link to the most recent person in the sentence or the one before (or the only person of the
three sentences before those), "who" to the person its relative clause hangs on; a common noun the article
equates with a name ("the suspect, identified as X", "the fired man, X", "X, a grandmother", "X was a climber")
links to that person, as does a noun a clause predicates of a name ("X was announced as the host", "the next
host is X"; ``newsgraph.ingest.predicates``), and "the woman" to the article's only woman (the one person "she"
refers to; a person's sex comes from titles and from the he/she already linked to them), a person noun with an age
("a 59-year-old woman") to the one person the article gives that age (``newsgraph.ingest.aged_nouns``), and a
place name before a plural name word the model left untagged to one organisation ("the Philadelphia 76ers";
``newsgraph.ingest.place_names_orgs``). Names on title-case headline lines count only as far as the body confirms
them; the words around a name ("the broadcaster Susilne", "the Zaporizhzhia plant") outvote the model on its type;
nouns tied to one person ("host Hugh Jackman") are kept as that entity's descriptions. A country's officials,
authorities or government ("Ukrainian officials", "the government of Ukraine") are one group entity, ``Government
of <country>`` (``newsgraph.ingest.institutions``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, LOWER, ORTH, POS, SENT_START
from spacy.parts_of_speech import ADJ, NOUN, VERB
from spacy.tokens import Doc, Span

from newsgraph.ingest.address_lines import doc_address_lines, in_lines
from newsgraph.ingest.aged_nouns import aged_nouns
from newsgraph.ingest.anaphora import (
    Role,
    describing_nouns,
    descriptions,
    gendered_nouns,
    identified_nouns,
    learned_roles,
    repeated_names,
)
from newsgraph.ingest.columns import ByString, columns
from newsgraph.ingest.credits import credit_tokens
from newsgraph.ingest.found import Found as _Found
from newsgraph.ingest.institutions import institutions
from newsgraph.ingest.name_variants import name_variants
from newsgraph.ingest.names import (
    COMPANY_SUFFIXES,
    PLACE_OF_NOUNS,
    TITLE_WORDS,
    TYPE_CUE_NOUNS,
    clean_name,
    demonym_country,
    fold,
    name_bounds,
    name_key,
    strip_titles,
)
from newsgraph.ingest.nominals import nominal_mentions
from newsgraph.ingest.noun_classes import noun_class
from newsgraph.ingest.place_names_orgs import place_named_organisations
from newsgraph.ingest.predicates import predicate_nouns
from newsgraph.ingest.pronouns import pronouns
from newsgraph.ingest.short_forms import acronym
from newsgraph.ingest.spaced_names import spaced_names, title_start as spaced_title_start
from newsgraph.ingest.surnames import link_surnames
from newsgraph.ingest.words import as_tokens
from newsgraph.model import LocalEntity, Mention

_CONTENT_POS = frozenset({NOUN, VERB, ADJ})
_CAPITALISED = ByString(lambda text: text[:1].isupper())

LABEL_TYPES = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": "Group",
    "EVENT": "NamedEvent", "WORK_OF_ART": "Work", "LAW": "Law", "PRODUCT": "Product",
}

@dataclass(frozen=True)
class ArticleMentions:
    """The mentions and local entities of one article, and which tokens belong to which local entity."""

    mentions: tuple[Mention, ...]
    entities: tuple[LocalEntity, ...]
    token_entity: Mapping[int, int] = field(default_factory=dict)


def extract_mentions(doc: Doc, source: str) -> ArticleMentions:
    """Find and link the entity mentions of one parsed article.

    Who holds a role comes from the article alone (``anaphora.learned_roles``); a role description it does not
    settle is kept as a local entity with its ``role`` for cross-article resolution.

    Args:
        doc: the parsed article.
        source: the article id, recorded on every mention.
    """
    found = place_named_organisations(doc, spaced_names(doc, _named(doc) + _predicate_demonyms(doc)))
    _type_cues(doc, found)
    found = link_surnames(_headline_names(doc, found))
    _link_short_org_names(found)
    found += name_variants(doc, found)
    _weaken_lone_names(doc, found)
    found += repeated_names(doc, found)
    roles = learned_roles(doc, found)
    found += descriptions(doc, found, roles)
    found += institutions(doc, found)
    found += identified_nouns(doc, found)
    found += predicate_nouns(doc, found)
    found += nominal_mentions(doc, found)
    found += aged_nouns(doc, found)
    found.sort(key=lambda f: f.start)
    found += pronouns(doc, found)
    found += predicate_nouns(doc, found, frozenset({"pronoun"}))
    found += gendered_nouns(doc, found)
    learned = describing_nouns(doc, found)
    return _assemble(doc, source, sorted(_off_address_lines(doc, found), key=lambda f: f.start), learned, roles)


def _off_address_lines(doc: Doc, found: list[_Found]) -> list[_Found]:
    """The mentions not wholly on a line that is only the page's web address (``address_lines``: "htm - woman -
    killed" is no entity). Taken out last, so that a name there still keys its mentions in the text as before,
    and a mention the parser ran from the address into the headline is the headline's."""
    addresses = doc_address_lines(doc)
    if not addresses:
        return found
    table = as_tokens(doc)
    return [f for f in found
            if not in_lines(table[f.start].idx, addresses, table[f.end - 1].idx + len(table[f.end - 1].text))]


def _named(doc: Doc) -> list[_Found]:
    found = []
    common = _common_words(doc)
    credits = credit_tokens(doc)  # a credit's photographer, reporter or agency is no entity of the news
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES or _is_noise(ent, common):
            continue
        if ent.start in credits:
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
        organisation = _organisation_name(span, ent.label_)
        country = demonym_country(span.text) if ent.label_ in {"NORP", "GPE", "ORG"} else None
        if ent.label_ in {"NORP", "GPE"} and country:
            label, kind = "GPE", "demonym"
            name = country
        else:
            name = clean_name(span.text if organisation else " ".join(strip_titles(span.text.split())))
        title_start = spaced_title_start(doc, start)
        if title_start < start or fold(span[0].text).strip(".") in TITLE_WORDS and not organisation:
            kind, weight = "title", 3
            label = "PERSON" if label in {"PERSON", "ORG", "NORP"} else label
        key = name_key(name)
        if not key or all(fold(w).strip(".") in TITLE_WORDS for w in name.split()):
            continue  # nothing but titles: "Dr", "President"
        found.append(_Found(title_start, end, name, label, kind, key, weight))
    return found


def _predicate_demonyms(doc: Doc) -> list[_Found]:
    """A demonym the model left unnamed where it says where the subject is from, a copula's predicate adjective
    or its conjunct ("12 are reported to be Somali", "were Somali and Yemeni"): a mention of the country, as the
    demonyms the model names are (``_named``)."""
    found = []
    for token in doc:
        if token.ent_type_ or token.pos_ not in {"ADJ", "PROPN"} or not (
                token.dep_ == "acomp" or token.dep_ == "conj" and token.head.dep_ == "acomp"):
            continue
        country = demonym_country(token.text)
        if country is not None:
            found.append(_Found(token.i, token.i + 1, country, "GPE", "demonym", name_key(country), 1))
    return found


def _organisation_name(span: Span, label: str) -> bool:
    """An organisation's name that starts with a title word: "General Motors", "Foreign Office", "State Farm
    Insurance" (what follows the titles is one word, or names a kind of body or a company suffix), not a titled
    person the model took for one ("Spokeswoman Sandy Angers")."""
    if label != "ORG" or fold(span[0].text).strip(".") not in TITLE_WORDS:
        return False
    rest = [t for t in span if fold(t.text).strip(".") not in TITLE_WORDS and not t.is_punct]
    return len(rest) <= 1 or any(fold(t.text).strip(".") in COMPANY_SUFFIXES or noun_class(t.lemma_.lower()) == "ORG"
                                 for t in rest)


def _common_words(doc: Doc) -> set[str]:
    """Words the article writes in lower case (as a noun, verb or adjective) at least as often as it capitalises
    them inside a sentence: "ceasefire" is common, "ellen" (once in a lower-case URL, often as "Ellen") is not."""
    lower, ent_type, is_lower, pos, is_title, sent_start = columns(
        doc, [LOWER, ENT_TYPE, IS_LOWER, POS, IS_TITLE, SENT_START])
    written_lower = Counter(h for h, e, low, p in zip(lower, ent_type, is_lower, pos)
                            if not e and low and p in _CONTENT_POS)
    capitalised = Counter(h for h, title, start in zip(lower, is_title, sent_start) if title and start != 1)
    return {doc.vocab.strings[h] for h, n in written_lower.items() if n >= capitalised[h]}


def _before_possessive(ent: Span) -> bool:
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return following is not None and following.lower_ in {"their", "its", "our", "your"}


def _type_cues(doc: Doc, found: list[_Found]) -> None:
    """The words around a name settle its type more surely than the small model: "the public broadcaster,
    Susilne" and "the Truth Social platform" are organisations; "the Zaporizhzhia nuclear power plant", "a Sumy
    hospital" and "the annexation of Crimea" name places. A cue counts double in the type vote."""
    for item in found:
        if item.kind != "name":
            continue
        root = doc[item.start:item.end].root
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ in {"appos", "compound", "nmod"}:
            nouns.append(root.head)
        cue = next((TYPE_CUE_NOUNS[n.lemma_.lower()] for n in nouns if n.lemma_.lower() in TYPE_CUE_NOUNS), None)
        if cue is None and root.dep_ == "pobj" and root.head.lower_ == "of" and (
                root.head.head.lemma_.lower() in PLACE_OF_NOUNS):
            cue = "GPE"
        if cue is not None and (cue != "GPE" or item.label != "PERSON" or len(item.key.split()) == 1):
            item.label, item.weight = cue, 2


def _is_noise(ent: Span, common: set[str]) -> bool:
    """Spans the small model tags as names that are common words: title case ("Ceasefire", "Energy and
    Infrastructure" where the article also has "ceasefire", "energy" in lower case), "a Complete Ceasefire", "END",
    or a non-place written all in lower case ("gulf")."""
    if ent[0].lower_ in {"a", "an"}:
        return True
    if len(ent) == 1 and ent.label_ not in {"NORP", "PERSON"} and not demonym_country(ent.text) and (
            ent[0].pos_ == "ADJ" or ent[0].pos_ == "VERB" and ent[0].lower_ in common or _before_possessive(ent)):
        return True  # "Constant meheut reports" (ADJ); "signed up in Normalize their missions" (a verb)
    content = [t for t in ent if not t.is_punct and t.lower_ not in {"the", "of", "and", "for"}]
    if content and all(t.lower_ in common for t in content) and not demonym_country(ent.text):
        return True
    if ent.label_ in {"NORP", "GPE", "LOC"}:
        return ent.text.islower() and ent.label_ == "LOC"
    if len(content) == 1 and content[0].pos_ == "NOUN" and ent.label_ in {"PERSON", "ORG"}:
        return True  # a lone common noun: "Ceasefire"
    return ent.text.islower()


def _headline_tokens(doc: Doc) -> set[int]:
    """The tokens of title-case or all-caps lines ("Obama To Nominate Regina Benjamin"), where the model's name
    spans are unreliable: sentences whose words outside the names (after the first) are at least two and three
    quarters capitalised."""
    alpha, ent_type, orth = columns(doc, [IS_ALPHA, ENT_TYPE, ORTH])
    capital = _CAPITALISED.column(doc, orth)
    headline: set[int] = set()
    for sent in doc.sents:
        words = [i for i in range(sent.start + 1, sent.end) if alpha[i] and not ent_type[i]]
        if len(words) >= 2 and sum(capital[i] for i in words) >= 0.75 * len(words):
            headline.update(range(sent.start, sent.end))
    headline.update(_title_lines(doc, alpha, capital))
    return headline


_MINOR = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "as"})


def _title_lines(doc: Doc, alpha, capital) -> set[int]:
    """The tokens of lines of three words or more, every word but minor ones capitalised, with no closing
    punctuation: headlines, even where the model took all of one for a name and the sentence splitter ran it into
    the body ("Lindsay Lohan Checks Into Rehab")."""
    out: set[int] = set()
    line: list[int] = []
    space, punct = columns(doc, [IS_SPACE, IS_PUNCT])
    last = len(doc) - 1
    for k, is_space in enumerate(space):  # a token's own trailing white space is one space at most: no line break
        if not is_space:
            line.append(k)
        if line and (is_space and "\n" in doc[k].text or k == last):
            words = [i for i in line if alpha[i]]
            if (len(words) >= 3 and not punct[line[-1]]
                    and all(capital[i] or doc[i].lower_ in _MINOR for i in words)):
                out.update(line)
            line = []
    return out


def _headline_names(doc: Doc, found: list[_Found]) -> list[_Found]:
    """Names in headline lines are kept only as far as the body confirms them: "Hire Maurice Cheeks" becomes
    "Maurice Cheeks" when the body names him, "Driver Charged" goes. An article that is all headlines is left as is."""
    headline = _headline_tokens(doc)
    body = [f for f in found if f.start not in headline]
    if not headline or not body:
        return found
    known = {f.key: f for f in body}
    for f in body:
        words = f.key.split()
        if f.label == "PERSON" and len(words) >= 2:
            known.setdefault(words[-1], f)
    out = []
    for item in found:
        if item.start not in headline or item.key in known or item.kind == "demonym":
            out.append(item)
            continue
        spans = sorted(((i, j) for i in range(item.start, item.end) for j in range(i + 1, item.end + 1)),
                       key=lambda ij: (ij[0] - ij[1], ij[0]))
        for i, j in spans:
            match = known.get(name_key(doc[i:j].text))
            if match is not None and (i, j) != (item.start, item.end):
                out.append(_Found(i, j, clean_name(doc[i:j].text), match.label, "name", name_key(doc[i:j].text),
                                  item.weight))
                break
    return out


def _link_short_org_names(found: list[_Found]) -> None:
    """Inside one article, an organisation's acronym ("AMA") or a lone first or last word of its name ("the
    Academy", "the Chargers") joins the one longer organisation name it abbreviates."""
    orgs = {item.key for item in found if item.label == "ORG" and len(item.key.split()) >= 2}
    short: dict[str, set[str]] = defaultdict(set)
    for key in orgs:
        words = key.split()
        short[acronym(key)].add(key)
        short[words[0]].add(key)
        short[words[-1]].add(key)
    for item in found:
        words = item.key.split()
        if item.label != "ORG" or len(words) != 1 or len(short.get(words[0], ())) != 1:
            continue
        full = next(iter(short[words[0]]))
        if words[0] == acronym(full) and not item.name.isupper():
            continue  # an acronym must be written in capitals
        item.key = full


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


def _assemble(doc: Doc, source: str, found: list[_Found], learned: Mapping[str, list[str]],
              roles: list[Role]) -> ArticleMentions:
    local_ids: dict[str, int] = {}
    votes: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))  # weighted type votes
    names: dict[int, Counter] = defaultdict(Counter)
    descriptions: dict[int, list[str]] = defaultdict(list)
    mentions: list[Mention] = []
    token_entity: dict[int, int] = {}
    for item in found:
        local_id = local_ids.setdefault(item.key, len(local_ids))
        span = doc[item.start:item.end]
        lead, trail = name_bounds(span.text)  # no list bullet or dash the parser ran into the mention
        lead, trail = (lead, trail) if lead < trail else (0, len(span.text))
        mentions.append(Mention(source, span.start_char + lead, span.start_char + trail, span.text[lead:trail],
                                item.label, item.kind, local_id))
        votes[local_id][LABEL_TYPES.get(item.label, "Other")] += item.weight
        if item.kind in {"name", "title", "demonym"}:
            names[local_id][item.name] += 1
        elif item.kind == "description":
            descriptions[local_id].append(span.text)
        for i in range(item.start, item.end):
            token_entity.setdefault(i, local_id)
    for key, nouns in learned.items():
        if key in local_ids:
            descriptions[local_ids[key]].extend(nouns)
    held: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in roles:
        held[r.key].append((r.country, r.role, r.evidence))
    role_of = {item.key: item.role for item in found if item.role}
    entities = []
    mention_counts = Counter(m.local_id for m in mentions)
    for key, local_id in local_ids.items():
        spelled = names[local_id] or Counter({next(f.name for f in found if f.key == key): 1})
        best = max(spelled, key=lambda n: (len(n.split()), n[:1].isupper(), spelled[n], n))
        ranked = sorted(votes[local_id].items(), key=lambda vote: vote[1], reverse=True)  # ties: first voted first
        entities.append(LocalEntity(
            source=source, local_id=local_id, name=best, type=ranked[0][0] if ranked else "Other",
            names=tuple(sorted(spelled)), type_votes=tuple(ranked), mention_count=mention_counts[local_id],
            descriptions=tuple(dict.fromkeys(descriptions[local_id])),
            roles=tuple(dict.fromkeys(held.get(key, ()))), role=role_of.get(key, ()),
        ))
    return ArticleMentions(tuple(mentions), tuple(entities), token_entity)
