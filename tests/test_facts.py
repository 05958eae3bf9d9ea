"""One happening, one node: two outlets that word a fact differently (a synonym, a passive, a phrasal verb) land on
one edge and one event."""

import pytest

from newsgraph.pipeline import ingest

pytestmark = [pytest.mark.store, pytest.mark.model]

FIRST = ("Acme Corporation fired Jonathan Whitlow, its chief executive, on Monday after a review of the "
         "company's accounts. Acme Corporation said the board acted unanimously.")
SECOND = ("Jonathan Whitlow was sacked by Acme Corporation on Monday, the company said. The board of Acme "
          "Corporation met for six hours before the dismissal of Whitlow.")


def test_two_wordings_of_one_fact_are_one_relation_and_one_event(empty_store, seed_settings, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    ingest([tmp_path], empty_store, seed_settings)
    rows = empty_store.run(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE a.name = 'Acme Corporation' AND b.name = 'Jonathan Whitlow' "
        "RETURN type(r) AS type, r.sources AS sources, r.predicate AS predicate")
    merged = [r for r in rows if len(r["sources"]) == 2]
    assert len(merged) == 1, rows
    assert merged[0]["type"] == "DISMISS"
    surfaces = {r["predicate"] for r in empty_store.run(
        "MATCH (v:Evidence) WHERE v.relation_class = $cls RETURN v.predicate AS predicate",
        {"cls": merged[0]["predicate"]})}
    assert {"fire", "be sack"} <= surfaces or {"fire", "sack"} <= surfaces  # the surface wording stays
    events = empty_store.run(
        "MATCH (s:Source)-[r:REPORTS]->(e:Event) WHERE e.event_class = 'dismiss' "
        "RETURN e.id AS id, collect(s.id) AS sources, sum(size(r.starts)) AS mentions")
    assert len(events) == 1 and sorted(events[0]["sources"]) == ["a", "b"]
    assert events[0]["mentions"] == 3  # fired, sacked, the dismissal
    stories = empty_store.run("MATCH (s:Source)-[:IN_STORY]->(t:Story) RETURN DISTINCT t.id AS id")
    assert len(stories) == 1


def test_ingesting_again_changes_nothing(empty_store, seed_settings, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    ingest([tmp_path], empty_store, seed_settings)
    snapshot = empty_store.run(
        "MATCH (n) WHERE n:Story OR n:Event RETURN n.id AS id, properties(n) AS props ORDER BY id")
    reports = empty_store.run(
        "MATCH (s)-[r:REPORTS]->(e) RETURN s.id AS s, e.id AS e, r.starts AS starts ORDER BY s, e")
    ingest([tmp_path], empty_store, seed_settings, force=True)
    assert empty_store.run(
        "MATCH (n) WHERE n:Story OR n:Event RETURN n.id AS id, properties(n) AS props ORDER BY id") == snapshot
    assert empty_store.run(
        "MATCH (s)-[r:REPORTS]->(e) RETURN s.id AS s, e.id AS e, r.starts AS starts ORDER BY s, e") == reports


THIRD = ("The California Highway Patrol pulled over Marcus Delaney on the freeway early Sunday. Marcus Delaney "
         "watched the collision of two trucks before the patrol arrived.")
FOURTH = ("Marcus Delaney was stopped by the California Highway Patrol early Sunday, the patrol said. Marcus Delaney "
          "had witnessed the collision of two trucks minutes earlier.")


@pytest.mark.parametrize(("subject", "rel_type", "obj"), [
    ("Highway Patrol", "HALT", "Marcus Delaney"),  # pulled over / was stopped by
    ("Marcus Delaney", "SEE", None),  # watched / witnessed the collision
])
def test_a_traffic_stop_and_a_sighting_worded_apart_land_on_one_edge(empty_store, seed_settings, tmp_path,
                                                                      subject, rel_type, obj):
    (tmp_path / "c.txt").write_text(THIRD, encoding="utf-8")
    (tmp_path / "d.txt").write_text(FOURTH, encoding="utf-8")
    ingest([tmp_path], empty_store, seed_settings)
    rows = empty_store.run(
        f"MATCH (a:Entity)-[r:{rel_type}]->(b) WHERE a.name ENDS WITH $subject "
        "RETURN b.name AS object, r.sources AS sources", {"subject": subject})
    merged = [r for r in rows if sorted(r["sources"]) == ["c", "d"] and (obj is None or r["object"] == obj)]
    assert len(merged) == 1, rows
    surfaces = {r["predicate"] for r in empty_store.run(
        "MATCH (v:Evidence) WHERE v.relation_class = $cls RETURN v.predicate AS predicate",
        {"cls": rel_type.lower()})}
    assert len(surfaces) == 2, surfaces  # each outlet's own wording stays on its evidence


FIFTH = ("Coast guard officers captured Tomas Varga off Malta on Friday. Tomas Varga apologised to the crew of the "
         "Santa Lucia.")
SIXTH = ("Tomas Varga was arrested by coast guard officers off Malta on Friday, officials said. Tomas Varga "
         "apologized to the crew of the Santa Lucia.")


def test_a_capture_of_a_person_and_an_arrest_are_one_fact_and_spellings_do_not_part_a_class(
        empty_store, seed_settings, tmp_path):
    (tmp_path / "e.txt").write_text(FIFTH, encoding="utf-8")
    (tmp_path / "f.txt").write_text(SIXTH, encoding="utf-8")
    ingest([tmp_path], empty_store, seed_settings)
    rows = empty_store.run(
        "MATCH (a)-[r:ARREST]->(b:Entity) WHERE b.name = 'Tomas Varga' RETURN r.sources AS sources")
    assert [sorted(r["sources"]) for r in rows] == [["e", "f"]], rows
    said = empty_store.run(
        "MATCH (v:Evidence) WHERE v.predicate IN ['apologise to', 'apologize to'] "
        "RETURN v.source AS source, v.relation_class AS cls, v.edge_id AS edge ORDER BY source")
    assert [r["source"] for r in said] == ["e", "f"], said
    assert said[0]["cls"] == said[1]["cls"] and said[0]["edge"] == said[1]["edge"], said
