"""The reads of the line exports of a whole stored graph: only the columns an export needs, as rows of values.

``GraphStore.read_graph`` reads everything (every property of every node and relationship) into a networkx graph;
an export that writes one line per evidence or mention needs a few columns of a few kinds of rows. These reads
give exactly what ``read_graph`` would have put in the graph for them (a property a store lacks reads as
absent, not null), so an export made from them is byte for byte the one made from the graph read back.

Every statement is plain Cypher that FalkorDB and Neo4j both run; each returns scalar and list columns only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from newsgraph.graph.store import GraphStore
from newsgraph.model import Quantity
from newsgraph.records import Endpoint, EntityRef, Evidence, evidence_properties

if TYPE_CHECKING:
    import networkx as nx

#: The node labels ``read_graph`` reads, in the order that decides a node's ``kind``.
KINDS = ("Entity", "Concept", "Source", "Event", "Story")

#: The names of the entities and concepts, the nodes an evidence's ends stand for, with their kind. One labelled
#: scan each: a scan of every node filtered by label costs FalkorDB ten times as much.
END_NAMES = """
MATCH (n:Entity) RETURN n.id AS id, 'Entity' AS kind, n.name AS name, n.type AS type
UNION ALL
MATCH (n:Concept) WHERE NOT n:Entity RETURN n.id AS id, 'Concept' AS kind, n.name AS name, n.type AS type
"""
#: The same of the other nodes ``read_graph`` reads, by id: for an end that is no entity or concept.
OTHER_NAMES = """
UNWIND $ids AS id
MATCH (n:Source {id: id}) WHERE NOT n:Entity AND NOT n:Concept
RETURN n.id AS id, 'Source' AS kind, n.name AS name, n.type AS type
UNION ALL
UNWIND $ids AS id
MATCH (n:Event {id: id}) WHERE NOT n:Entity AND NOT n:Concept AND NOT n:Source
RETURN n.id AS id, 'Event' AS kind, n.name AS name, n.type AS type
UNION ALL
UNWIND $ids AS id
MATCH (n:Story {id: id}) WHERE NOT n:Entity AND NOT n:Concept AND NOT n:Source AND NOT n:Event
RETURN n.id AS id, 'Story' AS kind, n.name AS name, n.type AS type
"""
#: The Source nodes (all with ``$ids`` null) with every property, as ``read_graph`` reads a source.
SOURCES = """
MATCH (s:Source) WHERE ($ids IS NULL OR s.id IN $ids) AND NOT s:Entity AND NOT s:Concept
RETURN s.id AS id, properties(s) AS props
"""
#: The analysts' relations: their ends, key (the predicate, else the type) and id, as ``read_graph`` keys them.
#: FalkorDB's slowest read here (an untyped traversal; naming the few hundred types costs more).
RELATION_KEYS = """
MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Concept) AND (b:Entity OR b:Concept)
RETURN a.id AS subject, b.id AS object, type(r) AS type, r.predicate AS predicate, r.id AS id
"""


def evidence_columns() -> dict[str, type]:
    """The properties of an Evidence node that ``Evidence.from_properties`` reads (``id`` and what the store
    sets), each with its type (``str``, ``int``, ``float``, ``bool`` or ``list``), from an evidence laid out as
    the store keeps it.

    >>> columns = evidence_columns()
    >>> list(columns)[:3], columns["sentence_start"], columns["confidence"], columns["quantity_kinds"]
    (['id', 'edge_id', 'source'], <class 'int'>, <class 'float'>, <class 'list'>)
    """
    end = Endpoint("", 0, 0, "")
    speaker = EntityRef("", "")
    sample = Evidence("", "", "", "", 0, 0, end, "", end, attributed_to=speaker, on_behalf_of=speaker,
                      event_id="-", quantities=(Quantity("", ""),))
    props = sample.to_properties()
    return {name: type(props[name]) for name in ("id", *evidence_properties())}


def evidence_statement(columns: Sequence[str], *, having: Sequence[str] = ()) -> str:
    """The statement reading ``columns`` of every Evidence node (names from ``evidence_columns``, never input),
    or of those where one of the lists ``having`` is not empty.

    >>> print(evidence_statement(["id", "edge_id"]))
    MATCH (v:Evidence) RETURN v.`id` AS `id`, v.`edge_id` AS `edge_id`
    >>> print(evidence_statement(["id", "quantity_kinds"], having=["quantity_kinds"]))
    MATCH (v:Evidence) WHERE size(v.`quantity_kinds`) > 0 RETURN v.`id` AS `id`, v.`quantity_kinds` AS `quantity_kinds`
    """
    for name in (*columns, *having):
        if not name.replace("_", "").isalnum():
            raise ValueError(f"not a property name: {name!r}")
    where = " OR ".join(f"size(v.`{name}`) > 0" for name in having)
    return ("MATCH (v:Evidence) " + (f"WHERE {where} " if where else "") + "RETURN "
            + ", ".join(f"v.`{name}` AS `{name}`" for name in columns))


def node_names(store: GraphStore, ids: Iterable[str] = ()) -> dict[str, dict[str, Any]]:
    """Node id → ``{"name", "kind"[, "type"]}`` of every entity and concept, and of the nodes of the other kinds
    ``read_graph`` reads among ``ids``, as the graph read back has them: ``name`` defaulting to the id, ``kind``
    the first of ``KINDS`` among its labels, ``type`` only where the node has one (an end's type is its node's
    ``type``, else ``Concept`` for a concept). An id that two nodes carry (a store that is not newsgraph's own
    doing) gets the attributes of the one read last, as in ``read_graph``, whose order is the store's."""
    return other_names(store, ids, end_names(store))


def end_names(store: GraphStore) -> dict[str, dict[str, Any]]:
    """``node_names`` of the entities and concepts alone: one read, which needs no evidence read first."""
    return _named(store.read_rows(END_NAMES, types=[str] * 4), {})


def other_names(store: GraphStore, ids: Iterable[str], nodes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``nodes`` (what ``end_names`` gives) with the nodes of the other kinds among ``ids`` that it lacks: what
    ``node_names(store, ids)`` gives."""
    missing = sorted(set(ids).difference(nodes))
    if missing:
        _named(store.read_rows(OTHER_NAMES, {"ids": missing}, types=[str] * 4), nodes)
    return nodes


def _named(rows: list[list[Any]], nodes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    for node_id, kind, name, entity_type in rows:
        data = {"name": node_id if name is None else name, "kind": kind}
        if entity_type is not None:
            data["type"] = entity_type
        nodes.setdefault(node_id, {}).update(data)
    return nodes


def relation_edges(store: GraphStore) -> Counter[str]:
    """How many edges of the graph read back carry each relation id: one relation an edge, keyed
    (subject, object, predicate else type) as ``read_graph`` keys them (a later relationship with the same key
    updates the edge, its id replacing the earlier one's); bookkeeping types and keys carry no evidence."""
    from newsgraph.graph.cypher import BOOKKEEPING

    edges: dict[tuple[str, str, str], tuple[str, str]] = {}
    for subject, obj, rel_type, predicate, rel_id in store.read_rows(RELATION_KEYS, types=[str] * 5):
        if subject is not None and obj is not None:
            edges[(subject, obj, rel_type if predicate is None else predicate)] = (rel_type, rel_id)
    return Counter(rel_id for (*_, key), (rel_type, rel_id) in edges.items()
                   if rel_id is not None and rel_type not in BOOKKEEPING and key.split(":")[0] not in BOOKKEEPING)


def evidence_rows(store: GraphStore) -> tuple[list[str], list[list[Any]]]:
    """Every Evidence node's properties that ``Evidence.from_properties`` reads, as the columns ``names`` of
    ``rows``: what ``properties(v)`` gives, a property a node lacks as null (a store keeps no null property), and
    the quantity lists null for a node that has none (``from_properties`` reads an empty and an absent list alike).
    The scalars of every node in one read (typed, for the cheaper reply), the lists (the quantities) of the nodes
    that have any in a second, by the node's id; all in one read where two nodes share an id."""
    columns = evidence_columns()
    scalars = [name for name, kind in columns.items() if kind is not list]
    lists = [name for name, kind in columns.items() if kind is list]
    rows = store.read_rows(evidence_statement(scalars), types=[columns[name] for name in scalars])
    at = {row[0]: k for k, row in enumerate(rows)}  # scalars[0] is the id
    if len(at) < len(rows):
        names = list(columns)
        return names, store.read_rows(evidence_statement(names))
    none = [None] * len(lists)
    for row in rows:
        row.extend(none)
    for evidence_id, *values in store.read_rows(evidence_statement(["id", *lists], having=lists)):
        k = at.get(evidence_id)
        if k is not None:
            rows[k][len(scalars):] = values
    return [*scalars, *lists], rows


def source_nodes(store: GraphStore, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Source id → the properties of its node (but ``id``), of every source or of those of ``ids``."""
    params = {"ids": None if ids is None else sorted(ids)}
    return {row["id"]: {k: v for k, v in dict(row["props"]).items() if k != "id"}
            for row in store.run(SOURCES, params) if row["id"] is not None}


def add_sources(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    """Add to ``graph`` (a subgraph read back) the Source nodes its evidence and mentions name but it lacks (a
    relation's evidence may come from a source that mentions no entity of the subgraph), so that its
    sources-jsonl gives the text of every line of its evidence-jsonl and mentions-jsonl."""
    from newsgraph.graph.jsonl_export import referenced_sources

    missing = referenced_sources(graph).difference(graph.nodes)
    if missing:
        for source, props in source_nodes(store, missing).items():
            graph.add_node(source, **{"name": source, **props, "kind": "Source"})
