"""Which major version of the standalone `fastmcp` SDK a package runs with (it decides descriptions)."""

from __future__ import annotations

import re
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import Version

# The newest release of each major line we know the description rule of; the highest line a
# package's requirement admits is the one pip would install.
KNOWN_LINES = (Version("1.99"), Version("2.99"), Version("3.99"), Version("4.99"))


def _requirements(manifest: dict[str, Any]) -> list[str]:
    out: list[str] = []
    project = (manifest.get("pyproject") or {}).get("project") or {}
    deps = project.get("dependencies")
    if isinstance(deps, list):
        out.extend(d for d in deps if isinstance(d, str))
    poetry = ((manifest.get("pyproject") or {}).get("tool") or {}).get("poetry") or {}
    pdeps = poetry.get("dependencies")
    if isinstance(pdeps, dict) and isinstance(pdeps.get("fastmcp"), str):
        spec = pdeps["fastmcp"].strip()
        if spec.startswith("^"):
            major = re.match(r"\^(\d+)", spec)
            if major:
                out.append(f"fastmcp>={spec[1:]},<{int(major.group(1)) + 1}")
        else:
            out.append("fastmcp" + ("" if spec == "*" else spec if spec[:1] in "<>=!~" else f"=={spec}"))
    meta = manifest.get("metadata") or {}
    for value in meta.get("Requires-Dist", []) or []:
        if isinstance(value, str):
            out.append(value)
    return out


def fastmcp_major(manifest: dict[str, Any]) -> int | None:
    """Highest fastmcp major version the package's requirement admits; None when not declared."""
    best: int | None = None
    found = False
    for text in _requirements(manifest):
        try:
            req = Requirement(text)
        except InvalidRequirement:
            continue
        if req.name.lower().replace("_", "-") != "fastmcp":
            continue
        found = True
        admitted = [v.major for v in KNOWN_LINES if req.specifier.contains(v, prereleases=True)]
        if not admitted:
            # e.g. ==2.10.1 pins below our .99 probes: take the pinned major
            m = re.search(r"(\d+)", str(req.specifier))
            admitted = [int(m.group(1))] if m else []
        if admitted:
            major = max(admitted)
            best = major if best is None else min(best, major)
    if found and best is None:
        return None
    return best
