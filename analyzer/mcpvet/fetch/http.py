"""The one HTTP client of mcpvet: a requests.Session with timeouts, a deadline, retries and size caps.

Only the fetchers (and the provenance stage through them) touch the network, and they do it
through `HttpClient` (or, for the provenance services, a session from `new_session`). Every
failure becomes an `mcpvet.errors.FetchError` with a clear message; a 404 is reported as `None`
so that callers can turn it into `TargetNotFound`.

Bounds on one request:
- `http_timeout_s`: connecting, and the longest silence between two reads;
- a wall-clock deadline (`http_deadline_s` for an artifact, `http_json_deadline_s` for a JSON
  document) covering connect, response headers and body, redirects and retries included. A
  read timeout restarts with every byte, so a server that drips its headers or body one byte at
  a time would never be given up on: a watchdog (`Deadline`) shuts the request's sockets down
  when the deadline passes, which ends any blocked read at once;
- `max_download_bytes`;
- a `Retry-After` of at most `RETRY_AFTER_CAP_S` (and within the deadline) is honoured; a longer
  one ends the request as rate-limited.

Trust boundary (`AddressGuard`): a URL taken from a registry document (an artifact, a redirect
hop) must not make mcpvet connect to a loopback, private, link-local or otherwise non-public
address, unless that host is the one a configured service URL (`pypi_url`, `npm_url`,
`osv_url`) names. Literal addresses are refused before connecting; names are checked against
the address actually connected to, before anything is sent (so DNS answers cannot get around it).
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

from mcpvet import __version__
from mcpvet.errors import FetchError
from mcpvet.fetch.jsontext import loads_json
from mcpvet.options import InspectOptions

USER_AGENT = f"mcpvet/{__version__} (+https://github.com/mcpvet/mcpvet)"
_CHUNK = 1 << 16
_RETRY_STATUS = (429, 500, 502, 503, 504)
# the longest Retry-After honoured; a server asking for more is reported as rate-limiting
RETRY_AFTER_CAP_S = 10.0


class DeadlineExceeded(Exception):
    """Raised inside a request once its wall-clock deadline has passed (never escapes the clients)."""


class AddressRefused(Exception):
    """A connection to a non-public address that no configured service URL names."""


# ----------------------------------------------------------------------------- deadline
class Deadline:
    """A wall-clock bound on one request. Sockets the request uses are registered with `watch`;
    when the time is up a timer thread shuts them down (a blocked read then returns at once) and
    every later connection attempt or retry of the request raises `DeadlineExceeded`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(0.0, float(seconds))
        self.expired = False
        self._ends = time.monotonic() + self.seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._connections: list[HTTPConnection] = []
        self._done = False
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        return max(0.0, self._ends - time.monotonic())

    def check(self) -> None:
        if self.expired or time.monotonic() >= self._ends:
            self.expired = True
            raise DeadlineExceeded(f"no complete answer within {self.seconds:g} s")

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                _shutdown(sock)
            else:
                self._sockets.append(sock)

    def watch_connection(self, conn: HTTPConnection) -> None:
        """The connection's socket is looked up when the time is up (it may not exist yet)."""
        with self._lock:
            if self.expired:
                _shutdown(getattr(conn, "sock", None))
            else:
                self._connections.append(conn)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in [*self._sockets, *(getattr(c, "sock", None) for c in self._connections)]:
                _shutdown(sock)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        with self._lock:
            self._done = True
            self._sockets.clear()
            self._connections.clear()
        self._timer.cancel()


def _shutdown(sock: socket.socket | None) -> None:
    if sock is None:
        return
    try:
        # the plain socket's shutdown, also for an SSLSocket (whose own shutdown would drop the
        # TLS state under a reader in another thread)
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass


_local = threading.local()


def current_deadline() -> Deadline | None:
    """The deadline of the request running in this thread, if any."""
    return getattr(_local, "deadline", None)


@contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """Bound everything done inside the block through a session from `new_session` (connect,
    headers, body, redirects, retries) to `seconds` of wall-clock time."""
    scope = Deadline(seconds)
    previous = current_deadline()
    _local.deadline = scope
    scope.start()
    try:
        yield scope
    finally:
        scope.stop()
        _local.deadline = previous


# ----------------------------------------------------------------------------- address guard
class AddressGuard:
    """Refuses non-public addresses except the hosts of the configured service URLs."""

    def __init__(self, trusted_urls: Iterable[str]) -> None:
        self.trusted: frozenset[str] = frozenset(
            h for h in ((urlsplit(u).hostname or "").lower() for u in trusted_urls if u) if h)
        self._trusted_addresses: frozenset[str] | None = None

    def trusted_addresses(self) -> frozenset[str]:
        """The addresses the configured registries' host names resolve to (resolved once, when a
        non-public peer is first met): a mirror or a sandbox where the registry and its file host
        share one private address is where the registries live, not a redirect into a network."""
        if self._trusted_addresses is None:
            found: set[str] = set()
            for host in self.trusted:
                try:
                    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
                except OSError:
                    continue
                for info in infos:
                    ip = _ip(str(info[4][0]))
                    if ip is not None:
                        found.add(str(ip))
            self._trusted_addresses = frozenset(found)
        return self._trusted_addresses

    @classmethod
    def for_options(cls, options: InspectOptions) -> AddressGuard:
        return cls((options.pypi_url, options.npm_url, options.osv_url))

    def check_url(self, url: str) -> None:
        """Before connecting: a literal non-public address (or `localhost`) that is not trusted."""
        host = (urlsplit(url).hostname or "").lower()
        if not host or host in self.trusted:
            return
        if host == "localhost" or host.endswith(".localhost"):
            raise AddressRefused(f"{url}: refused to connect to {host} (a loopback name), "
                                 "which is not where the configured registries live")
        ip = _ip(host)
        if ip is not None and not _public(ip):
            raise AddressRefused(f"{url}: refused to connect to {host} ({_kind(ip)} address), "
                                 "which is not where the configured registries live")

    def check_peer(self, host: str, sock: socket.socket) -> None:
        """After connecting, before sending: the address a host name led to."""
        if (host or "").lower().strip("[]") in self.trusted:
            return
        try:
            peer = sock.getpeername()[0]
        except (OSError, IndexError):
            return
        ip = _ip(str(peer))
        if ip is not None and not _public(ip) and str(ip) not in self.trusted \
                and str(ip) not in self.trusted_addresses():
            raise AddressRefused(f"refused to connect to {host}: it resolves to {ip} ({_kind(ip)} address), "
                                 "which is not where the configured registries live")


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not ip.is_multicast


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if ip.is_loopback:
        return "a loopback"
    if ip.is_link_local:
        return "a link-local"
    if ip.is_private:
        return "a private"
    return "a non-public"


# ----------------------------------------------------------------------------- connections
class _WatchedConnection(HTTPConnection):
    """Registers its sockets with the running request's deadline and checks where it connected."""

    guard: ClassVar[AddressGuard | None] = None

    def _new_conn(self) -> socket.socket:
        scope = current_deadline()
        if scope is not None:
            scope.check()
        sock = super()._new_conn()
        if scope is not None:
            scope.watch(sock)
        if self.guard is not None and self.proxy is None:  # through a proxy the peer is the proxy
            try:
                self.guard.check_peer(self.host, sock)
            except AddressRefused:
                sock.close()
                raise
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        scope = current_deadline()
        if scope is not None:
            scope.check()
            scope.watch_connection(self)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(_WatchedConnection, HTTPSConnection):
    pass


def _pool_classes(guard: AddressGuard | None) -> dict[str, type[HTTPConnectionPool]]:
    """Pool classes whose connections carry `guard` (one set per adapter)."""
    http_conn = type("_GuardedHTTPConnection", (_WatchedConnection,), {"guard": guard})
    https_conn = type("_GuardedHTTPSConnection", (_WatchedHTTPSConnection,), {"guard": guard})
    return {
        "http": type("_GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
        "https": type("_GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}),
    }


class _Adapter(HTTPAdapter):
    """HTTPAdapter whose connections honour the request deadline and the address guard; the
    guard also sees every URL sent (each redirect hop goes through `send`)."""

    def __init__(self, retries: Retry, guard: AddressGuard | None) -> None:
        self.guard = guard
        self._classes = _pool_classes(guard)
        super().__init__(max_retries=retries)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(self._classes)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = dict(self._classes)
        return manager

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        if self.guard is not None and request.url:
            self.guard.check_url(request.url)
        return super().send(request, *args, **kwargs)


# ----------------------------------------------------------------------------- retries
class _Retry(Retry):
    """Retry with back-off, except when the host name does not resolve (that answer will not change
    within seconds), when the request's deadline has passed, or when the server asks to wait longer
    than `RETRY_AFTER_CAP_S` or than the deadline leaves (the last answer is then returned)."""

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> Self:
        if isinstance(error, urllib3.exceptions.NameResolutionError):
            raise urllib3.exceptions.MaxRetryError(_pool, url or "", error) from error
        scope = current_deadline()
        if scope is not None:
            scope.check()
        if response is not None:
            wait = self.get_retry_after(response)
            if wait is not None and (wait > RETRY_AFTER_CAP_S or (scope is not None and wait >= scope.remaining())):
                raise urllib3.exceptions.MaxRetryError(
                    _pool, url or "", urllib3.exceptions.ResponseError(f"the server asks to wait {wait:g} s"))
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def get_retry_after(self, response: Any) -> float | None:
        return retry_after_s(response.headers.get("Retry-After"))

    def _sleep_backoff(self) -> None:
        scope = current_deadline()
        backoff = self.get_backoff_time()
        if scope is not None:
            backoff = min(backoff, scope.remaining())
        if backoff > 0:
            time.sleep(backoff)


def timed_out(exc: BaseException) -> bool:
    """Whether a requests error is, underneath, a time-out (after retries a read time-out arrives
    as a ConnectionError wrapping MaxRetryError(ReadTimeoutError))."""
    if isinstance(exc, requests.exceptions.Timeout):
        return True
    inner = exc.args[0] if exc.args else None
    reason = inner.reason if isinstance(inner, urllib3.exceptions.MaxRetryError) else None
    # NewConnectionError subclasses ConnectTimeoutError in urllib3 2, but is a refusal, not a time-out
    return isinstance(reason, (urllib3.exceptions.TimeoutError, TimeoutError)) \
        and not isinstance(reason, urllib3.exceptions.NewConnectionError)


def retry_after_s(value: str | None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) in seconds; None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _retry(total: int) -> Retry:
    return _Retry(
        total=total,
        connect=total,
        read=min(total, 1),  # a read timeout already cost a full timeout: retry it once at most
        status=total,
        other=0,
        backoff_factor=0.3,
        status_forcelist=_RETRY_STATUS,
        allowed_methods=frozenset({"GET", "HEAD"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )


class HttpSession(requests.Session):
    """A session built by `new_session`: it carries the options it was built from (not named
    `options`, which is requests' HTTP OPTIONS method)."""

    def __init__(self, options: InspectOptions) -> None:
        super().__init__()
        self.mcpvet_options = options


def new_session(options: InspectOptions, *, guard: bool = True) -> HttpSession:
    """The session every HTTP user of mcpvet starts from: user agent, retries with back-off,
    deadline-aware connections and (unless `guard=False`) the address guard built from the
    options' service URLs. Wrap each request in `deadline(...)` to bound it."""
    session = HttpSession(options)
    session.headers["User-Agent"] = USER_AGENT
    adapter = _Adapter(_retry(max(0, int(options.http_retries))), AddressGuard.for_options(options) if guard else None)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@dataclass(frozen=True)
class JsonDocument:
    """A JSON answer and the URL that finally answered it (after redirects): relative links
    in the document are resolved against `url`."""

    doc: Any
    url: str


@dataclass(frozen=True)
class Download:
    """A file fetched to disk with the digests computed while streaming it."""

    path: Path
    url: str
    size: int
    digests: dict[str, str]  # algorithm name -> hex digest ("sha256", "sha512", "sha1", …)


class HttpClient:
    """One `requests.Session` per run. Use it as a context manager or call `close()`."""

    def __init__(self, options: InspectOptions) -> None:
        self.options = options
        self.timeout_s = float(options.http_timeout_s)
        self.deadline_s = float(options.http_deadline_s)
        self.json_deadline_s = float(options.http_json_deadline_s)
        self.max_bytes = int(options.max_download_bytes)
        self.session = new_session(options)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    @property
    def _timeouts(self) -> tuple[float, float]:
        return (min(10.0, self.timeout_s), self.timeout_s)

    def _get(self, url: str, scope: Deadline, headers: dict[str, str] | None = None) -> requests.Response:
        if self.options.offline:
            raise FetchError(f"offline mode: cannot fetch {url}", hint="run once online to fill the cache")
        try:
            return self.session.get(url, headers=headers or {}, timeout=self._timeouts, stream=True,
                                    allow_redirects=True)
        except AddressRefused as exc:
            raise FetchError(str(exc) if str(exc).startswith(("http://", "https://")) else f"{url}: {exc}",
                             hint="a registry document pointed mcpvet at a local or private network address") from exc
        except Exception as exc:
            if scope.expired or isinstance(exc, DeadlineExceeded):
                raise self._late(url, scope, "before the response headers arrived") from exc
            if isinstance(exc, requests.exceptions.RetryError):
                raise FetchError(f"{url}: the server kept failing after {self.options.http_retries} retries ({exc})") from exc
            if isinstance(exc, requests.exceptions.Timeout) or timed_out(exc):
                raise FetchError(f"{url}: no answer within {self.timeout_s:g} s (timed out)") from exc
            if isinstance(exc, requests.exceptions.ConnectionError):
                raise FetchError(f"{url}: cannot connect ({_short(str(exc))})",
                                 hint="check the network or the registry URL (MCPVET_PYPI_URL / MCPVET_NPM_URL)") from exc
            if isinstance(exc, requests.exceptions.RequestException):
                raise FetchError(f"{url}: request failed ({_short(str(exc))})") from exc
            raise

    def _check_headers_in_time(self, resp: requests.Response, url: str, scope: Deadline) -> None:
        """The watchdog's shutdown ends a header drip like a (short) header block: not an answer."""
        if scope.expired:
            raise self._late(url, scope, "before the response headers were complete")

    def _late(self, url: str, scope: Deadline, when: str) -> FetchError:
        return FetchError(f"{url}: no complete answer within the deadline of {scope.seconds:g} s ({when}); "
                          "aborted (server too slow)")

    def get_json(self, url: str, headers: dict[str, str] | None = None) -> JsonDocument | None:
        """GET a JSON document. `None` on 404/410; FetchError on any other failure."""
        with deadline(self.json_deadline_s) as scope:
            resp = self._get(url, scope, {"Accept": "application/json", **(headers or {})})
            with resp:
                self._check_headers_in_time(resp, url, scope)
                if resp.status_code in (404, 410):
                    return None
                _raise_for_status(resp, url)
                body = b"".join(self._iter(resp, url, scope))
        try:
            doc = loads_json(body)
        except ValueError as exc:
            raise FetchError(f"{url}: the answer is not valid JSON ({exc})") from exc
        return JsonDocument(doc, resp.url or url)

    def _iter(self, resp: requests.Response, url: str, scope: Deadline) -> Iterator[bytes]:
        """Yield the body in chunks, enforcing the size cap, the deadline and the Content-Length."""
        declared = resp.headers.get("Content-Length")
        expected = int(declared) if declared and declared.isdigit() else None
        if expected is not None and expected > self.max_bytes:
            raise FetchError(f"{url}: {expected} bytes is over the download limit of {self.max_bytes} bytes")
        size = 0
        try:
            for chunk in _chunks(resp):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"{url}: the download passed the limit of {self.max_bytes} bytes; aborted")
                scope.check()
                yield chunk
        except DeadlineExceeded as exc:
            raise self._late(url, scope, f"{size} bytes of the body received") from exc
        except (requests.exceptions.Timeout, urllib3.exceptions.ReadTimeoutError, TimeoutError) as exc:
            if scope.expired:
                raise self._late(url, scope, f"{size} bytes of the body received") from exc
            raise FetchError(f"{url}: the server stopped sending for {self.timeout_s:g} s (timed out)") from exc
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            if scope.expired:
                raise self._late(url, scope, f"{size} bytes of the body received") from exc
            raise FetchError(f"{url}: the download was cut off after {size} bytes"
                             + (f" of {expected}" if expected is not None else "") + f" ({_short(str(exc))})") from exc
        if scope.expired:  # the watchdog's shutdown can look like a clean end of a body without a length
            raise self._late(url, scope, f"{size} bytes of the body received")
        if expected is not None and size != expected and not resp.headers.get("Content-Encoding"):
            raise FetchError(f"{url}: the download was cut off: got {size} of {expected} bytes")

    def download(self, url: str, dest_dir: Path, algorithms: tuple[str, ...] = ("sha256",)) -> Download:
        """Stream `url` into a new file in `dest_dir`, hashing as it goes. 404 is TargetNotFound-worthy:
        it raises FetchError here because the registry itself pointed at the file."""
        with deadline(self.deadline_s) as scope:
            resp = self._get(url, scope)
            with resp:
                self._check_headers_in_time(resp, url, scope)
                if resp.status_code in (404, 410):
                    raise FetchError(f"{url}: the registry lists this file but it answers {resp.status_code}")
                _raise_for_status(resp, url)
                hashers = {a: hashlib.new(a) for a in dict.fromkeys(("sha256", *algorithms))}
                dest_dir.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".download-", dir=dest_dir)
                size = 0
                ok = False
                try:
                    with os.fdopen(fd, "wb") as out:
                        for chunk in self._iter(resp, url, scope):
                            out.write(chunk)
                            size += len(chunk)
                            for h in hashers.values():
                                h.update(chunk)
                    ok = True
                finally:
                    if not ok:
                        Path(tmp).unlink(missing_ok=True)
        return Download(Path(tmp), resp.url or url, size, {a: h.hexdigest() for a, h in hashers.items()})


def _chunks(resp: requests.Response) -> Iterator[bytes]:
    """The body as it arrives: `read1` returns what one socket read gives (so the deadline is
    checked even when a server drips bytes), decoded like iter_content would."""
    raw = resp.raw
    if not hasattr(raw, "read1"):
        yield from resp.iter_content(_CHUNK)
        return
    while True:
        chunk = raw.read1(_CHUNK, decode_content=True)
        if not chunk:
            return
        yield chunk


def _raise_for_status(resp: requests.Response, url: str) -> None:
    if resp.status_code == 429:
        wait = retry_after_s(resp.headers.get("Retry-After"))
        raise FetchError(f"{url}: rate-limited by the server (HTTP 429"
                         + (f", it asks to wait {wait:g} s" if wait is not None else "") + ")",
                         hint="try again later")
    if resp.status_code >= 400:
        raise FetchError(f"{url}: the server answered HTTP {resp.status_code}"
                         + (" (after retries)" if resp.status_code in _RETRY_STATUS else ""))


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
