"""Pronouns linked to the entity they stand for, where the article settles it.

Persons: he/him/his/she/her → the most recent person (its own sentence's first, then subjects first) in the
sentence or the one before whose sex, where a title ("Mrs.", "Sir") or a noun the article gives ("actress X", "X,
her father") tells it, agrees; failing that, the only person of the three sentences before those; a subject or
possessive pronoun with neither → a one-word name (weak evidence of a person elsewhere) that is the subject of a
clause holding the pronoun ("Gupta confirmed on his feed that he …"). "who" → the person its relative clause
hangs on; "which"/"that" → the named thing or organisation its relative clause hangs on ("a Toyota Camry, which
then fled"). A person most of whose linked he/she pronouns are of one sex is that sex, and the pronouns are linked
again with it (``newsgraph.ingest.pronoun_sexes``). Never the named speaker of the quotation the pronoun stands
in; in what a representative reports, the person they speak for ("Her spokesman said she would appeal").

Organisations: it/its → the most recent organisation that is a subject (itself or in apposition to it: "Another
automaker, General Motors, announced that it …") in the sentence or the one before ("Apple said its …"), when no
other singular subject stands between, a subject "it" already linked to an organisation counting as that
organisation ("Apple said … . It added … . It also …"); they/them/their → the same (a "they" already linked is no
antecedent), when no plural noun or person stands between (else "they" may be the people just named); we/us/our
inside a quotation an organisation speaks, itself or through its representative ("'We will appeal,' the club said",
"…, an Acme spokesman said"), or that a person speaks whom the article names an officer of one organisation ("Acme
CEO John Smith", "John Smith, the chief executive of Acme") or the leader of one country ("John Smith, Prime
Minister of Canada"); I/me/my in a quotation → its named speaker. Second person pronouns, first person ones of a
speaker the article does not name, an "it" that stands for no entity ("it takes time", a linking verb or passive
with a clause after it: "it is likely that", "it is important to", "it is feared that"; but "it could be
profitable", "it will be compensated" are the organisation's) and pronouns with nothing in view stay unlinked.

``resolve_pronouns`` is the public entry: token index → the mention the pronoun refers to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from newsgraph.ingest.found import FEMALE_PRONOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS, Found, tokens_where

__all__ = ["FEMALE_PRONOUNS", "PERSON_PRONOUNS", "linked_sexes", "person_sexes", "pronouns", "resolve_pronouns"]
from newsgraph.ingest.columns import columns, doc_table, hashes
from newsgraph.ingest.empty_it import empty_it
from newsgraph.ingest.names import ROLE_NOUNS, TITLE_WORDS, fold
from newsgraph.ingest.noun_classes import noun_class, noun_sex
from newsgraph.ingest.pronoun_sexes import linked_sexes
from newsgraph.ingest.quotes import quotation_speaker, quote_spans
from newsgraph.ingest.reported_speech import speaker_of, speaker_phrase
from newsgraph.ingest.words import as_tokens

SINGULAR_THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST_PLURAL_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves"})
FIRST_SINGULAR_PRONOUNS = frozenset({"i", "me", "my", "mine", "myself"})
ORG_PRONOUNS = SINGULAR_THING_PRONOUNS | PLURAL_PRONOUNS | FIRST_PLURAL_PRONOUNS
REFLEXIVE_PRONOUNS = frozenset({"himself", "herself", "itself", "themselves"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "duchess"})
MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "duke"})
#: Titles of a company's officers: "Acme CEO John Smith" makes Acme an organisation whatever the model tagged it.
OFFICER_NOUNS = frozenset({"ceo", "chairman", "chairwoman", "executive", "officer", "founder", "director"})
#: Relative pronouns of things: "the Camry, which then fled", "a company that makes chips".
THING_RELATIVES = frozenset({"which", "that"})
#: Times the pronouns are linked again with the sexes their links give the persons (one settles almost every
#: article; a second catches a link the first change freed).
_AGREEMENT_ROUNDS = 2
_PRONOUNS = hashes(RELATIVE_PRONOUNS | THING_RELATIVES | PERSON_PRONOUNS | ORG_PRONOUNS | FIRST_SINGULAR_PRONOUNS)


def resolve_pronouns(doc: Doc, found: list[Found]) -> dict[int, Found]:
    """Token index of each pronoun the article settles → the mention (name, title or description) it refers to.

    Args:
        doc: the parsed article.
        found: the mentions found so far (sorted or not); pronouns among them are ignored.
    """
    found = sorted((f for f in found if f.kind != "pronoun"), key=lambda f: f.start)
    sexes = person_sexes(doc, found)
    resolved = _resolve(doc, found, sexes)
    for _ in range(_AGREEMENT_ROUNDS):  # a person's sex from the pronouns linked to it, then linked again
        agreed = linked_sexes(doc, resolved, sexes)
        if agreed == sexes:
            break
        sexes = agreed
        resolved = _resolve(doc, found, sexes)
    return resolved


def _resolve(doc: Doc, found: list[Found], sexes: Mapping[str, str]) -> dict[int, Found]:
    """One pass of ``resolve_pronouns`` over the sorted non-pronoun mentions, with the persons' sexes known so
    far."""
    strong = {f.key for f in found
              if f.label == "PERSON" and (len(f.key.split()) > 1 or f.kind in {"title", "description"})}
    persons = [f for f in found if f.label == "PERSON" and f.key in strong]
    person_at = {i: f for f in found if f.label == "PERSON" for i in range(f.start, f.end)}
    thing_at = {i: f for f in found if f.label != "PERSON" and not f.role and f.kind != "demonym"
                for i in range(f.start, f.end)}
    # one-word names: weak evidence of a person, so only the subject of the pronoun's own sentence (below)
    lone = [f for f in found if f.label == "PERSON" and f.kind == "name" and f.key not in strong]
    orgs = [f for f in found if f.label == "ORG" and not f.role]
    org_at = {i: f for f in orgs for i in range(f.start, f.end)}
    chained: dict[int, Found] = {}  # token of an organisation pronoun already linked → its organisation
    table = doc_table(doc)
    firsts, starts = table.firsts, table.starts  # each token's sentence's first token; each sentence's
    quotes = quote_spans(doc)
    resolved: dict[int, Found] = {}
    chain: dict[str, tuple[int, Found]] = {}  # by sex: the last personal pronoun linked to a person, and its person
    for token in tokens_where(doc, (h in _PRONOUNS for h in columns(doc, [LOWER])[0])):
        word = token.lower_
        if word in RELATIVE_PRONOUNS:
            if token.head.dep_ == "relcl" and token.head.head.i in person_at:
                resolved[token.i] = person_at[token.head.head.i]
            continue
        if word in THING_RELATIVES:
            if (token.tag_ == "WDT" and token.dep_ in {"nsubj", "nsubjpass", "dobj"} and token.head.dep_ == "relcl"
                    and token.head.head.i in thing_at):
                resolved[token.i] = thing_at[token.head.head.i]
            continue
        if token.pos_ != "PRON" or word in FIRST_SINGULAR_PRONOUNS:
            continue
        n = starts.index(firsts[token.i])
        previous = starts[max(n - 1, 0)]
        if word in ORG_PRONOUNS and word not in REFLEXIVE_PRONOUNS:
            org = _organisation(token, orgs, org_at, person_at, previous, quotes)
            subject = possessor_subject(token)
            if org is None and subject is not None and subject.i in thing_at:
                org = thing_at[subject.i]  # "the Airbus A380 has made its maiden flight"
            if org is not None:
                org = chained.get(org.start, org) if org.kind == "pronoun" else org
                resolved[token.i] = org
                if org.label == "ORG" and word == "it":  # "GM said … . It added …": the next one's antecedent
                    chained[token.i] = org
                    org_at[token.i] = Found(token.i, token.i + 1, org.name, org.label, "pronoun", org.key)
                    orgs.append(org_at[token.i])
            continue
        if word in REFLEXIVE_PRONOUNS:
            subject = _clause_subject(token)
            bound = (org_at if word in ORG_PRONOUNS else person_at).get(subject.i) if subject is not None else None
            if bound is None and subject is not None:
                bound = resolved.get(subject.i)
            if bound is not None:
                resolved[token.i] = bound
            continue  # "himself" is its clause's subject, or no one the article names
        principal = _represented(token, person_at, resolved)
        if principal is not None:
            resolved[token.i] = principal
            continue
        speaker = _quoted_by(token, quotes, person_at)
        sex = "female" if word in FEMALE_PRONOUNS else "male"
        local = _clause_subject(token) if token.dep_ in {"dobj", "dative", "pobj"} else None
        fits = [p for p in persons if p.key != speaker and sexes.get(p.key, sex) == sex
                and not (local is not None and p.start <= local.i < p.end)]  # "X congratulated her": not X
        window = [p for p in fits if previous <= p.start < token.i]
        if not window and token.dep_ in {"nsubj", "nsubjpass", "poss"}:
            window = [p for p in lone if p.key != speaker and sexes.get(p.key, sex) == sex
                      and _governs(doc[p.end - 1], token)]
        if not window:
            earlier = [p for p in fits if starts[max(n - 4, 0)] <= p.start < token.i]
            if not earlier and sex in chain and chain[sex][0] >= starts[max(n - 4, 0)] and sexes.get(
                    chain[sex][1].key) == sex and not any(chain[sex][0] < p.start < token.i for p in persons + lone):
                resolved[token.i] = chain[sex][1]  # "He said … . He added …": no one named since the last "he"
                chain[sex] = (token.i, chain[sex][1])
                continue
            if len({p.key for p in earlier}) != 1:
                continue
            window = earlier
        window = [p for p in window if p.start >= firsts[token.i]] or window  # its own sentence first
        subjects = [p for p in window if doc[p.end - 1].dep_ in {"nsubj", "nsubjpass"}]
        keys = {p.key for p in window}
        resolved[token.i] = (subjects or window)[-1] if len(keys) > 1 else window[-1]
        chain[sex] = (token.i, resolved[token.i])
    resolved.update(_first_person(doc, found, quotes, person_at, resolved))
    return resolved


def _first_person(doc: Doc, found: list[Found], quotes: tuple[tuple[int, int], ...], person_at: Mapping[int, Found],
                  resolved: Mapping[int, Found]) -> dict[int, Found]:
    """I/me/my in a quotation → its speaker, a named person or a pronoun linked to one ("“I will stay,” Smith
    said"); we/us/our there, when no organisation speaks → the one organisation the article makes the speaker an
    officer of ("Acme CEO John Smith", "John Smith, the chief executive of Acme"), or the one country a speaker
    leads ("John Smith, Prime Minister of Canada")."""
    employers = _employers(doc, found)
    out: dict[int, Found] = {}
    for first, last in quotes:
        words = [t for t in doc[first + 1:last] if t.pos_ == "PRON" and t.i not in resolved
                 and (t.lower_ in FIRST_SINGULAR_PRONOUNS or t.lower_ in FIRST_PLURAL_PRONOUNS)]
        if not words:
            continue
        speaker = quotation_speaker(doc, first, last)
        person = None if speaker is None else person_at.get(speaker.i) or resolved.get(speaker.i)
        if person is None or person.label != "PERSON":
            continue
        employer = employers.get(person.key)
        for token in words:
            if token.lower_ in FIRST_SINGULAR_PRONOUNS:
                out[token.i] = person
            elif employer is not None:
                out[token.i] = employer
    return out


def _employers(doc: Doc, found: list[Found]) -> dict[str, Found]:
    """Person key → the one organisation (or, for a role noun, country) the article names the person an officer
    of: "Acme CEO John Smith", "Acme's John Smith", "John Smith, the chief executive of Acme", "John Smith, Prime
    Minister of Canada"."""
    owner_at = {i: f for f in found if f.label in {"ORG", "GPE", "PERSON"} and not f.role and f.kind in {
        "name", "title", "description"} for i in range(f.start, f.end)}
    seen: dict[str, dict[str, Found]] = defaultdict(dict)
    for f in found:
        if f.label != "PERSON" or f.kind not in {"name", "title"}:
            continue
        root = doc[f.end - 1]
        nouns = [c for c in root.children if c.dep_ == "appos" and c.i > root.i]
        if root.dep_ == "appos" and root.head.i < f.start:
            nouns.append(root.head)
        owners = [o for c in root.children if c.dep_ in {"compound", "nmod", "poss"} and c.i < root.i
                  for o in (c, *(g for g in c.children if g.dep_ in {"compound", "nmod", "poss"}))]
        for noun in nouns:
            if noun.pos_ not in {"NOUN", "PROPN"} or (noun_class(noun.lemma_.lower()) != "PERSON"
                                                      and fold(noun.text) not in TITLE_WORDS):
                continue
            owners += [c for c in noun.children if c.dep_ in {"compound", "nmod", "poss"}]
            owners += [o for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in {"of", "at"}
                       for o in prep.children if o.dep_ == "pobj"]
        for owner in owners:
            org = owner_at.get(owner.i)
            if org is None or org.key == f.key:
                continue
            anchor = fold((owner.head.head if owner.dep_ == "pobj" else owner.head).text).strip(".")
            if (org.label == "ORG" or org.label == "GPE" and anchor in ROLE_NOUNS
                    or org.label == "PERSON" and anchor in OFFICER_NOUNS):
                seen[f.key][org.key] = org
    return {key: next(iter(orgs.values())) for key, orgs in seen.items() if len(orgs) == 1}


def pronouns(doc: Doc, found: list[Found]) -> list[Found]:
    """The pronouns ``resolve_pronouns`` settles, as mentions (kind ``pronoun``) of their entities."""
    resolved = resolve_pronouns(doc, found)
    return [Found(i, i + 1, f.name, f.label, "pronoun", f.key, 0) for i, f in sorted(resolved.items())]


def person_sexes(doc: Doc, found: list[Found]) -> dict[str, str]:
    """Person key → ``female``/``male`` where a title ("Mrs.", "Sir") or a noun the article gives the person
    ("actress X", "X, her father", a description "the actress") says so, and says one thing only."""
    seen: dict[str, set[str]] = defaultdict(set)
    table = as_tokens(doc)
    for f in found:
        if f.label != "PERSON" or f.kind not in {"name", "title", "description"}:
            continue
        for token in table[f.start:f.end]:
            word = fold(token.text).strip(".")
            if word in FEMALE_TITLES:
                seen[f.key].add("female")
            elif word in MALE_TITLES:
                seen[f.key].add("male")
        root = doc[f.start:f.end].root
        nouns = [root] if f.kind == "description" else [c for c in root.children if c.dep_ == "appos"]
        if f.kind != "description" and root.dep_ == "appos":
            nouns.append(root.head)
        if f.kind != "description" and f.start > 0 and doc[f.start - 1].dep_ == "compound":
            nouns.append(doc[f.start - 1])  # "actress Lindsay Lohan"
        for noun in nouns:
            sex = noun_sex(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
            if sex:
                seen[f.key].add(sex)
    return {key: next(iter(s)) for key, s in seen.items() if len(s) == 1}


def _organisation(token: Token, orgs: list[Found], org_at: Mapping[int, Found], person_at: Mapping[int, Found],
                  previous: int, quotes: tuple[tuple[int, int], ...]) -> Found | None:
    """The organisation an it/its/they/their/we stands for (module notes), or ``None``."""
    doc, word = token.doc, token.lower_
    quoted = next(((a, b) for a, b in quotes if a < token.i < b), None)
    if word in FIRST_PLURAL_PRONOUNS:
        if quoted is None:
            return None
        speaker = quotation_speaker(doc, *quoted)
        if speaker is None:
            return None
        if speaker.i in org_at:
            return org_at[speaker.i]  # "'We will appeal,' the club said"
        principals = [org_at[p.i] for p in speaker_phrase(speaker).principals if p.i in org_at]
        return principals[0] if len({p.key for p in principals}) == 1 else None  # "…, an Acme spokesman said"
    if word == "it" and (token.dep_ not in {"nsubj", "nsubjpass"} or empty_it(token)):
        return None  # "it is likely that", "it is feared that", "it takes time": no entity
    window = sorted((f for f in orgs if previous <= f.start and f.end <= token.i), key=lambda f: f.start)
    if quoted is not None:
        window = [f for f in window if not quoted[0] < f.start < quoted[1]] or window
    if not window:
        return None
    subjects = [f for f in window if _subject(doc[f.end - 1])]
    if not subjects:
        return None  # "a team in the Eastern Conference. With its …": an organisation named in passing
    best = subjects[-1]
    plural = word in PLURAL_PRONOUNS
    for i in range(best.end, token.i):
        t = doc[i]
        if i in org_at:
            continue
        if plural and (t.tag_ in {"NNS", "NNPS"} or t.lower_ in {"they", "them", "their", "you", "we"}
                       or i in person_at and person_at[i] is not person_at.get(i - 1)):
            return None  # "they" may be the people or things just named
        if not plural and t.pos_ in {"NOUN", "PROPN"} and t.tag_ not in {"NNS", "NNPS"} and t.dep_ in {
                "nsubj", "nsubjpass"} and i not in person_at:
            return None  # another singular thing is the subject in between
    return best


def possessor_subject(pronoun: Token) -> Token | None:
    """The subject an its/their stands for when it is the possessor of an argument of that subject's own clause
    and agrees with it in number: "The index fell to its lowest level", "Markets resumed their slide"; ``None``
    for any other pronoun or a subject that is a person's name or a pronoun."""
    word = pronoun.lower_
    if pronoun.dep_ != "poss" or word not in {"its", "their"}:
        return None
    verb = pronoun.head
    for _ in range(4):  # up from the possessed noun through prepositions to its clause's verb
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or subject.ent_type_ in {"PERSON", "NORP"}:
        return None
    plural = subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
    return subject if plural == (word == "their") else None


def _subject(name: Token) -> bool:
    """Whether a name is its clause's subject, itself or in apposition to it ("Another automaker, General Motors,
    announced that it …")."""
    return name.dep_ in {"nsubj", "nsubjpass"} or (
        name.dep_ == "appos" and name.head.dep_ in {"nsubj", "nsubjpass"} and name.head.pos_ == "NOUN")


def _governs(name: Token, pronoun: Token) -> bool:
    """Whether ``name`` is the subject of a clause that holds ``pronoun`` in its sentence ("Gupta confirmed that
    he …", "Jackman said his …")."""
    return name.dep_ in {"nsubj", "nsubjpass"} and name.i < pronoun.i and name.head.is_ancestor(pronoun)


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause ``token`` is an argument of (through a preposition: "with him"), if any."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ == "pobj" and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i != token.i:
            return child
    return None


def _represented(token: Token, person_at: Mapping[int, Found], resolved: Mapping[int, Found]) -> Found | None:
    """The person a representative speaks for, when ``token`` is the subject of a clause the representative
    reports ("her lawyer said he would appeal") and that person is known (a name, or a pronoun already linked)."""
    if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.i == token.i:
        return None
    speaker = speaker_of(token.head)
    if speaker is None or speaker.i == token.i:
        return None
    for principal in speaker_phrase(speaker).principals:
        found = person_at.get(principal.i) or resolved.get(principal.i)
        if found is not None:
            return found
    return None


def _quoted_by(token: Token, quotes: tuple[tuple[int, int], ...], person_at: Mapping[int, Found]) -> str | None:
    """The key of the named person who speaks the quotation ``token`` stands in: a third-person pronoun there is
    never the speaker ("“She fell,” Smith said": she is not Smith)."""
    for first, last in quotes:
        if first < token.i < last:
            speaker = quotation_speaker(token.doc, first, last)
            found = person_at.get(speaker.i) if speaker is not None else None
            return found.key if found is not None else None
    return None
