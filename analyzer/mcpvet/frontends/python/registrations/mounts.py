"""fastmcp composition: which server each tool was registered on, and `parent.mount(child,
namespace=…)` / `import_server(child, prefix=…)`, which prefix the child's tool names.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python.registrations.base import STAGE, RegistrationBase, _kw
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.sdk import server_flavor
from mcpvet.frontends.python.values import (
    Ext,
)
from mcpvet.model import AnalysisError


class MountStyle(RegistrationBase):
    """fastmcp composition: mount and import_server prefixes of tool names."""

    # ------------------------------------------------------------------ composition (fastmcp)
    def _note_server(self, dec: ast.expr, scope: Scope, first_new: int) -> None:
        """Remember on which server object the tools registered by `dec` were registered."""
        key = self._server_key(dec, scope)
        if key is not None:
            for i in range(first_new, len(self.out.tools)):
                self._tool_server[i] = key

    def _server_key(self, expr: ast.expr, scope: Scope) -> str | None:
        """A stable name for the server object an expression denotes: where its variable is bound
        (`module:name`, imports followed), so that `jira_mcp` in two modules is one server."""
        if isinstance(expr, ast.Call):
            expr = expr.func
        if isinstance(expr, ast.Attribute) and expr.attr in ("tool", "add_tool", "mount", "import_server"):
            expr = expr.value
        if isinstance(expr, ast.Name):
            if scope.func is not None and expr.id in scope.func.bindings:
                return f"{scope.func.qualname}:{expr.id}"
            return self._module_key(scope.module, expr.id, 0)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            m = self.p.modules.get(scope.module)
            for b in (m.bindings.get(expr.value.id, []) if m else []):
                if b.kind in ("import", "importfrom") and b.target in self.p.modules:
                    return self._module_key(b.target, expr.attr, 0)
        return None

    def _module_key(self, module: str, name: str, depth: int) -> str:
        m = self.p.modules.get(module)
        if m is not None and depth < 16:
            for b in m.bindings.get(name, []):
                if b.kind == "importfrom" and b.target:
                    source, _, imported = b.target.rpartition(".")
                    if source in self.p.modules:
                        return self._module_key(source, imported, depth + 1)
        return f"{module}:{name}"

    def _mount_call(self, call: ast.Call, scope: Scope) -> None:
        """`parent.mount(child, namespace="x")` (fastmcp 3), `mount(child, prefix="x")` and the older
        `mount("x", child)` (fastmcp 2), likewise `import_server`: the child's tools are listed by
        the parent as `x_<name>` (no prefix: unchanged)."""
        assert isinstance(call.func, ast.Attribute)
        method = call.func.attr
        if not any(isinstance(v, Ext) and v.qualname.endswith("." + method)
                   and server_flavor(v.qualname[: -len(method) - 1]) == "fastmcp"
                   for v in self.ev.ev(call.func, scope)):
            return
        parent = self._server_key(call.func.value, scope)
        args = list(call.args)
        prefix_node = _kw(call, "namespace") or _kw(call, "prefix")
        child_node = _kw(call, "server")
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str) and len(args) > 1:
            prefix_node, child_node = prefix_node or args[0], child_node or args[1]  # mount("x", child)
        elif args:
            child_node = child_node or args[0]
            if prefix_node is None and len(args) > 1:
                prefix_node = args[1]
        if parent is None or child_node is None:
            return
        child = self._server_key(child_node, scope)
        if child is None:
            return
        prefix = self._const_str(prefix_node, scope) if prefix_node is not None else ""
        if prefix is None:
            self.out.errors.append(AnalysisError(
                STAGE, f"server mounted at line {call.lineno} with a prefix that is not known statically: "
                       "its tool names are shown without it", self._path_of(scope)))
            prefix = ""
        self._mounts.append((parent, child, prefix))

    def _apply_mount_prefixes(self) -> None:
        if not self._mounts:
            return
        parents: dict[str, list[tuple[str, str]]] = {}
        for parent, child, prefix in self._mounts:
            parents.setdefault(child, []).append((parent, prefix))

        def chain(key: str, seen: frozenset[str]) -> str:
            for parent, prefix in parents.get(key, [])[:1]:  # a server mounted twice: first mount wins
                if parent in seen:
                    return prefix
                outer = chain(parent, seen | {parent})
                return "_".join(p for p in (outer, prefix) if p)
            return ""

        for i, key in self._tool_server.items():
            prefix = chain(key, frozenset({key}))
            if prefix:
                tool = self.out.tools[i]
                tool.name = f"{prefix}_{tool.name}"
