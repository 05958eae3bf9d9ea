"""The names an entity keeps when sources are taken out (``forget._names_left``), on rows as the store returns them:
an alias or name only the sources taken out gave goes; a name goes to the alias left resolution would choose."""

from __future__ import annotations

from newsgraph.graph import forget


def reader(entities: list[dict], mentions: list[tuple[str, str, list[str]]], log: list[tuple[str, str, str, bool]]):
    """A ``run`` answering ``ENTITY_TEXTS`` and ``ENTITY_LOG_NAMES`` from plain lists: entities (id, name, type,
    aliases), mentions (entity, source, texts) and merge log rows (entity, alias, source, kept)."""

    def run(query: str, params: dict) -> list[dict]:
        wanted = set(params["ids"])
        if query == forget.ENTITY_TEXTS:
            rows = []
            for e in entities:
                if e["id"] not in wanted:
                    continue
                told = [(s, t) for i, s, t in mentions if i == e["id"]] or [(None, None)]
                rows += [{**e, "source": s, "texts": t} for s, t in told]
            return rows
        assert query == forget.ENTITY_LOG_NAMES
        return [{"id": i, "alias": a, "source": s, "kept": k} for i, a, s, k in log if i in wanted]

    return run


def test_a_name_only_the_sources_taken_out_gave_goes_to_the_name_resolution_would_choose():
    run = reader([{"id": "henry-ford", "name": "Ford Motor", "type": "Person",
                   "aliases": ["Ford", "H. Ford", "Henry Ford"]}],
                 [("henry-ford", "a", ["Ford Motor", "Ford Motor"]), ("henry-ford", "b", ["Ford", "Henry Ford"]),
                  ("henry-ford", "c", ["Ford"])],
                 [("henry-ford", "H. Ford", "d", False)])
    assert forget._names_left(run, ["henry-ford"], {"a"}) == [
        {"id": "henry-ford", "name": "Henry Ford", "aliases": ["Ford", "H. Ford"]}]
    # The log row of a source taken out gives nothing; nor does one of the sources taken out.
    assert forget._names_left(run, ["henry-ford"], {"a", "d"}) == [
        {"id": "henry-ford", "name": "Henry Ford", "aliases": ["Ford"]}]
    # Only "Ford" is left to give: it becomes the name.
    assert forget._names_left(run, ["henry-ford"], {"a", "b", "d"}) == [
        {"id": "henry-ford", "name": "Ford", "aliases": []}]


def test_a_name_still_given_stays_and_an_entity_with_nothing_left_keeps_its_name():
    run = reader([{"id": "nato", "name": "NATO", "type": "Organization", "aliases": ["Nato", "the alliance"]},
                  {"id": "kyiv", "name": "Kyiv", "type": "Place", "aliases": ["Kiev"]}],
                 [("nato", "a", ["the alliance"]), ("nato", "b", ["NATO"]), ("kyiv", "a", ["Kiev", "Kyiv"])],
                 [("nato", "Nato", "a", True)])  # an analyst's row: stays whatever is taken out
    assert forget._names_left(run, ["kyiv", "nato"], {"a"}) == [
        {"id": "kyiv", "name": "Kyiv", "aliases": []},  # nothing left: dropped as bare, or named as it was
        {"id": "nato", "name": "NATO", "aliases": ["Nato"]}]
    assert forget._names_left(run, ["kyiv", "nato"], {"c"}) == []
