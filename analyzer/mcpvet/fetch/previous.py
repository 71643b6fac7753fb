"""The release before another: for `mcpvet diff npm:NAME` / `pypi:NAME` with a single spec.

One metadata request (the npm packument, the PyPI project JSON; cached like every fetch). The
newer side is the version the spec names, or the registry's latest; the older side is the
release published before it: on npm the version with the latest publication time before it, on
PyPI the highest version below it that has files and is not yanked. Pre-releases are passed over
unless the newer side is one.
"""

from __future__ import annotations

from typing import Any

from packaging.version import InvalidVersion, Version

from mcpvet.errors import TargetNotFound, UsageError
from mcpvet.fetch.common import Session, iso
from mcpvet.fetch.npm import lookup as npm_lookup
from mcpvet.fetch.pypi import lookup as pypi_lookup
from mcpvet.fetch.spec import parse_spec
from mcpvet.options import InspectOptions


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _npm_pair(doc: dict[str, Any], name: str, wanted: str | None) -> tuple[str, str | None]:
    versions, tags, times = _dict(doc.get("versions")), _dict(doc.get("dist-tags")), _dict(doc.get("time"))
    newer = wanted if wanted in versions else tags.get(wanted or "latest")
    if not isinstance(newer, str) or newer not in versions:
        raise TargetNotFound(f"npm:{name}: no version or dist-tag {wanted or 'latest'!r}")
    at = iso(times.get(newer))
    pre = "-" in newer
    earlier = [(t, v) for v in versions for t in [iso(times.get(v))]
               if v != newer and t and (at is None or t < at) and (pre or "-" not in v)]
    return newer, max(earlier)[1] if earlier else None


def _pypi_pair(doc: dict[str, Any], name: str, wanted: str | None) -> tuple[str, str | None]:
    info, releases = _dict(doc.get("info")), _dict(doc.get("releases"))
    newer = wanted or info.get("version")
    if not isinstance(newer, str):
        raise TargetNotFound(f"pypi:{name}: the project names no version")
    try:
        top = Version(newer)
    except InvalidVersion:
        raise UsageError(f"pypi:{name}=={newer}: not a version mcpvet can order") from None
    candidates: list[tuple[Version, str]] = []
    for key, files in releases.items():
        try:
            v = Version(key)
        except InvalidVersion:
            continue
        usable = [f for f in files or [] if isinstance(f, dict) and not f.get("yanked")]
        if v < top and usable and (top.is_prerelease or not v.is_prerelease):
            candidates.append((v, key))
    return newer, max(candidates)[1] if candidates else None


def previous_pair(spec: str, options: InspectOptions) -> tuple[str, str]:
    """(older spec, newer spec) for a registry spec: the named version (or the latest) and the
    release before it. Raises UsageError for another kind of spec, TargetNotFound when the
    package has a single release."""
    parsed = parse_spec(spec)
    if parsed.kind not in ("npm", "pypi"):
        raise UsageError(f"{spec}: with one target, diff compares a registry release with the one before it",
                         hint="give npm:NAME or pypi:NAME, or two targets: mcpvet diff OLD NEW")
    with Session(options) as session:
        if parsed.kind == "npm":
            answer = npm_lookup(session, parsed.name)
            if answer is None or not isinstance(answer.doc, dict):
                raise TargetNotFound(f"{spec}: npm has no package named {parsed.name!r}")
            newer, older = _npm_pair(answer.doc, parsed.name, parsed.version)
            make = f"npm:{parsed.name}@{{}}"
        else:
            answer = pypi_lookup(session, parsed.name)
            if answer is None or not isinstance(answer.doc, dict):
                raise TargetNotFound(f"{spec}: PyPI has no project named {parsed.name!r}")
            newer, older = _pypi_pair(answer.doc, parsed.name, parsed.version)
            make = f"pypi:{parsed.name}=={{}}"
    if older is None:
        raise TargetNotFound(f"{spec}: {newer} is the first release; there is nothing before it to compare with")
    return make.format(older), make.format(newer)
