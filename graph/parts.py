"""Reading what stored entities hold, for a move (``newsgraph.graph.moves``), an undo or a forget: the relations at
them or spoken by them, all the evidence of those relations, their mention spans, event participations, the event
reports they speak in and their merge log rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsgraph.graph import reresolve_cypher as rc


@dataclass(frozen=True)
class Part:
    """What is stored at some entities: the relations at them or spoken by them (id → type, predicate, ends and
    whether each end is a concept), all the evidence of those relations (``properties`` of the Evidence nodes with
    their source's ``copy_group``), their MENTIONS, HAS_PARTICIPANT, the REPORTS they speak in, and their
    Resolution nodes."""

    relations: dict[str, dict] = field(default_factory=dict)
    evidence: tuple[dict, ...] = ()
    mentions: tuple[dict, ...] = ()
    participants: tuple[dict, ...] = ()
    reports: tuple[dict, ...] = ()
    resolutions: tuple[dict, ...] = ()


def read_part(run, ids: list[str]) -> Part:
    """Read what the entities ``ids`` hold (``run``: a store's ``run``)."""
    relations = {r["id"]: r for r in run(rc.RELATIONS_AT, {"ids": ids}) if r["id"]}
    spoken = [r for r in run(rc.SPOKEN_BY, {"ids": ids}) if r["edge"] not in relations]
    relations.update(relations_of_evidence(run, spoken))
    return Part(relations, evidence_of_relations(run, relations),
                tuple(run(rc.ENTITY_MENTIONS, {"ids": ids})), tuple(run(rc.ENTITY_PARTICIPATIONS, {"ids": ids})),
                tuple(run(rc.REPORTS_SPOKEN_BY, {"ids": ids})), tuple(run(rc.ENTITY_RESOLUTIONS, {"ids": ids})))


def relations_of_evidence(run, rows: Iterable[dict]) -> dict[str, dict]:
    """The relations some evidence rows name (``edge``, ``subject``, ``object`` and whether each end is a concept,
    as ``reresolve_cypher.SPOKEN_BY`` and ``cypher.RELATIONS_OF_SOURCES`` give them): id → type, predicate, ends
    and whether each end is a concept."""
    by_labels: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        by_labels[(_label(row["subject_concept"]), _label(row["object_concept"]))].append(
            {"id": row["edge"], "subject": row["subject"], "object": row["object"]})
    relations: dict[str, dict] = {}
    for (sl, ol), found_rows in sorted(by_labels.items()):
        for found in run(rc.relations_between(sl, ol), {"rows": found_rows}):
            relations[found["id"]] = {**found, "subject_concept": sl == "Concept", "object_concept": ol == "Concept"}
    return relations


def evidence_of_relations(run, ids: Iterable[str]) -> tuple[dict, ...]:
    """Every evidence of the relations ``ids``: its properties, with its source's ``copy_group``."""
    return tuple({**dict(r["props"]), "copy_group": r["copy_group"]}
                 for r in run(rc.EVIDENCE_BY_EDGE, {"ids": sorted(ids)}))


def _label(concept: bool) -> str:
    return "Concept" if concept else "Entity"
