"""HTTP for the provenance stage: JSON requests with a time limit and an on-disk cache with a TTL.

Every failure is returned as a `ServiceUnavailable` value, never raised: the caller turns it into
an inconclusive signal and an `AnalysisError(stage="provenance")`. A 404 is an answer (the thing
does not exist), not a failure; callers see it as `JsonReply(status=404)`.

Cache: `<cache_dir>/provenance/<sha256 of method+url+body>.json` holding
`{"stored": <unix time>, "status": int, "body": <json>}`; entries older than the TTL are ignored.
Only successful answers (2xx and 404) are cached. With `offline`, only the cache is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from mcpvet import __version__ as _VERSION

DEFAULT_TTL_S = 6 * 3600.0
USER_AGENT = f"mcpvet/{_VERSION} (provenance)"
MAX_BODY_BYTES = 32 << 20


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
                 offline: bool = False, use_cache: bool = True, session: requests.Session | None = None) -> None:
        self._dir = (cache_dir / "provenance") if (cache_dir is not None and use_cache) else None
        self._ttl = ttl_s
        self._timeout = timeout_s
        self._offline = offline
        if session is None:  # standalone use (tests); the pipeline passes the run's session
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
        self._session = session
        self.requests_made = 0

    def close(self) -> None:
        self._session.close()

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

    def _cache_read(self, key: str, ttl: float) -> JsonReply | None:
        if self._dir is None:
            return None
        path = self._dir / f"{key}.json"
        try:
            doc = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(doc, dict) or not self._offline and time.time() - float(doc.get("stored", 0)) > ttl:
            return None
        return JsonReply(str(doc.get("url", "")), int(doc.get("status", 0)), doc.get("body"), cached=True)

    def _cache_write(self, key: str, reply: JsonReply) -> None:
        if self._dir is None:
            return
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self._dir, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"stored": time.time(), "url": reply.url, "status": reply.status, "body": reply.body}, fh)
            os.replace(tmp, self._dir / f"{key}.json")
        except OSError:
            pass  # a cache that cannot be written only costs a later request

    def _request(self, method: str, url: str, payload: Any, ttl_s: float | None,
                 headers: dict[str, str] | None, *, as_text: bool = False) -> JsonReply | ServiceUnavailable:
        body = None if payload is None else json.dumps(payload, sort_keys=True).encode()
        key = self._key(method, url, body, headers)
        cached = self._cache_read(key, self._ttl if ttl_s is None else ttl_s)
        if cached is not None:
            return cached
        if self._offline:
            return ServiceUnavailable(url, "offline mode and no cached answer")
        hdrs = {"Accept": "application/json", **(headers or {})}
        if body is not None:
            hdrs["Content-Type"] = "application/json"
        self.requests_made += 1
        try:
            resp = self._session.request(method, url, data=body, headers=hdrs, timeout=self._timeout, stream=True)
            raw = resp.raw.read(MAX_BODY_BYTES + 1, decode_content=True)
            resp.close()
        except requests.RequestException as exc:
            return ServiceUnavailable(url, describe(exc))
        except OSError as exc:
            return ServiceUnavailable(url, f"{type(exc).__name__}: {_short(str(exc))}")
        if len(raw) > MAX_BODY_BYTES:
            return ServiceUnavailable(url, f"answer larger than {MAX_BODY_BYTES} bytes")
        if resp.status_code == 404:
            reply = JsonReply(url, 404, None)
            self._cache_write(key, reply)
            return reply
        if not 200 <= resp.status_code < 300:
            return ServiceUnavailable(url, f"HTTP {resp.status_code}")
        try:
            doc = raw.decode("utf-8", errors="replace") if as_text else (
                json.loads(raw.decode("utf-8")) if raw.strip() else None)
        except (UnicodeDecodeError, ValueError) as exc:
            return ServiceUnavailable(url, f"answer is not JSON ({exc})")
        reply = JsonReply(url, resp.status_code, doc)
        self._cache_write(key, reply)
        return reply


def describe(exc: requests.RequestException) -> str:
    """A one-line reason a person can act on, instead of urllib3's nested repr."""
    text = str(exc)
    if isinstance(exc, requests.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, requests.ReadTimeout):
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
