"""Provenance changes between two scorecards: maintainers, attestation, repository, install hooks,
dependencies added, bumped or removed (each with the known vulnerabilities of the new version)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Json = dict[str, Any]

_ATTESTED = ("verified", "present")
_NOT_ATTESTED = ("absent", "invalid")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _deps(prov: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    out: dict[tuple[str, str], Mapping[str, Any]] = {}
    for d in prov.get("dependencies") or []:
        if isinstance(d, Mapping) and isinstance(d.get("name"), str):
            out.setdefault((str(d.get("ecosystem") or ""), d["name"].lower()), d)
    return out


def _vulns(dep: Mapping[str, Any]) -> list[str] | None:
    vulns = dep.get("vulnerabilities")
    if vulns is None:
        return None
    return sorted(str(v.get("id")) for v in vulns if isinstance(v, Mapping))


def _dependency_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Json]:
    o, n = _deps(old), _deps(new)
    out: list[Json] = []
    for key in sorted(set(n) - set(o)):
        d = n[key]
        out.append({"kind": "dependency-added", "name": d["name"], "version": d.get("version"),
                    "specifier": d.get("specifier"), "vulnerabilities": _vulns(d)})
    for key in sorted(set(o) & set(n)):
        before, after = o[key], n[key]
        if (before.get("version"), before.get("specifier")) != (after.get("version"), after.get("specifier")):
            out.append({"kind": "dependency-bumped", "name": after["name"], "old_version": before.get("version"),
                        "new_version": after.get("version"), "old_specifier": before.get("specifier"),
                        "new_specifier": after.get("specifier"), "vulnerabilities": _vulns(after)})
    for key in sorted(set(o) - set(n)):
        out.append({"kind": "dependency-removed", "name": o[key]["name"], "version": o[key].get("version")})
    return out


def _hook_key(hook: Mapping[str, Any]) -> tuple[str, str]:
    return (str(hook.get("kind")), str(hook.get("command")))


def compare_provenance(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Json]:
    """Each change as `{"kind": …, …}`; kinds: maintainers-changed, attestation-lost, attestation-changed,
    repository-changed, install-hook-added, install-hook-removed, dependency-added, dependency-bumped,
    dependency-removed. A side that was not collected (a failed analysis) gives no change."""
    out: list[Json] = []
    ro, rn = _mapping(old.get("registry")), _mapping(new.get("registry"))
    if ro and rn and isinstance(ro.get("maintainers"), list) and isinstance(rn.get("maintainers"), list):
        mo, mn = set(map(str, ro["maintainers"])), set(map(str, rn["maintainers"]))
        if mo != mn:
            out.append({"kind": "maintainers-changed", "added": sorted(mn - mo), "removed": sorted(mo - mn)})
    ao, an = _mapping(old.get("attestations")), _mapping(new.get("attestations"))
    so, sn = ao.get("status"), an.get("status")
    if ao and an and so != sn:
        lost = so in _ATTESTED and sn in _NOT_ATTESTED
        out.append({"kind": "attestation-lost" if lost else "attestation-changed", "old": so, "new": sn,
                    "reason": an.get("reason")})
    uo, un = _mapping(old.get("repository")).get("url"), _mapping(new.get("repository")).get("url")
    if old.get("repository") is not None and new.get("repository") is not None and uo != un:
        out.append({"kind": "repository-changed", "old": uo, "new": un})
    ho = {_hook_key(h): h for h in old.get("install_hooks") or [] if isinstance(h, Mapping)}
    hn = {_hook_key(h): h for h in new.get("install_hooks") or [] if isinstance(h, Mapping)}
    if old.get("collected", True) is not False and new.get("collected", True) is not False:
        out += [{"kind": "install-hook-added", "hook": k[0], "command": k[1]} for k in sorted(set(hn) - set(ho))]
        out += [{"kind": "install-hook-removed", "hook": k[0], "command": k[1]} for k in sorted(set(ho) - set(hn))]
        out += _dependency_changes(old, new)
    return out
