"""Where the servers of a batch come from: the MCP Registry API, or a saved listing file.

The registry (OpenAPI `GET /v0.1/servers?limit=100&version=latest`) answers pages of
`{"servers": [{"server": ServerDetail, "_meta": {...}}], "metadata": {"nextCursor": ..., "count": n}}`.
The cursor is opaque and passed back URL-encoded; a legacy `next_cursor` is accepted too.

Nothing here raises for bad data: a malformed page or entry, a failing server or a repeating
cursor becomes a `Problem`, which the run records, and the listing goes on (or stops, saying
why) without losing anything already stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from mcpvet import __version__

OFFICIAL_META = "io.modelcontextprotocol.registry/official"
MAX_PAGE_BYTES = 10 << 20
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Entry:
    """One registry entry: the ServerDetail and the registry's own metadata about it."""

    server: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)  # the `official` block: status, publishedAt, …
    origin: str = ""  # "page 3 entry 7", "listing.json line 12"


@dataclass(frozen=True)
class Problem:
    """Something in the listing that could not be read (recorded as an error row)."""

    origin: str
    message: str
    fatal: bool = False  # the listing stopped here


def _entry(raw: Any, origin: str) -> Entry | Problem:
    """An entry is `{"server": {...}, "_meta": {...}}`; a bare ServerDetail is accepted too."""
    if not isinstance(raw, dict):
        return Problem(origin, f"an entry is not a JSON object but {type(raw).__name__}")
    if isinstance(raw.get("server"), dict):
        server, meta_block = raw["server"], raw.get("_meta")
    elif "name" in raw and ("packages" in raw or "remotes" in raw or "version" in raw):
        server, meta_block = raw, raw.get("_meta")
    else:
        return Problem(origin, "an entry has no `server` object")
    meta: dict[str, Any] = {}
    if isinstance(meta_block, dict) and isinstance(meta_block.get(OFFICIAL_META), dict):
        meta = meta_block[OFFICIAL_META]
    name = server.get("name")
    if not isinstance(name, str) or not name.strip():
        return Problem(origin, "an entry's server has no name")
    return Entry(server, meta, origin)


def entries_of_document(doc: Any, origin: str) -> Iterator[Entry | Problem]:
    """Entries of a ServerList page (`{"servers": [...]}`), an array of entries or ServerDetails,
    or a single entry."""
    if isinstance(doc, dict) and "servers" in doc:
        items = doc["servers"]
        if not isinstance(items, list):
            yield Problem(origin, "`servers` is not a list")
            return
    elif isinstance(doc, list):
        items = doc
    else:
        items = [doc]
    for i, raw in enumerate(items, 1):
        yield _entry(raw, f"{origin} entry {i}")


def read_listing_file(path: Path) -> Iterator[Entry | Problem]:
    """A saved listing: a ServerList page, a JSON array of entries or ServerDetails, or JSON
    lines of entries (one per line; a bad line is a problem, the others still count)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield Problem(str(path), f"cannot read the listing file ({type(exc).__name__}: {exc})", fatal=True)
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        doc = None
        lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip()]
        if not lines or not lines[0][1].lstrip().startswith("{"):
            yield Problem(str(path), "the listing file is not JSON (expected a ServerList page, a JSON array "
                          "or JSON lines of entries)", fatal=True)
            return
        for n, line in lines:
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Problem(f"{path} line {n}", f"not JSON ({exc.msg})")
                continue
            yield _entry(raw, f"{path} line {n}")
        return
    yield from entries_of_document(doc, str(path))


class RegistryClient:
    """Pages through `GET {base}/v0.1/servers`. 429 and 5xx are retried with back-off (honouring
    Retry-After up to a bound); a page over `max_page_bytes`, a page that is not JSON, or a
    cursor seen before ends the listing with a fatal `Problem`."""

    def __init__(self, base_url: str, *, updated_since: str | None = None, limit: int = 100,
                 timeout_s: float = 30.0, retries: int = 4, backoff_s: float = 1.0,
                 max_page_bytes: int = MAX_PAGE_BYTES, latest_only: bool = True) -> None:
        self.base_url = base_url.rstrip("/")
        self.updated_since = updated_since
        self.limit = limit
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_page_bytes = max_page_bytes
        self.latest_only = latest_only
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"mcpvet/{__version__} (batch)"
        self.session.headers["Accept"] = "application/json"
        self.pages_read = 0
        self._wait = backoff_s

    def close(self) -> None:
        self.session.close()

    def page_url(self, cursor: str | None) -> str:
        base = self.base_url if self.base_url.endswith("/servers") else f"{self.base_url}/v0.1/servers"
        query: dict[str, str] = {"limit": str(self.limit)}
        if self.latest_only:
            query["version"] = "latest"
        if self.updated_since:
            query["updated_since"] = self.updated_since
        if cursor is not None:
            query["cursor"] = cursor
        return f"{base}?{urlencode(query)}"  # urlencode quotes the opaque cursor

    def _fetch(self, url: str) -> bytes:
        """The body of one page, or raise `RuntimeError` with the reason."""
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(30.0, self._wait))
            self._wait = self.backoff_s * (2 ** attempt)
            try:
                with self.session.get(url, timeout=self.timeout_s, stream=True) as resp:
                    if resp.status_code in _RETRY_STATUS:
                        last = f"HTTP {resp.status_code}"
                        after = resp.headers.get("Retry-After", "")
                        if after.strip().isdigit():
                            self._wait = max(self._wait, float(after))
                        continue
                    if resp.status_code != 200:
                        raise RuntimeError(f"HTTP {resp.status_code} from {url}")
                    body = bytearray()
                    for chunk in resp.iter_content(1 << 16):
                        body += chunk
                        if len(body) > self.max_page_bytes:
                            raise RuntimeError(f"the page at {url} is larger than {self.max_page_bytes} bytes")
                    return bytes(body)
            except requests.RequestException as exc:
                last = f"{type(exc).__name__}: {exc}"
        raise RuntimeError(f"{url}: still failing after {self.retries} retries ({last})")

    def entries(self) -> Iterator[Entry | Problem]:
        cursor: str | None = None
        seen: set[str] = set()
        page = 0
        while True:
            page += 1
            url = self.page_url(cursor)
            self._wait = self.backoff_s
            try:
                body = self._fetch(url)
            except RuntimeError as exc:
                yield Problem(f"page {page}", str(exc), fatal=True)
                return
            try:
                doc = json.loads(body)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Problem(f"page {page}", f"the page at {url} is not JSON ({exc})", fatal=True)
                return
            if not isinstance(doc, dict) or not isinstance(doc.get("servers"), list):
                yield Problem(f"page {page}", f"the page at {url} is not a ServerList (no `servers` list)", fatal=True)
                return
            self.pages_read += 1
            yield from entries_of_document(doc, f"page {page}")
            meta = doc.get("metadata")
            meta = meta if isinstance(meta, dict) else {}
            nxt = meta.get("nextCursor", meta.get("next_cursor"))
            if not nxt:
                return
            if not isinstance(nxt, str):
                yield Problem(f"page {page}", f"the next cursor is not a string ({nxt!r}): listing stopped", fatal=True)
                return
            if nxt in seen:
                yield Problem(f"page {page}", f"the registry sent the cursor {nxt!r} again: listing stopped "
                              "to avoid a loop", fatal=True)
                return
            seen.add(nxt)
            cursor = nxt
