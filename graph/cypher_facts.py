"""The Cypher of the fact layer a store writes: stories and their sources, events with their reports and
participants, and the aggregates an event keeps of its reports. Re-exported by ``newsgraph.graph.cypher``; values
always as parameters, as there.
"""

from __future__ import annotations

MERGE_STORIES = """
UNWIND $rows AS row
MERGE (t:Story {id: row.id})
SET t.name = row.name, t.size = row.size, t.first = row.first, t.last = row.last, t.terms = row.terms,
    t.weights = row.weights
"""

IN_STORY = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})
MATCH (t:Story {id: row.story})
MERGE (s)-[:IN_STORY]->(t)
"""

MERGE_EVENTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
SET e.name = row.name, e.event_class = row.event_class, e.story = row.story
WITH e, row
MATCH (t:Story {id: row.story})
MERGE (e)-[:PART_OF]->(t)
"""

#: One REPORTS relationship per (source, event): the trigger spans of the event's mentions in that source, with
#: each mention's lemma, kind (verbal, nominal, speech), polarity and modality, and who told it (the speaker's and
#: principal's entity ids and names, "" for none; the speaker phrase as written) as parallel lists, the quantities
#: of its mentions as parallel ``quantity_*`` lists (``quantity_starts``: the trigger measured) and one sentence per
#: polarity (``newsgraph.graph.reports.report_properties``). The properties come as one map, which replaces what
#: was stored: a short statement leaves the room FalkorDB's Bolt port has (about 4 KB with the parameters) to them.
MERGE_REPORTS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})
MATCH (e:Event {id: row.event})
MERGE (s)-[r:REPORTS]->(e)
SET r = row.props
"""

#: More of a REPORTS relationship's properties, for a server that takes only so much in one statement (FalkorDB's
#: Bolt port: ``spliced.props_in_pieces``).
ADD_REPORT_PROPS = """
UNWIND $rows AS row
MATCH (s:Source {id: row.source})-[r:REPORTS]->(e:Event {id: row.event})
SET r += row.props
"""

#: An event's participant in a role, with the sources that name it so (``sources``, added to; a participation
#: stored by a version before has none, and is then left without: which sources named it is not known).
MERGE_PARTICIPANTS = """
UNWIND $rows AS row
MATCH (e:Event {id: row.event})
MATCH (x:Entity {id: row.entity})
MERGE (e)-[p:HAS_PARTICIPANT {role: row.role}]->(x)
ON CREATE SET p.sources = row.sources
ON MATCH SET p.sources = CASE WHEN p.sources IS NULL THEN NULL
                              ELSE [s IN p.sources WHERE NOT s IN row.sources] + row.sources END
"""

#: An event's aggregates from its REPORTS: how often and by which sources it is told, how often negated/hedged.
REFRESH_EVENT_COUNTS = """
UNWIND $ids AS id
MATCH (e:Event {id: id})
OPTIONAL MATCH (s:Source)-[r:REPORTS]->(e)
WITH e, s, r ORDER BY s.id
WITH e, collect(s.id) AS sources, collect(r) AS reports, collect(DISTINCT coalesce(s.copy_group, s.id)) AS groups
SET e.sources = sources, e.source_count = size(sources), e.independent_sources = size(groups),
    e.mention_count = reduce(n = 0, r IN reports | n + size(r.starts)),
    e.negated_count = reduce(n = 0, r IN reports | n + size([x IN r.negated WHERE x])),
    e.hedged_count = reduce(n = 0, r IN reports | n + size([x IN r.hedged WHERE x])),
    e.conditional_count = reduce(n = 0, r IN reports | n + size([x IN coalesce(r.conditional, []) WHERE x]))
"""
