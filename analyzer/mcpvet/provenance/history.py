"""Registry history: the releases of the package, who published them and when.

Built from the raw registry document that the fetcher kept (`RegistryInfo.raw`):

* npm packument: `time[version]`, per-version `maintainers` and `_npmUser` (the account that
  published), `deprecated`. Maintainer continuity can be judged exactly.
* PyPI project JSON: `releases[version][*].upload_time_iso_8601` and `yanked`. PyPI does not say
  who uploaded a version. The closest signal is the Author/Maintainer metadata of each version: the
  inspected one from the unpacked METADATA (or `info` when it is the latest), the previous one from
  the per-version JSON API (`/pypi/NAME/VERSION/json`), which some mirrors do not serve. When it is
  missing, `maintainer_data` says so and the continuity check is inconclusive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from packaging.version import InvalidVersion, Version

NEW_PACKAGE_DAYS = 30
DORMANT_DAYS = 365

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Release:
    version: str
    published: datetime | None
    publisher: str | None = None  # npm `_npmUser.name`; PyPI: unknown
    maintainers: tuple[str, ...] | None = None  # None = not known for this version
    yanked: bool = False
    deprecated: str | None = None


@dataclass(frozen=True)
class MaintainerChange:
    """How the people behind `inspected` differ from those behind `previous`."""

    previous_version: str
    inspected_version: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    publisher: str | None
    publisher_is_new: bool  # the publisher never appears in any earlier release
    gap_days: float | None  # time between the previous release and the inspected one


@dataclass(frozen=True)
class History:
    registry: str  # "pypi" | "npm"
    releases: tuple[Release, ...]  # sorted by publication time (unknown times last)
    inspected: Release | None
    maintainer_data: str  # "per-version" or "unavailable: <why>"

    @property
    def first_release(self) -> datetime | None:
        times = [r.published for r in self.releases if r.published is not None]
        return min(times) if times else None

    @property
    def latest_release(self) -> datetime | None:
        times = [r.published for r in self.releases if r.published is not None]
        return max(times) if times else None

    def age_days(self, now: datetime) -> float | None:
        first = self.first_release
        return None if first is None else (now - first).total_seconds() / 86400.0

    @property
    def previous(self) -> Release | None:
        """The latest release published before the inspected one."""
        cur = self.inspected
        if cur is None or cur.published is None:
            return None
        before = [r for r in self.releases if r.published is not None and r.published < cur.published
                  and r.version != cur.version]
        return max(before, key=lambda r: r.published) if before else None  # type: ignore[arg-type,return-value]

    def maintainer_change(self) -> MaintainerChange | None:
        """None when nothing changed, or when the data does not allow a judgement (see maintainer_data)."""
        cur, prev = self.inspected, self.previous
        if cur is None or prev is None or cur.maintainers is None or prev.maintainers is None:
            return None
        before_cur = set(prev.maintainers) | ({prev.publisher} if prev.publisher else set())
        added = set(cur.maintainers) - set(prev.maintainers)
        removed = set(prev.maintainers) - set(cur.maintainers)
        new_publisher = cur.publisher is not None and cur.publisher not in before_cur
        if not added and not removed and not new_publisher:
            return None
        earlier: set[str] = set()
        for r in self.releases:
            if r.published is not None and cur.published is not None and r.published < cur.published:
                earlier |= set(r.maintainers or ()) | ({r.publisher} if r.publisher else set())
        if cur.publisher is not None:
            publisher_is_new = cur.publisher not in earlier
        else:  # PyPI: no publisher; an identity never seen before stands in for it
            publisher_is_new = bool(added) and not (added & earlier)
        gap = None
        if cur.published is not None and prev.published is not None:
            gap = (cur.published - prev.published).total_seconds() / 86400.0
        return MaintainerChange(prev.version, cur.version, tuple(sorted(added)), tuple(sorted(removed)),
                                cur.publisher, publisher_is_new, gap)

    def to_json(self, now: datetime) -> dict[str, Any]:
        prev = self.previous
        age = self.age_days(now)
        return {
            "first_release": _iso(self.first_release),
            "latest_release": _iso(self.latest_release),
            "release_count": len(self.releases),
            "age_days": None if age is None else int(age),
            "version_published": _iso(self.inspected.published) if self.inspected else None,
            "previous_version": prev.version if prev else None,
            "version_publisher": self.inspected.publisher if self.inspected else None,
            "version_maintainers": (list(self.inspected.maintainers)
                                    if self.inspected and self.inspected.maintainers is not None else None),
            "yanked_versions": sorted(r.version for r in self.releases if r.yanked),
            "deprecated_versions": sorted(r.version for r in self.releases if r.deprecated),
            "maintainer_data": self.maintainer_data,
        }


def parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sort_key(r: Release) -> tuple[int, datetime, str]:
    far = datetime.max.replace(tzinfo=UTC)
    return (r.published is None, r.published or far, r.version)


# -- npm ------------------------------------------------------------------------------------------

def _npm_person(p: object) -> str | None:
    if isinstance(p, Mapping):
        name = p.get("name") or p.get("email")
        return str(name).strip().lower() if name else None
    if isinstance(p, str) and p.strip():
        return p.split("<")[0].strip().lower() or None
    return None


def npm_history(packument: Mapping[str, Any], version: str | None) -> History:
    times = packument.get("time")
    times = times if isinstance(times, Mapping) else {}
    versions = packument.get("versions")
    versions = versions if isinstance(versions, Mapping) else {}
    releases = []
    for ver, doc in versions.items():
        doc = doc if isinstance(doc, Mapping) else {}
        maint = doc.get("maintainers")
        names = None
        if isinstance(maint, list):
            names = tuple(sorted({n for n in (_npm_person(m) for m in maint) if n}))
        dep = doc.get("deprecated")
        releases.append(Release(
            version=str(ver),
            published=parse_time(times.get(ver)),
            publisher=_npm_person(doc.get("_npmUser")),
            maintainers=names,
            deprecated=dep if isinstance(dep, str) and dep else None,
        ))
    releases.sort(key=_sort_key)
    inspected = next((r for r in releases if r.version == version), None)
    note = "per-version"
    if inspected is not None and inspected.maintainers is None and inspected.publisher is None:
        note = ("unavailable: the registry document has no per-version maintainers or publisher (_npmUser); "
                "some mirrors strip them")
    return History("npm", tuple(releases), inspected, note)


# -- PyPI -----------------------------------------------------------------------------------------

def pypi_identities(meta: Mapping[str, Any]) -> tuple[str, ...] | None:
    """Author/maintainer identities of one version (emails when given, else names), lower case.

    `meta` is either a PyPI `info` object (author, author_email, maintainer, maintainer_email) or
    METADATA headers ({"Author": [...], "Author-email": [...], ...}). None when it names nobody.
    """
    def field(*keys: str) -> list[str]:
        out: list[str] = []
        for k in keys:
            v = meta.get(k)
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, list):
                out.extend(x for x in v if isinstance(x, str))
        return out

    emails = field("author_email", "maintainer_email", "Author-email", "Maintainer-email")
    found = {e.lower() for text in emails for e in _EMAIL.findall(text)}
    if not found:
        names = field("author", "maintainer", "Author", "Maintainer")
        found = {n.strip().lower() for text in names for n in text.split(",") if n.strip()}
    return tuple(sorted(found)) if found else None


def pypi_history(project: Mapping[str, Any], version: str | None, inspected_meta: Mapping[str, Any] | None,
                 previous_info: Mapping[str, Any] | None, previous_note: str | None) -> History:
    """`previous_info` is the per-version `info` of the release before `version` (None if unavailable)."""
    rels = project.get("releases")
    rels = rels if isinstance(rels, Mapping) else {}
    releases = []
    for ver, files in rels.items():
        files = [f for f in files if isinstance(f, Mapping)] if isinstance(files, list) else []
        if not files:
            continue  # a release without files was never installable
        times = [t for t in (parse_time(f.get("upload_time_iso_8601") or f.get("upload_time")) for f in files) if t]
        releases.append(Release(str(ver), min(times) if times else None,
                                yanked=all(bool(f.get("yanked")) for f in files)))
    releases.sort(key=_sort_key)
    inspected = next((r for r in releases if r.version == version), None)
    note = "per-version"
    if inspected is not None:
        cur_ids = pypi_identities(inspected_meta) if inspected_meta else None
        hist = History("pypi", tuple(releases), inspected, note)
        prev = hist.previous
        if prev is None:
            note = "per-version"  # first release: nothing to compare
        elif cur_ids is None:
            note = "unavailable: the inspected version's metadata names no author or maintainer"
        elif previous_info is None:
            note = f"unavailable: {previous_note or 'no metadata for the previous version'}"
        else:
            prev_ids = pypi_identities(previous_info)
            if prev_ids is None:
                note = f"unavailable: version {prev.version}'s metadata names no author or maintainer"
            else:
                releases = [
                    Release(r.version, r.published, None, cur_ids, r.yanked) if r.version == inspected.version
                    else Release(r.version, r.published, None, prev_ids, r.yanked) if r.version == prev.version
                    else r
                    for r in releases
                ]
                inspected = next(r for r in releases if r.version == version)
    return History("pypi", tuple(releases), inspected, note)


def version_key(v: str) -> tuple[int, Any]:
    try:
        return (1, Version(v))
    except InvalidVersion:
        return (0, v)
