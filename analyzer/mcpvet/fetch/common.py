"""Pieces shared by the registry fetchers: metadata with an offline fallback, verified artifact
download through the cache, and small normalisers (dates, repository URLs, people)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mcpvet.errors import FetchError, IntegrityError
from mcpvet.fetch.cache import DownloadCache, cache_error, file_digest, place
from mcpvet.fetch.http import HttpClient, JsonDocument
from mcpvet.fetch.interface import Fetched
from mcpvet.options import InspectOptions

# strongest first
DIGEST_PREFERENCE = ("sha512", "sha384", "sha256", "sha1")


@dataclass(frozen=True)
class Expected:
    """A digest the registry published for an artifact."""

    algorithm: str  # hashlib name
    hexdigest: str
    source: str  # e.g. "PyPI digests.sha256", "npm dist.integrity"


@dataclass(frozen=True)
class Artifact:
    path: Path  # inside the scratch folder
    sha256: str
    from_cache: bool


class Session:
    """What a registry fetcher needs for one run: the HTTP client and the cache."""

    def __init__(self, options: InspectOptions, client: HttpClient | None = None) -> None:
        self.options = options
        self.client = client or HttpClient(options)
        self.cache = DownloadCache(Path(options.cache_dir), enabled=options.use_cache)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def finish(self, fetched: Fetched) -> Fetched:
        """`fetched` with the cache's problem, if it had one, in errors[] (said once per run)."""
        extra = cache_error(self.cache.problem)
        return replace(fetched, errors=(*fetched.errors, *extra)) if extra else fetched

    def _offline_hint(self) -> str:
        return self.cache.problem or "run once online first"

    def get_json(self, url: str, headers: dict[str, str] | None = None) -> JsonDocument | None:
        """Metadata, from the network (remembered in the cache), or from the cache when offline."""
        if self.options.offline:
            hit = self.cache.lookup_json(url)
            if hit is None:
                raise FetchError(f"offline mode: {url} is not in the cache", hint=self._offline_hint())
            return JsonDocument(hit[0], hit[1])
        answer = self.client.get_json(url, headers)
        if answer is not None:
            self.cache.store_json(url, answer.doc, answer.url)
        return answer

    def artifact(self, url: str, filename: str, expected: Expected | None, scratch: Path) -> Artifact:
        """The artifact at `url` placed at `scratch/artifact/filename`, its digest verified (IntegrityError on
        mismatch). With a published digest the cache is consulted first."""
        dest = scratch / "artifact" / _safe_filename(filename)  # its own folder: no clash with the caller's
        if expected is not None:
            cached = self.cache.lookup(expected.algorithm, expected.hexdigest)
            if cached is not None:
                place(cached, dest)
                return Artifact(dest, file_digest(dest, "sha256"), True)
        if self.options.offline:
            raise FetchError(f"offline mode: {filename} is not in the cache", hint=self._offline_hint())
        algorithms = ("sha256",) + ((expected.algorithm,) if expected is not None else ())
        dl = self.client.download(url, dest.parent, algorithms)
        try:
            if expected is not None and dl.digests[expected.algorithm] != expected.hexdigest.lower():
                raise IntegrityError(
                    f"{filename}: {expected.algorithm} digest mismatch: the registry published "
                    f"{expected.hexdigest.lower()} ({expected.source}) but the download from {dl.url} has "
                    f"{dl.digests[expected.algorithm]}",
                    hint="the file was changed after publication or in transit; it was not analysed",
                )
            if expected is not None:
                self.cache.store(expected.algorithm, expected.hexdigest, dl.path)
            dl.path.replace(dest)
        finally:
            dl.path.unlink(missing_ok=True)
        return Artifact(dest, dl.digests["sha256"], False)


def _safe_filename(name: str) -> str:
    name = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9._+@-]", "_", name).lstrip(".")
    return name or "artifact"


def iso(value: Any) -> str | None:
    """A registry time stamp as ISO 8601 UTC with a `Z` (seconds precision), or None."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


_SCP = re.compile(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)([\w./~-]+)$")  # git@github.com:a/b.git
_HOSTS = {"github": "github.com", "gitlab": "gitlab.com", "bitbucket": "bitbucket.org"}


def normalise_repo_url(value: Any) -> str | None:
    """A declared repository as a browsable https URL where the form is known
    (`git+https://…/x.git`, `git@host:a/b.git`, `github:a/b`, `a/b`), else the text as given."""
    if isinstance(value, dict):
        value = value.get("url")
    if not isinstance(value, str) or not value.strip():
        return None
    url = value.strip()
    m = re.match(r"^(github|gitlab|bitbucket):([\w.-]+/[\w.-]+)$", url)
    if m:
        url = f"https://{_HOSTS[m.group(1)]}/{m.group(2)}"
    elif re.match(r"^[\w.-]+/[\w.-]+$", url) and "." not in url.split("/")[0]:
        url = f"https://github.com/{url}"  # npm shorthand "user/repo"
    else:
        m = _SCP.match(url)
        if m and "://" not in url:
            url = f"https://{m.group(1)}/{m.group(2)}"
    url = re.sub(r"^git\+", "", url)
    url = re.sub(r"^(git|ssh)://(?:[\w.-]+@)?", "https://", url)
    url = re.sub(r"^http://(github\.com|gitlab\.com|bitbucket\.org)/", r"https://\1/", url)
    url = re.sub(r"\.git(?=$|#)", "", url)
    return url.rstrip("/")


def person_names(value: Any, *, split: bool = True) -> list[str]:
    """Names out of the many shapes registries use: "A, B", "A <a@x>", {"name":…}, [..].
    `split=False` keeps a string as one person (npm's "Name <email> (url)", where a comma
    belongs to the name, as in "Example, Inc.")."""
    out: list[str] = []
    if isinstance(value, list):
        for item in value:
            out.extend(person_names(item, split=split))
    elif isinstance(value, dict):
        name = value.get("name") or value.get("username") or value.get("user") or value.get("email")
        if isinstance(name, str) and name.strip():
            out.append(name.strip())
    elif isinstance(value, str):
        for part in re.split(r",\s*|\s+and\s+|\n", value) if split else [value]:
            part = re.sub(r"\s*[<(][^>)]*[>)]\s*", " ", part).strip().strip('"')
            if part:
                out.append(part)
    return out


def dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))
