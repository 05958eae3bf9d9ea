"""Wire copies end to end: ingested with the CLI into a real embedded FalkorDB, in one run and in several."""

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.store, pytest.mark.model]

KEY = "Wladimir Klitschko defeated Tony Thompson in Bern."
PART1 = ("The heavyweight champion kept his titles on Saturday night in front of a sold-out crowd at the Stade de "
         "Suisse. The challenger, a forty-year-old southpaw from Maryland, was knocked down twice before the referee "
         "stopped the fight. The champion now has fifty-eight wins and three losses in a career that has lasted "
         "almost two decades. His promoter said a rematch was unlikely and that talks with other contenders would "
         "begin next month. Ticket sales for the event broke the record for a boxing match held in Switzerland.")
PART2 = ("Doctors examined the challenger after the bout and found no serious injuries. His trainer told reporters "
         "that the team would take several weeks to decide whether he fights again. Fans in the stadium chanted the "
         "champion's name for several minutes after the final bell. The city of Bern had prepared extra trams and "
         "buses for the forty thousand spectators. Local restaurants reported their busiest night of the year.")
INDEPENDENT = (KEY + " Our correspondent at ringside described a one-sided contest in which the American rarely "
               "landed a clean punch. Betting markets had made the Ukrainian an overwhelming favourite weeks before "
               "the fight was announced.")
ORIGINAL = {"id": "orig", "title": "Klitschko keeps belts", "url": "https://www.wirenews.com/boxing/1",
            "published": "2012-07-07", "text": KEY + " " + PART1}
COPY = {"id": "copy", "title": "Klitschko retains titles", "url": "http://sport.dailypaper.co.uk/boxing/klitschko",
        "published": "2012-07-08",
        "text": KEY + " " + PART1.replace("sold-out crowd", "capacity crowd").replace("next month", "in August")}
OTHER = {"id": "indep", "title": "Ringside report", "outlet": "Ringside Weekly", "published": "2012-07-08",
         "text": INDEPENDENT}


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _jsonl(path, *articles):
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def _ingest(runner, data_dir, *paths):
    result = runner.invoke(app, ["ingest", *map(str, paths), "--data-dir", str(data_dir), "--examples", "0", "-q"])
    assert result.exit_code == 0, result.output
    return result


def _graph(runner, data_dir, tmp_path) -> dict:
    """What the store holds about copies: relations and events with their counts, COPY_OF pairs, outlets."""
    out = tmp_path / f"{data_dir.name}.json"
    result = runner.invoke(app, ["export", "--data-dir", str(data_dir), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = json.loads(out.read_text(encoding="utf-8"))
    edges = graph.get("links", graph.get("edges"))
    nodes = graph["nodes"]
    return {
        "relations": sorted((e["source"], e["predicate"], e["target"], e["source_count"], e["independent_sources"])
                            for e in edges if "evidence" in e),
        "copies": sorted((e["source"], e["target"]) for e in edges if e.get("type") == "COPY_OF"),
        "events": sorted((n["id"], n["source_count"], n["independent_sources"]) for n in nodes
                         if n.get("kind") == "Event"),
        "sources": sorted((n["id"], n.get("outlet"), n.get("copy_group")) for n in nodes if n.get("kind") == "Source"),
    }


def _defeat(graph: dict) -> tuple:
    return next(r for r in graph["relations"] if r[1] == "defeat" and r[2] == "tony-thompson")


def test_a_wire_copy_is_one_independent_source(runner, tmp_path):
    articles = _jsonl(tmp_path / "three.jsonl", ORIGINAL, COPY, OTHER)
    together = tmp_path / "together"
    _ingest(runner, together, articles)
    graph = _graph(runner, together, tmp_path)
    assert _defeat(graph)[3:] == (3, 2)
    assert graph["copies"] == [("copy", "orig")]
    assert graph["sources"] == [("copy", "dailypaper.co.uk", "orig"), ("indep", "Ringside Weekly", "indep"),
                                ("orig", "wirenews.com", "orig")]
    assert any(count == 3 and independent == 2 for _, count, independent in graph["events"])
    rows = json.loads(runner.invoke(app, ["query", "corroborated", "--data-dir", str(together), "-f", "json"]).output)
    row = next(r for r in rows if r["predicate"] == "defeat" and r["object"] == "Tony Thompson")
    assert (row["source_count"], row["independent_sources"]) == (3, 2)
    assert row["outlets"] == ["wirenews.com", "dailypaper.co.uk", "Ringside Weekly"]  # by date, then id

    apart = tmp_path / "apart"  # the copy arrives in a later ingest: compared with the stored original
    _ingest(runner, apart, _jsonl(tmp_path / "first.jsonl", ORIGINAL, OTHER))
    assert _defeat(_graph(runner, apart, tmp_path))[3:] == (2, 2)
    _ingest(runner, apart, _jsonl(tmp_path / "second.jsonl", COPY))
    assert _graph(runner, apart, tmp_path) == graph

    again = _ingest(runner, together, articles)  # ingested again, and forced: nothing changes
    assert "3 already stored" in again.output or again.output == ""
    forced = runner.invoke(app, ["ingest", str(articles), "--data-dir", str(together), "--force", "-q"])
    assert forced.exit_code == 0, forced.output
    assert _graph(runner, together, tmp_path) == graph


def test_a_later_copy_of_two_stored_articles_joins_them(runner, tmp_path):
    """Two stored articles that share only the fact are independent, until an article arrives that copies both:
    then the fact has one independent source, though the new article does not report it."""
    half1 = {"id": "half1", "outlet": "Paper One", "published": "2012-07-07", "text": KEY + " " + PART1}
    half2 = {"id": "half2", "outlet": "Paper Two", "published": "2012-07-07", "text": KEY + " " + PART2}
    whole = {"id": "whole", "outlet": "Aggregator", "published": "2012-07-09", "text": PART1 + " " + PART2}
    apart = tmp_path / "apart"
    _ingest(runner, apart, _jsonl(tmp_path / "halves.jsonl", half1, half2))
    before = _graph(runner, apart, tmp_path)
    assert _defeat(before)[3:] == (2, 2) and before["copies"] == []
    _ingest(runner, apart, _jsonl(tmp_path / "whole.jsonl", whole))
    after = _graph(runner, apart, tmp_path)
    assert _defeat(after)[3:] == (2, 1)
    assert after["copies"] == [("whole", "half1"), ("whole", "half2")]
    assert {group for *_, group in after["sources"]} == {"half1"}
    assert all(independent == 1 for *_, independent in after["events"])

    together = tmp_path / "together"
    _ingest(runner, together, _jsonl(tmp_path / "all.jsonl", half1, half2, whole))
    assert _graph(runner, together, tmp_path) == after


def test_the_neo4j_store_counts_copies_the_same(falkor_bolt, tmp_path):
    """The Neo4j store (over FalkorDB's Bolt port) computes independent sources in Cypher, not in Python: a later
    copy of two stored articles lowers the stored relation's count there too."""
    from newsgraph.graph.neo4j_store import Neo4jStore
    from newsgraph.pipeline import ingest
    from newsgraph.settings import Settings

    half1 = {"id": "half1", "outlet": "Paper One", "published": "2012-07-07", "text": KEY + " " + PART1}
    half2 = {"id": "half2", "outlet": "Paper Two", "published": "2012-07-07", "text": KEY + " " + PART2}
    whole = {"id": "whole", "outlet": "Aggregator", "published": "2012-07-09", "text": PART1 + " " + PART2}
    settings = Settings.build({"data_dir": str(tmp_path)}, {})
    with Neo4jStore(f"bolt://127.0.0.1:{falkor_bolt.bolt_port}", "neo4j", "", retry_time=2.0) as store:
        store.delete_all()
        try:
            store.ensure_schema()
            ingest([_jsonl(tmp_path / "halves.jsonl", half1, half2)], store, settings)
            ingest([_jsonl(tmp_path / "whole.jsonl", whole)], store, settings)
            graph = store.read_graph()
        finally:
            store.delete_all()
    defeat = next(d for u, v, d in graph.edges(data=True) if d.get("predicate") == "defeat" and v == "tony-thompson")
    assert (defeat["source_count"], defeat["independent_sources"]) == (2, 1)
    assert sorted((u, v) for u, v, d in graph.edges(data=True) if d.get("type") == "COPY_OF") == [
        ("whole", "half1"), ("whole", "half2")]
    assert all(d["independent_sources"] == 1 for _, d in graph.nodes(data=True) if d["kind"] == "Event")


def _corroborated(runner, data_dir) -> list[dict]:
    result = runner.invoke(app, ["query", "corroborated", "--data-dir", str(data_dir), "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if result.output.strip().startswith("[") else []


def test_a_copy_in_another_unicode_normalisation_is_a_copy(runner, tmp_path):
    """One story as NFC from the agency and as NFD (accents as combining marks) from a blog: one source."""
    import unicodedata

    from tests.test_copies import SANCHEZ

    agency = {"id": "efe1", "outlet": "EFE", "published": "2025-03-14", "text": unicodedata.normalize("NFC", SANCHEZ)}
    blog = {"id": "blog1", "outlet": "Iberia Blog", "published": "2025-03-15",
            "text": unicodedata.normalize("NFD", SANCHEZ)}
    data_dir = tmp_path / "nfd"
    _ingest(runner, data_dir, _jsonl(tmp_path / "nfd.jsonl", agency, blog))
    graph = _graph(runner, data_dir, tmp_path)
    assert graph["copies"] == [("blog1", "efe1")]
    assert {group for *_, group in graph["sources"]} == {"efe1"}
    assert graph["relations"] and all(independent == 1 for *_, independent in graph["relations"])
    assert _corroborated(runner, data_dir) == []


def test_two_versions_of_one_url_are_one_independent_source(runner, tmp_path):
    """An outlet's update of its story, given a new id at the same address (written another way), corroborates
    nothing the first version said; the pair is a COPY_OF marked same_url, in one run or two."""
    from tests.test_copies import V1, V2

    first = {"id": "story-v1", "outlet": "Daily Planet", "url": "https://dailyplanet.example.com/acme-globex",
             "published": "2025-03-03", "text": V1}
    update = {"id": "story-v2", "outlet": "Daily Planet", "published": "2025-03-04", "text": V2,
              "url": "http://www.dailyplanet.example.com/acme-globex/?utm_source=rss"}
    together = tmp_path / "together"
    _ingest(runner, together, _jsonl(tmp_path / "both.jsonl", first, update))
    graph = _graph(runner, together, tmp_path)
    buy = next(r for r in graph["relations"] if r[1] == "buy")
    assert buy[3:] == (2, 1)
    assert graph["copies"] == [("story-v2", "story-v1")]
    assert not any(r["predicate"] == "buy" for r in _corroborated(runner, together))
    out = tmp_path / "copies.json"
    runner.invoke(app, ["export", "--data-dir", str(together), "-f", "json", "-o", str(out)])
    edges = json.loads(out.read_text(encoding="utf-8"))
    copy = next(e for e in edges.get("links", edges.get("edges")) if e.get("type") == "COPY_OF")
    assert copy["same_url"] is True and copy["similarity"] < 0.5

    apart = tmp_path / "apart"  # the update arrives in a later run: matched by the stored source's URL
    _ingest(runner, apart, _jsonl(tmp_path / "v1.jsonl", first))
    _ingest(runner, apart, _jsonl(tmp_path / "v2.jsonl", update))
    later = _graph(runner, apart, tmp_path)
    assert (later["copies"], later["sources"]) == (graph["copies"], graph["sources"])
    assert next(r for r in later["relations"] if r[1] == "buy")[3:] == (2, 1)
