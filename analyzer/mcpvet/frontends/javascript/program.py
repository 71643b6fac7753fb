"""Cross-module evaluation of the extracted IR: imports, exports, constants, classes.

`Program.value(expr, env)` folds an IR expression (`ir.Expr`) to a *resolved value*
(`ir.Value`: Str, Num, Bool, Null, Undef, ObjV, ArrV, Fn, ClassRef, Inst, BoundFn, ModRef, Ext,
Global, Dispatch, ArrayMethod, StrMethod, Param, Unk; each is described in `ir.py`).

`env` binds parameters of functions evaluated at a call site: {(fid, i): (expr, env)}.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import cast

from mcpvet.analysis.budgets import Budgets, analysis_clock
from mcpvet.datafiles import package_join
from mcpvet.frontends.javascript import datavalues
from mcpvet.frontends.javascript.facts import IR, CallFact, ClassFacts, FunctionFacts, ModuleFacts
from mcpvet.frontends.javascript.ir import (
    KV,
    LITERALS,
    TERMINAL,
    Add,
    Arr,
    ArrayMethod,
    ArrV,
    Bool,
    BoundFn,
    BoundIR,
    Call,
    ClassRef,
    Cmp,
    Dispatch,
    Either,
    Env,
    Ext,
    FileRef,
    Fn,
    Fold,
    Global,
    Id,
    Idx,
    Imp,
    Inst,
    LoopMap,
    Mem,
    ModRef,
    New,
    Not,
    Null,
    Num,
    Obj,
    ObjV,
    OneOf,
    Or,
    Param,
    Req,
    Ret,
    Rx,
    Sites,
    Spread,
    Str,
    StrMethod,
    This,
    Tpl,
    TypeOf,
    Undef,
    Unk,
    Value,
    kind,
    same,
)
from mcpvet.frontends.javascript.settings import commander_actions, env_var_default, option_default

EMPTY: Env = {}
# the env key binding `this` (to a `ClassRef`: `this` is an instance of it) when a base-class method is
# evaluated for a subclass's instances
THIS_KEY = ("<this>", 0)

_INTEROP_HELPERS = {
    "__importDefault",
    "__importStar",
    "_interopRequireDefault",
    "_interopRequireWildcard",
    "__toESM",
    "__toCommonJS",
    "__awaiter",
}
# framework helpers that return their argument (typed definitions): `tool({description, …})`
IDENTITY_HELPERS = {("@supabase/mcp-utils", ("tool",)), ("@mastra/core/tools", ("createTool",)),
                    ("@mastra/core", ("createTool",))}
ZOD_MODULES = ("zod", "zod/v4", "zod/v3", "zod/mini", "zod/v4-mini")
BOUND_MEMO_ENTRIES = 200_000  # `Program.bound_value`'s answers kept at most (each holds its bindings)
_RESOLVE_SUFFIXES = (".js", ".ts", ".mjs", ".cjs", ".tsx", ".jsx", ".mts", ".cts")


def _name_tail(text: str) -> str:
    """The run of name characters (letters, digits, `_`, `$`) a text ends with (`this.server.tool` -> `tool`)."""
    i = len(text)
    while i and (text[i - 1].isalnum() or text[i - 1] in "_$"):
        i -= 1
    return text[i:]


def normalize_module(spec: str) -> str:
    """`node:fs/promises` -> `fs/promises`; `fs/promises` stays; deep package paths keep the package."""
    if spec.startswith("node:"):
        spec = spec[5:]
    return spec


class Cuts:
    """Where a budget stopped work in this package: (budget, what, function, path) -> times.

    The function (when known) lets the frontend name the tools whose analysis reaches it; `tool`
    is given directly where the tool is known (its registration being evaluated)."""

    def __init__(self) -> None:
        self.cuts: dict[tuple[str, str, str | None, str | None, str | None], int] = {}
        self.made = 0  # cuts recorded so far (an evaluation that made one is not kept: `Program.bound_value`)

    def cut(self, budget: str, what: str, *, fid: str | None = None, tool: str | None = None,
            path: str | None = None) -> None:
        key = (budget, what, fid, tool, path)
        self.cuts[key] = self.cuts.get(key, 0) + 1
        self.made += 1


class Program:
    """The package's modules, evaluated on demand.

    `focus` is the function (and `focus_tool` the tool, when known) on whose behalf values are
    being evaluated: a budget cut during an evaluation is recorded against them."""

    def __init__(self, modules: Iterable[ModuleFacts], budgets: Budgets | None = None,
                 started: float | None = None, root: str = "", packages: Mapping[str, str] | None = None) -> None:
        # bare specifiers of dependencies read with the package (`mcpvet.depcode`) -> the module each names
        self.packages: dict[str, str] = dict(packages or {})
        self.budgets = budgets if budgets is not None else Budgets()
        self.files = datavalues.PackageData(root)  # files the code reads by constant paths
        # the frontend_seconds budget (from `started`, a `time.monotonic()` reading taken before
        # parsing, if given): checked every few hundred evaluation steps; once it has passed, every
        # value not already memoised is unknown and the callers stop their loops (the frontend names
        # what was left unfinished)
        self.deadline = (started if started is not None else analysis_clock()) + self.budgets.frontend_seconds
        self.expired = False
        self._ticks = 0
        self.max_depth = self.budgets.js_eval_depth
        self.max_steps = self.budgets.js_eval_steps
        self.cuts = Cuts()
        self.focus: str | None = None
        self.focus_tool: str | None = None
        self.modules: dict[str, ModuleFacts] = {m.path: m for m in modules}
        self.functions: dict[str, FunctionFacts] = {}
        self.classes: dict[str, ClassFacts] = {}
        for m in self.modules.values():
            self.functions.update(m.functions)
            self.classes.update(m.classes)
        self._resolve_cache: dict[tuple[str, str], str | None] = {}
        self._memo: dict[int, tuple[IR | Value, Value]] = {}
        self._return_classes: dict[str, frozenset[str]] = {}  # fid -> the classes its returns make
        self._rest_at: dict[str, int] = {}
        # closures whose call of a captured function the call graph left to each registration (a closure value
        # that kept the call that made it: `GraphBuilder.kept_per_call`)
        self.per_call_closures: set[str] = set()  # function id -> index of its rest parameter, -1 for none
        self._ctor_envs: dict[str, Env] = {}  # class id -> bindings its super() chain gives the constructors above it
        self._sites: dict[str, list[tuple[tuple[IR, ...], Env]]] = {}  # function id -> its calls (Sites)
        # calls_ending's index: the calls (with their place in the package's order) by their callee's
        # final run of name characters; its answers, by `short`
        self._by_tail: dict[str, list[tuple[int, CallFact]]] = {}
        self._tails_by_end: dict[int, dict[str, list[str]]] = {}  # those runs by their last N characters
        self._calls_ending: dict[str, tuple[CallFact, ...]] = {}
        self._active: set[int] = set()
        # (id of an object literal's entries, property) -> the value a loop over an array holding it
        # assigns to that property (`for (const t of TOOLS) t.description = f(t)`), built on first use
        self._rewrites: dict[tuple[int, str], list[tuple[IR, Env]]] | None = None
        self._rewriting: dict[tuple[int, str], int] = {}  # rewrite being evaluated: the level read below it
        # (module, names, property) -> a package function assigned onto a third-party object
        # (`s.registerOnce = (name, …) => s.registerTool(…)` on an SDK server), built on first use
        self._ext_methods: dict[tuple[str, tuple[str, ...], str], Fn] | None = None
        self._steps = 0
        self._exhausted = False
        # `bound_value`'s answers: (id of a parameter's binding, depth) -> (the binding, its value, the steps
        # evaluating it again would take); and what tells whether an evaluation may be kept or reused
        self._bound_memo: dict[tuple[int, int], tuple[tuple[IR, Env], Value, int]] = {}
        self._resets = 0  # top-level evaluations started (each resets the step count)
        self._guarded = 0  # computations open whose re-entry guard or level changes what is read below them
        self._hidden = 0  # steps taken inside computations whose answer is kept (memoised, cached) once done
        # function id -> the bindings of its parameters from its one call site (`sole_binding`), None: none
        self._sole: dict[str, dict[tuple[str, int], tuple[IR, Env]] | None] | None = None
        self._commander: dict[str, dict[tuple[str, int], tuple[IR, Env]] | None] = {}  # commander_actions
        # > 0 while the fields of one instance are read: parameters of the functions leading to its
        # construction are bound from their one call site there (`sole_binding`), and only there
        self._sole_on = 0
        # > 0 while a filter callback's condition is decided (`kept`): a call's value must then be the one
        # its body gives, not any of its returns (see call_value)
        self._exact = 0
        self._branch_sites: dict[tuple[str, str, int], tuple[IR, Env] | None] = {}  # see branch_binding
        self.subclasses: dict[str, list[str]] = {}
        for cid, cls in sorted(self.classes.items()):
            if cls.superclass is not None:
                parent = self.value(cls.superclass, EMPTY)
                if isinstance(parent, ClassRef):
                    self.subclasses.setdefault(parent.cid, []).append(cid)

    # -- modules ----------------------------------------------------------------------------------
    def local(self, spec: str) -> bool:
        """Whether an import names a module read here: a relative one, or a dependency's read with it."""
        return spec.startswith(".") or spec in self.packages

    def resolve_module(self, from_path: str, spec: str) -> str | None:
        if not spec.startswith("."):
            named = self.packages.get(spec)
            return named if named in self.modules else None
        key = (from_path, spec)
        if key in self._resolve_cache:
            return self._resolve_cache[key]
        base = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), spec))
        candidates = [base] + [base + s for s in _RESOLVE_SUFFIXES]
        stem, ext = posixpath.splitext(base)
        if ext in (".js", ".mjs", ".cjs", ".jsx"):
            candidates += [stem + s for s in (".ts", ".tsx", ".mts", ".cts")]
        candidates += [posixpath.join(base, "index" + s) for s in _RESOLVE_SUFFIXES]
        found = next((c for c in candidates if c in self.modules), None)
        self._resolve_cache[key] = found
        return found

    def module_value(self, path: str, depth: int) -> Value:
        mod = self.modules[path]
        if mod.cjs_exports is not None:
            return self.value(mod.cjs_exports, EMPTY, depth + 1)
        return ModRef(path)

    def export_of(self, path: str, name: str, depth: int, seen: frozenset[str] = frozenset()) -> Value:
        if depth > self.max_depth or path in seen:
            if depth > self.max_depth:
                self.too_deep(f"exports of {path}")
            return Unk("export cycle")
        mod = self.modules[path]
        if name in mod.esm_exports:
            return self.value(mod.esm_exports[name], EMPTY, depth + 1)
        if name in mod.cjs_named:
            return self.value(mod.cjs_named[name], EMPTY, depth + 1)
        if mod.cjs_exports is not None:
            exported = self.value(mod.cjs_exports, EMPTY, depth + 1)
            if name == "default":
                return exported
            return self.member(exported, name, depth + 1)
        if name == "*":
            return ModRef(path)
        for spec in mod.star_exports:
            target = self.resolve_module(path, spec) if self.local(spec) else None
            if target is None:
                if not self.local(spec):
                    return Ext(normalize_module(spec), (name,))
                continue
            found = self.export_of(target, name, depth + 1, seen | {path})
            if not isinstance(found, Unk):
                return found
        if name == "default":
            return ModRef(path)
        return Unk(f"{path} does not export {name}")

    # -- scopes -------------------------------------------------------------------------------------
    def lookup(self, scope: str | None, name: str) -> IR | None:
        while scope is not None:
            f = self.functions.get(scope)
            if f is None:
                return None
            if name in f.bindings:
                return f.bindings[name]
            scope = f.parent
        return None

    def enclosing_class(self, fid: str) -> str | None:
        cur: str | None = fid
        while cur is not None:
            f = self.functions.get(cur)
            if f is None:
                return None
            if f.kind == "method" and f.cls:
                return f.cls
            if f.kind == "function" and "<anonymous" not in f.name.rsplit(".", 1)[-1]:
                return None
            cur = f.parent
        return None

    def method_of(self, cid: str, name: str, depth: int = 0) -> str | None:
        seen: set[str] = set()
        cur: str | None = cid
        while cur is not None and cur not in seen and depth < self.max_depth:
            seen.add(cur)
            cls = self.classes.get(cur)
            if cls is None:
                return None
            if name in cls.methods:
                return cls.methods[name]
            if cls.superclass is None:
                return None
            parent = self.value(cls.superclass, EMPTY, depth + 1)
            cur = parent.cid if isinstance(parent, ClassRef) else None
        if depth >= self.max_depth and cur is not None and cur not in seen:
            self.too_deep(f"method {name} of class {cid}")
        return None

    def descendants(self, cid: str) -> list[str]:
        """Every class extending cid, directly or not, in a stable order."""
        out: list[str] = []
        stack = sorted(self.subclasses.get(cid, []), reverse=True)
        while stack:
            sub = stack.pop()
            if sub in out:
                continue
            out.append(sub)
            stack.extend(sorted(self.subclasses.get(sub, []), reverse=True))
        return out

    def overrides(self, cid: str, name: str) -> list[str]:
        """Methods named `name` in every subclass of cid (abstract-base dispatch through `this`)."""
        out: list[str] = []
        stack = list(self.subclasses.get(cid, []))
        seen: set[str] = set()
        while stack:
            sub = stack.pop()
            if sub in seen:
                continue
            seen.add(sub)
            cls = self.classes.get(sub)
            if cls is not None and name in cls.methods:
                out.append(cls.methods[name])
            stack.extend(self.subclasses.get(sub, []))
        return sorted(out)

    def raw(self, ir: IR, env: Env, depth: int = 0) -> tuple[IR, Env]:
        """Follow names (bindings, parameters, imports, exports, object properties) to the IR
        expression that defines a value, without evaluating calls (zod chains stay intact)."""
        while depth < self.max_depth:
            depth += 1
            match ir:
                case Id(name, scope):
                    binding = self.lookup(scope, name)
                    if binding is None:
                        return ir, env
                    ir = binding
                case Param(fid, index):
                    bound = env.get((fid, index))
                    if bound is None:
                        return ir, env
                    ir, env = bound
                case BoundIR(inner, inner_env):
                    ir, env = inner, inner_env
                case Imp(spec, name, path) if self.local(spec):
                    target = self.resolve_module(path, spec)
                    if target is None:
                        return ir, env
                    found = self.raw_export(target, name)
                    if found is None:
                        return ir, env
                    ir, env = found, EMPTY
                case Mem(obj, prop):
                    base, base_env = self.raw(obj, env, depth + 1)
                    zod_part = self.zod_part(base, base_env, "shape", depth + 1) if prop == "shape" else None
                    if zod_part is not None:
                        ir, env = zod_part
                        continue
                    if isinstance(base, Obj):
                        found_entry = self.raw_entry(base.entries, prop, base_env, depth + 1)
                        if found_entry is None:
                            return ir, env
                        ir, env = found_entry
                        continue
                    value = self.value(base, base_env, depth + 1)
                    if isinstance(value, ModRef):
                        found = self.raw_export(value.path, prop)
                        if found is None:
                            return ir, env
                        ir, env = found, EMPTY
                        continue
                    if isinstance(value, ObjV):
                        found_entry = self.raw_entry(value.entries, prop, value.env, depth + 1)
                        if found_entry is None:
                            return ir, env
                        ir, env = found_entry
                        continue
                    if isinstance(value, (Inst, ClassRef)) and self.method_of(value.cid, prop, depth + 1) is None:
                        # `this.inputSchema.shape`: the field as written (set by a constructor: its bindings)
                        field = self.field_of(value.cid, prop, depth + 1)
                        if field is None:
                            return ir, env
                        ir = field
                        env = self.constructor_env(value.cid, depth + 1) if isinstance(value, Inst) else EMPTY
                        continue
                    return ir, env
                case Call(Mem(obj, prop), args) if isinstance(obj, This) or isinstance(self.raw(obj, env, depth + 1)[0],
                                                                                     ClassRef):
                    # `this.argsShape()`, `ToolBase.strictSchema(shape)`: a method of a class returning one
                    # expression, followed into it (its parameters bound, `this` the object it is called on)
                    followed = self.method_return(obj, prop, args, env, depth + 1)
                    if followed is None:
                        return ir, env
                    ir, env = followed
                case _:
                    return ir, env
        self.too_deep("a name followed to its definition")
        return Unk("too deep"), env

    def method_return(self, obj: IR, prop: str, args: tuple[IR, ...], env: Env,
                      depth: int) -> tuple[IR, Env] | None:
        """The expression a method called as `obj.prop(args)` returns, with its parameters and `this`
        bound, when `obj` is a class or an instance of one and the method has one return statement."""
        owner = self.value(obj, env, depth + 1)
        if not isinstance(owner, (ClassRef, Inst)):
            return None
        fid = self.method_of(owner.cid, prop, depth + 1)
        f = self.functions.get(fid) if fid is not None else None
        if fid is None or f is None or len(f.returns) != 1:
            return None
        inner: dict[tuple[str, int], tuple[IR, Env]] = dict(self.bind_args(fid, args, env, len(f.params)))
        inner[THIS_KEY] = (ClassRef(owner.cid), EMPTY)
        return f.returns[0], inner

    def zod_part(self, raw: IR, env: Env, prop: str, depth: int) -> tuple[IR, Env] | None:
        """What zod gives for `.shape` of `z.object(SHAPE)` (SHAPE) and `.value` of `z.literal(X)`
        (X), `raw` being the constructor call as written; None for anything else."""
        match raw:
            case Call(Mem(root, "object" | "strictObject" | "looseObject" | "literal" as made), (first, *_)):
                pass
            case _:
                return None
        if (prop == "shape") != (made != "literal"):
            return None
        owner = self.value(root, env, depth + 1)
        if not isinstance(owner, Ext) or owner.module not in ZOD_MODULES or any(n != "z" for n in owner.names):
            return None
        return first, env

    def raw_entry(self, entries: tuple[KV | Spread, ...], key: str, env: Env, depth: int) -> tuple[IR, Env] | None:
        """The IR of property `key` of an object literal: the last `key: …`, or a spread before it
        (`{...tool, pageScoped: true}.schema` is `tool.schema`)."""
        for entry in reversed(entries):
            match entry:
                case KV(name, value) if name == key:
                    return value, env
                case Spread(inner) if depth < self.max_depth:
                    probe: IR = Mem(inner, key)
                    found, fenv = self.raw(probe, env, depth + 1)
                    if found is not probe and not isinstance(found, Unk):
                        return found, fenv
        return None

    def may_have(self, ir: IR, env: Env, key: str, depth: int = 0) -> bool:
        """False when the value of `ir`, spread into an object literal, cannot give it property `key`:
        an object literal without it (`...(c ? {title} : {})` gives no `description`), a literal
        (`...false`), `c && {…}` whose object lacks it. True when it may, or when unknown."""
        if depth > self.max_depth:
            return True
        raw, renv = self.raw(ir, env, depth + 1)
        match raw:
            case Obj(entries):
                for entry in entries:
                    match entry:
                        case KV(name, _) if name == key:
                            return True
                        case KV():
                            continue
                        case Spread(inner):
                            if self.may_have(inner, renv, key, depth + 1):
                                return True
                        case _:
                            return True
                return False
            case Either(a_ir, b_ir, test_ir):
                decided = self.decide(test_ir, renv, depth + 1) if test_ir is not None else None
                if decided is not None:
                    return self.may_have(a_ir if decided else b_ir, renv, key, depth + 1)
                return self.may_have(a_ir, renv, key, depth + 1) or self.may_have(b_ir, renv, key, depth + 1)
            case Cmp("&&", _, right):
                return self.may_have(right, renv, key, depth + 1)
            case Or(left, right, _):
                return self.may_have(left, renv, key, depth + 1) or self.may_have(right, renv, key, depth + 1)
            case Null() | Undef() | Bool() | Num():
                return False
        return True

    def raw_export(self, path: str, name: str) -> IR | None:
        mod = self.modules[path]
        if name in mod.esm_exports:
            return mod.esm_exports[name]
        if name in mod.cjs_named:
            return mod.cjs_named[name]
        if mod.cjs_exports is not None:
            return Mem(mod.cjs_exports, name)
        for spec in mod.star_exports:
            target = self.resolve_module(path, spec) if self.local(spec) else None
            if target is not None and target != path:
                found = self.raw_export(target, name)
                if found is not None:
                    return found
        return None

    # -- evaluation --------------------------------------------------------------------------------------
    def out_of_time(self) -> bool:
        """True once the frontend_seconds deadline has passed (then for good)."""
        if not self.expired and analysis_clock() > self.deadline:
            self.expired = True
        return self.expired

    def too_deep(self, what: str) -> None:
        self.cut("js_eval_depth", f"{what}: nesting too deep, left unknown")

    def cut(self, budget: str, what: str) -> None:
        """Record a cut made while evaluating on behalf of `focus` / `focus_tool`."""
        f = self.functions.get(self.focus) if self.focus is not None else None
        self.cuts.cut(budget, what, fid=self.focus, tool=self.focus_tool, path=f.path if f is not None else None)

    def value(self, ir: IR | Value, env: Env, depth: int = 0) -> Value:
        """Fold `ir` under `env`. Bounded: results without parameter bindings are memoised per IR
        node, re-entry into a node being evaluated is `unk`, and one top-level evaluation may take
        at most `js_eval_steps` steps (recursive helpers in bundles would otherwise explode)."""
        if depth == 0:
            self._steps = 0
            self._exhausted = False
            self._resets += 1
        self._steps += 1
        self._ticks += 1
        if self.expired or (not self._ticks & 255 and self.out_of_time()):
            self._exhausted = True  # not memoised: the frontend stops and reports the cut
            return Unk("time budget")
        if self._steps > self.max_steps:
            if self._steps == self.max_steps + 1:
                self.cut("js_eval_steps", f"a value evaluated in {self.focus or 'the package'} was left unknown")
            self._exhausted = True
            return Unk("evaluation budget")
        if depth > self.max_depth:
            self.too_deep("a value")
            return Unk("too deep")
        if env or isinstance(ir, TERMINAL):
            return self._value(ir, env, depth)
        # values read inside an instance's fields (sole_binding), and exact ones (kept), memoised apart
        key = id(ir) * 4 + (self._sole_on > 0) + 2 * (self._exact > 0)
        cached = self._memo.get(key)
        if cached is not None and cached[0] is ir:
            return cached[1]
        if key in self._active:
            return Unk("recursive definition")
        self._active.add(key)
        exhausted_before = self._exhausted
        self._exhausted = False
        steps = self._steps
        try:
            result = self._value(ir, env, depth)
        finally:
            self._active.discard(key)
        if not self._exhausted:
            self._memo[key] = (ir, result)
            if not self._active and not self._guarded:
                self._hidden += self._steps - steps  # read from the memo from now on: one step
        self._exhausted = self._exhausted or exhausted_before
        return result

    def bound_value(self, bound: tuple[IR, Env], depth: int) -> Value:
        """`value(*bound, depth)` of a parameter's binding under bindings of its own (a call site's argument
        under the site's bindings), computed once: every call on a parameter evaluates it again under each
        binding of the function (`graph.bind_call`), and nothing under bindings is memoised.

        Kept and reused only where the answer cannot depend on what encloses the evaluation: no node is
        being evaluated above it (`_active`, whose re-entry gives unknown) and no guarded computation is open
        (`_guarded`); only an evaluation that made no cut, did not run out of steps or time and started no
        top-level evaluation is kept. Then evaluating it again would give the same value (the nodes without
        bindings it met are memoised, with the values they had, and it meets the same ones), in the same
        number of steps: those outside memoised nodes and cached computations (`_hidden`), counted when it
        was kept; a reuse counts them too, and evaluates again when they would pass js_eval_steps."""
        key = (id(bound), depth)
        hit = self._bound_memo.get(key)
        if hit is not None and hit[0] is bound:
            steps = hit[2]
            if self._steps + steps <= self.max_steps:
                ticks = self._ticks
                self._steps += steps
                self._ticks += steps
                if ticks >> 8 != self._ticks >> 8:  # the clock is read as often as when evaluating
                    self.out_of_time()
                return hit[1]
        steps, hidden, resets, cuts = self._steps, self._hidden, self._resets, self.cuts.made
        exhausted_before = self._exhausted
        self._exhausted = False
        result = self.value(bound[0], bound[1], depth)
        if (not self._exhausted and resets == self._resets and cuts == self.cuts.made
                and len(self._bound_memo) < BOUND_MEMO_ENTRIES):
            self._bound_memo[key] = (bound, result, self._steps - steps - (self._hidden - hidden))
        self._exhausted = self._exhausted or exhausted_before
        return result

    def _value(self, ir: IR | Value, env: Env, depth: int) -> Value:
        match ir:
            case Str() | Num() | Bool() | Null() | Undef() | Fn() | ClassRef() | Unk() | Ext() | Global() | ModRef() \
                    | Inst() | FileRef():
                return ir
            case Id(name, scope):
                binding = self.lookup(scope, name)
                if binding is None:
                    if name == "exports" and scope is not None:
                        # `exports.tool` read back inside a CommonJS module (`exports.default = { tool:
                        # exports.tool }`, TypeScript's output): that module's own exports
                        owner = self.functions.get(scope)
                        mod = self.modules.get(owner.path) if owner is not None else None
                        if mod is not None and mod.cjs_exports is None and mod.cjs_named:
                            return ModRef(mod.path)
                    if name in ("__dirname", "__filename", "import.meta") and scope is not None:
                        owner = self.functions.get(scope)
                        if owner is not None:
                            here = owner.path if name != "__dirname" else posixpath.dirname(owner.path)
                            return FileRef(here, "meta" if name == "import.meta" else "")
                    return Global(name)
                if isinstance(binding, Undef) and name == "exports":
                    return Global(name)
                if isinstance(binding, Param) and (binding.fid, binding.index) not in env and scope is not None:
                    chosen = self.branch_binding(scope, binding.fid, binding.index)
                    if chosen is not None:
                        return self.value(chosen[0], chosen[1], depth + 1)
                return self.value(binding, env, depth + 1)
            case Param(fid, index):
                bound = env.get((fid, index)) or self.sole_binding(fid, index)
                if bound is None:
                    return ir
                if bound[1] and not self._active and not self._guarded:
                    return self.bound_value(bound, depth + 1)
                return self.value(bound[0], bound[1], depth + 1)
            case Mem(obj_ir, prop):
                if prop in ("shape", "value"):  # `Schema.shape.name.value` of `z.object({name: z.literal("x")})`
                    base, base_env = self.raw(obj_ir, env, depth + 1)
                    zod_part = self.zod_part(base, base_env, prop, depth + 1)
                    if zod_part is not None:
                        return self.value(zod_part[0], zod_part[1], depth + 1)
                obj = self.value(obj_ir, env, depth + 1)
                if isinstance(obj, Ext) and obj.module == "yargs":  # `argv.prefix`: the option's default
                    given = option_default(self, obj.names, obj_ir, env, prop, depth + 1)
                    if given is not None:
                        return given
                return self.member(obj, prop, depth + 1)
            case Idx(obj_ir, index_ir):
                obj = self.value(obj_ir, env, depth + 1)
                key = self.value(index_ir, env, depth + 1)
                if isinstance(key, (Str, Num)):
                    if isinstance(obj, ArrV) and isinstance(key, Num):
                        items = self.array_items(obj, depth + 1) if not obj.alternatives else None
                        i = int(key.value)
                        if items is not None and 0 <= i < len(items):
                            return self.value(items[i][0], items[i][1], depth + 1)
                        return Unk("index")
                    return self.member(obj, str(key.value), depth + 1)
                if isinstance(obj, ObjV):
                    return Dispatch(obj.entries, obj.env)
                return Unk("computed member")
            case Call():
                return self.call_value(ir, env, depth)
            case New(callee_ir, args):
                callee = self.value(callee_ir, env, depth + 1)
                match callee:
                    case ClassRef(cid):
                        return self.instance(cid, args, env)
                    case Ext():
                        return callee
                    case Global("Set") if len(args) == 1:
                        return self.new_set(args[0], env, depth + 1)
                    case Global("URL") if len(args) == 2:
                        return datavalues.new_url([self.value(a, env, depth + 1) for a in args])
                    case Global(dotted):
                        return Global(dotted + "()")
                return Unk("new")
            case Obj(entries):
                return ObjV(entries, env)
            case Arr(items_ir, collection):
                return ArrV(items_ir, env, False, collection)
            case Tpl(parts):
                return self._concat(parts, env, depth, False)
            case Add(left_ir, right_ir):
                return self._concat((left_ir, right_ir), env, depth, True)
            case Or(left_ir, right_ir, op):
                left = self.value(left_ir, env, depth + 1)
                if isinstance(left, (Undef, Null)) or (op == "||" and truth(left) is False):
                    return self.value(right_ir, env, depth + 1)
                if isinstance(left, Unk):  # `(this && this.__awaiter) || function …`: the known side
                    right = self.value(right_ir, env, depth + 1)
                    return right if not isinstance(right, Unk) else left
                return left
            case Either(a_ir, b_ir, test_ir):
                decided = self.decide(test_ir, env, depth + 1) if test_ir is not None else None
                if decided is not None:
                    return self.value(a_ir if decided else b_ir, env, depth + 1)
                a = self.value(a_ir, env, depth + 1)
                b = self.value(b_ir, env, depth + 1)
                if same(a, b):
                    return a
                if isinstance(a, ArrV) and isinstance(b, ArrV):
                    return self.either_array(a, b, depth + 1)
                return Unk("conditional")
            case Cmp() | Not():
                return self.test_value(ir, env, depth + 1)
            case TypeOf(inner):
                return type_of(self.value(inner, env, depth + 1))
            case Rx():
                return ir
            case Req(spec, path):
                return self.require_from(path, spec, depth)
            case Imp(spec, name, path):
                return self.import_value(path, spec, name, depth)
            case BoundIR(inner, inner_env):
                return self.value(inner, inner_env, depth + 1)
            case This(fid):
                bound_this = env.get(THIS_KEY)  # a base-class method evaluated for one subclass's instances
                if bound_this is not None:  # bound to the subclass's ClassRef: an instance of it
                    bound_cls = self.value(bound_this[0], bound_this[1], depth + 1)
                    return Inst(bound_cls.cid) if isinstance(bound_cls, ClassRef) else bound_cls
                this_cls = self.enclosing_class(fid)
                return self.sole_instance(this_cls) if this_cls else Unk("this")
            case Ret(fid):
                f = self.functions.get(fid)
                if f is None or not f.returns:
                    return Unk("no return")
                return self.value(f.returns[0], env, depth + 1)
            case Spread(inner):
                return self.value(inner, env, depth + 1)
            case LoopMap():
                return self.loop_map(ir, env, depth + 1)
            case Fold():
                return self.fold(ir, env, depth + 1)
            case Sites():
                return self.sites_value(ir, env, depth + 1)
            case Dispatch() | BoundFn() | ArrayMethod() | StrMethod():
                return ir
        return Unk(kind(ir))

    def decide(self, test: IR, env: Env, depth: int) -> bool | None:
        """Whether a condition holds, when its value is known (JavaScript truthiness); None otherwise."""
        return truth(self.value(test, env, depth + 1))

    def test_value(self, ir: Cmp | Not, env: Env, depth: int) -> Value:
        """`!x`, `a && b` and comparisons of known values (strict and loose equality of literals, order
        of numbers or of strings); unknown when a side is not known."""
        if isinstance(ir, Not):
            held = self.decide(ir.value, env, depth)
            return Bool(not held) if held is not None else Unk("negation")
        left = self.value(ir.left, env, depth + 1)
        if ir.op == "&&":
            held = truth(left)
            if held is None:
                return Unk("&&")
            return self.value(ir.right, env, depth + 1) if held else left
        right = self.value(ir.right, env, depth + 1)
        if ir.op == "in":
            return self.has_key(left, right, depth)
        left, right = absent_as_undefined(left), absent_as_undefined(right)
        if ir.op in ("===", "!==", "==", "!=") and any(isinstance(v, (Null, Undef)) for v in (left, right)) and all(
                isinstance(v, (*LITERALS, *_OBJECTS)) for v in (left, right)) and not all(
                isinstance(v, LITERALS) for v in (left, right)):
            # an object, array or function is never null nor undefined (`(_a = o.list) === null || _a === void 0`)
            return Bool(ir.op in ("!==", "!="))
        if not isinstance(left, LITERALS) or not isinstance(right, LITERALS):
            return Unk("comparison")
        if ir.op in ("===", "!==", "==", "!="):
            nullish = isinstance(left, (Null, Undef)), isinstance(right, (Null, Undef))
            if ir.op in ("==", "!=") and any(nullish):
                equal = all(nullish)  # `x == null`: true for null and undefined only
            elif ir.op in ("==", "!=") and type(left) is not type(right):
                return Unk("loose comparison")
            else:
                equal = type(left) is type(right) and getattr(left, "value", None) == getattr(right, "value", None)
            return Bool(equal == (ir.op in ("===", "==")))
        if isinstance(left, Num) and isinstance(right, Num) or isinstance(left, Str) and isinstance(right, Str):
            a, b = left.value, right.value
            held = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}.get(ir.op)  # type: ignore[operator]
            return Bool(held) if held is not None else Unk("comparison")
        return Unk("comparison")

    def has_key(self, key: Value, obj: Value, depth: int) -> Value:
        """`"key" in obj` for an object literal: true when it has the key (or a spread that gives it),
        false when neither; unknown otherwise."""
        if not isinstance(key, Str) or not isinstance(obj, ObjV) or depth > self.max_depth:
            return Unk("in")
        for entry in obj.entries:
            match entry:
                case KV(name, _) if name == key.value:
                    return Bool(True)
                case KV():
                    continue
                case Spread(inner) if self.may_have(inner, obj.env, key.value, depth + 1):
                    return Unk("in")
                case Spread():
                    continue
                case _:
                    return Unk("in")
        return Bool(False)

    def new_set(self, arg: IR, env: Env, depth: int) -> Value:
        """`new Set(ITEMS)` of an array whose elements are known strings or numbers: those, each once (to
        spread, join, test with `has`); otherwise a Set as before (its methods built-in)."""
        listed = self.value(arg, env, depth + 1)
        items = self.array_items(listed, depth + 1) if isinstance(listed, ArrV) and not listed.alternatives else None
        if items is None:
            return Global("Set()")
        out: dict[tuple[str, str | int | float], Str | Num] = {}
        for item, item_env in items:
            v = self.value(item, item_env, depth + 1)
            if not isinstance(v, (Str, Num)):
                return Global("Set()")
            out.setdefault((type(v).__name__, v.value), v)
        return ArrV(tuple(out.values()), EMPTY, collection="Set")

    def either_array(self, a: ArrV, b: ArrV, depth: int) -> Value:
        """`flag ? readonlyTools : allTools`: the elements of both arrays (each element once), an
        array to list or iterate (`alternatives`), not one array's contents."""
        out: list[IR] = []
        seen: set[int] = set()
        for arr in (a, b):
            items = self.array_items(arr, depth + 1)
            if items is None:
                return Unk("conditional")
            for item, item_env in items:
                inner, inner_env = self.raw(item, item_env, depth + 1)
                key = id(inner) if not inner_env else id(item)
                if key in seen:
                    continue
                seen.add(key)
                out.append(BoundIR(item, item_env))
        return ArrV(tuple(out), EMPTY, alternatives=True)

    def _concat(self, parts: tuple[IR, ...], env: Env, depth: int, add: bool) -> Value:
        vals = [self.value(p, env, depth + 1) for p in parts]
        if add and isinstance(vals[0], Num) and isinstance(vals[1], Num):
            return Num(vals[0].value + vals[1].value)
        if all(isinstance(v, LITERALS) for v in vals):
            return Str("".join(_js_str(v) for v in vals))
        bad = next(v for v in vals if not isinstance(v, LITERALS))
        if isinstance(bad, Unk) and bad.why.startswith("built from "):
            return bad  # `a + b + c`: said once, not "built from built from …"
        return Unk("built from " + describe_value(bad))

    def loop_map(self, ir: LoopMap, env: Env, depth: int) -> Value:
        """LoopMap(key, ITEMS, X): X once per element of ITEMS with the loop variable bound
        (an element pushed inside `for (const key of ITEMS)`)."""
        arr = self.value(ir.items, env, depth + 1)
        if not isinstance(arr, ArrV):
            return Unk("loop over " + describe_value(arr))
        items = self.array_items(arr, depth + 1)
        if items is None:
            return Unk("loop items")
        out: list[IR] = []
        for item, item_env in items:
            inner = {**env, (ir.key, 0): (item, item_env)}
            if isinstance(ir.item, Spread):
                nested = self.value(ir.item.value, inner, depth + 1)
                sub = self.array_items(nested, depth + 1) if isinstance(nested, ArrV) else None
                if sub is None:
                    return Unk("loop items")
                out.extend(BoundIR(i, e) for i, e in sub)
            else:
                out.append(BoundIR(ir.item, inner))
        return ArrV(tuple(out), EMPTY)

    def fold(self, ir: Fold, env: Env, depth: int) -> Value:
        """A variable reassigned in a loop (`for (const [k, v] of Object.entries(presets)) if (list.includes(k))
        list = [...v, ...list]`): its value after every turn, each turn reading the value the one before left."""
        arr = self.value(ir.items, env, depth + 1)
        items = self.array_items(arr, depth + 1) if isinstance(arr, ArrV) and not arr.alternatives else None
        if items is None:
            return Unk("reassigned in a loop over " + describe_value(arr))
        acc: Value = self.value(ir.init, env, depth + 1)
        for item, item_env in items[:self.budgets.js_instances * 32]:
            if isinstance(acc, Unk):
                return acc
            if isinstance(acc, ArrV) and acc.alternatives:
                return Unk("reassigned in a loop: a value not known statically")
            before: tuple[IR, Env]
            if isinstance(acc, ArrV):
                before = (Arr(acc.items, acc.collection), acc.env)
            elif isinstance(acc, ObjV):
                before = (Obj(acc.entries), acc.env)
            else:
                before = (cast("IR", acc), EMPTY)  # a literal, function, instance …: evaluates to itself
            acc = self.value(ir.step, {**env, (ir.key, 0): (item, item_env), (ir.acc, 0): before}, depth + 1)
        if len(items) > self.budgets.js_instances * 32:
            return Unk("reassigned in a loop over too many elements")
        return acc

    def sites_value(self, ir: Sites, env: Env, depth: int) -> Value:
        """Sites(FID, X): X once per call of FID in the package, under that call's arguments."""
        sites = self.call_sites_of(ir.fid)
        if not sites:
            return Unk("no call sites")
        f = self.functions[ir.fid]
        out = tuple(BoundIR(ir.item, {**env, **self.bind_args(ir.fid, args, site_env, len(f.params))})
                    for args, site_env in sites)
        return ArrV(out, EMPTY)

    def call_sites_of(self, fid: str) -> list[tuple[tuple[IR, ...], Env]]:
        """The calls of function fid in the package whose callee evaluates to it (their arguments, as
        written; at most js_instances); found by the callee's written name first."""
        cached = self._sites.get(fid)
        if cached is not None:
            return cached
        self._sites[fid] = []  # re-entry sees none
        steps = self._open()
        try:
            f = self.functions.get(fid)
            short = f.name.rsplit(".", 1)[-1] if f is not None else ""
            out: list[tuple[tuple[IR, ...], Env]] = []
            if short and not short.startswith("<"):
                for call in self.calls_ending(short):
                    callee = self.value(call.callee, EMPTY)
                    if isinstance(callee, Fn) and callee.fid == fid:
                        out.append((call.args, EMPTY))
                    else:
                        out.extend((call.args, env) for env in self.receiver_sites(call, fid))
            out = out[:self.budgets.js_instances]
        finally:
            self._close(steps)
        self._sites[fid] = out
        return out

    def _open(self) -> int:
        """A guarded computation starts (see `bound_value`): the step count at its start."""
        self._guarded += 1
        return self._steps

    def _close(self, steps: int, cached: bool = True) -> None:
        self._guarded -= 1
        if cached and not self._guarded and not self._active:
            self._hidden += self._steps - steps  # its answer is read from now on: no step

    def field_method(self, callee: IR, caller: str) -> str | None:
        """The package function a method call on a field kept from another function's parameter
        (`this.client.get(path)` with `constructor(client) { this.client = client; }`) reaches under
        every call site of that function (`new ExportAPI(httpClient)`, the client a default parameter
        builds included), when they all agree; None when a site gives something else or there is none."""
        if not isinstance(callee, Mem):
            return None
        receiver = self.value(callee.obj, EMPTY)
        if not isinstance(receiver, Param) or receiver.fid == caller or receiver.fid not in self.functions:
            return None
        owner = self.functions[receiver.fid]
        sites = self.call_sites_of(receiver.fid) or self.constructor_sites(receiver.fid)
        if not sites or len(sites) >= self.budgets.js_instances:
            return None
        found: set[str] = set()
        for args, site_env in sites:
            env = self.bind_args(receiver.fid, args, site_env, len(owner.params))
            target = self.member(self.value(receiver, env), callee.prop, 0)
            if not isinstance(target, Fn) or target.fid not in self.functions:
                return None
            found.add(target.fid)
        return found.pop() if len(found) == 1 else None

    def instance(self, cid: str, args: tuple[IR, ...], env: Env) -> Inst:
        """`new C(ARGS)`: an instance of C whose constructor's parameters are bound to ARGS."""
        ctor = self.method_of(cid, "constructor") if args else None
        if ctor is None or ctor not in self.functions:
            return Inst(cid)
        return Inst(cid, self.bind_args(ctor, args, env, len(self.functions[ctor].params)))

    def sole_instance(self, cid: str) -> Inst:
        """`this` in a method of class cid: the one instance the package makes (`new C(…)` written once,
        no class extends it) with its constructor's arguments; an instance of no known arguments otherwise."""
        ctor = self.classes[cid].methods.get("constructor") if cid in self.classes else None
        if ctor is None or self.subclasses.get(cid):
            return Inst(cid)
        sites = self.constructor_sites(ctor)
        if len(sites) != 1:
            return Inst(cid)
        return self.instance(cid, *sites[0])

    def sole_binding(self, fid: str, index: int) -> tuple[IR, Env] | None:
        """The value parameter `index` of function fid takes: for the callback of a commander command
        (`.action((options) => …)`), the options object it is given when the server starts with none (their
        declared defaults); while the fields of one instance are read (`_sole_on`), its argument at the one
        place the package calls fid from (the functions leading to the `new C(…)`)."""
        if self._sole is None:
            self._sole = {}
            self._commander = commander_actions(self)
        if fid in self._commander:
            given = self._commander[fid]
            return given.get((fid, index)) if given is not None else None
        if not self._sole_on:
            return None
        if fid in self._sole:
            found = self._sole[fid]
            return found.get((fid, index)) if found is not None else None
        self._sole[fid] = None  # re-entry sees none
        f = self.functions.get(fid)
        if f is None or f.kind == "module" or not f.params:
            return None
        sites = self.call_sites_of(fid)
        if len(sites) != 1:
            return None
        args, site_env = sites[0]
        bound = self.bind_args(fid, args, site_env, len(f.params))
        self._sole[fid] = bound
        return bound.get((fid, index))

    def branch_binding(self, scope: str, fid: str, index: int) -> tuple[IR, Env] | None:
        """Parameter `index` of function fid read inside branches of it that test its other parameters
        (`if (serverType === "oapi") { … options … }`): its argument at the one call of fid whose arguments
        take those branches (`init("oapi", {…})`, not `init("recall", {…})`); None when not exactly one does."""
        key = (scope, fid, index)
        if key in self._branch_sites:
            return self._branch_sites[key]
        self._branch_sites[key] = None
        f = self.functions.get(fid)
        if f is None or not f.params:
            return None
        tests: list[tuple[int, str]] = []
        cur = self.functions.get(scope)
        while cur is not None and cur.fid != fid and cur.parent is not None:
            parent = self.functions.get(cur.parent)
            if cur.kind == "branch" and parent is not None:
                for bid, bkey, group in parent.branches:
                    subject = group.rpartition("#on:")[2]
                    if bid == cur.fid and isinstance(bkey, str) and subject in f.params:
                        tests.append((f.params.index(subject), bkey))
            cur = parent
        if not tests or cur is None or cur.fid != fid:
            return None
        sites = self.call_sites_of(fid)
        taken = [(args, site_env) for args, site_env in sites
                 if all(j < len(args) and not isinstance(args[j], Spread)
                        and _is_str(self.value(args[j], site_env), want) for j, want in tests)]
        if len(taken) != 1:
            return None
        args, site_env = taken[0]
        found = self.bind_args(fid, args, site_env, len(f.params)).get((fid, index))
        self._branch_sites[key] = found
        return found

    def constructor_sites(self, fid: str) -> list[tuple[tuple[IR, ...], Env]]:
        """The `new C(...)` expressions of the package whose class's constructor is fid (their
        arguments, as written; at most js_instances), found by the class's written name first."""
        key = "new:" + fid
        cached = self._sites.get(key)
        if cached is not None:
            return cached
        self._sites[key] = []
        steps = self._open()
        try:
            f = self.functions.get(fid)
            cls_name, _dot, method = f.name.rpartition(".") if f is not None else ("", "", "")
            out: list[tuple[tuple[IR, ...], Env]] = []
            short = cls_name.rsplit(".", 1)[-1]
            if method == "constructor" and short and not short.startswith("<"):
                for call in self.calls_ending(short):
                    if not call.is_new:
                        continue
                    made = self.value(call.callee, EMPTY)
                    if isinstance(made, ClassRef) and self.method_of(made.cid, "constructor") == fid:
                        out.append((call.args, EMPTY))
            out = out[:self.budgets.js_instances]
        finally:
            self._close(steps)
        self._sites[key] = out
        return out

    def calls_ending(self, short: str) -> Sequence[CallFact]:
        """The calls of the package whose written callee ends with `short`, in the order of the functions
        and of their calls. call_sites_of and constructor_sites ask once per function, and a bundle has
        tens of thousands of calls: they are grouped once by the run of name characters their callee
        ends with (`_name_tail`), and for a `short` made of such characters (a name: the usual case)
        only the groups whose run ends with it are read; for any other `short`, the one group whose run
        is the one `short` ends with."""
        found = self._calls_ending.get(short)
        if found is not None:
            return found
        if not self._by_tail:
            for n, call in enumerate(c for g in self.functions.values() for c in g.calls):
                self._by_tail.setdefault(_name_tail(call.text), []).append((n, call))
        if short and _name_tail(short) == short:
            # a callee ending with a name ends with it inside its own final run of name characters
            by_end = self._tails_by_end.get(len(short))
            if by_end is None:
                by_end = self._tails_by_end[len(short)] = {}
                for tail in self._by_tail:
                    if len(tail) >= len(short):
                        by_end.setdefault(tail[-len(short):], []).append(tail)
            groups = [self._by_tail[tail] for tail in by_end.get(short, ())]
        else:
            # `short` has a character no name holds before its own final run of name characters
            # (`write@39:9598`, `x[0]`): a callee ending with it has that run as its whole final run
            groups = [[(n, c) for n, c in self._by_tail.get(_name_tail(short), ()) if c.text[-len(short):] == short]]
        if len(groups) == 1:
            ordered = groups[0]
        else:  # (in the package's order again)
            ordered = sorted((nc for calls in groups for nc in calls), key=lambda nc: nc[0])
        found = self._calls_ending[short] = tuple(call for _n, call in ordered)
        return found

    def receiver_sites(self, call: CallFact, fid: str) -> list[Env]:
        """`registry.registerTool(def)` where `registry` is a parameter of the calling function
        (`function registerFileTools(registry) {…}`): the bindings of that function's own call sites
        under which the call reaches method `fid` (`registerFileTools(server.toolRegistry)`)."""
        if not isinstance(call.callee, Mem):
            return []
        receiver = self.value(call.callee.obj, EMPTY)
        if not isinstance(receiver, Param) or receiver.fid == fid:
            return []
        owner = self.functions.get(receiver.fid)
        if owner is None:
            return []
        out: list[Env] = []
        for args, site_env in self.call_sites_of(receiver.fid):
            env = self.bind_args(receiver.fid, args, site_env, len(owner.params))
            callee = self.value(call.callee, env)
            if isinstance(callee, Fn) and callee.fid == fid:
                out.append(env)
        return out

    def import_value(self, path: str, spec: str, name: str, depth: int) -> Value:
        if self.local(spec):
            target = self.resolve_module(path, spec)
            if target is None:
                return self.data_module(path, spec, name)
            if name == "*":
                return ModRef(target)
            return self.export_of(target, name, depth + 1)
        mod = normalize_module(spec)
        if name in ("default", "*"):
            return Ext(mod, ())
        return Ext(mod, (name,))

    def require_from(self, path: str, spec: str, depth: int) -> Value:
        if self.local(spec):
            target = self.resolve_module(path, spec)
            if target is None:
                return self.data_module(path, spec, "default")
            return self.module_value(target, depth)
        return Ext(normalize_module(spec), ())

    def data_module(self, path: str, spec: str, name: str) -> Value:
        """`import tools from "./tools.json"` / `require("./tools.json")`: the document the file holds."""
        where = package_join(posixpath.dirname(path), spec) if spec.endswith(".json") else None
        if where is None:
            return Unk(f"module {spec} not found")
        if name not in ("default", "*"):  # a named import of a JSON module: a top-level key
            return self.member(self.files.document(where, "json"), name, 0)
        return self.files.document(where, "json")

    def file_call(self, callee: Ext | Global, ir: Call, env: Env, depth: int) -> Value | None:
        """Paths of the package and the files read through them (`datavalues`); None: not such a call."""
        names = callee.names if isinstance(callee, Ext) else ()
        module = callee.module if isinstance(callee, Ext) else ""
        if isinstance(callee, Global):
            if callee.dotted != "JSON.parse" or not ir.args:
                return None
            text = self.value(ir.args[0], env, depth + 1)
            if isinstance(text, Str):
                return self.files.parsed_json(text.value)
            return text if isinstance(text, Unk) and "package" in text.why else Unk(
                "JSON.parse() of text not known statically")
        if module in datavalues.PATH_MODULES and len(names) == 1 or (module, names) == ("url", ("fileURLToPath",)):
            args = [self.value(a, env, depth + 1) for a in ir.args]
            return datavalues.path_call(names[-1], args)
        if (module, names) in datavalues.READERS or (module, names) in datavalues.JSON_READERS:
            where = self.value(ir.args[0], env, depth + 1) if ir.args else Unk("no path")
            if isinstance(where, FileRef) and where.form in ("", "url"):
                if (module, names) in datavalues.JSON_READERS:
                    return self.files.document(where.path, "json")
                return self.files.text(where.path)
            if isinstance(where, Unk) and "package" in where.why:  # `path.join(__dirname, "../../x")`
                return Unk(f"a file read by {'.'.join((module, *names))}(): {where.why}")
            return None
        if names and (module, names[-1]) in datavalues.YAML_LOADERS and ir.args:
            text = self.value(ir.args[0], env, depth + 1)
            if isinstance(text, Str):
                return self.files.parsed(text.value, "yaml")
            return text if isinstance(text, Unk) and "package" in text.why else Unk(
                f"{module}.{names[-1]}() of text not known statically")
        return None

    def call_value(self, ir: Call, env: Env, depth: int) -> Value:
        args = ir.args
        if isinstance(ir.callee, Id) and ir.callee.name in _INTEROP_HELPERS and args:
            return self.interop(ir.callee.name, args, env, depth)  # tsc/babel/esbuild module interop helpers
        if isinstance(ir.callee, Mem) and ir.callee.prop == "test" and len(args) == 1:
            pattern = self.value(ir.callee.obj, env, depth + 1)
            if isinstance(pattern, Rx):  # `/[.!?]$/.test(text)`
                return regex_test(pattern, self.value(args[0], env, depth + 1))
        callee = self.value(ir.callee, env, depth + 1)
        match callee:
            case Global(name) if name.rsplit(".", 1)[-1] in _INTEROP_HELPERS and args:
                return self.interop(name.rsplit(".", 1)[-1], args, env, depth)
            case Fn(fid, closure):
                f = self.functions.get(fid)
                if f is not None and f.name.rsplit(".", 1)[-1] in _INTEROP_HELPERS and args:
                    return self.interop(f.name.rsplit(".", 1)[-1], args, env, depth)
                if f is None or not f.returns:
                    return Unk("call result")
                inner: dict[tuple[str, int], tuple[IR, Env]] = dict(closure) if closure is not None else {}
                inner.update(self.bind_args(fid, args, env, len(f.params)))
                if self._exact and (f.result is not None or len(f.returns) > 1):
                    return self.exact_result(f, fid, inner, depth)
                # the returns chosen by the body's conditions where they can be decided, else any of them
                chosen = (f.result, *f.returns) if f.result is not None else f.returns
                one_of: OneOf | None = None
                for i, r in enumerate(chosen):
                    v = self.closure(self.value(r, inner, depth + 1), fid, inner)
                    if isinstance(v, Inst) and len(f.returns) > 1 and (f.result is None or i > 0):
                        classes = self.return_classes(fid, f, depth)
                        if any(cid != v.cid for cid in classes):
                            # `try { return new A(…) } catch { return new B(…) }`: an instance of one of several
                            # classes; taking the first would resolve its methods to A's alone
                            return OneOf("call result: an instance of one of several classes",
                                         tuple(sorted(classes | {v.cid})))
                    if not isinstance(v, Unk):
                        return v
                    if isinstance(v, OneOf) and one_of is None:
                        one_of = v  # (`return cache.get(id)` or `return makeRobot(id)`: the instances it may be)
                return one_of if one_of is not None else Unk("call result")
            case BoundFn(fid, how):
                return Fn(fid) if how == "bind" else Unk("call result")
            case Ext("util", ("promisify",)) if args:
                # `promisify(cp.exec)` runs what it wraps: the result calls the same sink or function
                return self.value(args[0], env, depth + 1)
            case Ext(module, names) if (module, names) in IDENTITY_HELPERS and args:
                return self.value(args[0], env, depth + 1)  # `tool({…})`: the definition as given
            case Ext("env-var", names):  # `env.get("X").default("d").asString()`: the default
                given = env_var_default(self, ir.callee, names, args, env, depth + 1)
                return given if given is not None else callee
            case Ext():
                read = self.file_call(callee, ir, env, depth)
                return read if read is not None else callee
            case Global("JSON.parse"):
                read = self.file_call(callee, ir, env, depth)
                return read if read is not None else Unk("result of JSON.parse()")
            case Global(name):
                if name in ("String",) and args:
                    v = self.value(args[0], env, depth + 1)
                    return v if isinstance(v, Str) else Unk("String()")
                if name == "Array.from" and len(args) == 1:  # `Array.from(registry.values())`
                    listed = self.value(args[0], env, depth + 1)
                    if isinstance(listed, ArrV) and listed.collection:  # a Set's values, a Map's pairs: an array
                        return ArrV(listed.items, listed.env, listed.alternatives)
                    return listed if isinstance(listed, ArrV) else Unk("result of Array.from()")
                if name == "Object.fromEntries" and len(args) == 1:
                    return self.from_entries(self.value(args[0], env, depth + 1), depth + 1)
                if name in ("Object.values", "Object.entries", "Object.keys") and args:
                    obj = self.value(args[0], env, depth + 1)
                    if isinstance(obj, ModRef):  # `import * as tools from "./tools.js"; Object.values(tools)`
                        obj = self.namespace_object(obj.path)
                    if isinstance(obj, ObjV):
                        return self.object_listing(obj, name, depth + 1)
                return Unk(f"result of {name}()")
            case ArrayMethod():
                return self.array_method(callee, args, env, depth + 1)
            case StrMethod():
                return self.string_method(callee, args, env, depth + 1)
        return Unk("call result")

    def return_classes(self, fid: str, f: FunctionFacts, depth: int) -> frozenset[str]:
        """The package classes whose instances the returns of `f` make, read once per function without
        the call's arguments (memoised: a call site's arguments seldom choose the class, and evaluating
        every return per call doubled the work)."""
        classes = self._return_classes.get(fid)
        if classes is None:
            self._return_classes[fid] = frozenset()  # re-entry (a recursive factory): none known yet
            found = set()
            for r in f.returns:
                v = self.value(r, EMPTY, depth + 1)
                if isinstance(v, Inst):
                    found.add(v.cid)
            classes = frozenset(found)
            self._return_classes[fid] = classes
        return classes

    def exact_result(self, f: FunctionFacts, fid: str, inner: Env, depth: int) -> Value:
        """What a call of f gives when that must be its one value (a filter's condition): the return its
        body's conditions choose (f.result); unknown when its body has several returns not so chosen
        (`if (client === "app") { if (name === "x") return false; } return true` is not false for every name)."""
        if f.result is None:  # several returns not chosen by conditions (not evaluated: nested calls would
            return Unk("call result: one of several returns")  # multiply the work)
        return self.closure(self.value(f.result, inner, depth + 1), fid, inner)

    def closure(self, v: Value, fid: str, inner: Env) -> Value:
        """What a call of fid under the bindings `inner` returns, `v`: a function written inside fid is a
        closure that keeps the parameters of the call that made it."""
        if isinstance(v, Fn) and v.env is None and inner and self.nested_in(v.fid, fid):
            return Fn(v.fid, inner)
        return v

    def interop(self, helper: str, args: tuple[IR, ...], env: Env, depth: int) -> Value:
        """What a compiler helper call gives: the module for the import helpers; for tsc's
        `__awaiter(this, args, P, function* () { … return x; })` (an `async` body compiled to
        ES2015), the value the generator returns, under the bindings of the enclosing call."""
        if helper != "__awaiter":
            return self.value(args[0], env, depth + 1)
        if len(args) < 4:
            return Unk("call result")
        gen = self.value(args[3], env, depth + 1)
        f = self.functions.get(gen.fid) if isinstance(gen, Fn) else None
        if f is None:
            return Unk("call result")
        inner: Env = {**env, **gen.env} if isinstance(gen, Fn) and gen.env else env
        for r in f.returns:
            v = self.value(r, inner, depth + 1)
            if not isinstance(v, Unk):
                return v
        return Unk("call result")

    def rest_index(self, fid: str) -> int:
        """The index of the function's rest parameter (`...args`), -1 when it has none."""
        rest_at = self._rest_at.get(fid)
        if rest_at is None:
            f = self.functions.get(fid)
            rest_at = next((i for i, p in enumerate(f.params) if p.startswith("...")), -1) if f is not None else -1
            self._rest_at[fid] = rest_at
        return rest_at

    def bind_args(self, fid: str, args: tuple[IR, ...], env: Env, n_params: int = 0) -> dict[tuple[str, int], tuple[IR, Env]]:
        """Parameter bindings of one call: the arguments given, `undefined` for parameters not
        passed (so `toolName || "default"` folds to the default). A spread argument ends the
        positional binding. A rest parameter (`...args`) is the array of the arguments from its
        place on (spread arguments spread into it: `this.register("read", ...args)`)."""
        bound: dict[tuple[str, int], tuple[IR, Env]] = {}
        rest_at = self.rest_index(fid)
        for i, a in enumerate(args):
            if i == rest_at:
                bound[(fid, i)] = (Arr(args[i:]), env)
                return bound
            bound[(fid, i)] = (a, env)
            if isinstance(a, Spread):
                return bound
        for i in range(len(args), n_params):
            bound[(fid, i)] = (Arr(()) if i == rest_at else Undef(), EMPTY)
        return bound

    def nested_in(self, fid: str, outer: str) -> bool:
        cur = self.functions.get(fid)
        while cur is not None and cur.parent is not None:
            if cur.parent == outer:
                return True
            cur = self.functions.get(cur.parent)
        return False

    def namespace_object(self, path: str) -> Value:
        """A module's named exports as an object literal (ESM namespace or CommonJS exports)."""
        mod = self.modules[path]
        entries: list[KV | Spread] = []
        for name, ir in list(mod.esm_exports.items()) + list(mod.cjs_named.items()):
            if name not in ("default", "__esModule"):
                entries.append(KV(name, ir))
        if mod.cjs_exports is not None and not entries:
            return self.value(mod.cjs_exports, EMPTY)
        return ObjV(tuple(entries), EMPTY)

    def object_listing(self, obj: ObjV, how: str, depth: int) -> Value:
        """Object.values/keys/entries of an object value; spread entries (`{...catalog, x}`) are
        listed in place, a later key replacing an earlier one."""
        if depth > self.max_depth:
            self.too_deep("an object listing")
            return Unk("too deep")
        flat: dict[str, tuple[IR, Env]] = {}
        for entry in obj.entries:
            match entry:
                case Spread(spread):
                    inner = self.value(spread, obj.env, depth + 1)
                    if isinstance(inner, ModRef):
                        inner = self.namespace_object(inner.path)
                    if not isinstance(inner, ObjV):
                        return Unk("spread in object")
                    listed = self.object_listing(inner, "Object.entries", depth + 1)
                    if not isinstance(listed, ArrV):
                        return listed
                    for pair in listed.items:
                        # each item is Arr((Str(key), BoundIR(value, env))), as built below
                        match pair:
                            case Arr((Str(key), BoundIR(value_ir, value_env))):
                                flat.pop(key, None)
                                flat[key] = (value_ir, value_env)
                case KV(key, value_ir):
                    flat.pop(key, None)
                    flat[key] = (value_ir, obj.env)
                case _:
                    return Unk("computed key in object")
        items: list[IR] = []
        for key, (value_ir, value_env) in flat.items():
            if how == "Object.values":
                items.append(BoundIR(value_ir, value_env))
            elif how == "Object.keys":
                items.append(Str(key))
            else:
                items.append(Arr((Str(key), BoundIR(value_ir, value_env))))
        return ArrV(tuple(items), EMPTY)

    def array_items(self, arr: ArrV, depth: int) -> list[tuple[IR, Env]] | None:
        """Elements of an array value with their envs, spreads expanded; None when unknown."""
        if depth > self.max_depth:
            self.too_deep("array elements")
            return None
        out: list[tuple[IR, Env]] = []
        env = arr.env
        for item in arr.items:
            match item:
                case Spread(spread):
                    inner = self.value(spread, env, depth + 1)
                    if not isinstance(inner, ArrV):
                        return None
                    sub = self.array_items(inner, depth + 1)
                    if sub is None:
                        return None
                    out.extend(sub)
                case BoundIR(inner_ir, inner_env):
                    out.append((inner_ir, inner_env))
                case _:
                    out.append((item, env))
        return out

    def array_method(self, callee: ArrayMethod, args: tuple[IR, ...], env: Env, depth: int) -> Value:
        method = callee.method
        items = self.array_items(callee.arr, depth + 1)
        if items is None:
            return Unk("array")
        either = callee.arr.alternatives
        if method == "get" and callee.arr.collection == "Map" and args:
            return self.map_get(items, self.value(args[0], env, depth + 1), depth)
        if method in ("values", "keys", "entries") and callee.arr.collection:
            if callee.arr.collection == "Set" or method == "entries":
                return ArrV(tuple(BoundIR(i, e) for i, e in items), EMPTY, either)
            part = 1 if method == "values" else 0  # a Map's items are [key, value] pairs
            return ArrV(tuple(Idx(BoundIR(i, e), Num(part)) for i, e in items), EMPTY, either)
        if method == "filter" and len(args) == 1 and not either:
            return ArrV(tuple(BoundIR(i, e) for i, e in self.kept(items, args[0], env, depth)), EMPTY)
        if method in ("filter", "slice", "sort", "reverse", "toSorted"):
            return ArrV(tuple(BoundIR(i, e) for i, e in items), EMPTY, either)
        if method == "flat":
            flat = self.flatten(items, depth)
            return ArrV(flat, EMPTY, either) if flat is not None else Unk("array flat")
        if method == "concat":
            out: list[IR] = [BoundIR(i, e) for i, e in items]
            for a in args:
                other = self.value(a, env, depth + 1)
                if isinstance(other, ArrV):
                    more = self.array_items(other, depth + 1)
                    if more is None:
                        return Unk("array")
                    out.extend(BoundIR(i, e) for i, e in more)
                else:
                    out.append(BoundIR(a, env))
            return ArrV(tuple(out), EMPTY, either)
        if method in ("map", "flatMap") and args:
            fn = self.value(args[0], env, depth + 1)
            if not isinstance(fn, Fn):
                return Unk("map callback")
            f = self.functions.get(fn.fid)
            if f is None or not f.returns:
                return Unk("map callback")
            mapped: list[IR] = []
            for i, (item, item_env) in enumerate(items):
                inner: Env = {(fn.fid, 0): (item, item_env), (fn.fid, 1): (Num(i), EMPTY)}
                mapped.append(BoundIR(f.returns[0], inner))
            if method == "flatMap":
                flat = self.flatten([(m, EMPTY) for m in mapped], depth)
                return ArrV(flat, EMPTY, either) if flat is not None else Unk("array flatMap")
            return ArrV(tuple(mapped), EMPTY, either)
        if method == "find" and len(args) == 1 and not either:  # `tools.find(t => t.name === "x")`
            return self.find_item(items, args[0], env, depth)
        if method in ("has", "includes") and len(args) == 1:  # `new Set([...]).has(name)`
            key = self.value(args[0], env, depth + 1)
            vals = [self.value(i, e, depth + 1) for i, e in items]
            if isinstance(key, (Str, Num, Bool)) and all(isinstance(v, (Str, Num, Bool)) for v in vals):
                return Bool(any(type(v) is type(key) and v.value == key.value for v in vals))
            return Unk(f"array {method}")
        if method == "join" and not either:
            sep = self.value(args[0], env, depth + 1) if args else Str(",")
            vals = [self.value(i, e, depth + 1) for i, e in items]
            if isinstance(sep, Str) and all(isinstance(v, (Str, Num)) for v in vals):
                return Str(sep.value.join(_js_str(v) for v in vals))
            return Unk("join")
        return Unk(f"array {method}")

    def kept(self, items: list[tuple[IR, Env]], callback: IR, env: Env, depth: int) -> list[tuple[IR, Env]]:
        """The elements `filter(callback)` keeps: all but those its condition is known to be false for
        (`tools.filter(t => allowed.includes(t.name))`); an element whose condition is not known is kept, as
        is every element when the callback is not one expression."""
        fn = self.value(callback, env, depth + 1)
        f = self.functions.get(fn.fid) if isinstance(fn, Fn) else None
        if f is None or len(f.returns) != 1 or not isinstance(fn, Fn):
            return items
        closure = {**env, **fn.env} if fn.env else env  # an inline callback reads the caller's bindings
        out: list[tuple[IR, Env]] = []
        outer = self._steps
        self._exact += 1  # an element is dropped only when its condition is false, not when it may be
        try:
            for i, (item, item_env) in enumerate(items):
                # each element's condition is one evaluation of its own (js_eval_steps each): a catalogue of a
                # thousand tools filtered by name must not spend the budget of the one value holding it
                self._steps = 0
                held = self.decide(f.returns[0], {**closure, (f.fid, 0): (item, item_env),
                                                  (f.fid, 1): (Num(i), EMPTY)}, depth)
                if held is not False:
                    out.append((item, item_env))
                if self.expired:
                    break
        finally:
            self._exact -= 1
        self._steps = outer + len(items)
        return out

    def find_item(self, items: list[tuple[IR, Env]], callback: IR, env: Env, depth: int) -> Value:
        """The first element the callback's condition holds for, when it can be decided for each one
        before it (undefined when it holds for none)."""
        fn = self.value(callback, env, depth + 1)
        f = self.functions.get(fn.fid) if isinstance(fn, Fn) else None
        if f is None or len(f.returns) != 1:
            return Unk("find callback")
        for i, (item, item_env) in enumerate(items):
            held = self.decide(f.returns[0], {(f.fid, 0): (item, item_env), (f.fid, 1): (Num(i), EMPTY)}, depth)
            if held is None:
                return Unk("find condition")
            if held:
                return self.value(item, item_env, depth + 1)
        return Undef()

    def from_entries(self, pairs: Value, depth: int) -> Value:
        """`Object.fromEntries(endpoints.map(e => [e.tool.name, e]))`: an object with a property per
        pair whose key is a known string (its value kept with the pair's bindings); unknown otherwise."""
        items = self.array_items(pairs, depth) if isinstance(pairs, ArrV) and not pairs.alternatives else None
        if items is None:
            return Unk("result of Object.fromEntries()")
        entries: list[KV | Spread] = []
        for item, item_env in items:
            pair = self.entry(item, item_env, depth)
            if isinstance(pair, Unk):
                return Unk(f"Object.fromEntries() {pair.why}")
            entries.append(KV(pair[0].value, BoundIR(*pair[1])))
        return ObjV(tuple(entries), EMPTY)

    def entry(self, item: IR, env: Env, depth: int) -> tuple[Str, tuple[IR, Env]] | Unk:
        """One `[key, value]` pair of Object.fromEntries or a Map: the key (a known string) and the
        value with its bindings, or Unk("entry"/"key") saying which part is not known."""
        pair = self.value(item, env, depth + 1)
        pair_items = self.array_items(pair, depth + 1) if isinstance(pair, ArrV) else None
        if pair_items is None or len(pair_items) != 2:
            return Unk("entry")
        k = self.value(pair_items[0][0], pair_items[0][1], depth + 1)
        if not isinstance(k, Str):
            return Unk("key")
        return k, pair_items[1]

    def map_get(self, items: list[tuple[IR, Env]], key: Value, depth: int) -> Value:
        """`registry.get(k)` of a Map: the value stored under k; for a k known only at run time (a tool's
        name), a dispatch over the entries by their keys (`registry.get(name).run(args)` reaches each
        entry's method, keyed by its name)."""
        entries: list[KV | Spread] = []
        for item, item_env in items:
            pair = self.entry(item, item_env, depth)
            if isinstance(pair, Unk):
                return Unk(f"map {pair.why}")
            k, (value, value_env) = pair
            if isinstance(key, Str) and k.value == key.value:
                return self.value(value, value_env, depth + 1)
            entries.append(KV(k.value, BoundIR(value, value_env)))
        if isinstance(key, Str):
            return Undef()
        return Dispatch(tuple(entries), EMPTY)

    def flatten(self, items: list[tuple[IR, Env]], depth: int) -> tuple[IR, ...] | None:
        """One level of `flat()` / `flatMap()`: an element that is an array gives its elements in
        place (None when such an array's elements are not known)."""
        out: list[IR] = []
        for item, item_env in items:
            value = self.value(item, item_env, depth + 1)
            if isinstance(value, ArrV):
                sub = self.array_items(value, depth + 1)
                if sub is None:
                    return None
                out.extend(BoundIR(i, e) for i, e in sub)
            else:
                out.append(BoundIR(item, item_env))
        return tuple(out)

    def string_method(self, callee: StrMethod, args: tuple[IR, ...], env: Env, depth: int) -> Value:
        text, method = callee.text, callee.method
        vals = [self.value(a, env, depth + 1) for a in args]
        if method == "trim" and not args:
            return Str(text.strip(" \t\n\r\v\f\u00a0\ufeff\u2028\u2029"))
        if method == "concat" and all(isinstance(v, (Str, Num)) for v in vals):
            return Str(text + "".join(_js_str(v) for v in vals))
        if method == "join":
            return Unk("join")
        if method == "split" and len(vals) == 1 and isinstance(vals[0], Str) and vals[0].value:
            return ArrV(tuple(Str(part) for part in text.split(vals[0].value)), EMPTY)
        if method == "split" and len(vals) == 1 and isinstance(vals[0], Rx):  # `list.split(/[,\s]+/)`
            compiled = _python_regex(vals[0], text, frozenset("imsg"))
            if compiled is None or compiled.match(""):  # a pattern matching nothing splits otherwise in JavaScript
                return Unk("string split")
            return ArrV(tuple(Str(part) if part is not None else Undef() for part in compiled.split(text)), EMPTY)
        if method in ("toUpperCase", "toLowerCase") and not args:
            return Str(text.upper() if method == "toUpperCase" else text.lower())
        if method in ("replace", "replaceAll") and len(vals) == 2:
            match vals:
                case [Str(old), Str(new)]:
                    if method == "replace":
                        return Str(text.replace(old, new, 1))
                    return Str(text.replace(old, new))
                case [Rx() as rx, Str(new)]:  # `name.replace(/\./g, "_")`
                    return regex_replace(text, rx, new, method == "replaceAll")
        return Unk(f"string {method}")

    def member(self, obj: Value, prop: str, depth: int) -> Value:
        if depth > self.max_depth:
            self.too_deep(f"property {prop}")
            return Unk("too deep")
        match obj:
            case Ext(module, names):
                if prop == "default" and not names:
                    return obj
                assigned = self.assigned_method(module, names, prop)
                if assigned is not None:
                    return assigned
                return Ext(module, (*names, prop))
            case Global(dotted):
                return Global(f"{dotted}.{prop}")
            case FileRef():
                return datavalues.member(obj, prop)
            case ModRef(path):
                return self.export_of(path, prop, depth + 1)
            case ObjV(entries, env):
                rewritten = self.rewritten(entries, prop, depth)
                if rewritten is not None:
                    return rewritten
                spreads = False  # a spread value that may have the property
                for entry in reversed(entries):
                    match entry:
                        case KV(key, value) if key == prop:
                            return self.value(value, env, depth + 1)
                        case Spread(spread):
                            inner = self.member(self.value(spread, env, depth + 1), prop, depth + 1)
                            if not isinstance(inner, Unk):
                                return inner
                            spreads = spreads or not inner.why.startswith(ABSENT)
                # an object literal as written has no such key (nor has any object spread into it):
                # `undefined` to a condition (ABSENT)
                return Unk(f"no property {prop}" if spreads else f"{ABSENT} {prop}")
            case ArrV():
                if prop in ("map", "flatMap", "filter", "concat", "slice", "join", "sort", "reverse", "flat",
                            "toSorted", "find"):
                    return ArrayMethod(obj, prop)
                if obj.collection and prop in ("values", "keys", "entries", "get"):
                    return ArrayMethod(obj, prop)
                if prop == ("has" if obj.collection == "Set" else "includes") and not obj.alternatives:
                    return ArrayMethod(obj, prop)
                if obj.collection == "Set" and prop in ("add", "delete", "clear", "forEach", "size"):
                    return Global(f"Set().{prop}")  # a built-in method, as for a Set not known statically
                if prop == "length" and not obj.alternatives:
                    items = self.array_items(obj, depth + 1)
                    return Num(len(items)) if items is not None else Unk("length")
                return Unk(f"array .{prop}")
            case Str(text):
                if prop == "length":
                    return Num(len(text.encode("utf-16-le")) // 2)
                return StrMethod(text, prop)
            case ClassRef(cid) | Inst(cid):
                if prop == "constructor" and isinstance(obj, Inst):
                    return ClassRef(cid)  # `this.constructor.toolName`: the class's static fields
                method = self.method_of(cid, prop, depth + 1)
                if method is not None:
                    return Fn(method)
                field = self.field_of(cid, prop, depth + 1)
                if field is not None and isinstance(obj, Inst) and obj.env:
                    # one `new C(…)`: its fields as its arguments set them (`this` is that instance)
                    self._sole_on += 1
                    try:
                        got = self.value(field, {**obj.env, THIS_KEY: (cast("IR", obj), EMPTY)}, depth + 1)
                    finally:
                        self._sole_on -= 1
                    if not isinstance(got, (Unk, Param)):
                        return got
                if field is not None:
                    got = self.value(field, EMPTY, depth + 1)
                    if isinstance(got, (Unk, Param)):
                        # `this` in a field's value (a base constructor's `this.name = this.constructor.toolName`)
                        # is the object read: an instance of class cid, not of the class assigning the field
                        own: Env = {THIS_KEY: (ClassRef(cid), EMPTY)}
                        ctor_env = self.constructor_env(cid, depth + 1) if isinstance(obj, Inst) else EMPTY
                        got = self.value(field, {**ctor_env, **own}, depth + 1)
                    return got
                return Unk(f"no member {prop}")
            case Fn(fid):
                if prop in ("call", "apply", "bind"):
                    return BoundFn(fid, prop)
                return Unk(f"function .{prop}")
            case Dispatch(entries, denv):  # `registry.get(name).run`: each entry's member, by key
                return Dispatch(tuple(KV(e.key, Mem(e.value, prop)) for e in entries if isinstance(e, KV)), denv)
        return Unk(f"member of {describe_value(obj)}")

    def rewritten(self, entries: tuple[KV | Spread, ...], prop: str, depth: int) -> Value | None:
        """The value code run before any tool is listed assigns to property `prop` of this object literal:
        a loop over an array holding it (`for (const tool of allTools) tool.description =
        describe(tool.name, tool.description)`) or a name for it (`const t = allTools.find(…);
        t.description = …`), the last such assignment; reading the property inside that value gives
        the one assigned before it (in the end the literal's). None when nothing rewrites it."""
        if prop not in REWRITTEN_PROPS or not entries:
            return None
        if self._rewrites is None:
            self._rewrites = {}
            steps = self._open()
            try:
                self._rewrites = self.property_rewrites()
            finally:
                self._close(steps)
        key = (id(entries), prop)
        found = self._rewrites.get(key)
        if not found:
            return None
        level = self._rewriting.get(key, len(found)) - 1
        if level < 0:
            return None
        outer = self._rewriting.get(key)
        self._rewriting[key] = level
        steps = self._open()  # what is read below depends on the level: nothing kept or reused there
        try:
            return self.value(found[level][0], found[level][1], depth + 1)
        finally:
            self._close(steps, cached=False)
            if outer is None:
                del self._rewriting[key]
            else:
                self._rewriting[key] = outer

    def property_rewrites(self) -> dict[tuple[int, str], list[tuple[IR, Env]]]:
        out: dict[tuple[int, str], list[tuple[IR, Env]]] = {}
        for mod in self.modules.values():
            for obj_ir, prop, value_ir in mod.member_assigns:
                if prop not in REWRITTEN_PROPS or not isinstance(obj_ir, Id):
                    continue
                bound = self.lookup(obj_ir.scope, obj_ir.name)
                if isinstance(bound, Param) and bound.index == 0 and "#for@" in bound.fid:
                    items_ir = self.loop_items(bound.fid)
                    arr = self.value(items_ir, EMPTY) if items_ir is not None else None
                    items = self.array_items(arr, 0) if isinstance(arr, ArrV) else None
                    for item, item_env in (items or [])[:self.budgets.js_instances * 32]:
                        raw, _ = self.raw(item, item_env)
                        if isinstance(raw, Obj) and raw.entries:
                            out.setdefault((id(raw.entries), prop), []).append(
                                (value_ir, {(bound.fid, 0): (item, item_env)}))
                elif bound is not None and not isinstance(bound, (Param, Obj)):
                    # a name for one element (`allTools.find(t => t.name === "x")`); a literal bound to the
                    # name itself gains the property when extracted
                    target = self.value(obj_ir, EMPTY)
                    if isinstance(target, ObjV) and target.entries:
                        out.setdefault((id(target.entries), prop), []).append((value_ir, EMPTY))
        return out

    def assigned_method(self, module: str, names: tuple[str, ...], prop: str) -> Fn | None:
        """The package function assigned to property `prop` of a third-party value (`module`, `names`), or None."""
        if self._ext_methods is None:
            self._ext_methods = {}  # re-entry while building sees none
            steps = self._open()
            try:
                self._ext_methods = self.assigned_methods()
            finally:
                self._close(steps)
        return self._ext_methods.get((module, names, prop)) if self._ext_methods else None

    def assigned_methods(self) -> dict[tuple[str, tuple[str, ...], str], Fn]:
        """Package functions assigned as a property of a third-party object (`s.registerOnce = (name, description,
        schema, handler) => { …; s.registerTool(name, {description, inputSchema: schema}, handler) }` in
        `wrapServer(server)`, called as `new McpServer(…)` wrapped): the object is what the assignment's receiver
        evaluates to, also under each call site of the function whose parameter it is; a later `x.registerOnce(…)`
        on a value of that same kind calls the function (closing over those bindings)."""
        out: dict[tuple[str, tuple[str, ...], str], Fn] = {}
        seen = 0
        for mod in self.modules.values():
            for obj_ir, prop, value_ir in mod.member_assigns:
                if seen >= _MAX_ASSIGNED_METHODS:
                    return out
                # a function as written (or a name bound to one): nothing else is evaluated here, as a value
                # memoised while the description rewrites are being collected could miss them
                written = self.lookup(value_ir.scope, value_ir.name) if isinstance(value_ir, Id) else value_ir
                if not isinstance(written, Fn):
                    continue
                fn = written
                seen += 1
                receiver = self.value(obj_ir, EMPTY)
                targets: list[tuple[Value, Env]] = [(receiver, EMPTY)]
                if isinstance(receiver, Param) and receiver.fid in self.functions:
                    owner = self.functions[receiver.fid]
                    targets = [(self.value(obj_ir, env), env) for env in
                               (self.bind_args(receiver.fid, args, site_env, len(owner.params))
                                for args, site_env in self.call_sites_of(receiver.fid))]
                for target, env in targets:
                    if isinstance(target, Ext):
                        closure = {**fn.env, **env} if fn.env else env
                        out.setdefault((target.module, target.names, prop), Fn(fn.fid, closure or None))
        return out

    def passed(self, fid: str, index: int) -> list[IR] | None:
        """What every call of fid in the package passes for its parameter `index`, in the order of the calls;
        None when one passes nothing there or spreads, when none is found, or when there are as many as
        the js_instances budget."""
        sites = self.call_sites_of(fid) if index >= 0 else []
        if not sites or len(sites) >= self.budgets.js_instances:
            return None
        if any(index >= len(args) or isinstance(args[index], Spread) for args, _env in sites):
            return None
        return [args[index] for args, _env in sites]

    def with_branches(self, fid: str) -> Iterator[FunctionFacts]:
        """The function fid and the `switch`/`if` branches nested in it, at any depth (each once)."""
        stack, seen = [fid], set()
        while stack:
            current = stack.pop()
            f = self.functions.get(current)
            if f is None or current in seen:
                continue
            seen.add(current)
            yield f
            stack.extend(b for b, _key, _group in f.branches)

    def loop_items(self, key: str) -> IR | None:
        """The array a `for (const x of ITEMS)` loop (by its key) iterates."""
        f = self.functions.get(key.split("#for@", 1)[0])
        while f is not None:
            found = next((items for k, items in f.loops if k == key), None)
            if found is not None:
                return found
            f = self.functions.get(f.parent) if f.parent is not None else None
        return None

    def constructor_env(self, cid: str, depth: int) -> Env:
        """Parameter bindings of the constructors above class cid that its own constructors' `super(…)`
        calls give (`class DirectionsTool extends BaseTool { constructor(p) { super({inputSchema: S}) } }`
        makes BaseTool's `this.inputSchema = params.inputSchema` S); a class without a constructor
        passes its arguments on unchanged. Empty when no `super(…)` call is known."""
        cached = self._ctor_envs.get(cid)
        if cached is not None:
            return cached
        self._ctor_envs[cid] = EMPTY  # re-entry (a cycle of classes) sees no bindings
        steps = self._open()
        try:
            env = self._constructor_env(cid, depth)
        finally:
            self._close(steps)
        self._ctor_envs[cid] = env
        return env

    def _constructor_env(self, cid: str, depth: int) -> dict[tuple[str, int], tuple[IR, Env]]:
        env: dict[tuple[str, int], tuple[IR, Env]] = {}
        pending: tuple[tuple[IR, ...], Env] | None = None  # the arguments a super() call passes up
        seen: set[str] = set()
        cur: str | None = cid
        while cur is not None and cur not in seen and depth < self.max_depth:
            seen.add(cur)
            cls = self.classes.get(cur)
            if cls is None:
                break
            ctor = cls.methods.get("constructor")
            if ctor is not None and ctor in self.functions:
                ctor_env: Env = EMPTY
                if pending is not None:
                    bound = self.bind_args(ctor, pending[0], pending[1], len(self.functions[ctor].params))
                    env.update(bound)
                    ctor_env = bound
                call = next((c for c in self.functions[ctor].calls if c.text == "super"), None)
                pending = (call.args, ctor_env) if call is not None else None
            if cls.superclass is None:
                break
            parent = self.value(cls.superclass, EMPTY, depth + 1)
            cur = parent.cid if isinstance(parent, ClassRef) else None
        return env

    def field_of(self, cid: str, name: str, depth: int) -> IR | None:
        seen: set[str] = set()
        cur: str | None = cid
        while cur is not None and cur not in seen:
            seen.add(cur)
            cls = self.classes.get(cur)
            if cls is None:
                return None
            if name in cls.fields:
                return cls.fields[name]
            if cls.superclass is None:
                return None
            parent = self.value(cls.superclass, EMPTY, depth + 1)
            cur = parent.cid if isinstance(parent, ClassRef) else None
        return None


ABSENT = "absent property"
_OBJECTS = (ObjV, ArrV, Fn, ClassRef, Inst, Rx, BoundFn)  # values that are objects (never null or undefined)
# properties of tool objects that a loop over the tools may rewrite before they are listed
REWRITTEN_PROPS = ("description", "title")
_MAX_ASSIGNED_METHODS = 2000  # functions assigned as properties looked at (bundles assign many)


def _is_str(v: Value, text: str) -> bool:
    return isinstance(v, Str) and v.value == text


def absent_as_undefined(v: Value) -> Value:
    """A property an object literal does not have reads as `undefined`."""
    return Undef() if isinstance(v, Unk) and v.why.startswith(ABSENT) else v


def truth(v: Value) -> bool | None:
    """JavaScript truthiness of a known value; None when not known."""
    match v:
        case Str(text):
            return bool(text)
        case Num(n):
            return bool(n) and n == n
        case Bool(b):
            return b
        case Null() | Undef():
            return False
        case ObjV() | ArrV() | Fn() | ClassRef() | Inst() | Rx() | BoundFn() | ArrayMethod() | StrMethod():
            return True
        case Unk(why) if why.startswith(ABSENT):
            return False
    return None


def type_of(v: Value) -> Value:
    """`typeof v` of a known value."""
    match absent_as_undefined(v):
        case Str():
            return Str("string")
        case Num():
            return Str("number")
        case Bool():
            return Str("boolean")
        case Undef():
            return Str("undefined")
        case Null() | ObjV() | ArrV() | Rx():
            return Str("object")
        case Fn() | BoundFn() | ClassRef():
            return Str("function")
    return Unk("typeof")


def _python_regex(pattern: Rx, text: str, allowed: frozenset[str] = frozenset("ims")) -> re.Pattern[str] | None:
    """`pattern` compiled by Python's `re` when it means the same there for `text` (no lookbehind, named
    groups, unicode classes or sticky state; ASCII text when it uses classes); None otherwise."""
    if set(pattern.flags) - allowed or any(
            mark in pattern.pattern for mark in ("(?<", "\\p{", "\\P{", "\\k<", "\\c", "\\u{")):
        return None
    flags = (re.IGNORECASE if "i" in pattern.flags else 0) | (re.MULTILINE if "m" in pattern.flags else 0) | (
        re.DOTALL if "s" in pattern.flags else 0)
    try:
        compiled = re.compile(pattern.pattern, flags)
    except (re.error, RecursionError):
        return None
    if not text.isascii() and any(c in pattern.pattern for c in ("\\d", "\\w", "\\b", "\\s", "\\D", "\\W", "\\S")):
        return None  # ASCII-only classes in JavaScript, Unicode ones in Python
    if "$" in pattern.pattern and "m" not in pattern.flags and text.endswith("\n"):
        return None  # JavaScript's `$` without m matches only at the very end (Python's before a last \n)
    return compiled


def regex_test(pattern: Rx, subject: Value) -> Value:
    """`/pattern/flags.test(s)` for a known string, when the pattern means the same to Python's `re`; unknown otherwise."""
    compiled = _python_regex(pattern, subject.value) if isinstance(subject, Str) else None
    if compiled is None or not isinstance(subject, Str):
        return Unk("regex test")
    return Bool(compiled.search(subject.value) is not None)


def regex_replace(text: str, pattern: Rx, replacement: str, every: bool) -> Value:
    """`text.replace(/pattern/flags, "new")`: every match when the pattern is global (or for replaceAll), the
    first otherwise; a replacement with `$` patterns, or a pattern that may mean something else to Python's
    `re`, is unknown."""
    compiled = _python_regex(pattern, text, frozenset("imsg"))
    if compiled is None or "$" in replacement:
        return Unk("string replace")
    return Str(compiled.sub(lambda _m: replacement, text, count=0 if every or "g" in pattern.flags else 1))


def describe_value(v: IR | Value) -> str:
    match v:
        case Global(dotted):
            return dotted
        case Ext(module, names):
            return ".".join((module, *names))
        case Param():
            return "a parameter"
        case Unk(why):
            return str(why)
    return kind(v)


def _js_str(v: IR | Value) -> str:
    match v:
        case Str(text):
            return str(text)
        case Num(n):
            if isinstance(n, float) and n.is_integer():
                return str(int(n))
            return str(n)
        case Bool(b):
            return "true" if b else "false"
        case Null():
            return "null"
    return "undefined"
