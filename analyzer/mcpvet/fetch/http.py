"""The one HTTP client of mcpvet: a requests.Session with timeouts, retries and size caps.

Only the fetchers (and the provenance stage through them) touch the network, and they do it
through `HttpClient`. Every failure becomes an `mcpvet.errors.FetchError` with a clear message;
a 404 is reported as `None` so that callers can turn it into `TargetNotFound`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from mcpvet import __version__
from mcpvet.errors import FetchError
from mcpvet.options import InspectOptions

USER_AGENT = f"mcpvet/{__version__} (+https://github.com/mcpvet/mcpvet)"
_CHUNK = 1 << 16
# a download may take at most this many times the per-read timeout in total (a server that
# drips bytes just fast enough to dodge the read timeout still ends)
_DEADLINE_FACTOR = 20.0
_RETRY_STATUS = (500, 502, 503, 504)


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


class _Retry(Retry):
    """Retry with back-off, except when the host name does not resolve: that answer will not change
    within seconds, and waiting on it only delays the clear error."""

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> Retry:
        if isinstance(error, urllib3.exceptions.NameResolutionError):
            raise urllib3.exceptions.MaxRetryError(_pool, url or "", error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)


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
        respect_retry_after_header=False,
    )


def new_session(options: InspectOptions) -> requests.Session:
    """The session every HTTP user of mcpvet starts from: user agent, retries with back-off."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    adapter = HTTPAdapter(max_retries=_retry(max(0, int(options.http_retries))))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class HttpClient:
    """One `requests.Session` per run. Use it as a context manager or call `close()`."""

    def __init__(self, options: InspectOptions) -> None:
        self.options = options
        self.timeout_s = float(options.http_timeout_s)
        self.max_bytes = int(options.max_download_bytes)
        self.session = new_session(options)

    def __enter__(self) -> "HttpClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    @property
    def _timeouts(self) -> tuple[float, float]:
        return (min(10.0, self.timeout_s), self.timeout_s)

    def _get(self, url: str, headers: dict[str, str] | None = None) -> requests.Response:
        if self.options.offline:
            raise FetchError(f"offline mode: cannot fetch {url}", hint="run once online to fill the cache")
        try:
            return self.session.get(url, headers=headers or {}, timeout=self._timeouts, stream=True,
                                    allow_redirects=True)
        except requests.exceptions.RetryError as exc:
            raise FetchError(f"{url}: the server kept failing after {self.options.http_retries} retries ({exc})") from exc
        except requests.exceptions.Timeout as exc:
            raise FetchError(f"{url}: no answer within {self.timeout_s:g} s (timed out)") from exc
        except requests.exceptions.ConnectionError as exc:
            raise FetchError(f"{url}: cannot connect ({_short(exc)})",
                             hint="check the network or the registry URL (MCPVET_PYPI_URL / MCPVET_NPM_URL)") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"{url}: request failed ({_short(exc)})") from exc

    def get_json(self, url: str, headers: dict[str, str] | None = None) -> JsonDocument | None:
        """GET a JSON document. `None` on 404/410; FetchError on any other failure."""
        resp = self._get(url, {"Accept": "application/json", **(headers or {})})
        with resp:
            if resp.status_code in (404, 410):
                return None
            _raise_for_status(resp, url)
            body = self._read_all(resp, url)
        try:
            doc = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise FetchError(f"{url}: the answer is not valid JSON ({exc})") from exc
        return JsonDocument(doc, resp.url or url)

    def _read_all(self, resp: requests.Response, url: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in self._iter(resp, url):
            size += len(chunk)
            chunks.append(chunk)
        return b"".join(chunks)

    def _iter(self, resp: requests.Response, url: str) -> Iterator[bytes]:
        """Yield the body in chunks, enforcing the size cap, the deadline and the Content-Length."""
        declared = resp.headers.get("Content-Length")
        expected = int(declared) if declared and declared.isdigit() else None
        if expected is not None and expected > self.max_bytes:
            raise FetchError(f"{url}: {expected} bytes is over the download limit of {self.max_bytes} bytes")
        deadline = time.monotonic() + self.timeout_s * _DEADLINE_FACTOR
        size = 0
        try:
            for chunk in _chunks(resp):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"{url}: the download passed the limit of {self.max_bytes} bytes; aborted")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: the download took longer than "
                                     f"{self.timeout_s * _DEADLINE_FACTOR:g} s; aborted (server too slow)")
                yield chunk
        except (requests.exceptions.Timeout, urllib3.exceptions.ReadTimeoutError, TimeoutError) as exc:
            raise FetchError(f"{url}: the server stopped sending for {self.timeout_s:g} s (timed out)") from exc
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
                urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(f"{url}: the download was cut off after {size} bytes"
                             + (f" of {expected}" if expected is not None else "") + f" ({_short(exc)})") from exc
        if expected is not None and size != expected and not resp.headers.get("Content-Encoding"):
            raise FetchError(f"{url}: the download was cut off: got {size} of {expected} bytes")

    def download(self, url: str, dest_dir: Path, algorithms: tuple[str, ...] = ("sha256",)) -> Download:
        """Stream `url` into a new file in `dest_dir`, hashing as it goes. 404 is TargetNotFound-worthy:
        it raises FetchError here because the registry itself pointed at the file."""
        resp = self._get(url)
        with resp:
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
                    for chunk in self._iter(resp, url):
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
    if resp.status_code >= 400:
        raise FetchError(f"{url}: the server answered HTTP {resp.status_code}"
                         + (" (after retries)" if resp.status_code in _RETRY_STATUS else ""))


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 300 else text[:297] + "..."
