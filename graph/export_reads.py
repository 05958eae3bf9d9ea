"""The reads of the line exports of a whole stored graph: only the columns an export needs, as rows of values.

``GraphStore.read_graph`` reads everything (every property of every node and relationship) into a networkx graph;
an export that writes one line per evidence or mention needs a few columns of a few kinds of rows. These reads
give exactly what ``read_graph`` would have put in the graph for them (a property a store lacks reads as
absent, not null), so an export made from them is byte for byte the one made from the graph read back.

Every statement is plain Cypher that FalkorDB and Neo4j both run; each returns scalar and list columns only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsgraph.graph.store import GraphStore
from newsgraph.records import evidence_properties

#: The node labels ``read_graph`` reads, in the order that decides a node's ``kind``.
KINDS = ("Entity", "Concept", "Source", "Event", "Story")

#: Every node ``read_graph`` reads, with what names an evidence's ends: its name and entity type.
NODE_NAMES = """
MATCH (n) WHERE n:Entity OR n:Concept OR n:Source OR n:Event OR n:Story
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.type AS type
"""
#: The analysts' relations: their ends, key (the predicate, else the type) and id, as ``read_graph`` keys them.
RELATION_KEYS = """
MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Concept) AND (b:Entity OR b:Concept)
RETURN a.id AS subject, b.id AS object, type(r) AS type, r.predicate AS predicate, r.id AS id
"""


def evidence_columns() -> tuple[str, ...]:
    """The properties of an Evidence node that ``Evidence.from_properties`` reads: ``id`` and what the store sets.

    >>> evidence_columns()[:3], "quantity_kinds" in evidence_columns()
    (('id', 'edge_id', 'source'), True)
    """
    return ("id", *evidence_properties())


def evidence_statement(columns: Sequence[str]) -> str:
    """The statement reading ``columns`` of every Evidence node (names from ``evidence_columns``, never input).

    >>> print(evidence_statement(["id", "edge_id"]))
    MATCH (v:Evidence) RETURN v.`id` AS `id`, v.`edge_id` AS `edge_id`
    """
    for name in columns:
        if not name.replace("_", "").isalnum():
            raise ValueError(f"not a property name: {name!r}")
    return "MATCH (v:Evidence) RETURN " + ", ".join(f"v.`{name}` AS `{name}`" for name in columns)


def node_names(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Node id → ``{"name", "kind"[, "type"]}`` of every node ``read_graph`` reads: ``name`` defaulting to the id,
    ``kind`` the first of ``KINDS`` among its labels, ``type`` only where the node has one (as in the graph read
    back, where an end's type comes from its node's ``type`` else ``Concept`` for a concept)."""
    nodes: dict[str, dict[str, Any]] = {}
    for node_id, labels, name, entity_type in store.read_rows(NODE_NAMES):
        data = {"name": node_id if name is None else name, "kind": next(k for k in KINDS if k in labels)}
        if entity_type is not None:
            data["type"] = entity_type
        nodes.setdefault(node_id, {}).update(data)  # one id on two nodes: the later one's win, as in networkx
    return nodes


def relation_edges(store: GraphStore, nodes: dict[str, dict[str, Any]]) -> Counter[str]:
    """How many edges of the graph read back carry each relation id: one relation an edge, keyed
    (subject, object, predicate else type) as ``read_graph`` keys them (a later relationship with the same key
    updates the edge, its id replacing the earlier one's); bookkeeping types carry no evidence."""
    from newsgraph.graph.cypher import BOOKKEEPING

    edges: dict[tuple[str, str, str], tuple[str, str]] = {}
    for subject, obj, rel_type, predicate, rel_id in store.read_rows(RELATION_KEYS):
        if subject in nodes and obj in nodes:
            key = (subject, obj, rel_type if predicate is None else predicate)
            edges[key] = (rel_type, rel_id)
    return Counter(rel_id for (*_, key), (rel_type, rel_id) in edges.items()
                   if rel_id is not None and rel_type not in BOOKKEEPING and key.split(":")[0] not in BOOKKEEPING)


def evidence_properties_rows(store: GraphStore) -> list[dict[str, Any]]:
    """The properties of every Evidence node that ``Evidence.from_properties`` reads, as ``properties(v)`` gives
    them (a property the node lacks is absent, not null: a store keeps no null property)."""
    columns = evidence_columns()
    return [{name: value for name, value in zip(columns, row) if value is not None}
            for row in store.read_rows(evidence_statement(columns))]
