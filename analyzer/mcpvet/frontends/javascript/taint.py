"""The JavaScript/TypeScript side of the data-flow analysis: one `FunctionFlow` per function, from
the expression IR (`ir.py`), and the constant destination of each sink call.

Names are followed through their bindings (`Program.lookup`), so a function's flow has no local
definitions: a parameter is `p:@N_I` (parameter I of the function numbered N, unique in the
package, so that closures and `switch` branches can read their enclosing function's parameters as
`^@N_I`); a member read on it is a projection (`p:@N_0.command` for a destructured `{ command }`).
Calls of package functions are `c:` references bound to the callee's parameters; library calls,
template literals, `+`, `||`, arrays and objects pass on their operands' references; sanitisers
(`parseInt`, `Number`, `encodeURIComponent`, `path.basename`, shell-quote) none. A nested function
or branch is a call with no arguments (its sinks reach its enclosing function's summary).

`this` is parameter -1 of a method (`@N_-1`), bound at a method call to the receiver's references
and passed on to the functions nested in it, so `this.url = url` in a constructor read in another
method follows the object the tool built (`new C(args)` is made of its arguments). Every call of a
sink API also gives the references of all its arguments and its receiver under the role `data`;
`process.env.X` is the source `s:env:X` (`s:env:*` for the whole object, `s:env:?` for a computed key,
also of an alias: `e[name]` of `e = process.env`; a key that is a name bound to a constant string is
that variable: `e[DOMAIN_VAR]`), what
an `fs` read returns `s:file` (`s:file:PATH` for a constant path; `s:pkgfile:PATH` for a file the
package ships, read next to its code: `join(__dirname, "../package.json")`, `new URL(x, import.meta.url)`;
nothing for `existsSync`/`stat`, which tell nothing of what a file holds), and the answer of a request or
a program run is made of none of its arguments. A spread rest parameter (`fn(...args)`) hands on the
arguments one by one; a call of a closure value that kept the call that made it (`retry(x)` with
`retry = withRetry(fn)`) also runs the function it kept (`kept_calls`).

Guards: `x.startsWith(root)` (path containment; a URL prefix for hosts), `x.replaceAll("/", "_")`
(no separator left in a path), anywhere in the function. Checks, which hold on the lines after a
failing branch or inside a passing one (`checks.py`): allow-lists (`ALLOWED.includes(x)`,
`SET.has(x)`, `x in MAP`), separators refused, anchored patterns, validator calls. An allow-list of
extensions (`EXTS.includes(ext)` of `const ext = path.extname(x)`, `/\\.(png|jpe?g)$/i.test(x)`) is no allow-list of x: when
every extension is a media file's it is a check of role `filetypes.MEDIA`, which only the `CONTENTS`
pseudo-site of a read honours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from mcpvet.analysis.alphabet import anchored, safe_roles
from mcpvet.analysis.filetypes import MEDIA, media_only, media_suffix_pattern
from mcpvet.analysis.flow import (
    ALL_ARGUMENTS,
    CONTENTS,
    DATA,
    FRESH_TEMP,
    HOST,
    MEMBER,
    NONE,
    OBJECT,
    UNKNOWN,
    WHOLE_ENV,
    CallFlow,
    Check,
    FunctionFlow,
    Place,
    Refs,
    SinkFlow,
    member,
    project,
    tagged,
)
from mcpvet.analysis.model import AnalysisGraph
from mcpvet.analysis.prefixes import pins_a_folder
from mcpvet.frontends.javascript.checks import CASE_STEPS
from mcpvet.frontends.javascript.ir import (
    KV,
    Add,
    Arr,
    ArrV,
    Bool,
    BoundFn,
    Call,
    ClassRef,
    Either,
    Env,
    Expr,
    Ext,
    Fn,
    Global,
    Id,
    Idx,
    LoopMap,
    Mem,
    New,
    Node,
    Not,
    Num,
    Obj,
    ObjV,
    Or,
    Param,
    Spread,
    Str,
    This,
    Tpl,
    Undef,
)
from mcpvet.frontends.javascript.places import PathPlaces, process_env, process_global
from mcpvet.frontends.javascript.program import EMPTY, Program
from mcpvet.model import Capability, Command, Evidence, Kind
from mcpvet.sinks import MOVES
from mcpvet.sinks.javascript import (
    FS_METADATA,
    RESPONSE_MEMBERS,
    SERVER_MAKERS,
    SERVER_MODULES,
    js_global_slot,
    js_other_path,
    js_sink_slot,
    lookup_global,
    lookup_module,
    mongo_query_member,
)
from mcpvet.sinks.programs import dependency_binary, program_name

_T = TypeVar("_T")

_SANITISERS = frozenset({"parseInt", "parseFloat", "Number", "Boolean", "encodeURIComponent", "encodeURI",
                         "isNaN", "Math.floor", "Math.round", "Math.abs", "Math.min", "Math.max"})
_SANITISER_MEMBERS = frozenset({("path", "basename"), ("shell-quote", "quote"), ("shell-escape", ""),
                                ("shlex", "quote"), ("validator", "escape"), ("ldapjs", "EqualityFilter"),
                                ("ldap-escape", "filter"), ("ldap-filter", "escape"), ("mongodb", "ObjectId"),
                                ("mongo-sanitize", ""), ("express-mongo-sanitize", "sanitize")})
# sanitisers that encode their argument: the control is gone, the data (an environment variable, a
# file's contents) is still there
_ENCODERS = frozenset({"encodeURIComponent", "encodeURI"})
_MONGO_CODE = frozenset({"$where", "$function", "$accumulator"})  # operators whose value is JavaScript run by the server
_ENCODER_MEMBERS = frozenset({("shell-quote", "quote"), ("shell-escape", ""), ("shlex", "quote"), ("validator", "escape")})
_LEAD_FIRST = frozenset({("path", "join"), ("path", "resolve"), ("path", "normalize"), ("path", "posix"),
                         ("url", "URL"), ("", "String")})
# what an extension is still after (`.slice(1)`: no dot)
_EXTENSION_STEPS = CASE_STEPS | {"slice", "substring", "substr", "replace"}
_ANY_FILE = frozenset({"s:file"})
_FORWARDED = 8  # the arguments a rest parameter hands on by a spread (`fn(...args)`), one by one
_NOT_FOLLOWED = frozenset({UNKNOWN})
_SHELL_OPERATOR = re.compile(r"[;|&`<>\n$(){}*?~]")  # a line that runs more than one program, or expands
_SHELLS = frozenset({"sh", "bash", "zsh", "/bin/sh", "/bin/bash", "cmd", "cmd.exe", "powershell", "pwsh"})
_HOST_FIXED = re.compile(r"^[a-zA-Z][\w+.-]*://(?:[^/?#$]+[/?#]|[\w.-]+\.[a-zA-Z]{2,}(?::\d+)?$)")
_HOST_END = re.compile(r"[:/?#]")  # where the host of a URL ends


def _starts_with_slash_of(test: Node) -> Expr | None:
    """X of the test `X.startsWith("/")`."""
    if isinstance(test, Call) and isinstance(test.callee, Mem) and test.callee.prop == "startsWith" \
            and len(test.args) == 1 and isinstance(test.args[0], Str) and test.args[0].value == "/":
        return test.callee.obj
    return None
_MAX_DEPTH = 24
_DATA_KINDS = frozenset({Kind.NETWORK, Kind.PROCESS, Kind.FS_WRITE, Kind.CODE_EXEC})
# keys of a connection's options that hold its trust and signing material, not data sent (`o:ca=…`)
_TRUST_KEYS = tuple(f"o:{k}=" for k in ("ca", "cert", "key", "pfx", "passphrase", "crl"))
MAX_DESTINATION = 200
# this machine: `localhost` (and a name under it), 127.0.0.0/8, ::1
_LOOPBACK = re.compile(r"^(?:(?:[\w-]+\.)*localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$", re.I)
_DIGITS = re.compile(r"^\d+$")
_SOCKET_MODULES = frozenset({"net", "tls"})
_UNKNOWN_VALUE: Refs = frozenset({UNKNOWN})


_PATH_ROOTS = {"homedir": "~", "tmpdir": "/tmp"}


def _sink_slot(callee: object) -> tuple[int, str] | None:
    """The argument that matters at a sink called as `callee`'s value (a module member or a global),
    as (slot, role); None for anything else."""
    match callee:
        case Ext(module, names):
            return js_sink_slot(module, names)
        case Global(name):
            return js_global_slot(name)
    return None


def _tail(path: str) -> str:
    """A path inside the package as written after its folder, without the climbs (`../package.json`
    → `package.json`)."""
    parts = [x for x in path.split("/") if x not in ("", ".", "..")]
    return "/".join(parts)


def _join(parts: list[str]) -> str:
    """`path.join`'s text of known parts: one `/` between them."""
    out = ""
    for part in parts:
        if part.startswith("/") or not out:
            out = part
        else:
            out = out.rstrip("/") + "/" + part.lstrip("/")
    return out


def _memoised(memo: dict[int, tuple[Node, Refs]], ir: Node, depth: int, compute: Callable[[Node, int], Refs]) -> Refs:
    """`compute(ir, depth)` once per node; a node met again while it is being computed (a cycle
    through bindings) is empty, and so is anything past `_MAX_DEPTH`. Keyed by the node's id, with
    the node kept beside its answer: a node made for one question (a call's `Call`) and then freed
    must not hand its answer to a later node that reuses its id."""
    k = id(ir)
    found = memo.get(k)
    if found is not None and found[0] is ir:
        return found[1]
    memo[k] = (ir, NONE)
    refs = compute(ir, depth) if depth < _MAX_DEPTH else NONE
    memo[k] = (ir, refs)
    return refs


def _reads_answer(callee: Mem) -> bool:
    """`res.json()`, `res.headers.get(k)`: a member of a response that has come back (it sends nothing)."""
    node: Expr = callee
    while isinstance(node, Mem):
        if node.prop in RESPONSE_MEMBERS:
            return True
        node = node.obj
    return False


_UNKNOWN_REFS: Refs = frozenset({UNKNOWN})
_SAFE_PARSE = frozenset({"safeParse", "safeParseAsync", "spa"})  # zod's checks that answer {success, data, error}
_PARSE = frozenset({"parse", "parseAsync"})  # a schema's check that answers the value it was given (zod)


def _moves(callee: Ext) -> bool:
    """An fs call that moves its first path to its second (`rename`, fs-extra's `move`), not a copy or link."""
    return bool(callee.names) and callee.names[-1] in MOVES


def call_id(fid: str, n: int) -> str:
    """The id of the flow of the Nth call of function FID (`FunctionFlow.calls`): a function's id may hold
    `#` (a branch's, `…#case:"X"`), which in a reference separates a call's result from a member read on it
    (`c:ID#KEY`, `flow.MEMBER`), so it is written otherwise there."""
    return f"{fid}:{n}".replace(MEMBER, "\u241f")


class FlowBuilder:
    """`FunctionFlow`s of the program's functions, built on demand; the sink sites scanned on the
    way are remembered with their role and destination (`sites`)."""

    def __init__(self, program: Program,
                 call_sites: dict[str, list[tuple[str, tuple[Expr, ...]]]] | None = None,
                 targets: dict[int, list[str]] | None = None) -> None:
        self.p = program
        # the call graph's call sites (callee -> (caller, arguments)): a program start whose argument list
        # is a parameter of its function (`adb(...args)`) is read once per caller (`site_commands`)
        self.call_sites = call_sites or {}
        # a call (the identity of its `CallFact`) -> the package functions the call graph resolved it to; used when
        # the value of the callee is not known where it is written (`client.get(p)` with `client` a
        # parameter's member, bound at the call sites; a method of one of several classes): the data flow
        # follows them as the graph does, instead of taking the answer as made of the receiver and arguments
        self.targets = targets or {}
        self._extended: tuple[frozenset[str] | None] | None = None  # `extended()`, once
        # Sink calls are keyed by (path, line, column): the calls of one line (a minified bundle) each keep
        # their own role and destination. Column 0 is the line's entry, the call recorded last on it: for
        # a site placed by its line only (a semgrep hit), as every call was before columns were kept.
        # (path, line, column) -> (the function of the start, {caller: the programs it starts when called from there})
        self.site_commands: dict[Place, tuple[str, dict[str, tuple[Command, ...]]]] = {}
        self._ids: dict[str, int] = {}
        self.sites: dict[Place, tuple[str, str | None]] = {}  # (path, line, column) -> (role, destination)
        # (path, line, column) -> the places of a path inside the installation, the program a start runs
        self.extras: dict[Place, tuple[tuple[str, ...], tuple[Command, ...]]] = {}
        self.loopback: set[Place] = set()  # connections to this machine unless a host flows in
        self.places = PathPlaces(program, _join)

    @staticmethod
    def mark(table: dict[Place, _T], at: Place, value: _T) -> None:
        """Record what the scan found of the sink call AT, and of its line (column 0)."""
        table[at] = value
        table[(at[0], at[1], 0)] = value

    def mark_loopback(self, at: Place) -> None:
        self.loopback.add(at)
        self.loopback.add((at[0], at[1], 0))

    def atom(self, fid: str, index: int) -> str:
        n = self._ids.setdefault(fid, len(self._ids))
        return f"@{n}_{index}"

    def extended(self) -> frozenset[str] | None:
        """The classes of the package that another of its classes extends (`class B extends A`: A); None when
        a class extends something not known (it may be any class of the package)."""
        if self._extended is None:
            found: set[str] = set()
            for cls in self.p.classes.values():
                if cls.superclass is None:
                    continue
                base = self.p.value(cls.superclass, EMPTY)
                if isinstance(base, ClassRef):
                    found.add(base.cid)
                elif not isinstance(base, (Ext, Global)):  # a library's class (`EventEmitter`) is none of ours
                    self._extended = (None,)
                    return None
            self._extended = (frozenset(found),)
        return self._extended[0]

    def flow(self, fid: str) -> FunctionFlow | None:
        f = self.p.functions.get(fid)
        if f is None or self.p.expired:
            return None
        try:
            return _Scan(self, fid).run()
        except RecursionError:
            return None


class _Scan:
    def __init__(self, owner: FlowBuilder, fid: str) -> None:
        self.o = owner
        self.p = owner.p
        self.fid = fid
        self.f = owner.p.functions[fid]
        self.flow = FunctionFlow(params=(*(owner.atom(fid, i) for i in range(len(self.f.params))), owner.atom(fid, -1)))
        self._refs: dict[int, tuple[Node, Refs]] = {}
        self._lead: dict[int, tuple[Node, Refs]] = {}
        self._forwarded: set[str] = set()

    def run(self) -> FunctionFlow:
        f = self.f
        returns: set[str] = set()
        lead: set[str] = set()
        for r in f.returns:
            returns |= self.refs(r)
            lead |= self.lead(r)
        self.flow.returns = frozenset(returns)
        self.flow.returns_lead = frozenset(lead)
        if f.kind == "method" and f.name.rsplit(".", 1)[-1] == "constructor":
            self.builds()
        for n, call in enumerate(f.calls):
            ir = Call(call.callee, call.args, self.fid, n)
            self.refs(ir)  # registers package calls
            callee = self.p.value(call.callee, EMPTY)
            self.sink(call.callee, callee, call.args, call.line, call.column)
            self.guard(call.callee, call.args)
        self.checks()
        self.nested()
        return self.flow

    def checks(self) -> None:
        """The function's checks (`checks.py`) as the data flow's `Check`s: an allow-list's container
        must be one the package holds, a failing call one that always throws, a pattern anchored."""
        for kind, checked, extra, first, last, exits, via, at, early in self.f.checks:
            if via is not None:
                target = self.p.value(via, EMPTY)
                facts = self.p.functions.get(target.fid) if isinstance(target, Fn) else None
                if facts is None or not facts.throws:
                    continue
            if kind == "call":
                n = next((i for i, c in enumerate(self.f.calls) if (c.line, c.column) == at), None)
                cid = call_id(self.fid, n) if n is not None else None
                if cid is not None and cid in self.flow.calls:
                    self.flow.checks.append(Check("any", NONE, first, last, call=cid, exits=exits))
                continue
            refs = self.refs(checked)
            if not refs:
                continue
            roles: tuple[str, ...] = ()
            subject = self.extension_of(checked) if kind == "any" else None
            if subject is None and isinstance(checked, Call):
                continue  # an extension tested in place whose call is not `path.extname`: nothing known
            if subject is not None:
                # an extension allow-list limits what kind of file, not where it is: no allow-list of the path;
                # pictures, sounds or videos only: the read returns the caller's media (`filetypes`)
                named = self.refs(subject)
                if named and media_only(self.constant_strings(extra)):
                    # early returns on a test of the same value (`if (isUrl(src)) return;`) leave a value
                    # that is no file path: what is read after the call is still held to media
                    self.flow.checks.append(Check(MEDIA, named, first, last, exits=exits or self.kept_past(subject, early)))
                continue
            if kind == "any":
                given = self.refs(extra) if extra is not None else NONE
                if any(r[0] in "p^" and not r.split(".", 1)[0].endswith("_-1") for r in given):
                    continue  # an allow-list the arguments choose
                roles = ("any",)
            elif kind == "path":
                roles = ("path",)
            elif kind == "regex":
                pattern, flags = extra
                if "m" not in flags and media_suffix_pattern(pattern, re.IGNORECASE if "i" in flags else 0):
                    # `/\.(png|jpe?g)$/i.test(p)`: a picture's name, wherever it is (`filetypes`)
                    self.flow.checks.append(Check(MEDIA, refs, first, last, exits=exits or self.kept_past(checked, early)))
                    continue
                if "m" in flags or not anchored(pattern, True, True, re.IGNORECASE if "i" in flags else 0):
                    continue
                roles = safe_roles(pattern, re.IGNORECASE if "i" in flags else 0)
            for role in roles:
                self.flow.checks.append(Check(role, refs, first, last, exits=exits))

    def nested(self) -> None:
        """Nested functions and branches are calls with no arguments (their sinks reach this function's
        summary); an arrow function or a branch keeps `this`. A nested function's parameters are bound
        by whoever it is handed to (`items.map(x => …)`, a callback), which the data flow does not
        follow: `UNKNOWN`, never "nothing", unless this function calls it itself (those calls bind
        them) or hands it over with its own `arguments` (tsc's `__awaiter(this, arguments, …,
        function* (a, b) {…})`: parameter I is argument I of this function)."""
        f = self.f
        this = frozenset({f"p:{self.o.atom(self.fid, -1)}"})
        called = {t for c in self.flow.calls.values() for t in c.bindings}
        for child in [*f.anon_children, *(b for b, _k, _g in f.branches)]:
            binding: dict[str, Refs] = {self.o.atom(child, -1): this}
            target = self.p.functions.get(child)
            if target is not None and child not in called:
                forwarded = child in self._forwarded
                for i in range(len(target.params)):
                    binding[self.o.atom(child, i)] = \
                        frozenset({f"p:{self.o.atom(self.fid, i)}"}) if forwarded else _UNKNOWN_VALUE
            self.flow.calls[f"n:{child}"] = CallFlow({child: binding}, {child: binding})

    def builds(self) -> None:
        """A constructor: what the object it builds keeps in each attribute (`FunctionFlow.attrs`), its own
        `this.X = value`. For a class no other class extends, that is every attribute the object has: a field
        the class sets elsewhere (`getPath() { this.path = … }`) is taken as made of the constructor's
        arguments; an attribute the class never sets is not on the object (`closed`)."""
        f = self.f
        for attr, value in f.kept:  # `this.X = value`: what the object it builds keeps in X
            self.flow.attrs[attr] = self.flow.attrs.get(attr, NONE) | self.refs(value)
            self.flow.attrs_lead[attr] = self.flow.attrs_lead.get(attr, NONE) | self.lead(value)
        cls = self.p.classes.get(f.cls) if f.cls is not None else None
        extended = self.o.extended()
        if cls is None or cls.superclass is not None or extended is None or cls.cid in extended:
            return
        given = frozenset(self.param(self.fid, i) for i in range(len(f.params)))
        for name in cls.fields:
            if name not in self.flow.attrs:
                self.flow.attrs[name] = given
                self.flow.attrs_lead[name] = given
        self.flow.closed = True

    def forwards(self, args: tuple[Expr, ...]) -> None:
        """Remember the nested functions handed over together with this function's own `arguments`."""
        if not any(isinstance(a, Id) and a.name == "arguments" and self.p.lookup(a.scope, a.name) is None
                   for a in args):
            return
        for a in args:
            if isinstance(a, Fn) and a.fid in self.f.anon_children:
                self._forwarded.add(a.fid)

    # ------------------------------------------------------------------ references
    def param(self, fid: str, index: int) -> str:
        atom = self.o.atom(fid, index)
        return f"p:{atom}" if fid == self.fid else f"^{atom}"

    def refs(self, ir: Node, depth: int = 0) -> Refs:
        return _memoised(self._refs, ir, depth, self._compute)

    def _union(self, items: tuple[Node, ...] | list[Node], depth: int) -> Refs:
        out: set[str] = set()
        for item in items:
            out |= self.refs(item, depth + 1)
        return frozenset(out)

    def _compute(self, ir: Node, depth: int) -> Refs:
        match ir:
            case Param(fid, _index) if "#for@" in fid and fid not in self.p.functions:
                # the variable of a `for (const x of ITEMS)` loop: an element of ITEMS, not a parameter
                # (its own atom reached the tool as if it were the whole arguments object)
                items = self.p.loop_items(fid)
                return self.refs(items, depth + 1) if items is not None else _UNKNOWN_REFS
            case Param(fid, index):
                return frozenset({self.param(fid, index)})
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                return self.refs(binding, depth + 1) if binding is not None else NONE
            case This(fid):
                return frozenset({self.param(fid, -1)})
            case Mem(obj, prop):
                if self.environ(obj):
                    return frozenset({f"s:env:{prop}"})
                if prop == "env" and self.process(obj):
                    return frozenset({"s:env:*"})
                if prop == "data" and (given := self.safely_parsed(obj)) is not None:
                    return self.refs(given, depth + 1)  # `Schema.safeParse(args).data`: the arguments, checked
                base, env = _whole_env(self.refs(obj, depth + 1), prop)
                if base and all(r[0] in "p^" for r in base):
                    return frozenset(f"{r}.{prop}" if r.count(".") < 4 else r for r in base) | env
                if any(r[:2] == OBJECT for r in base):  # `{ client, dir }.dir`: what that key holds
                    return project(base, prop) | env
                return base | env
            case Idx(obj, index):
                key = self.constant_key(index)
                if self.environ(obj):
                    if key is not None:
                        return frozenset({f"s:env:{key}"})
                    names = self.passed_names(index)
                    return frozenset(f"s:env:{n}" for n in names) if names else frozenset({"s:env:?"})
                if key is None:
                    # a computed key of a value that may be the environment (`e[name]` of `e = process.env`)
                    # reads one variable, not the whole environment
                    refs = self.refs(obj, depth + 1)
                    return refs - {WHOLE_ENV} | {"s:env:?"} if WHOLE_ENV in refs else refs
                base, env = _whole_env(self.refs(obj, depth + 1), key, True)
                if base and all(r[0] in "p^" for r in base):
                    return frozenset(f"{r}.{key}" for r in base) | env
                if any(r[:2] == OBJECT for r in base):
                    return project(base, key) | env
                return base | env
            case Call(callee, args, _fid, n):
                return self.call(ir, callee, args, n, depth)
            case New(callee, args):
                value = self.p.value(callee, EMPTY)
                if self.sanitiser(value):
                    return NONE
                site = self.new_site(callee, args) if self.constructor(value) is not None else None
                if site is not None:
                    return self.call(Call(callee, args, site[0], site[1]), callee, args, site[1], depth)
                return self._union(args, depth)
            case Tpl(parts):
                return self._union(parts, depth)
            case Add(left, right) | Or(left, right):
                return self._union((left, right), depth)
            case Either(a, b):
                return self._union((a, b), depth)
            case Arr(items):
                return self._union(items, depth)
            case Obj(entries):
                # each key keeps what it is made of (`o:KEY=REF`), so a callee's `{ dir }` of the argument
                # `{ client, dir }` is `dir` alone, not the client's token too; a spread keeps its own keys
                out: set[str] = set()
                for e in entries:
                    out |= tagged(e.key, self.refs(e.value, depth + 1)) if isinstance(e, KV) \
                        else self.refs(e, depth + 1)
                return frozenset(out)
            case Spread(inner):
                return self.refs(inner, depth + 1)
        return NONE

    def through_names(self, ir: Node | None, steps: int = 4) -> Node | None:
        """IR with the names of locals it is followed to the values they are bound to, up to STEPS names
        (`req` of `const req = http.request(…)`); None for a name bound to nothing the analysis knows."""
        for _ in range(steps):
            if not isinstance(ir, Id):
                break
            ir = self.p.lookup(ir.scope, ir.name)
        return ir

    @staticmethod
    def kept_past(subject: Node, early: tuple[frozenset[str], ...]) -> bool:
        """A media check made after early returns that all test the same value (`if (isUrl(src)) return;`): it
        holds for the callers where that value is read as a file (what returned early was no file path)."""
        return bool(early) and isinstance(subject, Id) and all(subject.name in e for e in early)

    def extension_of(self, given: Node) -> Expr | None:
        """X of an extension read from the path X: `path.extname(x)` or `x.split(".").pop()`, also lower-cased,
        trimmed or with its dot cut (`.toLowerCase().slice(1)`) and through the locals holding it; else None."""
        ir: Node | None = given
        for _ in range(8):
            ir = self.through_names(ir, 2)
            if not isinstance(ir, Call):
                return None
            callee = ir.callee
            if isinstance(callee, Mem) and callee.prop in _EXTENSION_STEPS:
                ir = callee.obj
                continue
            if isinstance(callee, Mem) and callee.prop == "pop" and not ir.args:
                split = self.through_names(callee.obj, 2)
                if isinstance(split, Call) and isinstance(split.callee, Mem) and split.callee.prop == "split" \
                        and len(split.args) == 1 and self.p.value(split.args[0], EMPTY) == Str("."):
                    return split.callee.obj
                return None
            value = self.p.value(callee, EMPTY)
            if isinstance(value, Ext) and value.module.removeprefix("node:") in ("path", "path/posix", "path/win32") \
                    and value.names and value.names[-1] == "extname" and ir.args and not isinstance(ir.args[0], Spread):
                return ir.args[0]
            return None
        return None

    def constant_strings(self, ir: Expr | None) -> list[str] | None:
        """The strings of a container written out (an array or a Set of strings, an object's keys), else None."""
        value = self.p.value(ir, EMPTY) if ir is not None else None
        out: list[str] = []
        if isinstance(value, ArrV) and not value.alternatives:
            for item in value.items:
                found = self.p.value(item, value.env) if not isinstance(item, Spread) else None
                if not isinstance(found, Str):
                    return None
                out.append(found.value)
            return out
        if isinstance(value, ObjV):
            for entry in value.entries:
                if not isinstance(entry, KV):
                    return None
                out.append(entry.key)
            return out
        return None

    def safely_parsed(self, ir: Node) -> Node | None:
        """V of a result `schema.safeParse(V)` (zod, also through the local it is kept in): its `data` is V,
        parsed (the same keys, so `parsed.data.path` is the `path` argument, not one named `data`)."""
        made = self.through_names(ir, 8)
        if isinstance(made, Call) and isinstance(made.callee, Mem) and made.callee.prop in _SAFE_PARSE and made.args \
                and not isinstance(made.args[0], Spread):
            return made.args[0]
        return None

    def constant_key(self, index: Node) -> str | None:
        """The constant text of a subscript's key: a string, or a name bound to one
        (`e[DOMAIN_VAR]` with `const DOMAIN_VAR = "ACME_DOMAIN"`)."""
        if isinstance(index, Str):
            return index.value
        if isinstance(index, Id):
            value = self.p.value(index, EMPTY)
            if isinstance(value, Str):
                return value.value
        return None

    def passed_names(self, index: Node) -> tuple[str, ...]:
        """The names a parameter used as a key is given: `process.env[name]` in `intEnv(name, fallback)`, every
        call of which passes a constant (`intEnv("APP_MAX_RETRIES", 3)`), reads those variables; () when a call
        passes anything else, or none is found."""
        param = self.p.lookup(index.scope, index.name) if isinstance(index, Id) else index
        if not isinstance(param, Param) or param.fid not in self.p.functions:
            return ()
        names: set[str] = set()
        for arg in self.p.passed(param.fid, param.index) or ():
            given = self.p.value(arg, EMPTY)
            if not isinstance(given, Str) or not given.value:
                return ()
            names.add(given.value)
        return tuple(sorted(names))

    def process(self, ir: Node) -> bool:
        """`process` (the global, not a local of that name)."""
        return process_global(self.p, ir)

    def environ(self, ir: Node) -> bool:
        return process_env(self.p, ir)

    def kinds(self, value: Node) -> tuple[Kind, ...]:
        match value:
            case Ext(module, names):
                return lookup_module(module, names)
            case Global(name):
                return lookup_global(name)
        return ()

    def sources(self, value: Node, args: tuple[Expr, ...]) -> Refs:
        """What a library call returns that is no argument: a file's contents, a new temporary folder."""
        if isinstance(value, Ext) and value.module.removeprefix("node:") in ("fs", "fs/promises") \
                and value.names and value.names[-1] in ("mkdtemp", "mkdtempSync"):
            return frozenset({FRESH_TEMP})
        if Kind.FS_READ in self.kinds(value) and isinstance(value, Ext):
            if value.names and value.names[-1] in FS_METADATA:
                return NONE  # whether a file is there, its size or times: none of what is in it
            shipped = self.shipped_file(args[0]) if args else None
            if shipped is not None:  # a file the package ships, read where it is installed
                return frozenset({f"s:pkgfile:{shipped}"[:MAX_DESTINATION + 10]})
            text, done = self.prefix(args[0]) if args else ("", False)
            return frozenset({f"s:file:{text[:MAX_DESTINATION]}" if done and text else "s:file"})
        return NONE

    def shipped_file(self, ir: Expr, depth: int = 0) -> str | None:
        """The constant tail of a path inside the package's own folder (`path.join(__dirname,
        "../package.json")` → `package.json`; `new URL("../package.json", import.meta.url)`), "" when
        the place is the package's own but its tail is not constant; None for anything else."""
        if depth > 8:
            return None
        match ir:
            case Mem(Id("import.meta", _), "url" | "dirname" | "filename"):
                return ""  # import.meta.url: the module's own file
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                if binding is None:
                    return "" if name in ("__dirname", "__filename") else None
                return self.shipped_file(binding, depth + 1)
            case Mem(obj, "pathname" | "href"):
                return self.shipped_file(obj, depth + 1)
            case New(callee, args) if len(args) == 2 and self.p.value(callee, EMPTY) == Global("URL"):
                tail = self.p.value(args[0], EMPTY)
                base = self.shipped_file(args[1], depth + 1)
                if base is not None and isinstance(tail, Str) and "://" not in tail.value \
                        and not tail.value.startswith("/"):
                    return _tail(tail.value)
                return None
            case Call(callee, args, _fid, _n) if args:
                value = self.p.value(callee, EMPTY)
                if not isinstance(value, Ext):
                    return None
                module = value.module.removeprefix("node:")
                names = tuple(n for n in value.names if n != "default")
                base = self.shipped_file(args[0], depth + 1)
                if base is None:
                    return None
                if (module, names) in (("url", ("fileURLToPath",)), ("path", ("dirname",))):
                    return ""
                if module == "path" and names in (("join",), ("resolve",)):
                    parts = [self.p.value(a, EMPTY) for a in args[1:]]
                    if all(isinstance(x, Str) and not x.value.startswith("/") for x in parts):
                        return _tail("/".join(x.value for x in parts if isinstance(x, Str)))
                    return ""
        return None

    def stored(self, callee: Expr, depth: int) -> Refs | None:
        """`cache.get(key)` of a `new Map()`: one of the values stored in it (`cache.set(key, value)`), not
        the key it is looked up by; `seen.has(x)` of a Map or Set: a yes or no. None for another call."""
        if not isinstance(callee, Mem) or callee.prop not in ("get", "has"):
            return None
        held = self.p.value(callee.obj, EMPTY)
        if not isinstance(held, ArrV) or held.collection not in ("Map", "Set"):
            return None
        if callee.prop == "has":
            return NONE
        if held.collection != "Map":
            return None
        out: set[str] = set(self.refs(callee.obj, depth + 1))
        for item in held.items:
            if isinstance(item, Arr) and len(item.items) == 2:
                out |= self.refs(item.items[1], depth + 1)
            else:
                out |= self.refs(item, depth + 1)
        return frozenset(out)

    def new_site(self, callee: Expr, args: tuple[Expr, ...]) -> tuple[str, int] | None:
        """Where a `new C(…)` read here is recorded: (function, index of the call), in this function or in one of
        its branches (a branch's `return new C(x)` is one of this function's returns too)."""
        for f in self.p.with_branches(self.fid):
            for i, c in enumerate(f.calls):
                if c.is_new and c.callee is callee and c.args is args:
                    return f.fid, i
        return None

    def constructor(self, value: Node) -> str | None:
        """The constructor of a package class (`new C(…)` of `class C { constructor(…) {…} }`), else None."""
        if not isinstance(value, ClassRef):
            return None
        ctor = self.p.method_of(value.cid, "constructor")
        return ctor if ctor is not None and ctor in self.p.functions else None

    def answers(self, value: Node) -> bool:
        """A request or a program run: its answer is not made of its arguments (a client made by
        `create` or a constructor is)."""
        if isinstance(value, Ext):
            last = next((x for x in reversed(value.names) if x != "default"), "")
            if last[:1].isupper() or last in ("create", "createClient", "defaults", "extend", "Agent"):
                return False
        kinds = self.kinds(value)
        return Kind.NETWORK in kinds or Kind.PROCESS in kinds

    def encoder(self, value: Node) -> bool:
        """A sanitiser that encodes its argument (`encodeURIComponent`): its data sources pass on."""
        return _named_in(value, _ENCODERS, _ENCODER_MEMBERS)

    def sanitiser(self, value: Node) -> bool:
        return _named_in(value, _SANITISERS, _SANITISER_MEMBERS)

    def call(self, ir: Call, callee: Expr, args: tuple[Expr, ...], n: int, depth: int) -> Refs:
        value = self.p.value(callee, EMPTY)
        if self.sanitiser(value):
            if self.encoder(value):
                return frozenset(r for r in self._union(args, depth) if r.startswith("s:"))
            return NONE
        self.forwards(args)
        if not isinstance(value, Fn) and (method := self.p.field_method(callee, ir.fid)) is not None:
            # a method of an object kept from a constructor's argument, resolved under its call sites:
            # its answer is what that method returns, not the receiver it is called on
            value = Fn(method)
        made = self.p.functions.get(ir.fid)
        at = made.calls[n] if made is not None and 0 <= n < len(made.calls) else None
        ctor = self.constructor(value) if at is not None and at.is_new else None
        if ctor is not None:
            targets = [ctor]
        elif isinstance(value, Fn) and value.fid in self.p.functions:
            targets = [value.fid]
        elif not isinstance(value, (Fn, Ext, Global, ClassRef)) and at is not None:
            targets = [t for t in self.o.targets.get(id(at), ()) if t in self.p.functions]
        else:
            targets = []
        if targets:
            cid = call_id(ir.fid, n)
            if cid not in self.flow.calls:
                bindings: dict[str, dict[str, Refs]] = {}
                lead_bindings: dict[str, dict[str, Refs]] = {}
                for target in targets:
                    # every argument, also past the declared parameters: the callee may hand its
                    # `arguments` on (`callTool(name, args)` of a `function callTool(tool_1)`)
                    bound = {self.o.atom(target, i): self.refs(a, depth + 1)
                             for i, a in enumerate(args) if not isinstance(a, Spread)}
                    leads = {self.o.atom(target, i): self.lead(a, depth + 1)
                             for i, a in enumerate(args) if not isinstance(a, Spread)}
                    forwarded = self.forwarded(target, args)
                    bound.update(forwarded)
                    leads.update(forwarded)
                    if isinstance(callee, Mem) and ctor is None:  # `this` is the receiver
                        this = self.o.atom(target, -1)
                        bound[this] = self.refs(callee.obj, depth + 1)
                        leads[this] = self.lead(callee.obj, depth + 1)
                    bindings[target], lead_bindings[target] = bound, leads
                if isinstance(value, Fn) and value.env and ctor is None:
                    for inner, (bound, leads) in self.kept_calls(value, args, depth).items():
                        bindings.setdefault(inner, bound)
                        lead_bindings.setdefault(inner, leads)
                line = at.line if at is not None else 0
                # `new C(…)`: its answer is the object C's constructor builds (what it keeps in `this.X`)
                constructs = {ctor: self.o.atom(ctor, -1)} if ctor is not None else {}
                self.flow.calls[cid] = CallFlow(bindings, lead_bindings, constructs, line=line)
            return frozenset({f"c:{cid}"})
        stored = self.stored(callee, depth)
        if stored is not None:
            return stored
        found = self.sources(value, args)
        if self.answers(value):
            return found
        out = set(self._union(args, depth)) | found
        if isinstance(callee, Mem):
            out |= self.refs(callee.obj, depth + 1)
        return frozenset(out)

    # ------------------------------------------------------------------ lead: the start of a value
    def kept_calls(self, closure: Fn, args: tuple[Expr, ...], depth: int) -> dict[str, tuple[dict[str, Refs], dict[str, Refs]]]:
        """A call of a closure that kept the call that made it (`retry(x)` with `retry = withRetry(fn)`, whose
        `(...args) => fn(...args)` calls `fn`): the function each of its calls of a kept parameter runs, with the
        arguments it hands on from this call (its own parameters, one by one, or spread). The graph leaves such a
        call to each caller (`GraphBuilder.kept_per_call`): the closure alone knows no one function to run."""
        facts = self.p.functions.get(closure.fid)
        if facts is None or not closure.env:
            return {}
        out: dict[str, tuple[dict[str, Refs], dict[str, Refs]]] = {}
        for c in facts.calls:
            runs = self.p.value(c.callee, closure.env)
            if not isinstance(runs, (Fn, BoundFn)) or runs.fid not in self.p.functions or runs.fid == closure.fid \
                    or isinstance(self.p.value(c.callee, EMPTY), (Fn, BoundFn)):
                continue  # (a function known without the kept bindings: the closure's own call, in its summary)
            if isinstance(runs, BoundFn) and runs.how != "bind":
                continue  # `fn.call(self, …)`, `fn.apply(self, args)`: the arguments are not in their places
            bound: dict[str, Refs] = {}
            leads: dict[str, Refs] = {}
            for j, given, _spread in self.handed_on(c.args):
                if given.fid == closure.fid and given.index < len(args) and not isinstance(args[given.index], Spread):
                    bound[self.o.atom(runs.fid, j)] = self.refs(args[given.index], depth + 1)
                    leads[self.o.atom(runs.fid, j)] = self.lead(args[given.index], depth + 1)
            out[runs.fid] = (bound, leads)
        return out

    def forwarded(self, target: str, args: tuple[Expr, ...]) -> dict[str, Refs]:
        """`fn(...args)` where `args` is a rest parameter (`(...args) => fn(...args)`, a retry or logging
        wrapper): the arguments it was given, one by one, are TARGET's from the spread's place on."""
        return {self.o.atom(target, j): frozenset({self.param(given.fid, given.index)})
                for j, given, spread in self.handed_on(args) if spread}

    def handed_on(self, args: tuple[Expr, ...]) -> list[tuple[int, Param, bool]]:
        """The parameters a call's arguments hand on as they are: (place, parameter, from a spread). A parameter
        given as an argument (`fn(a, b)`), and a rest parameter spread (`fn(...args)`): its first `_FORWARDED`
        elements, one place each. Nothing after a spread of anything else (the places are not known)."""
        out: list[tuple[int, Param, bool]] = []
        for j, a in enumerate(args):
            given = self.through_names(a.value if isinstance(a, Spread) else a, 1)
            if not isinstance(given, Param) or "#for@" in given.fid:
                if isinstance(a, Spread):
                    break
                continue
            if not isinstance(a, Spread):
                out.append((j, given, False))
                continue
            if given.index == self.p.rest_index(given.fid):
                out += [(j + m, Param(given.fid, given.index + m), True) for m in range(_FORWARDED)]
            break
        return out

    def lead(self, ir: Node, depth: int = 0) -> Refs:
        return _memoised(self._lead, ir, depth, self._lead_of)

    def _lead_of(self, ir: Node, depth: int) -> Refs:
        match ir:
            case Str() | Num() | Bool():
                return NONE
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                return self.lead(binding, depth + 1) if binding is not None else NONE
            case Tpl(parts):
                if not parts or (isinstance(parts[0], Str) and parts[0].value):
                    return NONE
                return self.lead(parts[0], depth + 1)
            case Add(left, _right):
                return self.lead(left, depth + 1)
            case Or(a, b) | Either(a, b):
                return self.lead(a, depth + 1) | self.lead(b, depth + 1)
            case Arr(items):
                if not items:
                    return NONE
                first = items[0]
                return self.refs(first, depth + 1) if isinstance(first, Spread) else self.lead(first, depth + 1)
            case Call(callee, args, fid, n):
                refs = self.refs(ir, depth + 1)
                if not refs:
                    return NONE
                value = self.p.value(callee, EMPTY)
                if isinstance(value, Fn) or refs == {f"c:{call_id(fid, n)}"}:
                    return refs  # a package function's answer: what starts what it returns
                if isinstance(callee, Mem) and callee.prop in _PARSE and args:
                    return self.lead(args[0], depth + 1)  # `Schema.parse(args)`: the value checked, not the schema
                if isinstance(callee, Mem) and isinstance(callee.obj, (Id, Param, Mem, Call)) \
                        and not isinstance(self.p.value(callee.obj, EMPTY), Ext):
                    return self.lead(callee.obj, depth + 1)
                return self.lead(args[0], depth + 1) if args else NONE
            case New(_callee, args):
                refs = self.refs(ir, depth + 1)
                if len(refs) == 1 and next(iter(refs)).startswith("c:"):
                    return refs  # the object a package class's constructor builds (`attrs_lead`)
                return self.lead(args[0], depth + 1) if args else NONE
        return self.refs(ir, depth + 1)

    def prefix(self, ir: Expr, depth: int = 0) -> tuple[str, bool]:
        """The constant start of a string value and whether that is all of it."""
        if depth > 8:
            return "", False
        value = self.p.value(ir, EMPTY)
        if isinstance(value, Str):
            return value.value, True
        match ir:
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                return self.prefix(binding, depth + 1) if binding is not None else ("", False)
            case Tpl(parts):
                out: list[str] = []
                for part in parts:
                    text, done = self.prefix(part, depth + 1)
                    out.append(text)
                    if not done:
                        return "".join(out), False
                return "".join(out), True
            case Add(left, right):
                text, done = self.prefix(left, depth + 1)
                if done:
                    more, rdone = self.prefix(right, depth + 1)
                    return text + more, rdone
                return text, False
            case Call(Mem(obj, "toString"), (), _fid, _n):
                return self.prefix(obj, depth + 1)  # `new URL(…).toString()`
            case Call(callee, args, _fid, _n):
                return self._call_prefix(callee, args, depth)
            case Mem(obj, "href"):
                return self.prefix(obj, depth + 1)
            case New(callee, args) if args and self.p.value(callee, EMPTY) == Global("URL"):
                text, done = self.prefix(args[0], depth + 1)
                if len(args) == 1 or "://" in text:
                    return text, done
                base, _ = self.prefix(args[1], depth + 1)  # `new URL("/path", base)`: the base's scheme and host
                if "://" in base and text.startswith("/"):
                    host_end = base.find("/", base.index("://") + 3)
                    return (base if host_end < 0 else base[:host_end]) + text, False
                return "", False
            case Param(fid, index):
                return self._callers_prefix(fid, index, depth)
        return "", False

    def host_refs(self, node: Expr) -> Refs | None:
        """What flows into the host of the URL `node` (`https://${site}.atlassian.net${path}`): the
        values between `://` and the end of the host, which is a constant `:`, `/`, `?` or `#`, or a
        value that starts with one (`path.startsWith("/") ? path : `/${path}``). None when the URL
        has no constant `://` among its parts: then all of it may choose the host."""
        parts = self._url_parts(node, 0)
        for i, part in enumerate(parts):
            if isinstance(part, Str) and "://" in part.value:
                if _HOST_END.search(part.value.split("://", 1)[1]):
                    return NONE
                host: list[Node] = []
                for later in parts[i + 1:]:
                    if isinstance(later, Str):
                        if _HOST_END.search(later.value):
                            break
                    elif self._starts_path(later, 0):
                        break
                    else:
                        host.append(later)
                return self._union(host, 0)
        return None

    def _url_parts(self, ir: Expr, depth: int) -> list[Expr]:
        """`ir` as the concatenation of its parts: templates, `+` and the bindings of names followed."""
        if depth > 6:
            return [ir]
        value = self.p.value(ir, EMPTY)
        if isinstance(value, Str):
            return [value]
        match ir:
            case Id(name, scope):
                bound = self.p.lookup(scope, name)
                return self._url_parts(bound, depth + 1) if bound is not None else [ir]
            case Tpl(parts):
                return [x for part in parts for x in self._url_parts(part, depth + 1)]
            case Add(left, right):
                return self._url_parts(left, depth + 1) + self._url_parts(right, depth + 1)
        return [ir]

    def _starts_path(self, ir: Expr, depth: int) -> bool:
        """Does every value of `ir` start with `/`, `?` or `#` (so that it cannot extend a host)?
        A constant start, or the normalising test `p.startsWith("/") ? p : "/" + p` (either way round)."""
        if depth > 6:
            return False
        text, _done = self.prefix(ir)
        if text[:1] in ("/", "?", "#") and text:
            return True
        match ir:
            case Id(name, scope):
                bound = self.p.lookup(scope, name)
                return bound is not None and self._starts_path(bound, depth + 1)
            case Either(a, b, test) if test is not None:
                negated = isinstance(test, Not)
                tested = _starts_with_slash_of(test.value if isinstance(test, Not) else test)
                if tested is None:
                    return False
                yes, no = (b, a) if negated else (a, b)
                return (yes == tested or self._starts_path(yes, depth + 1)) and self._starts_path(no, depth + 1)
        return False

    def _callers_prefix(self, fid: str, index: int, depth: int) -> tuple[str, bool]:
        """The start that every call of the package's function `fid` gives its parameter `index`
        (`fetchWithUserAgent(`${BASE}/rooms/${id}`)` and `fetchWithUserAgent(`${BASE}/s/…`)` give
        `https://www.airbnb.com/`), cut back to a whole scheme and host when they differ after it; ""
        when some call gives no start, their hosts differ, or not every call was found."""
        if index < 0:
            return "", False
        sites = self.p.call_sites_of(fid)
        if not sites or len(sites) >= self.p.budgets.js_instances:
            return "", False
        texts: list[tuple[str, bool]] = []
        for args, _env in sites:
            if index >= len(args) or isinstance(args[index], Spread):
                return "", False
            text, done = self.prefix(args[index], depth + 1)
            if not text:
                return "", False
            texts.append((text, done))
        if all(t == texts[0] for t in texts):
            return texts[0]
        common = texts[0][0]
        for text, _done in texts[1:]:
            n = 0
            while n < min(len(common), len(text)) and common[n] == text[n]:
                n += 1
            common = common[:n]
        if "://" in common:
            host_end = common.find("/", common.index("://") + 3)
            if host_end < 0:
                return "", False  # the hosts differ, or one is cut before its end
            return common[:host_end + 1], False
        return common, False

    def _call_prefix(self, callee: Expr, args: tuple[Expr, ...], depth: int) -> tuple[str, bool]:
        """The start of a path built by a call: `os.homedir()` (`~`), `os.tmpdir()` (`/tmp`),
        `path.join(a, b, …)` / `path.resolve(…)` of such parts, and what a function of the package
        returns (`await getStatePath()`)."""
        value = self.p.value(callee, EMPTY)
        names = tuple(n for n in value.names if n != "default") if isinstance(value, Ext) else ()
        if isinstance(value, Ext) and value.module in ("os", "path") and len(names) == 1:
            name = names[0]
            if name in _PATH_ROOTS and value.module == "os":
                return _PATH_ROOTS[name], True
            if name in ("join", "resolve") and value.module == "path" and args:
                parts: list[str] = []
                for a in args:
                    text, done = self.prefix(a, depth + 1)
                    if text:
                        parts.append(text)
                    if not done:
                        return _join(parts) + ("" if text or not parts else "/"), False
                return _join(parts), True
            return "", False
        if isinstance(value, Fn):
            f = self.p.functions.get(value.fid)
            if f is not None and len(f.returns) == 1:
                return self.prefix(f.returns[0], depth + 1)
        return "", False

    # ------------------------------------------------------------------ sinks and guards
    def query_code(self, callee_ir: Expr, args: tuple[Expr, ...], line: int, column: int) -> None:
        """The server-side code (`$where`, `$function`) of a MongoDB filter sent through a client the
        analysis cannot name (`graph.GraphBuilder.query_code` makes its sink hit)."""
        if not isinstance(callee_ir, Mem) or not args or not mongo_query_member(callee_ir.prop):
            return
        query = self.p.value(args[0], EMPTY)
        if isinstance(query, ObjV):
            code: list[Node] = [e.value for e in query.entries if isinstance(e, KV) and e.key in _MONGO_CODE]
            if code:
                self.add(SinkFlow(self.f.path, line, "nosql", self._union(code, 0), NONE, column=column))

    def sink(self, callee_ir: Expr, callee: Node, args: tuple[Expr, ...], line: int, column: int) -> None:
        if not isinstance(callee, (Ext, Global)):
            self.query_code(callee_ir, args, line, column)
            return
        found = _sink_slot(callee)
        if _DATA_KINDS.intersection(self.kinds(callee)):
            refs = self._union(args, 0)
            if isinstance(callee_ir, Mem) and not _reads_answer(callee_ir):
                refs |= self.refs(callee_ir.obj)
            if Kind.NETWORK in self.kinds(callee):
                # `tls.connect({ ca, cert, key })`, an agent's `{ ca }`: what the connection is checked or signed
                # with stays on this machine (a CA file read from NODE_EXTRA_CA_CERTS is not sent)
                refs = frozenset(r for r in refs if not r.startswith(_TRUST_KEYS))
            self.flow.sinks.append(SinkFlow(self.f.path, line, DATA, refs, column=column))
        if isinstance(callee, Ext) and callee.module.removeprefix("node:") in _SOCKET_MODULES \
                and callee.names and callee.names[-1] in ("connect", "createConnection"):
            self.socket_host(args, line, column)
        if isinstance(callee, Ext) and callee.module.removeprefix("node:") in SERVER_MODULES:
            members = [n for n in callee.names if n != "default"]
            if len(members) >= 2 and members[0] in SERVER_MAKERS and members[-1] == "listen":
                self.listen_host(args, line, column)
        if found is None:
            made = self.request_of(callee_ir) if Kind.NETWORK in self.kinds(callee) else None
            if made is not None:  # `req.end(body)`: sent where the request it is a method of goes
                self.sink(made.callee, self.p.value(made.callee, EMPTY), made.args, line, column)
            return
        slot, role = found
        if slot >= len(args):
            return
        node = args[slot]
        path = self.f.path
        if role == "url":
            self.url_host(node, line, column)
        destination: str | None = None
        if role == "command":
            rest = args[slot + 1] if len(args) > slot + 1 else None
            shell = any(isinstance(a, Obj) and any(getattr(e, "key", None) == "shell" and isinstance(e.value, Bool)
                                                   and e.value.value for e in a.entries) for a in args[slot + 1:])
            program, _done = self.prefix(node)
            if program in _SHELLS and isinstance(rest, Arr) and len(rest.items) >= 2:
                flag, _ = self.prefix(rest.items[0])
                if flag in ("-c", "/c", "-lc", "-Command"):
                    line_ir = rest.items[1]
                    self.add(SinkFlow(path, line, "shell", self.refs(line_ir), self.lead(line_ir), column=column))
                    self.o.mark(self.o.sites, (path, line, column), ("shell", None))
                    return
            if shell:
                refs = self.refs(node) | (self.refs(rest) if rest is not None else NONE)
                self.add(SinkFlow(path, line, "shell", refs, self.lead(node), column=column))
                role = "shell"
            else:
                lead = self.lead(node)
                self.add(SinkFlow(path, line, "program", lead, lead, column=column))
                role = "program"
            destination = self.command_text(node, rest)
            if role == "program":
                command = self.command_of(node, rest)
                self.o.mark(self.o.extras, (path, line, column), ((), (command,)))
                if not command.complete and rest is not None:
                    self.commands_per_caller(node, rest, line, column)
        elif role == "url":
            if isinstance(node, Obj):  # axios({url, data}), got({url}): the URL is a member of the options
                member = next((e.value for e in node.entries if getattr(e, "key", None) in ("url", "baseURL")), None)
                if member is None:
                    self.o.mark(self.o.sites, (path, line, column), (role, None))
                    return
                node = member
            text, done = self.prefix(node)
            base = self.client_base(callee_ir) if "://" not in text else None
            if base is not None:  # `axios.create({baseURL})`: a relative path goes to the base
                btext, bdone = self.base_prefix(base)
                if "://" not in btext:  # the host is the one set where the server runs
                    refs = frozenset(r for r in self.refs(base) if r.startswith("s:"))
                    if refs:
                        self.add(SinkFlow(path, line, role, refs, refs, column=column))
                        self.o.mark(self.o.sites, (path, line, column), (role, None))
                        return
                else:
                    path_text = text.lstrip("/")
                    # a relative path goes under the base's host: one not known at all still ends that host
                    text = btext if not bdone else btext.rstrip("/") + ("/" + path_text if path_text or not done else "")
                    done = done and bdone
            if text and (done or "://" in text):
                destination = (text if done else f"{text}…")[:MAX_DESTINATION]
            if not _HOST_FIXED.match(text):
                host = self.host_refs(node) if "://" in text else None
                refs = host if host is not None else self.refs(node) if "://" in text else self.lead(node)
                self.add(SinkFlow(path, line, role, refs, refs, column=column))
        elif role in ("nosql", "ldap") and isinstance(node, Obj):
            # a MongoDB filter written here chooses its own operators: only its server-side code
            # (`$where`, `$function`) counts; ldapjs options: their `filter`
            keys = _MONGO_CODE if role == "nosql" else frozenset({"filter"})
            refs = self._union([e.value for e in node.entries if getattr(e, "key", None) in keys], 0)
            self.add(SinkFlow(path, line, role, refs, NONE if role == "nosql" else self.lead_of_member(node, "filter"),
                              column=column))
        elif role == "nosql":  # not written here (`JSON.parse(arg)`, a parameter): the whole filter
            refs = self.refs(node)
            self.add(SinkFlow(path, line, role, refs, refs, column=column))
        else:
            other = js_other_path(callee.module, callee.names) if isinstance(callee, Ext) and role == "path" else None
            if other is not None and isinstance(callee, Ext) and not _moves(callee) and other < len(args):
                # a copy or a link (`copyFile(src, dst)`, `symlink(target, path)`): what is written is the second
                # path; the first is only read (it reaches the call as data), as Python's `shutil.copy` slot
                node, other = args[other], None
            self.add(SinkFlow(path, line, role, self.refs(node), self.lead(node), column=column))
            if other is not None and other < len(args):  # fs.rename(tmp, target): the target too
                self.add(SinkFlow(path, line, role, self.refs(args[other]), self.lead(args[other]), column=column))
            if role == "path" and self.sources(callee, args) == _ANY_FILE:
                # a read of a path not known whole whose answer is what the file holds: for the media checks
                self.add(SinkFlow(path, line, CONTENTS, self.refs(node) or _NOT_FOLLOWED, column=column))
            if role == "path" and (places := self.path_places(node, args[other] if other is not None else None,
                                                              moves=isinstance(callee, Ext) and _moves(callee))):
                self.o.mark(self.o.extras, (path, line, column), (places, ()))
            elif role == "shell" and (lines := self.shell_lines(node)):
                self.o.mark(self.o.extras, (path, line, column), ((), lines))
            if role in ("shell", "path"):
                text, done = self.prefix(node)
                if text and (done or role == "shell" or text.startswith(("/", "~", "."))):
                    destination = (text if done else f"{text}…")[:MAX_DESTINATION]
            elif role == "code":
                text, done = self.prefix(node)
                if text and done:  # the whole code is a constant: nothing decides what runs
                    destination = text[:MAX_DESTINATION]
        self.o.mark(self.o.sites, (path, line, column), (role, destination))

    def path_places(self, node: Expr, other: Expr | None, moves: bool) -> tuple[str, ...]:
        """The few places a path not known to its folder may be (`places.PathPlaces`); for a call with a
        second path, those of both paths of a rename or move (`fs.renameSync(tmp, target)`: the source goes,
        the target is written), those of the second of a copy or link (`fs.copyFile(src, dest)` writes
        dest only); () when not every one is known."""
        if other is not None and not moves:
            node = other
        found = self._one_path_places(node, alone=other is None or not moves)
        if not found or other is None or not moves:
            return found
        more = self._one_path_places(other, alone=False)
        return tuple(sorted({*found, *more})) if more else ()

    def _one_path_places(self, node: Expr, alone: bool) -> tuple[str, ...]:
        """A file of the installed package (`<package>/…`), else the places of a path; a path known whole is
        its own destination when it is the call's only one (`()`), one of a move's two places otherwise."""
        inside = self.o.places.installed(node)
        if inside is not None:
            return (inside,)
        text, done = self.prefix(node)
        if done and text:
            return () if alone else (text,)
        return self.o.places.of(node)

    def request_of(self, callee_ir: Expr) -> Call | None:
        """The call that made the object a method is called on, when it is a request to a URL
        (`const req = http.request(url, …)` of `req.end(body)`): the method's call goes where it goes."""
        obj = self.through_names(callee_ir.obj) if isinstance(callee_ir, Mem) else None
        if not isinstance(obj, Call):
            return None
        found = _sink_slot(self.p.value(obj.callee, EMPTY))
        return obj if found is not None and found[1] == "url" else None

    # ------------------------------------------------------------------ connections to this machine
    def socket_host(self, args: tuple[Expr, ...], line: int, column: int) -> None:
        """`socket.connect(port, host)`, `net.connect({ port, host })`: the host, `localhost` when none
        is given (Node's default); a path (an IPC socket) or a spread is no host."""
        if not args or isinstance(args[0], Spread):
            return
        first = args[0]
        host = self.given_host(args)
        if isinstance(first, Obj):
            if host is None and any(getattr(e, "key", None) == "path" or isinstance(e, Spread)
                                    for e in first.entries):
                return
        elif isinstance(given := self.p.value(first, EMPTY), Str) and not _DIGITS.match(given.value):
            return  # `connect("/tmp/app.sock")`: a local socket file
        self.host_flow(host if host is not None else Str("localhost"), line, column)

    def given_host(self, args: tuple[Expr, ...]) -> Expr | None:
        """The host written in a `(port, host, …)` or `({ port, host })` argument list, None when none is."""
        first = args[0]
        if isinstance(first, Obj):
            return next((e.value for e in first.entries if getattr(e, "key", None) == "host"), None)
        return args[1] if len(args) > 1 and not isinstance(self.p.value(args[1], EMPTY), Fn) else None

    def listen_host(self, args: tuple[Expr, ...], line: int, column: int) -> None:
        """`server.listen(port, host, …)`, `server.listen({ port, host })`: the host the server takes
        connections on. With none Node listens on every interface (not this machine only): no host."""
        if not args or isinstance(args[0], Spread):
            return
        host = self.given_host(args)
        if host is not None:
            self.host_flow(host, line, column)

    def url_host(self, node: Expr, line: int, column: int) -> None:
        """The host of a URL: in its constant start (`http://localhost:${port}/`), or one value of a
        template between `://` and a `:`, `/` or the end (`${protocol}://${host}:${port}/`)."""
        text, done = self.prefix(node)
        if "://" in text:
            rest = text.split("://", 1)[1]
            host_text = _HOST_END.split(rest, maxsplit=1)[0]
            if host_text and (done or host_text != rest):
                self.host_flow(Str(host_text), line, column)
            if rest or done:
                return
            # `http://${host}:…`: the constant start ends at the host, a value of the template below
        value = self.through_names(node)
        if not isinstance(value, Tpl):
            return
        parts = value.parts
        for i, part in enumerate(parts):
            if isinstance(part, Str) and "://" in part.value:
                rest = part.value.split("://", 1)[1]
                if rest:
                    host_text = _HOST_END.split(rest, maxsplit=1)[0]
                    following = parts[i + 1] if i + 1 < len(parts) else None
                    if host_text != rest or following is None or \
                            (isinstance(following, Str) and following.value[:1] in ":/?#"):
                        self.host_flow(Str(host_text), line, column)
                    return
                if i + 1 >= len(parts) or isinstance(parts[i + 1], Str):
                    return
                after = parts[i + 2] if i + 2 < len(parts) else None
                if after is None or (isinstance(after, Str) and after.value[:1] in ":/?#"):
                    self.host_flow(parts[i + 1], line, column)
                return

    def host_flow(self, host: Expr, line: int, column: int) -> None:
        """A host that is this machine unless a value flows into it: the site is marked, and what flows
        into the host is a `host` slot of the data flow (per tool: a value given, or none)."""
        if self.loopback_host(host):
            self.o.mark_loopback((self.f.path, line, column))
            self.add(SinkFlow(self.f.path, line, HOST, self.refs(host), NONE, column=column))

    def loopback_host(self, ir: Node, depth: int = 0) -> bool:
        """A loopback literal (`localhost`, 127.x.x.x, ::1), or a parameter defaulting to one
        (`host = "localhost"`) whose every call site in the package leaves it out, gives a loopback
        literal, or gives a value made of something (its sources then flow into the `host` slot of
        that call's tool); a constant host of another name, or a parameter never called, is not.
        Also a field kept from a constructor's parameter (`this.host` with `constructor(host) {
        this.host = host; }`) that every `new` of the class in the package gives a loopback literal."""
        if depth > 6:
            return False
        match ir:
            case Str(value):
                return bool(_LOOPBACK.match(value))
            case Id(name, scope):
                bound = self.p.lookup(scope, name)
                return bound is not None and self.loopback_host(bound, depth + 1)
            case Or(Param(fid, index), default) if index >= 0:
                if not self.loopback_host(default, depth + 1):
                    return False
                sites = self.p.call_sites_of(fid)
                if not sites or len(sites) >= self.p.budgets.js_instances:
                    return False
                for args, _env in sites:
                    if index >= len(args):
                        continue
                    arg = args[index]
                    if isinstance(arg, Spread):
                        return False
                    given = self.p.value(arg, EMPTY)
                    if isinstance(given, Undef) or (isinstance(given, Str) and _LOOPBACK.match(given.value)):
                        continue
                    if isinstance(given, Str) or not _Scan(self.o, self.fid).refs(arg):
                        return False  # another constant host, or a value made of nothing the flow can see
                return True
            case Mem(This(), _prop):
                kept = self.p.value(ir, EMPTY)
                if isinstance(kept, Param) and kept.fid != self.fid and kept.index >= 0:
                    return self.constructed_loopback(kept.fid, kept.index)
        return False

    def constructed_loopback(self, ctor: str, index: int) -> bool:
        """Every `new` of the class whose constructor is `ctor` gives its parameter `index` a loopback
        literal (none leaves it out, spreads or computes it)."""
        sites = self.p.constructor_sites(ctor)
        if not sites or len(sites) >= self.p.budgets.js_instances:
            return False
        for args, _env in sites:
            if index >= len(args) or isinstance(args[index], Spread):
                return False
            given = self.p.value(args[index], EMPTY)
            if not (isinstance(given, Str) and _LOOPBACK.match(given.value)):
                return False
        return True

    def client_base(self, callee: Expr) -> Expr | None:
        """The `baseURL` of the client a request is made on (`client.get("/x")` with
        `const client = axios.create({ baseURL: … })`), or None."""
        if not isinstance(callee, Mem):
            return None
        obj = self.through_names(callee.obj)
        if not isinstance(obj, Call) or not obj.args or not isinstance(obj.args[0], Obj):
            return None
        made = self.p.value(obj.callee, EMPTY)
        if not (isinstance(made, Ext) and made.module == "axios"
                and tuple(n for n in made.names if n != "default") == ("create",)):
            return None
        return next((e.value for e in obj.args[0].entries if getattr(e, "key", None) == "baseURL"), None)

    def base_prefix(self, base: Expr) -> tuple[str, bool]:
        """The constant start of a base URL: as written, else the default a setting falls back to
        (`process.env.API_URL || "https://api.example.com"`)."""
        text, done = self.prefix(base)
        if "://" in text:
            return text, done
        if isinstance(base, Or):
            text, done = self.prefix(base.right)
            if "://" in text:
                return text, done
        return "", False

    def lead_of_member(self, node: Obj, key: str) -> Refs:
        member = next((e.value for e in node.entries if getattr(e, "key", None) == key), None)
        return self.lead(member) if member is not None else NONE

    def shell_lines(self, node: Expr) -> tuple[Command, ...]:
        """The command lines a shell line can be, each written whole in the code and running one program
        (no shell operator): a constant, or a template of parts that are constants or choices between
        constants (`${isWin ? "where" : "which"} ${isWin ? "rg.exe" : "rg"}`); else ()."""
        texts = self._texts(node, 0)
        if not texts or any(_SHELL_OPERATOR.search(t) for t in texts):
            return ()
        out: list[Command] = []
        for text in texts:
            words = text.split()
            if not words:
                return ()
            out.append(Command(program_name(words[0]), tuple(words[1:]), True))
        return tuple(out)

    def _texts(self, ir: Expr, depth: int) -> list[str] | None:
        """Every constant text a value can be (at most 8), or None."""
        if depth > 6:
            return None
        value = self.p.value(ir, EMPTY)
        if isinstance(value, Str):
            return [value.value]
        parts: list[Expr]
        match ir:
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                return self._texts(binding, depth + 1) if binding is not None else None
            case Either(a, b, _test):
                left, right = self._texts(a, depth + 1), self._texts(b, depth + 1)
                return left + right if left is not None and right is not None and len(left) + len(right) <= 8 else None
            case Tpl(tparts):
                parts = list(tparts)
            case Add(left_ir, right_ir):
                parts = [left_ir, right_ir]
            case _:
                return None
        out = [""]
        for part in parts:
            found = self._texts(part, depth + 1)
            if found is None or len(out) * len(found) > 8:
                return None
            out = [a + b for a in out for b in found]
        return out

    def program_names(self, program: Expr, depth: int) -> set[str] | None:
        """The programs an expression can name (`model.Command.program`): a constant, a path whose last
        part is constant (`path.join(env.SDK, "platform-tools", "adb")`), a dependency's bundled binary,
        a choice between such (`isWin ? "adb.exe" : "adb"`), and what a function of the package returns
        (`getAdbPath()`, its every return); an environment variable read there (`process.env.GO_IOS_PATH
        || "ios"`) is the setting that says where that same program lies and names none itself (an empty
        set when nothing else does). None when some part is not known statically."""
        if depth > 6:
            return None
        value = self.p.value(program, EMPTY)
        if isinstance(value, Ext):
            binary = dependency_binary(value.module, value.names)
            return {binary} if binary else None
        if isinstance(value, Str):
            written = program_name(value.value)
            return {written} if written else None
        match program:
            case Mem(obj, _prop) if self.environ(obj):
                return set()
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                return self.program_names(binding, depth + 1) if binding is not None else None
            case Either(a, b) | Or(a, b):
                left, right = self.program_names(a, depth + 1), self.program_names(b, depth + 1)
                return left | right if left is not None and right is not None else None
            case Call(callee_ir, args, _fid, _n):
                callee = self.p.value(callee_ir, EMPTY)
                if isinstance(callee, Ext) and callee.module.removeprefix("node:") == "path" and args \
                        and tuple(n for n in callee.names if n != "default") in (("join",), ("resolve",)):
                    return self.program_names(args[-1], depth + 1)  # path.join(env.SDK, "platform-tools", "adb")
                f = self.p.functions.get(callee.fid) if isinstance(callee, Fn) else None
                if f is None or not f.returns or len(f.returns) > 8:
                    return None
                out: set[str] = set()
                for r in f.returns:
                    named = self.program_names(r, depth + 1)
                    if named is None:
                        return None
                    out |= named
                return out
        text, done = self.prefix(program)
        last = program_name(text) if done else None
        return {last} if last else None

    def commands_per_caller(self, program: Expr, rest: Expr, line: int, column: int) -> None:
        """A program start whose argument list is not all known here because it holds this function's
        parameters (`adb(...args) { execFileSync(adb, ["-s", id, ...args]) }`): the command once per
        caller of the function, its parameters bound to that caller's arguments (`this.adb("shell",
        "getprop", "x")`), so that a tool is judged by the words ITS callers pass, not by every caller's
        joined (`Command` per caller, chosen per tool by `specialise_commands`). At most js_instances
        callers; beyond, the joined command stands and the cut is recorded."""
        sites = self.o.call_sites.get(self.fid)
        if not sites:
            return
        limit = self.p.budgets.js_instances
        if len(sites) > limit:
            self.p.cuts.cut("js_instances", f"argument lists of the program started at {self.f.path}:{line}: "
                                             f"{len(sites)} callers, read per caller only up to {limit}",
                            fid=self.fid, path=self.f.path)
            return
        by_caller: dict[str, list[Command]] = {}
        n = len(self.f.params)
        for caller, args in sites:
            env = self.p.bind_args(self.fid, args, EMPTY, n)
            command = self.command_of(program, rest, env)
            found = by_caller.setdefault(caller, [])
            if command not in found:
                found.append(command)
        self.o.mark(self.o.site_commands, (self.f.path, line, column),
                    (self.fid, {c: tuple(v) for c, v in by_caller.items()}))

    def command_of(self, program: Expr, rest: Expr | None, env: Env = EMPTY) -> Command:
        """The program a start runs (`model.Command`): by name when its value is a constant, a path whose
        last part is constant, or a dependency's bundled binary; and every word its argument list can
        hold, the items pushed in any branch included (`args.push("--json")`), `…` where unknown."""
        names = self.program_names(program, 0)
        name = next(iter(names)) if names is not None and len(names) == 1 else None
        if rest is None:
            return Command(name, (), True)
        words: list[str] = []
        complete = self._words(self.p.value(rest, env), words, 0)
        return Command(name, tuple(words), complete)

    def _words(self, value: object, words: list[str], depth: int) -> bool:
        """Add the words of an argument list's value; whether every word is seen."""
        if not isinstance(value, ArrV) or depth > 4:
            return False
        complete = True
        for item in value.items:
            if isinstance(item, Spread):
                inner = item.value
                if isinstance(inner, LoopMap):  # `for (const p of patterns) args.push("-g", p)`
                    words.append(self._word(inner.item, value))
                    continue
                complete = self._words(self.p.value(inner, value.env), words, depth + 1) and complete
                continue
            words.append(self._word(item, value))
        return complete

    def _word(self, item: Expr, arr: ArrV) -> str:
        found = self.p.value(item, arr.env)
        if isinstance(found, Str):
            return found.value
        text, done = self.prefix(item)
        return text if done else f"{text}…"

    def command_text(self, program: Expr, rest: Expr | None) -> str | None:
        text, done = self.prefix(program)
        if not text or not done:
            return None
        words = [text]
        if isinstance(rest, Arr):
            for item in rest.items:
                word, wdone = self.prefix(item)
                words.append(word if wdone else f"{word}…")
                if not wdone:
                    break
        return " ".join(words)[:MAX_DESTINATION]

    def add(self, s: SinkFlow) -> None:
        if s.refs:
            self.flow.sinks.append(s)

    def guard(self, callee: Expr, args: tuple[Expr, ...]) -> None:
        if not isinstance(callee, Mem) or not args:
            return
        if callee.prop == "startsWith":
            checked = self.refs(callee.obj)
            if checked:
                text, done = self.prefix(args[0])
                if pins_a_folder(text if done else None):  # `root + path.sep`, "/srv/"; not "~/", "/" (`prefixes`)
                    self.flow.guards.append(("path", checked))
                if "://" in text:
                    self.flow.guards.append(("url", checked))
        elif callee.prop == "replaceAll" and len(args) >= 2 and isinstance(args[0], Str) and args[0].value == "/" \
                and isinstance(args[1], Str) and "/" not in args[1].value:
            # `name.replaceAll("/", "_")`: what is left names no other folder
            checked = self.refs(callee.obj)
            if checked:
                self.flow.guards.append(("path", checked))


def js_param_namer(schema: object) -> Callable[[str], str | None]:
    """Map a handler atom (`@N_I.key…`) to a tool parameter: the first key after the arguments object
    (`request.params.arguments.key`); names the input schema does not list are dropped. The whole
    arguments object (`post(url, Object.assign({ type }, args))`) is `ALL_ARGUMENTS`: every argument
    reaches the call as data (`data_from` `*`), though none chooses a slot."""
    props: set[str] | None = None
    if isinstance(schema, dict):
        raw = schema.get("properties")
        if isinstance(raw, dict) and raw:
            props = {str(k) for k in raw}

    def name_of(atom: str) -> str | None:
        base, *keys = atom.split(".")
        if base.endswith("_-1"):
            return None  # `this` of the handler: the server object, no argument
        whole = not keys and base.endswith("_0")  # the handler's first parameter: the arguments (or the request)
        if keys[:2] == ["params", "arguments"]:
            keys = keys[2:]
            whole = not keys
        elif keys[:1] == ["arguments"]:
            keys = keys[1:]
            whole = not keys
        if not keys:
            return ALL_ARGUMENTS if whole else None
        if props is not None and keys[0] not in props:
            return None
        return keys[0]
    return name_of


def annotate(graph: AnalysisGraph, fids: Iterable[str], sites: dict[Place, tuple[str, str | None]],
             extras: dict[Place, tuple[tuple[str, ...], tuple[Command, ...]]] | None = None,
             loopback: set[Place] | frozenset[Place] = frozenset()) -> None:
    """Give the sink sites of these functions the role and destination their scan found (and the
    places inside the installation, the program a start runs: `extras`), and mark the connections to
    this machine (`loopback`)."""
    more = extras or {}
    for fid in fids:
        found = graph.sinks.get(fid)
        if not found or all(s.role is not None and s.loopback == ((s.path, s.line, s.column) in loopback)
                            for s in found):
            continue
        out = []
        for s in found:
            key = (s.path, s.line, s.column)
            if s.role is None and key in sites:
                s = replace(s, role=sites[key][0], destination=sites[key][1],
                            places=more.get(key, ((), ()))[0] or s.places,
                            commands=more.get(key, ((), ()))[1] if s.kind is Kind.PROCESS else ())
            if key in loopback and not s.loopback:
                s = replace(s, loopback=True)
            out.append(s)
        graph.sinks[fid] = tuple(out)


def specialise_commands(graph: AnalysisGraph, found: Iterable[str], capabilities: tuple[Capability, ...],
                        per_caller: dict[Place, tuple[str, dict[str, tuple[Command, ...]]]]
                        ) -> tuple[Capability, ...]:
    """The programs a tool starts through a shared helper whose argument list is its parameters
    (`adb(...args)`): the commands of the callers of that helper the tool itself reaches (`FlowBuilder.
    commands_per_caller`), not every caller's joined. Only when every function of the tool's reach that
    calls the helper is such a caller (a helper also reached another way, a callback or a call the
    graph bound through a parameter, keeps the joined command)."""
    if not per_caller or not any(c.kind is Kind.PROCESS for c in capabilities):
        return capabilities
    reached = set(found)
    callers: dict[str, set[str]] = {}
    for node in reached:
        for e in graph.out(node):
            callers.setdefault(e.dst, set()).add(node)

    def own(ev: Evidence) -> Evidence:
        known = per_caller.get((ev.location.path, ev.location.line, ev.location.column))
        if known is None:
            return ev
        fid, by_caller = known
        into = callers.get(fid)
        if not into or not into <= set(by_caller):
            return ev
        commands: list[Command] = []
        for caller in sorted(into):
            commands.extend(c for c in by_caller[caller] if c not in commands)
        return replace(ev, commands=tuple(commands))

    out: list[Capability] = []
    for cap in capabilities:
        if cap.kind is Kind.PROCESS:
            cap = replace(cap, evidence=tuple(own(e) for e in cap.evidence), more=tuple(own(e) for e in cap.more))
        out.append(cap)
    return tuple(out)


def _whole_env(base: Refs, key: str, variable: bool = False) -> tuple[Refs, Refs]:
    """A constant member of a value that may be the whole environment (`env.REGION` of
    `const env = opts.env ?? process.env`) is that one variable (see `flow.member`): the other
    references, and what the member is of the environment."""
    if WHOLE_ENV not in base:
        return base, NONE
    return base - {WHOLE_ENV}, frozenset({member(WHOLE_ENV, key, variable)})


def _named_in(value: Node, globals_: frozenset[str], members: frozenset[tuple[str, str]]) -> bool:
    """VALUE is a global function named in GLOBALS_ or a (module, member) of MEMBERS."""
    match value:
        case Global(name):
            return name in globals_
        case Ext(module, names):
            last = next((x for x in reversed(names) if x != "default"), "")
            return (module.removeprefix("node:"), last) in members
    return False
