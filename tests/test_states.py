"""Copula facts end to end: a predicate adjective is a state of its subject ("was inexperienced"), kept as a
relation to the adjective; one that is an event ("is dead") puts the relation on that event."""

import pytest

from newsgraph.pipeline import ingest

pytestmark = [pytest.mark.store, pytest.mark.model]

FIRST = ("Marcus Delaney was wearing crampons but was inexperienced, police said on Monday. Marcus Delaney is "
         "dead after a fall from the ridge.")
SECOND = ("Police said Marcus Delaney was inexperienced. Marcus Delaney was dead when the rescue team "
          "reached the ridge.")


def test_a_state_told_by_two_outlets_is_one_relation_on_its_event(empty_store, seed_settings, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    ingest([tmp_path], empty_store, seed_settings)
    rows = empty_store.run(
        "MATCH (a:Entity)-[r:BE]->(b) WHERE a.name = 'Marcus Delaney' RETURN b.name AS object, r.sources AS sources")
    states = {r["object"]: sorted(r["sources"]) for r in rows}
    assert states.get("inexperienced") == ["a", "b"], rows
    assert states.get("dead") == ["a", "b"], rows
    events = empty_store.run(
        "MATCH (v:Evidence)-[:OF_EVENT]->(e:Event) WHERE v.predicate = 'be' AND v.object_text = 'dead' "
        "RETURN DISTINCT e.event_class AS cls, e.id AS id")
    assert [e["cls"] for e in events] == ["kill"], events  # the death, one event for both outlets
