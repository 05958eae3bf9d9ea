"""How often each name of an entity was written: the number of sources that wrote it as a name.

Resolution names an entity after the key written in the most articles (``name_rules.canonical_name``); an
article's local entity counts each of its spellings once. A stored entity resolved again by a later ingest
(``entity_index.EntityIndex``) weighs its names by the same measure, read from the store: the sources whose
``MENTIONS`` edge to it holds the name among its ``name`` mentions. A later article that misspells a name then
weighs against every article that spelled it right, as in one ingest of all of them, not against a fixed weight.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

#: Per stored entity, the sources that wrote each text as a name (FalkorDB and Neo4j alike).
STORED_NAME_SOURCES = """
MATCH (s:Source)-[m:MENTIONS]->(e:Entity)
WHERE m.kinds IS NOT NULL AND m.texts IS NOT NULL AND size(m.kinds) > 0
UNWIND range(0, size(m.kinds) - 1) AS i
WITH e, s, m.texts[i] AS text, m.kinds[i] AS kind
WHERE kind = 'name'
RETURN e.id AS id, text, count(DISTINCT s) AS sources
"""

#: The kind a mention span that is written as a name has (``newsgraph.graph.build``).
NAME_KIND = "name"


def stored_name_counts(rows: Iterable[Mapping]) -> dict[str, dict[str, int]]:
    """Entity id → name → the sources that wrote it, from the rows of ``STORED_NAME_SOURCES``.

    >>> stored_name_counts([{"id": "e", "text": "Ann Lee", "sources": 4},
    ...                     {"id": "e", "text": "Anne Lee", "sources": 1}])
    {'e': {'Ann Lee': 4, 'Anne Lee': 1}}
    """
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        if row.get("text"):
            out[row["id"]][row["text"]] = int(row["sources"] or 0)
    return dict(out)


def graph_name_counts(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Entity id → name → the sources of a built graph (``build_graph``) that wrote it as a name: what writing the
    graph adds to ``STORED_NAME_SOURCES``.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e", kind="Entity")
    >>> _ = g.add_edge("a1", "e", key="MENTIONS", mentions=[{"text": "Ann Lee", "kind": "name"},
    ...                                                     {"text": "Ann Lee", "kind": "name"},
    ...                                                     {"text": "she", "kind": "pronoun"}])
    >>> _ = g.add_edge("a2", "e", key="MENTIONS", mentions=[{"text": "Anne Lee", "kind": "name"}])
    >>> graph_name_counts(g)
    {'e': {'Ann Lee': 1, 'Anne Lee': 1}}
    """
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for _, node, key, data in graph.edges(keys=True, data=True):
        if key != "MENTIONS" or graph.nodes[node].get("kind") != "Entity":
            continue
        counts = out[node]
        for text in {m["text"] for m in data.get("mentions") or () if m.get("kind") == NAME_KIND}:
            counts[text] = counts.get(text, 0) + 1
    return dict(out)
