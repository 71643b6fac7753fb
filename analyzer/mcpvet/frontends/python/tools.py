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
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mcpvet.frontends.python.docs import LATEST_FASTMCP, parse_docstring_v3, tool_description
from mcpvet.frontends.python.evaluator import Evaluator
from mcpvet.frontends.python.scopes import Scope, local_walk
from mcpvet.frontends.python.sdk import server_flavor
from mcpvet.frontends.python.graph import NodeKey
from mcpvet.frontends.python.index import FuncInfo, Program, target_paths
from mcpvet.frontends.python.schema import SchemaBuilder, to_json
from mcpvet.frontends.python.values import (
    Const,
    DictVal,
    Ext,
    ExtInst,
    Func,
    Klass,
    Seq,
    ServerMethod,
    ToolDecorator,
    ToolSpec,
    Value,
)
from mcpvet.model import AnalysisError, Location

STAGE = "python"


@dataclass
class ToolDecl:
    name: str
    description: str | None
    declared_at: Location
    handler: FuncInfo | None
    roots: list[NodeKey]
    input_schema: dict[str, Any] | None = None
    title: str | None = None
    annotations: dict[str, Any] | None = None
    description_source: str = "static"
    description_note: str | None = None
    flavor: str = ""
    wrappers: list[str] = field(default_factory=list)  # decorator wrappers that run around the handler


@dataclass
class Extraction:
    tools: list[ToolDecl] = field(default_factory=list)
    errors: list[AnalysisError] = field(default_factory=list)
    dispatchers: list[str] = field(default_factory=list)


_DYNAMIC_HINTS = (
    ("builtins.open", "a file"),
    ("pathlib.Path.read", "a file"),
    ("io.", "a file"),
    ("os.environ", "the environment"),
    ("os.getenv", "the environment"),
    ("requests", "the network"),
    ("httpx", "the network"),
    ("urllib", "the network"),
    ("aiohttp", "the network"),
    ("json.load", "a file"),
    ("yaml", "a file"),
    ("importlib.resources", "a package data file"),
    ("pkgutil.get_data", "a package data file"),
)


class ToolExtractor:
    def __init__(self, program: Program, evaluator: Evaluator, fastmcp_major: int | None) -> None:
        self.p = program
        self.ev = evaluator
        self.fastmcp_major = fastmcp_major
        self.schemas = SchemaBuilder(evaluator)
        self.out = Extraction()
        self._seen: set[tuple[str, int, str, str]] = set()
        self._list_fns: list[tuple[str, ast.expr]] = []
        self._splat: DictVal | None = None  # the dict of the Tool(**dict) being read
        self._wrappers: dict[str, tuple[str, int]] = {}  # decorator functions that register their argument
        self._call_fns: list[str] = []
        # fastmcp composition: which server each decorated tool was registered on, and
        # `parent.mount(child, namespace=…)` / `import_server(child, prefix=…)` edges
        self._tool_server: dict[int, str] = {}  # index in out.tools -> server key
        self._mounts: list[tuple[str, str, str]] = []  # (parent key, child key, prefix)

    # ------------------------------------------------------------------ entry
    def extract(self) -> Extraction:
        self._constructor_servers()
        for q in sorted(self.p.funcs):
            f = self.p.funcs[q]
            if f.decorators:
                self._decorators(f, self.ev.def_scope(f))
        for body, scope in self._all_bodies():
            self._scan(body, scope)
        self._apply_wrappers()
        self._apply_server_params()
        self.out.dispatchers = sorted(set(self._call_fns))
        for q, dec in self._list_fns:
            self._lowlevel(q, dec, self.out.dispatchers)
        self._apply_mount_prefixes()
        return self.out

    def _decorators(self, f: FuncInfo, scope: Scope) -> None:
        """Registrations made by the decorators of one `def`, evaluated in `scope`."""
        q = f.qualname
        current: set[Value] = {Func(q)}  # what the decorators applied so far (below this one) made
        for dec in reversed(f.decorators):
            values = self.ev.ev(dec, scope)
            for v in sorted(values, key=repr):
                if isinstance(v, ToolDecorator) and v.flavor.endswith(":tool"):
                    before = len(self.out.tools)
                    self._register_fn(v.flavor.split(":")[0], frozenset(current), v.call, self.ev.scopes[v.scope_id], dec)
                    self._note_server(dec, scope, before)
                elif isinstance(v, ServerMethod) and v.method == "tool":
                    before = len(self.out.tools)
                    self._register_fn(v.flavor, frozenset(current), None, scope, dec)
                    self._note_server(dec, scope, before)
                elif isinstance(v, ToolDecorator) and v.flavor == "lowlevel:list_tools":
                    self._list_fns.append((q, dec))
                elif isinstance(v, ToolDecorator) and v.flavor == "lowlevel:call_tool":
                    self._call_fns.append(q)
                elif isinstance(v, Func) and v.qualname in self.p.funcs:
                    current |= {r for r in self.ev.returns(v.qualname) if isinstance(r, Func)}

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

    def _apply_server_params(self) -> None:
        """`def register(mcp): @mcp.tool() ...` with an unannotated parameter: bind the parameter to
        the server passed at each call of `register` and look at the registrations again."""
        wanted: dict[str, set[str]] = {}
        for f in self.p.funcs.values():
            if f.parent and f.decorators and f.parent in self.p.funcs:
                g = self.p.funcs[f.parent]
                for dec in f.decorators:
                    root = _root_name(dec)
                    if root in g.params:
                        wanted.setdefault(g.qualname, set()).add(root)
        for g in self.p.funcs.values():
            if isinstance(g.node, ast.Lambda):
                continue
            for n in local_walk(g.node.body):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("add_tool", "tool"):
                    root = _root_name(n.func)
                    if root in g.params:
                        wanted.setdefault(g.qualname, set()).add(root)
        wanted = {
            g: names
            for g, names in wanted.items()
            if any(not self._is_server(self.ev.lookup(n, self.ev.func_scope(g))) for n in names)
        }
        if not wanted:
            return
        short: dict[str, list[str]] = {}
        for q in sorted(wanted):
            short.setdefault(q.rsplit(".", 1)[-1], []).append(q)
        for body, scope in self._all_bodies():
            for n in local_walk(body):
                if not isinstance(n, ast.Call):
                    continue
                callee = n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id if isinstance(n.func, ast.Name) else ""
                if callee not in short:
                    continue
                callees = self.ev.ev(n.func, scope)
                for gq in short[callee]:
                    if Func(gq) in callees:
                        self._server_param_call(gq, n, scope, wanted[gq])

    def _server_param_call(self, gq: str, n: ast.Call, scope: Scope, names: set[str]) -> None:
        """Registrations of `gq` at one call `n` that passes it the server."""
        g = self.p.funcs[gq]
        binds = self._bind_args(g, n, scope)
        if not any(self._is_server(binds.get(name, frozenset())) for name in names):
            return
        gscope = Scope("func", g.module, func=g, parent=self.ev.enclosing_scope(g), overrides=binds)
        self.ev.scopes[gscope.key] = gscope
        for f in sorted(self.p.funcs.values(), key=lambda f: f.qualname):
            if f.parent == gq and f.decorators:
                self._decorators(f, gscope)
        self._scan(g.node.body, gscope)  # type: ignore[union-attr]

    def _constructor_servers(self) -> None:
        """`class Handler: def __init__(self, mcp): self.mcp = mcp; self.mcp.tool(...)(self.m)`
        built as `Handler(server)`: the parameter holds the servers passed where the class is
        instantiated, so that `self.mcp` in any method is that server."""
        wanted: dict[tuple[str, str], str] = {}  # (__init__, param) -> class
        for cq, c in sorted(self.p.classes.items()):
            init_q = c.methods.get("__init__")
            if init_q is None or isinstance(self.p.funcs[init_q].node, ast.Lambda):
                continue
            init = self.p.funcs[init_q]
            params = init.params[1:]
            registered: set[str] = set()
            for mq in c.methods.values():
                for n in ast.walk(self.p.funcs[mq].node):
                    if isinstance(n, ast.Attribute) and n.attr in ("tool", "add_tool") \
                            and isinstance(n.value, ast.Attribute) and isinstance(n.value.value, ast.Name) \
                            and n.value.value.id == "self":
                        registered.add(n.value.attr)
            for attr in sorted(registered):
                for expr, fq in c.inst_attrs.get(attr, []):
                    if fq == init_q and isinstance(expr, ast.Name) and expr.id in params:
                        wanted[(init_q, expr.id)] = cq
        if not wanted:
            return
        classes = {cq.rsplit(".", 1)[-1]: cq for cq in wanted.values()}
        found: dict[tuple[str, str], set[Value]] = {}
        for body, scope in self._all_bodies():
            for n in local_walk(body):
                if not isinstance(n, ast.Call):
                    continue
                callee = n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id if isinstance(n.func, ast.Name) else ""
                cq = classes.get(callee)
                if cq is None or Klass(cq) not in self.ev.ev(n.func, scope):
                    continue
                init = self.p.funcs[self.p.classes[cq].methods["__init__"]]
                binds = self._bind_args(init, n, scope, receiver=True)
                for (iq, param), _ in wanted.items():
                    if iq == init.qualname and self._is_server(binds.get(param, frozenset())):
                        found.setdefault((iq, param), set()).update(binds[param])
        for key, values in sorted(found.items()):
            self.ev.call_site_params[key] = frozenset(values)
        if found:
            self.ev.forget()

    def _all_bodies(self) -> list[tuple[list[ast.stmt], Scope]]:
        bodies: list[tuple[list[ast.stmt], Scope]] = [
            (m.tree.body, self.ev.module_scope(name)) for name, m in sorted(self.p.modules.items())
        ]
        bodies += [
            (f.node.body, self.ev.func_scope(q))
            for q, f in sorted(self.p.funcs.items())
            if not isinstance(f.node, ast.Lambda)
        ]
        return bodies

    @staticmethod
    def _is_server(values: frozenset[Value]) -> bool:
        return any(isinstance(v, ExtInst) and server_flavor(v.qualname) for v in values)

    # ------------------------------------------------------------------ registration calls
    def _scan(self, stmts: list[ast.stmt], scope: Scope) -> None:
        self._walk_calls(stmts, scope, self._on_call)

    def _on_call(self, call: ast.Call, scope: Scope) -> None:
        if self._maybe_registration(call):
            self._registration_call(call, scope)
        elif isinstance(call.func, ast.Attribute) and call.func.attr in ("mount", "import_server"):
            self._mount_call(call, scope)

    def _walk_calls(self, stmts: list[ast.stmt], scope: Scope, on_call: Callable[[ast.Call, Scope], None]) -> None:
        """Every call in these statements (nested definitions excepted), with `for` loops over known
        elements unrolled: the body is walked once per element, its loop variables bound."""
        for stmt in stmts:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if isinstance(stmt, (ast.For, ast.AsyncFor)):
                elements = self.ev.elements(self.ev.ev(stmt.iter, scope), scope)
                if elements is not None:
                    for element in elements:
                        binds = {name: self.ev.project(element, path) for name, path in target_paths(stmt.target)}
                        self._walk_calls(stmt.body, self.ev.derive(scope, binds), on_call)
                    continue
            for child in ast.iter_child_nodes(stmt):
                if isinstance(child, ast.stmt):
                    self._walk_calls([child], scope, on_call)
                elif isinstance(child, (ast.excepthandler, ast.match_case)):
                    self._walk_calls(child.body, scope, on_call)
                elif isinstance(child, ast.expr):
                    for n in local_walk([child]):
                        if isinstance(n, ast.Call):
                            on_call(n, scope)

    @staticmethod
    def _maybe_registration(call: ast.Call) -> bool:
        f = call.func
        if any(k.arg in ("on_list_tools", "on_call_tool") for k in call.keywords):
            return True
        if isinstance(f, ast.Attribute):
            return f.attr in ("add_tool", "tool")
        return isinstance(f, (ast.Call, ast.Name)) and bool(call.args or call.keywords)

    def _registration_call(self, call: ast.Call, scope: Scope) -> None:
        for v in sorted(self.ev.ev(call.func, scope), key=repr):
            if isinstance(v, Ext) and server_flavor(v.qualname) == "lowlevel":
                # mcp 2.x: Server(name, on_list_tools=..., on_call_tool=...)
                for kw in call.keywords:
                    if kw.arg in ("on_list_tools", "on_call_tool"):
                        for f in self.ev.ev(kw.value, scope):
                            if isinstance(f, Func) and f.qualname in self.p.funcs:
                                target = self._list_fns if kw.arg == "on_list_tools" else self._call_fns
                                target.append((f.qualname, kw.value) if kw.arg == "on_list_tools" else f.qualname)  # type: ignore[arg-type]
                continue
            if isinstance(v, ServerMethod) and v.method == "add_tool" and (call.args or _kw(call, "fn")):
                fn_node = call.args[0] if call.args else _kw(call, "fn")
                assert fn_node is not None
                fn_vals = self.ev.ev(fn_node, scope)
                specs = [s for s in fn_vals if isinstance(s, ToolSpec) and s.from_function]
                for spec in specs:
                    spec_scope = self.ev.scopes[spec.scope_id]
                    inner = spec.call.args[0] if spec.call.args else _kw(spec.call, "fn")
                    if inner is not None:
                        self._register_fn(v.flavor, self.ev.ev(inner, spec_scope), spec.call, spec_scope, call, positional_name=False)
                if not specs:
                    self._register_fn(v.flavor, fn_vals, call, scope, call, positional_name=False, fn_node=fn_node)
            elif isinstance(v, ServerMethod) and v.method == "tool" and call.args:
                fn_vals = self.ev.ev(call.args[0], scope)
                if any(isinstance(f, Func) for f in fn_vals):
                    self._register_fn(v.flavor, fn_vals, call, scope, call, positional_name=False, fn_node=call.args[0])
            elif isinstance(v, ToolDecorator) and v.flavor in ("lowlevel:list_tools", "lowlevel:call_tool") and call.args:
                # server.list_tools()(handler) / server.call_tool()(handler)
                for fv in self.ev.ev(call.args[0], scope):
                    if isinstance(fv, Func) and fv.qualname in self.p.funcs:
                        if v.flavor == "lowlevel:list_tools":
                            self._list_fns.append((fv.qualname, call))
                        else:
                            self._call_fns.append(fv.qualname)
            elif isinstance(v, ToolDecorator) and v.flavor.endswith(":tool") and call.args:
                fn_vals = self.ev.ev(call.args[0], scope)
                self._register_fn(v.flavor.split(":")[0], fn_vals, v.call, self.ev.scopes[v.scope_id], call,
                                  fn_node=call.args[0], fn_scope=scope)

    def _register_fn(
        self,
        flavor: str,
        fn_vals: frozenset[Value],
        call: ast.Call | None,
        scope: Scope,
        at: ast.AST,
        positional_name: bool = True,
        fn_node: ast.expr | None = None,
        fn_scope: Scope | None = None,
    ) -> None:
        fn_scope = fn_scope or scope
        extra_wrappers: list[str] = []
        if fn_node is not None:
            unwrapped = self._unwrap_wraps(fn_node, fn_scope)
            if unwrapped is not None:
                fn_vals, extra_wrappers = unwrapped
        funcs = sorted({v.qualname for v in fn_vals if isinstance(v, Func) and v.qualname in self.p.funcs})
        path = self._path_of(scope)
        line = getattr(at, "lineno", 1)
        if fn_node is not None and self._uses_open_param(fn_node, fn_scope):
            # registration inside a decorator (factory) of the function it is given: resolved where
            # the decorator is applied, with its parameter bound
            assert fn_scope.func is not None
            self._wrappers.setdefault(fn_scope.func.qualname, (path, line))
            return
        if not funcs:
            if scope.func is not None and not scope.overrides and self._param_wrapper(scope.func):
                # registration inside a decorator (factory): resolved where the decorator is applied
                self._wrappers.setdefault(scope.func.qualname, (path, line))
                return
            self.out.errors.append(
                AnalysisError(STAGE, f"tool registered at line {line} with a function that could not be resolved", path)
            )
            self._unresolved_tool(flavor, call, scope, Location(path, line))
            return
        wrapper_set = {w for q in funcs for w in self.ev.wrappers(q)}
        for q in [q for q in funcs if q not in wrapper_set] or funcs:
            wrappers = [w for w in funcs if w in self.ev.wrappers(q)] + extra_wrappers
            self._function_tool(flavor, self.p.funcs[q], call, scope, Location(path, line), positional_name, wrappers)

    def _name_with_defaults(self, node: ast.expr, scope: Scope, at: Location) -> str | None:
        """A tool name built from parameters of the function the server is built in
        (`name=prefix + "get_schema"` with `namespace: str = ""`): computed with the parameters'
        default values, and said so in errors[] (the name a client sees under the default
        configuration; other arguments change it)."""
        f = scope.func
        if f is None or isinstance(f.node, ast.Lambda):
            return None
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        for local in sorted(used):  # one step through locals: `prefix = fmt(namespace)`
            for b in f.bindings.get(local, []):
                if b.kind == "assign" and b.node is not None:
                    used |= {n.id for n in ast.walk(b.node) if isinstance(n, ast.Name)}
        defaults = {k: v for k, v in self._bind_args(f, ast.Call(func=ast.Name(id=f.name), args=[], keywords=[]), scope).items()
                    if k not in scope.overrides}
        if not defaults:
            return None
        name = self._const_str(node, self.ev.derive(scope, defaults))
        if name is None:
            return None
        params = sorted(p for p in defaults if p in used) or sorted(defaults)
        self.out.errors.append(AnalysisError(
            STAGE,
            f"tool name at line {at.line} depends on the arguments of {f.name}() "
            f"(parameters {', '.join(params)}): shown as {name!r}, its value with the parameters' defaults",
            at.path,
        ))
        return name

    def _uses_open_param(self, node: ast.expr, scope: Scope) -> bool:
        """Whether `node` names a parameter of the (unbound) function it is evaluated in: the
        function is a decorator whose registrations depend on what it is applied to."""
        f = scope.func
        if f is None or scope.overrides or not self._param_wrapper(f):
            return False
        params = set(f.params[1:] if f.klass and not f.is_static else f.params)
        return any(isinstance(n, ast.Name) and n.id in params for n in ast.walk(node))

    def _unwrap_wraps(self, node: ast.expr, scope: Scope) -> tuple[frozenset[Value], list[str]] | None:
        """`g(fn)` where `g` returns an inner function decorated with `@functools.wraps(param)`:
        the tool is `fn` (its name and docstring), run inside that inner function."""
        if not isinstance(node, ast.Call):
            return None
        inner_vals: set[Value] = set()
        wrappers: list[str] = []
        for callee in self.ev.ev(node.func, scope):
            if not (isinstance(callee, Func) and callee.qualname in self.p.funcs):
                continue
            g = self.p.funcs[callee.qualname]
            binds = self._bind_args(g, node, scope)
            for r in sorted(self.ev.returns(g.qualname), key=repr):
                if not (isinstance(r, Func) and r.qualname in self.p.funcs):
                    continue
                w = self.p.funcs[r.qualname]
                if w.parent != g.qualname or isinstance(w.node, ast.Lambda):
                    continue
                for dec in w.node.decorator_list:
                    if not (isinstance(dec, ast.Call) and dec.args and isinstance(dec.args[0], ast.Name)):
                        continue
                    if dec.args[0].id not in binds or not any(
                        isinstance(v, Ext) and v.qualname == "functools.wraps" for v in self.ev.ev(dec.func, self.ev.def_scope(w))
                    ):
                        continue
                    inner_vals |= binds[dec.args[0].id]
                    wrappers.append(w.qualname)
        if not wrappers:
            return None
        return frozenset(inner_vals), sorted(set(wrappers))

    def _unresolved_tool(self, flavor: str, call: ast.Call | None, scope: Scope, at: Location) -> None:
        """A tool whose name is known but whose function is not: reported with handler None."""
        name_node = _kw(call, "name")
        name = self._const_str(name_node, scope) if name_node is not None else None
        if name is None:
            return
        desc_node = _kw(call, "description")
        description = self._const_str(desc_node, scope) if desc_node is not None else None
        self.out.tools.append(
            ToolDecl(
                name=name,
                description=description,
                declared_at=at,
                handler=None,
                roots=[],
                description_source="static" if description is not None or desc_node is None else "dynamic",
                description_note=None if description is not None else "the handler function could not be resolved",
                flavor=flavor,
            )
        )

    @staticmethod
    def _param_wrapper(f: FuncInfo) -> bool:
        return not isinstance(f.node, ast.Lambda) and bool(f.params)

    def _apply_wrappers(self) -> None:
        """Registrations inside decorators: `@register("name", "desc")` where `register` returns a
        decorator that calls `server.add_tool(fn, name=..., description=...)`. Each application binds
        the decorator's parameter to the decorated function (and a factory's parameters to the
        factory call's arguments) and registers again in that binding."""
        if not self._wrappers:
            return
        applied: set[str] = set()
        for q in sorted(self.p.funcs):
            g = self.p.funcs[q]
            if not g.decorators:
                continue
            scope = self.ev.def_scope(g)
            for dec in g.decorators:
                for wrapper, factory_scope in self._wrapper_targets(dec, scope):
                    w = self.p.funcs[wrapper]
                    parent = factory_scope or self.ev.enclosing_scope(w)
                    bound = Scope("func", w.module, func=w, parent=parent, overrides={w.params[0]: frozenset({Func(q)})})
                    self.ev.scopes[bound.key] = bound
                    self._scan(w.node.body, bound)  # type: ignore[union-attr]
                    applied.add(wrapper)
        for body, scope in self._all_bodies():
            self._scan_helper_calls(body, scope, applied)
        for wrapper, (path, line) in sorted(self._wrappers.items()):
            if wrapper not in applied and not self._in_registration_override(wrapper):
                self.out.errors.append(
                    AnalysisError(STAGE, f"tool registered at line {line} with a function that could not be resolved", path)
                )

    def _scan_helper_calls(self, stmts: list[ast.stmt], scope: Scope, applied: set[str]) -> None:
        """Plain calls of a registration helper (`def add_read_only_tool(mcp, tool):
        mcp.add_tool(tool, ...)` called as `add_read_only_tool(mcp, fn)`, in loops over tables too):
        the helper's registrations again, its parameters bound to the call's arguments."""

        def on_call(call: ast.Call, at: Scope) -> None:
            if isinstance(call.func, (ast.Name, ast.Attribute)):
                self._helper_call(call, at, applied)

        self._walk_calls(stmts, scope, on_call)

    def _helper_call(self, call: ast.Call, scope: Scope, applied: set[str]) -> None:
        callee = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id  # type: ignore[union-attr]
        if not any(q.rsplit(".", 1)[-1] == callee for q in self._wrappers):
            return
        for v in sorted(self.ev.ev(call.func, scope), key=repr):
            if not (isinstance(v, Func) and v.qualname in self._wrappers):
                continue
            g = self.p.funcs[v.qualname]
            if isinstance(g.node, ast.Lambda) or (scope.func is not None and scope.func.qualname == g.qualname):
                continue
            binds = self._bind_args(g, call, scope)
            if not any(isinstance(x, Func) for vals in binds.values() for x in vals):
                continue  # not given a function: a decorator factory's own call, handled elsewhere
            bound = Scope("func", g.module, func=g, parent=self.ev.enclosing_scope(g), overrides=binds)
            self.ev.scopes[bound.key] = bound
            self._scan(g.node.body, bound)
            applied.add(g.qualname)

    def _in_registration_override(self, qualname: str) -> bool:
        """Inside a server subclass's own `tool`/`add_tool` override (`def tool(self, fn): return
        super().tool(wrap(fn))`): the tools it registers are the ones found at its call sites."""
        f = self.p.funcs.get(qualname)
        while f is not None:
            if f.klass and f.name in ("tool", "add_tool"):
                return True
            f = self.p.funcs.get(f.parent) if f.parent else None
        return False

    def _wrapper_targets(self, dec: ast.expr, scope: Scope) -> list[tuple[str, Scope | None]]:
        out: list[tuple[str, Scope | None]] = []
        if not isinstance(dec, ast.Call):
            for v in self.ev.ev(dec, scope):
                if isinstance(v, Func) and v.qualname in self._wrappers:
                    out.append((v.qualname, None))
        else:
            for v in self.ev.ev(dec.func, scope):
                if not (isinstance(v, Func) and v.qualname in self.p.funcs):
                    continue
                factory = self.p.funcs[v.qualname]
                for r in self.ev.returns(v.qualname):
                    if isinstance(r, Func) and r.qualname in self._wrappers:
                        binds = self._bind_args(factory, dec, scope)
                        fscope = Scope("func", factory.module, func=factory, parent=self.ev.enclosing_scope(factory), overrides=binds)
                        self.ev.scopes[fscope.key] = fscope
                        out.append((r.qualname, fscope))
        return out

    def _path_of(self, scope: Scope) -> str:
        if scope.func is not None:
            return scope.func.path
        m = self.p.modules.get(scope.module)
        return m.path if m else ""

    def _function_tool(
        self,
        flavor: str,
        f: FuncInfo,
        call: ast.Call | None,
        scope: Scope,
        at: Location,
        positional_name: bool,
        wrappers: list[str] | None = None,
    ) -> None:
        enabled = _kw(call, "enabled") if call is not None else None
        if enabled is not None and self.ev.ev(enabled, scope) == frozenset({Const(False)}):
            return  # fastmcp: a disabled tool is not listed
        name_node = _kw(call, "name") if call is not None else None
        if name_node is None and call is not None and positional_name and call.args:
            name_node = call.args[0]
        name: str | None
        if name_node is None:
            name = f.name if not isinstance(f.node, ast.Lambda) else None
        else:
            name = self._const_str(name_node, scope)
            if name is None:
                name = self._name_with_defaults(name_node, scope, at)
        if name is None:
            self.out.errors.append(
                AnalysisError(STAGE, f"tool name at line {at.line} could not be computed statically", at.path)
            )
            return
        # one registration reached again (another route to the same call) is one tool; the same
        # call with another name (a factory called in a loop over (name, description) pairs) is another
        key = (at.path, at.line, f.qualname, name)
        if key in self._seen:
            return
        self._seen.add(key)
        desc_node = _kw(call, "description") if call is not None else None
        raw_doc = None if isinstance(f.node, ast.Lambda) else ast.get_docstring(f.node, clean=False)
        source, note = "static", None
        explicit: str | None = None
        if desc_node is not None:
            explicit = self._const_str(desc_node, scope)
            if explicit is None and not (isinstance(desc_node, ast.Constant) and desc_node.value is None):
                source, note = "dynamic", self._dynamic_note(desc_node, scope)
        major = self.fastmcp_major if flavor == "fastmcp" else None
        if source == "dynamic":
            description = None
        else:
            given = desc_node is not None and not (isinstance(desc_node, ast.Constant) and desc_node.value is None)
            description = tool_description(flavor, major, explicit, given, raw_doc)
            if flavor == "mcp" and explicit is None and raw_doc and "\n " in raw_doc:
                note = "the docstring as written; a server running on Python 3.13+ sends it with indentation removed"
            if flavor == "fastmcp" and major is None and explicit is None and raw_doc:
                note = f"fastmcp version not declared by the package: description derived as fastmcp {LATEST_FASTMCP} does"
        param_docs = (
            parse_docstring_v3(raw_doc, major or LATEST_FASTMCP).parameters
            if flavor == "fastmcp" and (major is None or major >= 3)
            else {}
        )
        skip_first = bool(f.klass) and not f.is_static
        schema = self.schemas.for_function(f.node, self.ev.def_scope(f), skip_first, param_docs)
        excluded = _kw(call, "exclude_args") if call is not None else None
        if excluded is not None:
            try:
                names = to_json(self.ev.ev(excluded, scope))
            except ValueError:
                names = []
            for arg in names if isinstance(names, list) else []:
                schema["properties"].pop(arg, None)
                if arg in schema.get("required", []):
                    schema["required"].remove(arg)
        title_node = _kw(call, "title") if call is not None else None
        title = self._const_str(title_node, scope) if title_node is not None else None
        ann_node = _kw(call, "annotations") if call is not None else None
        annotations = self._annotations(ann_node, scope) if ann_node is not None else None
        self.out.tools.append(
            ToolDecl(
                name=name,
                description=description,
                declared_at=at,
                handler=f,
                roots=[NodeKey(f.qualname)],
                wrappers=list(wrappers or []),
                input_schema=schema,
                title=title,
                annotations=annotations,
                description_source=source,
                description_note=note,
                flavor=flavor,
            )
        )

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
            if name is None:
                self.out.errors.append(
                    AnalysisError(STAGE, f"tool name at line {spec.call.lineno} could not be computed statically", path)
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

    # ------------------------------------------------------------------ constants
    def _const_str(self, node: ast.expr | None, scope: Scope) -> str | None:
        if node is None:
            return None
        vals = self.ev.ev(node, scope)
        if len(vals) == 1:
            v = next(iter(vals))
            if isinstance(v, Const) and isinstance(v.value, str):
                return v.value
        return None

    def _dynamic_note(self, node: ast.expr, scope: Scope) -> str:
        text = ast.unparse(node)
        text = text if len(text) <= 120 else text[:117] + "..."
        seen: list[str] = []
        for n in ast.walk(node):
            if isinstance(n, ast.Call):
                for v in self.ev.ev(n.func, scope):
                    if isinstance(v, (Ext, ExtInst)):
                        seen.append(v.qualname)
            if isinstance(n, ast.Name):
                for v in self.ev.ev(n, scope):
                    if isinstance(v, (Ext, ExtInst)):
                        seen.append(v.qualname)
        for name in seen:
            for prefix, where in _DYNAMIC_HINTS:
                if name.startswith(prefix):
                    return f"computed at run time from {where}: {text}"
        return f"not computable statically: {text}"

    def _schema_value(self, node: ast.expr, scope: Scope) -> dict[str, Any] | None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
            "model_json_schema",
            "schema",
        ):
            for v in self.ev.ev(node.func.value, scope):
                if hasattr(v, "qualname") and getattr(v, "qualname", "") in self.p.classes:
                    return self.schemas.model_schema(v.qualname)  # type: ignore[union-attr]
        try:
            value = to_json(self.ev.ev(node, scope))
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def _annotations(self, node: ast.expr, scope: Scope, depth: int = 0) -> dict[str, Any] | None:
        if depth > 3:
            return None
        if isinstance(node, ast.Call):
            helpers = [v for v in self.ev.ev(node.func, scope) if isinstance(v, Func) and v.qualname in self.p.funcs]
            if helpers:
                # a helper that builds the annotations: evaluate its return with the call's arguments bound
                f = self.p.funcs[helpers[0].qualname]
                inner = self.ev.derive(self.ev.func_scope(f.qualname), self._bind_args(f, node, scope))
                for ret in ast.walk(f.node):
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Call):
                        return self._annotations(ret.value, inner, depth + 1)
                return None
            out: dict[str, Any] = {}
            for kw in node.keywords:
                if kw.arg:
                    try:
                        value = to_json(self.ev.ev(kw.value, scope))
                    except ValueError:
                        continue
                    if value is not None:
                        out[_camel(kw.arg)] = value
            return out or None
        vals = self.ev.ev(node, scope)
        for v in vals:
            if isinstance(v, DictVal):
                try:
                    j = to_json(frozenset({v}))
                except ValueError:
                    return None
                return j if isinstance(j, dict) else None
        # a name bound to ToolAnnotations(...): evaluate the call it was made from
        if isinstance(node, ast.Name):
            for b in self._bindings_of(node.id, scope):
                if isinstance(b, ast.Call):
                    return self._annotations(b, scope, depth + 1)
        return None

    def _bind_args(self, f: FuncInfo, call: ast.Call, scope: Scope, receiver: bool = False) -> dict[str, frozenset[Value]]:
        """Parameter values of one call of `f` (arguments, else defaults); `receiver`: the call
        does not pass the first parameter (a class instantiated, calling its `__init__`)."""
        if isinstance(f.node, ast.Lambda):
            return {}
        args = f.node.args
        positional = [*args.posonlyargs, *args.args]
        if f.klass and not f.is_static and (receiver or isinstance(call.func, ast.Attribute)) and positional:
            positional = positional[1:]  # obj.method(...): the first parameter is the receiver
        binds: dict[str, frozenset[Value]] = {}
        def_scope = self.ev.def_scope(f)
        for a, d in zip(positional[len(positional) - len(args.defaults) :], args.defaults):
            binds[a.arg] = self.ev.ev(d, def_scope)
        for a, d in zip(args.kwonlyargs, args.kw_defaults):
            if d is not None:
                binds[a.arg] = self.ev.ev(d, def_scope)
        for a, value in zip(positional, call.args):
            if not isinstance(value, ast.Starred):
                binds[a.arg] = self.ev.ev(value, scope)
        for kw in call.keywords:
            if kw.arg:
                binds[kw.arg] = self.ev.ev(kw.value, scope)
        return binds

    def _bindings_of(self, name: str, scope: Scope) -> list[ast.AST]:
        tables: list[dict[str, Any]] = []
        if scope.func is not None:
            tables.append(scope.func.bindings)
        m = self.p.modules.get(scope.module)
        if m is not None:
            tables.append(m.bindings)
        for t in tables:
            if name in t:
                return [b.node for b in t[name] if b.kind == "assign" and b.node is not None]
        return []


def _root_name(node: ast.expr) -> str:
    """`mcp` in `mcp.tool(...)`, `mcp.tool`, `mcp.server.tool`."""
    while isinstance(node, (ast.Call, ast.Attribute)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _is_params_style(f: FuncInfo) -> bool:
    """A 2.x low-level handler `(ctx, params: CallToolRequestParams)`."""
    if isinstance(f.node, ast.Lambda):
        return False
    args = [*f.node.args.posonlyargs, *f.node.args.args]
    return any(a.annotation is not None and "CallToolRequestParams" in ast.unparse(a.annotation) for a in args)


def _camel(name: str) -> str:
    """ToolAnnotations(read_only_hint=...) is sent as readOnlyHint."""
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _kw(call: ast.Call | None, name: str) -> ast.expr | None:
    if call is None:
        return None
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None

