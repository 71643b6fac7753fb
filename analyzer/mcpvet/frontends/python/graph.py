"""Call graph of the package: nodes are functions (optionally specialised by constant arguments),
edges are resolved calls; each node carries the sink calls it makes and the calls that could not
be resolved.

Node names are qualified function names; module-level code is `pkg.mod.<module>` and the
`if __name__ == "__main__":` block is `pkg.mod.<main>`. A node specialised for constant
arguments (a low-level `call_tool` dispatcher for one tool name) has `ctx` set.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from mcpvet.analysis.digraph import DiGraph
from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.clients import client_type, joined, request_base
from mcpvet.frontends.python.evaluator import Evaluator
from mcpvet.frontends.python.forwarders import Forwarders
from mcpvet.frontends.python.grants import grant_call, names_grant
from mcpvet.frontends.python.hooks import construction_hooks
from mcpvet.frontends.python.index import Program
from mcpvet.frontends.python.pathplaces import package_place, path_places
from mcpvet.frontends.python.pathrecv import PATH_METHODS, not_a_path
from mcpvet.frontends.python.receivers import CallSiteTypes, unknown
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.sdk import server_flavor
from mcpvet.frontends.python.taint import (
    MAX_DESTINATION,
    prefix_of,
    safe_yaml_loader,
    sink_command,
    sink_destination,
    slot_node,
)
from mcpvet.frontends.python.values import (
    Const,
    DictVal,
    Ext,
    ExtInst,
    Func,
    Instance,
    Klass,
    PkgMethod,
    Record,
    Seq,
    ServerMethod,
    ToolDecorator,
    Unknown,
    Value,
)
from mcpvet.model import AnalysisError, Command, Kind
from mcpvet.sinks.pyclients import derived_kinds, unmodelled_library
from mcpvet.sinks.python import (
    CONST_ARG_HARMLESS,
    IN_MEMORY_CONNECT,
    OPEN_LIKE,
    OTHER_PATH,
    VALUE_CONSTRUCTORS,
    access_kinds,
    in_memory_database,
    modelled,
    open_mode_kinds,
    sink_kinds,
    sink_slot,
    sql_kinds,
)

# Methods of the built-in value types. A call `x.m()` with one of these names on a receiver the
# evaluator cannot type is taken as a call on a built-in value (resolved, no sink) instead of an
# unresolved call; a package method of the same name is still followed when the receiver is known.
BUILTIN_TYPE_METHODS = frozenset(
    {
        "append", "extend", "insert", "pop", "remove", "clear", "copy", "count", "index", "sort", "reverse",
        "get", "items", "keys", "values", "setdefault", "update", "popitem", "add", "discard",
        "union", "intersection", "difference", "issubset", "issuperset",
        "lower", "upper", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "join", "replace",
        "startswith", "endswith", "find", "rfind", "format", "encode", "decode", "title", "capitalize",
        "casefold", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "zfill", "center",
        "ljust", "rjust", "partition", "rpartition", "removeprefix", "removesuffix", "expandtabs", "hex",
        "isoformat", "strftime", "total_seconds", "group", "groups", "groupdict", "match", "search",
        "findall", "finditer", "sub", "fullmatch", "hexdigest", "digest",
    }
)


@dataclass(frozen=True, order=True)
class NodeKey:
    qualname: str
    ctx: tuple[tuple[str, object], ...] = ()

    @property
    def label(self) -> str:
        if not self.ctx:
            return self.qualname
        inner = ", ".join(f"{k}={v!r}" for k, v in self.ctx)
        return f"{self.qualname}[{inner}]"


@dataclass(frozen=True)
class SinkUse:
    kind: Kind
    sink: str
    path: str
    line: int
    slot: int | str | None = None  # the argument that matters (sinks.python.SLOTS)
    role: str | None = None
    destination: str | None = None
    places: tuple[str, ...] = ()  # the few places a path may be, every one known (pathplaces.py)
    grant: bool = False  # a request exchanging a credential at a token endpoint (grants.py)
    commands: tuple[Command, ...] = ()  # the program a process start runs and its words (taint.sink_command)


@dataclass
class NodeFacts:
    path: str
    edges: list[tuple[NodeKey, int]] = field(default_factory=list)
    sinks: list[SinkUse] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    skipped: list[tuple[int, int]] = field(default_factory=list)  # line spans pruned away (ctx nodes)
    # (line, method) of `x.touch(...)`-like calls -> True when no receiver there can be a path (pathrecv)
    not_paths: dict[tuple[int, str], bool] = field(default_factory=dict)
    # (line, method) of such a call whose receiver may be a path -> its destination and places, for the
    # semgrep hit there when the evaluator does not know the receiver (`for old in files: old.unlink()`)
    path_receivers: dict[tuple[int, str], tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)


class InstanceOf(str):
    """In a specialised node's context, a parameter bound to an object of one class of the package
    (the model one tool's arguments were parsed into): `isinstance` tests on it are decided
    (`narrowing`). A `str` so that contexts stay comparable; the text names the class."""

    @property
    def klass(self) -> str:
        return self[len("<instance of "):-1]

    @classmethod
    def of(cls, klass: str) -> InstanceOf:
        return cls(f"<instance of {klass}>")


def ctx_bindings(ctx: tuple[tuple[str, object], ...]) -> dict[str, frozenset[Value]]:
    """Scope overrides of a specialised node: `name=...` binds a name, `params.name=...` an attribute."""
    plain: dict[str, frozenset[Value]] = {}
    fields: dict[str, list[tuple[str, frozenset[Value]]]] = {}
    for name, value in ctx:
        base, _, attr = name.partition(".")
        bound: frozenset[Value] = frozenset({Instance(value.klass) if isinstance(value, InstanceOf) else Const(value)})
        if attr:
            fields.setdefault(base, []).append((attr, bound))
        else:
            plain[name] = bound
    for base, items in fields.items():
        plain[base] = frozenset({Record(tuple(items))})
    return plain


def is_main_guard(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.If) or not isinstance(stmt.test, ast.Compare):
        return False
    t = stmt.test
    names = [t.left, *t.comparators]
    has_name = any(isinstance(n, ast.Name) and n.id == "__name__" for n in names)
    has_main = any(isinstance(n, ast.Constant) and n.value == "__main__" for n in names)
    return has_name and has_main


def _span(stmts: list[ast.stmt]) -> tuple[int, int] | None:
    if not stmts:
        return None
    start = stmts[0].lineno
    end = max(getattr(s, "end_lineno", None) or s.lineno for s in stmts)
    return start, end


class GraphBuilder:
    def __init__(self, program: Program, evaluator: Evaluator) -> None:
        self.p = program
        self.ev = evaluator
        self.facts: dict[NodeKey, NodeFacts] = {}
        self.graph: DiGraph[NodeKey] = DiGraph()
        self.errors: list[AnalysisError] = []
        self._succ: dict[NodeKey, list[NodeKey]] = {}
        # handler -> decorator wrappers that run around it when the tool is called (set by the
        # frontend from the tool declarations before the graph is built)
        self.wrapper_edges: dict[str, list[str]] = {}
        self._properties = {f.name for f in program.funcs.values() if f.is_property}
        self._local_tops = {m.split(".", 1)[0] for m in program.modules} - {"__init__", "__main__"}
        self._class_by_node = {id(c.node): q for q, c in program.classes.items()}
        self._tested: dict[str, frozenset[str]] = {}  # function -> parameters whose class it tests
        self._tested_none: dict[str, frozenset[str]] = {}  # function -> None-default parameters its ifs test
        self._db_places: dict[str, tuple[str, ...]] = {}  # database library -> where its connections go
        self._grants: dict[str, bool] = {}  # function -> it names an OAuth grant (grants.py)
        # nodes whose facts are incomplete because the frontend_seconds budget ran out (before or
        # while they were computed): each carries an unresolved entry saying so
        self.unfinished: set[NodeKey] = set()
        self.sites = CallSiteTypes(evaluator)
        self.forwarders = Forwarders(evaluator)

    # ------------------------------------------------------------------ public
    def successors(self, key: NodeKey) -> list[NodeKey]:
        """Callees of a node, unique and sorted (computed once)."""
        cached = self._succ.get(key)
        if cached is None:
            cached = sorted({callee for callee, _line in self.node(key).edges})
            self._succ[key] = cached
        return cached

    def build_all(self) -> None:
        for m in sorted(self.p.modules):
            self.node(NodeKey(f"{m}.<module>"))
            self.node(NodeKey(f"{m}.<main>"))
        for q in sorted(self.p.funcs):
            self.node(NodeKey(q))

    def node(self, key: NodeKey) -> NodeFacts:
        """Facts of a node, computing it (and adding it and its edges to the graph) on first use."""
        facts = self.facts.get(key)
        if facts is not None:
            return facts
        pending = [key]
        while pending:
            k = pending.pop()
            if k in self.facts:
                continue
            if self.ev.out_of_time():
                f = NodeFacts(path=self._path_of(k))
            else:
                try:
                    f = self._compute(k)
                except RecursionError:
                    f = NodeFacts(path="", unresolved=[f"{k.label}: analysis gave up (nesting too deep)"])
                    self.errors.append(AnalysisError("python", f"call graph of {k.label} incomplete: nesting too deep"))
            if self.ev.expired:  # not computed, or computed while the clock ran out: incomplete
                self.unfinished.add(k)
                f.unresolved.append(f"{k.label}: not analysed (the {self.ev.stopped_by} budget ran out)")
            self.facts[k] = f
            self.graph.add_node(k)
            for callee, line in f.edges:
                self.graph.add_edge(k, callee, line=line)
                if callee not in self.facts:
                    pending.append(callee)
        return self.facts[key]

    def _path_of(self, key: NodeKey) -> str:
        f = self.p.funcs.get(key.qualname)
        if f is not None:
            return f.path
        m = self.p.modules.get(key.qualname.rsplit(".", 1)[0])
        return m.path if m is not None else ""

    # ------------------------------------------------------------------ per node
    def _compute(self, key: NodeKey) -> NodeFacts:
        q = key.qualname
        if q.endswith(".<module>") or q.endswith(".<main>"):
            mod_name = q.rsplit(".", 1)[0]
            m = self.p.modules.get(mod_name)
            if m is None:
                return NodeFacts(path="")
            facts = NodeFacts(path=m.path)
            want_main = q.endswith(".<main>")
            body: list[ast.stmt] = []
            for stmt in m.tree.body:
                if is_main_guard(stmt) and isinstance(stmt, ast.If):
                    if want_main:
                        body.extend(stmt.body)
                elif not want_main:
                    body.append(stmt)
            self._walk(body, self.ev.module_scope(mod_name), False, facts, key)
            return facts
        f = self.p.funcs.get(q)
        if f is None:
            return NodeFacts(path="")
        facts = NodeFacts(path=f.path)
        scope = self.ev.func_scope(q)
        if key.ctx:
            scope = self.ev.derive(scope, ctx_bindings(key.ctx))
        if isinstance(f.node, ast.Lambda):
            self._expr(f.node.body, scope, facts, key)
        else:
            self._walk(f.node.body, scope, bool(key.ctx), facts, key)
        for w in self.wrapper_edges.get(q, ()):
            facts.edges.append((NodeKey(w), f.line))
        return facts

    def _walk(self, stmts: list[ast.stmt], scope: Scope, prune: bool, facts: NodeFacts, key: NodeKey) -> bool:
        """Walk statements; True when (under pruning) control surely leaves the block."""
        for index, stmt in enumerate(stmts):
            if self._walk_stmt(stmt, scope, prune, facts, key):
                rest = stmts[index + 1 :]
                if (span := _span(rest)) is not None:
                    facts.skipped.append(span)
                return True
        return False

    def _walk_stmt(self, stmt: ast.stmt, scope: Scope, prune: bool, facts: NodeFacts, key: NodeKey) -> bool:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for n in [*stmt.decorator_list, *stmt.args.defaults, *(d for d in stmt.args.kw_defaults if d)]:
                self._expr(n, scope, facts, key)
            return False
        if isinstance(stmt, ast.ClassDef):
            for n in [*stmt.decorator_list, *stmt.bases]:
                self._expr(n, scope, facts, key)
            cls_q = self._class_qualname(scope, stmt)
            if cls_q is not None:
                self._walk(stmt.body, self.ev.class_scope(cls_q), False, facts, key)
            return False
        if prune and isinstance(stmt, ast.If):
            self._expr(stmt.test, scope, facts, key)
            truth = self.ev.truth(stmt.test, scope)
            if truth is None:
                truth = _none_truth(stmt.test, key.ctx)
            ends: list[bool] = []
            for branch, keep in ((stmt.body, truth is not False), (stmt.orelse, truth is not True)):
                if keep:
                    ends.append(self._walk(branch, scope, prune, facts, key))
                elif (span := _span(branch)) is not None:
                    facts.skipped.append(span)
            return bool(ends) and all(ends) and (truth is not None or len(ends) == 2)
        if prune and isinstance(stmt, ast.Match):
            self._expr(stmt.subject, scope, facts, key)
            self._match(stmt, scope, facts, key)
            return False
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.stmt):
                self._walk([child], scope, prune, facts, key)
            elif isinstance(child, ast.ExceptHandler):
                if child.type is not None:
                    self._expr(child.type, scope, facts, key)
                self._walk(child.body, scope, prune, facts, key)
            elif isinstance(child, ast.match_case):
                if child.guard is not None:
                    self._expr(child.guard, scope, facts, key)
                self._walk(child.body, scope, prune, facts, key)
            elif isinstance(child, ast.withitem):
                self._expr(child.context_expr, scope, facts, key)
                self._with_edges(child.context_expr, scope, facts)
            elif isinstance(child, ast.expr):
                self._expr(child, scope, facts, key)
        return prune and isinstance(stmt, (ast.Return, ast.Raise))

    def _class_qualname(self, scope: Scope, node: ast.ClassDef) -> str | None:
        return self._class_by_node.get(id(node))

    def _match(self, stmt: ast.Match, scope: Scope, facts: NodeFacts, key: NodeKey) -> None:
        subject = self.ev.ev(stmt.subject, scope)
        subj = next(iter(subject)).value if len(subject) == 1 and isinstance(next(iter(subject)), Const) else _NO  # type: ignore[union-attr]
        decided = False
        for case in stmt.cases:
            verdict = None if subj is _NO or decided else self._pattern(case.pattern, subj, scope)
            if decided or verdict is False:
                if (span := _span(case.body)) is not None:
                    facts.skipped.append(span)
                continue
            if case.guard is not None:
                self._expr(case.guard, scope, facts, key)
            self._walk(case.body, scope, True, facts, key)
            if verdict is True and case.guard is None:
                decided = True

    def _pattern(self, pattern: ast.pattern, subject: object, scope: Scope) -> bool | None:
        if isinstance(pattern, ast.MatchValue):
            vals = self.ev.ev(pattern.value, scope)
            if len(vals) == 1 and isinstance(next(iter(vals)), Const):
                return next(iter(vals)).value == subject  # type: ignore[union-attr]
            return None
        if isinstance(pattern, ast.MatchSingleton):
            return pattern.value is subject
        if isinstance(pattern, ast.MatchOr):
            results = [self._pattern(p, subject, scope) for p in pattern.patterns]
            if any(r is True for r in results):
                return True
            return False if all(r is False for r in results) else None
        if isinstance(pattern, ast.MatchAs):
            if pattern.pattern is None:
                return True
            return self._pattern(pattern.pattern, subject, scope)
        return None

    def _with_edges(self, expr: ast.expr, scope: Scope, facts: NodeFacts) -> None:
        for v in self.ev.ev(expr, scope):
            if isinstance(v, Instance):
                for m in ("__enter__", "__exit__", "__aenter__", "__aexit__"):
                    q = self.ev.method(v.klass, m)
                    if q:
                        facts.edges.append((NodeKey(q), expr.lineno))

    # ------------------------------------------------------------------ expressions and calls
    def _expr(self, node: ast.expr, scope: Scope, facts: NodeFacts, key: NodeKey) -> None:
        for n in local_walk([node]):
            if isinstance(n, ast.Call):
                self._call(n, scope, facts, key)
            elif isinstance(n, ast.Attribute) and n.attr in ("environ", "environb"):
                self._access(n, scope, facts)
            elif isinstance(n, ast.Attribute) and n.attr in self._properties:
                self._property(n, scope, facts)
            elif isinstance(n, ast.Name) and n.id in ("environ", "environb"):
                self._access(n, scope, facts)

    def _property(self, n: ast.Attribute, scope: Scope, facts: NodeFacts) -> None:
        """Reading `obj.prop` runs the property's getter."""
        for v in self.ev.ev(n.value, scope):
            if isinstance(v, Instance):
                q = self.ev.method(v.klass, n.attr)
                if q and self.p.funcs[q].is_property:
                    facts.edges.append((NodeKey(q), n.lineno))

    def _access(self, n: ast.expr, scope: Scope, facts: NodeFacts) -> None:
        for v in self.ev.ev(n, scope):
            if isinstance(v, Ext):
                for kind in access_kinds(v.qualname):
                    facts.sinks.append(SinkUse(kind, v.qualname, facts.path, n.lineno))

    def _call(self, call: ast.Call, scope: Scope, facts: NodeFacts, key: NodeKey) -> None:
        callees = self.ev.ev(call.func, scope)
        if unknown(callees):
            callees = callees | self._site_callees(call.func, scope)
        registration = False
        resolved = False
        if isinstance(call.func, ast.Attribute):
            if call.func.attr in PATH_METHODS:
                site = (call.lineno, call.func.attr)
                typed = not_a_path(self.ev.ev(call.func.value, scope), call.func.attr, self._own_method)
                facts.not_paths[site] = facts.not_paths.get(site, True) and typed
                if not typed and site not in facts.path_receivers:
                    facts.path_receivers[site] = self._path_slot(call, "receiver", scope)
            if call.func.attr in BUILTIN_TYPE_METHODS:
                resolved = True  # a method of a str/bytes/list/dict/set value: no sink, no package code
            else:
                receivers = self.ev.ev(call.func.value, scope)
                if receivers and all(isinstance(r, (Const, Seq, DictVal)) for r in receivers):
                    resolved = True
        for v in callees:
            if isinstance(v, Func):
                resolved = True
                facts.edges.append((self.callee_key(v.qualname, call, scope, key), call.lineno))
            elif isinstance(v, Klass):
                resolved = True
                for m in ("__init__", "__new__"):
                    q = self.ev.method(v.qualname, m)
                    if q:
                        # `Store(path)`: the arguments bind the parameters after `self`
                        target = self.callee_key(q, call, scope, key, True) if m == "__init__" else NodeKey(q)
                        facts.edges.append((target, call.lineno))
                for hook in dict.fromkeys(h.qualname for h in construction_hooks(self.ev, v.qualname)):
                    facts.edges.append((NodeKey(hook), call.lineno))
            elif isinstance(v, Instance):
                resolved = True
                q = self.ev.method(v.klass, "__call__")
                if q:
                    facts.edges.append((NodeKey(q), call.lineno))
            elif isinstance(v, Ext):
                # a package module we could not find (`from .speedups import f`, a compiled module
                # absent from the artifact) resolves nothing; it leaves the call unresolved only
                # when no other callee is known, whatever the order of the value set
                if not self._looks_local(v.qualname):
                    resolved = True
                self._ext_sink(v.qualname, call, scope, facts)
                if server_flavor(v.qualname):
                    registration = True  # Server(..., on_call_tool=handler): handlers are not called here
            elif isinstance(v, (ServerMethod, ToolDecorator)):
                resolved = True
                registration = True
            elif isinstance(v, ExtInst):
                resolved = True
            elif isinstance(v, Unknown):
                pass
            else:
                resolved = True
        if not resolved and self._enclosing_param_call(call, scope):
            # calling a parameter of an enclosing function (a decorator's wrapped function): the
            # function passed in is reached through the caller's callback edge or is the tool root
            resolved = True
        if not resolved:
            facts.unresolved.append(f"{_text(call.func)} ({facts.path}:{call.lineno})")
        elif isinstance(call.func, ast.Attribute):
            library = self._unmodelled(callees, call.func, scope)
            if library is not None:
                # a method of a library object no summary models: what it does is not known here
                facts.unresolved.append(f"{_text(call.func)} ({facts.path}:{call.lineno}; no model of {library})")
        if not registration and isinstance(call.func, ast.Attribute) and call.func.attr in ("tool", "add_tool"):
            # `server.tool(fn)` on a server the context-free evaluator cannot see (a parameter):
            # registering a tool does not call it
            registration = all(isinstance(v, Unknown) for v in callees)
        if registration:
            return
        # callbacks: a function passed as an argument may be called by the callee; one a forwarder
        # calls with the arguments that follow it (`asyncio.to_thread(fn, a, b)`) is `fn(a, b)`
        forwarded = self.forwarders.handed_call(call, callees, package=False)
        handed = forwarded if forwarded is not None else self.forwarders.handed_call(call, callees, library=False)
        if handed is not None:  # a library function handed over (`to_thread(subprocess.run, cmd)`) is called here
            for v in self.ev.ev(handed.func, scope):
                if isinstance(v, Ext):
                    self._ext_sink(v.qualname, handed, scope, facts)
        for arg in [*call.args, *(k.value for k in call.keywords)]:
            if isinstance(arg, (ast.Name, ast.Attribute, ast.Lambda)):
                for v in self.ev.ev(arg, scope):
                    if isinstance(v, Func):
                        target = (self.callee_key(v.qualname, forwarded, scope, key)
                                  if forwarded is not None and arg is forwarded.func else NodeKey(v.qualname))
                        facts.edges.append((target, call.lineno))

    def _own_method(self, klass: str, name: str) -> bool:
        return self.ev.method(klass, name) is not None

    def _site_callees(self, func: ast.expr, scope: Scope) -> frozenset[Value]:
        """`param(...)` / `param.method(...)` on a parameter the evaluator leaves unknown: what the
        package's calls pass for it (`receivers.CallSiteTypes`)."""
        if isinstance(func, ast.Name):
            return frozenset(v for v in self.sites.called_objects(func.id, scope) if isinstance(v, (Func, Klass, Instance)))
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return frozenset()
        if not unknown(self.ev.ev(func.value, scope)):
            return frozenset()
        out: set[Value] = set()
        for obj in self.sites.name_objects(func.value.id, scope):
            if isinstance(obj, (Instance, ExtInst)):
                out |= self.ev.attr(obj, func.attr)
        return frozenset(out)

    def _unmodelled(self, callees: frozenset[Value], func: ast.Attribute, scope: Scope) -> str | None:
        """The library of a method call on a third-party object that no table models (None: modelled,
        or not such a call)."""
        names = [v.qualname for v in callees if isinstance(v, Ext) and not isinstance(v, PkgMethod)]
        if not names or len(names) != len(callees) or any(modelled(q) for q in names):
            return None
        if not any(isinstance(r, ExtInst) or (isinstance(r, Ext) and _of_object(r.qualname))
                   for r in self.ev.ev(func.value, scope)):
            return None  # a module function, or a method a package class inherits
        libraries = {unmodelled_library(q) for q in names if not self._looks_local(q)}
        libraries.discard(None)
        return min(libraries) if libraries and len(libraries) == len(names) else None  # type: ignore[type-var]

    def _enclosing_param_call(self, call: ast.Call, scope: Scope) -> bool:
        if not isinstance(call.func, ast.Name) or scope.func is None:
            return False
        name = call.func.id
        f = scope.func
        if name in f.bindings:
            return False
        parent = self.p.funcs.get(f.parent) if f.parent else None
        while parent is not None:
            if name in parent.params:
                return True
            if name in parent.bindings:
                return False
            parent = self.p.funcs.get(parent.parent) if parent.parent else None
        return False

    def _looks_local(self, qualname: str) -> bool:
        top = qualname.split(".", 1)[0]
        return top in self._local_tops

    def callee_key(self, qualname: str, call: ast.Call, scope: Scope, key: NodeKey,
                   constructs: bool = False) -> NodeKey:
        """Pass constant bindings of a specialised caller on to the callee's matching parameters, and
        None for the parameters the call leaves at their default None that the callee tests
        (`if output_file:` of a helper the tool calls without `output_file`)."""
        omitted = self._omitted_none(qualname, call, constructs)
        if not key.ctx:
            return NodeKey(qualname, omitted) if omitted else NodeKey(qualname)
        if len(key.ctx) > self.ev.budgets.py_context_depth:
            # the specialisation stops here: the callee is analysed for every tool name at once
            tool = next((v for _, v in key.ctx if isinstance(v, str) and not isinstance(v, InstanceOf)), None)
            self.ev.cuts.cut("py_context_depth", f"calls from {key.qualname} analysed without the caller's constant "
                             "arguments (more bound parameters than the budget)", tool=tool,
                             path=self.p.funcs[key.qualname].path if key.qualname in self.p.funcs else None)
            return NodeKey(qualname)
        f = self.p.funcs.get(qualname)
        if f is None or isinstance(f.node, ast.Lambda):
            return NodeKey(qualname)
        bound = dict(key.ctx)
        offset = 1 if f.klass and not f.is_static and (constructs or isinstance(call.func, ast.Attribute)) else 0
        ctx: dict[str, object] = {}
        for i, arg in enumerate(call.args):
            text = _bound_text(arg)
            if text in bound and i + offset < len(f.params):
                ctx[f.params[i + offset]] = bound[text]
        for kw in call.keywords:
            text = _bound_text(kw.value)
            if kw.arg and text in bound and kw.arg in f.params:
                ctx[kw.arg] = bound[text]
        # an argument that is one object of one class of the package (the model this tool's arguments
        # were parsed into): the callee's `isinstance` tests on it are decided for this tool
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                break
            if i + offset < len(f.params) and f.params[i + offset] not in ctx:
                self._bind_instance(ctx, f.params[i + offset], arg, scope, qualname)
        for kw in call.keywords:
            if kw.arg and kw.arg in f.params and kw.arg not in ctx:
                self._bind_instance(ctx, kw.arg, kw.value, scope, qualname)
        for name, value in omitted:
            ctx.setdefault(name, value)
        return NodeKey(qualname, tuple(sorted(ctx.items()))) if ctx else NodeKey(qualname)

    def _omitted_none(self, qualname: str, call: ast.Call, constructs: bool = False) -> tuple[tuple[str, object], ...]:
        """The parameters defaulting to None that `call` does not pass and that the callee only tests
        (`if output_file:`, `if x is not None:`, never assigned): bound to None, the branch they guard
        is pruned from this call's copy of the callee."""
        tested = self._none_tested(qualname)
        if not tested or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return ()
        f = self.p.funcs[qualname]
        offset = 1 if f.klass and not f.is_static and (constructs or isinstance(call.func, ast.Attribute)) else 0
        passed = set(f.params[: offset + len(call.args)]) | {k.arg for k in call.keywords if k.arg}
        return tuple((name, None) for name in sorted(tested - passed))

    def _none_tested(self, qualname: str) -> frozenset[str]:
        found = self._tested_none.get(qualname)
        if found is None:
            found = frozenset()
            f = self.p.funcs.get(qualname)
            node = f.node if f is not None else None
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and f is not None:
                a = node.args
                positional = [*a.posonlyargs, *a.args]
                pairs = [*zip(positional[len(positional) - len(a.defaults):], a.defaults, strict=True),
                         *((k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None)]
                nones = {arg.arg for arg, d in pairs if isinstance(d, ast.Constant) and d.value is None
                         and all(b.kind == "param" for b in f.bindings.get(arg.arg, []))}
                if nones:
                    found = frozenset(t.id for n in local_walk(node.body) for t in _none_uses(n) if t.id in nones)
            self._tested_none[qualname] = found
        return found

    def _bind_instance(self, ctx: dict[str, object], param: str, arg: ast.expr, scope: Scope, callee: str) -> None:
        if not isinstance(arg, (ast.Name, ast.Attribute, ast.Call)) or param not in self._class_tested(callee):
            return
        values = self.ev.narrowing.live_values(arg, scope) if isinstance(arg, ast.Name) else self.ev.ev(arg, scope)
        if len(values) == 1:
            v = next(iter(values))
            if isinstance(v, Instance) and v.klass in self.p.classes:
                ctx[param] = InstanceOf.of(v.klass)

    def _class_tested(self, qualname: str) -> frozenset[str]:
        """The parameters of a function whose class its body tests (`isinstance(args, …)`, or a local
        assigned from the parameter: `arg = args`)."""
        found = self._tested.get(qualname)
        if found is None:
            f = self.p.funcs.get(qualname)
            found = frozenset()
            if f is not None and not isinstance(f.node, ast.Lambda):
                aliases = {p: p for p in f.params}
                for name, bindings in f.bindings.items():
                    for b in bindings:
                        if b.kind == "assign" and not b.path and isinstance(b.node, ast.Name) and b.node.id in f.params:
                            aliases[name] = b.node.id
                found = frozenset(aliases[n.args[0].id] for n in self.p.local_calls(f.node.body)
                                  if isinstance(n.func, ast.Name) and n.func.id == "isinstance" and n.args
                                  and isinstance(n.args[0], ast.Name) and n.args[0].id in aliases)
            self._tested[qualname] = found
        return found

    def _ext_sink(self, q: str, call: ast.Call, scope: Scope, facts: NodeFacts) -> None:
        if q.startswith("<") or q in VALUE_CONSTRUCTORS:
            return
        slot = sink_slot(q)
        if "()" in q:
            if slot is not None and slot[1] == "sql":
                if self._constant_arg(call, slot[0], scope):
                    return
                node = slot_node(call, slot[0])  # SQL built at run time through a database handle
                kinds = sql_kinds(q, prefix_of(self.ev, node, scope)[0] if node is not None else "")
            else:
                kinds = derived_kinds(q)  # a method of an object a summarised client returned
        elif q in OPEN_LIKE:
            kinds = open_mode_kinds(self._open_mode(q, call, scope))
        else:
            if q in CONST_ARG_HARMLESS and call.args:
                vals = self.ev.ev(call.args[0], scope)
                if len(vals) == 1 and isinstance(next(iter(vals)), Const):
                    return
            if q == "yaml.load" and safe_yaml_loader(call):
                return
            if q in IN_MEMORY_CONNECT and self._in_memory(q, call, scope):
                return
            kinds = sink_kinds(q)
        if not kinds:
            return
        sink = q.removeprefix("builtins.").replace("()", "")
        where, role = slot if slot is not None else (None, None)
        if role == "path" and where is not None:
            destination, places = self._path_slot(call, where, scope)
        else:
            destination = sink_destination(self.ev, call, where, role, scope) if role is not None else None
            places = ()
        if places and (other := OTHER_PATH.get(sink)) is not None:
            places = self._with_other_path(call, other, scope, places)
        if "()" in q and role == "sql" and Kind.FS_WRITE in kinds:
            places = self._database_places(q.split(".", 1)[0])  # the files its connections opened
        if role == "url" and where is not None and client_type(q) and "://" not in (destination or ""):
            destination = self._client_destination(call, where, scope, destination)
        grant = Kind.NETWORK in kinds and (grant_call(sink) or self._names_grant(scope))
        command = sink_command(self.ev, call, where, role, scope) if Kind.PROCESS in kinds else None
        commands = (command,) if command is not None else ()
        for kind in kinds:
            facts.sinks.append(SinkUse(kind, sink, facts.path, call.lineno, where, role, destination, places,
                                       grant and kind is Kind.NETWORK, commands if kind is Kind.PROCESS else ()))

    def _path_slot(self, call: ast.Call, where: int | str, scope: Scope) -> tuple[str | None, tuple[str, ...]]:
        """The destination and places of a path argument of a sink call (`where`: its slot; "receiver" for
        `x.unlink()`-like calls, `PATH_METHODS`)."""
        destination = sink_destination(self.ev, call, where, "path", scope)
        node = slot_node(call, where)
        return destination, self._slot_places(node, destination, scope, alone=True) if node is not None else ()

    def _with_other_path(self, call: ast.Call, slot: int, scope: Scope, places: tuple[str, ...]) -> tuple[str, ...]:
        """The places of a rename's or move's two paths (`os.replace(tmp, target)`: the temporary file and
        the file it becomes), when the second's are known too; else `()`: a file of the package's own
        folder moved onto one of the user's is not the package's bookkeeping."""
        node = slot_node(call, slot)
        if node is None:
            return ()
        other = self._slot_places(node, sink_destination(self.ev, call, slot, "path", scope), scope, alone=False)
        return tuple(sorted({*places, *other})) if other else ()

    def _slot_places(self, node: ast.expr, destination: str | None, scope: Scope, alone: bool) -> tuple[str, ...]:
        """The places of a path argument: a file of the installed package itself, else the few places of a
        path whose destination is not known whole; one known whole is its own destination when it is the
        call's only path (ALONE: `()`), one of the places of a move otherwise."""
        inside = package_place(self.ev, node, scope)
        if inside is not None:
            return (inside,)
        if destination and not destination.endswith("…"):
            return () if alone else (destination,)
        return path_places(self.ev, node, scope)

    def _names_grant(self, scope: Scope) -> bool:
        """The function the call is made in names an OAuth grant (`grants.names_grant`), once per function."""
        func = scope.func
        if func is None:
            return False
        found = self._grants.get(func.qualname)
        if found is None:
            found = self._grants[func.qualname] = names_grant(func.node)
        return found

    def _client_destination(self, call: ast.Call, where: int | str, scope: Scope, found: str | None) -> str | None:
        """A relative request path on a client made with a base URL (`client.get("/projects")`): the base
        joined with the path; none when the base is a setting alone (the path is no destination)."""
        node = slot_node(call, where)
        base = request_base(self.ev, call, scope) if node is not None else None
        if node is None or base is None:
            return found
        text, done = prefix_of(self.ev, node, scope)
        if "://" in text:
            return found
        return joined(base, text, done)[:MAX_DESTINATION] if base.base else None

    def _database_places(self, lib: str) -> tuple[str, ...]:
        """Where the package's databases of `lib` are (`sqlite3`): the places of the database file of
        every `lib.connect(...)` call in the package, when each is known (a constant path, a few
        places, a file of the installed package) or an in-memory database; else `()`. A statement run
        through a handle of one of them (`conn.cursor().execute`) writes one of these files."""
        found = self._db_places.get(lib)
        if found is None:
            q = f"{lib}.connect"
            places: set[str] = set()
            known = q in IN_MEMORY_CONNECT
            calls = self.ev.call_index.named("connect") if known else []
            for call, module, caller in calls[:16] if len(calls) <= 16 else []:
                at = self.ev.func_scope(caller) if caller else self.ev.module_scope(module)
                if not any(isinstance(v, Ext) and v.qualname == q for v in self.ev.ev(call.func, at)):
                    continue
                if self._in_memory(q, call, at):
                    continue
                node = call.args[0] if call.args else next(
                    (k.value for k in call.keywords if k.arg == IN_MEMORY_CONNECT[q]), None)
                inside = package_place(self.ev, node, at) if node is not None else None
                destination = sink_destination(self.ev, call, 0, "path", at) if call.args else None
                where = ((inside,) if inside is not None else (destination,) if destination
                         else path_places(self.ev, node, at) if node is not None else ())
                if not where:
                    known = False
                    break
                places.update(where)
            found = tuple(sorted(places)) if known and places and len(calls) <= 16 else ()
            self._db_places[lib] = found
        return found

    def _in_memory(self, q: str, call: ast.Call, scope: Scope) -> bool:
        """A connection to an in-memory database (`sqlite3.connect(":memory:")`, `duckdb.connect()`):
        no file is made or changed."""
        node = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == IN_MEMORY_CONNECT[q]),
                                                   None)
        if node is None:
            return q == "duckdb.connect" and not any(k.arg is None for k in call.keywords)
        vals = self.ev.ev(node, scope)
        return len(vals) == 1 and isinstance(v := next(iter(vals)), Const) and isinstance(v.value, str) \
            and in_memory_database(v.value)

    def _constant_arg(self, call: ast.Call, slot: int | str, scope: Scope) -> bool:
        node = slot_node(call, slot)
        if node is None:
            return True
        vals = self.ev.ev(node, scope)
        return len(vals) == 1 and isinstance(next(iter(vals)), Const)

    def _open_mode(self, q: str, call: ast.Call, scope: Scope) -> str | None:
        index = 0 if q == "pathlib.Path.open" else 1
        node: ast.expr | None = None
        for kw in call.keywords:
            if kw.arg == "mode":
                node = kw.value
        if node is None and len(call.args) > index:
            node = call.args[index]
        if node is None:
            return "r"
        vals = self.ev.ev(node, scope)
        if len(vals) == 1:
            v = next(iter(vals))
            if isinstance(v, Const) and isinstance(v.value, str):
                return v.value
        return None


_NO = object()


def _of_object(qualname: str) -> bool:
    """`lib.Client.records`: an attribute of a library object (a class or instance part in the name)."""
    return any(part[:1].isupper() or part.endswith("()") for part in qualname.split(".")[1:])


def _tested_name(test: ast.expr) -> ast.Name | None:
    """The name an `if` tests for being set: `x`, `not x`, `x is None`, `x is not None`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Is, ast.IsNot))
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None):
        test = test.left
    return test if isinstance(test, ast.Name) else None


def _none_uses(node: ast.AST) -> Iterator[ast.Name]:
    """The names a node tests for being set or hands on unchanged: the test of an `if`, of a
    conditional expression (`p.strip() if p else ""`) or a part of an `and`/`or` in one
    (`if p is None and os.environ.get(…)`), and a bare argument of a call (`get_provider(provider)`,
    `f(model=model)`), whose callee may test it in turn. A parameter left at its default None and used
    only so is bound to None in the caller's copy of the function: a branch chosen by another value
    (`if name == "google"` with `name` made from it) is decided there."""
    tests: list[ast.expr] = []
    if isinstance(node, (ast.If, ast.IfExp, ast.While)):
        tests.append(node.test)
    elif isinstance(node, ast.Call):
        for a in (*node.args, *(k.value for k in node.keywords)):
            if isinstance(a, ast.Name):
                yield a
    for test in tests:
        parts = test.values if isinstance(test, ast.BoolOp) else [test]
        for part in parts:
            if (name := _tested_name(part)) is not None:
                yield name


def _none_truth(test: ast.expr, ctx: tuple[tuple[str, object], ...]) -> bool | None:
    """The truth of `x`, `not x`, `x is None`, `x is not None` for a parameter this node binds to None."""
    name = _tested_name(test)
    if name is None or (name.id, None) not in ctx:
        return None
    negated = isinstance(test, ast.UnaryOp)
    if isinstance(test, ast.Compare):
        return isinstance(test.ops[0], ast.Is)
    return negated


def _bound_text(node: ast.expr) -> str:
    """`name` or `params.name`: the forms a bound constant is passed on in."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return ""


def _text(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError):
        return type(node).__name__
    return text if len(text) <= 80 else text[:77] + "..."
