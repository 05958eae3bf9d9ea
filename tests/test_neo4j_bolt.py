"""The Neo4j store over real Bolt, its error messages, and its one-transaction-per-unit contract.

No Neo4j server can be installed here, so FalkorDB's Bolt port stands in: through the official driver the store
runs the full seed ingest, every canned query, a re-ingest and the CLI, and must give the same counts, rows and
exports as the native FalkorStore on the same seeds. ``Neo4jEndToEnd`` holds those checks; ``test_neo4j_live``
runs the same class against a real Neo4j. What FalkorDB cannot show (wrong password, a missing database, rollback)
is tested with the driver's own exception objects and a fake driver, and for real in the live suite.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from types import SimpleNamespace

import neo4j
import pytest
from neo4j.exceptions import Neo4jError
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import BadSetting, StoreUnavailable
from newsgraph.graph import cypher, reresolve_cypher
from newsgraph.graph.export import export
from newsgraph.graph.neo4j_store import FALKORDB_INDEXES, Neo4jStore
from newsgraph.pipeline import ingest
from newsgraph.queries import list_queries, run_query
from test_neo4j_lint import FALKORDB_ONLY, neo4j_statements

pytestmark = [pytest.mark.store, pytest.mark.model]

TEST_ONLY = "// test-only\n"  # statements of the tests themselves, left out of what "the store sent"


@dataclass(frozen=True)
class Target:
    """A Bolt server to test against, and how to reach it from the library and from the CLI."""

    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str | None = None
    expect_neo4j: bool = False

    def open(self, **options) -> Neo4jStore:
        options = {"retry_time": 2.0, **options}
        return Neo4jStore(self.uri, self.user, self.password, database=self.database, **options)

    def cli(self) -> list[str]:
        return ["--store", "neo4j", "--uri", self.uri, "--user", self.user, "--password", self.password,
                *(["--database", self.database] if self.database else [])]

    def wipe(self) -> None:
        """Delete newsgraph's nodes (only those) from the target."""
        with self.open() as store:
            store.delete_all()


@contextmanager
def recording():
    """Record the text of every statement sent through the driver (managed transactions and auto-commit)."""
    sent: list[str] = []

    def spy(run):
        def recorded(self, query, parameters=None, **kw):
            sent.append(str(query))
            return run(self, query, parameters, **kw)
        return recorded

    with pytest.MonkeyPatch.context() as patch:
        for cls in (neo4j.ManagedTransaction, neo4j.Session):
            patch.setattr(cls, "run", spy(cls.run))
        yield sent


def _query_cases() -> list[tuple[str, dict]]:
    """Every canned query with its example parameters, and with its defaults alone when it needs none."""
    cases = []
    for query in list_queries():
        cases.append((query.name, dict(query.examples)))
        if query.examples and not any(p.required for p in query.params):
            cases.append((query.name, {}))
    return cases


def _graph_signature(graph) -> tuple:
    nodes = sorted((n, json.dumps(d, sort_keys=True, default=str)) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, str(k), json.dumps(d, sort_keys=True, default=str))
                   for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, edges


class Neo4jEndToEnd:
    """End-to-end checks of Neo4jStore against one Bolt server; a subclass's module provides ``target``.

    The tests run in this order and share the graph written by ``written``.
    """

    strict_order = True  # rows in exactly the native order (same engine); a real Neo4j may order ties apart

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls):
        with recording() as statements:
            yield statements

    @pytest.fixture(scope="class")
    @classmethod
    def written(cls, target, sent, seed_settings, seeds_dir):
        target.wipe()
        store = target.open()
        store.ensure_schema()
        report = ingest([seeds_dir], store, seed_settings)
        yield SimpleNamespace(store=store, report=report)
        store.close()
        target.wipe()

    def _same_rows(self, got: list[dict], want: list[dict]) -> None:
        if self.strict_order:
            assert got == want
        else:
            key = lambda row: json.dumps(row, sort_keys=True, default=str)  # noqa: E731
            assert sorted(got, key=key) == sorted(want, key=key)

    def test_server_is_told_apart(self, target, written):
        store, neo = written.store, target.expect_neo4j
        assert (store.is_neo4j, store.kind) == (neo, "neo4j" if neo else "falkordb")
        assert store.server_agent.startswith("Neo4j/")

    def test_ingest_writes_what_the_embedded_store_writes(self, written, seed_store):
        assert written.report.ingested and not written.report.skipped
        assert written.store.counts() == seed_store.counts()
        assert written.store.ledger() == seed_store.ledger()

    @pytest.mark.parametrize("name,params", _query_cases(), ids=lambda v: v if isinstance(v, str) else "")
    def test_every_canned_query_gives_the_embedded_rows(self, written, seed_store, name, params):
        self._same_rows(run_query(written.store, name, params), run_query(seed_store, name, params))

    def test_read_graph_matches_whole_and_around_an_entity(self, written, seed_store):
        assert _graph_signature(written.store.read_graph()) == _graph_signature(seed_store.read_graph())
        around = (["vladimir-putin"], 2)
        assert _graph_signature(written.store.read_graph(*around)) == _graph_signature(seed_store.read_graph(*around))

    def test_ingest_again_changes_nothing(self, written, seed_settings, seeds_dir):
        store = written.store
        before = store.counts(), [run_query(store, n, p) for n, p in _query_cases()]
        skipped = ingest([seeds_dir], store, seed_settings)
        assert len(skipped.already) == 2 and not skipped.ingested
        forced = ingest([seeds_dir], store, seed_settings, force=True)
        assert len(forced.ingested) == 2
        assert (store.counts(), [run_query(store, n, p) for n, p in _query_cases()]) == before

    def test_cli_ingest_query_and_export(self, target, written, seed_store, seeds_dir, tmp_path):
        runner = CliRunner()
        target.wipe()
        made = runner.invoke(app, ["ingest", str(seeds_dir), *target.cli()])
        assert made.exit_code == 0, made.output
        assert f"graph (Neo4j at {target.uri}): 2 articles" in made.stdout
        asked = runner.invoke(app, ["query", "corroborated", "-f", "json", *target.cli()])
        assert asked.exit_code == 0, asked.output
        self._same_rows(json.loads(asked.stdout), json.loads(json.dumps(run_query(seed_store, "corroborated"))))
        out = tmp_path / "neo4j.json"
        exported = runner.invoke(app, ["export", "-f", "json", "-o", str(out), *target.cli()])
        assert exported.exit_code == 0, exported.output
        [native] = export(seed_store.read_graph(), "json", tmp_path / "native.json")
        written = json.loads(out.read_text())
        assert written["graph"].pop("selection") == {"title": "whole graph"}  # the CLI records what it exported
        assert written == json.loads(native.read_text())

    def test_every_statement_sent_was_linted(self, target, sent, written):
        """Everything the store (and the CLI) sent is in test_neo4j_lint's set, but for FalkorDB-only text."""
        linted = set(neo4j_statements().values())
        falkordb_texts = {q.text for q in list_queries() if q.text != q.neo4j_text}
        statements = {s for s in sent if not s.startswith(TEST_ONLY)}
        relation = re.compile(r"MATCH \(a:(\w+) .*\nMATCH \(b:(\w+) .*\nMERGE \(a\)-\[r:(\w+) ")
        known = linted | FALKORDB_ONLY | (set() if target.expect_neo4j else falkordb_texts)
        known |= {cypher.compact(text) for text in known}  # reads go to FalkorDB's Bolt port compacted
        unlinted = set()
        for text in statements - known:
            found = relation.search(text)
            if not (found and text in (cypher.merge_relations(found[3], found[1], found[2]),
                                       reresolve_cypher.put_relations(found[3], found[1], found[2]))):
                unlinted.add(text)
        assert not unlinted
        assert any(s.startswith("CALL dbms.components()") for s in statements)
        constraints = set(cypher.neo4j_constraints())
        if target.expect_neo4j:
            assert constraints <= statements and not statements & FALKORDB_ONLY
        else:
            assert not statements & constraints and FALKORDB_INDEXES in statements


@pytest.fixture(scope="module")
def target(falkor_bolt):
    return Target(f"bolt://127.0.0.1:{falkor_bolt.bolt_port}")


class TestOverFalkorDBBolt(Neo4jEndToEnd):
    def test_detection_left_the_server_running(self, falkor_bolt, written):
        assert falkor_bolt._proc.poll() is None

    def test_opening_the_store_makes_no_graph_of_the_sessions_mode(self, falkor_bolt, target):
        """A read session's ``{"mode": "r"}`` was taken for a graph name: every connection made a graph ``mode``."""
        import redis

        # its first reply can take one socket timeout on this server (redis-py then tries again): a short one
        server = redis.Redis(unix_socket_path=str(falkor_bolt.socket_path), socket_timeout=5)
        if b"mode" in server.execute_command("GRAPH.LIST"):
            server.execute_command("GRAPH.DELETE", "mode")
        target.open(retry_time=0.5).close()
        assert b"mode" not in server.execute_command("GRAPH.LIST")
        server.close()


# --- FalkorDB's Bolt quirks, handled by the store --------------------------------------------------------------
@pytest.fixture()
def bolt_store(target):
    store = target.open(retry_time=0.5)
    store.delete_all()
    yield store
    store.delete_all()
    store.close()


def _concepts(store) -> dict[str, str]:
    return {r["id"]: r["name"] for r in store.run(TEST_ONLY + "MATCH (c:Concept) RETURN c.id AS id, c.name AS name")}


def test_quotes_and_backslashes_round_trip(bolt_store):
    assert bolt_store.splices_parameters
    names = {"concept:1": "O'Brien's plan", "concept:2": "a \\ b \\' c", "concept:3": "\"quoted\" ’curly’"}
    bolt_store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": [{"id": k, "name": v} for k, v in names.items()]})])
    assert _concepts(bolt_store) == names
    assert bolt_store.run(cypher.NODES_BY_ID, {"ids": ["concept:1"]})[0]["props"]["name"] == "O'Brien's plan"


def test_large_batches_are_cut_below_what_falkordb_survives(bolt_store, falkor_bolt):
    rows = [{"id": f"concept:{i:04d}", "name": f"a rather long concept name number {i}"} for i in range(400)]
    bolt_store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": rows})])  # ~25 KB as text: one piece would kill it
    assert len(_concepts(bolt_store)) == 400
    ids = [r["id"] for r in rows]
    assert len(bolt_store.run(cypher.NODES_BY_ID, {"ids": ids})) == 400  # a union read is cut too
    assert falkor_bolt._proc.poll() is None


def test_a_long_statement_leaves_less_room_for_its_rows(bolt_store, falkor_bolt):
    """FalkorDB's limit holds for the query text and the spliced rows together (the Evidence MERGE is ~1 KB)."""
    query = cypher.MERGE_CONCEPTS.rstrip() + "".join(f", c.copy_{i:02d} = row.name" for i in range(45))
    assert len(query) > 1000
    rows = [{"id": f"concept:{i:04d}", "name": f"a rather long concept name number {i}"} for i in range(400)]
    bolt_store._write_unit([(query, {"rows": rows})])
    assert len(_concepts(bolt_store)) == 400 and falkor_bolt._proc.poll() is None


def test_a_row_too_large_for_falkordb_is_refused_not_sent(bolt_store, falkor_bolt):
    with pytest.raises(StoreUnavailable, match="aborts past about 4 KB") as err:
        bolt_store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": [{"id": "concept:big", "name": "x" * 5000}]})])
    assert "\n" not in str(err.value)
    assert _concepts(bolt_store) == {} and falkor_bolt._proc.poll() is None


def test_a_long_article_text_goes_in_pieces_and_comes_back_whole(bolt_store, falkor_bolt):
    """A Source keeps its article's text (sources-jsonl gives it); one longer than FalkorDB splices was refused."""
    import networkx as nx

    text = "".join(f"Line {i}: O'Brien said \\ «Київ» agreed.\n" for i in range(200))  # ~8 KB, quotes and UTF-8
    graph = nx.MultiDiGraph()
    graph.add_node("a1", kind="Source", name="a1", outlet="Wire", sha256="00", text=text)
    graph.add_node("a2", kind="Source", name="a2", sha256="01", text="Short.")
    bolt_store.write_graph(graph)
    stored = {r["id"]: r["text"] for r in bolt_store.run(TEST_ONLY + "MATCH (s:Source) RETURN s.id AS id, "
                                                                       "s.text AS text")}
    assert stored == {"a1": text, "a2": "Short."} and falkor_bolt._proc.poll() is None


def test_a_report_of_many_mentions_goes_in_pieces_and_comes_back_whole(bolt_store, falkor_bolt):
    """A source that tells one event many times has a REPORTS row past what FalkorDB splices: it was refused."""
    props = {"texts": [f"agreed {i}" for i in range(120)], "lemmas": ["agree"] * 120,
             "starts": list(range(0, 1200, 10)), "affirmed_sentence": "O'Brien said \\ «Київ» agreed. " * 20}
    bolt_store._write_unit([
        (cypher.MERGE_SOURCES, {"rows": [{"id": "s1", "name": "s1", "title": "", "outlet": "Wire", "url": "",
                                          "published": "", "published_raw": "", "author": "", "text": None}]}),
        (cypher.MERGE_STORIES, {"rows": [{"id": "story:1", "name": "one", "size": 1, "first": "", "last": "",
                                          "terms": [], "weights": []}]}),
        (cypher.MERGE_EVENTS, {"rows": [{"id": "event:1", "name": "agree", "event_class": "agree",
                                         "story": "story:1"}]}),
        (cypher.MERGE_REPORTS, {"rows": [{"source": "s1", "event": "event:1", "props": props}]})])
    [stored] = bolt_store.run(TEST_ONLY + "MATCH (:Source {id: 's1'})-[r:REPORTS]->(:Event {id: 'event:1'}) "
                                          "RETURN r.texts AS texts, r.lemmas AS lemmas, r.starts AS starts, "
                                          "r.affirmed_sentence AS affirmed_sentence")
    assert stored == props and falkor_bolt._proc.poll() is None


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="FalkorDB's Bolt port has no transactions: each "
                   "statement is applied as it runs, so a failed unit is not rolled back there (the fake-driver test "
                   "and the live suite cover rollback)")
def test_falkordb_rolls_back_a_failed_unit(bolt_store):
    with pytest.raises(StoreUnavailable, match="failed while running `RETURN 1/0"):
        bolt_store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": [{"id": "concept:half", "name": "half"}]}),
                                ("RETURN 1/0 AS boom", {})])
    assert _concepts(bolt_store) == {}


# --- error messages: one line, naming the problem --------------------------------------------------------------
def test_a_server_lost_after_writes_is_named_quietly_without_the_first_write_hint(tmp_path, capfd):
    """Before, the driver printed two lines per retry on stderr ("Transaction failed and will be retried ..."), and
    the error blamed FalkorDB's append-only file, which aborts on a first write only."""
    from conftest import _free_bolt_port
    from newsgraph.graph.server import EmbeddedFalkorDB

    server = EmbeddedFalkorDB(tmp_path / "data", bolt_port=_free_bolt_port()).start()
    try:
        server.client().connection.config_set("appendonly", "no")
        store = Neo4jStore(f"bolt://127.0.0.1:{server.bolt_port}", "neo4j", "", retry_time=1.0)
        store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": [{"id": "concept:1", "name": "one"}]})])
        os.kill(server.pid, signal.SIGKILL)
        with pytest.raises(StoreUnavailable) as err:
            store._write_unit([(cypher.MERGE_CONCEPTS, {"rows": [{"id": "concept:2", "name": "two"}]})])
        store.close()
    finally:
        server.stop()
    message = str(err.value)
    assert message.startswith("cannot reach ") and message.endswith("is the server running and the URI right?")
    assert "appendonly" not in message
    assert "retried" not in capfd.readouterr().err


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once it is closed


def test_a_server_that_is_down_fails_at_once_in_one_line():
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore(uri, "neo4j", "secret")
    assert time.monotonic() - started < 5
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"cannot reach Neo4j at {uri} while connecting")
    assert "Connection refused" in message


@pytest.mark.parametrize("uri,why", [("http://localhost:7687", "scheme 'http'"), ("", "scheme 'none'"),
                                     ("localhost:7687", "scheme 'localhost'"), ("bolt://localhost:port", "port"),
                                     ("bolt://localhost:99999", "port"), ("bolt://:7687", "no host")])
def test_a_malformed_uri_is_named_in_one_line(uri, why):
    with pytest.raises(BadSetting) as err:
        Neo4jStore(uri, "neo4j", "secret")
    assert str(err.value).startswith(f"bad Neo4j URI {uri!r}") and why in str(err.value)
    assert "\n" not in str(err.value) and "bolt://localhost:7687" in str(err.value)


@pytest.mark.parametrize("uri,code", [(None, 4), ("bolt://localhost:port", 2)])
def test_the_cli_reports_connection_errors_in_one_line(uri, code):
    uri = uri or f"bolt://127.0.0.1:{_closed_port()}"
    result = CliRunner().invoke(app, ["query", "sources", "--store", "neo4j", "--uri", uri, "--password", "x"])
    assert result.exit_code == code
    assert result.stderr.startswith("newsgraph: error: ") and len(result.stderr.strip().splitlines()) == 1
    assert uri in result.stderr and "Traceback" not in result.output


# --- a fake driver: what only a real Neo4j could show ----------------------------------------------------------
def _neo4j_error(code: str, message: str) -> Neo4jError:
    return Neo4jError._hydrate_neo4j(code=code, message=message)  # how the driver builds a server's error


class FakeDriver:
    """A neo4j.Driver that is also its own session. ``execute_write`` acts like the driver's: the function is one
    transaction, rolled back when it raises (without the retries). ``transactions``: (statements run, rolled back)."""

    def __init__(self, agent="Neo4j/5.26.0", connect_error=None, errors=None, fail_on=None):
        self.agent, self.connect_error, self.errors, self.fail_on = agent, connect_error, errors or {}, fail_on
        self.answers = {"CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition":
                        [{"name": "Neo4j Kernel", "versions": ["5.26.0"], "edition": "enterprise"}]}
        self.transactions: list[tuple[list[str], bool]] = []
        self.closed = False

    def verify_connectivity(self):
        if self.connect_error:
            raise self.connect_error

    def get_server_info(self):
        return SimpleNamespace(agent=self.agent)

    def session(self, **config):
        return nullcontext(self)

    def run(self, query, parameters=None):  # auto-commit; anything not in answers echoes: RETURN $value AS value
        if query in self.errors:
            raise self.errors[query]
        return [SimpleNamespace(data=lambda row=row: row) for row in self.answers.get(query, [dict(parameters or {})])]

    def execute_write(self, work):
        ran: list[str] = []

        def run(query, parameters=None):
            ran.append(query)
            if self.fail_on and self.fail_on in query:
                raise _neo4j_error("Neo.ClientError.Statement.ArithmeticError", "/ by zero")
            return SimpleNamespace(consume=lambda: None)

        try:
            work(SimpleNamespace(run=run))
        except Exception:
            self.transactions.append((ran, True))
            raise
        self.transactions.append((ran, False))

    def close(self):
        self.closed = True


@pytest.fixture()
def fake(monkeypatch):
    """Install a FakeDriver built with the given options; return it."""
    def install(**options) -> FakeDriver:
        driver = FakeDriver(**options)

        def make(uri, **config):
            driver.uri, driver.config = uri, config
            return driver
        monkeypatch.setattr(neo4j.GraphDatabase, "driver", make)
        monkeypatch.setattr("newsgraph.graph.neo4j_store._knock", lambda uri, timeout: None)  # no TCP to "db"
        return driver
    return install


def test_a_wrong_password_is_named_in_one_line(fake):
    message = "The client is unauthorized due to authentication failure."
    driver = fake(connect_error=_neo4j_error("Neo.ClientError.Security.Unauthorized", message))
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore("bolt://db:7687", "neo4j", "wrong")
    assert str(err.value) == ("Neo4j at bolt://db:7687 refused the user name or password (The client is unauthorized "
                              "due to authentication failure.); check --user and --password")
    assert driver.closed


def test_a_missing_database_is_named_in_one_line(fake):
    error = _neo4j_error("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: 'nope'.")
    fake(errors={"RETURN 1 AS ok": error})
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore("neo4j://db:7687", "neo4j", "pw", database="nope")
    assert str(err.value).startswith("Neo4j at neo4j://db:7687 has no database 'nope' (Database does not exist.")
    assert "leave --database unset" in str(err.value) and "\n" not in str(err.value)


def test_real_neo4j_gets_constraints_and_no_falkordb_statements(fake):
    driver = fake()
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw", connection_timeout=2, retry_time=7)
    assert driver.config == {"auth": ("neo4j", "pw"), "connection_timeout": 2, "connection_acquisition_timeout": 7.0,
                             "max_transaction_retry_time": 7}
    assert (store.is_neo4j, store.kind, store.server_version) == (True, "neo4j", "5.26.0 enterprise")
    store.ensure_schema()
    assert driver.transactions == [([c], False) for c in cypher.neo4j_constraints()]


def test_a_server_failing_dbms_components_is_not_neo4j(fake):
    components = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    fake(agent="Neo4j/5.13.0", errors={components: _neo4j_error("Neo.DatabaseError.General.UnknownError", "?")})
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw")
    assert (store.is_neo4j, store.splices_parameters, store.kind) == (False, False, "neo4j")


def test_a_unit_is_one_managed_transaction_with_all_its_statements(fake):
    driver = fake()
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw")
    unit = [("UNWIND $rows AS row CREATE (:A)", {"rows": [1]}), ("UNWIND $rows AS row CREATE (:B)", {"rows": [2]})]
    store._write_unit(unit)
    assert driver.transactions == [([q for q, _ in unit], False)]


def test_a_unit_failing_halfway_is_rolled_back_whole(fake):
    driver = fake(fail_on="CREATE (:B)")
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw")
    unit = [("UNWIND $rows AS row CREATE (:A)", {"rows": [1]}), ("UNWIND $rows AS row CREATE (:B)", {"rows": [2]}),
            ("UNWIND $rows AS row CREATE (:C)", {"rows": [3]})]
    with pytest.raises(StoreUnavailable) as err:
        store._write_unit(unit)
    assert driver.transactions == [([unit[0][0], unit[1][0]], True)]  # the driver rolls back A with B
    assert str(err.value) == ("Neo4j at bolt://db:7687 failed while running `UNWIND $rows AS row CREATE (:B)`: "
                              "Neo.ClientError.Statement.ArithmeticError: / by zero")


def test_a_failed_batch_leaves_its_sources_unmarked(fake, seed_store):
    """write_graph marks sources complete last, so a failed batch never leaves a source looking ingested."""
    driver = fake(fail_on="MERGE (v:Evidence")
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw", batch_size=50)
    with pytest.raises(StoreUnavailable, match="MERGE \\(v:Evidence"):
        store.write_graph(seed_store.read_graph())
    assert [rolled_back for _, rolled_back in driver.transactions] == [False] * (len(driver.transactions) - 1) + [True]
    assert not any(cypher.MARK_SOURCES_DONE in ran for ran, _ in driver.transactions)


def test_ad_hoc_cypher_is_refused_where_reads_are_not_kept_read_only(bolt_store):
    """FalkorDB's Bolt port runs a write inside a read transaction, so the store does not offer it ad-hoc Cypher."""
    from newsgraph.errors import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="not Neo4j") as err:
        bolt_store.run_read_only("MATCH (n) RETURN count(n) AS n")
    assert "\n" not in str(err.value) and "--store falkordb" in str(err.value)


# --- what an answer carries to the renderer: paths as their parts, the columns of an empty answer ---------------
def test_a_path_and_an_empty_answer_keep_their_shape_over_bolt(bolt_store, target):
    """The driver's path became a list of its nodes only; an empty answer had no columns, so its CSV no header."""
    bolt_store.run(TEST_ONLY + "CREATE (:Entity {id: 'a', name: 'A'})-[:AGREE_TO {source_count: 2}]->"
                               "(:Concept {id: 'c', name: 'ceasefire'})")
    [row] = bolt_store.run(TEST_ONLY + "MATCH p=(:Entity)-[]->(:Concept) RETURN p")
    assert row["p"] == {"nodes": [{"labels": ["Entity"], "id": "a", "name": "A"},
                                  {"labels": ["Concept"], "id": "c", "name": "ceasefire"}],
                        "relationships": [{"type": "AGREE_TO", "start": "a", "end": "c", "source_count": 2}]}
    empty = bolt_store.run(TEST_ONLY + "MATCH (n:Nope) RETURN n.name AS name, n.id AS id")
    assert (empty, empty.columns) == ([], ("name", "id"))
    shown = CliRunner().invoke(app, ["query", "corroborated", "-p", "min_sources=99", "-f", "csv", *target.cli()])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("subject,predicate,object,") and len(shown.stdout.splitlines()) == 1


class _FakeResult:
    def __init__(self, rows: list[dict], keys: list[str]):
        self.rows, self._keys = rows, keys

    def __iter__(self):
        return iter(neo4j.Record(row) for row in self.rows)

    def keys(self):
        return self._keys


def test_a_read_only_answer_on_neo4j_carries_its_columns(fake):
    """``run_read_only`` (``newsgraph cypher`` on Neo4j) kept no column names: an empty CSV had no header."""
    driver = fake()
    answers = {"MATCH (n:Nope) RETURN n.name AS name": _FakeResult([], ["name"]),
               "RETURN 1 AS b, 2 AS a": _FakeResult([{"b": 1, "a": 2}], ["b", "a"])}
    driver.execute_read = lambda work: work(SimpleNamespace(run=lambda query, parameters=None: answers[query]))
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw")
    empty = store.run_read_only("MATCH (n:Nope) RETURN n.name AS name")
    assert (empty, empty.columns) == ([], ("name",))
    one = store.run_read_only("RETURN 1 AS b, 2 AS a")
    assert (one, one.columns) == ([{"b": 1, "a": 2}], ("b", "a"))
    shown = CliRunner().invoke(app, ["cypher", "MATCH (n:Nope) RETURN n.name AS name", "-f", "csv", "--store", "neo4j",
                                     "--uri", "bolt://db:7687", "--password", "pw"])
    assert (shown.exit_code, shown.stdout) == (0, "name\n"), shown.output
