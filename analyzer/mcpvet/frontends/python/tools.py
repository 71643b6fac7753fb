"""Tool declarations of the Python MCP SDKs, found by evaluating the package's source.

- FastMCP (`mcp.server.fastmcp.FastMCP`, mcp 2.x `MCPServer`, standalone `fastmcp`):
  `@server.tool`, `@server.tool()`, `@server.tool("name")`, `@server.tool(name=, description=, ...)`,
  `server.add_tool(fn, ...)`, `server.tool(fn)`, `server.tool(...)(fn)`,
  `server.add_tool(Tool.from_function(fn, ...))`, in loops over constant tables, through aliases,
  and on servers built inside functions or classes; through project decorator factories (also
  methods of a registry object, `@tools.reader("Title")`), plain registration helpers
  (`add_tool_helper(mcp, fn)`), handler classes given the server (`Handler(mcp)` /
  `handler.register(mcp)`), and `functools.wraps` wrappers (registered as the wrapped function).
- Low-level `mcp.server.Server`: the tools the `@server.list_tools()` handler returns, each handled by
  the `@server.call_tool()` dispatcher specialised for its name.

One extractor per registration style, in `registrations/`: `decorators`, `calls`, `factories`
(decorator factories and registration helpers), `servers` (server passed to classes and
functions), `lowlevel`, `mounts` (fastmcp composition), `listoverride` (a FastMCP subclass changing
what tools/list answers), over `base.RegistrationBase`.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python import datafiles
from mcpvet.frontends.python.paths import vendored_sdk
from mcpvet.frontends.python.registrations.base import STAGE, Extraction, RegistrationBase, ToolDecl
from mcpvet.frontends.python.registrations.calls import CallStyle
from mcpvet.frontends.python.registrations.decorators import DecoratorStyle
from mcpvet.frontends.python.registrations.factories import FactoryStyle
from mcpvet.frontends.python.registrations.listoverride import ListOverrideStyle
from mcpvet.frontends.python.registrations.lowlevel import LowLevelStyle
from mcpvet.frontends.python.registrations.mounts import MountStyle
from mcpvet.frontends.python.registrations.servers import ServerParamStyle
from mcpvet.frontends.python.scopes import Scope
from mcpvet.model import AnalysisError
from mcpvet.pyast import short

__all__ = ["STAGE", "Extraction", "RegistrationBase", "ToolDecl", "ToolExtractor"]

# errors[] messages saying tools are registered or listed by code whose tools could not be computed
UNLISTED = ("with a function that could not be resolved", "could not be computed statically",
            "the tools it lists are not computed")


class ToolExtractor(DecoratorStyle, CallStyle, FactoryStyle, ServerParamStyle, LowLevelStyle, MountStyle, ListOverrideStyle):
    """Every registration style of the package, run in phase order."""

    # ------------------------------------------------------------------ entry
    def extract(self) -> Extraction:
        self._constructor_servers()
        unsearched: set[str] = set()
        for q in sorted(self.p.funcs):
            f = self.p.funcs[q]
            if f.decorators and vendored_sdk(f.module) is None:  # a vendored SDK's own examples are not tools
                if self.ev.out_of_time():
                    unsearched.add(f.path)
                    continue
                self._decorators(f, self.ev.def_scope(f))
                if self.ev.expired:
                    unsearched.add(f.path)
        for body, scope in self._all_bodies():
            if self.ev.out_of_time():
                unsearched.add(self._path_of(scope))
                continue
            self._scan(body, scope)
            if self.ev.expired:
                unsearched.add(self._path_of(scope))
        self.out.unsearched = sorted(unsearched)
        self._apply_wrappers()
        self._apply_server_params()
        self._apply_parametric()
        self.out.dispatchers = sorted(set(self._call_fns))
        for q, dec in self._list_fns:
            self._lowlevel(q, dec, self.out.dispatchers)
        self._apply_mount_prefixes()
        for i, key in self._tool_server.items():
            self.out.tools[i].server = key
        self._apply_list_overrides()
        self._private_tables()
        said = [e.message for e in self.out.errors if e.stage == STAGE]
        if any(m in e for e in said for m in UNLISTED) and not any(datafiles.LOADED in e for e in said) \
                and not self.ev.expired:  # (a name unknown from a data file load already says which)
            found = datafiles.loaded_note(self.ev)  # which data files the code that builds them loads
            if found is not None:
                self.out.errors.append(AnalysisError(STAGE, found[1], found[0]))
        return self.out

    def _private_tables(self) -> None:
        """Tools written straight into a FastMCP's private table (`mcp._tool_manager._tools[name] = tool`,
        serena), and a tools/list handler registered by method name (`server.add_request_handler("tools/list",
        Params, handler)`, mfa-servicenow-mcp on mcp 2.x): the SDK lists those tools, no registration the
        analysis reads names them; said in errors[], never silent."""
        bodies = [(m.tree.body, m.path) for m in self.p.modules.values() if vendored_sdk(m.name) is None]
        bodies += [(f.node.body, f.path) for f in self.p.funcs.values()
                   if not isinstance(f.node, ast.Lambda) and vendored_sdk(f.module) is None]
        for body, path in bodies:
            nodes = self.p.local_nodes(body)
            aliases = {t.id for n in nodes if isinstance(n, ast.Assign) and isinstance(n.value, ast.Attribute)
                       and n.value.attr == "add_request_handler" for t in n.targets if isinstance(t, ast.Name)}
            for n in nodes:
                if isinstance(n, ast.Call) and _named(n.func, aliases) \
                        and n.args and isinstance(n.args[0], ast.Constant) and n.args[0].value == "tools/list":
                    handler = short(n.args[-1], 60) if len(n.args) > 1 else "?"
                    self.out.errors.append(AnalysisError(
                        STAGE, f"tools/list is answered by a handler registered at line {n.lineno} "
                        f"(add_request_handler(\"tools/list\", …, {handler})): the tools it lists are not computed", path))
                if not isinstance(n, ast.Assign):
                    continue
                for t in n.targets:
                    table = t.value if isinstance(t, ast.Subscript) else None
                    if isinstance(table, ast.Attribute) and table.attr == "_tools" and \
                            isinstance(table.value, ast.Attribute) and table.value.attr == "_tool_manager":
                        self.out.errors.append(AnalysisError(
                            STAGE, f"tools written straight into the server's private tool table at line {n.lineno} "
                            f"(`{short(t, 60)} = …`) are not listed: the SDK lists them, the analysis does not "
                            "follow that table", path))

    def _on_call(self, call: ast.Call, scope: Scope) -> None:
        if self._maybe_registration(call):
            self._registration_call(call, scope)
        elif isinstance(call.func, ast.Attribute) and call.func.attr in ("mount", "import_server"):
            self._mount_call(call, scope)


def _named(func: ast.expr, aliases: set[str]) -> bool:
    """`x.add_request_handler`, or a local name bound to it (`add = server.add_request_handler`)."""
    return (isinstance(func, ast.Attribute) and func.attr == "add_request_handler") or (
        isinstance(func, ast.Name) and func.id in aliases)
