"""Bolt over WebSocket for the embedded server: a websockify bridge on loopback in front of FalkorDB's Bolt port.

Browser clients (the Neo4j Browser, neo4j-driver's browser build) speak Bolt inside WebSocket frames; FalkorDB's
Bolt listener speaks plain Bolt only and answers a WebSocket upgrade with an empty reply. websockify (the noVNC
project's WebSocket-to-TCP proxy) unwraps the frames and passes the bytes on.

A WebSocket on loopback is reachable from every web page the user opens (browsers apply no same-origin rule to
WebSockets), and Bolt here has no authentication. So the bridge listens on 127.0.0.1 only and accepts a connection
only from the page origins it is given (websockify's ``ExpectOrigin`` check): by default the hosted Neo4j Browser.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

from newsgraph.errors import BadSetting, StoreUnavailable

#: The page origins allowed to open the bridge when none are given: the hosted Neo4j Browser.
DEFAULT_ORIGINS = ("https://browser.neo4j.io",)
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")
_HOST = "127.0.0.1"
_START_TIMEOUT = 15.0


def check_origins(origins: Sequence[str]) -> tuple[str, ...]:
    """The origins, checked: each ``scheme://host[:port]`` as a browser sends it in its ``Origin`` header.

    >>> check_origins(["https://browser.neo4j.io", "http://localhost:7474"])
    ('https://browser.neo4j.io', 'http://localhost:7474')
    >>> check_origins(["https://browser.neo4j.io/"])
    Traceback (most recent call last):
    ...
    newsgraph.errors.BadSetting: WebSocket origin must be scheme://host[:port] with no path, as a browser sends it \
(e.g. https://browser.neo4j.io), got 'https://browser.neo4j.io/'

    Raises:
        BadSetting: an origin has a path, no scheme, or characters an origin cannot hold; or none is given.
    """
    if not origins:
        raise BadSetting("the WebSocket bridge needs at least one allowed page origin (--websocket-origin)")
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise BadSetting("WebSocket origin must be scheme://host[:port] with no path, as a browser sends it "
                             f"(e.g. {DEFAULT_ORIGINS[0]}), got {origin!r}")
    return tuple(origins)


class WebSocketBridge:
    """websockify on 127.0.0.1:``port`` forwarding to FalkorDB's Bolt port on 127.0.0.1, as a child process.

    Args:
        port: The WebSocket port (1..65535), on 127.0.0.1 only.
        bolt_port: The Bolt port of the running embedded server.
        origins: Page origins allowed to connect (the ``Origin`` header a browser sends); others are refused.

    Example (not run here: it starts a process)::

        with EmbeddedFalkorDB(data_dir, bolt_port=7687) as server, WebSocketBridge(7688, 7687):
            ...  # a page at https://browser.neo4j.io connects to bolt://localhost:7688
    """

    def __init__(self, port: int, bolt_port: int, *, origins: Sequence[str] = DEFAULT_ORIGINS) -> None:
        for name, value in (("WebSocket", port), ("Bolt", bolt_port)):
            if not (isinstance(value, int) and 0 < value <= 65535):
                raise BadSetting(f"{name} port must be in 1..65535, got {value!r}")
        if port == bolt_port:
            raise BadSetting(f"the WebSocket port must differ from the Bolt port, both are {port}")
        self.port, self.bolt_port, self.origins = port, bolt_port, check_origins(origins)
        self._process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()

    def __enter__(self) -> WebSocketBridge:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> WebSocketBridge:
        """Start websockify and wait until it accepts connections.

        Raises:
            StoreUnavailable: websockify is not installed, the port is taken, or it does not come up.
        """
        try:
            import websockify  # noqa: F401
        except ImportError:
            raise StoreUnavailable("the WebSocket bridge needs websockify: pip install 'newsgraph[bridge]'") from None
        if _answers(self.port):
            raise StoreUnavailable(f"WebSocket port {self.port} is already in use on {_HOST}: pick another "
                                   "(--websocket)")
        args = [sys.executable, "-m", "websockify", "--auth-plugin", "websockify.auth_plugins.ExpectOrigin",
                "--auth-source", " ".join(self.origins), f"{_HOST}:{self.port}", f"{_HOST}:{self.bolt_port}"]
        # its own session, so that stopping it reaches the handler processes it forks per connection
        self._process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + _START_TIMEOUT
        while not _answers(self.port):
            if self._process.poll() is not None or time.monotonic() > deadline:
                output = self._output()
                self.stop()
                raise StoreUnavailable(f"the WebSocket bridge on port {self.port} did not start: "
                                       f"{output or 'no output'}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        """Stop websockify and the connections it serves (idempotent)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass
        try:  # handler processes of open connections outlive their parent's exit
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass

    def _output(self) -> str:
        self._log.seek(0)
        lines = self._log.read().decode(errors="replace").strip().splitlines()
        return " ".join(lines[-3:])


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((_HOST, port)) == 0
