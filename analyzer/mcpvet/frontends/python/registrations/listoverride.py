"""A FastMCP subclass that overrides what `tools/list` answers (`async def list_tools(self)` for the
mcp SDK's FastMCP, `_list_tools_mcp` for fastmcp): a client sees what the override returns, not the
registered docstrings. The override is evaluated with `super().list_tools()` bound to the tools
registered on an instance of that class (as records of name, description, schema), and what it
returns (`Tool(name=t.name, description=TABLE.get(t.name, t.description), ...)`, the records
themselves, a filtered list) replaces the tools' descriptions; tools it leaves out are not listed.
An override that cannot be followed (its result is not known statically, or it changes the tools
in place) leaves an errors[] entry and a note on each tool: the registered text is shown.
"""

from __future__ import annotations

import ast
from typing import Any

from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.registrations.base import STAGE, RegistrationBase, ToolDecl, _kw
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.sdk import LIST_OVERRIDES, server_flavor
from mcpvet.frontends.python.values import UNKNOWN, Const, Instance, Record, Seq, ToolSpec, Unknown, Value, one
from mcpvet.model import AnalysisError


class ListOverrideStyle(RegistrationBase):
    """Overrides of a FastMCP's `list_tools`: what the client sees."""

    def _apply_list_overrides(self) -> None:
        for cq in sorted(self.p.classes):
            flavors = {server_flavor(b) for b in self.ev.mro(cq)[1]} - {None, "lowlevel"}
            for flavor in sorted(f for f in flavors if f):
                q = self.ev.method(cq, LIST_OVERRIDES[flavor])
                if q is not None:
                    self._apply_override(cq, q)

    def _apply_override(self, klass: str, q: str) -> None:
        f = self.p.funcs[q]
        tools = [(i, d) for i, d in enumerate(self.out.tools) if self._on_class(d, klass)]
        if not tools:
            return
        where = f"{f.name}() of {klass.rsplit('.', 1)[-1]} (line {f.line})"
        if _mutates(f.node):
            self._not_followed(tools, where, "it changes the listed tools in place", f.path)
            return
        self.ev.listed_tools = one(Seq(tuple(one(_record(d)) for _, d in tools)))
        try:
            scope = self.ev.derive(self.ev.func_scope(q), {f.params[0]: one(Instance(klass))}) if f.params else None
            result = self.ev._compute_returns(q, scope)
        finally:
            self.ev.listed_tools = None
        listed = self._listed(result)
        if listed is None:
            self._not_followed(tools, where, "what it returns is not known statically", f.path)
            return
        drop: set[int] = set()
        for i, d in tools:
            if d.name not in listed:
                drop.add(i)
                continue
            description, schema = listed[d.name]
            if description is not _SAME:
                d.description = description if isinstance(description, str) else None
                d.description_source = "static" if isinstance(description, str) else "dynamic"
                d.description_note = f"set by {where}" if isinstance(description, str) else \
                    f"set by {where}, not computable statically"
            if isinstance(schema, dict):
                d.input_schema = schema
        if drop:
            self.out.tools = [d for i, d in enumerate(self.out.tools) if i not in drop]
            self._tool_server = {}  # indices moved; server keys are no longer needed past this phase

    def _on_class(self, d: ToolDecl, klass: str) -> bool:
        """Whether the server a tool was registered on is an instance of `klass` (or a subclass)."""
        if not d.server or ":" not in d.server:
            return False
        owner, _, name = d.server.rpartition(":")
        scope: Scope | None = self.ev.func_scope(owner) if owner in self.p.funcs else \
            self.ev.module_scope(owner) if owner in self.p.modules else None
        if scope is None:
            return False
        return any(isinstance(v, Instance) and klass in self.ev.mro(v.klass)[0] for v in self.ev.lookup(name, scope))

    def _listed(self, result: frozenset[Value]) -> dict[str, tuple[object, object]] | None:
        """name -> (description, schema) of every tool the override returns (None: not known)."""
        out: dict[str, tuple[object, object]] = {}
        items: list[Value] = []
        for v in result:
            if not isinstance(v, Seq):
                return None
            for element in v.items:
                items.extend(element)
        for item in items:
            if isinstance(item, Record):
                fields = dict(item.fields)
                name = _const(fields.get("name", one(UNKNOWN)))
                if not isinstance(name, str):
                    return None
                out[name] = (_SAME, None)
            elif isinstance(item, ToolSpec) and not item.from_function:
                scope = self.ev.scopes[item.scope_id]
                name = self._const_str(_kw(item.call, "name"), scope)
                if name is None:
                    return None
                desc_node = _kw(item.call, "description")
                description: object = None
                if desc_node is not None:
                    description = _const(self.ev.ev(desc_node, scope))
                schema_node = _kw(item.call, "inputSchema") or _kw(item.call, "input_schema")
                schema = self._schema_value(schema_node, scope) if schema_node is not None else None
                out[name] = (description, schema)
            else:
                return None
        return out

    def _not_followed(self, tools: list[tuple[int, ToolDecl]], where: str, why: str, path: str) -> None:
        self.out.errors.append(AnalysisError(
            STAGE, f"{where} changes what tools/list answers, and {why}: the registered descriptions are shown", path))
        for _, d in tools:
            d.description_note = f"{where} may change this description (not followed statically)"


_SAME = object()  # the override passes the registered tool on unchanged


def _const(values: frozenset[Value]) -> object:
    if len(values) == 1:
        v = next(iter(values))
        if isinstance(v, Const) and isinstance(v.value, str):
            return v.value
    return None


def _record(d: ToolDecl) -> Record:
    schema: frozenset[Value] = one(Unknown("input schema"))
    fields: list[tuple[str, frozenset[Value]]] = [
        ("name", one(Const(d.name))),
        ("description", one(Const(d.description)) if d.description is not None else one(UNKNOWN)),
        ("inputSchema", schema),
        ("input_schema", schema),
    ]
    return Record(tuple(fields))


def _mutates(node: Any) -> bool:
    """`tool.description = ...` (or name, schema) inside the override: the records change in place."""
    for n in local_walk(node.body if not isinstance(node, ast.Lambda) else []):
        if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and t.attr in ("name", "description", "inputSchema", "input_schema"):
                    return True
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("model_copy", "copy"):
            return True
    return False

