"""Provenance: where the code came from and how far it can be trusted (contract: provenance).

`collect` is the stage entry point. It never raises for missing data: every signal that could not
be obtained is left unknown (None / "unverifiable") and explained by an `AnalysisError(stage=
"provenance")` in `Provenance.errors`, which the pipeline copies to the scorecard's errors[].
The checks in `mcpvet.checks.provenance` read the typed fields; `to_json` gives the contract shape.

Parts, one module each: `history` (registry releases and maintainers), `repository` (declared
source and its consistency), `attestations` (PEP 740 / npm provenance), `dependencies` and `vulns`
(declared dependencies and their advisories), `names` (typosquatting), `secrets` (keys shipped in
the package), `compare` (files in the package that are not in the source repository).
"""

from __future__ import annotations

import email.parser
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urljoin

from mcpvet.fetch.interface import Fetched
from mcpvet.model import AnalysisError, SourceTree
from mcpvet.model.scorecard import ProvenanceSummary
from mcpvet.options import InspectOptions
from mcpvet.provenance.attestations import AttestationInfo, npm_attestations, pypi_attestations
from mcpvet.provenance.client import JsonClient, JsonReply, ServiceUnavailable
from mcpvet.provenance.closure import ClosureAudit, audit_closures
from mcpvet.provenance.compare import RepoComparison, compare_with_repository
from mcpvet.provenance.dependencies import Dependency, declared_dependencies, python_requirement_strings
from mcpvet.provenance.history import History, npm_history, pypi_history
from mcpvet.provenance.names import NameMatch, check_name
from mcpvet.provenance.repository import RepositoryInfo, assess, declared_repository, parse_repo_url
from mcpvet.provenance.secrets import SecretHit, scan_tree
from mcpvet.provenance.vulns import scan as scan_vulnerabilities

__all__ = ["Provenance", "collect"]


@dataclass(frozen=True)
class Provenance:
    registry: dict[str, Any] | None
    repository: dict[str, Any] | None
    attestations: dict[str, Any]
    install_hooks: tuple[dict[str, Any], ...]
    dependencies: tuple[dict[str, Any], ...]
    errors: tuple[AnalysisError, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # typed facts for the checks (mcpvet.checks.provenance)
    ecosystem: str = "local"
    package: str = ""
    history: History | None = None
    repo: RepositoryInfo | None = None
    attestation: AttestationInfo | None = None
    deps: tuple[Dependency, ...] = ()
    vuln_services: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    name_matches: tuple[NameMatch, ...] = ()
    dependency_name_matches: tuple[NameMatch, ...] = ()  # declared dependencies that imitate popular names
    secrets: tuple[SecretHit, ...] | None = None  # None = not scanned (no tree)
    comparison: RepoComparison | None = None  # set with --compare-repo
    # the inspected release's own advisories (registry targets); vulnerabilities None = unknown
    package_vulnerabilities: Dependency | None = None
    now: datetime | None = None
    closures: tuple[ClosureAudit, ...] = ()  # the install closure per ecosystem (mcpvet.provenance.closure)

    def summary(self) -> ProvenanceSummary:
        """What the scorecard shows (`provenance` of the contract)."""
        return ProvenanceSummary(self.registry, self.repository, self.attestations, self.install_hooks,
                                 self.dependencies, dict(self.extra))

    def to_json(self) -> dict[str, Any]:
        return self.summary().to_json()


def _pypi_previous_info(client: JsonClient, base: str, name: str, version: str, project: Mapping[str, Any],
                        project_url: str) -> tuple[Mapping[str, Any] | None, str | None]:
    """The author/maintainer metadata of an earlier release: per-version JSON, else its PEP 658 METADATA."""
    url = f"{base.rstrip('/')}/pypi/{quote(name)}/{quote(version)}/json"
    reply = client.get_json(url)
    if isinstance(reply, JsonReply) and reply.found and isinstance(reply.body, Mapping) \
            and isinstance(reply.body.get("info"), Mapping):
        return reply.body["info"], None
    first = reply.reason if isinstance(reply, ServiceUnavailable) else f"HTTP {reply.status}"
    meta, why = _pep658_metadata(client, project, version, project_url)
    if meta is not None:
        return meta, None
    if isinstance(reply, ServiceUnavailable):
        return None, f"the per-version metadata of {version} could not be fetched ({first}; {why})"
    return None, (f"the index does not serve per-version metadata ({url} answered {first}; {why}); "
                  "PyPI's project JSON only describes the latest version")


def _pep658_metadata(client: JsonClient, project: Mapping[str, Any], version: str, project_url: str
                     ) -> tuple[dict[str, list[str]] | None, str]:
    files = (project.get("releases") or {}).get(version) if isinstance(project.get("releases"), Mapping) else None
    for f in files if isinstance(files, list) else []:
        if not isinstance(f, Mapping) or not isinstance(f.get("url"), str):
            continue
        if not (f.get("core-metadata") or f.get("data-dist-info-metadata")):
            continue
        url = urljoin(project_url, f["url"]) + ".metadata"
        reply = client.get_text(url)
        if isinstance(reply, JsonReply) and reply.found and isinstance(reply.body, str):
            msg = email.parser.HeaderParser().parsestr(reply.body)
            return {k: msg.get_all(k) or [] for k in ("Author", "Author-email", "Maintainer", "Maintainer-email")}, ""
        return None, f"its PEP 658 metadata {url} could not be read"
    return None, "no PEP 658 metadata file is listed for it"


def _history(fetched: Fetched, tree: SourceTree | None, options: InspectOptions, client: JsonClient
             ) -> History | None:
    reg = fetched.registry
    if reg is None or not reg.raw:
        return None
    version = fetched.target.version
    if reg.registry == "npm":
        return npm_history(reg.raw, version)
    meta: Mapping[str, Any] | None = tree.manifest.get("metadata") if tree is not None else None
    info = reg.raw.get("info")
    info = info if isinstance(info, Mapping) else {}
    if not meta and info.get("version") == version:
        meta = info
    first = pypi_history(reg.raw, version, meta, None, None)
    prev = first.previous
    if prev is None or not meta:
        return first
    prev_info, note = _pypi_previous_info(client, options.pypi_url, fetched.target.name, prev.version, reg.raw,
                                          reg.url)
    return pypi_history(reg.raw, version, meta, prev_info, note)


def _registry_json(fetched: Fetched, history: History | None, now: datetime) -> dict[str, Any] | None:
    reg = fetched.registry
    if reg is None:
        return None
    out = {k: v for k, v in asdict(reg).items() if k != "raw"}
    out["maintainers"] = list(reg.maintainers)
    out["authors"] = list(reg.authors)
    if history is not None:
        hj = history.to_json(now)
        for k in ("first_release", "latest_release"):
            if out.get(k) is None:
                out[k] = hj[k]
        if not out.get("release_count"):
            out["release_count"] = hj["release_count"]
        out["history"] = hj
    ownership = reg.raw.get("ownership") if isinstance(reg.raw, Mapping) else None
    if isinstance(ownership, Mapping):
        out["ownership"] = ownership
    return out


def _name_ecosystem(fetched: Fetched, tree: SourceTree | None) -> tuple[str, str]:
    eco = fetched.target.ecosystem.value
    if eco in ("pypi", "npm"):
        return fetched.target.name, eco
    if tree is not None and isinstance(tree.manifest.get("package_json"), Mapping):
        return str(tree.manifest["package_json"].get("name") or tree.name), "npm"
    return (tree.name if tree is not None else fetched.target.name), "pypi"


def collect(fetched: Fetched, tree: SourceTree | None, options: InspectOptions, *,
            now: datetime | None = None, client: JsonClient | None = None) -> Provenance:
    now = now or datetime.now(UTC)
    own_client = client is None
    if client is None:
        session = None  # offline: answers come from the cache only, no HTTP client is loaded
        if not options.offline:
            from mcpvet.fetch.http import new_session

            session = new_session(options)
        client = JsonClient(options.cache_dir, timeout_s=options.http_timeout_s, offline=options.offline,
                            use_cache=options.use_cache, session=session)
    try:
        return _collect(fetched, tree, options, now, client)
    finally:
        if own_client:
            client.close()


def _collect(fetched: Fetched, tree: SourceTree | None, options: InspectOptions, now: datetime,
             client: JsonClient) -> Provenance:
    errors: list[AnalysisError] = []
    eco = fetched.target.ecosystem.value
    reg = fetched.registry
    raw = reg.raw if reg is not None else {}
    manifest = tree.manifest if tree is not None else {}
    name, name_eco = _name_ecosystem(fetched, tree)

    # registry history
    history = _history(fetched, tree, options, client)
    if eco in ("pypi", "npm") and history is None:
        errors.append(AnalysisError("provenance", "the registry document was not available: release history, "
                                                  "maintainers and attestations are unknown"))
    if history is not None and history.maintainer_data.startswith("unavailable"):
        errors.append(AnalysisError("provenance", f"maintainer continuity could not be judged: "
                                                  f"{history.maintainer_data[len('unavailable: '):]}"))

    # repository
    declared, homepage, source = declared_repository(eco, raw, fetched.target.version, manifest)
    if declared is None and reg is not None and reg.repository_url:
        declared, source = parse_repo_url(reg.repository_url), "registry"
    homepage = homepage or (reg.homepage_url if reg is not None else None)
    repo = assess(name, name_eco, declared, homepage, source)

    # attestations
    if eco == "pypi":
        attestation, errs = pypi_attestations(client, options.pypi_url, fetched.target.name, fetched.target.version,
                                              fetched.target.artifact, fetched.target.sha256, declared)
        errors += errs
    elif eco == "npm":
        attestation, errs = npm_attestations(client, options.npm_url, raw, fetched.target.name,
                                             fetched.target.version, declared)
        errors += errs
    else:
        attestation = AttestationInfo("not-applicable", f"{'local folder' if eco == 'local' else 'git checkout'}: "
                                                        "registry attestations do not apply")

    # install hooks (found by discovery)
    hooks = tuple(
        {"kind": h.kind, "command": h.command, **({"location": h.location.to_json()} if h.location else {})}
        for h in (tree.install_hooks if tree else ())
    )

    # dependencies and their vulnerabilities
    dscan = declared_dependencies(tree, name_eco)
    errors += dscan.errors
    # the inspected release itself is queried in the same batch (a published server with advisories)
    own = None
    if eco in ("pypi", "npm") and fetched.target.version:
        own = Dependency(fetched.target.name, f"=={fetched.target.version}" if eco == "pypi" else fetched.target.version,
                         eco, "the inspected package", fetched.target.version, "exact")
    others = tuple(d for d in dscan.dependencies if own is None or (d.ecosystem, d.name) != (own.ecosystem, own.name))
    vscan = scan_vulnerabilities((*others, *((own,) if own else ())), client, options.osv_url, options.npm_url)
    errors += vscan.errors
    own_result = next((d for d in vscan.dependencies if own is not None and d.source == own.source), None)
    dep_results = tuple(d for d in vscan.dependencies if d is not own_result)
    declared_deps = dep_results

    # what installing it pulls in today, with the path to each package, audited
    reqs, package_json, notes = _closure_inputs(tree)
    closures = audit_closures(reqs, package_json, name, options, client, notes=notes)
    errors += [e for c in closures for e in c.errors]
    dep_results += tuple(d for c in closures for d in c.packages)

    # name and shipped secrets
    matches = check_name(name, name_eco) if name else ()
    dep_matches = tuple(m for d in declared_deps for m in check_name(d.name, d.ecosystem))
    secrets = None
    extra: dict[str, Any] = {
        "name_risks": [{"looks_like": m.looks_like, "reason": m.reason} for m in matches],
        "dependency_name_risks": [{"dependency": m.name, "looks_like": m.looks_like, "reason": m.reason}
                                  for m in dep_matches],
    }
    if tree is not None:
        secrets, serrs, scanned = scan_tree(tree)
        errors += serrs
        extra["secrets"] = {"files_scanned": scanned,
                            "found": [{"provider": s.provider, "path": s.location.path, "line": s.location.line,
                                       "excerpt": s.excerpt} for s in secrets]}

    # files not in the source repository
    comparison = None
    if options.compare_repo:
        comparison = compare_with_repository(tree, declared, fetched.target.version, name_eco, options, name=name)
        errors += comparison.errors
        extra["repository_comparison"] = comparison.to_json()

    errors += client.cache_errors()  # an unusable cache is said once, like the fetch stage says it
    repo_json = repo.to_json()
    extra["vulnerability_services"] = dict(sorted(vscan.services.items()))
    extra["dependency_closure"] = [c.to_json() for c in closures]
    if own_result is not None:
        extra["package_vulnerabilities"] = own_result.to_json()["vulnerabilities"]
    return Provenance(
        registry=_registry_json(fetched, history, now),
        repository=repo_json,
        attestations=attestation.to_json(),
        install_hooks=hooks,
        dependencies=tuple(d.to_json() for d in dep_results),
        errors=tuple(errors),
        extra=extra,
        ecosystem=eco,
        package=name,
        history=history,
        repo=repo,
        attestation=attestation,
        deps=dep_results,
        package_vulnerabilities=own_result,
        vuln_services=vscan.services,
        name_matches=matches,
        dependency_name_matches=dep_matches,
        secrets=secrets,
        comparison=comparison,
        now=now,
        closures=closures,
    )


def _closure_inputs(tree: SourceTree | None) -> tuple[list[str], Mapping[str, Any] | None, list[str]]:
    """(Python requirements, package.json, notes) whose install closure is audited: the tree's own
    declarations (none without a tree: the check is inconclusive for want of contents)."""
    if tree is None:
        return [], None, []
    pj = tree.manifest.get("package_json")
    reqs, notes = python_requirement_strings(tree)
    return reqs, pj if isinstance(pj, Mapping) else None, notes
