"""The long-running commands of ``newsgraph``: ``browse`` (the workbench) and ``serve`` (the embedded server).

Registered on the one ``app`` of ``newsgraph.cli``, which imports this module after its own commands."""

from __future__ import annotations

import signal
import threading
from contextlib import ExitStack
from typing import Annotated, Optional

import typer

from newsgraph.cli import Database, DataDir, Graph, Password, Store, Uri, User, _guarded, _settings, app


@app.command()
def browse(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7475,
    host: Annotated[str, typer.Option(
        help="Address to listen on. Anything but a loopback address exposes the graph to the network.")] = "127.0.0.1",
    data_dir: DataDir = None, store: Store = None, uri: Uri = None, user: User = None, password: Password = None,
    database: Database = None, graph: Graph = None,
) -> None:
    """Open the workbench: a local, read-only web app with search, entity and story pages, a graph view with the
    sentences behind every edge, and a Cypher console. Ctrl-C stops it."""

    def body() -> None:
        from newsgraph.errors import StoreUnavailable
        from newsgraph.inputs import require_graph
        from newsgraph.stores import open_store, server_lost
        from newsgraph.workbench.server import Workbench, is_loopback

        settings = _settings(data_dir=data_dir, store=store, uri=uri, user=user, password=password,
                             database=database, graph=graph)
        require_graph(settings)  # a mistyped --data-dir: one line, and no server started or file made there
        if not is_loopback(host):
            typer.echo(f"newsgraph: warning: listening on {host}, not loopback: anyone who can reach this address "
                       "can read the whole graph", err=True)
        lost = None
        with open_store(settings) as graph_store:
            workbench = Workbench(graph_store, host, port)
            stop = _stop_on_signals()  # before the line that says it is up: a signal right after it stops it cleanly
            typer.echo(f"newsgraph workbench on {workbench.url} (read-only); Ctrl-C stops it")
            serving = threading.Thread(target=workbench.serve_forever, name="newsgraph-workbench", daemon=True)
            serving.start()
            try:  # as serve does: a server that died under the workbench ends it, rather than every page failing
                while serving.is_alive() and not stop.wait(0.5):
                    lost = server_lost(graph_store, "browse")
                    if lost:
                        break
            finally:
                workbench.shutdown()
        if lost:
            raise StoreUnavailable(lost)

    _guarded(body)


@app.command()
def serve(
    data_dir: DataDir = None, graph: Graph = None,
    bolt_port: Annotated[Optional[int], typer.Option(
        help="Also speak Bolt on PORT, 1..32767 (NEWSGRAPH_BOLT_PORT). Bolt clients see the graph named 'falkordb' "
             "(see README).", show_default=False)] = None,
    bolt_host: Annotated[Optional[str], typer.Option(
        help="Address Bolt accepts connections on \\[default: 127.0.0.1]; 0.0.0.0 for every interface — Bolt has no "
             "authentication (NEWSGRAPH_BOLT_HOST).", show_default=False)] = None,
    websocket: Annotated[Optional[int], typer.Option(
        help="Also speak Bolt over WebSocket on PORT of 127.0.0.1, for the Neo4j Browser; needs --bolt-port and "
             "newsgraph\\[bridge] (NEWSGRAPH_WEBSOCKET_PORT).", show_default=False)] = None,
    websocket_origin: Annotated[Optional[list[str]], typer.Option(
        help="Web page origin allowed to use the WebSocket port; repeatable \\[default: https://browser.neo4j.io] "
             "(NEWSGRAPH_WEBSOCKET_ORIGIN, space-separated).", show_default=False)] = None,
) -> None:
    """Keep the embedded FalkorDB server of the data directory running until Ctrl-C (or SIGTERM), so other
    commands share it."""

    def body() -> None:
        from newsgraph.errors import BadSetting, StoreUnavailable
        from newsgraph.graph.server import EmbeddedFalkorDB
        from newsgraph.graph.server_failure import lost
        from newsgraph.graph.ws_bridge import WebSocketBridge, check_origins

        settings = _settings(data_dir=data_dir, graph=graph, bolt_port=bolt_port, bolt_host=bolt_host,
                             websocket_port=websocket,
                             websocket_origin=" ".join(websocket_origin) if websocket_origin else None)
        origins: tuple[str, ...] = ()
        if settings.websocket_port is not None:
            if settings.bolt_port is None:
                raise BadSetting("--websocket bridges the Bolt port: give --bolt-port too")
            origins = check_origins(settings.websocket_origin.split())
        stop = _stop_on_signals()
        with ExitStack() as running:
            server = running.enter_context(
                EmbeddedFalkorDB(settings.data_dir, bolt_port=settings.bolt_port, bolt_host=settings.bolt_host))
            if settings.bolt_port is not None and server.bolt_port != settings.bolt_port:
                has = f"Bolt on port {server.bolt_port}" if server.bolt_port else "no Bolt port"
                raise BadSetting(f"the server of {settings.data_dir} already runs (pid {server.pid}, started by "
                                 f"another command) with {has}: --bolt-port {settings.bolt_port} cannot be opened on "
                                 "it; start serve when no other command uses the data dir")
            websocket_note = ""
            if settings.websocket_port is not None:
                if not server.bolt_port:
                    raise BadSetting("the running server of this data directory has no Bolt port to bridge: stop it "
                                     "and start it with --bolt-port")
                running.enter_context(WebSocketBridge(settings.websocket_port, server.bolt_port, origins=origins))
                websocket_note = (f", Bolt over WebSocket on 127.0.0.1:{settings.websocket_port} for pages from "
                                  f"{', '.join(origins)}")
            bolt = ""
            if server.bolt_port:
                where = ("every interface" if server.bolt_host in ("0.0.0.0", "::") else server.bolt_host
                         or "an address set by the process that started the server")
                bolt = f", Bolt on port {server.bolt_port} of {where} (graph 'falkordb')"
            typer.echo(f"FalkorDB serving {settings.data_dir} on {server.socket_path}{bolt}{websocket_note}; "
                       "Ctrl-C stops it")
            if server.bolt_port and server.bolt_host in ("0.0.0.0", "::"):
                typer.echo("newsgraph: warning: Bolt has no authentication: anyone who can reach this machine "
                           "can read and change the graph", err=True)
            if server.bolt_port and settings.graph != "falkordb":
                typer.echo(f"newsgraph: note: Bolt clients see the graph 'falkordb', not {settings.graph!r}; "
                           "ingest with --graph falkordb (NEWSGRAPH_GRAPH=falkordb) to browse it over Bolt", err=True)
            while not stop.wait(0.5):
                failure = lost(server, "serve")
                if failure:
                    raise StoreUnavailable(failure)

    _guarded(body)


def _stop_on_signals():
    """An event set by SIGINT (Ctrl-C, even where a shell started us with it ignored), SIGTERM or SIGHUP."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, lambda *_: stop.set())
    return stop
