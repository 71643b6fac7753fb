"""The install closure: what installing the server would pull in today, and its known vulnerabilities.

Python: `pip install --dry-run --report` with `--only-binary :all:` (wheels only, so no package
code runs: no sdist is built, no setup.py executed) resolves the declared requirements of the
tree (or `name==version` when there is no tree) against `{options.pypi_url}/simple/`, for the
running interpreter and platform. The report's `requires_dist` gives the edges, evaluated with
the report's environment and the extras each package was asked for, so every package has a
path from the server (server -> a -> b). The pinned closure is audited by pip-audit
(`-r pinned.txt --no-deps --disable-pip --vulnerability-service osv --osv-url
{options.osv_url}/v1/query -f json`); the affected ranges come from `{options.osv_url}/v1/vulns/<id>`.

npm: `npm install --package-lock-only --ignore-scripts` in a scratch folder holding only a
`package.json` with the registry dependencies (registry = options.npm_url), then the lock tree is
walked with Node's resolution for the paths; the closure is audited through the registry's bulk
advisory endpoint, one version per name per request so each answer belongs to one version.

Both resolvers run as subprocesses with a time limit, a temporary HOME and no user configuration.
Nothing is concluded from silence: a resolver that fails, a missing pip-audit or npm, an OSV that
does not answer (checked first with one query of our own: an answer must be a JSON object), a
time-out or output that does not read leaves the closure `inconclusive` with the reason in an
`AnalysisError`; `--offline` resolves nothing and says so.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from packaging.markers import (
    InvalidMarker,
    UndefinedComparison,
    UndefinedEnvironmentName,
)
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from mcpvet.model import AnalysisError
from mcpvet.options import InspectOptions
from mcpvet.provenance.client import JsonClient, JsonReply, ServiceUnavailable
from mcpvet.provenance.dependencies import (
    Advisory,
    Dependency,
    npm_lower_bound,
    with_vulnerabilities,
)
from mcpvet.provenance.vulns import VULN_TTL_S, npm_bulk, osv_advisory
from mcpvet.scratch import new_scratch

RESOLVE_TIMEOUT_S = 180.0  # one resolver run (pip or npm)
AUDIT_TIMEOUT_S = 300.0  # one pip-audit run (one OSV request per package)
MAX_OUTPUT_BYTES = 64 << 20  # a report, a lock file or pip-audit's JSON
MAX_REQUIREMENTS = 1000
PIP_SOURCE = "install closure (pip install --dry-run --report, wheels only)"
NPM_SOURCE = "install closure (npm install --package-lock-only --ignore-scripts)"
_NPM_NAME = re.compile(r"(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*", re.IGNORECASE)


@dataclass(frozen=True)
class ClosureAudit:
    """One ecosystem's install closure: every package with its path, and whether it was audited."""

    ecosystem: str  # "pypi" | "npm"
    root: str  # the server, first element of every path
    status: str  # "audited" | "inconclusive"
    reason: str
    packages: tuple[Dependency, ...] = ()  # version_kind "resolved"; vulnerabilities None = unknown
    errors: tuple[AnalysisError, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # declared dependencies left out of the resolution

    @property
    def conclusive(self) -> bool:
        return self.status == "audited"

    def to_json(self) -> dict[str, Any]:
        return {
            "ecosystem": self.ecosystem,
            "root": self.root,
            "status": self.status,
            "reason": self.reason,
            "package_count": len(self.packages),
            "vulnerable": [d.name for d in self.packages if d.vulnerabilities],
            "seconds": {k: round(v, 2) for k, v in sorted(self.seconds.items())},
            **({"notes": list(self.notes)} if self.notes else {}),
        }


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    """A scratch folder owned by this run (a killed run's is swept by the next one), removed after."""
    work = new_scratch("mcpvet-closure-")
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


class _Failed(Exception):
    """A step that could not conclude; the message is the reason a person reads."""


# -- entry point ----------------------------------------------------------------------------------

def audit_closures(python_requirements: Sequence[str] | None, package_json: Mapping[str, Any] | None,
                   root: str, options: InspectOptions, client: JsonClient, *,
                   notes: Sequence[str] = ()) -> tuple[ClosureAudit, ...]:
    """The closures to audit: Python when there are requirements, npm when there is a package.json
    with registry dependencies. `python_requirements` are requirement strings as pip takes them."""
    out = []
    if package_json is not None:
        deps, npm_notes = npm_registry_dependencies(package_json)
        if deps:
            out.append(npm_closure(deps, root, options, client, notes=npm_notes))
    if python_requirements:
        out.append(python_closure(python_requirements, root, options, client, notes=notes))
    return tuple(out)


def _inconclusive(eco: str, root: str, reason: str, seconds: dict[str, float], notes: Sequence[str],
                  packages: Sequence[Dependency] = ()) -> ClosureAudit:
    what = "PyPI" if eco == "pypi" else "npm"
    err = AnalysisError("provenance", f"the {what} install closure of {root} was not audited: {reason}")
    pk = tuple(with_vulnerabilities(d, None, f"not audited: {reason}") for d in packages)
    return ClosureAudit(eco, root, "inconclusive", reason, pk, (err,), seconds, tuple(notes))


# -- Python ---------------------------------------------------------------------------------------

def python_closure(requirements: Sequence[str], root: str, options: InspectOptions, client: JsonClient, *,
                   notes: Sequence[str] = ()) -> ClosureAudit:
    seconds: dict[str, float] = {}
    if options.offline:
        return _inconclusive("pypi", root, "offline mode: resolving the closure needs the package index", seconds,
                             notes)
    reqs = _checked_requirements(requirements)
    if not reqs:
        return ClosureAudit("pypi", root, "audited", "no installable requirements", (), (), seconds, tuple(notes))
    try:  # first: is OSV there and answering like OSV? (no point resolving otherwise)
        with _timed(seconds, "probe"):
            _probe_osv(client, options.osv_url)
    except _Failed as exc:
        return _inconclusive("pypi", root, str(exc), seconds, notes)
    with _scratch() as work:
        try:
            with _timed(seconds, "resolve"):
                report = _pip_report(reqs, options, work)
                graph = _python_graph(report, root)
        except _Failed as exc:
            return _inconclusive("pypi", root, str(exc), seconds, notes)
        packages = [Dependency(name, f"=={version}", "pypi", PIP_SOURCE, version, "resolved", path=path)
                    for name, (version, path) in sorted(graph.items()) if name != canonicalize_name(root)
                    or len(path) > 1]
        if not packages:
            return ClosureAudit("pypi", root, "audited", "nothing to install", (), (), seconds, tuple(notes))
        try:
            with _timed(seconds, "audit"):
                found = _pip_audit(packages, options, work)
                audited, errors = _python_advisories(packages, found, client, options.osv_url)
        except _Failed as exc:
            return _inconclusive("pypi", root, str(exc), seconds, notes, packages)
    n_vuln = sum(1 for d in audited if d.vulnerabilities)
    reason = f"{len(audited)} packages resolved and audited with pip-audit (OSV); {n_vuln} with known vulnerabilities"
    return ClosureAudit("pypi", root, "audited", reason, tuple(audited), tuple(errors), seconds, tuple(notes))


@contextlib.contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    """Record how long the block took in `seconds[stage]`, whether it finished or raised."""
    start = time.monotonic()
    try:
        yield
    finally:
        seconds[stage] = time.monotonic() - start


def _checked_requirements(requirements: Iterable[str]) -> list[str]:
    out = []
    for text in list(requirements)[:MAX_REQUIREMENTS]:
        try:
            req = Requirement(text)
        except InvalidRequirement:
            continue
        if not req.url:
            out.append(str(req))  # re-serialised: a plain requirement, never an option
    return out


def _clean_env(home: Path) -> dict[str, str]:
    """The environment of a resolver: no user configuration, a temporary HOME, proxies kept."""
    keep = {"PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "REQUESTS_CA_BUNDLE", "http_proxy", "https_proxy", "no_proxy", "all_proxy", "HTTP_PROXY",
            "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               PIP_CONFIG_FILE=os.devnull, PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYTHONNOUSERSITE="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def _run(cmd: list[str], env: dict[str, str], cwd: Path, timeout_s: float, what: str) -> tuple[int, str, str]:
    """Run a resolver; on time-out its whole process group is killed. Output is bounded by the tools."""
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise _Failed(f"{what} could not be started ({exc.strerror or exc})") from None
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.communicate()
        raise _Failed(f"{what} did not finish within {timeout_s:.0f} s") from None
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _last_error(stderr: str) -> str:
    """The line of a tool's error output that says what went wrong (pip's ERROR:, a traceback's last line)."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip() and not ln.startswith("WARNING")]
    picked = next((ln for ln in lines if ln.startswith(("ERROR:", "npm error", "npm ERR!"))), None)
    text = picked or (lines[-1] if lines else "no error output")
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299] + "…"


def _read_json(path: Path, what: str) -> Any:
    try:
        if path.stat().st_size > MAX_OUTPUT_BYTES:
            raise _Failed(f"{what} is larger than {MAX_OUTPUT_BYTES >> 20} MiB")
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise _Failed(f"{what} was not written") from None
    except (OSError, ValueError, RecursionError) as exc:
        raise _Failed(f"{what} could not be read ({type(exc).__name__})") from None


def _pip_report(reqs: list[str], options: InspectOptions, work: Path) -> Mapping[str, Any]:
    if importlib.util.find_spec("pip") is None:
        raise _Failed(f"pip is not available to {sys.executable}: the closure cannot be resolved")
    home = work / "home"
    home.mkdir()
    report = work / "report.json"
    index = options.pypi_url.rstrip("/") + "/simple/"
    cmd = [sys.executable, "-m", "pip", "install", "--isolated", "--dry-run", "--report", str(report),
           "--only-binary", ":all:", "--ignore-installed", "--no-cache-dir", "--disable-pip-version-check",
           "--no-input", "--quiet", "--index-url", index, "--timeout", str(max(1, int(options.http_timeout_s))),
           "--retries", str(max(0, int(options.http_retries))), "--", *reqs]
    rc, _out, err = _run(cmd, _clean_env(home), work, RESOLVE_TIMEOUT_S, "pip's resolver")
    if rc != 0:
        raise _Failed(f"pip could not resolve the requirements from {index} (wheels only): {_last_error(err)}")
    doc = _read_json(report, "pip's installation report")
    if not isinstance(doc, Mapping) or not isinstance(doc.get("install"), list):
        raise _Failed("pip's installation report has no 'install' list")
    return doc


def _python_graph(report: Mapping[str, Any], root: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """{canonical name: (version, path from the server)} for every package of pip's report."""
    raw_env = report.get("environment")
    env = {str(k): v for k, v in raw_env.items() if isinstance(v, str)} if isinstance(raw_env, Mapping) else {}
    versions: dict[str, str] = {}
    requires: dict[str, list[Requirement]] = {}
    extras: dict[str, set[str]] = {}
    requested: list[str] = []
    for item in report["install"]:
        meta = item.get("metadata") if isinstance(item, Mapping) else None
        if not isinstance(meta, Mapping) or not isinstance(meta.get("name"), str) \
                or not isinstance(meta.get("version"), str):
            raise _Failed("pip's installation report lists a package without a name or version")
        name = canonicalize_name(meta["name"])
        versions[name] = meta["version"]
        reqs = []
        listed = meta.get("requires_dist")
        for text in listed if isinstance(listed, list) else []:
            try:
                reqs.append(Requirement(str(text)))
            except InvalidRequirement:
                continue
        requires[name] = reqs
        extras[name] = set()
        if item.get("requested") is True:
            requested.append(name)
            extras[name] |= {canonicalize_name(e) for e in item.get("requested_extras") or [] if isinstance(e, str)}

    def applies(req: Requirement, pkg: str) -> bool:
        if req.marker is None:
            return True
        for extra in {"", *extras[pkg]}:
            try:
                if req.marker.evaluate({**env, "extra": extra}):
                    return True
            except (InvalidMarker, UndefinedComparison, UndefinedEnvironmentName, ValueError, TypeError):
                return False
        return False

    # the extras each package is asked for grow until nothing changes (a[x] -> b[y] ...)
    changed = True
    while changed:
        changed = False
        for pkg, reqs in requires.items():
            for req in reqs:
                child = canonicalize_name(req.name)
                if child in versions and applies(req, pkg):
                    new = {canonicalize_name(e) for e in req.extras} - extras[child]
                    if new:
                        extras[child] |= new
                        changed = True
    edges = {pkg: sorted({canonicalize_name(r.name) for r in reqs if canonicalize_name(r.name) in versions
                          and applies(r, pkg)}) for pkg, reqs in requires.items()}
    loose = {pkg: sorted({canonicalize_name(r.name) for r in reqs if canonicalize_name(r.name) in versions})
             for pkg, reqs in requires.items()}
    top = canonicalize_name(root)
    paths: dict[str, tuple[str, ...]] = {s: ((root,) if s == top else (root, s)) for s in sorted(requested)}
    for graph in (edges, loose):  # marker-evaluated edges first; any edge for what they leave unreached
        queue: deque[str] = deque(sorted(paths, key=lambda p: (len(paths[p]), p)))
        while queue:
            pkg = queue.popleft()
            for child in graph.get(pkg, ()):
                if child not in paths:
                    paths[child] = (*paths[pkg], child)
                    queue.append(child)
    return {name: (versions[name], paths.get(name, (root, "?", name))) for name in versions}


def _probe_osv(client: JsonClient, osv_url: str) -> None:
    """One query of our own before anything runs: pip-audit reads an unreachable-looking empty or
    non-object answer as "No known vulnerabilities found", so OSV must answer a query with a JSON
    object here first (the query: the pip running here, a package OSV knows)."""
    url = f"{osv_url.rstrip('/')}/v1/query"
    reply = client.post_json(url, {"package": {"name": "pip", "ecosystem": "PyPI"}, "version": _pip_version()},
                             ttl_s=0.0)
    if isinstance(reply, ServiceUnavailable):
        raise _Failed(f"OSV at {url} could not answer ({reply.reason})")
    if not reply.found:
        raise _Failed(f"OSV at {url} answered HTTP {reply.status}")
    body = reply.body
    if not isinstance(body, Mapping) or ("vulns" in body and not isinstance(body["vulns"], list)):
        raise _Failed(f"OSV at {url} did not answer with an OSV query result (a JSON object)")


def _pip_version() -> str:
    try:
        return importlib.metadata.version("pip")
    except importlib.metadata.PackageNotFoundError:
        return "23.0"


def _pip_audit(packages: Sequence[Dependency], options: InspectOptions, work: Path
               ) -> dict[str, list[Mapping[str, Any]]]:
    """{name: [vulnerability as pip-audit reports it]} for every package; raises unless all were audited."""
    if importlib.util.find_spec("pip_audit") is None:
        raise _Failed("pip-audit is not installed (pip install 'pip-audit>=2.10')")
    pinned = work / "pinned.txt"
    pinned.write_text("".join(f"{d.name}=={d.version}\n" for d in packages), "utf-8")
    home = work / "audit-home"
    home.mkdir(exist_ok=True)
    out = work / "audit.json"
    osv = options.osv_url.rstrip("/") + "/v1/query"
    cmd = [sys.executable, "-m", "pip_audit", "-r", str(pinned), "--no-deps", "--disable-pip",
           "--vulnerability-service", "osv", "--osv-url", osv, "-f", "json", "-o", str(out),
           "--progress-spinner", "off", "--cache-dir", str(work / "audit-cache"),
           "--timeout", str(max(1, int(options.http_timeout_s))), "--desc", "on", "--aliases", "on"]
    rc, _o, err = _run(cmd, _clean_env(home), work, AUDIT_TIMEOUT_S, "pip-audit")
    if rc not in (0, 1) or not out.is_file():  # 1 = vulnerabilities found; also pip-audit's own failures
        raise _Failed(f"pip-audit failed against {osv}: {_last_error(err)}")
    doc = _read_json(out, "pip-audit's JSON output")
    deps = doc.get("dependencies") if isinstance(doc, Mapping) else None
    if not isinstance(deps, list):
        raise _Failed("pip-audit's JSON output has no 'dependencies' list")
    found: dict[str, list[Mapping[str, Any]]] = {}
    for entry in deps:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            raise _Failed("pip-audit's JSON output lists a dependency without a name")
        if entry.get("skip_reason"):
            continue  # not audited: left out of `found`, reported below
        vl = entry.get("vulns")
        if not isinstance(vl, list) or not all(isinstance(v, Mapping) and isinstance(v.get("id"), str) for v in vl):
            raise _Failed(f"pip-audit's JSON output for {entry['name']} has no readable 'vulns' list")
        found[canonicalize_name(entry["name"])] = vl
    missing = [d.name for d in packages if d.name not in found]
    if missing:
        raise _Failed(f"pip-audit did not audit {len(missing)} of {len(packages)} packages "
                      f"({', '.join(missing[:5])})")
    return found


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, (str, int, float))] if isinstance(value, list) else []


def _python_advisories(packages: Sequence[Dependency], found: Mapping[str, list[Mapping[str, Any]]],
                       client: JsonClient, osv_url: str) -> tuple[list[Dependency], list[AnalysisError]]:
    """Each package with its advisories; ranges from OSV's record (the first id OSV knows), else pip-audit's."""
    base = osv_url.rstrip("/")
    errors: list[AnalysisError] = []
    out = []
    for d in packages:
        advisories = []
        for v in found.get(d.name, []):
            ids = [str(v["id"]), *_strings(v.get("aliases"))]
            adv = _osv_record(client, base, ids, d.name)
            if adv is None:
                errors.append(AnalysisError("provenance", f"OSV's record of {ids[0]} ({d.name}) could not be "
                                                          "read: its affected range is not known"))
                fixed = tuple(_strings(v.get("fix_versions")))
                summary = str(v.get("description") or "")[:300]
                aliases = tuple(sorted(set(ids[1:]) - {ids[0]}))
                adv = Advisory(ids[0], aliases, summary, None, f"includes {d.version} (range not available)", fixed,
                               f"https://osv.dev/vulnerability/{ids[0]}")
            advisories.append(adv)
        out.append(with_vulnerabilities(d, tuple(sorted(advisories, key=lambda a: a.id))))
    return out, errors


def _osv_record(client: JsonClient, base: str, ids: list[str], package: str) -> Advisory | None:
    ordered = [i for i in ids if not i.startswith("CVE-")] + [i for i in ids if i.startswith("CVE-")]
    for vid in ordered:
        reply = client.get_json(f"{base}/v1/vulns/{quote(vid, safe='')}", ttl_s=VULN_TTL_S)
        if isinstance(reply, JsonReply) and reply.found and isinstance(reply.body, Mapping):
            try:
                return osv_advisory(reply.body, package)
            except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
                return None
        if isinstance(reply, ServiceUnavailable):
            return None
    return None


# -- npm ------------------------------------------------------------------------------------------

def npm_registry_dependencies(package_json: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The dependencies a registry resolves ({name: range}) and notes on those left out (git, file, URL...)."""
    deps: dict[str, str] = {}
    notes: list[str] = []
    for section in ("dependencies", "optionalDependencies"):
        block = package_json.get(section)
        if not isinstance(block, Mapping):
            continue
        for name, spec in list(block.items())[:MAX_REQUIREMENTS]:
            if not isinstance(name, str) or not _NPM_NAME.fullmatch(name) or len(name) > 214:
                notes.append(f"{str(name)[:80]!r} is not an npm package name")
                continue
            if not isinstance(spec, str) or npm_lower_bound(spec)[1] == "unsupported" or len(spec) > 256:
                notes.append(f"{name} is not a registry version range and was not resolved")
                continue
            deps[name] = spec
    return deps, notes


def npm_closure(deps: Mapping[str, str], root: str, options: InspectOptions, client: JsonClient, *,
                notes: Sequence[str] = ()) -> ClosureAudit:
    seconds: dict[str, float] = {}
    if options.offline:
        return _inconclusive("npm", root, "offline mode: resolving the closure needs the npm registry", seconds,
                             notes)
    probe = f"{options.npm_url.rstrip('/')}/-/npm/v1/security/advisories/bulk"
    with _timed(seconds, "probe"):
        reply = client.post_json(probe, {}, ttl_s=0.0)  # is the advisory service there? (else resolve nothing)
    if isinstance(reply, ServiceUnavailable) or not reply.found or not isinstance(reply.body, Mapping):
        why = reply.reason if isinstance(reply, ServiceUnavailable) else (
            f"HTTP {reply.status}" if not reply.found else "the answer is not a JSON object")
        return _inconclusive("npm", root, f"the npm advisory service at {probe} could not answer ({why})", seconds,
                             notes)
    with _scratch() as work:
        try:
            with _timed(seconds, "resolve"):
                lock = _npm_lock(deps, options, work)
                graph = _npm_graph(lock, root)
        except _Failed as exc:
            return _inconclusive("npm", root, str(exc), seconds, notes)
    packages = [Dependency(name, version, "npm", NPM_SOURCE, version, "resolved", path=path)
                for (name, version), path in sorted(graph.items())]
    with _timed(seconds, "audit"):
        audited, errors = _npm_audit(packages, client, options.npm_url)
    if errors:
        reason = "; ".join(e.message for e in errors)
        return ClosureAudit("npm", root, "inconclusive", reason, tuple(audited), tuple(errors), seconds, tuple(notes))
    n_vuln = sum(1 for d in audited if d.vulnerabilities)
    reason = f"{len(audited)} packages resolved and audited (npm bulk advisories); {n_vuln} with known vulnerabilities"
    return ClosureAudit("npm", root, "audited", reason, tuple(audited), (), seconds, tuple(notes))


def _npm_lock(deps: Mapping[str, str], options: InspectOptions, work: Path) -> Mapping[str, Any]:
    npm = shutil.which("npm")
    if npm is None:
        raise _Failed("npm is not installed")
    project = work / "project"
    home = work / "home"
    project.mkdir()
    home.mkdir()
    (home / ".npmrc").write_text("", "utf-8")
    (home / "global.npmrc").write_text("", "utf-8")
    (project / "package.json").write_text(json.dumps(
        {"name": "mcpvet-closure-root", "version": "0.0.0", "private": True, "dependencies": dict(deps)}), "utf-8")
    env = {k: v for k, v in _clean_env(home).items() if not k.startswith("PIP_")}
    registry = options.npm_url.rstrip("/") + "/"
    cmd = [npm, "install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund",
           "--registry", registry, "--userconfig", str(home / ".npmrc"), "--globalconfig", str(home / "global.npmrc"),
           "--cache", str(work / "npm-cache"), "--fetch-retries", str(max(0, int(options.http_retries))),
           "--fetch-retry-mintimeout", "1000", "--fetch-retry-maxtimeout", "4000",
           "--fetch-timeout", str(max(1000, int(options.http_timeout_s * 1000))), "--no-update-notifier",
           "--loglevel", "error", "--prefer-online"]
    rc, _out, err = _run(cmd, env, project, RESOLVE_TIMEOUT_S, "npm")
    if rc != 0:
        raise _Failed(f"npm could not resolve the dependencies from {registry}: {_last_error(err)}")
    doc = _read_json(project / "package-lock.json", "npm's package-lock.json")
    if not isinstance(doc, Mapping) or not isinstance(doc.get("packages"), Mapping):
        raise _Failed("npm's package-lock.json has no 'packages' tree")
    return doc


def _npm_graph(lock: Mapping[str, Any], root: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """{(name, version): shortest path from the server} over the lock tree, with Node's lookup rules."""
    nodes: dict[str, tuple[str, str, list[str]]] = {}
    for loc, entry in lock["packages"].items():
        if not isinstance(loc, str) or not isinstance(entry, Mapping):
            continue
        if loc == "":
            wanted = [*_names(entry.get("dependencies")), *_names(entry.get("optionalDependencies"))]
            nodes[""] = (root, "", wanted)
            continue
        if not loc.startswith("node_modules/") or entry.get("link") or entry.get("dev") \
                or not isinstance(entry.get("version"), str):
            continue
        name = entry["name"] if isinstance(entry.get("name"), str) else loc.rsplit("node_modules/", 1)[1]
        wanted = [*_names(entry.get("dependencies")), *_names(entry.get("optionalDependencies")),
                  *_names(entry.get("peerDependencies"))]
        nodes[loc] = (name, entry["version"], wanted)
    if "" not in nodes:
        raise _Failed("npm's package-lock.json has no root package")

    def lookup(loc: str, dep: str) -> str | None:
        base = loc
        while True:
            cand = f"{base}/node_modules/{dep}" if base else f"node_modules/{dep}"
            if cand in nodes:
                return cand
            if not base:
                return None
            cut = base.rfind("/node_modules/")
            base = base[:cut] if cut >= 0 else ""

    paths: dict[str, tuple[str, ...]] = {"": (root,)}
    queue: deque[str] = deque([""])
    while queue:
        loc = queue.popleft()
        for dep in nodes[loc][2]:
            child = lookup(loc, dep)
            if child is not None and child not in paths:
                paths[child] = (*paths[loc], nodes[child][0])
                queue.append(child)
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for loc, (name, version, _w) in nodes.items():
        if loc == "":
            continue
        path = paths.get(loc, (root, "?", name))
        key = (name, version)
        if key not in out or len(path) < len(out[key]):
            out[key] = path
    return out


def _names(block: Any) -> list[str]:
    return [k for k in block if isinstance(k, str)] if isinstance(block, Mapping) else []


def _npm_audit(packages: Sequence[Dependency], client: JsonClient, npm_url: str
               ) -> tuple[list[Dependency], list[AnalysisError]]:
    """The bulk advisory endpoint, one version per name per request (its answer is per name)."""
    rounds: list[list[Dependency]] = []
    for d in packages:
        slot = next((r for r in rounds if all(o.name != d.name for o in r)), None)
        if slot is None:
            slot = []
            rounds.append(slot)
        slot.append(d)
    out: dict[tuple[str, str | None], Dependency] = {}
    errors: list[AnalysisError] = []
    for batch in rounds:
        updated, errs, _status = npm_bulk(batch, client, npm_url.rstrip("/"))
        errors += errs
        out.update({(d.name, d.version): d for d in updated})
        if errs:  # the service is down: the remaining rounds would only repeat the error
            for rest in rounds[rounds.index(batch) + 1:]:
                out.update({(d.name, d.version): with_vulnerabilities(d, None, "npm advisories unavailable")
                            for d in rest})
            break
    return [out[(d.name, d.version)] for d in packages], errors
