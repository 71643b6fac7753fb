"""PyPI: project JSON API, the artifact pip would install, sha256 verified, RegistryInfo filled.

`{pypi_url}/pypi/NAME/json` is the source of truth. A version's files come from its `releases`
entry; when the document has no such entry, the per-version API `{pypi_url}/pypi/NAME/VERSION/json`
is tried (it may answer 404, as it does on some mirrors). Artifact URLs may be relative: they are
resolved against the URL that answered.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from mcpvet.errors import FetchError, TargetNotFound, UsageError
from mcpvet.fetch.common import Expected, Session, dedupe, iso, normalise_repo_url, person_names
from mcpvet.fetch.http import JsonDocument
from mcpvet.fetch.interface import Fetched, RegistryInfo
from mcpvet.fetch.spec import parse_spec
from mcpvet.model import AnalysisError, Ecosystem, Target
from mcpvet.options import InspectOptions

_REPO_KEYS = ("source", "source code", "repository", "code", "github", "git", "sourcecode")
_HOME_KEYS = ("homepage", "home", "home page")


def normalise_name(name: str) -> str:
    """PEP 503."""
    return re.sub(r"[-_.]+", "-", name).lower()


def project_url(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/pypi/{quote(normalise_name(name))}/json"


def lookup(session: Session, name: str) -> JsonDocument | None:
    """The project JSON, or None when PyPI does not know the name."""
    return session.get_json(project_url(session.options.pypi_url, name))


class PyPIFetcher:
    """`pypi:NAME[==VERSION]`."""

    def fetch(self, spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        parsed = parse_spec(spec)
        with Session(options) as session:
            return session.finish(fetch(session, spec, parsed.name, parsed.version, scratch))


def fetch(session: Session, spec: str, name: str, version: str | None, scratch: Path,
          project: JsonDocument | None = None) -> Fetched:
    options = session.options
    project = project or lookup(session, name)
    if project is None:
        raise TargetNotFound(f"{spec}: PyPI has no project named {name!r}", hint=f"checked {options.pypi_url}")
    doc = project.doc
    if not isinstance(doc, dict) or not isinstance(doc.get("info"), dict):
        raise FetchError(f"{project.url}: not a PyPI project document")
    info = doc["info"]
    real_name = str(info.get("name") or name)
    latest = info.get("version")
    latest = latest if isinstance(latest, str) else None
    releases = doc.get("releases")
    releases = releases if isinstance(releases, dict) else {}
    errors: list[AnalysisError] = []

    wanted = version or latest
    if wanted is None:
        raise FetchError(f"{project.url}: the project document names no version")
    key = _match_version(releases, wanted)
    files: list[dict[str, Any]] | None = None
    files_url = project.url
    if key is not None:
        files = [f for f in _list(releases[key]) if isinstance(f, dict)]
    elif version is None and isinstance(doc.get("urls"), list):
        key, files = wanted, [f for f in doc["urls"] if isinstance(f, dict)]
    else:
        per_version = session.get_json(f"{options.pypi_url.rstrip('/')}/pypi/{quote(normalise_name(name))}/"
                                       f"{quote(wanted)}/json")
        if per_version is not None and isinstance(per_version.doc, dict) and isinstance(per_version.doc.get("urls"), list):
            key, files, files_url = wanted, [f for f in per_version.doc["urls"] if isinstance(f, dict)], per_version.url
    if files is None or key is None:
        raise TargetNotFound(f"{spec}: PyPI project {real_name!r} has no version {wanted!r}",
                             hint=f"the latest version is {latest}" if latest else None)
    if not files:
        raise TargetNotFound(f"{spec}: version {key} of {real_name!r} has no files on PyPI")

    chosen, note = choose_file(files, options.artifact)
    if chosen is None:
        raise TargetNotFound(f"{spec}: version {key} of {real_name!r} has no {options.artifact}",
                             hint="try without --artifact")
    if note:
        errors.append(AnalysisError("fetch", note))
    filename = str(chosen.get("filename") or chosen["url"].rsplit("/", 1)[-1])
    url = urljoin(files_url, str(chosen["url"]))
    digest = (chosen.get("digests") or {}).get("sha256") if isinstance(chosen.get("digests"), dict) else None
    expected = Expected("sha256", digest, "PyPI digests.sha256") if isinstance(digest, str) and digest else None
    if expected is None:
        errors.append(AnalysisError("fetch", f"PyPI published no sha256 digest for {filename}; "
                                             "the download could not be verified", filename))
    art = session.artifact(url, filename, expected, scratch)
    target = Target(spec=spec, ecosystem=Ecosystem.PYPI, name=real_name, version=key,
                    artifact=filename, sha256=art.sha256)
    registry = registry_info(project, key, files, chosen)
    return Fetched(target=target, archive=art.path, registry=registry, errors=tuple(errors))


def _match_version(releases: dict[str, Any], wanted: str) -> str | None:
    if wanted in releases:
        return wanted
    try:
        want = Version(wanted)
    except InvalidVersion:
        return None
    for key in releases:
        try:
            if Version(key) == want:
                return key
        except InvalidVersion:
            continue
    return None


def _is_pure_wheel(filename: str) -> tuple[bool, int]:
    """(pure py3 wheel?, preference rank: lower is better)."""
    try:
        _, _, _, tags = parse_wheel_filename(filename)
    except InvalidWheelFilename:
        return False, 99
    best = 99
    for tag in tags:
        if tag.abi != "none" or tag.platform != "any":
            continue
        if tag.interpreter == "py3":
            best = min(best, 0)
        elif re.fullmatch(r"py3\d+", tag.interpreter):
            best = min(best, 1)
    return best < 99, best


def _platform_wheel(wheels: list[dict[str, Any]]) -> tuple[dict[str, Any], str | None]:
    """The platform wheel pip would install on this machine (the best match in its supported tags,
    `packaging.tags.sys_tags()`, most specific first); when none matches, the first by name, said so."""
    from packaging.tags import sys_tags

    rank = {tag: i for i, tag in enumerate(sys_tags())}
    best: tuple[int, str, dict[str, Any]] | None = None
    for w in wheels:
        try:
            _, _, _, tags = parse_wheel_filename(_fname(w))
        except InvalidWheelFilename:
            continue
        found = min((rank[t] for t in tags if t in rank), default=None)
        if found is not None and (best is None or (found, _fname(w)) < best[:2]):
            best = (found, _fname(w), w)
    if best is not None:
        return best[2], None
    return wheels[0], "no wheel for this platform"


def choose_file(files: list[dict[str, Any]], override: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """What pip would install for a pure-Python package: a py3-none-any wheel, else the sdist, else the
    platform wheel pip would pick on this machine.
    `override` ("wheel" / "sdist") forces the kind. Returns (file, note for errors[] or None)."""
    if override not in (None, "wheel", "sdist"):
        raise UsageError(f"--artifact must be 'wheel' or 'sdist', not {override!r}")
    usable = [f for f in files if isinstance(f.get("url"), str) and f.get("url")]
    live = [f for f in usable if not f.get("yanked")] or usable
    wheels = sorted((f for f in live if _fname(f).endswith(".whl")), key=_fname)
    pure = sorted((w for w in wheels if _is_pure_wheel(_fname(w))[0]), key=lambda w: (_is_pure_wheel(_fname(w))[1], _fname(w)))
    sdists = sorted((f for f in live if f.get("packagetype") == "sdist" or _fname(f).endswith((".tar.gz", ".zip"))),
                    key=lambda f: (not _fname(f).endswith(".tar.gz"), _fname(f)))
    if override == "sdist":
        return (sdists[0], None) if sdists else (None, None)
    if pure:
        return pure[0], None
    if override == "wheel":
        if wheels:
            chosen, other = _platform_wheel(wheels)
            return chosen, (f"no pure-Python wheel{' and ' + other if other else ''}: analysing the platform wheel "
                            f"{_fname(chosen)}")
        return None, None
    if sdists:
        return sdists[0], None
    if wheels:
        chosen, other = _platform_wheel(wheels)
        return chosen, (f"no pure-Python wheel and no sdist{' and ' + other if other else ''}: analysing the "
                        f"platform wheel {_fname(chosen)}")
    return None, None


def _list(value: Any) -> list[Any]:
    """A JSON array, or nothing when the registry sent something else."""
    return value if isinstance(value, list) else []


def _fname(f: dict[str, Any]) -> str:
    return str(f.get("filename") or str(f.get("url", "")).rsplit("/", 1)[-1])


def _upload_time(f: dict[str, Any]) -> str | None:
    return iso(f.get("upload_time_iso_8601")) or iso(f.get("upload_time"))


def registry_info(project: JsonDocument, version: str, files: list[dict[str, Any]],
                  chosen: dict[str, Any]) -> RegistryInfo:
    doc = project.doc
    info = doc.get("info") or {}
    releases = doc.get("releases")
    releases = releases if isinstance(releases, dict) else {}
    all_times = sorted(t for fs in releases.values() if isinstance(fs, list)
                       for f in fs if isinstance(f, dict) for t in [_upload_time(f)] if t)
    version_times = sorted(t for f in files for t in [_upload_time(f)] if t)
    release_count = sum(1 for fs in releases.values() if isinstance(fs, list) and fs)

    maintainers = person_names(info.get("maintainer")) or person_names(info.get("maintainer_email"))
    ownership = doc.get("ownership")
    ownership = ownership if isinstance(ownership, dict) else {}
    for role in _list(ownership.get("roles")):
        if isinstance(role, dict) and isinstance(role.get("user"), str):
            maintainers.append(role["user"])
    authors = person_names(info.get("author")) or person_names(info.get("author_email"))

    project_urls = info.get("project_urls")
    project_urls = project_urls if isinstance(project_urls, dict) else {}
    urls = {str(k).strip().lower(): v for k, v in project_urls.items() if isinstance(v, str)}
    repo = next((urls[k] for k in _REPO_KEYS if k in urls), None)
    home = info.get("home_page") or next((urls[k] for k in _HOME_KEYS if k in urls), None)
    if repo is None:
        repo = next((u for u in [*urls.values(), home] if isinstance(u, str)
                     and re.search(r"://(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[^/]+/[^/]+", u)), None)

    yanked_files = [f for f in files if f.get("yanked")]
    yanked = bool(chosen.get("yanked")) or (bool(files) and len(yanked_files) == len(files))
    reason = chosen.get("yanked_reason") or next((f.get("yanked_reason") for f in yanked_files if f.get("yanked_reason")), None)

    lic = info.get("license_expression") or info.get("license")
    if not isinstance(lic, str) or not lic.strip() or len(lic) > 200:
        classifiers = [c.split("::")[-1].strip() for c in _list(info.get("classifiers"))
                       if isinstance(c, str) and c.startswith("License ::")]
        lic = "; ".join(classifiers) or (lic.strip().splitlines()[0][:200] if isinstance(lic, str) and lic.strip() else None)

    return RegistryInfo(
        registry="pypi",
        url=project.url,
        maintainers=dedupe(maintainers),
        authors=dedupe(authors),
        release_count=release_count,
        first_release=all_times[0] if all_times else (version_times[0] if version_times else None),
        latest_release=all_times[-1] if all_times else (version_times[-1] if version_times else None),
        version_released=version_times[0] if version_times else None,
        latest_version=info.get("version") if isinstance(info.get("version"), str) else None,
        yanked=yanked,
        yanked_reason=str(reason) if reason else None,
        deprecated=None,
        license=lic.strip() if isinstance(lic, str) else None,
        repository_url=normalise_repo_url(repo),
        homepage_url=home if isinstance(home, str) and home else None,
        raw=doc,
    )
