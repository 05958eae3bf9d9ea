"""Apply the analyst's roles file to a stored graph: link the role descriptions no text settled to their holder.

An ingest without a roles file leaves a role description that neither its article nor another of the same days
settles ("the Russian leader" where no article names a Russian leader) unlinked. The stored graph keeps of it what
its relations and statements carry: an evidence end written as the description, standing for a concept
("russian leader", scoped to the story like every concept), and the speaker of evidence and event reports kept as
text only (``speaker_text``, no ``attributed_to``). Its mention spans, event participations and the speech events
it is the speaker of are not stored as such.

``apply_roles`` finds those texts again (``role_description``: a definite description of a country's office
holder, its country a demonym, a known country name or a stored place), asks the roles file for the holder on the
article's date (``Roles.holders``, one holder or none, as at ingest) and, one transaction per article and holder:
moves the evidence ends to the holder (its relations re-keyed and counted again from their evidence, as
``newsgraph.graph.moves`` does for any move, and the concept dropped once nothing is left at it), names the holder
as the speaker of that evidence and of those event reports, gives the holder a ``MENTIONS`` of the article with
the description's spans, logs the link as a ``Resolution`` with rule ``analyst role`` (the row an ingest with the
roles file writes) and creates the holder when no stored entity has its name. A stored entity of the holder's name
is the holder whatever type the model gave it (the roles file names a person): it becomes a Person, as an ingest
with the roles file makes it. A description once linked is no concept or text-only speaker any more, so running it
again finds nothing to do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newsgraph.graph import cypher, reresolve_cypher as rc
from newsgraph.graph.build import edge_id
from newsgraph.graph.moves import Part, Statement, entity_statements, relation_statements, resolution_id
from newsgraph.graph.roles import RoleLine, Roles
from newsgraph.graph.store import GraphStore
from newsgraph.ingest.names import (
    CANONICAL_NAMES,
    DEMONYMS,
    HEAD_OF_STATE_ROLES,
    ROLE_NOUNS,
    ROLE_QUALIFIERS,
    demonym_country,
    fold,
    name_key,
    slug,
)
from newsgraph.model import Entity

RULE = "analyst role"
_COUNTRIES = {name_key(c): c for c in (*DEMONYMS.values(), *CANONICAL_NAMES.values())}
_COPULAS = frozenset({"be", "become", "remain"})  # "X is the Russian president" says what X is: no mention


def role_description(text: str, places: Mapping[str, str] = _COUNTRIES) -> tuple[str, str] | None:
    """(country, role) of a description of a country's office holder as written, else None. The role is the
    role noun with its qualifiers, every head-of-state noun alone ``leader`` (as ``anaphora.role_name``); the
    country a demonym or a place of ``places`` (name key → name). Any other word (a name, "former", "first",
    "African") makes it something else.

    >>> role_description("The Russian leader"), role_description("Ukraine's foreign minister", {"ukraine": "Ukraine"})
    (('Russia', 'leader'), ('Ukraine', 'foreign minister'))
    >>> role_description("the president of the United States"), role_description("the U.S. president")
    (('United States', 'leader'), ('United States', 'leader'))
    >>> [role_description(t) for t in ("the former Russian leader", "the first African American president",
    ...                                "Russian leader", "the president of the Academy", "the Russian leaders")]
    [None, None, None, None, None]
    """
    words = [w.strip(",;:\"“”()") for w in fold(" ".join(text.split())).split()]
    words = [w for w in words if w]
    definite = bool(words) and words[0] == "the"
    words = words[1:] if definite else words
    if "of" in words:  # "the president of Russia"
        at = words.index("of")
        head, country = words[:at], words[at + 1:]
        country = country[1:] if country[:1] == ["the"] else country
        found = _country(" ".join(country), places) if definite and country else None
        role = _role(head)
        return (found, role) if found and role else None
    for split in range(len(words) - 1, 0, -1):
        role = _role(words[split:])
        if role is None:
            continue
        country = words[:split]
        possessive = country[-1].endswith(("'s", "'"))
        country[-1] = country[-1].removesuffix("'s").removesuffix("'")
        found = _country(" ".join(country), places)
        if found and (definite or possessive):
            return found, role
    return None


def _role(words: list[str]) -> str | None:
    """The role of a role noun and its qualifiers ("foreign minister", "president" → leader), else None."""
    if not words or words[-1].strip(".") not in ROLE_NOUNS or any(w not in ROLE_QUALIFIERS for w in words[:-1]):
        return None
    noun = words[-1].strip(".")
    return "leader" if len(words) == 1 and noun in HEAD_OF_STATE_ROLES else " ".join([*words[:-1], noun])


def _country(text: str, places: Mapping[str, str]) -> str | None:
    if not text:
        return None
    if " " not in text and (demonym := demonym_country(text)):
        return demonym
    key = name_key(text)
    return places.get(key) or _COUNTRIES.get(key)


@dataclass(frozen=True)
class RoleLink:
    """The role descriptions of one article that one roles line gives a holder: the evidence ends written as them
    (evidence id, ``subject``/``object``), the evidence and event report mentions (event id, index) they are the
    speaker of, their
    spans (start, end, text), the first as written (``description``, the merge log's alias) with its country and
    role, and the holder (``holder_id``; ``new`` when no stored entity has its name; ``retyped``, the stored entity
    of its name when the model gave it another type than Person, which the link makes a Person)."""

    source: str
    published: str
    line: RoleLine
    holder_id: str
    new: bool
    description: str
    country: str
    role: str
    ends: tuple[tuple[str, str], ...] = ()
    speakers: tuple[str, ...] = ()
    reports: tuple[tuple[str, int], ...] = ()
    spans: tuple[tuple[int, int, str], ...] = ()
    retyped: Entity | None = None

    @property
    def detail(self) -> str:
        """The merge log's detail, as an ingest with the roles file writes it."""
        return (f"{self.description!r} ({self.role} of {self.country}, {self.published or 'undated'}): "
                f"{self.line.origin} names {self.line.holder!r}")


@dataclass(frozen=True)
class Linked:
    """What one link moved: evidence ends, speakers (of evidence and of event reports), mention spans, and the
    relations touched before and after."""

    ends: int
    speakers: int
    spans: int
    relations_before: int
    relations_after: int


@dataclass(frozen=True)
class RolesReport:
    """Each link with what it moved (None for a dry run), and the descriptions no line settles, with why."""

    done: tuple[tuple[RoleLink, Linked | None], ...] = ()
    notes: tuple[str, ...] = ()


def apply_roles(store: GraphStore, roles: Roles, *, dry_run: bool = False,
                progress: Callable[[RoleLink, Linked | None], None] | None = None) -> RolesReport:
    """Link the unlinked role descriptions ``store`` holds to the holders ``roles`` gives, one transaction per
    article and holder; with ``dry_run`` only say what would be done.

    Raises:
        StoreUnavailable: the store failed (links already made stay made; running it again makes the rest).
    """
    entities = store.known_entities()
    places = {**_COUNTRIES}
    for e in entities:
        if e.type == "Place":
            places.update({name_key(n): e.name for n in (e.name, *e.aliases) if name_key(n)})
    dates = {r["id"]: r["published"] or "" for r in store.run(rc.SOURCE_DATES)}
    links, notes = _plan(roles, entities, places, dates, store.run(rc.UNLINKED_ENDS), store.run(rc.SPOKEN_REPORTS))
    done = []
    for link in links:
        linked = None if dry_run else _apply(store, link)
        done.append((link, linked))
        if progress:
            progress(link, linked)
    return RolesReport(tuple(done), tuple(notes))


def _plan(roles: Roles, entities: list[Entity], places: Mapping[str, str], dates: Mapping[str, str],
          evidence: list[dict], reports: list[dict]) -> tuple[list[RoleLink], list[str]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}  # (source, holder key) → what links there
    notes: dict[str, str] = {}
    used = {e.id for e in entities}
    made: dict[str, str] = {}  # holder key → id of a holder this run creates

    def holder(source: str, text: str | None) -> dict[str, Any] | None:
        parsed = role_description(text or "", places)
        if parsed is None:
            return None
        country, role = parsed
        published = dates.get(source, "")
        lines = roles.holders(country, role, published)
        if len({name_key(r.holder) for r in lines}) != 1:
            if not lines:
                notes.setdefault(f"{source}: {text!r}", f"no line of the roles file covers {role} of {country} "
                                 f"on {published or 'an undated article'}")
            else:
                notes.setdefault(f"{source}: {text!r}", "the roles file gives several holders: "
                                 + ", ".join(f"{r.holder!r} ({r.origin})" for r in lines))
            return None
        line, key = lines[0], name_key(lines[0].holder)
        if (source, key) not in found:
            known = _holder(entities, key)
            if known is None and key not in made:
                base, n = slug(line.holder), 2
                made[key] = base
                while made[key] in used:
                    made[key], n = f"{base}-{n}", n + 1
                used.add(made[key])
            found[(source, key)] = {"source": source, "published": published, "line": line,
                                    "holder_id": known.id if known else made[key], "new": known is None,
                                    "retyped": known if known is not None and known.type != "Person" else None,
                                    "description": "", "first": None, "country": country, "role": role,
                                    "ends": [], "speakers": [], "reports": [], "spans": {}}
        return found[(source, key)]

    for v in sorted(evidence, key=lambda r: (r["source"], r["id"])):
        for side in ("subject", "object"):
            if not str(v.get(f"{side}_id") or "").startswith("concept:"):
                continue
            if side == "object" and fold(v.get("predicate") or "").split()[:1] and \
                    fold(v.get("predicate") or "").split()[0] in _COPULAS:
                continue
            target = holder(v["source"], v.get(f"{side}_text"))
            if target is None:
                continue
            start, end, text = v.get(f"{side}_start"), v.get(f"{side}_end"), v.get(f"{side}_text")
            target["ends"].append((v["id"], side))
            target["spans"][(start, end)] = text
            if target["first"] is None or start < target["first"]:
                target["first"], target["description"] = start, text
        if not v.get("attributed_to") and v.get("speaker_text"):
            target = holder(v["source"], v["speaker_text"])
            if target is not None:
                target["speakers"].append(v["id"])
                target["said"] = target.get("said") or v["speaker_text"]
    for r in sorted(reports, key=lambda r: (r["source"], r["event"])):
        props = r["props"]
        ids = list(props.get("attributed_to_ids") or [])
        for i, text in enumerate(props.get("speaker_texts") or []):
            if text and not (ids[i] if i < len(ids) else ""):
                target = holder(r["source"], text)
                if target is not None:
                    target["reports"].append((r["event"], i))
                    target["said"] = target.get("said") or text
    links = []
    for (source, _), f in sorted(found.items()):
        if not f["description"]:  # a speaker only: the description as it names the speaker
            f["description"] = f.get("said") or ""
        spans = tuple(sorted((s, e, t) for (s, e), t in f["spans"].items()))
        links.append(RoleLink(source, f["published"], f["line"], f["holder_id"], f["new"], f["description"],
                              f["country"], f["role"], tuple(f["ends"]), tuple(f["speakers"]), tuple(f["reports"]),
                              spans, f["retyped"]))
    return links, [f"{where}: {why}" for where, why in sorted(notes.items())]


def _holder(entities: list[Entity], key: str) -> Entity | None:
    """The stored entity named ``key``, whatever type the model gave it (by name, else by alias; of several, the
    one person among them; None when none or several)."""
    named = _one([e for e in entities if name_key(e.name) == key])
    if named is not None or any(name_key(e.name) == key for e in entities):
        return named
    return _one([e for e in entities if key in {name_key(a) for a in e.aliases}])


def _one(found: list[Entity]) -> Entity | None:
    """The one entity found, else the one person among them, else None."""
    if len(found) == 1:
        return found[0]
    persons = [e for e in found if e.type == "Person"]
    return persons[0] if len(persons) == 1 else None


def _apply(store: GraphStore, link: RoleLink) -> Linked:
    statements: list[Statement] = []
    holder = link.holder_id
    if link.new:
        statements += entity_statements([{"id": holder, "name": link.line.holder, "type": "Person", "aliases": []}])
    elif link.retyped is not None:
        statements += entity_statements([{"id": holder, "name": link.retyped.name, "type": "Person",
                                          "aliases": list(link.retyped.aliases)}])
    moved_ids = sorted({i for i, _ in link.ends} | set(link.speakers))
    now = {r["id"]: r for r in store.run(rc.EVIDENCE_ENDS, {"ids": moved_ids})}
    changes: dict[str, dict[str, Any]] = defaultdict(dict)
    concepts = set()
    for evidence_id, side in link.ends:
        row = now.get(evidence_id)
        if row and str(row[side] or "").startswith("concept:"):
            concepts.add(row[side])
            changes[evidence_id][f"{side}_id"] = holder
    for evidence_id in link.speakers:
        changes[evidence_id].update(attributed_to=holder, attributed_to_name=link.line.holder)
    relations = _relations(store, [now[i] for i in changes if i in now])
    new_edges = set()
    for evidence_id, change in changes.items():
        row = now.get(evidence_id)
        if row is None:
            continue
        relation = relations.get(row["edge_id"])
        if relation is not None and ("subject_id" in change or "object_id" in change):
            change["edge_id"] = edge_id(change.get("subject_id", row["subject"]), relation["predicate"],
                                        change.get("object_id", row["object"]))
        new_edges.add(change.get("edge_id", row["edge_id"]))
    old_edges = {now[i]["edge_id"] for i in changes if i in now}
    evidence = tuple({**dict(r["props"]), "copy_group": r["copy_group"]}
                     for r in store.run(rc.EVIDENCE_BY_EDGE, {"ids": sorted(old_edges | new_edges)}))
    after = {e["id"]: {**e, **changes.get(e["id"], {})} for e in evidence}
    statements.append((rc.SET_EVIDENCE, {"rows": [{"id": i, "props": c} for i, c in sorted(changes.items())]}))
    statements.append((cypher.LINK_ATTRIBUTION, {"rows": [{"id": i, "attributed_to": holder}
                                                          for i in sorted(link.speakers)]}))
    statements += relation_statements(Part(relations, evidence), after, old_edges | new_edges)
    statements.append((rc.DROP_BARE_CONCEPTS, {"ids": sorted(concepts)}))
    statements += _mentions(store, link)
    statements += _reports(store, link)
    log = {"alias": link.description, "source": link.source, "rule": RULE, "detail": link.detail}
    log["id"] = resolution_id(holder, link.description, link.source, RULE)
    statements.append((rc.PUT_RESOLUTIONS, {"rows": [{"entity": holder, "id": log["id"], "props": log}]}))
    statements.append((cypher.REFRESH_ENTITY_COUNTS, {"ids": [holder]}))
    store._write_units([statements])  # one unit: one transaction (Neo4j), one MULTI/EXEC (FalkorDB)
    return Linked(sum(1 for c in changes.values() if "edge_id" in c), len(link.speakers) + len(link.reports),
                  len(link.spans), len(old_edges), len({e["edge_id"] for e in after.values()
                                                        if e["id"] in changes}))


def _relations(store: GraphStore, evidence: list[dict]) -> dict[str, dict]:
    """The relations of some evidence (id → type, predicate, ends and whether each end is a concept)."""
    by_labels: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in evidence:
        sl, ol = ("Concept" if str(row[end]).startswith("concept:") else "Entity" for end in ("subject", "object"))
        by_labels[(sl, ol)].append({"id": row["edge_id"], "subject": row["subject"], "object": row["object"]})
    out = {}
    for (sl, ol), rows in sorted(by_labels.items()):
        for found in store.run(rc.relations_between(sl, ol), {"rows": rows}):
            out[found["id"]] = {**found, "subject_concept": sl == "Concept", "object_concept": ol == "Concept"}
    return out


def _mentions(store: GraphStore, link: RoleLink) -> list[Statement]:
    """The holder's MENTIONS of the article with the description's spans added (kind ``description``)."""
    if not link.spans:
        return []
    have = store.run(rc.SOURCE_MENTIONS, {"rows": [{"source": link.source, "entity": link.holder_id}]})
    props = dict(have[0]["props"]) if have else {}
    spans = {(s, e): (t, k) for s, e, t, k in zip(props.get("starts") or [], props.get("ends") or [],
                                                  props.get("texts") or [], props.get("kinds") or [])}
    for start, end, text in link.spans:
        spans.setdefault((start, end), (text, "description"))
    ordered = sorted(spans.items())
    props.update(count=len(ordered), starts=[s for (s, _), _ in ordered], ends=[e for (_, e), _ in ordered],
                 texts=[t for _, (t, _) in ordered], kinds=[k for _, (_, k) in ordered])
    return [(rc.PUT_MENTIONS, {"rows": [{"source": link.source, "entity": link.holder_id, "props": props}]})]


def _reports(store: GraphStore, link: RoleLink) -> list[Statement]:
    """The event reports of the article whose speaker, named only by the description, becomes the holder."""
    rows = []
    at: dict[str, set[int]] = defaultdict(set)
    for event, index in link.reports:
        at[event].add(index)
    wanted = [{"source": link.source, "event": event} for event in sorted(at)]
    for report in store.run(rc.SOURCE_REPORTS, {"rows": wanted}) if wanted else ():
        props = dict(report["props"])
        count = len(props.get("starts") or [])
        ids = (list(props.get("attributed_to_ids") or []) + [""] * count)[:count]
        names = (list(props.get("attributed_to_names") or []) + [""] * count)[:count]
        for i in sorted(at[report["event"]]):
            if i < count and not ids[i]:
                ids[i], names[i] = link.holder_id, link.line.holder
        props["attributed_to_ids"], props["attributed_to_names"] = ids, names
        rows.append({"source": report["source"], "event": report["event"], "props": props})
    return [(cypher.MERGE_REPORTS, {"rows": rows})] if rows else []
