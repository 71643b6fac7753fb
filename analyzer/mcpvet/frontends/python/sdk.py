"""What the evaluator knows about the MCP SDKs: server classes, their registration methods and the
tool-describing types (`mcp.types.Tool`, `Tool.from_function`, `ListToolsResult`).

Flavours: "mcp" (the official SDK's `FastMCP`, mcp 2.x `MCPServer`), "fastmcp" (the standalone
`fastmcp` package) and "lowlevel" (`mcp.server.Server`). Pure knowledge: nothing here evaluates
source on its own; `sdk_call` is given the evaluator for the arguments it needs.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from mcpvet.frontends.python.values import UNKNOWN, Const, ExtInst, ServerMethod, ToolDecorator, ToolSpec, Value, one

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.scopes import Scope

SERVER_METHODS = frozenset({"tool", "add_tool", "list_tools", "call_tool", "_list_tools_mcp"})
DECORATOR_METHODS = frozenset({"tool", "list_tools", "call_tool"})  # `server.m(...)` returns a decorator


def server_flavor(qualname: str) -> str | None:
    """Which MCP server API a class name is, or None."""
    if qualname.startswith("fastmcp.") and qualname.endswith("FastMCP"):
        return "fastmcp"
    if qualname.startswith("mcp.") and (qualname.endswith(".FastMCP") or qualname.endswith(".MCPServer")):
        return "mcp"
    if qualname.startswith("mcp.server") and qualname.endswith(".Server"):
        return "lowlevel"
    return None


def is_tool_spec_class(qualname: str) -> bool:
    parts = qualname.split(".")
    return parts[0] == "mcp" and parts[-1] == "Tool" and ("types" in parts or len(parts) == 2)


def is_from_function(qualname: str) -> bool:
    return qualname.startswith(("mcp.", "fastmcp.")) and qualname.endswith("Tool.from_function")


def server_method(base: str, name: str) -> frozenset[Value] | None:
    """`server.name` on an instance of the external class `base`, when it is a registration method."""
    flavor = server_flavor(base)
    if flavor and name in SERVER_METHODS:
        return one(ServerMethod(flavor, name))
    return None


# what a FastMCP subclass overrides to change what `tools/list` answers (mcp: the handler is
# `self.list_tools`; fastmcp 2/3: `self._list_tools_mcp`), both returning `mcp.types.Tool`s
LIST_OVERRIDES = {"mcp": "list_tools", "fastmcp": "_list_tools_mcp"}


def call_server_method(
    callee: ServerMethod, node: ast.Call, scope: Scope, listed: frozenset[Value] | None = None
) -> frozenset[Value]:
    """`server.tool(...)`, `server.list_tools()`, `server.call_tool()` make decorators; `add_tool` returns
    None; a FastMCP's own `list_tools()` returns the registered tools (`listed`, when known)."""
    if callee.flavor != "lowlevel" and callee.method in LIST_OVERRIDES.values():
        return listed if listed is not None else one(UNKNOWN)
    if callee.method in DECORATOR_METHODS:
        return one(ToolDecorator(f"{callee.flavor}:{callee.method}", node, scope.key))
    return one(Const(None))


def is_tool_marker(qualname: str) -> bool:
    """fastmcp 3's standalone `@tool(...)`: marks a function (its `__fastmcp__` metadata) for a later
    `server.add_tool(fn)`, registers nothing itself."""
    return qualname in ("fastmcp.tools.tool", "fastmcp.tools.tool.tool", "fastmcp.tools.function_tool.tool",
                        "fastmcp.tool")


# Google ADK (google-adk): `FunctionTool(fn)` makes a tool of a function (named after it, described
# by its docstring, its parameters the schema) and `adk_to_mcp_tool_type(tool)` the `mcp.types.Tool`
# a low-level server lists for it (ADK's documented way of serving ADK tools over MCP)
ADK_FUNCTION_TOOLS = frozenset({"google.adk.tools.function_tool.FunctionTool", "google.adk.tools.FunctionTool"})
ADK_TO_MCP = frozenset({"google.adk.tools.mcp_tool.conversion_utils.adk_to_mcp_tool_type",
                        "google.adk.tools.mcp_tool.adk_to_mcp_tool_type"})


def sdk_call(ev: Evaluator, q: str, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
    """A call of an SDK class or constructor (None: `q` is not one the SDK knowledge covers)."""
    if server_flavor(q):
        return one(ExtInst(q))
    if is_tool_marker(q):
        if node.args and not node.keywords and not (isinstance(node.args[0], ast.Constant)):
            return ev.ev(node.args[0], scope)  # `tool(fn)`: the function, marked
        return one(ToolDecorator("fastmcp:mark", node, scope.key))
    if q.startswith("mcp.") and q.endswith("ListToolsResult"):
        for kw in node.keywords:
            if kw.arg == "tools":
                return ev.ev(kw.value, scope)
        return ev.ev(node.args[0], scope) if node.args else one(UNKNOWN)
    if is_tool_spec_class(q):
        return one(ToolSpec(node, scope.key))
    if is_from_function(q):
        return one(ToolSpec(node, scope.key, from_function=True))
    if q in ADK_FUNCTION_TOOLS:
        fn = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "func"), None)
        return one(ToolSpec(node, scope.key, library="adk")) if fn is not None else one(UNKNOWN)
    if q in ADK_TO_MCP:
        if not node.args:
            return one(UNKNOWN)
        given = ev.ev(node.args[0], scope)
        tools = frozenset(v for v in given if isinstance(v, ToolSpec) and v.library == "adk")
        return tools if tools and len(tools) == len(given) else tools | one(UNKNOWN)
    return None
