"""The Python evaluator, split by job (kept for imports of the old module name):

- `scopes`: the binder's scopes and scope chain (`Scope`, `Binder`); `astwalk`: `local_walk`;
- `evaluator`: expression evaluation (`Evaluator`);
- `library`: the table of library behaviour (what calls of known APIs return);
- `sdk`: MCP SDK knowledge (server classes and flavours, tool-describing types);
- `paths`: package paths and module resolution.
"""

from __future__ import annotations

from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.evaluator import BUILTIN_NAMES, Evaluator
from mcpvet.frontends.python.library import IDENTITY
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.sdk import SERVER_METHODS, is_from_function, is_tool_spec_class, server_flavor
from mcpvet.frontends.python.values import single_const

__all__ = [
    "BUILTIN_NAMES",
    "IDENTITY",
    "SERVER_METHODS",
    "Evaluator",
    "Scope",
    "is_from_function",
    "is_tool_spec_class",
    "local_walk",
    "server_flavor",
    "single_const",
]
