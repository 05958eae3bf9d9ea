"""A name that is one letter off two stored names equally joins the same one whatever order the index met them in:
an index rebuilt from the store (a resumed ingest) and one grown chunk by chunk resolve alike."""

from __future__ import annotations

from collections import Counter

import pytest

from newsgraph.graph.candidates import _Block, _match
from newsgraph.graph.resolve import _Cluster, resolve
from newsgraph.model import Article, ArticleAnalysis, Entity, LocalEntity

_STORED = [("person:b", "heydar alishbandi"), ("person:a", "heidar alishvandi")]


def _cluster(entity_id: str, key: str) -> _Cluster:
    cluster = _Cluster(keys={key}, names=Counter({key.title(): 1}), votes=Counter({"Person": 1}), type="Person")
    cluster.known = Entity(entity_id, key.title(), "Person")
    return cluster


@pytest.mark.parametrize("order", [_STORED, _STORED[::-1]])
def test_an_equal_score_goes_to_the_same_entity_in_any_order(order):
    block = _Block()
    for entity_id, key in order:
        block.add(key, _cluster(entity_id, key))
    local = LocalEntity("x", 0, "Heydar Alishvandi", "Person", ("Heydar Alishvandi",), (("Person", 1),))
    cluster, rule, detail = _match(local, "heydar alishvandi", {"heydar alishvandi"}, {}, {"a": block}, 88.0)
    assert rule == "spelling variant" and cluster.known.id == "person:a", detail
    assert detail == "'Heydar Alishvandi' ~ 'heidar alishvandi' (ratio 94)"


def test_resolution_against_stored_entities_does_not_depend_on_their_order():
    article = ArticleAnalysis(Article("new", "text"), (), (
        LocalEntity("new", 0, "Heydar Alishvandi", "Person", ("Heydar Alishvandi",), (("Person", 1),)),), ())
    known = [Entity(entity_id, key.title(), "Person") for entity_id, key in _STORED]
    merges = {tuple((m.alias, m.entity_id, m.detail) for m in resolve([article], stored).merges)
              for stored in (known, known[::-1])}
    assert len(merges) == 1, merges
