"""HTTP for the provenance stage: JSON requests with a time limit and an on-disk cache with a TTL.

Every failure is returned as a `ServiceUnavailable` value, never raised: the caller turns it into
an inconclusive signal and an `AnalysisError(stage="provenance")`. A 404 is an answer (the thing
does not exist), not a failure; callers see it as `JsonReply(status=404)`.

Each request is bounded by one wall-clock deadline (connect, headers, body, retries), taken from the
session's options (`http_json_deadline_s`) when it comes from `mcpvet.fetch.http.new_session`.

Cache: `<cache_dir>/provenance/<sha256 of method+url+body>.json` holding
`{"stored": <unix time>, "status": int, "body": <json>}`; entries older than the TTL, or dated in
the future, are expired. Only successful answers (2xx and 404) are cached. With `offline`, only the
cache is used (expired entries too). A cache that cannot be used is recorded once in
`cache_problem` (`cache_errors()` for errors[]) and the client goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from mcpvet import __version__ as _VERSION
from mcpvet.fetch.cache import STAGE as CACHE_STAGE
from mcpvet.fetch.cache import unusable
from mcpvet.fetch.jsontext import loads_json
from mcpvet.model import AnalysisError
from mcpvet.options import InspectOptions

if TYPE_CHECKING:  # the HTTP client (requests) is imported only by a client that may use the network
    import requests

    from mcpvet.fetch.http import Deadline

DEFAULT_TTL_S = 6 * 3600.0
DEFAULT_DEADLINE_S = 30.0
USER_AGENT = f"mcpvet/{_VERSION} (provenance)"
MAX_BODY_BYTES = 32 << 20
# a cache entry stored more than this far in the future (clock skew aside) is expired
_FUTURE_SLACK_S = 300.0


@dataclass(frozen=True)
class JsonReply:
    """An answer: status 2xx with a JSON body, or 404 (body None)."""

    url: str
    status: int
    body: Any
    cached: bool = False

    @property
    def found(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class ServiceUnavailable:
    """The service could not answer (connection error, time-out, 5xx, other 4xx, not JSON, offline)."""

    url: str
    reason: str


class JsonClient:
    """A small JSON client shared by the provenance collectors of one run."""

    def __init__(self, cache_dir: Path | None, *, ttl_s: float = DEFAULT_TTL_S, timeout_s: float = 30.0,
                 offline: bool = False, use_cache: bool = True, session: requests.Session | None = None,
                 deadline_s: float | None = None) -> None:
        self._root = cache_dir
        self._dir = (cache_dir / "provenance") if (cache_dir is not None and use_cache) else None
        self._ttl = ttl_s
        self._timeout = timeout_s
        self._offline = offline
        if session is None and not offline:
            # standalone use (tests): no retries, as plain requests; no address guard either, since
            # there are no configured registries to tell a trusted local service from a planted one.
            # The pipeline passes the run's session, guarded by its options (none when offline).
            from mcpvet.fetch.http import new_session

            session = new_session(InspectOptions(http_retries=0, http_timeout_s=timeout_s), guard=False)
            session.headers["User-Agent"] = USER_AGENT
        if deadline_s is None:
            deadline_s = DEFAULT_DEADLINE_S
            if session is not None:
                from mcpvet.fetch.http import HttpSession

                if isinstance(session, HttpSession):
                    deadline_s = session.mcpvet_options.http_json_deadline_s
        self._deadline = float(deadline_s)
        self._session = session  # None only offline: every answer then comes from the cache
        self.requests_made = 0
        self.cache_problem: str | None = None  # the first reason the cache could not be used

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def cache_errors(self) -> list[AnalysisError]:
        """errors[] entries for the cache problem of this run (worded like the fetch stage's)."""
        return [AnalysisError(CACHE_STAGE, self.cache_problem)] if self.cache_problem else []

    def get_json(self, url: str, *, ttl_s: float | None = None, headers: dict[str, str] | None = None
                 ) -> JsonReply | ServiceUnavailable:
        return self._request("GET", url, None, ttl_s, headers)

    def post_json(self, url: str, payload: Any, *, ttl_s: float | None = None) -> JsonReply | ServiceUnavailable:
        return self._request("POST", url, payload, ttl_s, None)

    def get_text(self, url: str, *, ttl_s: float | None = None) -> JsonReply | ServiceUnavailable:
        """A text document (e.g. PEP 658 METADATA); `body` is the decoded text."""
        return self._request("GET", url, None, ttl_s, {"Accept": "*/*"}, as_text=True)

    # -- internals -------------------------------------------------------------------------------

    def _key(self, method: str, url: str, body: bytes | None, headers: dict[str, str] | None) -> str:
        h = hashlib.sha256(f"{method} {url}\n".encode())
        if headers:
            h.update(json.dumps(headers, sort_keys=True).encode())
        h.update(body or b"")
        return h.hexdigest()

    def _cache_failed(self, exc: OSError) -> None:
        """The cache cannot be used: say so once, and go on without it for the rest of the run."""
        if self.cache_problem is None:
            self.cache_problem = unusable(self._root or Path("."), exc)
        self._dir = None

    def _cache_damaged(self, path: Path, what: str) -> None:
        if self.cache_problem is None:
            self.cache_problem = (f"the cache folder {self._root} holds a damaged entry ({path.name}: {what}); "
                                  "it was ignored")

    def _cache_read(self, key: str, ttl: float) -> JsonReply | None:
        if self._dir is None:
            return None
        path = self._dir / f"{key}.json"
        try:
            text = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._cache_failed(exc)
            return None
        try:
            doc = loads_json(text)
        except ValueError as exc:
            self._cache_damaged(path, f"not readable JSON: {exc}")
            return None
        stored = doc.get("stored") if isinstance(doc, dict) else None
        status = doc.get("status") if isinstance(doc, dict) else None
        if not isinstance(doc, dict) or not _is_number(stored) or not isinstance(status, int) \
                or isinstance(status, bool) or not isinstance(doc.get("url", ""), str):
            self._cache_damaged(path, "'stored' is not a time or 'status' is not a number")
            return None
        age = time.time() - float(stored)
        expired = age > ttl or age < -_FUTURE_SLACK_S  # dated in the future: never trusted to be fresh
        if expired and not self._offline:
            return None
        return JsonReply(str(doc.get("url", "")), status, doc.get("body"), cached=True)

    def _cache_write(self, key: str, reply: JsonReply) -> None:
        if self._dir is None:
            return
        try:
            data = json.dumps({"stored": time.time(), "url": reply.url, "status": reply.status, "body": reply.body})
        except (ValueError, TypeError, RecursionError):
            return  # not storable: only costs a later request
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self._dir, suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(data)
                os.replace(tmp, self._dir / f"{key}.json")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._cache_failed(exc)

    def _request(self, method: str, url: str, payload: Any, ttl_s: float | None,
                 headers: dict[str, str] | None, *, as_text: bool = False) -> JsonReply | ServiceUnavailable:
        body = None if payload is None else json.dumps(payload, sort_keys=True).encode()
        key = self._key(method, url, body, headers)
        cached = self._cache_read(key, self._ttl if ttl_s is None else ttl_s)
        if cached is not None:
            return cached
        if self._offline or self._session is None:
            return ServiceUnavailable(url, "offline mode and no cached answer")
        import requests
        import urllib3

        from mcpvet.fetch.http import AddressRefused, DeadlineExceeded, deadline, retry_after_s

        hdrs = {"Accept": "application/json", **(headers or {})}
        if body is not None:
            hdrs["Content-Type"] = "application/json"
        self.requests_made += 1
        late = f"no complete answer within the deadline of {self._deadline:g} s"
        with deadline(self._deadline) as scope:
            try:
                resp = self._session.request(method, url, data=body, headers=hdrs, timeout=self._timeout,
                                             stream=True)
                try:
                    raw = self._read(resp, scope)
                finally:
                    resp.close()
            except DeadlineExceeded:
                return ServiceUnavailable(url, late)
            except AddressRefused as exc:
                return ServiceUnavailable(url, str(exc))
            except requests.RequestException as exc:
                return ServiceUnavailable(url, late if scope.expired else describe(exc))
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                return ServiceUnavailable(url, late if scope.expired else f"{type(exc).__name__}: {_short(str(exc))}")
            if scope.expired:  # the watchdog's shutdown can end a body like a clean close
                return ServiceUnavailable(url, late)
        if len(raw) > MAX_BODY_BYTES:
            return ServiceUnavailable(url, f"answer larger than {MAX_BODY_BYTES} bytes")
        if resp.status_code == 404:
            reply = JsonReply(url, 404, None)
            self._cache_write(key, reply)
            return reply
        if resp.status_code == 429:
            wait = retry_after_s(resp.headers.get("Retry-After"))
            return ServiceUnavailable(url, "rate-limited (HTTP 429" + (f", asked to wait {wait:g} s" if wait is not None
                                                                       else "") + ")")
        if not 200 <= resp.status_code < 300:
            return ServiceUnavailable(url, f"HTTP {resp.status_code}")
        try:
            doc = raw.decode("utf-8", errors="replace") if as_text else (loads_json(raw) if raw.strip() else None)
        except ValueError as exc:
            return ServiceUnavailable(url, f"answer is not JSON ({exc})")
        reply = JsonReply(url, resp.status_code, doc)
        self._cache_write(key, reply)
        return reply


    @staticmethod
    def _read(resp: requests.Response, scope: Deadline) -> bytes:
        """The body, at most MAX_BODY_BYTES + 1 bytes, read as it arrives (the deadline is checked
        between reads)."""
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BODY_BYTES:
            chunk = resp.raw.read1(min(1 << 16, MAX_BODY_BYTES + 1 - size), decode_content=True) \
                if hasattr(resp.raw, "read1") else resp.raw.read(MAX_BODY_BYTES + 1 - size, decode_content=True)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            scope.check()
        return b"".join(chunks)


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def describe(exc: requests.RequestException) -> str:
    """A one-line reason a person can act on, instead of urllib3's nested repr."""
    import requests

    from mcpvet.fetch.http import timed_out

    text = str(exc)
    if isinstance(exc, requests.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, requests.ReadTimeout) or timed_out(exc):
        return "no answer in time"
    if isinstance(exc, requests.ConnectionError):
        if "NameResolution" in text or "Name or service not known" in text or "Failed to resolve" in text:
            return "host name could not be resolved"
        if "Connection refused" in text:
            return "connection refused"
        return f"could not connect ({_short(text, 120)})"
    return f"{type(exc).__name__}: {_short(text)}"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
