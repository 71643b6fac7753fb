"""Declared dependencies of the package, read from its manifest (never by running it).

Python, first source that has any: wheel/sdist METADATA `Requires-Dist`, pyproject
`[project].dependencies`, `[tool.poetry.dependencies]`, setup.cfg `install_requires`, a literal
`install_requires=[...]` in setup.py (read with `ast`, never executed). Requirements guarded by an
`extra == ...` marker are optional and left out.

npm: package.json `dependencies` and `optionalDependencies` (devDependencies do not install for a
user). Versions come from a shipped lock file (npm-shrinkwrap.json, package-lock.json) when present.

How a version range is treated (documented decision): the vulnerability query uses
* `exact`: a pin (`==1.2.3`, `===`, an npm exact version) or the lock file's version;
* `lower-bound`: the lowest version the range admits (`>=1.2`, `~=1.2`, `^1.2.0`, `~1.2.0`,
  `1.x`); that version is what a resolver may install under a constrained environment, so if it is
  vulnerable, the range admits a vulnerable version;
* `unbounded`: no lower bound (`*`, no specifier). PyPI: every advisory of the package is fetched and
  all of them are admitted; npm: the bulk advisory endpoint needs a version, so the dependency is
  left unchecked (vulnerabilities null) and said so;
* `resolved`: a package of the install closure (mcpvet.provenance.closure): the version a resolver
  picks today, with `path` naming the chain that pulls it in (server -> a -> b).
"""

from __future__ import annotations

import ast
import configparser
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from mcpvet.fetch.jsontext import loads_json
from mcpvet.model import AnalysisError, SourceTree

SDK_NAMES = {("pypi", "mcp"), ("pypi", "fastmcp"), ("npm", "@modelcontextprotocol/sdk"), ("npm", "fastmcp")}


@dataclass(frozen=True)
class Advisory:
    id: str  # preferred id (GHSA / PYSEC / CVE)
    aliases: tuple[str, ...]
    summary: str
    severity: str | None  # as the service gives it (npm: low/moderate/high/critical; OSV: CVSS vector)
    affected: str  # human range, e.g. "<1.9.4" or ">=0, <1.9.4"
    fixed: tuple[str, ...]
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "aliases": list(self.aliases), "summary": self.summary, "severity": self.severity,
                "affected": self.affected, "fixed": list(self.fixed), "url": self.url}


@dataclass(frozen=True)
class Dependency:
    name: str
    specifier: str  # as declared ("" when none)
    ecosystem: str  # "pypi" | "npm"
    source: str  # where it was declared, e.g. "METADATA Requires-Dist", "package.json dependencies"
    version: str | None = None  # the version queried (see module docstring)
    version_kind: str = "unbounded"  # "exact" | "lower-bound" | "unbounded" | "unsupported"
    locked: bool = False
    # None = not checked / service could not answer; () = checked, none known
    vulnerabilities: tuple[Advisory, ...] | None = None
    note: str | None = None
    path: tuple[str, ...] = ()  # resolved packages: the server, then each package down to this one

    @property
    def is_sdk(self) -> bool:
        return (self.ecosystem, self.name.lower()) in SDK_NAMES

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "specifier": self.specifier,
            "ecosystem": self.ecosystem,
            "version": self.version,
            "version_kind": self.version_kind,
            "locked": self.locked,
            "sdk": self.is_sdk,
            "source": self.source,
            "vulnerabilities": None if self.vulnerabilities is None else [a.to_json() for a in self.vulnerabilities],
            **({"note": self.note} if self.note else {}),
            **({"path": list(self.path), "direct": len(self.path) == 2} if self.path else {}),
        }


@dataclass(frozen=True)
class DependencyScan:
    dependencies: tuple[Dependency, ...]
    errors: tuple[AnalysisError, ...] = field(default=())


# -- Python ---------------------------------------------------------------------------------------

def _pep440_version(req: Requirement) -> tuple[str | None, str]:
    specs = list(req.specifier)
    for s in specs:
        if s.operator in ("==", "===") and "*" not in s.version:
            return s.version, "exact"
    lows = [s.version.replace(".*", "") for s in specs if s.operator in (">=", "~=", ">", "==")]
    if lows:
        from mcpvet.provenance.history import version_key

        return min(lows, key=version_key), "lower-bound"
    return None, "unbounded"


def _python_requirements(tree: SourceTree) -> tuple[list[str], str, list[AnalysisError]]:
    errors: list[AnalysisError] = []
    meta = tree.manifest.get("metadata")
    if isinstance(meta, Mapping) and isinstance(meta.get("Requires-Dist"), list) and meta["Requires-Dist"]:
        return [r for r in meta["Requires-Dist"] if isinstance(r, str)], "METADATA Requires-Dist", errors
    py = tree.manifest.get("pyproject")
    if isinstance(py, Mapping):
        proj = py.get("project")
        if isinstance(proj, Mapping) and isinstance(proj.get("dependencies"), list):
            return [r for r in proj["dependencies"] if isinstance(r, str)], "pyproject [project].dependencies", errors
        raw_tool = py.get("tool")
        tool: Mapping[str, Any] = raw_tool if isinstance(raw_tool, Mapping) else {}
        raw_poetry = tool.get("poetry")
        poetry_tbl: Mapping[str, Any] = raw_poetry if isinstance(raw_poetry, Mapping) else {}
        poetry = poetry_tbl.get("dependencies")
        if isinstance(poetry, Mapping):
            reqs = []
            for name, spec in poetry.items():
                if str(name).lower() == "python":
                    continue
                ver = spec if isinstance(spec, str) else (spec.get("version") if isinstance(spec, Mapping) else None)
                reqs.append(f"{name}{_poetry_to_pep440(ver or '')}")
            return reqs, "pyproject [tool.poetry.dependencies]", errors
    cfg_text = _read_own(tree, "setup.cfg", 2 << 20, errors)
    if cfg_text is not None:
        parser = configparser.ConfigParser()
        try:
            parser.read_string(cfg_text)
            text = parser.get("options", "install_requires", fallback="")
            reqs = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
            if reqs:
                return reqs, "setup.cfg install_requires", errors
        except configparser.Error as exc:
            errors.append(AnalysisError("provenance", f"setup.cfg could not be read: {exc}", "setup.cfg"))
    setup_text = _read_own(tree, "setup.py", 2 << 20, errors)
    if setup_text is not None:
        reqs, err = _setup_py_requires(setup_text)
        if err:
            errors.append(AnalysisError("provenance", err, "setup.py"))
        if reqs:
            return reqs, "setup.py install_requires", errors
    return [], "none declared", errors


def _poetry_to_pep440(spec: str) -> str:
    spec = spec.strip()
    if not spec or spec == "*":
        return ""
    m = re.fullmatch(r"[\^~]\s*([\w.]+)", spec)
    if m:
        return f">={m.group(1)}"
    if re.fullmatch(r"[\w.]+", spec):
        return f"=={spec}"
    return spec


def _read_own(tree: SourceTree, rel: str, limit: int, errors: list[AnalysisError]) -> str | None:
    """The text of the package's own regular file `rel`, never through a link out of the tree;
    None when it is absent, and an errors[] entry when it is there but cannot be read."""
    from mcpvet.discover.files import Unreadable, read_inside

    try:
        return read_inside(tree.root, rel, limit).decode("utf-8", errors="replace")
    except Unreadable as exc:
        if str(exc) != "no such file":
            errors.append(AnalysisError("provenance", f"{rel} was not read: {exc}", rel))
        return None


def _setup_py_requires(text: str) -> tuple[list[str], str | None]:
    """A literal list given as install_requires=... in setup(...) (or assigned to a name first)."""
    try:
        mod = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError) as exc:
        return [], f"setup.py does not parse: {exc}"
    names: dict[str, ast.AST] = {}
    for node in ast.walk(mod):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names[node.targets[0].id] = node.value
    for node in ast.walk(mod):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "install_requires":
                    value = names.get(kw.value.id, kw.value) if isinstance(kw.value, ast.Name) else kw.value
                    try:
                        lit = ast.literal_eval(value)
                    except (ValueError, TypeError, SyntaxError, RecursionError):
                        return [], "setup.py install_requires is not a literal list"
                    if isinstance(lit, str):
                        lit = lit.splitlines()
                    return [str(x) for x in lit if isinstance(x, str) and x.strip()], None
    return [], None


def python_requirement_strings(tree: SourceTree) -> tuple[list[str], list[str]]:
    """(requirements a resolver may be given, notes on the ones left out) for the tree's Python manifest.

    Each requirement is re-serialised from its parsed form (so no line can smuggle resolver options);
    extras-only requirements are dropped (pip would too); direct URL requirements are left out and
    noted: resolving them would fetch an arbitrary URL.
    """
    reqs, _source, _errors = _python_requirements(tree)
    out: list[str] = []
    notes: list[str] = []
    for text in reqs:
        try:
            req = Requirement(text)
        except InvalidRequirement:
            notes.append(f"{text[:80]!r} does not parse")
            continue
        if req.marker is not None and "extra" in str(req.marker):
            continue
        if req.url:
            notes.append(f"{req.name} is a direct URL dependency and was not resolved")
            continue
        out.append(str(req))
    return out, notes


def python_dependencies(tree: SourceTree) -> DependencyScan:
    reqs, source, errors = _python_requirements(tree)
    deps: dict[str, Dependency] = {}
    for text in reqs:
        try:
            req = Requirement(text)
        except InvalidRequirement as exc:
            errors.append(AnalysisError("provenance", f"dependency {text!r} does not parse: {exc}"))
            continue
        if req.marker is not None and "extra" in str(req.marker):
            continue
        name = canonicalize_name(req.name)
        if req.url:
            deps[name] = Dependency(name, f"@ {req.url}", "pypi", source, None, "unsupported",
                                    note="direct URL dependency: no registry version to check")
            continue
        version, kind = _pep440_version(req)
        deps[name] = Dependency(name, str(req.specifier), "pypi", source, version, kind)
    return DependencyScan(tuple(deps[k] for k in sorted(deps)), tuple(errors))


# -- npm ------------------------------------------------------------------------------------------

_SEMVER = re.compile(r"v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(-[0-9A-Za-z.-]+)?")


def npm_lower_bound(spec: str) -> tuple[str | None, str]:
    """(lowest version the range admits, kind) for an npm semver range.

    Each `||` alternative is an AND of comparators; its lower bound is the highest of its `>=`,
    `>`, `^`, `~`, `=` or bare versions (x-ranges count as .0); the range's bound is the lowest
    alternative's. An alternative with upper bounds only makes the whole range unbounded.
    """
    spec = (spec or "").strip()
    if not spec or spec in ("*", "x", "X", "latest", "next"):
        return None, "unbounded"
    if re.match(r"^(?:git\+|git:|github:|https?:|file:|link:|workspace:|npm:)|/", spec):
        return None, "unsupported"
    lows: list[tuple[int, int, int, str]] = []
    for alt in spec.split("||"):
        alt = re.sub(r"(>=|<=|>|<|=|\^|~)\s+", r"\1", alt.strip())  # ">= 1.2" -> ">=1.2"
        if not alt or alt in ("*", "x", "X"):
            return None, "unbounded"
        if " - " in alt:
            alt = alt.split(" - ")[0]
        low: tuple[int, int, int, str] | None = None
        for part in alt.split():
            m = re.fullmatch(r"(\^|~|>=|>|=|<=|<)?(.+)", part)
            if not m or m.group(1) in ("<", "<="):
                continue
            vm = _SEMVER.fullmatch(m.group(2))
            if not vm:
                continue
            nums = [int(g) if g and g not in "xX*" else 0 for g in vm.group(1, 2, 3)]
            cand = (nums[0], nums[1], nums[2], vm.group(4) or "")
            low = cand if low is None else max(low, cand)
        if low is None:
            return None, "unbounded"  # only upper bounds
        lows.append(low)
    best = min(lows)
    text = f"{best[0]}.{best[1]}.{best[2]}{best[3]}"
    kind = "exact" if len(lows) == 1 and _is_exact(spec) else "lower-bound"
    return text, kind


def _is_exact(spec: str) -> bool:
    return bool(re.fullmatch(r"=?v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", spec.strip()))


def _lock_versions(tree: SourceTree) -> tuple[dict[str, str], str | None, list[AnalysisError]]:
    doc = tree.manifest.get("package_lock")
    name = "package-lock.json (manifest)"
    errors: list[AnalysisError] = []
    if not isinstance(doc, Mapping):
        doc = None
        for fname in ("npm-shrinkwrap.json", "package-lock.json"):
            text = _read_own(tree, fname, 64 << 20, errors)
            if text is None:
                continue
            try:
                doc = loads_json(text)
                name = fname
                break
            except ValueError as exc:
                errors.append(AnalysisError("provenance", f"{fname} could not be read: {exc}", fname))
    if not isinstance(doc, Mapping):
        return {}, None, errors
    out: dict[str, str] = {}
    pkgs = doc.get("packages")
    if isinstance(pkgs, Mapping):  # lockfile v2/v3
        for key, val in pkgs.items():
            if isinstance(key, str) and key.startswith("node_modules/") and "/node_modules/" not in key[13:] \
                    and isinstance(val, Mapping) and isinstance(val.get("version"), str):
                out[key[len("node_modules/"):]] = val["version"]
    deps = doc.get("dependencies")
    if not out and isinstance(deps, Mapping):  # lockfile v1
        for key, val in deps.items():
            if isinstance(val, Mapping) and isinstance(val.get("version"), str):
                out[str(key)] = val["version"]
    return out, name, errors


def npm_dependencies(tree: SourceTree) -> DependencyScan:
    pj = tree.manifest.get("package_json")
    if not isinstance(pj, Mapping):
        return DependencyScan(())
    locked, lock_name, errors = _lock_versions(tree)
    deps: dict[str, Dependency] = {}
    for section in ("dependencies", "optionalDependencies"):
        block = pj.get(section)
        if not isinstance(block, Mapping):
            continue
        for name, spec in block.items():
            spec = spec if isinstance(spec, str) else ""
            src = f"package.json {section}"
            if name in locked and _SEMVER.fullmatch(locked[name]):
                deps[name] = Dependency(name, spec, "npm", f"{src}; version from {lock_name}", locked[name], "exact",
                                        locked=True)
                continue
            version, kind = npm_lower_bound(spec)
            note = "not a registry version range" if kind == "unsupported" else None
            deps[name] = Dependency(name, spec, "npm", src, version, kind, note=note)
    return DependencyScan(tuple(deps[k] for k in sorted(deps)), tuple(errors))


def declared_dependencies(tree: SourceTree | None, ecosystem_hint: str = "") -> DependencyScan:
    """Python and npm dependencies of the tree (both when a package ships both manifests)."""
    if tree is None:
        return DependencyScan(())
    scans = []
    if isinstance(tree.manifest.get("package_json"), Mapping):
        scans.append(npm_dependencies(tree))
    scans.append(python_dependencies(tree))  # empty when the tree has no Python manifest
    deps = tuple(d for s in scans for d in s.dependencies)
    return DependencyScan(deps, tuple(e for s in scans for e in s.errors))


def with_vulnerabilities(dep: Dependency, advisories: tuple[Advisory, ...] | None, note: str | None = None) -> Dependency:
    return replace(dep, vulnerabilities=advisories, note=note or dep.note)
