"""The workbench's read model, server and HTML export against a real FalkorDB: the seed graph, a graph with a
hand-built fact layer, and the read-only guarantee."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from typer.testing import CliRunner

from conftest import GUARDIAN, NYT
from workbench_fixtures import CEASEFIRE, FACT_LAYER, serving, write_copies

pytestmark = pytest.mark.store


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _post(url: str, body: object, content_type: str = "application/json") -> tuple[int, dict]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


@pytest.fixture()
def fact_store(empty_store):
    for statement in FACT_LAYER:
        empty_store.run(statement)
    return empty_store


# --- the read-only path of the stores -------------------------------------------------------------------------
def test_falkordb_refuses_writes_through_run_read_only(empty_store):
    from newsgraph.errors import QueryRefused

    for statement in ("CREATE (n:Hack {x: 1}) RETURN n", "MERGE (n:Hack {x: 1})", "MATCH (n) DETACH DELETE n",
                      "CALL db.idx.fulltext.createNodeIndex('Hack', 'x')"):
        with pytest.raises(QueryRefused, match="writes to the graph"):
            empty_store.run_read_only(statement)
    assert empty_store.run("MATCH (n:Hack) RETURN count(n) AS n")[0]["n"] == 0
    with pytest.raises(QueryRefused, match="rejected the statement"):
        empty_store.run_read_only("MATCH (n RETURN n")


def test_run_read_only_returns_graph_elements(fact_store):
    [row] = fact_store.run_read_only("MATCH p = (a:Entity {id: $id})-[r:MEET]->(b) RETURN a, r, p",
                                     {"id": "ann-lee"}, graph_elements=True)
    assert row["a"]["element"] == "node" and row["a"]["properties"]["name"] == "Ann Lee"
    assert row["r"]["element"] == "relationship" and row["r"]["start"] == row["a"]["id"]
    assert [n["properties"]["id"] for n in row["p"]["nodes"]] == ["ann-lee", "acme"]
    assert fact_store.run_read_only("MATCH (a:Entity {id: 'acme'}) RETURN a")[0]["a"]["name"] == "Acme"


# --- pages on the seed graph ----------------------------------------------------------------------------------
@pytest.mark.model
def test_seed_search_entity_page_and_evidence(seed_store):
    from newsgraph.workbench.pages import Pages

    pages = Pages(seed_store)
    hits = pages.search("Putin")["entities"]
    assert hits[0]["id"] == "vladimir-putin"
    assert [e["id"] for e in pages.search("the Russian leader")["entities"]] == ["vladimir-putin"]
    page = pages.entity("vladimir-putin")
    aliases = {a["alias"].lower(): a for a in page["aliases"]}
    leader = aliases["the russian leader"]
    assert [s["outlet"] for s in leader["sources"]] == ["The Guardian"]
    assert leader["rules"] == ["role in another article"]  # the New York Times names Putin Russia's president
    assert "his" not in aliases and page["pronouns"] > 0
    assert any(m["alias"] == "the Russian leader" and m["source"] == GUARDIAN for m in page["resolution"])
    timeline = page["timeline"]  # the seed graph's events: both reports are one story
    assert timeline and any(e.get("name", e.get("event")) == "agree" for e in timeline)
    [agree] = [g for g in page["relations"] if g["class"] == "AGREE_TO"]
    [relation] = [r for r in agree["relations"] if r["other_id"] == CEASEFIRE]
    assert relation["width"] == 2 and relation["polarity"] == "positive" and relation["direction"] == "out"
    items = pages.evidence([relation["id"]])[relation["id"]]
    assert {i["outlet"] for i in items} == {"The Guardian", "The New York Times"}
    for item in items:
        marked = {s["role"]: item["sentence"][s["start"]:s["end"]] for s in item["spans"]}
        assert "Putin" in marked["subject"] and marked["object"] == "a limited ceasefire"
    assert pages.relation(relation["id"])["subject_name"] == "Vladimir Putin"
    assert pages.source(NYT)["source"]["outlet"] == "The New York Times"


@pytest.mark.model
def test_seed_neighbourhood_hides_bookkeeping_unless_asked(seed_store):
    from newsgraph.workbench.pages import Pages

    pages = Pages(seed_store)
    view = pages.neighbourhood(["vladimir-putin"], hops=1)
    kinds = {n["kind"] for n in view["nodes"]}
    assert kinds <= {"Entity", "Concept"} and CEASEFIRE in {n["id"] for n in view["nodes"]}
    assert all(e["source"] in {n["id"] for n in view["nodes"]} for e in view["edges"])
    wider = pages.neighbourhood(["vladimir-putin"], hops=2)
    assert len(wider["nodes"]) > len(view["nodes"])
    with_sources = pages.neighbourhood(["vladimir-putin"], hops=1, sources=True)
    assert {GUARDIAN, NYT} <= {n["id"] for n in with_sources["nodes"] if n["kind"] == "Source"}


@pytest.mark.model
def test_seed_graph_is_one_story(seed_store):
    from newsgraph.errors import UnknownEntity
    from newsgraph.workbench.pages import Pages

    pages = Pages(seed_store)
    info = pages.info()
    assert info["layers"]["stories"] is True and len(info["stories"]) == 1
    with pytest.raises(UnknownEntity, match="no story has the id"):
        pages.story("anything")


def test_a_graph_without_stories_says_so(empty_store):
    from newsgraph.errors import UnknownEntity
    from newsgraph.workbench.pages import Pages

    pages = Pages(empty_store)
    assert pages.info()["layers"]["stories"] is False and pages.info()["stories"] == []
    with pytest.raises(UnknownEntity, match="no stories in this graph"):
        pages.story("anything")


# --- pages on a graph with the fact layer ---------------------------------------------------------------------
def test_story_page_sorts_facts_and_counts_copies_once(fact_store):
    from newsgraph.workbench.pages import Pages

    pages = Pages(fact_store)
    assert pages.layers() == {"stories": True, "events": True, "copies": True}
    story = pages.story("story-1")
    assert [s["id"] for s in story["sources"]] == ["a1", "b1", "c1"]
    assert [e["name"] for e in story["events"]] == ["Ann Lee meets Acme", "Acme resigns"]
    assert [f["name"] for f in story["corroborated"]] == ["Ann Lee meets Acme"]
    assert [f["name"] for f in story["single"]] == ["Acme resigns"]
    assert [f["id"] for f in story["contested"]] == ["rel-1"]
    assert pages.search("talks")["stories"][0]["id"] == "story-1"


def test_entity_timeline_dates_an_event_by_the_sources_that_name_the_entity(fact_store):
    from newsgraph.workbench.pages import Pages

    fact_store.run("MATCH (:Event {id: 'ev-1'})-[p:HAS_PARTICIPANT]->(:Entity {id: 'ann-lee'}) SET p.sources = ['b1']")
    [event] = Pages(fact_store).entity("ann-lee")["timeline"]
    assert (event["id"], event["date"], event["outlets"]) == ("ev-1", "2024-05-02", ["Beta Post"])  # a1 names no one


def test_entity_timeline_and_event_trigger_highlight(fact_store):
    from newsgraph.workbench.pages import Pages

    pages = Pages(fact_store)
    page = pages.entity("ann-lee")
    assert [(e["id"], e["date"], e["role"]) for e in page["timeline"]] == [("ev-1", "2024-05-01", "agent")]
    [group] = page["relations"]
    assert group["relations"][0]["polarity"] == "contested" and group["contested"] == 1
    items = {i["source"]: i for i in pages.evidence(["rel-1"])["rel-1"]}
    assert [(s["role"], items["a1"]["sentence"][s["start"]:s["end"]]) for s in items["a1"]["spans"]] == [
        ("subject", "Ann Lee"), ("predicate", "meets"), ("object", "Acme")]
    assert [s["role"] for s in items["b1"]["spans"]] == ["subject", "object"]  # no event: no predicate span
    assert items["a1"]["url"] == "https://alpha.example/1"
    view = pages.neighbourhood(["ann-lee"], events=True)
    assert "ev-1" in {n["id"] for n in view["nodes"] if n["kind"] == "Event"}


# --- the server -----------------------------------------------------------------------------------------------
def test_server_headers_host_check_and_read_only_console(fact_store):
    with serving(fact_store) as url:
        status, headers, body = _get(url)
        assert status == 200 and b"core.js" in body
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert _get(url + "static/cytoscape.min.js")[0] == 200
        assert _get(url + "static/../../cli.py")[0] == 404
        port = url.rsplit(":", 1)[1].strip("/")
        assert _get(url + "api/info", {"Host": f"attacker.example:{port}"})[0] == 421
        status, _, body = _get(url + "api/story?id=story-1")
        assert status == 200 and json.loads(body)["story"]["name"] == "Acme talks"
        assert _get(url + "api/entity?id=nobody")[0] == 404
        status, reply = _post(url + "api/query", {"cypher": "CREATE (n:Hack) RETURN n"})
        assert status == 400 and "writes to the graph" in reply["error"]
        assert _post(url + "api/query", {"cypher": "MATCH (n) RETURN n"}, "text/plain")[0] == 415
        status, reply = _post(url + "api/query", {"cypher": "MATCH (a:Entity {id: $id})-[r]->(b) RETURN a, r, b",
                                                  "params": {"id": "ann-lee"}})
        assert status == 200 and reply["columns"] == ["a", "r", "b"]
        assert {n["name"] for n in reply["graph"]["nodes"]} == {"Ann Lee", "Acme"}
        status, reply = _post(url + "api/query", {"name": "sources", "params": {}})
        assert status == 200 and reply["total"] == 3
        status, reply = _post(url + "api/query", {"name": "entity", "params": {}})
        assert status == 400 and "needs parameter 'name'" in reply["error"]
    assert fact_store.run("MATCH (n:Hack) RETURN count(n) AS n")[0]["n"] == 0


def _raw(url: str, request: bytes) -> bytes:
    """Send ``request`` as it is on one connection; everything the server answers until it closes (or 10 s)."""
    import socket

    host, port = url.split("//", 1)[1].strip("/").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply


def test_the_server_answers_bad_requests_and_never_reads_a_refused_body_as_a_request(fact_store):
    """Before: a Host of "[" or a Content-Length of "abc" crashed the handler (no answer), a JSON body nested past
    Python's stack too, and a refused POST's body was read as the next request on the connection."""
    hidden = b"GET /api/nope-hidden HTTP/1.1\r\nHost: localhost\r\n\r\n"
    with serving(fact_store) as url:
        host = url.split("//", 1)[1].strip("/")
        for headers, body in (("Host: [", b""), (f"Host: {host}\r\nContent-Length: abc", b""),
                              (f"Host: {host}\r\nContent-Type: application/json\r\nContent-Length: -1", b""),
                              (f"Host: {host}\r\nContent-Type: application/json\r\nContent-Length: 200000",
                               b"[" * 200000)):
            reply = _raw(url, f"POST /api/query HTTP/1.1\r\n{headers}\r\n\r\n".encode() + body)
            assert reply.split(b"\r\n", 1)[0].split()[1] in (b"400", b"415", b"421"), reply[:200]
        for path, content_type in (("/api/query", "text/plain"), ("/api/other", "application/json")):
            reply = _raw(url, f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\n"
                              f"Content-Length: {len(hidden)}\r\n\r\n".encode() + hidden)
            assert reply.startswith(b"HTTP/1.1 4") and b"nope-hidden" not in reply
        status, reply = _post(url + "api/query", {"cypher": "RETURN 0.0/0.0 AS nan, duration({days: 1}) AS d"})
        assert status == 200 and reply["rows"] == [{"nan": "NaN", "d": "P1D"}]
        status, _, body = _get(url + "api/search?q=%00")
        assert status == 400 and "holds a NUL character" in json.loads(body)["error"]


def test_browse_refuses_a_busy_port_with_one_line(fact_store):
    from newsgraph.errors import BadSetting
    from newsgraph.workbench.server import Workbench

    with serving(fact_store) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        with pytest.raises(BadSetting, match=f"cannot listen on 127.0.0.1:{port}"):
            Workbench(fact_store, "127.0.0.1", port)


# --- the CLI --------------------------------------------------------------------------------------------------
@pytest.mark.model
def test_cli_html_export_is_self_contained(tmp_path, seeds_dir):
    from newsgraph.cli import app

    runner = CliRunner()
    data = tmp_path / "data"
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--data-dir", str(data), "-q"]).exit_code == 0
    out = tmp_path / "putin.html"
    result = runner.invoke(app, ["export", "--format", "html", "-o", str(out), "--entity", "Putin", "--hops", "1",
                                 "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "connect-src 'none'" in page and "unsafe-inline" not in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing loaded from anywhere
    payload = json.loads(re.search(r'<script type="application/json" id="newsgraph-data">(.*?)</script>', page,
                                   re.S)[1])
    [edge] = [e for e in payload["graph"]["edges"] if e["predicate"] == "agree to"
              and e["target"] == CEASEFIRE]
    assert {i["outlet"] for i in payload["evidence"][edge["id"]]} == {"The Guardian", "The New York Times"}
    # the summary counts what the page draws (before: the subgraph's sources, events and mention links too)
    drawn = f"({len(payload['graph']['nodes'])} nodes, {len(payload['graph']['edges'])} relations drawn)"
    assert result.stdout.strip() == f"wrote {out} {drawn} around Vladimir Putin [vladimir-putin], 1 hop"
    bad = runner.invoke(app, ["export", "--format", "htm", "-o", str(out), "--data-dir", str(data)])
    assert bad.exit_code == 2 and "html" in bad.output


def test_a_story_fact_is_contested_only_as_the_contested_query_has_it():
    """Before: any negated mention made an event contested (and took it off Corroborated), also one relations
    were projected from (the query contests those through the relations) and one denied only by a copy of the
    affirming source; a hedged denial made a relation contested."""
    from newsgraph.workbench.facts import story_facts

    sources = [{"id": "a", "outlet": "A", "copy_of": []}, {"id": "b", "outlet": "B", "copy_of": []},
               {"id": "c", "outlet": "C", "copy_of": ["a"]}]

    def report(source, affirmed, denied):
        return {"source": source, "negated": [denied], "affirmed": affirmed, "denied": denied}

    events = [{"id": "mixed", "name": "agree", "reports": [report("a", True, True), report("b", True, False)]},
              {"id": "denied", "name": "attack", "reports": [report("a", True, False), report("b", False, True)]},
              {"id": "copied", "name": "sign", "reports": [report("a", True, False), report("c", False, True)]},
              {"id": "projected", "name": "meet", "projected": True,
               "reports": [report("a", True, False), report("b", False, True)]}]

    def row(source, negated, hedged=False, conditional=False):
        return {"edge": "r", "predicate": "block", "subject_id": "x", "subject_text": "X", "object_id": "y",
                "object_text": "Y", "source": source, "negated": negated, "hedged": hedged, "conditional": conditional}

    facts = story_facts(sources, events, [row("a", False), row("b", True, hedged=True)])
    assert {f["id"] for f in facts["contested"]} == {"mixed", "denied"}  # b affirms what a also denies
    assert facts["corroborated"] == []  # each is stated plainly by one outlet: a denial or a hedge is no support
    assert [f["id"] for f in story_facts(sources, [], [row("a", False), row("b", False)])["corroborated"]] == ["r"]
    assert [f["id"] for f in facts["single"]] == ["copied"]  # a copy is no second outlet
    assert [f["id"] for f in story_facts(sources, [], [row("a", False), row("b", True)])["contested"]] == ["r"]


# --- a story whose sources copy one another; negation; search; unknown ids -----------------------------------
def test_the_story_page_counts_sources_as_the_queries_do(empty_store):
    """Before: a fact told only by two copies of one article was corroborated ("Novak –thank→ the staff — Beta News,
    Delta Daily"), one told by a copy and an independent article, or also by a source of another story, was said by
    one outlet only, against `query corroborated`, `single-source` and the entity page."""
    from newsgraph.queries import bind, get_query
    from newsgraph.workbench.pages import Pages

    write_copies(empty_store)

    def answer(name):
        query = get_query(name)
        return {(r["subject"], r["predicate"], r["object"]) for r in empty_store.run(query.text, bind(query, {}))}

    def facts(items):
        return {(f["subject"], f["relation_class"], f["object"]) for f in items}

    story = Pages(empty_store).story("st-1")
    assert facts(story["corroborated"]) == answer("corroborated") == {
        ("Orbis Bank", "LOSE", "money"), ("Orbis Bank", "HIRE", "Tomas Dvorak")}
    assert facts(story["single"]) == answer("single-source") == {
        ("Klara Novak", "THANK", "staff"), ("Orbis Bank", "FIRE", "Tomas Dvorak")}
    by_id = {f["id"]: f for f in story["corroborated"] + story["single"]}
    assert (by_id["r-thank"]["outlets"], by_id["r-thank"]["independent"]) == (["Beta News", "Delta Daily"], 1)
    assert (by_id["r-hire"]["outlets"], by_id["r-hire"]["affirming"]) == (["Gamma Post", "Other Times"], 2)
    assert "r-resign" not in by_id  # two independent sources, one of them hedged: in neither, as in the queries


def test_a_story_fact_carries_its_negation_and_links_to_its_sentences(empty_store):
    """Before: "Only one outlet says: Orbis Bank –fire→ Tomas Dvorak — Gamma Post" with no mark of the denial."""
    from newsgraph.workbench.pages import Pages

    write_copies(empty_store)
    pages = Pages(empty_store)
    [fire] = [f for f in pages.story("st-1")["single"] if f["id"] == "r-fire"]
    assert (fire["negated"], fire["hedged"], fire["affirming"]) == (1, 0, 0)
    relation = pages.relation(fire["id"])  # the page a fact links to (#/relation/ID)
    assert relation["subject_name"] == "Orbis Bank" and [e["negated"] for e in relation["evidence"]] == [True]


def test_search_finds_a_name_as_the_cli_looks_it_up(empty_store):
    """Before: "Francois Hollande", "Mr. Hollande" and "President François Hollande" found nothing: the search
    compared the lower-cased query with names and aliases by CONTAINS."""
    from newsgraph.workbench.pages import Pages

    empty_store.run("""CREATE (h:Entity:Person {id: 'francois-hollande', name: 'François Hollande', type: 'Person',
                                               aliases: ['Hollande'], mention_count: 3}),
                              (m:Entity:Person {id: 'angela-merkel', name: 'Angela Merkel', type: 'Person',
                                                aliases: [], mention_count: 2}),
                              (s:Source {id: 's1', outlet: 'Le Wire'}),
                              (s)-[:MENTIONS {count: 3, texts: ['President François Hollande', 'Mr. Hollande', 'he',
                                                                'the Socialist leader'],
                                              kinds: ['name', 'name', 'pronoun', 'description']}]->(h)""")
    pages = Pages(empty_store)
    for query in ("Francois Hollande", "Mr. Hollande", "President François Hollande", "hollande francois",
                  "socialist leader", "Holl"):
        assert [e["id"] for e in pages.search(query)["entities"]] == ["francois-hollande"], query
    assert pages.search("Hollande Merkel")["entities"] == []  # every word must match one name
    assert pages.search("he")["entities"] == []  # pronouns are no names
    empty_store.run("CREATE (:Entity:Person {id: 'francois-hollande-2', name: 'Francoise Hollande', type: 'Person'})")
    assert len(pages.search("Hollande")["entities"]) == 2  # the names are read again once the graph changes


def test_an_unknown_id_is_an_error_in_the_graph_view(fact_store):
    with serving(fact_store) as url:
        status, _, body = _get(url + "api/graph?id=nobody")
        assert status == 404 and "no entity or concept has the id 'nobody'" in json.loads(body)["error"]
        assert _get(url + "api/graph?id=ann-lee")[0] == 200
