"""The code of the dependencies a package hands its MCP server to, fetched like any target.

When the package's own code declares no tool and its entry modules export what they import from a
declared dependency (`module.exports = { createConnection: require("dep/lib/x").tools.… }`), the
tools are in that dependency. `load` fetches each such dependency at the version npm would install
from the declared range (`depcode.semver`; a copy the package ships under `node_modules/` is used
as it is), through the same fetch layer and download cache as a target (verified against the
registry's digest, kept by name, version and digest, so `--offline` finds it once fetched), unpacks
it with the same limits, and selects the files the package's imports load (`depcode.select`).
The files are named `node_modules/<dependency>/<path>`, where npm installs them, so every location
in the scorecard says which dependency a tool comes from.

Nothing is silent: a dependency that cannot be fetched (offline without a cached copy, a registry
failure, a range npm would not take from the registry), a selection cut by a budget, or more
dependencies than `MAX_DEPENDENCIES` each leave an errors[] entry saying which dependency and
that tools may be missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mcpvet.depcode.select import select
from mcpvet.depcode.semver import is_registry_range, pick
from mcpvet.discover import language_of
from mcpvet.errors import MCPVetError
from mcpvet.model import DEPENDENCY_MODULES, AnalysisError, FileRole, Handoff, Language, SourceFile, SourceTree
from mcpvet.options import InspectOptions

STAGE = "dependency"
MAX_DEPENDENCIES = 8  # dependencies fetched for one package (those the entry exports from, then those they import)
MAX_FILES = 400  # files selected in one dependency
MAX_BYTES = 6 << 20  # bytes of files selected in one dependency (what the frontend reads in about a minute)
_DEP_KEYS = ("dependencies", "optionalDependencies", "peerDependencies")
_SDK_PREFIX = "@modelcontextprotocol/"


@dataclass(frozen=True)
class Loaded:
    """One dependency whose files were selected: `name@version` and the files' package paths."""

    package: str
    version: str
    source: str  # "registry" | "bundled" (shipped in the package's node_modules/)
    paths: tuple[str, ...]
    importers: tuple[str, ...]


@dataclass(frozen=True)
class DependencyCode:
    """The selected files of every handed-off dependency, as a tree the frontends can read."""

    tree: SourceTree | None  # None: nothing was loaded
    loaded: tuple[Loaded, ...]
    errors: tuple[AnalysisError, ...]


def declared_range(manifest: Mapping[str, Any], package: str) -> str | None:
    for key in _DEP_KEYS:
        deps = manifest.get(key)
        if isinstance(deps, dict) and isinstance(deps.get(package), str):
            return str(deps[package])
    return None


def _lost(h: Handoff, why: str) -> AnalysisError:
    return AnalysisError(STAGE, f"the dependency {h.package} was not analysed: {why}; the entry module(s) "
                                f"{', '.join(h.importers[:3])} export what they import from it, so tools it "
                                "declares may be missing", h.importers[0] if h.importers else None)


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _bundled(tree: SourceTree, package: str) -> Path | None:
    """The copy the package ships at node_modules/<package>/ (npm installs it as it is)."""
    if tree.root is None:
        return None
    rel = f"node_modules/{package}/package.json"
    if any(f.path == rel for f in tree.files):
        return tree.root / "node_modules" / package
    return None


def _fetch(h: Handoff, wanted: str, options: InspectOptions, work: Path, session: Any,
           errors: list[AnalysisError]) -> tuple[Path, str]:
    """Fetch and unpack the version npm would install for `wanted`; (root, version)."""
    from mcpvet.fetch import npm
    from mcpvet.unpack import unpack

    packument = npm.lookup(session, h.package)
    if packument is None or not isinstance(packument.doc, dict):
        raise MCPVetError(f"npm has no package named {h.package!r}")
    versions = packument.doc.get("versions")
    versions = versions if isinstance(versions, dict) else {}
    tags = packument.doc.get("dist-tags")
    tags = {k: v for k, v in tags.items() if isinstance(v, str)} if isinstance(tags, dict) else {}

    def deprecated(v: str) -> bool:
        doc = versions.get(v)
        return isinstance(doc, dict) and bool(doc.get("deprecated"))

    version = pick(wanted, list(versions), tags, deprecated)
    if version is None:
        raise MCPVetError(f"no published version of {h.package} satisfies {wanted!r}")
    fetched = npm.fetch(session, f"npm:{h.package}@{version}", h.package, version, work / "fetch", packument)
    if fetched.archive is None:
        raise MCPVetError("the registry gave no archive")
    errors.extend(fetched.errors)
    result = unpack(fetched.archive, work / "unpacked", options.unpack, layout="npm")
    if result.refused or any(e.stage == "unpack" for e in result.errors):
        raise MCPVetError(f"{fetched.archive.name} was not unpacked whole (the unpack limits or unsafe members); "
                          "it was not analysed")
    return result.root, version


def _package_of(spec: str) -> str:
    parts = spec.split("/")
    return "/".join(parts[:2]) if spec.startswith("@") else parts[0]


def _imported_first(pending: list[Handoff], wanted: Mapping[str, set[str]], by: Mapping[str, set[str]],
                    done: set[str]) -> list[Handoff]:
    """What is left to load: what a `bin` module reaches first, then the packages the loaded code
    imports (those most of it imports before the others: the code read cannot be followed without
    them), then the entry's other handoffs."""
    rest = {h.package: h for h in pending}
    imported = sorted((p for p in wanted if p not in done), key=lambda p: (-len(by[p]), p))
    out = [Handoff(p, tuple(sorted(wanted[p] | set(rest[p].specifiers if p in rest else ()))),
                   rest[p].importers if p in rest else tuple(sorted(f"node_modules/{d}" for d in by[p])),
                   rest[p].from_bin if p in rest else False)
           for p in imported]
    return ([h for h in out if h.from_bin] + [h for h in pending if h.from_bin and h.package not in wanted]
            + [h for h in out if not h.from_bin] + [h for h in pending if not h.from_bin and h.package not in wanted])


def load(handoffs: Sequence[Handoff], tree: SourceTree, options: InspectOptions, scratch: Path) -> DependencyCode:
    """Fetch, unpack and select the files of the dependencies in `handoffs` (see the module docstring),
    then of the dependencies their selected files import that the package declares too (npm installs
    those beside them), before the entry's further handoffs; at most MAX_DEPENDENCIES in all."""
    manifest = tree.manifest.get("package_json")
    manifest = manifest if isinstance(manifest, dict) else {}
    errors: list[AnalysisError] = []
    loaded: list[Loaded] = []
    files: list[SourceFile] = []
    entries: dict[str, str] = {}
    base = scratch / "dependencies"
    base.mkdir(parents=True, exist_ok=True)
    declared = {str(k) for key in _DEP_KEYS if isinstance(manifest.get(key), dict) for k in manifest[key]}
    pending = list(handoffs)
    first = {h.package for h in handoffs}
    wanted: dict[str, set[str]] = {}  # a package the loaded code imports -> the specifiers it imports it by
    by: dict[str, set[str]] = {}  # … -> the loaded dependencies importing it
    done: set[str] = set()
    session: Any = None
    i = -1
    try:
        while pending and len(done) < MAX_DEPENDENCIES:
            h = pending.pop(0)
            if h.package in done:
                continue
            i += 1
            done.add(h.package)
            wanted.pop(h.package, None)
            wanted_range = declared_range(manifest, h.package)
            root = _bundled(tree, h.package)
            source, version = "bundled", ""
            if root is None:
                if wanted_range is None:
                    errors.append(_lost(h, "package.json declares no version range for it"))
                    continue
                if not is_registry_range(wanted_range):
                    errors.append(_lost(h, f"its declared range {wanted_range!r} is not a registry version"))
                    continue
                if session is None:
                    from mcpvet.fetch.common import Session

                    session = Session(options)
                try:
                    root, version = _fetch(h, wanted_range, options, base / f"{i}-{_safe(h.package)}", session,
                                           errors)
                except MCPVetError as exc:
                    errors.append(_lost(h, f"it could not be fetched ({exc.message})"))
                    continue
                except OSError as exc:
                    errors.append(_lost(h, f"it could not be fetched ({exc.strerror or exc})"))
                    continue
                source = "registry"
            else:
                version = _manifest_version(root) or "unknown"
            picked = select(root, h.package, h.specifiers, MAX_FILES, MAX_BYTES)
            if picked.unresolved:
                errors.append(AnalysisError(STAGE, f"in the dependency {h.package}@{version}, no file answers "
                                                   f"{', '.join(picked.unresolved[:5])}: what the package imports "
                                                   "from it there was not analysed"))
            if picked.cut:
                shown = ", ".join(picked.left_out[:5]) + (f" and {len(picked.left_out) - 5} more"
                                                          if len(picked.left_out) > 5 else "")
                errors.append(AnalysisError(STAGE, f"the files of the dependency {h.package}@{version} the package "
                                                   f"loads were cut: {picked.cut} (a budget of {MAX_FILES} files and "
                                                   f"{MAX_BYTES} bytes per dependency); left out: {shown}; tools "
                                                   "declared there are missing"))
            paths = []
            for rel in picked.files:
                path = f"node_modules/{h.package}/{rel}"
                size = (root / rel).stat().st_size
                files.append(SourceFile(path, root / rel, language_of(PurePosixPath(rel)), FileRole.SOURCE, size))
                paths.append(path)
            for spec, rel in picked.entries.items():
                entries.setdefault(spec, f"node_modules/{h.package}/{rel}")
            if paths:
                loaded.append(Loaded(h.package, version, source, tuple(paths), h.importers))
            # a sibling of the same scope the package declares too (a monorepo split into packages:
            # `@org/tools-x` extending `@org/core`'s base class), not every library the dependency uses
            scope = h.package.split("/")[0] + "/" if h.package.startswith("@") else ""
            for spec in picked.imports if scope else ():
                pkg = _package_of(spec)
                if (pkg.startswith(scope) and pkg in declared and pkg not in done and pkg != h.package
                        and not pkg.startswith(_SDK_PREFIX)):
                    wanted.setdefault(pkg, set()).add(spec)
                    by.setdefault(pkg, set()).add(h.package)
            pending = _imported_first(pending, wanted, by, done)
    finally:
        if session is not None:
            session.close()
            from mcpvet.fetch.cache import cache_error

            errors.extend(cache_error(session.cache.problem))
    for h in pending:
        if h.package in done:
            continue
        if h.package in first:
            errors.append(_lost(h, f"only {MAX_DEPENDENCIES} dependencies are fetched (a budget)"))
        else:
            errors.append(AnalysisError(STAGE, f"the dependency {h.package}, which the dependencies read "
                                               f"({', '.join(sorted(by.get(h.package, ()))[:3])}) import, was not "
                                               f"analysed: only {MAX_DEPENDENCIES} dependencies are fetched (a "
                                               "budget), so what they take from it is not known"))
    if not files:
        return DependencyCode(None, tuple(loaded), tuple(errors))
    langs = tuple(sorted({f.language for f in files} - {Language.OTHER}, key=lambda x: x.value))
    dep_tree = SourceTree(root=base, files=tuple(files), name=tree.name, version=tree.version, languages=langs,
                          manifest={DEPENDENCY_MODULES: entries})
    return DependencyCode(dep_tree, tuple(loaded), tuple(errors))


def _manifest_version(root: Path) -> str | None:
    from mcpvet.depcode.select import manifest_of

    v = manifest_of(root).get("version")
    return v if isinstance(v, str) else None
