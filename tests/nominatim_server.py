"""A Nominatim-shaped HTTP server on 127.0.0.1 for the geocoder tests, so no test touches the internet.

It answers ``/search?q=...&format=json`` from a table of replies keyed by the
case-folded query (unknown names get ``[]``, Nominatim's "nothing found"), and
records every request it reads with the time it read it, so tests assert on
what the server saw rather than on the test's own clock.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class Reply:
    """How to answer one query: status and body after a delay; ``body=None`` hangs up without answering."""

    status: int = 200
    body: bytes | None = b"[]"
    delay: float = 0.0


def json_reply(payload: Any, *, status: int = 200, delay: float = 0.0) -> Reply:
    return Reply(status, json.dumps(payload).encode(), delay)


SIDAKAN = {
    "place_id": 178912345,
    "licence": "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright",
    "osm_type": "node",
    "osm_id": 2418876543,
    "lat": "36.6",
    "lon": "45.1",
    "class": "place",
    "type": "village",
    "place_rank": 19,
    "importance": 0.31,
    "addresstype": "village",
    "name": "Sidakan",
    "display_name": "Sidakan, Soran, Erbil Governorate, Iraq",
    "address": {"village": "Sidakan", "state": "Erbil Governorate", "country": "Iraq", "country_code": "iq"},
    "boundingbox": ["36.58", "36.62", "45.08", "45.12"],
}


@dataclass(frozen=True)
class Request:
    at: float  # time.monotonic() when the server read the request
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class NominatimServer:
    """Start with ``with NominatimServer() as server:``; stopped (and sleeping answers cut short) on exit."""

    replies: dict[str, Reply] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self._httpd.server_port}"

    def queries(self) -> list[str]:
        with self._lock:
            return [r.params.get("q", "") for r in self.requests]

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def reply_for(self, query: str) -> Reply:
        return self.replies.get(query.casefold(), Reply())

    def __enter__(self) -> NominatimServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _handler(server: NominatimServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: one request per connection, closed after the answer.
        def do_GET(self) -> None:
            at = time.monotonic()
            url = urlsplit(self.path)
            params = dict(parse_qsl(url.query))
            server.record(Request(at, url.path, params, dict(self.headers.items())))
            reply = server.reply_for(params.get("q", "")) if url.path == "/search" else Reply(404, b"{}")
            if reply.delay and server._stopping.wait(reply.delay):
                return
            if reply.body is None:
                self.close_connection = True  # hang up without a status line
                return
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:  # the client gave up (a timed-out test request)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
