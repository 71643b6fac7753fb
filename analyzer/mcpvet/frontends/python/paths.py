"""Package paths: which package module an import names, and files of the package reached through
`Path(__file__)`, `os.path.join(HERE, "x")`, `importlib.resources.files("pkg")` and `open(p)` (their
text is read when a tool's description comes from a file shipped with the package).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mcpvet.frontends.python import pkgfiles
from mcpvet.frontends.python.index import Program
from mcpvet.frontends.python.values import (
    Const,
    ExtInst,
    Module,
    PkgHandle,
    PkgMethod,
    PkgPath,
    Unknown,
    Value,
    const_of,
    one,
)

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.scopes import Scope

PKG_PATH_METHODS = frozenset({"read_text", "open", "joinpath", "with_name", "with_suffix", "resolve", "absolute", "expanduser"})
PATH_CTORS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath"})
OS_PATH_JOIN = frozenset({"os.path.join", "posixpath.join"})
OS_PATH_SAME = frozenset({"os.path.abspath", "os.path.realpath", "os.path.normpath", "builtins.str", "os.fspath"})
_PATH_CALLS = PATH_CTORS | OS_PATH_JOIN | OS_PATH_SAME | {"os.path.dirname", "builtins.open", "io.open"}


VENDOR_DIRS = frozenset({"_vendor", "vendor", "_vendored", "vendored", "_vendors", "third_party", "_third_party", "extern",
                         "_extern"})
VENDORED_SDKS = frozenset({"mcp", "fastmcp"})


def vendored_sdk(module: str) -> str | None:
    """The SDK module a vendored copy stands for (`pkg._vendor.fastmcp.tools` -> `fastmcp.tools`), or
    None. A package that ships its own copy of `mcp`/`fastmcp` registers tools through it exactly as
    through the installed SDK, so the copy is read as the SDK (its code stays in the call graph)."""
    parts = module.split(".")
    for i in range(1, len(parts) - 1):
        if parts[i] in VENDOR_DIRS and parts[i + 1] in VENDORED_SDKS:
            return ".".join(parts[i + 1 :])
    return None


class PackagePaths:
    """Module resolution and package files for one program."""

    def __init__(self, program: Program, read_file: Callable[[str], str | None] | None = None) -> None:
        self.p = program
        self.read_file = read_file  # text of a package file by relative path (None: unreadable)
        self._alias_memo: dict[str, str | None] = {}

    # ------------------------------------------------------------------ modules
    def local_module(self, name: str) -> str | None:
        """The package module an import names, allowing for a layout we guessed differently
        (`src.client` for our `client`, or `client` for our `pkg.client` when unique)."""
        if name in self.p.modules or any(m.startswith(name + ".") for m in self.p.modules):
            return name
        cached = self._alias_memo.get(name)
        if cached is not None or name in self._alias_memo:
            return cached
        found: str | None = None
        # never for the SDKs or the standard library: `from mcp.server import …` in a package that
        # has a `server` package of its own names the SDK's module, not ours
        head = name.split(".")[0]
        foreign = head in VENDORED_SDKS or head in sys.stdlib_module_names
        longer = [] if foreign else [m for m in self.p.modules if name.endswith("." + m)]
        if longer:
            found = max(longer, key=len)
        elif not foreign:  # `import inspect` is the stdlib's
            shorter = [m for m in self.p.modules if m.endswith("." + name)]
            if len(shorter) == 1:
                found = shorter[0]
        self._alias_memo[name] = found
        return found

    def module_value(self, name: str) -> Value:
        sdk_name = vendored_sdk(name)
        if sdk_name is not None:
            return Module(sdk_name, False)
        local = self.local_module(name)
        if local is not None:
            return Module(local, True)
        return Module(name, False)

    # ------------------------------------------------------------------ files of the package
    def path_attr(self, v: PkgPath, name: str) -> frozenset[Value] | None:
        if name == "parent":
            up = pkgfiles.parent(v.path)
            return one(PkgPath("pathlib.Path", path=up) if up is not None else ExtInst("pathlib.Path"))
        if name in ("name", "stem", "suffix"):
            return one(Const(getattr(PurePosixPath(v.path or "."), name)))
        if name in PKG_PATH_METHODS:
            return one(PkgMethod(f"pathlib.Path.{name}", path=v.path, method=name))
        return None

    def path_method(self, ev: Evaluator, m: PkgMethod, node: ast.Call, scope: Scope) -> frozenset[Value]:
        consts = [const_of(ev.ev(a, scope), strict=True) for a in node.args]
        if m.method in ("resolve", "absolute", "expanduser"):
            return one(PkgPath("pathlib.Path", path=m.path))
        if m.method in ("joinpath", "with_name", "with_suffix"):
            if not consts or not all(isinstance(c, str) for c in consts):
                return one(ExtInst("pathlib.Path"))
            if m.method == "joinpath":
                joined = pkgfiles.join(m.path, *consts)  # type: ignore[arg-type]
            else:
                try:
                    pure = PurePosixPath(m.path or ".")
                    changed = pure.with_name(consts[0]) if m.method == "with_name" else pure.with_suffix(consts[0])  # type: ignore[arg-type]
                except ValueError:
                    return one(ExtInst("pathlib.Path"))
                joined = pkgfiles.join("", str(changed))
            return one(PkgPath("pathlib.Path", path=joined) if joined is not None else ExtInst("pathlib.Path"))
        if m.method == "open":
            mode = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "mode"), None)
            mode_c = const_of(ev.ev(mode, scope), strict=True) if mode is not None else "r"
            if isinstance(mode_c, str) and set(mode_c) <= set("rt"):
                return one(PkgHandle("builtins.open", derived=True, path=m.path))
            return one(ExtInst(m.qualname, derived=True))
        if m.method == "read_text":
            text = self.read_file(m.path) if self.read_file is not None else None
            return one(Const(text)) if text is not None else one(Unknown(f"text of {m.path or '.'}"))
        return one(ExtInst(m.qualname, derived=True))

    def path_call(self, ev: Evaluator, q: str, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
        """`Path(__file__)`, `os.path.join(HERE, "x")`, `importlib.resources.files("pkg")`, `open(p)`
        over paths inside the package; None when the call is not one of these."""
        args = node.args
        if q in _PATH_CALLS:
            if not args or any(isinstance(a, ast.Starred) for a in args):
                return None
            first = ev.ev(args[0], scope)
            if len(first) != 1 or not isinstance(next(iter(first)), PkgPath):
                return None
            base = next(iter(first))
            assert isinstance(base, PkgPath)
            if q in ("builtins.open", "io.open"):
                mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
                mode_c = const_of(ev.ev(mode, scope), strict=True) if mode is not None else "r"
                if isinstance(mode_c, str) and set(mode_c) <= set("rt"):
                    return one(PkgHandle("builtins.open", derived=True, path=base.path))
                return None
            if q == "os.path.dirname":
                up = pkgfiles.parent(base.path)
                return one(PkgPath("pathlib.Path", path=up)) if up is not None else None
            if q in OS_PATH_SAME:
                return first
            rest = [const_of(ev.ev(a, scope), strict=True) for a in args[1:]]
            if not all(isinstance(r, str) for r in rest):
                return None
            joined = pkgfiles.join(base.path, *rest)  # type: ignore[arg-type]
            return one(PkgPath("pathlib.Path", path=joined)) if joined is not None else None
        if q in ("importlib.resources.files", "importlib_resources.files") and len(args) == 1:
            target = ev.ev(args[0], scope)
            name: object = const_of(target, strict=True)
            if len(target) == 1 and isinstance(only := next(iter(target)), Module):
                name = only.name
            local = self.local_module(name) if isinstance(name, str) else None
            if local is not None and local in self.p.modules:
                m = self.p.modules[local]
                folder = pkgfiles.parent(m.path) if m.is_package else None
                if folder is not None:
                    return one(PkgPath("pathlib.Path", path=folder))
        return None
