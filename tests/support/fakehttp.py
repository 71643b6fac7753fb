"""A real HTTP server on 127.0.0.1 for offline tests: routes map a path to a canned response.

Registry fakes (PyPI, npm, vulnerability services) are built on top of it by adding routes.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Response:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # sleep before answering (slow server)
    truncate_to: int | None = None  # send a Content-Length of the full body but only this many bytes
    # fault injection: "headers" sends the status line and headers one byte every `drip_s` (padded
    # to `drip_pad` bytes so that it lasts), "body" sends the headers at once and the body so
    drip: str | None = None
    drip_s: float = 1.0
    drip_pad: int = 20_000
    reset: bool = False  # after the (truncated) body, close the connection with a TCP reset


Handler = Callable[[str, bytes, dict[str, str]], Response]  # (method, request body, headers) -> Response


class FakeHTTPServer:
    """Serve `routes` (exact path, query ignored) on an ephemeral loopback port."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Response | Handler] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path) in arrival order
        self._lock = threading.Lock()
        outer = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in separate writes: without TCP_NODELAY the body waits for
            # the client's delayed ACK (~40 ms per request on Linux)
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _serve(self, method: str) -> None:
                path = urlsplit(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                body_in = self.rfile.read(length) if length else b""
                with outer._lock:
                    outer.requests.append((method, path))
                route = outer.routes.get((method, path)) or outer.routes.get(("*", path))
                if route is None:
                    resp = Response(b'{"message": "Not Found"}', 404, {"Content-Type": "application/json"})
                elif callable(route):
                    resp = route(method, body_in, dict(self.headers))
                else:
                    resp = route
                if resp.delay_s:
                    time.sleep(resp.delay_s)
                if resp.drip is not None:
                    self._drip(resp, method)
                    return
                self.send_response(resp.status)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                if method != "HEAD":
                    data = resp.body if resp.truncate_to is None else resp.body[: resp.truncate_to]
                    try:
                        self.wfile.write(data)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                if resp.truncate_to is not None:
                    self.close_connection = True
                if resp.reset:
                    self.close_connection = True
                    try:
                        self.wfile.flush()
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    except OSError:
                        pass

            def _drip(self, resp: Response, method: str) -> None:
                self.close_connection = True
                head = [f"HTTP/1.1 {resp.status} {self.responses.get(resp.status, ('',))[0]}"]
                head += [f"{k}: {v}" for k, v in resp.headers.items()]
                head.append(f"Content-Length: {len(resp.body)}")
                if resp.drip == "headers":
                    head.append("X-Padding: " + "p" * resp.drip_pad)
                raw_head = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
                body = b"" if method == "HEAD" else resp.body
                first, slow, last = (b"", raw_head, body) if resp.drip == "headers" else (raw_head, body, b"")
                try:
                    self.wfile.write(first)
                    self.wfile.flush()
                    for i in range(len(slow)):
                        self.wfile.write(slow[i:i + 1])
                        self.wfile.flush()
                        time.sleep(resp.drip_s)
                    self.wfile.write(last)
                except OSError:  # the client gave up: what a drip test wants
                    pass

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_HEAD(self) -> None:
                self._serve("HEAD")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, path: str, response: Response | Handler | bytes | str, method: str = "*",
            content_type: str = "application/octet-stream") -> None:
        if isinstance(response, str):
            response = response.encode("utf-8")
        if isinstance(response, bytes):
            response = Response(response, 200, {"Content-Type": content_type})
        self.routes[(method, path)] = response

    def add_json(self, path: str, doc: object, status: int = 200, method: str = "*") -> None:
        import json

        self.routes[(method, path)] = Response(json.dumps(doc).encode(), status, {"Content-Type": "application/json"})

    def start(self) -> FakeHTTPServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
