"""The call graph (mcpvet.analysis.digraph) over every function of the package, with sink hits attached.

Nodes are function ids (`<path>:<qualified name>`). Edges:
  - a call resolved to a function of the package (`kind="call"`), to a constructor, to
    `this.m` and its overrides in subclasses;
  - a function passed as an argument (callbacks, promise chains, timers, wrappers: `kind="arg"`);
  - a function expression nested in another (`kind="nested"`: may be called from there);
  - calls through `this` carry `method`; calls on an instance of a known class carry `receiver`:
    a traversal that knows the receiver's class follows only the method that class resolves to
    (abstract bases calling methods that subclasses implement);
  - switch/if branches on a string literal and calls through `obj[key]` on an object literal
    carry `key` and `group`: when a traversal for tool T meets a group that has T as a key,
    it follows only T's edges (low-level servers dispatching by tool name).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from mcpvet.analysis.digraph import DiGraph
from mcpvet.frontends.javascript.facts import IR, CallFact, FunctionFacts
from mcpvet.frontends.javascript.ir import (
    KV,
    Arr,
    ArrayMethod,
    ArrV,
    BoundFn,
    BoundIR,
    Call,
    ClassRef,
    Dispatch,
    Env,
    Ext,
    Fn,
    Global,
    Id,
    Idx,
    Inst,
    Mem,
    ObjV,
    OneOf,
    Or,
    Param,
    Spread,
    Str,
    This,
    Unk,
    Value,
    children,
)
from mcpvet.frontends.javascript.ir import Node as IRNode
from mcpvet.frontends.javascript.program import EMPTY, Program, describe_value
from mcpvet.frontends.javascript.receivers import (
    BUILTIN_METHODS,
    this_field_call,
    unknown_receiver,
    unmodelled_method,
)
from mcpvet.model import Kind, SinkHit
from mcpvet.sinks.javascript import (
    MONGO_CODE_KEYS,
    UNSAFE_YAML_SCHEMA,
    argument_sink,
    lookup_global,
    lookup_module,
    mongo_query_member,
    sink_name,
)

TABLE_RULE = "table:javascript"  # the rule of the sink hits the frontend finds itself (not semgrep's)

# globals that are neither sinks nor worth reporting as unresolved
_BUILTIN_GLOBALS = set(
    """
    Array Boolean Buffer BigInt Date Error TypeError RangeError SyntaxError JSON Math Map Set WeakMap WeakSet
    Number Object Promise Proxy Reflect RegExp String Symbol URL URLSearchParams TextEncoder TextDecoder
    AbortController AbortSignal Intl console parseInt parseFloat isNaN isFinite encodeURIComponent
    decodeURIComponent encodeURI decodeURI escape unescape setTimeout setInterval setImmediate clearTimeout
    clearInterval clearImmediate queueMicrotask structuredClone atob btoa Blob FormData Headers Request
    Response ReadableStream WritableStream TransformStream Uint8Array Int8Array Uint16Array Int32Array
    Uint32Array Float32Array Float64Array ArrayBuffer DataView process require module exports
    __dirname __filename globalThis performance crypto Event EventTarget AggregateError Atomics
    SharedArrayBuffer WeakRef FinalizationRegistry Iterator
    """.split()
)
_HELPER_GLOBALS = {"__awaiter", "__generator", "__importDefault", "__importStar", "__createBinding",
                   "__setModuleDefault", "__exportStar", "__rest", "__spreadArray", "__assign",
                   "__decorate", "__metadata", "__param", "__values", "__read", "__await",
                   "__asyncValues", "__classPrivateFieldGet", "__classPrivateFieldSet", "__extends"}


@dataclass
class CallGraph:
    graph: DiGraph[str]
    hits: dict[str, list[SinkHit]]  # fid -> sink hits inside it
    unresolved: dict[str, list[str]]  # fid -> callee texts that could not be resolved
    dynamic_calls: int = 0
    call_sites: dict[str, list[tuple[str, tuple[IR, ...]]]] = field(default_factory=dict)  # fid -> (caller, args)
    iterations: dict[str, list[IR]] = field(default_factory=dict)  # fid -> arrays it is mapped over
    # functions whose calls were not (fully) resolved because the frontend_seconds budget ran out
    unfinished: set[str] = field(default_factory=set)
    # calls on a parameter resolved to one function (`server.addTool(…)` in `create(client, server)`):
    # kept apart from call_sites (the graph's own bindings), for the registrations evaluated per call site
    param_sites: dict[str, list[tuple[str, tuple[IR, ...]]]] = field(default_factory=dict)
    # a call (by the identity of its `CallFact`: a chained `f(x).then()` starts where `f(x)` does) -> the
    # package functions it was resolved to (`GraphBuilder.target`)
    targets: dict[int, list[str]] = field(default_factory=dict)


class GraphBuilder:
    def __init__(self, program: Program) -> None:
        self.p = program
        self.g: DiGraph[str] = DiGraph()
        self.hits: dict[str, list[SinkHit]] = {}
        self.unresolved: dict[str, list[str]] = {}
        self.dynamic = 0
        self.call_sites: dict[str, list[tuple[str, tuple[IR, ...]]]] = {}
        self.iterations: dict[str, list[IR]] = {}
        self.param_calls: list[tuple[FunctionFacts, CallFact]] = []
        # calls on a receiver that is another function's parameter (`this.client.get()` with
        # `this.client = client` in the constructor): resolved under that function's call sites
        self.field_calls: list[tuple[FunctionFacts, CallFact, str]] = []
        self._deferred: set[int] = set()
        self.param_sites: dict[str, list[tuple[str, tuple[IR, ...]]]] = {}
        # function -> {index in call_sites: the bindings the closure called there keeps} (`Fn.env`: the
        # parameters of the call that made it, `retry = withRetry(fn)` … `retry(x)`)
        self.site_closures: dict[str, dict[int, Env]] = {}
        self.targets: dict[int, list[str]] = {}
        self.max_sites = program.budgets.js_call_sites
        self.max_envs = program.budgets.js_environments
        # (what, function, depth) -> parameter environments; the call sites are fixed once built
        self._env_cache: dict[tuple[str, str, int], list[Env]] = {}
        self.unfinished: set[str] = set()
        # a function given to `new C(…)` whose constructor only keeps it in a field (`this.onModify =
        # onModify`): (caller, function, class, field, line); it is called where a method of C calls
        # `this.<field>()`, not by the `new` (see `_stored_in_field`)
        self.stored_callbacks: list[tuple[str, str, str, str, int]] = []
        self.this_field_sites: dict[tuple[str, str], list[tuple[str, int]]] = {}
        # (src, dst) of a nested function that its parent also calls or passes on (the edge stays "nested")
        self.nested_used: set[tuple[str, str]] = set()

    def build(self, extra_hits: Iterable[SinkHit]) -> CallGraph:
        for fid in sorted(self.p.functions):
            self.g.add_node(fid)
        for fid in sorted(self.p.functions):
            f = self.p.functions[fid]
            for child in f.anon_children:
                self.edge(fid, child, "nested", f.line)
            if self.p.out_of_time():
                self.not_finished(f)
                continue
            for bid, key, group in f.branches:
                if not isinstance(key, str):
                    resolved = self.p.value(key, EMPTY)
                    key = resolved.value if isinstance(resolved, Str) else None
                if key is None:
                    self.edge(fid, bid, "branch", f.line)
                else:
                    self.edge(fid, bid, "branch", f.line, key=key, group=group)
            for line, col, kind, sink, snippet in f.direct_sinks:
                self.add_hit(fid, SinkHit(f.path, line, line, col, Kind(kind), sink, TABLE_RULE, snippet))
            self.p.focus = fid
            for call in f.calls:
                self.call(f, call)
            if self.p.expired:  # computed while the clock ran out: incomplete
                self.not_finished(f)
        self.place_stored_callbacks()
        self.bind_parameters()
        self.p.focus = None
        self.attach(extra_hits)
        return CallGraph(self.g, self.hits, self.unresolved, self.dynamic, self.call_sites, self.iterations,
                         self.unfinished, self.param_sites, self.targets)

    def not_finished(self, f: FunctionFacts) -> None:
        """`f`'s calls are not (all) resolved: the frontend_seconds budget ran out; an unresolved entry says so."""
        if f.fid in self.unfinished:
            return
        self.unfinished.add(f.fid)
        self.unresolved.setdefault(f.fid, []).append(f"{f.fid}: not analysed (the frontend_seconds budget ran out)")

    def edge(
        self,
        src: str,
        dst: str,
        kind: str,
        line: int,
        key: str | None = None,
        group: str | None = None,
        method: str | None = None,
        receiver: str | None = None,
    ) -> None:
        if dst not in self.p.functions or src == dst:
            return
        if self.g.has_edge(src, dst):
            known = self.g.succ[src][dst]
            if kind != "nested" and known.get("kind") == "nested":
                self.nested_used.add((src, dst))
            if key is not None and known.get("group") == group and key != known.get("key"):
                # `case "a": case "b": …`: one branch, dispatched on by every label that falls into it
                known.setdefault("also", []).append(key)
            return
        attrs: dict[str, object] = {"kind": kind, "line": line}
        if method is not None:
            attrs["method"] = method  # a call through `this`: follows the receiver's class
        if receiver is not None:
            attrs["receiver"] = receiver  # a method call on an instance of a known class
        if key is not None:
            attrs["key"] = key
            attrs["group"] = group
        self.g.add_edge(src, dst, **attrs)

    def add_hit(self, fid: str, hit: SinkHit) -> None:
        _add_hit(self.hits, fid, hit)

    def call(self, f: FunctionFacts, call: CallFact) -> None:
        callee = self.p.value(call.callee, EMPTY)
        match call.callee:
            case Mem(This(this_fid), this_method):
                # virtual dispatch through `this`: the method found from here and every override below
                cls = self.p.enclosing_class(this_fid)
                if cls is not None:
                    self.this_field_sites.setdefault((cls, this_method), []).append((f.fid, call.line))
                if isinstance(callee, Fn):
                    # a method: followed per receiver class; a function kept in a field (`this.onModify =
                    # onModify`, resolved through the one instance) is no method of any class: a plain call,
                    # or the walk would drop it for a receiver class that has no such method
                    is_method = cls is not None and self.p.method_of(cls, this_method) == callee.fid
                    self.edge(f.fid, callee.fid, "call", call.line, method=this_method if is_method else None)
                    self.call_sites.setdefault(callee.fid, []).append((f.fid, call.args))
                    self.target(f, call, callee.fid)
                overrides = self.p.overrides(cls, this_method) if cls else []
                for override in overrides:
                    self.edge(f.fid, override, "call", call.line, method=this_method)
                if not isinstance(callee, Fn) and not overrides and this_field_call(this_method, callee):
                    # a function kept on the object (`this.httpRequest = params.httpRequest`) that the
                    # evaluator did not follow: what it does is unknown
                    self.unresolved.setdefault(f.fid, []).append(f"{call.text} (receiver unknown)")
            case _:
                self.resolved_call(f, call, callee)
        # callbacks: functions passed as arguments may be called by the callee
        for index, arg in enumerate(call.args):
            if isinstance(arg, Mem) and isinstance(arg.obj, This):  # `setTimeout(this.onModify)`: used there
                owner = self.p.enclosing_class(arg.obj.fid)
                if owner is not None:
                    self.this_field_sites.setdefault((owner, arg.prop), []).append((f.fid, call.line))
            target = self.p.value(arg.value if isinstance(arg, Spread) else arg, EMPTY)
            match target:
                case Fn(target_fid):
                    made = callee.cid if isinstance(callee, ClassRef) and not isinstance(arg, Spread) else None
                    kept = self._stored_in_field(made, index) if made is not None else None
                    if made is not None and kept is not None:
                        self.stored_callbacks.append((f.fid, target_fid, made, kept, call.line))
                    else:
                        self.edge(f.fid, target_fid, "arg", call.line)
                    iterated = isinstance(callee, ArrayMethod)
                    match call.callee:
                        case Mem(_, "forEach" | "map" | "flatMap"):
                            iterated = True
                    if iterated:
                        self.iterations.setdefault(target_fid, []).append(
                            call.callee.obj if isinstance(call.callee, Mem) else call.callee
                        )
                case BoundFn(target_fid):
                    self.edge(f.fid, target_fid, "arg", call.line)

    def _stored_in_field(self, cid: str, index: int) -> str | None:
        """The field in which the constructor of package class `cid` only keeps its parameter `index`
        (`constructor(sql, onModify) { this.onModify = onModify }`): no call of it, no call it is
        given to, no other binding of it, no nested function; None otherwise."""
        ctor_fid = self.p.method_of(cid, "constructor")
        ctor = self.p.functions.get(ctor_fid) if ctor_fid else None
        cls = self.p.classes.get(cid)
        if ctor is None or cls is None or ctor.anon_children or index >= len(ctor.params):
            return None
        name = ctor.params[index]
        mention = Id(name, ctor.fid)
        fields = [k for k, v in cls.fields.items() if v == mention]
        if len(fields) != 1:
            return None
        if any(_mentions(c.callee, mention) or any(_mentions(a, mention) for a in c.args) for c in ctor.calls):
            return None
        if any(k != name and _mentions(v, mention) for k, v in ctor.bindings.items()):
            return None
        if any(k != fields[0] and _mentions(v, mention) for k, v in cls.fields.items()):
            return None
        return fields[0]

    def place_stored_callbacks(self) -> None:
        """A function kept in a field by a constructor is called where a method of its class calls
        `this.<field>()`; with no such call known, or with the field read anywhere else (`const f =
        this.onModify`, `{cb: this.onModify}`, `stmt.onModify`), by the `new` (the convention for every
        argument)."""
        if not self.stored_callbacks:
            return
        escaped = self._fields_read_otherwise({name for _, _, _, name, _ in self.stored_callbacks})
        for caller, target, cid, name, line in self.stored_callbacks:
            sites = self.this_field_sites.get((cid, name))
            if not sites or name in escaped:
                self.edge(caller, target, "arg", line)
                continue
            if self.g.succ.get(caller, {}).get(target, {}).get("kind") == "nested" \
                    and (caller, target) not in self.nested_used:
                # written inside the caller (`prepare(sql) { return new Stmt(sql, () => this.save()) }`):
                # defining it there does not call it
                self.g.remove_edge(caller, target)
            for site, site_line in sites:
                self.edge(site, target, "arg", site_line)

    def _fields_read_otherwise(self, names: set[str]) -> set[str]:
        """Those of the field `names` read anywhere in the package other than as `this.<name>(…)` or as a
        call's argument `this.<name>` (a read through another object, a binding, a return, an object
        literal, an assignment): where the function kept there is called is then not known."""
        out: set[str] = set()
        seen: set[int] = set()  # IR nodes are shared (frozen): each walked once

        def walk(node: object, depth: int) -> None:
            if depth > 40:
                out.update(names)  # too deep to tell: as if read
                return
            if isinstance(node, (str, int, float, bool)) or node is None:
                return
            if id(node) in seen:
                return
            seen.add(id(node))
            match node:
                case Mem(obj, prop):
                    if prop in names:
                        out.add(prop)
                    walk(obj, depth + 1)
                    return
                case Call(callee, args):
                    walk_call(callee, args, depth)
                    return
                case tuple() | list():
                    for n in node:
                        walk(n, depth + 1)
                    return
            if isinstance(node, IRNode):
                for child in children(node):
                    walk(child, depth + 1)

        def walk_call(callee: IR, args: tuple[IR, ...], depth: int) -> None:
            if isinstance(callee, Mem) and isinstance(callee.obj, This):
                walk(callee.obj, depth + 1)  # `this.<name>(…)`: a site
            else:
                walk(callee, depth + 1)
            for a in args:
                walk(a.obj if isinstance(a, Mem) and isinstance(a.obj, This) else a, depth + 1)

        for f in self.p.functions.values():
            for call in f.calls:
                walk_call(call.callee, call.args, 0)
            for value in f.bindings.values():
                walk(value, 0)
            walk(f.returns, 0)
            if f.result is not None:
                walk(f.result, 0)
        for cls in self.p.classes.values():
            for value in cls.fields.values():
                walk(value, 0)
        for mod in self.p.modules.values():
            for obj_ir, prop, value_ir in mod.member_assigns:
                if prop in names:
                    out.add(prop)
                walk(obj_ir, 0)
                walk(value_ir, 0)
        return out

    def runs_argument(self, module: str, names: tuple[str, ...], call: CallFact) -> bool:
        """A template engine compiling a template that is not a constant, js-yaml loading with a schema
        that builds functions (`sinks.javascript.ARGUMENT_SINKS`)."""
        found = argument_sink(module, names)
        if found is None or found[0] >= len(call.args):
            return False
        slot, role = found
        if role == "deserialize":
            options = repr(call.args[1:])[:2000]
            return any(name in options for name in UNSAFE_YAML_SCHEMA)
        return not isinstance(self.p.value(call.args[slot], EMPTY), Str)

    def query_code(self, f: FunctionFacts, call: CallFact) -> None:
        """`coll.find({ $where: … })` on a client the analysis cannot name (wrapped, injected, a
        stand-in): `$where`/`$function` is server-side JavaScript of a MongoDB query, whoever sends it."""
        if not isinstance(call.callee, Mem) or not call.args or not mongo_query_member(call.callee.prop):
            return
        query = self.p.value(call.args[0], EMPTY)
        if isinstance(query, ObjV) and any(isinstance(e, KV) and e.key in MONGO_CODE_KEYS for e in query.entries):
            self.add_hit(f.fid, SinkHit(f.path, call.line, call.line, call.column, Kind.NETWORK,
                                        f"{call.callee.prop} ($where query)", TABLE_RULE, call.text))

    def resolved_call(self, f: FunctionFacts, call: CallFact, callee: Value) -> None:
        """A call not through `this`: an edge, a sink hit, an unresolved or a dynamic call."""
        if not isinstance(callee, Ext):
            self.query_code(f, call)
        if isinstance(callee, Unk) and isinstance(call.callee, Mem) and self.one_of(f, call):
            return
        match callee:
            case Fn(fid, kept):
                receiver = None
                if isinstance(call.callee, Mem):
                    base = self.p.value(call.callee.obj, EMPTY)
                    if isinstance(base, Inst):
                        receiver = base.cid
                self.edge(f.fid, fid, "call", call.line, receiver=receiver)
                sites = self.call_sites.setdefault(fid, [])
                if kept:
                    self.site_closures.setdefault(fid, {})[len(sites)] = kept
                sites.append((f.fid, call.args))
                self.target(f, call, fid)
            case BoundFn(fid, how):
                if how in ("call", "apply"):
                    self.edge(f.fid, fid, "call", call.line)
            case ClassRef(cid):
                ctor = self.p.method_of(cid, "constructor")
                if ctor:
                    self.edge(f.fid, ctor, "call", call.line)
                    # its arguments bind the constructor's parameters (fields set from them)
                    self.call_sites.setdefault(ctor, []).append((f.fid, call.args))
            case Ext(module, names):
                kinds = lookup_module(module, names)
                if not kinds and self.runs_argument(module, names, call):
                    kinds = (Kind.CODE_EXEC,)
                if not kinds and unmodelled_method(module, names):
                    self.unresolved.setdefault(f.fid, []).append(f"{call.text} (no model of {module})")
                for k in kinds:
                    self.add_hit(
                        f.fid,
                        SinkHit(f.path, call.line, call.line, call.column, k, sink_name(module, names),
                                TABLE_RULE, call.text),
                    )
            case Global(name):
                kinds = lookup_global(name)
                for k in kinds:
                    self.add_hit(f.fid, SinkHit(f.path, call.line, call.line, call.column, k, name,
                                                TABLE_RULE, call.text))
                root = name.split(".", 1)[0]
                if not kinds and root not in _BUILTIN_GLOBALS and root not in _HELPER_GLOBALS and "." not in name:
                    self.unresolved.setdefault(f.fid, []).append(call.text)
            case Dispatch(entries, env):
                # `HANDLERS[name](…)`: one group per function and looked-up expression, shared with the
                # switch/if dispatches and the other tables on that expression (`if (name in A) return
                # A[name](r); if (name in B) return B[name](r)`): a tool named in one of them follows
                # only its own entries
                looked_up, _ = self.p.raw(call.callee, EMPTY)
                subject = _subject(looked_up.index) if isinstance(looked_up, Idx) else None
                owner = f
                while owner.kind == "branch" and owner.parent in self.p.functions:
                    owner = self.p.functions[owner.parent]
                group = f"{owner.fid}#on:{subject}" if subject is not None else f"{f.fid}#map@{call.line}"
                listed = self.p.object_listing(ObjV(entries, env), "Object.entries", 0)
                pairs: list[tuple[str, IR, Env]] = []
                if isinstance(listed, ArrV):
                    for pair in listed.items:
                        match pair:
                            case Arr((Str(key), BoundIR(value_ir, value_env))):
                                pairs.append((key, value_ir, value_env))
                else:
                    pairs = [(e.key, e.value, env) for e in entries if isinstance(e, KV)]
                for key, value_ir, value_env in pairs:
                    target = self.p.value(value_ir, value_env)
                    if isinstance(target, Fn):
                        self.edge(f.fid, target.fid, "dispatch", call.line, key=key, group=group)
            case ArrayMethod():
                pass
            case Unk(why) if "does not export" in why:
                # a call into a package file whose export cannot be read (computed or obfuscated
                # exports): named by that file, so that the call still counts as reaching it
                path = why.split(" does not export ", 1)[0]
                self.unresolved.setdefault(f.fid, []).append(f"{path}:{call.text}")
            case Unk(why) if "not found" in why:
                self.unresolved.setdefault(f.fid, []).append(call.text)
            case _:
                if self.param_owner(call.callee) is not None:
                    self.param_calls.append((f, call))
                else:
                    self.not_resolved(f, call)

    def one_of(self, f: FunctionFacts, call: CallFact) -> bool:
        """`db.prepare(sql)` on an instance of one of several package classes (`OneOf`): a call of the
        method of each class that has it, each followed for its class; unresolved when one of them has
        none (inherited from code the evaluator cannot read, or not there). False: not such a receiver."""
        assert isinstance(call.callee, Mem)
        receiver = self.p.value(call.callee.obj, EMPTY)
        if not isinstance(receiver, OneOf):
            return False
        methods, missing = self.class_methods(f, call, receiver)
        for method in methods:
            self.call_sites.setdefault(method, []).append((f.fid, call.args))
            self.target(f, call, method)
        if missing and call.callee.prop not in BUILTIN_METHODS:
            self.unresolved.setdefault(f.fid, []).append(f"{call.text} (receiver unknown)")
        return True

    def target(self, f: FunctionFacts, call: CallFact, fid: str) -> None:
        """Remember that the call at its place in f runs the package function fid (for the data flow,
        `taint.FlowBuilder.targets`)."""
        found = self.targets.setdefault(id(call), [])
        if fid not in found:
            found.append(fid)

    def class_methods(self, f: FunctionFacts, call: CallFact, receiver: OneOf) -> tuple[list[str], bool]:
        """The method `call` names in each class of `receiver` that has one, each an edge followed for its
        class; and whether some class has none."""
        assert isinstance(call.callee, Mem)
        methods: list[str] = []
        missing = False
        for cid in receiver.cids:
            method = self.p.method_of(cid, call.callee.prop)
            if method is None:
                missing = True
                continue
            self.edge(f.fid, method, "call", call.line, receiver=cid)
            methods.append(method)
        return methods, missing

    def not_resolved(self, f: FunctionFacts, call: CallFact) -> None:
        """A call no value resolves. On a receiver that is another function's parameter (a field set
        from a constructor's argument, `this.client = client`): resolved later under that function's
        call sites (`bind_parameters`). Otherwise unresolved (listed for the tools reaching it) when
        its receiver stays unknown and may be third-party code, else a dynamic call on a built-in
        value (counted)."""
        receiver = self.p.value(call.callee.obj, EMPTY) if isinstance(call.callee, Mem) else None
        if isinstance(receiver, Param) and receiver.fid != f.fid and receiver.fid in self.p.functions \
                and id(call) not in self._deferred:
            self._deferred.add(id(call))
            self.field_calls.append((f, call, receiver.fid))
            return
        if unknown_receiver(call.callee, receiver):
            self.unresolved.setdefault(f.fid, []).append(f"{call.text} (receiver unknown)")
        else:
            self.dynamic += 1

    def param_owner(self, ir: IR) -> str | None:
        """The function whose parameter a callee expression starts from (`client.get` with
        `client` a parameter, also destructured), or None."""
        base = ir
        for _ in range(16):
            match base:
                case Mem(inner) | Idx(inner) | Call(inner):
                    base = inner
                case _:
                    break
        match base:
            case Param(fid):
                return fid
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
            case _:
                return None
        for _ in range(16):
            match binding:
                case None:
                    return None
                case Param(fid):
                    return fid
                case Mem(inner) | Idx(inner) | Or(inner):
                    binding = inner
                case _:
                    return None
        return None

    def site_envs(self, fid: str, depth: int = 0) -> list[Env]:
        """Bindings of fid's parameters, one per call site (the caller's own bindings chained).

        Memoised per (function, depth): the call sites do not change once the graph is built, and
        without it a large bundle recomputes the same chains millions of times."""
        cache = self._env_cache
        key = ("site", fid, depth)
        if key not in cache:
            cache[key] = self._site_envs(fid, depth)
        return cache[key]

    def _site_envs(self, fid: str, depth: int) -> list[Env]:
        out: list[Env] = []
        if depth > 3:
            return out
        sites = self.call_sites.get(fid, [])
        if len(sites) > self.max_sites:
            self.cut("js_call_sites", f"call sites of {fid}: only the first {self.max_sites} of {len(sites)} "
                                      "bind its parameters", fid)
        kept = self.site_closures.get(fid, {})
        for k, (caller, args) in enumerate(sites[:self.max_sites]):
            cenvs = [EMPTY, *self.scope_envs(caller, depth + 1)]
            if len(cenvs) > self.max_sites:
                self.cut("js_call_sites", f"bindings of {caller} calling {fid}: only the first {self.max_sites} "
                                          "were followed", fid)
            closure = kept.get(k, EMPTY)
            for cenv in cenvs[:self.max_sites]:
                # the caller's own bindings (those of the functions it is written in: a helper nested in the
                # function that calls it sees that call's parameters) and what the closure called keeps
                out.append({**cenv, **closure, **{(fid, i): (a, cenv) for i, a in enumerate(args)}})
        if len(out) > self.max_envs:
            self.cut("js_environments", f"parameter bindings of {fid}: only the first {self.max_envs} of "
                                        f"{len(out)} were kept", fid)
        return out[:self.max_envs]

    def cut(self, budget: str, what: str, fid: str) -> None:
        f = self.p.functions.get(fid)
        self.p.cuts.cut(budget, what, fid=fid, path=f.path if f is not None else None)

    def scope_envs(self, fid: str, depth: int = 0) -> list[Env]:
        """Bindings of the parameters of fid and of the functions it is nested in (closures)."""
        cache = self._env_cache
        key = ("scope", fid, depth)
        if key not in cache:
            cache[key] = self._scope_envs(fid, depth)
        return cache[key]

    def _scope_envs(self, fid: str, depth: int) -> list[Env]:
        out = self.site_envs(fid, depth)
        f = self.p.functions.get(fid)
        parent = f.parent if f is not None else None
        while parent is not None:
            pf = self.p.functions.get(parent)
            if pf is None or pf.kind == "module":
                break
            if pf.params:
                penvs = self.site_envs(parent, depth)
                # an environment that binds the parent's parameters already (a call made inside the parent, a
                # closure that kept the call that made it) is not combined with every other call of the parent
                bound: list[Env] = []
                rest: list[Env] = []
                for e in out:
                    (bound if any(key[0] == parent for key in e) else rest).append(e)
                if penvs and (rest or not out):
                    combined: list[Env] = bound + [{**pe, **e} for pe in penvs for e in (rest or [EMPTY])]
                    if len(combined) > self.max_envs:
                        self.cut("js_environments", f"parameter bindings of {fid} with those of {parent}: only "
                                                    f"the first {self.max_envs} of {len(combined)} were kept", fid)
                    out = combined[:self.max_envs]
            parent = pf.parent
        return out

    def bind_parameters(self) -> None:
        """Calls on a parameter (`function h(client) { client.get() }`, or a closure calling the
        `connectionProvider` its enclosing `configure(server, connectionProvider)` received):
        resolved under the bindings of every call site. Sinks reached this way are a union over
        the call sites; a function is followed only when every call site agrees on it, so shared
        helpers such as tsc's `__awaiter(…, generator)` do not join every tool's generator (each
        generator is reached from its own caller through its `arg` edge)."""
        for f, call in self.param_calls:
            self.bind_call(f, call, None)
        done = 0
        while done < len(self.field_calls):  # resolving one may defer another
            f, call, owner = self.field_calls[done]
            done += 1
            self.bind_call(f, call, owner)

    def bind_call(self, f: FunctionFacts, call: CallFact, owner: str | None) -> None:
        """One call on a parameter, under the call sites of its function (`owner` None) or of the
        function whose parameter the receiver is (a constructor's, for a field set from it)."""
        if self.p.out_of_time():
            self.not_finished(f)
            return
        self.p.focus = f.fid
        targets: set[str] = set()
        unmodelled: set[str] = set()
        resolved = False
        # `for (const mod of MODULES) mod.handle(…)`: every element is iterated, so the call reaches
        # the method of each (a union, unlike call sites, which must agree)
        for target in self.loop_targets(f, call) if owner is None else ():
            self.edge(f.fid, target, "call", call.line)
            resolved = True
        field = self.p.value(call.callee.obj, EMPTY) if owner is not None and isinstance(call.callee, Mem) else None
        for env in self.scope_envs(f.fid) if owner is None else self.site_envs(owner):
            if isinstance(field, Param) and isinstance(call.callee, Mem):
                # the receiver is the argument the owner's call site passed for that parameter
                callee = self.p.member(self.p.value(field, env), call.callee.prop, 0)
            else:
                callee = self.p.value(call.callee, env)
            match callee:
                case Fn(fid) | BoundFn(fid, "call" | "apply"):
                    targets.add(fid)
                case Ext(module, names):
                    for k in lookup_module(module, names):
                        self.add_hit(f.fid, SinkHit(f.path, call.line, call.line, call.column, k,
                                                    sink_name(module, names), TABLE_RULE, call.text))
                    if not lookup_module(module, names) and unmodelled_method(module, names):
                        unmodelled.add(f"{call.text} (no model of {module})")
                    resolved = True
                case Global(name):
                    for k in lookup_global(name):
                        self.add_hit(f.fid, SinkHit(f.path, call.line, call.line, call.column, k, name,
                                                    TABLE_RULE, call.text))
                    resolved = True
                case Unk() if isinstance(call.callee, Mem) and field is None:
                    # `robot.getScreenSize()` with `robot = getRobot(device)` an instance of one of several
                    # classes under these bindings: the method of each class (as `one_of`)
                    receiver = self.p.value(call.callee.obj, env)
                    if isinstance(receiver, OneOf):
                        methods, missing = self.class_methods(f, call, receiver)
                        for method in methods:
                            self.target(f, call, method)
                        if missing:
                            unmodelled.add(f"{call.text} (receiver unknown)")
                        resolved = True
        if len(targets) == 1 and owner is None and self.per_registration(call):
            # what the call runs depends on the call site: a site passing its own parameter was not resolved
            # here (or not under every binding), so the one target found is another site's function
            # (`wrap(name, cb)` called with a literal callback once and with `tool(…, cb)`'s parameter
            # elsewhere); each registration binds it (`frontend._closure_calls`), the literal one is reached
            # from its own caller (`arg` edge)
            targets.clear()
            resolved = True
        if len(targets) > 1 and owner is None and self.kept_per_call(f, call):
            self.p.per_call_closures.add(f.fid)
            # `fn(...args)` in the closure `withRetry(fn)` returns: each closure runs the function it was made
            # with (every call of it is of a closure that kept its maker's call, `site_closures`), not all of
            # them; each registration binds it (`frontend._closure_calls`), the flow at the closure's call
            targets.clear()
            resolved = True
        if len(targets) == 1:
            target = targets.pop()
            self.edge(f.fid, target, "call", call.line)
            self.param_sites.setdefault(target, []).append((f.fid, call.args))
            self.target(f, call, target)
            resolved = True
        if unmodelled:
            self.unresolved.setdefault(f.fid, []).extend(sorted(unmodelled))
        if not resolved:
            self.not_resolved(f, call)
        if self.p.expired:
            self.not_finished(f)

    def kept_per_call(self, f: FunctionFacts, call: CallFact) -> bool:
        """`call` calls a parameter of a function F encloses (a captured function), and every call of F is of
        a closure value that kept the bindings of the call that made it: which function runs is the one
        each of those calls kept."""
        if not isinstance(call.callee, Id):
            return False
        binding = self.p.lookup(call.callee.scope, call.callee.name)
        if not isinstance(binding, Param):
            return False
        fid: str | None = f.fid
        while fid is not None and "#" in fid and fid not in self.call_sites:  # a branch: the function it is in
            fn = self.p.functions.get(fid)
            fid = fn.parent if fn is not None else None
        if fid is None or fid == binding.fid or not self.p.nested_in(fid, binding.fid):
            return False
        sites = self.call_sites.get(fid, [])
        return bool(sites) and len(self.site_closures.get(fid, {})) == len(sites)

    def per_registration(self, call: CallFact) -> bool:
        """A call of a function-valued parameter (`cb(args)` in `wrap(name, cb)`, or in a closure it
        returns) whose function's call sites do not all pass a function known where they stand: one
        passes its own parameter (`tool(name, …, cb) { wrap(name, cb) }`), so what runs depends on the
        call site, not on the function called."""
        if not isinstance(call.callee, Id):
            return False
        binding = self.p.lookup(call.callee.scope, call.callee.name)
        if not isinstance(binding, Param) or binding.fid not in self.p.functions:
            return False
        sites = self.call_sites.get(binding.fid, [])
        if len(sites) < 2:
            return False
        plain = []
        for _caller, args in sites[:self.max_sites]:
            if binding.index >= len(args) or isinstance(args[binding.index], Spread):
                return False
            plain.append(self.p.value(args[binding.index], EMPTY))
        return any(isinstance(v, (Fn, BoundFn)) for v in plain) and any(isinstance(v, Param) for v in plain)

    def loop_targets(self, f: FunctionFacts, call: CallFact) -> list[str]:
        """The package functions a call on a `for…of` loop variable of the same function body reaches,
        one per element of the array iterated (when its elements are known)."""
        key = self.param_owner(call.callee)
        if key is None or key in self.p.functions:
            return []
        # the loop of this function body (a branch of a dispatch is part of it); a closure made in a
        # loop (`for (const t of TOOLS) server.tool(…, () => t.run())`) is bound per registration instead
        owner: FunctionFacts | None = f
        items_ir: IR | None = None
        while owner is not None and items_ir is None:
            items_ir = next((items for k, items in owner.loops if k == key), None)
            if owner.kind != "branch" or owner.parent is None:
                break
            owner = self.p.functions.get(owner.parent)
        if items_ir is None:
            return []
        arr = self.p.value(items_ir, EMPTY)
        items = self.p.array_items(arr, 0) if isinstance(arr, ArrV) else None
        out: list[str] = []
        for item, item_env in (items or [])[:self.max_sites]:
            callee = self.p.value(call.callee, {(key, 0): (item, item_env)})
            if isinstance(callee, Fn) and callee.fid not in out:
                out.append(callee.fid)
        return out

    def attach(self, extra_hits: Iterable[SinkHit]) -> None:
        _attach(self.p, self.hits, extra_hits)


def _add_hit(hits: dict[str, list[SinkHit]], fid: str, hit: SinkHit) -> None:
    """One hit per function, line and kind. The hit the frontend found itself keeps its column: the
    calls of one line in different functions (a minified bundle) each keep their own data flow and
    destination. Two calls of one kind on one line of one function stay one hit, of column 0 (the
    facts of its whole line, as every hit had before columns were kept); so does a semgrep hit."""
    bucket = hits.setdefault(fid, [])
    for i, h in enumerate(bucket):
        if h.line == hit.line and h.kind == hit.kind and h.path == hit.path:
            if h.column != hit.column and h.rule == TABLE_RULE and hit.rule == TABLE_RULE:
                bucket[i] = replace(h, column=0)
            return
    bucket.append(hit)


def attach_hits(program: Program, graph: CallGraph, extra_hits: Iterable[SinkHit]) -> None:
    """Add semgrep's hits to a graph built without them (`build_graph(program, ())`): the same
    graph as building it with them, as nothing between reads the hits. The frontend builds the
    graph and finds the tools while semgrep still runs, and reads its hits only then."""
    _attach(program, graph.hits, extra_hits)


def _attach(program: Program, hits: dict[str, list[SinkHit]], extra_hits: Iterable[SinkHit]) -> None:
    """Semgrep hits: to the innermost function (or branch) whose code contains them: by line, and on a
    line several functions share (a minified bundle) by column too. A hit of column 0 (its column is
    not one of the parsed text: a file read through its string array) is placed by its line only."""
    by_path: dict[str, list[FunctionFacts]] = {}
    for f in program.functions.values():
        by_path.setdefault(f.path, []).append(f)
    for path, funcs in by_path.items():
        funcs.sort(key=lambda x: (x.line, -x.end_line))
        by_path[path] = funcs
    for hit in extra_hits:
        found = by_path.get(hit.path)
        if not found:
            continue
        funcs = found
        best: FunctionFacts | None = None
        starts = [fn.line for fn in funcs]
        upto = bisect.bisect_right(starts, hit.line)
        for fn in funcs[:upto]:
            if fn.line <= hit.line <= fn.end_line and _holds(fn, hit) and (
                    best is None or (fn.end_line - fn.line) < (best.end_line - best.line)
                    or ((fn.end_line - fn.line) == (best.end_line - best.line) and _inside(fn, best))):
                best = fn
        if best is not None:
            _add_hit(hits, best.fid, hit)


def _holds(fn: FunctionFacts, hit: SinkHit) -> bool:
    """FN's code holds HIT's column on the lines where it starts and ends (columns 0: not known)."""
    if not hit.column:
        return True
    if fn.column and hit.line == fn.line and hit.column < fn.column:
        return False
    return not (fn.end_column and hit.line == fn.end_line and hit.column >= fn.end_column)


def _inside(fn: FunctionFacts, best: FunctionFacts) -> bool:
    """Of two functions spanning as many lines, FN is the one inside (or after: the later of the two
    on one line, as before columns were kept); a function of no columns is never inside one that has."""
    if fn.line != best.line or not fn.column or not best.column:
        return fn.line >= best.line and not (best.column and not fn.column)
    return fn.column >= best.column


def _subject(ir: IR) -> str | None:
    """The source text of a looked-up key made of names and properties (`toolName`,
    `request.params.name`), as extract's dispatch groups name it; None for anything else."""
    match ir:
        case Id(name):
            return name
        case Mem(obj, prop):
            inner = _subject(obj)
            return f"{inner}.{prop}" if inner is not None else None
    return None


def build_graph(program: Program, extra_hits: Iterable[SinkHit]) -> CallGraph:
    return GraphBuilder(program).build(extra_hits)


__all__ = ["TABLE_RULE", "CallGraph", "attach_hits", "build_graph", "describe_value"]


def _mentions(node: object, target: IR, depth: int = 0) -> bool:
    """Whether the expression `node` contains `target` (a walk over the IR nodes' `children`)."""
    if node == target:
        return True
    if depth > 40:
        return True  # too deep to tell: as if it did
    if isinstance(node, (tuple, list)):
        return any(_mentions(n, target, depth + 1) for n in node)
    return isinstance(node, IRNode) and any(_mentions(c, target, depth + 1) for c in children(node))
