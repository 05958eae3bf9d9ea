"""The workbench's HTTP server: the standard library's ``ThreadingHTTPServer``, a static single-page app and a
small JSON API over ``Pages`` and the console, every statement read-only.

Safe by default: it binds 127.0.0.1 unless told otherwise; on a loopback address it answers only requests whose
``Host`` names a loopback address (a web page elsewhere cannot reach it through DNS rebinding); every response
carries a Content-Security-Policy that allows the app's own scripts and nothing inline; the app builds its pages
with ``textContent``, so article text is never parsed as HTML.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from newsgraph.errors import (
    BadQueryParameter,
    BadSetting,
    NewsgraphError,
    QueryRefused,
    StoreUnavailable,
    UnknownEntity,
    UnknownQuery,
)
from newsgraph.graph.store import GraphStore
from newsgraph.render import json_values
from newsgraph.workbench import console
from newsgraph.workbench.pages import Pages

log = logging.getLogger(__name__)

#: The policy of every response: the app's own scripts, styles and API; no inline code, no other origin.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
#: Files the server hands out, by URL path: (package resource, content type).
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/core.js": ("core.js", "text/javascript; charset=utf-8"),
    "/static/views.js": ("views.js", "text/javascript; charset=utf-8"),
    "/static/app.css": ("app.css", "text/css; charset=utf-8"),
    "/static/cytoscape.min.js": ("vendor/cytoscape.min.js", "text/javascript; charset=utf-8"),
}
_MAX_BODY = 1 << 20
_STATUS = {UnknownEntity: HTTPStatus.NOT_FOUND, UnknownQuery: HTTPStatus.NOT_FOUND,
           QueryRefused: HTTPStatus.BAD_REQUEST, BadQueryParameter: HTTPStatus.BAD_REQUEST,
           StoreUnavailable: HTTPStatus.SERVICE_UNAVAILABLE}


def static_file(name: str) -> bytes:
    """A file of the app (``index.html``, ``core.js``, ``vendor/cytoscape.min.js``, ...) from the package data."""
    return resources.files(__package__).joinpath("static", *name.split("/")).read_bytes()


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Workbench:
    """The workbench bound to an address; ``serve_forever`` until ``shutdown`` (or Ctrl-C).

    Args:
        store: An open store.
        host: The address to bind; 127.0.0.1 by default.
        port: The port; 0 picks a free one (see ``port`` after start).
        timeout: Seconds after which the store abandons a statement.

    Raises:
        BadSetting: the address cannot be bound (in use, or not this machine's).
    """

    def __init__(self, store: GraphStore, host: str = "127.0.0.1", port: int = 7475, *, timeout: float = 30.0) -> None:
        self.pages = Pages(store, timeout=timeout)
        self.store = store
        self.timeout = timeout
        self.loopback_only = is_loopback(host)
        handler = type("Handler", (_Handler,), {"workbench": self})
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as exc:
            raise BadSetting(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port") from exc
        self.httpd.daemon_threads = True
        self.host, self.port = host, self.httpd.server_address[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def routes(self) -> dict[str, Callable[[dict[str, str]], Any]]:
        p = self.pages
        return {
            "/api/info": lambda q: p.info(),
            "/api/search": lambda q: p.search(q.get("q", ""), _int(q, "limit", 25, 1, 200)),
            "/api/entity": lambda q: p.entity(_required(q, "id")),
            "/api/graph": lambda q: p.neighbourhood(q["ids"] or [_required(q, "id")], _int(q, "hops", 1, 0, 3),
                                                    limit=_int(q, "limit", 300, 1, 5000),
                                                    sources=q.get("sources") == "1", events=q.get("events") == "1"),
            "/api/evidence": lambda q: {"edge": _required(q, "edge"),
                                        "evidence": p.evidence([_required(q, "edge")]).get(q["edge"], [])},
            "/api/relation": lambda q: p.relation(_required(q, "id")),
            "/api/story": lambda q: p.story(_required(q, "id")),
            "/api/source": lambda q: p.source(_required(q, "id")),
            "/api/queries": lambda q: {"queries": console.canned_queries()},
        }

    def query(self, body: dict[str, Any]) -> Any:
        if body.get("name"):
            params = body.get("params") or {}
            if not isinstance(params, dict):
                raise BadQueryParameter("params must be an object of name: value")
            return console.run_canned(self.store, str(body["name"]), params, timeout=self.timeout)
        return console.run_cypher(self.store, body.get("cypher", ""), body.get("params"), timeout=self.timeout)


def _required(query: dict[str, str], name: str) -> str:
    value = query.get(name, "")
    if not value:
        raise BadQueryParameter(f"the request needs the parameter {name!r}")
    return value


def _int(query: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadQueryParameter(f"parameter {name!r} must be a whole number, got {raw!r}") from None
    return max(low, min(high, value))


class _Handler(BaseHTTPRequestHandler):
    workbench: Workbench
    server_version = "newsgraph-workbench"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, content_type: str, *, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "max-age=300" if cache else "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        body = json.dumps(json_values(value), ensure_ascii=False, default=str).encode()
        self._send(status, body, "application/json; charset=utf-8")

    def _refused(self, status: int, message: str) -> None:
        """An error reply after which the connection closes: a request body left unread must not be taken for
        the next request on the connection."""
        self.close_connection = True
        self._json(status, {"error": message})

    def _host_allowed(self) -> bool:
        if not self.workbench.loopback_only:
            return True
        try:
            host = urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
        except ValueError:  # "[": not a host at all
            return False
        return is_loopback(host)

    def _guarded(self, work: Callable[[], Any]) -> None:
        try:
            self._json(HTTPStatus.OK, work())
        except NewsgraphError as exc:
            status = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), HTTPStatus.BAD_REQUEST)
            self._json(status, {"error": " ".join(str(exc).split()), "kind": type(exc).__name__})
        except Exception:  # a bug or an unexpected store reply: logged here, a short message to the page
            log.exception("workbench request %s failed", self.path)
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal error; see the server's log"})

    def do_HEAD(self) -> None:  # noqa: N802 - the base class's name
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if (self.headers.get("Content-Length") or "0").strip() != "0":  # a body no GET reads: not a next request
            self.close_connection = True
        if not self._host_allowed():
            self.close_connection = True
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"unknown host", "text/plain; charset=utf-8")
            return
        parts = urlsplit(self.path)
        if parts.path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            return
        if parts.path in STATIC:
            name, content_type = STATIC[parts.path]
            self._send(HTTPStatus.OK, static_file(name), content_type, cache=name.startswith("vendor/"))
            return
        route = self.workbench.routes().get(parts.path)
        if route is None:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page: {parts.path}"})
            return
        lists = parse_qs(parts.query, keep_blank_values=True)
        query: dict[str, Any] = {k: v[-1] for k, v in lists.items()}
        query["ids"] = [i for i in lists.get("id", []) if i]
        self._guarded(lambda: route(query))

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_allowed():
            self.close_connection = True
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"unknown host", "text/plain; charset=utf-8")
            return
        if urlsplit(self.path).path != "/api/query":
            self._refused(HTTPStatus.METHOD_NOT_ALLOWED, "only /api/query takes POST")
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self._refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the query as application/json")
            return
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            self._refused(HTTPStatus.BAD_REQUEST, "Content-Length must be a whole number of bytes")
            return
        length = int(raw)
        if length > _MAX_BODY:
            self._refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the query is larger than 1 MB")
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: [[[[… nested past Python's stack
            self._refused(HTTPStatus.BAD_REQUEST, "the body is not JSON")
            return
        if not isinstance(body, dict):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the body must be a JSON object"})
            return
        self._guarded(lambda: self.workbench.query(body))

    def _refuse(self) -> None:
        self._refused(HTTPStatus.METHOD_NOT_ALLOWED, "the workbench is read-only")

    do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815
