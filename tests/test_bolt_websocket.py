"""Bolt over WebSocket (``newsgraph serve --bolt-port P --websocket W``) from a real browser.

A page in Debian's chromium loads neo4j-driver's browser build (npm, ``tests/boltws``: ``npm ci --prefix
tests/boltws``), connects to ``bolt://127.0.0.1:W`` as the Neo4j Browser does, and runs what the Browser runs when
it connects: server info, the database list, the configuration, the current user, labels, relationship types,
property keys, procedures and functions, node and relationship counts; then a canned query. The graph is the seed
graph written by the CLI into the graph ``falkordb`` (the one Bolt clients see). The test pins exactly which of
those calls FalkorDB answers and which it refuses, so that a FalkorDB upgrade that changes either shows up here.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, _free_bolt_port
from newsgraph.cli import app
from newsgraph.queries import get_query
from workbench_fixtures import CHROMIUM

HARNESS = Path(__file__).resolve().parent / "boltws"
DRIVER = HARNESS / "node_modules" / "neo4j-driver" / "lib" / "browser" / "neo4j-web.min.js"


def browser_test(test):
    """Marks a test that starts the server (store), ingests with the model (model) and drives chromium."""
    for mark in (pytest.mark.store, pytest.mark.model, pytest.mark.browser,
                 pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason=f"{CHROMIUM} is not installed (apt-get install chromium; CI installs it)")):
        test = mark(test)
    return test


#: What the Neo4j Browser (5.x and older) sends at connect time, and one canned query.
CONNECT_CALLS = [
    ("components", "CALL dbms.components() YIELD name, versions, edition", None),
    ("databases", "SHOW DATABASES", "system"),
    ("client_config", "CALL dbms.clientConfig()", "system"),
    ("list_config", "CALL dbms.listConfig()", "system"),
    ("show_current_user", "SHOW CURRENT USER", "system"),
    ("dbms_current_user", "CALL dbms.showCurrentUser()", None),
    ("labels", "CALL db.labels() YIELD label RETURN collect(label)[..1000] AS data", None),
    ("types", "CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType)[..1000] AS data",
     None),
    ("keys", "CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey)[..1000] AS data", None),
    ("show_procedures", "SHOW PROCEDURES YIELD name, description, signature", None),
    ("show_functions", "SHOW FUNCTIONS YIELD name, description, signature", None),
    ("dbms_procedures", "CALL dbms.procedures() YIELD name RETURN collect(name) AS data", None),
    ("dbms_procedures_signature", "CALL dbms.procedures() YIELD name, signature, description RETURN count(*) AS n",
     None),
    ("dbms_functions", "CALL dbms.functions() YIELD name RETURN collect(name) AS data", None),
    ("dbms_functions_signature", "CALL dbms.functions() YIELD name, signature, description RETURN count(*) AS n",
     None),
    ("meta_union", " UNION ALL ".join([
        "CALL db.labels() YIELD label RETURN {name: 'labels', data: collect(label)} AS result",
        "CALL db.relationshipTypes() YIELD relationshipType "
        "RETURN {name: 'relationshipTypes', data: collect(relationshipType)} AS result",
        "CALL dbms.procedures() YIELD name, signature, description "
        "RETURN {name: 'procedures', data: collect({name: name, signature: signature})} AS result"]), None),
    ("nodes", "MATCH () RETURN count(*) AS n", None),
    ("relationships", "MATCH ()-[]->() RETURN count(*) AS n", None),
    # the page sends no parameters: the date window's two are written in as the Browser's :param lines would give
    ("canned_sources", get_query("sources").text.replace("$since", "''").replace("$until", "''"), None),
    ("drawn", "MATCH (p:Entity {name: 'Vladimir Putin'})-[r:AGREE_TO]->(o {name: 'limited ceasefire'}) "
              "RETURN p, r, o", None),
]

#: The calls FalkorDB refuses, with (a fragment of) its message: the Neo4j Browser catches each of these and
#: carries on without the feature (version display, settings, user, autocompletion of procedures and functions).
REFUSED = {
    "components": "Procedure `dbms.components` is not registered",
    "client_config": "Procedure `dbms.clientConfig` is not registered",
    "list_config": "Procedure `dbms.listConfig` is not registered",
    "show_current_user": "Invalid input 'H'",
    "dbms_current_user": "Procedure `dbms.showCurrentUser` is not registered",
    "show_procedures": "Invalid input 'H'",
    "show_functions": "Invalid input 'H'",
    "dbms_procedures_signature": "signature",
    "dbms_functions_signature": "signature",
    "meta_union": "signature",
}


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _page_server() -> Iterator[int]:
    """The harness folder over HTTP on a free loopback port; yields the port."""
    handler = functools.partial(_QuietHandler, directory=str(HARNESS))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def seed_data(tmp_path_factory) -> Path:
    """A data directory holding the seed graph, written by the CLI into the graph Bolt clients see."""
    data = tmp_path_factory.mktemp("boltws")
    ingested = CliRunner().invoke(app, ["ingest", str(SEEDS), "--data-dir", str(data), "--graph", "falkordb"])
    assert ingested.exit_code == 0, ingested.output
    return data


@pytest.fixture(scope="module")
def page_port() -> Iterator[int]:
    assert DRIVER.exists(), f"{DRIVER} is missing: npm ci --prefix tests/boltws"
    with _page_server() as port:
        yield port


@pytest.fixture()
def bridge(seed_data, page_port) -> Iterator[int]:
    """``newsgraph serve --bolt-port --websocket`` (a real process, a fresh server for each test) accepting pages
    from the page server's origin. Yields the WebSocket port."""
    bolt, websocket = _free_bolt_port(), _free_loopback_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--data-dir", str(seed_data), "--bolt-port", str(bolt),
         "--websocket", str(websocket), "--websocket-origin", f"http://127.0.0.1:{page_port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_COLOR": "1"})
    try:
        banner = serve.stdout.readline() if serve.stdout else ""
        assert f"Bolt over WebSocket on 127.0.0.1:{websocket}" in banner, banner + serve.communicate(timeout=10)[0]
        yield websocket
    finally:
        serve.send_signal(signal.SIGTERM)
        output = serve.communicate(timeout=30)[0]
        assert serve.returncode == 0, output
    assert not _answers(websocket), "the bridge outlived serve"


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _run(chromium, page_url: str, websocket: int, calls, auth=None) -> dict:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(page_url)
        return page.evaluate("([url, auth, calls]) => window.boltOverWebSocket(url, auth, calls)",
                             [f"bolt://127.0.0.1:{websocket}", auth, [list(call) for call in calls]])
    finally:
        context.close()


@browser_test
def test_the_browsers_connect_time_calls(bridge, page_port, chromium):
    out = _run(chromium, f"http://127.0.0.1:{page_port}/connect.html", bridge, CONNECT_CALLS)
    assert out.pop("connect") == {"ok": True, "agent": "Neo4j/5.13.0"}
    refused = {name: result["message"] for name, result in out.items() if not result["ok"]}
    assert set(refused) == set(REFUSED), json.dumps(refused, indent=1)
    for name, fragment in REFUSED.items():
        assert fragment in refused[name], (name, refused[name])

    rows = {name: result["rows"] for name, result in out.items() if result["ok"]}
    databases = rows["databases"]
    assert [(d["name"], d["default"], d["home"], d["currentStatus"]) for d in databases] == [
        ("falkordb", True, True, "online")]
    assert {"Entity", "Person", "Source", "Evidence"} <= set(rows["labels"][0]["data"])
    assert {"AGREE_TO", "MENTIONS", "IN_SOURCE"} <= set(rows["types"][0]["data"])
    assert {"name", "aliases", "outlet"} <= set(rows["keys"][0]["data"])
    assert "db.labels" in rows["dbms_procedures"][0]["data"]
    assert {"abs", "count"} <= set(rows["dbms_functions"][0]["data"])
    assert rows["nodes"][0]["n"] > 100 and rows["relationships"][0]["n"] > 100
    assert sorted(row["outlet"] for row in rows["canned_sources"]) == ["The Guardian", "The New York Times"]
    [drawn] = rows["drawn"]
    assert drawn["p"]["labels"] == ["Entity", "Person"] and drawn["r"]["type"] == "AGREE_TO"
    assert drawn["o"]["properties"]["name"] == "limited ceasefire"


@browser_test
def test_basic_auth_is_refused_and_no_auth_is_the_way_in(bridge, page_port, chromium):
    """The Browser's "Username / Password" form fails even with an empty password; "No authentication" works."""
    out = _run(chromium, f"http://127.0.0.1:{page_port}/connect.html", bridge, [], auth=["neo4j", ""])
    # FalkorDB answers the credentials with a FAILURE that the driver reports with no Neo4j code and no message
    assert out["connect"] == {"ok": False, "code": "N/A", "message": "Neo4jError"}


@browser_test
def test_a_page_from_another_origin_is_refused(bridge, page_port, chromium):
    """Any web page can open a WebSocket to loopback: only the allowed origins get through."""
    out = _run(chromium, f"http://localhost:{page_port}/connect.html", bridge, [("one", "RETURN 1 AS n", None)])
    assert out["connect"]["ok"] is False
    assert "one" not in out
    allowed = _run(chromium, f"http://127.0.0.1:{page_port}/connect.html", bridge, [("one", "RETURN 1 AS n", None)])
    assert allowed["one"] == {"ok": True, "rows": [{"n": 1}]}


@browser_test
def test_a_new_connection_after_a_client_left_is_not_answered(bridge, page_port, chromium):
    """FalkorDB's Bolt listener leaves the handshake of the first connection opened after a client disconnected
    unanswered (plain Bolt too: the Python driver retries past it); the next one is served. The Neo4j Browser keeps
    its connections open, but reconnecting after one closed waits out the driver's acquisition timeout once."""
    page = f"http://127.0.0.1:{page_port}/connect.html"
    one = [("one", "RETURN 1 AS n", None)]
    assert _run(chromium, page, bridge, one)["one"]["ok"] is True
    stalled = _run(chromium, page, bridge, one)
    assert stalled["connect"]["ok"] is False
    assert stalled["connect"]["message"].startswith("Connection acquisition timed out"), stalled
    assert _run(chromium, page, bridge, one)["one"]["ok"] is True


def test_websocket_needs_the_bolt_port(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(tmp_path), "--websocket", "7688"])
    assert result.exit_code == 2
    assert "--websocket bridges the Bolt port: give --bolt-port too" in result.output


def test_websocket_origin_must_be_an_origin(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(tmp_path), "--bolt-port", "7687", "--websocket",
                                      "7688", "--websocket-origin", "browser.neo4j.io"])
    assert result.exit_code == 2
    assert "WebSocket origin must be scheme://host[:port]" in result.output
    assert not any(tmp_path.iterdir()), "nothing may be started or written for a bad origin"


def test_a_taken_websocket_port_is_named(tmp_path):
    from newsgraph.errors import StoreUnavailable
    from newsgraph.graph.ws_bridge import WebSocketBridge

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(StoreUnavailable, match=f"WebSocket port {port} is already in use on 127.0.0.1"):
            WebSocketBridge(port, 7687).start()


def test_the_bridge_and_bolt_ports_differ():
    from newsgraph.errors import BadSetting
    from newsgraph.graph.ws_bridge import WebSocketBridge

    with pytest.raises(BadSetting, match="must differ from the Bolt port, both are 7687"):
        WebSocketBridge(7687, 7687)
