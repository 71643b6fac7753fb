"""The low-level `mcp.server.Server`: the tools the `list_tools` handler returns (`Tool(...)`,
`Tool(**spec)` over tables), each handled by the `call_tool` dispatcher specialised for its name.
"""

from __future__ import annotations

import ast
from typing import Any

from mcpvet.frontends.python.graph import NodeKey
from mcpvet.frontends.python.index import FuncInfo, target_paths
from mcpvet.frontends.python.registrations.base import STAGE, UNKNOWN_PART, RegistrationBase, ToolDecl, _is_params_style, _kw
from mcpvet.frontends.python.schema import to_json
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import (
    Const,
    DictVal,
    Func,
    Seq,
    ToolSpec,
    Value,
    const_of,
)
from mcpvet.model import AnalysisError, Location

# the annotations that make a parameter of a Google ADK function tool the context ADK passes itself
ADK_CONTEXT_TYPES = frozenset({"Context", "ToolContext", "CallbackContext"})


def _context_parameter(f: FuncInfo) -> str | None:
    """The first parameter of F annotated with an ADK context type (`ctx: ToolContext`, also as a
    string or `Optional[...]`/`X | None`), else None."""
    if isinstance(f.node, ast.Lambda):
        return None
    a = f.node.args
    for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs):
        ann = arg.annotation
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            try:
                ann = ast.parse(ann.value, mode="eval").body
            except SyntaxError:
                continue
        names = {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(ann)
                 if isinstance(n, (ast.Name, ast.Attribute))} if ann is not None else set()
        if names & ADK_CONTEXT_TYPES:
            return arg.arg
    return None


class LowLevelStyle(RegistrationBase):
    """Tools of the low-level server: `list_tools` results with their `call_tool` dispatcher."""

    # ------------------------------------------------------------------ low-level server
    def _lowlevel(self, list_q: str, dec: ast.expr, dispatchers: list[str]) -> None:
        f = self.p.funcs[list_q]
        specs: list[ToolSpec] = []
        for v in sorted(self.ev.returns(list_q), key=repr):
            for item in self._flatten(v):
                if isinstance(item, ToolSpec) and item not in specs:
                    specs.append(item)
        if not specs:
            self.out.errors.append(
                AnalysisError(STAGE, f"the tools listed by {list_q} could not be computed statically", f.path)
            )
            return
        for spec in sorted((s for s in specs if s.library), key=lambda s: -len(s.attrs)):
            self._library_tool(spec)
        specs = [u for spec in specs if not spec.library for u in self._unrolled(spec)]
        expanded: list[tuple[ToolSpec, DictVal | None]] = []
        for spec in sorted(specs, key=lambda s: (s.call.lineno, s.call.col_offset)):
            splat = [kw.value for kw in spec.call.keywords if kw.arg is None]
            dicts = [d for d in self.ev.ev(splat[0], self.ev.scopes[spec.scope_id]) if isinstance(d, DictVal)] if splat else []
            if len(dicts) > 1:  # Tool(**spec) over a table: one tool per dict
                expanded.extend((spec, d) for d in sorted(dicts, key=repr))
            else:
                expanded.append((spec, dicts[0] if dicts else None))
        for spec, splat_dict in expanded:
            self._splat = splat_dict
            scope = self.ev.scopes[spec.scope_id]
            path = self._path_of(scope)
            name_node = _kw(spec.call, "name")
            name = self._const_str(name_node, scope) if name_node is not None else self._splat_str(spec.call, "name", scope)
            if name is None and name_node is not None:
                name = self._name_at_setting_defaults(name_node, scope, spec.call.lineno, path)
            if name is None:
                why = self._unknown_because(name_node, scope) if name_node is not None else ""
                self.out.errors.append(
                    AnalysisError(STAGE, f"tool name at line {spec.call.lineno} could not be computed statically{why}", path)
                )
                continue
            desc_node = _kw(spec.call, "description")
            description = (
                self._const_str(desc_node, scope) if desc_node is not None else self._splat_str(spec.call, "description", scope)
            )
            source, note = "static", None
            if desc_node is not None and description is None and not (
                isinstance(desc_node, ast.Constant) and desc_node.value is None
            ):
                source, note = "dynamic", self._dynamic_note(desc_node, scope)
            schema_node = _kw(spec.call, "inputSchema") or _kw(spec.call, "input_schema")
            schema = self._schema_value(schema_node, scope) if schema_node is not None else self._splat_json(spec.call, scope)
            title_node = _kw(spec.call, "title")
            ann_node = _kw(spec.call, "annotations")
            roots: list[NodeKey] = []
            handler: FuncInfo | None = None
            for dq in dispatchers:
                d = self.p.funcs[dq]
                params = d.params[1:] if d.klass and not d.is_static else d.params
                if len(params) >= 2 and (params[0] in ("ctx", "context") or _is_params_style(d)):
                    roots.append(NodeKey(dq, ((f"{params[1]}.name", name),)))  # mcp 2.x (ctx, params)
                elif params:
                    roots.append(NodeKey(dq, ((params[0], name),)))
                else:
                    roots.append(NodeKey(dq))
                handler = handler or d
            if not dispatchers:
                self.out.errors.append(
                    AnalysisError(STAGE, f"tool {name!r}: no call_tool handler found; its code could not be resolved", path)
                )
            self.out.tools.append(
                ToolDecl(
                    name=name,
                    description=description,
                    declared_at=Location(path, spec.call.lineno),
                    handler=handler,
                    roots=roots,
                    input_schema=schema,
                    title=self._const_str(title_node, scope) if title_node is not None else None,
                    annotations=self._annotations(ann_node, scope) if ann_node is not None else None,
                    description_source=source,
                    description_note=note,
                    flavor="lowlevel",
                )
            )

    def _library_tool(self, spec: ToolSpec) -> None:
        """A tool object another library made from a function and converted to the `mcp.types.Tool`
        the handler lists (Google ADK: `adk_to_mcp_tool_type(FunctionTool(fn))`): named after the
        function, described by its docstring (cleaned) unless the package set `tool.description`,
        its parameters the schema; its code is the function's."""
        scope = self.ev.scopes[spec.scope_id]
        path = self._path_of(scope)
        at = Location(path, spec.call.lineno)
        fn_node = spec.call.args[0] if spec.call.args else _kw(spec.call, "func")
        funcs = sorted({v.qualname for v in self.ev.ev(fn_node, scope) if isinstance(v, Func) and v.qualname in self.p.funcs}) \
            if fn_node is not None else []
        if len(funcs) != 1:
            why = "could not be resolved" if not funcs else f"is one of {len(funcs)} functions"
            self.out.errors.append(AnalysisError(
                STAGE, f"tool made at line {spec.call.lineno} from a function that {why}: its name is unknown", path))
            return
        before = len(self.out.tools)
        f = self.p.funcs[funcs[0]]
        self._function_tool(spec.library, f, None, scope, at, positional_name=False)
        attrs = dict(spec.attrs)
        # ADK passes these itself: the parameter annotated with its Context type (any name), else
        # `tool_context`, and `input_stream`
        hidden_params = (_context_parameter(f) or "tool_context", "input_stream")
        for decl in self.out.tools[before:]:
            if decl.input_schema is not None:
                for hidden in hidden_params:
                    decl.input_schema.get("properties", {}).pop(hidden, None)
                    if hidden in decl.input_schema.get("required", []):
                        decl.input_schema["required"].remove(hidden)
            if "description" in attrs:
                text = const_of(attrs["description"], strict=True)
                if isinstance(text, str):
                    decl.description, decl.description_source, decl.description_note = text, "static", None
                else:
                    node, key = next((n, k) for a, n, k in spec.attr_nodes if a == "description")
                    at_scope = self.ev.scopes[key]
                    known = self._known_text(node, at_scope)
                    if known is not None:
                        decl.description, decl.description_source = known, "partial"
                        decl.description_note = (f"{UNKNOWN_PART} marks what is only known at run time; "
                                                 f"{self._dynamic_note(node, at_scope)}")
                    else:
                        decl.description, decl.description_source = None, "dynamic"
                        decl.description_note = self._dynamic_note(node, at_scope)

    def _unrolled(self, spec: ToolSpec) -> list[ToolSpec]:
        """A `Tool(name=spec["name"], …)` built in a loop over a known table (`for spec in SPECS:
        TOOLS.append(Tool(…))` at import): one tool per element, the loop's names bound to it, as the
        loop runs. The spec itself when its name is known already or it is in no such loop."""
        scope = self.ev.scopes[spec.scope_id]
        name_node = _kw(spec.call, "name")
        if name_node is None or self._const_str(name_node, scope) is not None:
            return [spec]
        if scope.func is not None:
            body = [] if isinstance(scope.func.node, ast.Lambda) else scope.func.node.body
        elif scope.kind == "module" and scope.module in self.p.modules:
            body = self.p.modules[scope.module].tree.body
        else:
            return [spec]
        loops = _loops_around(body, spec.call)
        if not loops:
            return [spec]
        scopes = [scope]
        for loop in loops:
            nxt: list[Scope] = []
            for s in scopes:
                elements = self.ev.elements(self.ev.ev(loop.iter, s), s)
                if elements is None:
                    return [spec]
                for element in elements:
                    binds = {n: self.ev.project(element, path) for n, path in target_paths(loop.target)}
                    nxt.append(self.ev.derive(s, binds))
            scopes = nxt
        return [ToolSpec(spec.call, s.key, spec.from_function) for s in scopes]

    def _splat_values(self, call: ast.Call, key: str, scope: Scope) -> frozenset[Value] | None:
        """The value of `key` in a `Tool(**spec)` call's splatted dict."""
        if self._splat is not None:
            return self.ev.dict_get(self._splat, frozenset({Const(key)}))
        for kw in call.keywords:
            if kw.arg is None:
                dicts = [d for d in self.ev.ev(kw.value, scope) if isinstance(d, DictVal)]
                if dicts:
                    out: set[Value] = set()
                    for d in dicts:
                        out |= self.ev.dict_get(d, frozenset({Const(key)}))
                    return frozenset(out)
        return None

    def _splat_str(self, call: ast.Call, key: str, scope: Scope) -> str | None:
        values = self._splat_values(call, key, scope)
        if values is not None and len(values) == 1:
            v = next(iter(values))
            if isinstance(v, Const) and isinstance(v.value, str):
                return v.value
        return None

    def _splat_json(self, call: ast.Call, scope: Scope) -> dict[str, Any] | None:
        for key in ("inputSchema", "input_schema"):
            values = self._splat_values(call, key, scope)
            if values:
                try:
                    j = to_json(values)
                except ValueError:
                    return None
                return j if isinstance(j, dict) else None
        return None

    def _flatten(self, v: Value, depth: int = 0) -> list[Value]:
        if depth > 4:
            return []
        if isinstance(v, Seq):
            out: list[Value] = []
            for item in v.items:
                for x in sorted(item, key=repr):
                    out.extend(self._flatten(x, depth + 1))
            return out
        return [v]


def _loops_around(body: list[ast.stmt], node: ast.AST) -> list[ast.For | ast.AsyncFor]:
    """The `for` loops of BODY (not inside nested definitions) that hold NODE, outermost first."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if not any(n is node for n in ast.walk(stmt)):
            continue
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            if any(n is node for n in ast.walk(stmt.iter)):
                return []
            return [stmt, *_loops_around(stmt.body, node)]
        inner: list[ast.stmt] = []
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.stmt):
                inner.append(child)
            elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
                inner.extend(child.body)
        return _loops_around(inner, node)
    return []
