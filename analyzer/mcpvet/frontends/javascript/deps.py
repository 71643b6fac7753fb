"""Which third-party dependencies a package hands its MCP server to, for the "no tools" report.

When no tool declaration is found, the tools may live in a dependency (a thin wrapper is
`module.exports = require("dep/lib/…").tools…`). This names the dependencies the package's entry
modules import, and MCP-related ones imported anywhere, so the report says where the tools probably
are instead of silently showing none; `handoffs` gives the first kind as values, for
`mcpvet.depcode` to fetch and read them.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mcpvet.frontends.javascript.facts import IR, ModuleFacts
from mcpvet.frontends.javascript.ir import Id, Imp, Node, Req, children
from mcpvet.model import Handoff

_SDK_PREFIX = "@modelcontextprotocol/"
_MAX_NAMED = 6


def package_of(spec: str) -> str | None:
    """`@scope/name/deep/path` -> `@scope/name`; `name/x` -> `name`; relative or built-in -> None."""
    if spec.startswith((".", "/", "node:")) or not spec:
        return None
    parts = spec.split("/")
    if spec.startswith("@"):
        return "/".join(parts[:2]) if len(parts) >= 2 else None
    return parts[0]


def _imports(ir: object, out: set[str], depth: int = 0, mod: ModuleFacts | None = None) -> None:
    """Module specifiers an IR reads; with `mod`, names are followed to their bindings in it."""
    if depth > 40:
        return
    match ir:
        case Imp(spec) | Req(spec):
            out.add(spec)
        case Id(name, scope_fid) if mod is not None:
            scope: str | None = scope_fid
            while scope is not None and scope in mod.functions:
                f = mod.functions[scope]
                if name in f.bindings:
                    _imports(f.bindings[name], out, depth + 1, mod)
                    return
                scope = f.parent
        case tuple():
            for x in ir:
                _imports(x, out, depth + 1, mod)
        case Node():
            for x in children(ir):
                _imports(x, out, depth + 1, mod)


def module_imports(mod: ModuleFacts) -> set[str]:
    """Non-relative module specifiers a module imports, requires or re-exports."""
    specs: set[str] = set(mod.star_exports)
    roots: list[IR] = list(mod.esm_exports.values()) + list(mod.cjs_named.values())
    if mod.cjs_exports is not None:
        roots.append(mod.cjs_exports)
    for f in mod.functions.values():
        roots.extend(f.bindings.values())
        for call in f.calls:
            roots.append(call.callee)
            roots.extend(call.args)
    for r in roots:
        _imports(r, specs)
    return {s for s in specs if package_of(s) is not None}


def exported_specifiers(mod: ModuleFacts) -> set[str]:
    """Non-relative module specifiers whose values a module exports (`module.exports = require("dep/x").y`)."""
    specs: set[str] = set(mod.star_exports)
    for ir in list(mod.esm_exports.values()) + list(mod.cjs_named.values()) + [mod.cjs_exports]:
        if ir is not None:
            _imports(ir, specs, 0, mod)
    return {s for s in specs if package_of(s) is not None}


def exported_packages(mod: ModuleFacts) -> set[str]:
    """Dependencies whose values a module exports (`module.exports = require("dep").x`)."""
    return {p for p in (package_of(s) for s in exported_specifiers(mod)) if p is not None}


def _entry_paths(manifest: dict[str, Any]) -> set[str]:
    out: set[str] = set()

    def add(v: object) -> None:
        if isinstance(v, str):
            out.add(posixpath.normpath(v.removeprefix("./")))
        elif isinstance(v, dict):
            for x in v.values():
                add(x)
        elif isinstance(v, list):
            for x in v:
                add(x)

    add(manifest.get("main"))
    add(manifest.get("bin"))
    add(manifest.get("exports"))
    if not out:
        out.add("index.js")
    return out


def read_manifest(root: Path | None) -> dict[str, Any]:
    """package.json of the tree, never read through a link nor from a FIFO (see discover/files.py)."""
    if root is None:
        return {}
    from mcpvet.discover.files import Unreadable, read_inside

    try:
        doc = json.loads(read_inside(root, "package.json", 16 << 20).decode("utf-8-sig"))
    except (Unreadable, ValueError, RecursionError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _declared(manifest: dict[str, Any]) -> set[str]:
    declared: set[str] = set()
    for key in ("dependencies", "peerDependencies", "optionalDependencies"):
        deps = manifest.get(key)
        if isinstance(deps, dict):
            declared |= {str(k) for k in deps}
    return declared


def _own_module(paths: set[str], from_path: str, spec: str) -> str | None:
    base = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), spec))
    stem = posixpath.splitext(base)[0]
    for c in (base, base + ".js", base + ".mjs", base + ".cjs", base + ".ts", stem + ".ts", base + "/index.js",
              base + "/index.ts"):
        if c in paths:
            return c
    return None


def _bin_paths(manifest: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    b = manifest.get("bin")
    for v in (b.values() if isinstance(b, dict) else [b]):
        if isinstance(v, str):
            out.add(posixpath.normpath(v.removeprefix("./")))
    return out


def handoffs(modules: Sequence[ModuleFacts], manifest: dict[str, Any]) -> tuple[Handoff, ...]:
    """The declared third-party dependencies whose values the entry modules export, with the
    specifiers exported from (the SDK itself is not a handoff: it declares no tools); also those
    the package's own modules that an entry imports export (`export { AllTools } from
    "./allTools.js"`, itself `[...MongoDBTools, ...AtlasTools]` from dependencies), and everything
    a `bin` module (the program npm starts) imports. Those the bin reaches come first (the server
    that runs), then the others, each in name order."""
    declared = _declared(manifest)
    entries = _entry_paths(manifest)
    bins = _bin_paths(manifest)
    by_path = {m.path: m for m in modules}
    specs: dict[str, set[str]] = {}
    importers: dict[str, set[str]] = {}
    from_bin: set[str] = set()
    for mod in modules:
        if mod.path not in entries:
            continue
        found = set(exported_specifiers(mod))
        if mod.path in bins:
            found |= module_imports(mod)
        # the package's own modules the entry imports, a few levels: what they export
        seen = {mod.path}
        frontier = [mod]
        for _level in range(3):
            following = []
            for m in frontier:
                for spec in _relative_imports(m):
                    own = _own_module(set(by_path), m.path, spec)
                    if own is not None and own not in seen:
                        seen.add(own)
                        following.append(by_path[own])
                        found |= exported_specifiers(by_path[own])
            frontier = following
        for spec in found:
            pkg = package_of(spec)
            if pkg is None or pkg.startswith(_SDK_PREFIX) or pkg not in declared:
                continue
            specs.setdefault(pkg, set()).add(spec)
            importers.setdefault(pkg, set()).add(mod.path)
            if mod.path in bins:
                from_bin.add(pkg)
    order = sorted(specs, key=lambda p: (p not in from_bin, p))
    return tuple(Handoff(p, tuple(sorted(specs[p])), tuple(sorted(importers[p])), p in from_bin) for p in order)


def _relative_imports(mod: ModuleFacts) -> set[str]:
    """Relative module specifiers a module imports, requires or re-exports."""
    specs: set[str] = {s for s in mod.star_exports if s.startswith(".")}
    roots: list[IR] = list(mod.esm_exports.values()) + list(mod.cjs_named.values())
    if mod.cjs_exports is not None:
        roots.append(mod.cjs_exports)
    for f in mod.functions.values():
        roots.extend(f.bindings.values())
    found: set[str] = set()
    for r in roots:
        _imports(r, found)
    return specs | {s for s in found if s.startswith(".")}


def handoff_note(modules: Sequence[ModuleFacts], manifest: dict[str, Any], own_unnamed: bool = False) -> str | None:
    """A sentence naming the dependencies the tools probably live in, or None. `own_unnamed`: the
    package's own code registers tools whose names are not known statically (then its use of the MCP
    client is no sign of a proxied server)."""
    declared = _declared(manifest)
    entries = _entry_paths(manifest)
    from_entry: dict[str, set[str]] = {}
    mcp_related: dict[str, set[str]] = {}
    for mod in modules:
        for spec in module_imports(mod):
            pkg = package_of(spec)
            if pkg is None or pkg.startswith(_SDK_PREFIX) or (declared and pkg not in declared):
                continue
            if mod.path in entries and pkg in exported_packages(mod):
                from_entry.setdefault(pkg, set()).add(mod.path)
            if "mcp" in pkg.lower():
                mcp_related.setdefault(pkg, set()).add(mod.path)
    clients = sorted({m.path for m in modules if any(s.startswith(_SDK_PREFIX + "sdk/client") for s in module_imports(m))})
    parts: list[str] = []
    if from_entry:
        parts.append("the entry module(s) export what they import from " + _listing(from_entry))
    if clients and not own_unnamed:
        parts.append("the package uses the MCP client (" + ", ".join(clients[:3]) + "), so it may proxy a remote "
                     "MCP server whose tools are not in the package")
    others = {k: v for k, v in mcp_related.items() if k not in from_entry}
    if others:
        parts.append("MCP-related dependencies are used: " + _listing(others))
    if not parts:
        return None
    return "; ".join(parts) + ("; tools a remote server declares, or a dependency mcpvet does not read (only those the "
                               "entry exports from are fetched and read: see the dependency entries), are not reported")


def _listing(found: Mapping[str, Iterable[str]]) -> str:
    names = sorted(found)
    shown = [f"{n} (imported by {', '.join(sorted(found[n])[:3])})" for n in names[:_MAX_NAMED]]
    more = f" and {len(names) - _MAX_NAMED} more" if len(names) > _MAX_NAMED else ""
    return ", ".join(shown) + more
