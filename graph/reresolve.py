"""Re-resolve a stored graph: apply the analyst's overrides file to what is already stored.

``plan`` compares the file with the stored entities and the analyst merges an earlier run made, and gives the
steps, in this order:

1. ``undo`` — an analyst merge this command made whose pair is no longer in the file's ``merge`` list is taken
   back, newest first: exactly the mention spans, evidence arguments and speakers, event participations and merge
   log rows it moved (each carries a mark) go back to the entity it removed, which gets its id, name, type and
   aliases again, and the entity it joined gets its name and aliases back, and the stories' profiles get the
   removed entity's term back (``newsgraph.graph.story_terms``); a rename no longer in the file is undone too: the
   entity gets back the name it had (the one the ingest chose);
2. ``split`` — a ``never`` pair whose two names one stored entity holds (as its name or an alias) is cut: the
   spans written as the name that is not the entity's own, the evidence arguments and speakers they support,
   the events of that evidence and the merge log rows of that name go to the entity of that name when one is
   stored (an earlier split made it, or an ingest kept the name apart), else to a new entity (id from its name),
   logged with rule ``analyst never``;
3. ``merge`` — an alias whose stored entity is not the one of its canonical name joins it: the whole entity when
   the alias is its name (or the pair gives its id), else only the spans (and what they support) written as the
   alias. The merged entity is named as the file writes the canonical name, and its type is the one of the two
   entities' types with the more mentions (the target's on a tie). The merge is logged as a ``Resolution`` with
   rule ``analyst merge`` (``entities --explain`` shows it) that keeps what undoing it needs. In the stories'
   profiles the removed entity's term (``e:<id>``) becomes the joined entity's;
4. ``rename`` — an entity that already holds both names of a pair, or the canonical name of one, is named as the
   file writes the canonical name (an id there renames nothing), logged as the merge is (``renamed`` set).

A name of a pair may be an entity's id, as ``newsgraph entities`` shows it in brackets ("obama-2"): it addresses
that one entity, whatever its names.

``reresolve`` runs the steps, each in one transaction (one MULTI/EXEC on FalkorDB), reading what the two
entities of a step hold first (``newsgraph.graph.moves``). Running it again with the same file finds nothing to
do. Relations follow their ends: their ids are (subject, key, object), so a merge can make two relations one (its
evidence and sources are then one list, counted again), and a split or undo gives each evidence back the relation
it had — never two relations with one id or one (subject, key, object).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from newsgraph.errors import BadSetting
from newsgraph.graph import cypher, reresolve_cypher as rc
from newsgraph.graph.moves import Moved, Selection, Statement, entity_statements, move, read_part, resolution_id
from newsgraph.graph.overrides import Overrides, rename
from newsgraph.graph.store import GraphStore
from newsgraph.graph.story_terms import Folded, entity_term, fold, unfold
from newsgraph.ingest.names import name_key, slug
from newsgraph.model import Entity

RULE = "analyst merge"


@dataclass(frozen=True)
class Record:
    """An analyst merge this command made (a ``Resolution`` node): the pair of name keys, the entity that now
    holds it and what the entity it removed (``former_*``) and the one it joined (``target_*``) were."""

    id: str
    entity_id: str
    alias: str
    canonical: str
    former_id: str
    former_name: str
    former_type: str
    former_aliases: tuple[str, ...]
    target_name: str
    target_aliases: tuple[str, ...]
    seq: int = 0
    target_type: str = ""
    #: What the merge changed in the stories' profiles (the removed entity's term folded into the joined one's).
    stories: tuple[Folded, ...] = ()
    #: The record is of a rename (an entity that held both names of the pair was named as the file writes them).
    renamed: bool = False


@dataclass(frozen=True)
class Step:
    """One move: what goes from ``origin`` to ``target`` (``selection``), the entities written after it
    (``entities``), the ones deleted (``drop``), the merge log record written (``record``, as properties) or
    removed (``undone``), and the override it applies, as the file says it."""

    kind: str
    selection: Selection
    override: str
    entities: tuple[Entity, ...] = ()
    drop: tuple[str, ...] = ()
    record: dict[str, Any] = field(default_factory=dict)
    undone: str = ""
    origin_name: str = ""
    #: For an undo: what the merge changed in the stories' profiles, to give back.
    stories: tuple[Folded, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The steps, and the overrides there was nothing to do for, with why."""

    steps: tuple[Step, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Done:
    """A step and what it moved (None for a dry run)."""

    step: Step
    moved: Moved | None


def plan(overrides: Overrides, entities: list[Entity], records: list[Record],
         mentions: dict[str, int] | None = None) -> Plan:
    """The steps that make the stored entities follow the overrides file (``mentions``: entity id → how many
    mentions it has, which decide a merged entity's type).

    >>> ents = [Entity("venus-williams", "Venus Williams", "Person", ()),
    ...         Entity("serena-williams", "Serena Williams", "Person", ("Serena",))]
    >>> p = plan(Overrides.of(merge=[("Serena Williams", "Venus Williams")], origin="o.toml"), ents, [])
    >>> [(s.kind, s.selection.origin, s.selection.target) for s in p.steps]
    [('merge', 'serena-williams', 'venus-williams')]
    >>> p.steps[0].entities[0].aliases
    ('Serena', 'Serena Williams')
    """
    merges = set(overrides.merge)
    clash = next((pair for pair in overrides.never if pair in merges or pair[::-1] in merges), None)
    if clash:
        raise BadSetting(f"{overrides.origin or 'overrides'}: {clash[0]!r} and {clash[1]!r} are both in 'merge' "
                         f"and in 'never'; keep the pair in one of the two")
    state = {e.id: e for e in entities}
    counts = dict(mentions or {})
    steps: list[Step] = []
    notes: list[str] = []
    origin = overrides.origin or "overrides"
    for rec in sorted(records, key=lambda r: -r.seq):
        if (rec.alias, rec.canonical) in merges:
            continue
        if rec.entity_id not in state:
            notes.append(f"merge {[rec.alias, rec.canonical]}: cannot be undone, its entity is gone")
            continue
        holder = state[rec.entity_id]
        if rec.renamed:
            if holder.id != rec.former_id:
                notes.append(f"merge {[rec.alias, rec.canonical]}: its rename cannot be undone, the name has moved to "
                             f"another entity")
            else:
                _unrename(rec, holder, origin, state, steps)
            continue
        former = Entity(rec.former_id, rec.former_name, rec.former_type, rec.former_aliases)
        # The names this merge brought go; what the entity gained since (a later merge the file keeps) stays:
        # the aliases it had then would drop those.
        brought = {rec.former_name, *rec.former_aliases} - {rec.target_name, *rec.target_aliases}
        kept = {n for r in records if r is not rec and r.entity_id == rec.entity_id
                and (r.alias, r.canonical) in merges for n in (r.former_name, *r.former_aliases)}
        held = holder.aliases if holder.name == (rec.target_name or holder.name) else sorted(
            {*holder.aliases, holder.name})  # the merge named it as the file writes the canonical name
        restored = replace(holder, name=rec.target_name or holder.name, type=rec.target_type or holder.type,
                           aliases=tuple(a for a in held if a not in brought - kept and a != rec.target_name))
        steps.append(Step("undo", Selection(holder.id, former.id, former.name, marked=former.id),
                          f"merge {[rec.alias, rec.canonical]} is no longer in {origin}",
                          (restored, former), undone=rec.id, origin_name=holder.name, stories=rec.stories))
        state[holder.id], state[former.id] = restored, former
    for a, b in overrides.never:  # every entity holding both names is cut (not only the first found)
        for holder in [e for e in sorted(state.values(), key=lambda e: e.id) if {a, b} <= _keys(e)]:
            _split(holder, a, b, origin, state, steps)
    seq = max((r.seq for r in records), default=0)
    as_written = overrides.written or overrides.merge
    for (alias, canonical), (alias_written, _) in zip(overrides.merge, as_written):
        final = overrides.canonical(alias) or canonical
        final_written = overrides.spelling(final) or final
        source, target = _holder(alias, state, alias_written), _holder(final, state, final_written)
        line = f"merge {[alias, canonical]} ({origin})"
        if source is None or target is None:
            missing = alias if source is None else final
            notes.append(f"{line}: no stored entity is named {missing!r} (or several are)")
            continue
        name = target.name if final_written in state else final_written  # an id renames nothing
        if source.id == target.id:
            if name != target.name:
                renamed = rename(target, name)
                seq += 1
                log = {**_record(alias, canonical, final, origin, target, target, seq, target.name), "renamed": True}
                steps.append(Step("rename", Selection(target.id, target.id, name), line, (renamed,), record=log,
                                  origin_name=target.name))
                state[target.id] = renamed
            else:
                notes.append(f"{line}: already one entity, {target.name!r} [{target.id}]")
            continue
        whole = name_key(source.name) == alias or alias_written == source.id
        moved = (source.name, *source.aliases) if whole else tuple(n for n in source.aliases if name_key(n) == alias)
        joined = rename(replace(target, aliases=tuple(sorted(set(target.aliases) | set(moved) - {target.name}))),
                        name)
        if whole:
            joined = replace(joined, type=_merged_type(target, source, counts))
            counts[target.id] = counts.get(target.id, 0) + counts.pop(source.id, 0)
        seq += 1
        alias_name = source.name if whole else moved[0] if moved else alias
        record = _record(alias, canonical, final, origin, source, target, seq, alias_name)
        keys = None if whole else frozenset({alias})
        rest = replace(source, aliases=tuple(n for n in source.aliases if n not in moved))
        written = (joined,) if whole else (joined, rest)
        steps.append(Step("merge", Selection(source.id, target.id, joined.name, keys=keys, mark=source.id), line,
                          written, (source.id,) if whole else (), record, origin_name=source.name))
        state[target.id] = joined
        if whole:
            del state[source.id]
        else:
            state[source.id] = rest
    return Plan(tuple(steps), tuple(notes))


@dataclass(frozen=True)
class Report:
    """What a re-resolve did (or, for a dry run, would do), step by step, and the overrides it had nothing to do
    for, with why."""

    done: tuple[Done, ...] = ()
    notes: tuple[str, ...] = ()


def reresolve(store: GraphStore, overrides: Overrides, *, dry_run: bool = False,
              progress: Callable[[Done], None] | None = None) -> Report:
    """Apply ``overrides`` to what ``store`` holds, one transaction per step; with ``dry_run`` only say what
    would be done.

    Raises:
        BadSetting: the file puts one pair in both 'merge' and 'never' (nothing is written).
        StoreUnavailable: the store failed (steps already done stay done; running it again finishes the rest).
    """
    records = [Record(r["id"], r["entity_id"], r["alias"], r["canonical"], r["former_id"], r["former_name"] or "",
                      r["former_type"] or "Other", tuple(r["former_aliases"] or ()), r["target_name"] or "",
                      tuple(r["target_aliases"] or ()), int(r["seq"] or 0), r["target_type"] or "",
                      tuple(Folded(*f) for f in zip(r["story_ids"] or (), r["story_at"] or (),
                                                    r["story_weights"] or (), r["story_target_at"] or ())),
                      bool(r["renamed"]))
               for r in store.run(rc.OVERRIDE_RECORDS)]
    mentions = {r["id"]: int(r["mentions"] or 0) for r in store.run(rc.MENTION_COUNTS)}
    steps = plan(overrides, store.known_entities(), records, mentions)
    done = []
    for step in steps.steps:
        moved = None if dry_run else _apply(store, step)
        done.append(Done(step, moved))
        if progress:
            progress(done[-1])
    return Report(tuple(done), steps.notes)


def _apply(store: GraphStore, step: Step) -> Moved:
    sel = step.selection
    renaming = sel.origin == sel.target  # a rename, or its undo: nothing moves
    moved = Moved((), 0, 0, 0, 0, 0, 0) if renaming else move(read_part(store.run, [sel.origin, sel.target]), sel)
    rows = [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in step.entities]
    statements = [*entity_statements(rows), *moved.statements]
    record = step.record
    if step.drop:  # the entity merged away: its term in the stories' profiles becomes the joined entity's
        profiles, folded = _fold_stories(store, sel.origin, sel.target)
        statements += profiles
        if folded:
            record = {**record, "story_ids": [f.story for f in folded], "story_at": [f.at for f in folded],
                      "story_weights": [f.weight for f in folded], "story_target_at": [f.target_at for f in folded]}
    if step.stories:
        statements += _unfold_stories(store, sel.target, sel.origin, step.stories)
    if record:
        statements.append((rc.PUT_RESOLUTIONS, {"rows": [{"entity": sel.target, "id": record["id"],
                                                          "props": record}]}))
    if step.undone:
        statements.append((rc.DROP_RESOLUTIONS, {"ids": [step.undone]}))
    if step.drop:
        statements.append((rc.DROP_ENTITIES, {"ids": list(step.drop)}))
    kept = sorted({sel.origin, sel.target} - set(step.drop))
    statements.append((cypher.REFRESH_ENTITY_COUNTS, {"ids": kept}))
    store._write_units([statements])  # one unit: one transaction (Neo4j), one MULTI/EXEC (FalkorDB)
    return moved


def _record(alias: str, canonical: str, final: str, origin: str, source: Entity, target: Entity, seq: int,
            alias_name: str) -> dict[str, Any]:
    """The merge log row of an analyst merge of ``source`` into ``target`` (the same entity for a rename), with
    what undoing it needs."""
    record: dict[str, Any] = {
        "alias": alias_name, "source": origin, "rule": RULE, "detail": f"{alias!r} → {final!r} ({origin})",
        "override_alias": alias, "override_canonical": canonical, "former_id": source.id, "former_name": source.name,
        "former_type": source.type, "former_aliases": list(source.aliases), "target_name": target.name,
        "target_aliases": list(target.aliases), "target_type": target.type, "seq": seq}
    record["id"] = resolution_id(target.id, alias_name, origin, RULE)
    return record


def _unrename(rec: Record, holder: Entity, origin: str, state: dict[str, Entity], steps: list[Step]) -> None:
    """The step that gives an entity a rename made back its name (the one the ingest chose), when the entity still
    holds that name; the name the rename gave stays an alias only if the entity had it before."""
    names = {holder.name, *holder.aliases}
    if rec.target_name not in names or holder.name == rec.target_name:
        return
    brought = {holder.name} - set(rec.target_aliases)
    restored = replace(holder, name=rec.target_name,
                       aliases=tuple(sorted(names - brought - {rec.target_name})))
    steps.append(Step("undo", Selection(holder.id, holder.id, restored.name),
                      f"merge {[rec.alias, rec.canonical]} is no longer in {origin}", (restored,), undone=rec.id,
                      origin_name=holder.name))
    state[holder.id] = restored


def _fold_stories(store: GraphStore, origin: str, target: str) -> tuple[list[Statement], list[Folded]]:
    """The statements that fold entity ``origin``'s term of the stories' profiles into ``target``'s, and what
    each story had."""
    rows, folded = [], []
    for row in store.run(rc.STORIES_WITH_TERM, {"term": entity_term(origin)}):
        done = fold(row["id"], list(row["terms"] or ()), [int(w) for w in row["weights"] or ()], origin, target)
        if done is not None:
            rows.append({"id": row["id"], "terms": done[0], "weights": done[1]})
            folded.append(done[2])
    return ([(rc.SET_STORY_PROFILES, {"rows": rows})] if rows else []), folded


def _unfold_stories(store: GraphStore, origin: str, target: str, folded: tuple[Folded, ...]) -> list[Statement]:
    """The statements that give entity ``origin``'s term back to the stories a merge into ``target`` folded it
    out of (a story gone since is left out)."""
    profiles = {r["id"]: r for r in store.run(rc.STORY_PROFILES, {"ids": sorted({f.story for f in folded})})}
    rows = []
    for was in folded:
        row = profiles.get(was.story)
        if row is not None:
            terms, weights = unfold(list(row["terms"] or ()), [int(w) for w in row["weights"] or ()], origin, target,
                                    was)
            rows.append({"id": was.story, "terms": terms, "weights": weights})
    return [(rc.SET_STORY_PROFILES, {"rows": rows})] if rows else []


def _split(holder: Entity, a: str, b: str, origin: str, state: dict[str, Entity], steps: list[Step]) -> None:
    """The step that cuts the name of the never pair (``a``, ``b``) that is not ``holder``'s own name out of it,
    into the entity of that name when one is stored, else into a new entity (``state`` updated)."""
    key = b if name_key(holder.name) != b else a
    names = tuple(n for n in holder.aliases if name_key(n) == key)
    other = {a, b} - {key}
    there = sorted((e for e in state.values() if e.id != holder.id and name_key(e.name) == key
                    and not other & _keys(e)), key=lambda e: e.id)
    if there:  # an earlier split made it: a second one would be an entity no override can tell from it
        new_id = there[0].id
        new = replace(there[0], aliases=tuple(sorted(set(there[0].aliases) | set(names) - {there[0].name})))
    else:
        new_id = _free_id(slug(names[0]), state)
        new = Entity(new_id, names[0], holder.type, names[1:])
    kept = replace(holder, aliases=tuple(n for n in holder.aliases if n not in names))
    line = f"never {[a, b]} ({origin})"
    log = {"alias": new.name, "source": origin, "rule": "analyst never",
           "detail": f"split from {holder.name!r} [{holder.id}]: {line}"}
    log["id"] = resolution_id(new_id, new.name, origin, "analyst never")
    steps.append(Step("split", Selection(holder.id, new_id, new.name, keys=frozenset({key})), line,
                      (kept, new), record=log, origin_name=holder.name))
    state[holder.id], state[new_id] = kept, new


def _keys(entity: Entity) -> set[str]:
    return {name_key(n) for n in (entity.name, *entity.aliases)} - {""}


def _holder(key: str, state: dict[str, Entity], written: str = "") -> Entity | None:
    """The entity whose id the file writes (``written``), else the one entity named ``key``, else the one entity
    with that alias (None when none or several have it)."""
    if written in state:
        return state[written]
    named = [e for e in state.values() if name_key(e.name) == key]
    if named:
        return named[0] if len(named) == 1 else None
    aliased = [e for e in state.values() if key in _keys(e)]
    return aliased[0] if len(aliased) == 1 else None


def _merged_type(target: Entity, source: Entity, mentions: dict[str, int]) -> str:
    """The type of two entities made one: the one of the more mentions, the target's on a tie.

    >>> _merged_type(Entity("b", "B", "Organization"), Entity("a", "A", "Person"), {"b": 19, "a": 42})
    'Person'
    """
    votes = Counter({target.type: mentions.get(target.id, 0)})
    votes[source.type] += mentions.get(source.id, 0)
    return source.type if votes[source.type] > votes[target.type] else target.type


def _free_id(base: str, state: dict[str, Entity]) -> str:
    candidate, n = base, 2
    while candidate in state:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
