"""The common part of the tool extractors: tool declarations, the extraction state and the
registration core every SDK registration style ends in (see `tools.ToolExtractor`)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mcpvet.frontends.python import datafiles
from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.docs import LATEST_FASTMCP, parse_docstring_v3, tool_description
from mcpvet.frontends.python.evaluator import Evaluator
from mcpvet.frontends.python.graph import NodeKey
from mcpvet.frontends.python.index import FuncInfo, Program, target_paths
from mcpvet.frontends.python.paths import vendored_sdk
from mcpvet.frontends.python.registrations.markers import marked_functions
from mcpvet.frontends.python.registrations.signature import dropped_parameters
from mcpvet.frontends.python.schema import SchemaBuilder, to_json
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.sdk import server_flavor
from mcpvet.frontends.python.values import (
    Const,
    DictVal,
    Ext,
    ExtInst,
    Func,
    Value,
    ordered,
)
from mcpvet.model import AnalysisError, Location
from mcpvet.pyast import short

# how a part of a description only known at run time is written
UNKNOWN_PART = "{…}"
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
    # the server object it was registered on (where its variable is bound), when known: two servers
    # of one package may each list a tool of the same name (both are reported)
    server: str = ""



@dataclass
class Extraction:
    tools: list[ToolDecl] = field(default_factory=list)
    errors: list[AnalysisError] = field(default_factory=list)
    dispatchers: list[str] = field(default_factory=list)
    # files whose registrations were not (fully) searched because the frontend_seconds budget ran out
    unsearched: list[str] = field(default_factory=list)


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



class RegistrationBase:
    """What every registration style shares: the extraction state, walking bodies for calls (loops
    over known elements unrolled), and turning one registration into a `ToolDecl` (name, description
    by the SDK's rule, schema, annotations). A style is a subclass adding the methods of its phase;
    `ToolExtractor` composes them and runs the phases in order."""

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
        # functions whose registrations take their name from the function's parameters (a tool
        # factory): registered again at each call, the parameters bound (first place seen kept)
        self._parametric: dict[str, tuple[str, int]] = {}
        self._wanted: dict[str, set[str]] = {}  # registration functions given the server -> its parameters
        self._wanted_short: dict[str, list[str]] = {}
        self._mounts: list[tuple[str, str, str]] = []  # (parent key, child key, prefix)

    def _all_bodies(self) -> list[tuple[list[ast.stmt], Scope]]:
        bodies: list[tuple[list[ast.stmt], Scope]] = [
            (m.tree.body, self.ev.module_scope(name)) for name, m in sorted(self.p.modules.items())
            if vendored_sdk(name) is None
        ]
        bodies += [
            (f.node.body, self.ev.func_scope(q))
            for q, f in sorted(self.p.funcs.items())
            if not isinstance(f.node, ast.Lambda) and vendored_sdk(f.module) is None
        ]
        return bodies

    @staticmethod
    def _is_server(values: frozenset[Value]) -> bool:
        return any(isinstance(v, ExtInst) and server_flavor(v.qualname) for v in values)

    # ------------------------------------------------------------------ registration calls
    def _scan(self, stmts: list[ast.stmt], scope: Scope) -> None:
        self._walk_calls(stmts, scope, self._on_call)

    def _walk_calls(self, stmts: list[ast.stmt], scope: Scope, on_call: Callable[[ast.Call, Scope], None]) -> None:
        """Every call in these statements (nested definitions excepted), with `for` loops over known
        elements unrolled: the body is walked once per element, its loop variables bound."""
        for stmt in stmts:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if isinstance(stmt, ast.If) and scope.overrides:
                # a test on the names this walk binds (a loop's element, a call's arguments) that is
                # known decides which branch registers: `if hasattr(method, "__fastmcp__"):`
                test = self.ev.truth(stmt.test, scope)
                if test is not None:
                    self._walk_calls(stmt.body if test else stmt.orelse, scope, on_call)
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
                elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
                    self._walk_calls(child.body, scope, on_call)
                elif isinstance(child, ast.expr):
                    for n in local_walk([child]):
                        if isinstance(n, ast.Call):
                            on_call(n, scope)

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
            marked = marked_functions(self, scope)
            if marked:  # a catalog walk over functions a marker decorator marked: each is a tool, as marked
                for q, mark_call, mark_scope in marked:
                    self._function_tool(flavor, self.p.funcs[q], mark_call, mark_scope, Location(path, line), True)
                return
            self.out.errors.append(
                AnalysisError(STAGE, f"tool registered at line {line} with a function that could not be resolved", path)
            )
            self._unresolved_tool(flavor, call, scope, Location(path, line))
            return
        wrapper_set = {w for q in funcs for w in self.ev.wrappers(q)}
        for q in [q for q in funcs if q not in wrapper_set] or funcs:
            wrappers = [w for w in funcs if w in self.ev.wrappers(q)] + extra_wrappers
            mark = self.ev.tool_mark(q) if not (_kw(call, "name") or _kw(call, "description")) else None
            if mark is not None:  # fastmcp's @tool(name=..., description=...) marker says how it is listed
                self._function_tool(flavor, self.p.funcs[q], mark[0], mark[1], Location(path, line), True, wrappers)
                continue
            self._function_tool(flavor, self.p.funcs[q], call, scope, Location(path, line), positional_name, wrappers)

    def _defer_to_calls(self, node: ast.expr, scope: Scope, at: Location) -> bool:
        """A tool name read from a parameter of the (unbound) function it is registered in, when
        the package calls that function: registered at each call instead (`make_tool(name, desc)`
        in a loop over pairs); see `FactoryStyle._apply_parametric`."""
        f = scope.func
        if f is None or scope.overrides or isinstance(f.node, ast.Lambda) or not self.ev.call_index.named(f.name):
            return False
        if not ({n.id for n in ast.walk(node) if isinstance(n, ast.Name)} & set(f.params)):
            return False
        self._parametric.setdefault(f.qualname, (at.path, at.line))
        return True

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

    def _name_at_setting_defaults(self, node: ast.expr, scope: Scope, line: int, path: str) -> str | None:
        """A tool name built from the server's settings (`f"{TOOL_PREFIX}_{name}" if TOOL_PREFIX else name`
        with `TOOL_PREFIX = os.environ.get("TOOL_PREFIX", "")`): computed with each environment variable at
        its default (the name a client sees when the setting is not given), and said so in errors[]."""
        with self.ev.at_setting_defaults():
            name = self._const_str(node, scope)
        if name is not None:
            self.out.errors.append(AnalysisError(
                STAGE,
                f"tool name at line {line} depends on the server's settings (environment variables read with a "
                f"default): shown as {name!r}, its value when they are not set",
                path,
            ))
        return name

    def _known_text(self, node: ast.expr, scope: Scope) -> str | None:
        """A description made of constant text and values only known at run time (`"Run a query" +
        suffix`, `f"Return the tables. {DB_INFO}"`): the text with each unknown part written as
        `UNKNOWN_PART`, when it has constant words (12 letters or more); None otherwise."""
        parts = self._text_parts(node, scope, 0)
        if parts is None:
            return None
        known = "".join(p for p in parts if p is not None)
        if sum(c.isalpha() for c in known) < 12 or None not in parts:
            return None
        return "".join(UNKNOWN_PART if p is None else p for p in parts)

    def _text_parts(self, node: ast.expr, scope: Scope, depth: int) -> list[str | None] | None:
        const = self._const_str(node, scope)
        if const is not None:
            return [const]
        if depth > 6:
            return [None]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self._text_parts(node.left, scope, depth + 1)
            right = self._text_parts(node.right, scope, depth + 1)
            return None if left is None or right is None else [*left, *right]
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            body = self._returned_text(node, scope)  # `describe()`: the text its one `return` makes
            if body is not None:
                return self._text_parts(body[0], body[1], depth + 1)
        if isinstance(node, ast.JoinedStr):
            out: list[str | None] = []
            for v in node.values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    out.append(v.value)
                elif isinstance(v, ast.FormattedValue) and v.format_spec is None and v.conversion == -1:
                    out += self._text_parts(v.value, scope, depth + 1) or [None]
                else:
                    out.append(None)
            return out
        return None if depth == 0 else [None]  # at the top: the whole text unknown, not a part of it

    def _returned_text(self, call: ast.Call, scope: Scope) -> tuple[ast.expr, Scope] | None:
        """The expression a call of a package function without arguments returns, with the scope it is
        evaluated in, when the function is one whose body (past its docstring) is a single `return`."""
        funcs = [v for v in self.ev.ev(call.func, scope) if isinstance(v, Func)]
        f = self.p.funcs.get(funcs[0].qualname) if len(funcs) == 1 else None
        if f is None or isinstance(f.node, ast.Lambda) or f.params:
            return None
        body = [st for st in f.node.body
                if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str))]
        if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
            return None
        return body[0].value, self.ev.func_scope(f.qualname)

    def _unknown_because(self, node: ast.expr, scope: Scope) -> str:
        """Where an unknown tool name comes from, for errors[]: the loop that builds one tool per item and
        what it iterates (`for tool_name, tool_info in enabled_tools.items()` over `enabled_tools = await
        get_tools(…)` at line 48, a registry filtered at run time); "" when it is not a loop's item."""
        f = scope.func
        used = sorted({n.id for n in ast.walk(node) if isinstance(n, ast.Name)})
        while f is not None:
            for name in used:
                for b in f.bindings.get(name, []):
                    if b.kind != "for" or not isinstance(b.node, ast.expr):
                        continue
                    text = f": one tool per item of a loop over `{short(b.node, 80)}`"
                    base = b.node
                    while isinstance(base, (ast.Call, ast.Attribute, ast.Await)):
                        base = base.func if isinstance(base, ast.Call) else base.value
                    source = self._assigned(base.id, f) if isinstance(base, ast.Name) else None
                    if isinstance(base, ast.Name) and source is not None:
                        text += f", `{base.id}` = `{short(source, 80)}` (line {source.lineno})"
                    return text + ", whose items the analysis could not compute"
            f = self.p.funcs.get(f.parent) if f.parent else None
        return datafiles.why_unknown(self.ev, node, scope)

    def _assigned(self, name: str, f: FuncInfo) -> ast.expr | None:
        """The one value NAME is assigned in F or a function F is nested in."""
        where: FuncInfo | None = f
        while where is not None:
            found = [b.node for b in where.bindings.get(name, []) if b.kind == "assign" and isinstance(b.node, ast.expr)]
            if found:
                return found[0] if len(found) == 1 else None
            where = self.p.funcs.get(where.parent) if where.parent else None
        return None

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
        for callee in ordered(self.ev.ev(node.func, scope)):
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
        # `@functools.wraps(g) def f(...)`: f carries g's name, docstring and (through __wrapped__) signature
        listed = self._wraps_target(f) or f
        name: str | None
        if name_node is None:
            name = listed.name if not isinstance(listed.node, ast.Lambda) else None
        else:
            name = self._const_str(name_node, scope)
            if name is None and self._defer_to_calls(name_node, scope, at):
                return
            if name is None:
                name = self._name_with_defaults(name_node, scope, at)
            if name is None:
                name = self._name_at_setting_defaults(name_node, scope, at.line, at.path)
        if name is None:
            why = self._unknown_because(name_node, scope) if name_node is not None else ""
            self.out.errors.append(
                AnalysisError(STAGE, f"tool name at line {at.line} could not be computed statically{why}", at.path)
            )
            return
        # one registration reached again (another route to the same call) is one tool; the same
        # call with another name (a factory called in a loop over (name, description) pairs) is another
        key = (at.path, at.line, f.qualname, name)
        if key in self._seen:
            return
        self._seen.add(key)
        desc_node = _kw(call, "description") if call is not None else None
        raw_doc = None if isinstance(listed.node, ast.Lambda) else ast.get_docstring(listed.node, clean=False)
        source, note = "static", None
        explicit: str | None = None
        if desc_node is not None:
            explicit = self._const_str(desc_node, scope)
            if explicit is None and not (isinstance(desc_node, ast.Constant) and desc_node.value is None):
                if (known := self._known_text(desc_node, scope)) is not None:
                    explicit, source = known, "partial"
                    note = f"{UNKNOWN_PART} marks what is only known at run time; {self._dynamic_note(desc_node, scope)}"
                else:
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
        skip_first = bool(listed.klass) and not listed.is_static
        schema = self.schemas.for_function(listed.node, self.ev.def_scope(listed), skip_first, param_docs)
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
        for w in wrappers or []:  # a decorator that injects an argument hides it from the signature
            decorator = self.p.funcs.get(self.p.funcs[w].parent or "") if w in self.p.funcs else None
            if decorator is None or isinstance(decorator.node, ast.Lambda) or isinstance(listed.node, ast.Lambda):
                continue
            for arg in dropped_parameters(decorator.node, [a.arg for a in (*listed.node.args.posonlyargs,
                                                                           *listed.node.args.args)]):
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

    def _wraps_target(self, f: FuncInfo) -> FuncInfo | None:
        """The package function `f` is made to look like by `@functools.wraps(g)` on its own `def`
        (`@wraps(list_databases) async def list_databases_async(self)` in a class), when it is one."""
        if isinstance(f.node, ast.Lambda):
            return None
        scope = self.ev.def_scope(f)
        for dec in f.decorators:
            if not (isinstance(dec, ast.Call) and dec.args):
                continue
            if not any(isinstance(v, Ext) and v.qualname == "functools.wraps" for v in self.ev.ev(dec.func, scope)):
                continue
            targets = {v.qualname for v in self.ev.ev(dec.args[0], scope) if isinstance(v, Func)} & set(self.p.funcs)
            if len(targets) == 1:
                return self.p.funcs[targets.pop()]
        return None

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
        loaded = datafiles.why_unknown(self.ev, node, scope)
        if loaded:
            return f"not computable statically: {text}{loaded}"
        return f"not computable statically: {text}"

    def _schema_value(self, node: ast.expr, scope: Scope) -> dict[str, Any] | None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
            "model_json_schema",
            "schema",
        ):
            for v in ordered(self.ev.ev(node.func.value, scope)):
                qualname = getattr(v, "qualname", "")
                if qualname in self.p.classes:
                    return self.schemas.model_schema(qualname)
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
        for v in ordered(vals):
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
        for a, d in zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=False):
            binds[a.arg] = self.ev.ev(d, def_scope)
        for a, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=False):
            if kw_default is not None:
                binds[a.arg] = self.ev.ev(kw_default, def_scope)
        for a, value in zip(positional, call.args, strict=False):
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

    # ------------------------------------------------------------------ hooks of the composed extractor
    def _on_call(self, call: ast.Call, scope: Scope) -> None:
        """A call met while walking a body (registration calls, mounts)."""
        raise NotImplementedError

    def _decorators(self, f: FuncInfo, scope: Scope) -> None:
        """Registrations made by the decorators of one `def`, evaluated in `scope`."""
        raise NotImplementedError

    def _note_server(self, dec: ast.expr, scope: Scope, first_new: int) -> None:
        """Remember on which server the tools registered by `dec` were registered."""
        raise NotImplementedError


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
