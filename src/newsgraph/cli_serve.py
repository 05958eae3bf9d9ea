"""The long-running commands of ``newsgraph``: ``browse`` (the workbench) and ``serve`` (the embedded server).

Registered on the one ``app`` of ``newsgraph.cli``, which imports this module after its own commands."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from contextlib import ExitStack
from pathlib import Path
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
        try:  # what the server logs from here on says why a save fails
            log_offset = (settings.data_dir / "falkordb.log").stat().st_size
        except OSError:
            log_offset = 0
        with ExitStack() as running:
            server = running.enter_context(
                EmbeddedFalkorDB(settings.data_dir, bolt_port=settings.bolt_port, bolt_host=settings.bolt_host))
            bridges = running.enter_context(ExitStack())  # closed before the server stops
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
                bridges.enter_context(WebSocketBridge(settings.websocket_port, server.bolt_port, origins=origins))
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
            saves = SaveWatch(settings.data_dir, server.socket_path, log_offset, time.time())
            while not stop.wait(0.5):
                failure = lost(server, "serve")
                if failure:
                    raise StoreUnavailable(failure)
                note = saves.poll()
                if note:
                    typer.echo(note, err=True)
            saves.poll()  # the time of the last good save, for the message of a save that fails now
            bridges.close()
            try:
                server.stop()
            except StoreUnavailable as exc:  # the save at stop failed (a full disk, ...)
                raise StoreUnavailable(saves.lost()) from exc

    _guarded(body)


#: Seconds between two warnings of background saves that keep failing.
SAVE_WARNING_EVERY = 300.0


class SaveWatch:
    """The background saves of the server ``serve`` keeps up, watched in its log (``poll``, twice a second): a line
    for stderr when one fails, again every ``every`` seconds while they keep failing, and one when a save succeeds
    again. What a command with ``--data-dir`` writes is saved before it ends (or it fails); a Bolt client's writes
    only by the minutely snapshot, so a failing one is what tells that they are not on disk yet.

    The log, not the server, while the disk has room for it: a client that comes and goes on the server's socket
    changes when FalkorDB's Bolt listener answers a stalled handshake (README, "Using Neo4j"); the server is asked
    (INFO) only when its disk is full or read-only."""

    def __init__(self, data_dir: Path, socket: Path, log_offset: int, started: float,
                 every: float = SAVE_WARNING_EVERY) -> None:
        self.data_dir, self.socket, self.log_offset, self.every = data_dir, socket, log_offset, every
        self.log_file, self.read_to = data_dir / "falkordb.log", log_offset
        self.warned: float | None = None  # monotonic time of the last warning, while saves fail
        self.failing = False
        self.last_good = started  # time of the last good save (or of the server's start)

    def poll(self) -> str | None:
        for line in self._new_lines():
            if _SAVE_FAILED.search(line):
                self.failing = True
            elif _SAVE_DONE.search(line):
                self.failing, self.last_good = False, time.time()
        if not self.failing and self._log_may_fail():  # then the server is asked
            from newsgraph.graph.server_io import bgsave_failed

            self.failing = bgsave_failed(self.socket)
        if self.failing:
            now = time.monotonic()
            if self.warned is not None and now - self.warned < self.every:
                return None
            self.warned = now
            return (f"newsgraph: warning: cannot save the graph in {self.data_dir}: {self._cause()}; writes since "
                    f"its last good save at {_clock(self.last_good)} (Bolt ingests among them) are not saved yet: "
                    "free space there; they are saved with the next good snapshot, or must be run again if the "
                    "server stops first")
        if self.warned is None:
            return None
        self.warned = None
        return f"newsgraph: saving the graph in {self.data_dir} works again: all written so far is saved"

    def lost(self) -> str:
        """The message of a save that failed as the server stopped."""
        at = _clock(self.last_good)
        return (f"cannot save the graph in {self.data_dir}: {self._cause()}; the server stopped without saving and "
                f"the store there stays as of its last good save at {at}: Bolt ingests since {at} are lost and "
                "must be run again (free space first); ingests with --data-dir saved their own writes")

    def _log_may_fail(self) -> bool:
        """True when the data dir's disk may not take the server's next log line: full, or read-only."""
        try:
            disk = os.statvfs(self.data_dir)
        except OSError:
            return True
        return bool(disk.f_flag & os.ST_RDONLY) or disk.f_bavail * disk.f_frsize < _LOG_ROOM

    def _new_lines(self) -> list[str]:
        try:
            with open(self.log_file, "rb") as f:
                f.seek(self.read_to)
                data = f.read()
        except OSError:
            return []
        whole = data[:data.rfind(b"\n") + 1]  # a line still being written is read next time
        self.read_to += len(whole)
        return whole.decode("utf-8", "replace").splitlines()

    def _cause(self) -> str:
        from newsgraph.graph.server_io import save_error

        return save_error(self.data_dir, self.log_file, self.log_offset)


#: Free bytes below which the server may fail to write its log (a line, a few at once).
_LOG_ROOM = 64 * 1024
#: What the server logs when a background save failed, and when one (or a foreground save) succeeded.
_SAVE_FAILED = re.compile(r"Background saving error|Background saving terminated by signal")
_SAVE_DONE = re.compile(r"Background saving terminated with success|DB saved on disk")


def _clock(when: float) -> str:
    """``when`` (unix time) as the local HH:MM, with the date when it is not today."""
    stamp = time.localtime(when)
    today = time.localtime()
    same_day = stamp.tm_year == today.tm_year and stamp.tm_yday == today.tm_yday
    return time.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M", stamp)


def _stop_on_signals():
    """An event set by SIGINT (Ctrl-C, even where a shell started us with it ignored), SIGTERM or SIGHUP."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, lambda *_: stop.set())
    return stop
