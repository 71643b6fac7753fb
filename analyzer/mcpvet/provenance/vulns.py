"""Known vulnerabilities of the declared dependencies (the MCP SDK among them).

* PyPI dependencies: the OSV API at `options.osv_url` (`POST /v1/querybatch`, then
  `GET /v1/vulns/<id>` for each advisory's details: summary, aliases, affected ranges, fixed
  versions). For the declared dependencies pip-audit is not used: its PyPI service needs the
  per-version JSON API (which some mirrors do not serve) and a declared range is not a pinned
  version. The resolved install closure is audited with pip-audit over OSV (mcpvet.provenance.closure),
  and the affected ranges it drops are read here (`osv_advisory`).
* npm dependencies: the registry's bulk advisory endpoint
  (`POST {npm_url}/-/npm/v1/security/advisories/bulk`, body `{name: [version, ...]}`), what
  `npm audit` uses.

A service that cannot answer leaves the affected dependencies at `vulnerabilities=None` (unknown)
and adds an `AnalysisError`: it is never read as "no known vulnerabilities". Answers are cached by
the client (TTL) under the cache folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from mcpvet.model import AnalysisError
from mcpvet.provenance.client import JsonClient, ServiceUnavailable
from mcpvet.provenance.dependencies import Advisory, Dependency, with_vulnerabilities

VULN_TTL_S = 6 * 3600.0


@dataclass(frozen=True)
class VulnScan:
    dependencies: tuple[Dependency, ...]
    errors: tuple[AnalysisError, ...]
    services: dict[str, str]  # service name -> "answered" | "unavailable: ..." | "not needed"


def scan(deps: Sequence[Dependency], client: JsonClient, osv_url: str, npm_url: str) -> VulnScan:
    out = {(d.ecosystem, d.name): d for d in deps}
    errors: list[AnalysisError] = []
    services: dict[str, str] = {}
    py = [d for d in deps if d.ecosystem == "pypi" and d.version_kind in ("exact", "lower-bound", "unbounded")]
    js = [d for d in deps if d.ecosystem == "npm" and d.version_kind in ("exact", "lower-bound")]
    for d in deps:
        if d.ecosystem == "npm" and d.version_kind == "unbounded":
            out[(d.ecosystem, d.name)] = with_vulnerabilities(
                d, None, "no lower bound: the advisory service needs a version; not checked")
    if py:
        updated, errs, status = _osv(py, client, osv_url.rstrip("/"))
        out.update({(d.ecosystem, d.name): d for d in updated})
        errors += errs
        services["osv"] = status
    if js:
        updated, errs, status = npm_bulk(js, client, npm_url.rstrip("/"))
        out.update({(d.ecosystem, d.name): d for d in updated})
        errors += errs
        services["npm-advisories"] = status
    ordered = tuple(out[k] for k in sorted(out))
    return VulnScan(ordered, tuple(errors), services)


# -- OSV ------------------------------------------------------------------------------------------

def _osv_query(d: Dependency) -> dict[str, Any]:
    q: dict[str, Any] = {"package": {"name": d.name, "ecosystem": "PyPI"}}
    if d.version and d.version_kind in ("exact", "lower-bound"):
        q["version"] = d.version
    return q


def _osv(deps: list[Dependency], client: JsonClient, base: str
         ) -> tuple[list[Dependency], list[AnalysisError], str]:
    url = f"{base}/v1/querybatch"
    reply = client.post_json(url, {"queries": [_osv_query(d) for d in deps]}, ttl_s=VULN_TTL_S)
    results = reply.body.get("results") if not isinstance(reply, ServiceUnavailable) and reply.found \
        and isinstance(reply.body, Mapping) else None
    if not isinstance(results, list) or len(results) != len(deps):
        reason = reply.reason if isinstance(reply, ServiceUnavailable) else (
            f"HTTP {reply.status}" if not reply.found else "the answer has no matching 'results' list")
        note = f"vulnerability service unavailable (OSV: {reason})"
        err = AnalysisError("provenance", f"OSV at {url} could not answer ({reason}): the known vulnerabilities "
                                          f"of {len(deps)} PyPI dependencies are unknown")
        return [with_vulnerabilities(d, None, note) for d in deps], [err], f"unavailable: {reason}"
    errors: list[AnalysisError] = []
    details: dict[str, Mapping[str, Any] | None] = {}
    updated = []
    for d, res in zip(deps, results, strict=True):
        found = res.get("vulns") if isinstance(res, Mapping) else None
        ids = sorted({str(v["id"]) for v in (found if isinstance(found, list) else [])
                      if isinstance(v, Mapping) and v.get("id")})
        advisories: list[Advisory] = []
        missing = False
        for vid in ids:
            if vid not in details:
                r = client.get_json(f"{base}/v1/vulns/{quote(vid, safe='')}", ttl_s=VULN_TTL_S)
                if isinstance(r, ServiceUnavailable) or not r.found or not isinstance(r.body, Mapping):
                    why = r.reason if isinstance(r, ServiceUnavailable) else f"HTTP {r.status}"
                    errors.append(AnalysisError("provenance", f"OSV advisory {vid} could not be read ({why})"))
                    details[vid] = None
                else:
                    details[vid] = r.body
            doc = details[vid]
            if doc is None:
                advisories.append(Advisory(vid, (), "details unavailable", None, "unknown", ()))
                missing = True
                continue
            if doc.get("withdrawn"):
                continue
            advisories.append(osv_advisory(doc, d.name))
        advisories.sort(key=lambda a: a.id)
        updated.append(with_vulnerabilities(d, tuple(advisories), "some advisory details unavailable" if missing else None))
    return updated, errors, "answered"


def osv_advisory(doc: Mapping[str, Any], package: str) -> Advisory:
    vid = str(doc.get("id"))
    aliases = tuple(sorted({str(a) for a in doc.get("aliases") or [] if a} - {vid}))
    summary = str(doc.get("summary") or doc.get("details") or "").split("\n")[0][:300]
    sev = None
    dbs = doc.get("database_specific")
    if isinstance(dbs, Mapping) and isinstance(dbs.get("severity"), str):
        sev = dbs["severity"].lower()
    elif isinstance(doc.get("severity"), list) and doc["severity"]:
        first = doc["severity"][0]
        sev = str(first.get("score")) if isinstance(first, Mapping) else None
    ranges_txt: list[str] = []
    fixed: set[str] = set()
    for aff in doc.get("affected") or []:
        if not isinstance(aff, Mapping):
            continue
        raw_pkg = aff.get("package")
        pkg: Mapping[str, Any] = raw_pkg if isinstance(raw_pkg, Mapping) else {}
        if str(pkg.get("ecosystem", "")).lower() != "pypi" or _canon(str(pkg.get("name", ""))) != _canon(package):
            continue
        for rng in aff.get("ranges") or []:
            if not isinstance(rng, Mapping) or rng.get("type") not in ("ECOSYSTEM", "SEMVER"):
                continue
            lo = None
            for ev in rng.get("events") or []:
                if not isinstance(ev, Mapping):
                    continue
                if "introduced" in ev:
                    lo = str(ev["introduced"])
                elif "fixed" in ev:
                    fixed.add(str(ev["fixed"]))
                    ranges_txt.append(_range(lo, f"<{ev['fixed']}"))
                    lo = None
                elif "last_affected" in ev:
                    ranges_txt.append(_range(lo, f"<={ev['last_affected']}"))
                    lo = None
            if lo is not None:
                ranges_txt.append(_range(lo, None))
    url = f"https://osv.dev/vulnerability/{vid}"
    main = _preferred_id(vid, aliases)
    others = tuple(sorted((set(aliases) | {vid}) - {main}))
    return Advisory(main, others, summary, sev, " || ".join(ranges_txt) or "unknown", tuple(sorted(fixed)), url)


def _range(lo: str | None, hi: str | None) -> str:
    parts = [] if lo in (None, "0") else [f">={lo}"]
    if hi:
        parts.append(hi)
    return ", ".join(parts) or "all versions"


def _preferred_id(vid: str, aliases: tuple[str, ...]) -> str:
    """A GHSA id when there is one (what maintainers and advisories cite), else OSV's own id."""
    for a in (vid, *aliases):
        if a.startswith("GHSA-"):
            return a
    return vid


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# -- npm ------------------------------------------------------------------------------------------

def npm_bulk(deps: list[Dependency], client: JsonClient, base: str
              ) -> tuple[list[Dependency], list[AnalysisError], str]:
    url = f"{base}/-/npm/v1/security/advisories/bulk"
    payload: dict[str, list[str]] = {}
    for d in deps:
        payload.setdefault(d.name, []).append(d.version or "")
    reply = client.post_json(url, payload, ttl_s=VULN_TTL_S)
    # an empty or non-object answer is no data, never "no advisories"
    if isinstance(reply, ServiceUnavailable) or not reply.found or not isinstance(reply.body, Mapping):
        reason = reply.reason if isinstance(reply, ServiceUnavailable) else (
            f"HTTP {reply.status}" if not reply.found else "the answer is not a JSON object")
        note = f"vulnerability service unavailable (npm advisories: {reason})"
        err = AnalysisError("provenance", f"the npm advisory service at {url} could not answer ({reason}): the known "
                                          f"vulnerabilities of {len(deps)} npm dependencies are unknown")
        return [with_vulnerabilities(d, None, note) for d in deps], [err], f"unavailable: {reason}"
    body = reply.body
    updated = []
    for d in deps:
        items = body.get(d.name) or []
        if not isinstance(items, list):
            updated.append(with_vulnerabilities(d, None, "the npm advisory answer for it is not a list"))
            continue
        advisories = []
        for it in items:
            if not isinstance(it, Mapping):
                continue
            adv_url = it.get("url") if isinstance(it.get("url"), str) else None
            m = re.search(r"GHSA-[\w]{4}-[\w]{4}-[\w]{4}", adv_url or "")
            vid = m.group(0) if m else f"npm-{it.get('id')}"
            rng = str(it.get("vulnerable_versions") or "unknown")
            fm = re.fullmatch(r"\s*<\s*v?(\d+\.\d+\.\d+\S*)\s*", rng)
            aliases = tuple(sorted({f"npm-{it.get('id')}"} - {vid})) if it.get("id") is not None else ()
            sev = it.get("severity") if isinstance(it.get("severity"), str) else None
            advisories.append(Advisory(vid, aliases, str(it.get("title") or "")[:300], sev, rng,
                                       (fm.group(1),) if fm else (), adv_url))
        advisories.sort(key=lambda a: a.id)
        updated.append(with_vulnerabilities(d, tuple(advisories)))
    return updated, [], "answered"
