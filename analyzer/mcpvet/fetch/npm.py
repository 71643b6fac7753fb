"""npm: packument, the version (the `latest` dist-tag by default), the tarball verified against
`dist.integrity` (SRI, strongest algorithm) or else `dist.shasum` (sha1), RegistryInfo filled."""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from mcpvet.errors import FetchError, TargetNotFound, UsageError
from mcpvet.fetch.common import DIGEST_PREFERENCE, Expected, Session, dedupe, iso, normalise_repo_url, person_names
from mcpvet.fetch.http import JsonDocument
from mcpvet.fetch.interface import Fetched, RegistryInfo
from mcpvet.fetch.spec import parse_spec
from mcpvet.model import AnalysisError, Ecosystem, Target
from mcpvet.options import InspectOptions

# ^1.2, ~1.2, >=1, 1.x, 1.2.*, "1 || 2", bare "1" or "1.2": npm ranges, not versions
_RANGE = re.compile(r"[\^~<>=|*\s]|(^|\.)[xX](\.|$)|^\d+(\.\d+)?$")


def packument_url(base: str, name: str) -> str:
    """`@scope/name` is requested as `@scope%2fname`, as the npm client does."""
    return f"{base.rstrip('/')}/{quote(name, safe='@/').replace('/', '%2f')}"


def lookup(session: Session, name: str) -> JsonDocument | None:
    return session.get_json(packument_url(session.options.npm_url, name))


def suggestions(session: Session, name: str, limit: int = 3) -> list[str]:
    """Close names from the registry's search endpoint (one request; nothing when it fails)."""
    url = f"{session.options.npm_url.rstrip('/')}/-/v1/search?text={quote(name, safe='')}&size={limit + 2}"
    try:
        answer = session.get_json(url)
    except FetchError:
        return []
    objects = answer.doc.get("objects") if answer is not None and isinstance(answer.doc, dict) else None
    names = [o["package"]["name"] for o in objects or [] if isinstance(o, dict) and isinstance(o.get("package"), dict)
             and isinstance(o["package"].get("name"), str)]
    return [n for n in names if n != name][:limit]


def parse_integrity(integrity: Any, shasum: Any) -> Expected | None:
    """The strongest digest among `dist.integrity` (space-separated SRI) and `dist.shasum`."""
    found: dict[str, str] = {}
    if isinstance(integrity, str):
        for item in integrity.split():
            algo, _, b64 = item.partition("-")
            b64 = b64.split("?", 1)[0]
            if algo in DIGEST_PREFERENCE and b64:
                try:
                    found.setdefault(algo, base64.b64decode(b64, validate=True).hex())
                except (binascii.Error, ValueError):
                    continue
    for algo in DIGEST_PREFERENCE:
        if algo in found:
            return Expected(algo, found[algo], "npm dist.integrity")
    if isinstance(shasum, str) and len(shasum) == 40:
        return Expected("sha1", shasum.lower(), "npm dist.shasum")
    return None


class NpmFetcher:
    """`npm:NAME[@VERSION|@TAG]`, `npm:@scope/name[@VERSION]`."""

    def fetch(self, spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        parsed = parse_spec(spec)
        with Session(options) as session:
            return session.finish(fetch(session, spec, parsed.name, parsed.version, scratch))


def fetch(session: Session, spec: str, name: str, version: str | None, scratch: Path,
          packument: JsonDocument | None = None) -> Fetched:
    options = session.options
    packument = packument or lookup(session, name)
    if packument is None:
        close = suggestions(session, name)
        raise TargetNotFound(f"{spec}: npm has no package named {name!r}",
                             hint=f"did you mean {', '.join(close)}?" if close else f"checked {options.npm_url}")
    doc = packument.doc
    if not isinstance(doc, dict):
        raise FetchError(f"{packument.url}: not an npm packument")
    versions = doc.get("versions")
    versions = versions if isinstance(versions, dict) else {}
    tags = doc.get("dist-tags")
    tags = tags if isinstance(tags, dict) else {}
    latest = tags.get("latest")
    latest = latest if isinstance(latest, str) else None
    if not versions:
        unpublished = (doc.get("time") or {}).get("unpublished") if isinstance(doc.get("time"), dict) else None
        raise TargetNotFound(f"{spec}: npm package {name!r} has no published versions"
                             + (" (it was unpublished)" if unpublished else ""))
    wanted = version or "latest"
    resolved = wanted if wanted in versions else tags.get(wanted) if isinstance(tags.get(wanted), str) else None
    if (resolved is None or resolved not in versions) and _RANGE.search(wanted):
        raise UsageError(f"{spec}: {wanted!r} is a version range; mcpvet analyses one exact version",
                         hint=f"give an exact version or a dist-tag (latest is {latest})")
    if resolved is None or resolved not in versions or not isinstance(versions[resolved], dict):
        raise TargetNotFound(f"{spec}: npm package {name!r} has no version or dist-tag {wanted!r}",
                             hint=f"the latest version is {latest}" if latest else None)
    vdoc = versions[resolved]
    dist = vdoc.get("dist")
    dist = dist if isinstance(dist, dict) else {}
    tarball = dist.get("tarball")
    if not isinstance(tarball, str) or not tarball:
        raise FetchError(f"{packument.url}: version {resolved} has no dist.tarball")
    url = urljoin(packument.url, tarball)
    filename = url.rsplit("/", 1)[-1].split("?", 1)[0] or f"{name.rsplit('/', 1)[-1]}-{resolved}.tgz"
    errors: list[AnalysisError] = []
    expected = parse_integrity(dist.get("integrity"), dist.get("shasum"))
    if expected is None:
        errors.append(AnalysisError("fetch", f"npm published no usable integrity or shasum for {name}@{resolved}; "
                                             "the download could not be verified", filename))
    art = session.artifact(url, filename, expected, scratch)
    target = Target(spec=spec, ecosystem=Ecosystem.NPM, name=str(doc.get("name") or name), version=resolved,
                    artifact=filename, sha256=art.sha256)
    return Fetched(target=target, archive=art.path, registry=registry_info(packument, resolved),
                   errors=tuple(errors))


def registry_info(packument: JsonDocument, version: str) -> RegistryInfo:
    doc = packument.doc
    vdoc = doc["versions"][version]
    times = doc.get("time")
    times = times if isinstance(times, dict) else {}
    version_times = sorted(t for v, raw in times.items() if v in doc["versions"] for t in [iso(raw)] if t)
    tags = doc.get("dist-tags")
    tags = tags if isinstance(tags, dict) else {}
    maintainers = (person_names(doc.get("maintainers")) or person_names(vdoc.get("maintainers"))
                   or person_names(vdoc.get("_npmUser")))  # some mirrors strip maintainers: the publisher
    authors = person_names(vdoc.get("author"), split=False) or person_names(doc.get("author"), split=False)
    lic = vdoc.get("license") if vdoc.get("license") is not None else doc.get("license")
    if isinstance(lic, dict):
        lic = lic.get("type")
    elif isinstance(lic, list):  # old "licenses": [{type}]
        lic = " OR ".join(str(x.get("type")) for x in lic if isinstance(x, dict) and x.get("type")) or None
    deprecated = vdoc.get("deprecated")
    home = vdoc.get("homepage") or doc.get("homepage")
    return RegistryInfo(
        registry="npm",
        url=packument.url,
        maintainers=dedupe(maintainers),
        authors=dedupe(authors),
        release_count=len(doc["versions"]),
        first_release=version_times[0] if version_times else iso(times.get("created")),
        latest_release=version_times[-1] if version_times else iso(times.get("modified")),
        version_released=iso(times.get(version)),
        latest_version=tags.get("latest") if isinstance(tags.get("latest"), str) else None,
        yanked=False,
        yanked_reason=None,
        deprecated=deprecated if isinstance(deprecated, str) and deprecated else None,
        license=str(lic) if lic else None,
        repository_url=normalise_repo_url(vdoc.get("repository") or doc.get("repository")),
        homepage_url=home if isinstance(home, str) and home else None,
        raw=doc,
    )
