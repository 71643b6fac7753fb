r"""Data flow from a tool's arguments to the argument that matters at each sink, once for every language.

A frontend describes each function's data flow in a small, flow-insensitive form
(`FunctionFlow`) built from its own syntax; this module solves it interprocedurally.

References (`Ref`, strings) name what a value is made of, inside one function:

- `p:NAME` a parameter; `p:NAME.KEY` a constant key or attribute of one (`arguments["cmd"]`,
  `args.path`, a destructured `{ cmd }`);
- `v:NAME` a local variable (its definitions are in `FunctionFlow.defs`);
- `c:ID` the result of a call to package functions (`FunctionFlow.calls[ID]`);
- `v:NAME#KEY`, `c:ID#KEY` a member of a local's value or of a call's result (`args.url` of
  `args = Fetch(**arguments)`): the solver projects what the value is made of;
- `^NAME` a free name read from an enclosing function (closures), bound at the call site by the
  caller's own `NAME`;
- `o:ATTR=REF` what an object built by a package class's constructor keeps in its attribute ATTR
  (what `__init__` assigns to `self.ATTR`, bound to the constructor's arguments); `o:*=REF` the
  constructor's arguments, for the attributes `__init__` does not assign (a member read of an object
  is what flowed into that attribute, not every argument of its constructor);
- `s:WHAT` a source of data that is no parameter, passed through calls unchanged: `s:env:NAME`
  (the value of one environment variable), `s:env:?` (one variable whose name is computed at run
  time), `s:env:*` (the whole environment's values), `s:file` / `s:file:PATH` (what a file read returns;
  `s:pkgfile:PATH` for a file the package ships),
  `s:tmp:fresh` (the name of a temporary file or folder just created: `mkdtemp()`, `TemporaryDirectory()`),
  `s:?` (`UNKNOWN`: a value the analysis could not follow; it may be the arguments).

Library calls, string formatting, concatenation, containers and f-strings/template literals are
folded by the frontend into the union of their operands' references; sanitisers (`shlex.quote`,
`int`, `basename` …) into none. Each sink site gives the references of its slot (`refs`) and those
that make up the start of the value (`lead`: the whole command, the program of an argv list, the
host of a URL, a path with no fixed base). A sink call also gives, under the role `data`, the
references of *all* its arguments (the body, headers and parameters of a request, every argv
element, what a write puts in a file): that site is kept even when nothing flows in, so that "no
argument, secret or file reaches this call" is a fact and not a gap. Guards (path containment,
allow-lists) name the references they check, anywhere in the function.

Checks (`Check`) are guards that hold on a range of lines only: a test whose failing branch never
goes on (`if name not in ALLOWED: raise …`, `if (!/^[\w-]+$/.test(x)) throw …`, a call of a
function that always raises) holds on the rest of its block; a test that passes (`if x in
ALLOWED: …`) on its branch. The sinks on those lines, and those reached through calls made on
them, lose the checked references. A check made in a function's own body that raises on failure
holds for its callers too (`validates`): a call of that validator is a check on what it was given.
A predicate (`FunctionFlow.truths`: what holds wherever it returns something true) is a check on what
it was given where its call is a test that passed (`Summary.predicate`). A check against a parameter's
allow-list (`Check.unless`) marks what it covers `k:` instead of removing it: bound at each call, it
holds once the container is made of no parameter, and `tool_control` drops it unless a tool argument
(or an unknown value) makes the container. A check that a path names a picture, sound or video file (an
extension allow-list, role `filetypes.MEDIA`) makes no role safe: it cuts only the `CONTENTS` pseudo-site
of a read (what the read returns is the caller's media, `Evidence.contents`).

`summarise` computes, per function, what its return value and the slots of every sink it reaches
(directly or through callees) are made of, in terms of its own parameters (*atoms*: `p:…` and
`^…`); `tool_control` maps a tool handler's atoms to the tool's parameter names, with guarded
parameters removed. Recursion is cut (a function in progress has an empty summary) and the number
of functions summarised per package is a budget (`taint_functions`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from mcpvet.analysis.alphabet import ROLES_SAFE_WITH_WORDS
from mcpvet.analysis.budgets import Budgets
from mcpvet.analysis.filetypes import MEDIA
from mcpvet.analysis.model import NodeId
from mcpvet.model import Kind

Ref = str
Refs = frozenset[str]
NONE: Refs = frozenset()
UNKNOWN = "s:?"
"""A value the analysis could not follow (a nested function's parameters bound by whoever it was handed
to, the result of a function past the `taint_functions` budget): it may be the tool's arguments, so
whatever it reaches is never "nothing flows" (`Control.opaque`, the evidence's `data_opaque`)."""

ROLES = ("shell", "program", "code", "template", "path", "url", "sql", "deserialize", "nosql", "ldap")
"""What a sink's argument is: a shell command line, the program of a spawn, code, a template source,
a file path, a URL or host, SQL text, data to deserialise, a NoSQL query filter (MongoDB: the whole
filter, or server-side code under `$where`), an LDAP search filter."""

ROLE_KINDS: Mapping[str, tuple[Kind, ...]] = {
    "shell": (Kind.PROCESS,),
    "program": (Kind.PROCESS,),
    "code": (Kind.CODE_EXEC,),
    "template": (Kind.CODE_EXEC,),
    "deserialize": (Kind.CODE_EXEC,),
    "path": (Kind.FS_READ, Kind.FS_WRITE),
    "url": (Kind.NETWORK,),
    "sql": (Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE),
    "nosql": (Kind.NETWORK,),
    "ldap": (Kind.NETWORK,),
}
"""The capability kinds whose evidence a role's control is shown on."""

MEMBER = "#"  # between a `v:`/`c:` reference and the member read on it (ids may hold dots)
DATA = "data"  # the pseudo-role of a sink call's arguments taken together
HOST = "host"  # the pseudo-role of the host of a connection that is this machine unless a value flows in
FLOW_FACTS = (DATA, HOST)  # pseudo-roles that say what flows, not what is dangerous: no guard cuts them
# the pseudo-role of the path of a read whose answer is the file's contents (or a listing): only a check
# that the file is a picture, sound or video (`filetypes.MEDIA`) cuts it; kept when nothing is left, so
# that "the read returns the caller's media" is a fact (`Evidence.contents`)
CONTENTS = "contents"
KEPT_EMPTY = (*FLOW_FACTS, CONTENTS)  # pseudo-roles whose site stays when no reference is left
LEAD_ROLES = frozenset({"program", "url"})  # roles whose slot references are those of the value's start
SiteKey = tuple[str, int, str, int]  # path, line, role, column (0: not told apart on its line)
Place = tuple[str, int, int]  # a sink call: path, line, column (`tool_control`'s keys)
MAX_PROJECTION = 4  # keys kept on a parameter reference (`request.params.arguments.cmd`)


@dataclass(frozen=True, slots=True)
class SinkFlow:
    """The slot of one sink call: which references make it up, and which make up its start."""

    path: str
    line: int
    role: str
    refs: Refs
    lead: Refs = NONE
    column: int = 0  # where on the line the call is: a minified bundle's calls share one line


@dataclass(frozen=True, slots=True)
class CallFlow:
    """A call of package functions: for each target, the references bound to each of its parameters."""

    bindings: Mapping[NodeId, Mapping[str, Refs]]
    leads: Mapping[NodeId, Mapping[str, Refs]] = field(default_factory=dict)  # what starts each argument
    # the targets that are constructors (`__init__` of `K(…)`) and their first parameter: the call's result
    # is the object they build (`o:` references), and so is that parameter
    constructs: Mapping[NodeId, str] = field(default_factory=dict)
    line: int = 0  # where the call is (0: unknown, no check applies to it)


@dataclass(frozen=True, slots=True)
class Check:
    """A guard that holds on lines `first`..`last` of its function (see the module's text).

    `role` is the role it makes safe (or "any"); `refs` what it checks; `call` instead names a call
    (`FunctionFlow.calls`) whose targets' `validates` are the checks; `exits`: it holds until the
    function returns and fails by raising (a check of the function's body, not of one branch)."""

    role: str
    refs: Refs
    first: int
    last: int
    call: str | None = None
    exits: bool = False
    predicate: bool = False  # `call` is a test that passed: what its targets return true only for (`truths`)
    unless: Refs = NONE  # an allow-list that is a parameter's (`name in manager`): holds only if no tool argument makes it


@dataclass
class FunctionFlow:
    params: tuple[str, ...] = ()
    defs: dict[str, Refs] = field(default_factory=dict)
    calls: dict[str, CallFlow] = field(default_factory=dict)
    sinks: list[SinkFlow] = field(default_factory=list)
    guards: list[tuple[str, Refs]] = field(default_factory=list)  # (role or "any", refs checked)
    checks: list[Check] = field(default_factory=list)  # guards on a range of lines
    returns: Refs = NONE
    returns_lead: Refs = NONE
    # a constructor's `self.ATTR = …` (its own assignments): what each attribute of the object is made of
    attrs: dict[str, Refs] = field(default_factory=dict)
    attrs_lead: dict[str, Refs] = field(default_factory=dict)
    # `attrs` names every attribute the object can have (a JavaScript class no other class extends: its
    # fields): one not named is not on it, so it is made of nothing (no `o:*=` for it)
    closed: bool = False
    # what starts each local's value, for the functions nested in this one that read it (`^url` of a
    # URL's host is the start of the enclosing `url`, not all of it); names missing use `defs`
    defs_lead: dict[str, Refs] = field(default_factory=dict)
    # each returned value with its line, for the checks (when given, `returns` is made of these)
    returned: list[tuple[int, Refs, Refs]] = field(default_factory=list)
    # a predicate (`def is_valid(v): return bool(RE.fullmatch(v))`): each place it returns something true,
    # with what that value's test tells (`Check`s of no lines: role, refs or a predicate call); None: no predicate
    truths: list[tuple[int, list[Check]]] | None = None
    # the locals bound by plain assignments only: each assignment's line and what it is made of
    assigned: dict[str, list[tuple[int, Refs]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """A function's flow in terms of its own atoms (`p:…`, `^…`)."""

    returns: Refs = NONE
    returns_lead: Refs = NONE
    sinks: Mapping[SiteKey, tuple[Refs, Refs]] = field(default_factory=dict)  # -> (refs, lead)
    guards: Mapping[str, Refs] = field(default_factory=dict)
    attrs: Mapping[str, tuple[Refs, Refs]] = field(default_factory=dict)  # a constructor's: ATTR -> (refs, lead)
    validates: Mapping[str, Refs] = field(default_factory=dict)  # role -> atoms checked before it returns
    predicate: Mapping[str, Refs] = field(default_factory=dict)  # role -> atoms checked when it returns true
    closed: bool = False  # `FunctionFlow.closed`


EMPTY_SUMMARY = Summary()
CUT_SUMMARY = Summary(returns=frozenset({UNKNOWN}), returns_lead=frozenset({UNKNOWN}))


@dataclass(frozen=True, slots=True)
class Control:
    """The tool parameters that reach one sink slot (guarded ones removed)."""

    role: str
    params: tuple[str, ...]
    lead: tuple[str, ...]  # those that make up the start of the value (the whole command, the host)
    sources: tuple[str, ...] = ()  # other data reaching it: `env:NAME`, `env:*`, `file`, `file:PATH`, `pkgfile:PATH`
    opaque: bool = False  # values the analysis could not follow reach it (attributes of an unbound `self`)


MAX_REFS = 48  # a value made of more references keeps their bases only (`p:args`, not each `p:args.k`)


def cap(refs: Refs) -> Refs:
    """Bound a value's references: past `MAX_REFS`, projections collapse to their parameter (which
    still names the same tool parameters, only less precisely); sources stay."""
    if len(refs) <= MAX_REFS:
        return refs
    return frozenset(map(_cut, refs))


@functools.lru_cache(maxsize=65536)  # pure; the same references are cut again at every step of a large function
def _cut(r: Ref) -> Ref:
    inner = untag_one(r)
    if inner[:2] in ("s:", HELD):
        return r
    return r[:len(r) - len(inner)] + inner.split(".", 1)[0]


OBJECT = "o:"  # `o:ATTR=REF`: what an object keeps in one attribute (`o:*=REF`: in those its constructor does not set)
REST = "*"
MAX_TAGS = 3  # objects kept in objects' attributes, deeper than this, are made of what they are made of


def untag_one(r: Ref) -> Ref:
    """What an object's attribute reference is made of (`o:url=p:x` -> `p:x`), through nested objects."""
    while r[:2] == OBJECT:
        r = r[r.index("=") + 1:]
    return r


def untag(refs: Iterable[Ref]) -> Refs:
    """References with objects' attributes replaced by what they are made of (a whole object used as a value)."""
    return frozenset(u for u in (untag_one(r) for r in refs) if u)


def tagged(attr: str, refs: Iterable[Ref]) -> Refs:
    """REFS kept in the attribute ATTR of an object (too deep: what they are made of); `o:ATTR=` alone when
    nothing flows into it (the attribute is still one its constructor sets)."""
    out = frozenset(f"{OBJECT}{attr}={r}" if r.count(OBJECT) < MAX_TAGS else untag_one(r) for r in refs) - {""}
    return out or frozenset({f"{OBJECT}{attr}="})  # (too deep and made of nothing: nothing, not an empty reference)


HELD = "k:"
"""`k:C…\x1eREF`: REF, checked against an allow-list made of the atoms C (`\x1f` between them), a
parameter of the function that checked (`if name not in manager: raise`): the check holds where
no tool argument makes that container (bound at each call; settled in `tool_control`)."""


def held_if(container: Iterable[Ref], r: Ref) -> Ref:
    return HELD + "\x1f".join(sorted(container)) + "\x1e" + r


def held_parts(r: Ref) -> tuple[Refs, Ref]:
    """The container atoms and the reference of a `k:` reference."""
    container, _sep, inner = r[2:].partition("\x1e")
    return (frozenset(container.split("\x1f")) if container else NONE), inner


def _bare(r: Ref) -> Ref:
    """What a reference is made of, through objects' attributes and held checks."""
    while True:
        r = untag_one(r)
        if r[:2] != HELD:
            return r
        r = held_parts(r)[1]


def _guarding(atoms: Refs) -> Refs:
    """The atoms of a guard that can ever name a tool parameter: not those made of a held reference
    (`k:`, also kept in an object's attribute). Bound at a call, a held reference stays held or is
    gone, and `tool_control` reads a guard's parameters only (`p:`, `^@`): such atoms change nothing
    but can number tens of thousands (every projection of a held parameter, excel-mcp-server)."""
    if not any(HELD in a for a in atoms):
        return atoms
    return frozenset(a for a in atoms if untag_one(a)[:2] != HELD)


def _may_be_arguments(container: Iterable[Ref]) -> Refs:
    """The atoms of a container that may be a tool's arguments (parameters, closure names, unknown values)."""
    return frozenset(c for c in container if _bare(c)[:1] in "p^" or _bare(c) == UNKNOWN)


WHOLE_ENV = "s:env:*"
FRESH_TEMP = "s:tmp:fresh"  # a temporary file or folder the call itself creates (mkdtemp, TemporaryDirectory)


def member(r: Ref, key: str, variable: bool = False) -> Ref:
    """A member (`key`, dotted) of what one reference names: of a parameter or a closure's name, a
    projection; of the whole environment, the one variable read (`env.REGION` of a helper handed
    `process.env` is `s:env:REGION`); of anything else (a source, a library's result) the value itself.

    A member of the environment is a variable when it is read as a key (`variable`) or named like one
    (no lower-case letter): `env.items`, `env.copy`, `env.toString` are methods and stay the whole.
    Objects are not kept apart (`{env: process.env}` is made of the environment), so in a dotted key
    the first part named like a variable is the one read (`opts.env.REGION`)."""
    if r[0] in "p^" and r.count(".") < MAX_PROJECTION:
        return f"{r}.{key}"
    if r == WHOLE_ENV and key:
        parts = key.split(".")
        if variable and len(parts) == 1:
            return f"s:env:{key}"
        name = next((p for p in parts if p == p.upper() and any(c.isalpha() for c in p)), None)
        if name is not None:
            return f"s:env:{name}"
    return r


def project(refs: Refs, key: str) -> Refs:
    """A member (`key`, dotted) of a value (see `member`). Of an object (`o:` references) it is what its
    constructor kept in that attribute (`o:ATTR=`), else in the attributes it does not set (`o:*=`)."""
    if not key or not any(r[:2] == OBJECT for r in refs):
        # `member`'s first case (a parameter's or a closure name's projection) written out: most references
        suffix = "." + key
        return frozenset([r + suffix if r[0] in "p^" and r.count(".") < MAX_PROJECTION else member(r, key)
                          for r in refs])
    first, dot, rest = key.partition(".")
    known = {r[2:r.index("=")] for r in refs if r[:2] == OBJECT}
    out: set[str] = set()
    kept: set[str] = set()  # in the attribute read
    args: set[str] = set()  # the constructor's arguments, for an attribute it does not set
    for r in refs:
        if r[:2] != OBJECT:
            out.add(member(r, key))
            continue
        attr, inner = r[2:r.index("=")], r[r.index("=") + 1:]
        if not inner:
            continue
        if attr == first:
            kept.add(inner)
        elif attr == REST and first not in known:
            args.add(inner)
    if kept:
        out |= project(frozenset(kept), rest) if dot else kept
    if args:
        out |= project(frozenset(args), key)
    return frozenset(out)


class FlowSolver:
    """Summaries on demand, memoised, for one package graph."""

    def __init__(self, flow_of: Callable[[NodeId], FunctionFlow | None], budgets: Budgets,
                 cut: Callable[[str], None] | None = None) -> None:
        self.flow_of = flow_of
        self.budgets = budgets
        self._cut = cut
        self._memo: dict[NodeId, Summary] = {}
        self._active: set[NodeId] = set()
        self._count = 0
        self._cut_done = False
        self.rounds = 0  # rounds of the functions' fixed points, in all (a measure of the work done)

    def summary(self, node: NodeId) -> Summary:
        found = self._memo.get(node)
        if found is not None:
            return found
        if node in self._active:
            return EMPTY_SUMMARY  # recursion: cut here
        if self._count >= self.budgets.taint_functions:
            if not self._cut_done and self._cut is not None:
                self._cut(f"data flow not followed beyond {self._count} functions (controlled_by may be incomplete)")
                self._cut_done = True
            return CUT_SUMMARY  # what it returns is not known: not "nothing"
        flow = self.flow_of(node)
        if flow is None:
            self._memo[node] = EMPTY_SUMMARY
            return EMPTY_SUMMARY
        self._count += 1
        self._active.add(node)
        try:
            result = self._solve(flow)
        finally:
            self._active.discard(node)
        self._memo[node] = result
        return result

    # ------------------------------------------------------------------ one function
    def _solve(self, flow: FunctionFlow) -> Summary:
        callee: dict[str, list[tuple[Summary, Mapping[str, Refs], Mapping[str, Refs]]]] = {}
        built: dict[str, list[tuple[Summary, Mapping[str, Refs], Mapping[str, Refs], str]]] = {}  # constructors
        for cid, call in flow.calls.items():
            callee[cid] = []
            for t, b in call.bindings.items():
                s = self.summary(t)
                if t in call.constructs:
                    built.setdefault(cid, []).append((s, b, call.leads.get(t, b), call.constructs[t]))
                else:
                    callee[cid].append((s, b, call.leads.get(t, b)))
        env: dict[str, Refs] = dict.fromkeys(flow.defs, NONE)
        results: dict[str, Refs] = dict.fromkeys(flow.calls, NONE)
        results_lead: dict[str, Refs] = dict.fromkeys(flow.calls, NONE)

        checked_locals: dict[str, set[str]] = {}  # role -> locals assigned only where a check covers them

        def resolve(refs: Iterable[Ref], lead: bool = False, role: str | None = None) -> Refs:
            out: set[str] = set()
            for r in refs:
                head = r[:2]
                if head == "v:" or head == "c:":
                    name, dot, key = r[2:].partition(MEMBER)
                    found = env.get(name, NONE) if head == "v:" else (results_lead if lead else results).get(name, NONE)
                    if head == "v:" and role is not None and name in checked_locals.get(role, ()):
                        found = frozenset(f for f in found if f[0] not in "p^")
                    out |= project(found, key) if dot else found
                elif head == OBJECT and "=" in r:  # an object written here: what each key holds, resolved
                    attr, _eq, inner = r[2:].partition("=")
                    out |= tagged(attr, resolve((inner,), lead, role) if inner else NONE)
                else:
                    out.add(r)
            return cap(frozenset(out))

        def name_refs(name: str, lead: bool = False) -> Refs:
            if name in flow.defs:
                if lead and name in flow.defs_lead:
                    return resolve(flow.defs_lead[name], True)
                return env[name]
            if name in flow.params:
                return frozenset({f"p:{name}"})
            return frozenset({f"^{name}"})

        def bind(atoms: Refs, binding: Mapping[str, Refs], lead: bool = False, role: str | None = None,
                 memo: dict[tuple[str, str, bool, str | None], Refs] | None = None) -> Refs:
            # `memo`: what one call of bind (and the calls it makes, all with the same `binding`, while env
            # and results stay as they are) found already: a parameter's bound value, a held check's
            # container still made of arguments, a held or kept reference bound (the same check covers many
            # references; the same parameter is projected many times); same values, computed once
            memo = {} if memo is None else memo
            out: set[str] = set()
            for a in atoms:
                if a.startswith("^"):
                    base, dot, key = a[1:].partition(".")
                    found = name_refs(base, lead)
                elif a.startswith("s:"):
                    out.add(a)
                    continue
                elif a.startswith(HELD):  # a checked reference: still checked while the container is no argument
                    head, _sep, inner = a.partition("\x1e")
                    still = memo.get(("k", head, False, None))
                    if still is None:
                        still = memo[("k", head, False, None)] = _may_be_arguments(
                            bind(held_parts(a)[0], binding, memo=memo))
                    if still:
                        prefix = held_if(still, "")
                        out |= {prefix + r for r in bind_one(inner, binding, lead, memo)}
                    continue
                elif a.startswith(OBJECT):  # an object's attribute: what it is made of, bound, kept there
                    attr, _eq, inner = a[2:].partition("=")
                    out |= tagged(attr, bind_one(inner, binding, lead, memo) if inner else NONE)
                    continue
                else:
                    base, dot, key = a[2:].partition(".")
                    found_or_none = memo.get(("r", base, lead, role))
                    if found_or_none is None:
                        bound = binding.get(base)
                        if bound is None:
                            continue
                        found_or_none = memo[("r", base, lead, role)] = resolve(bound, lead, role)
                    found = found_or_none
                out |= project(found, key) if dot else found
            return cap(frozenset(out))

        def bind_one(inner: Ref, binding: Mapping[str, Refs], lead: bool,
                     memo: dict[tuple[str, str, bool, str | None], Refs]) -> Refs:
            """bind(frozenset({inner}), binding, lead), once per `memo`."""
            found = memo.get(("i", inner, lead, None))
            if found is None:
                found = memo[("i", inner, lead, None)] = bind(frozenset({inner}), binding, lead, memo=memo)
            return found

        def building(s: Summary, b: Mapping[str, Refs], lb: Mapping[str, Refs], receiver: str,
                     lead: bool = False) -> Refs:
            """The object a constructor builds: each attribute it sets, bound to the call's arguments; its
            arguments (`o:*=`) for the attributes it does not set."""
            use = lb if lead else b
            out: set[str] = set()
            for attr, (refs, starts) in s.attrs.items():
                out |= tagged(attr, bind(starts if lead else refs, use, lead))
            if s.closed:
                return frozenset(out)
            for name, refs in use.items():
                found = resolve(refs, lead)
                if name != receiver and found:
                    out |= tagged(REST, found)
            return frozenset(out)


        # until a round changes nothing: a round is a function of env and results alone, so after a round
        # that changes nothing every other one would change nothing either (a value found again that is
        # part of one found before, as a cut one often is, changes nothing: ~1.4 s of excel-mcp-server's
        # 2.0 s here went to rounds after the last change)
        for _ in range(len(env) + len(results) + 2):
            self.rounds += 1
            changed = False
            for name, refs in flow.defs.items():
                new = resolve(refs) - {f"v:{name}"}
                if not new <= env[name]:
                    env[name] = new | env[name]
                    changed = True
            for cid, targets in callee.items():
                new = frozenset().union(*(bind(s.returns, b) for s, b, _l in targets)) if targets else NONE
                new_lead = frozenset().union(*(bind(s.returns_lead, lb, True) for s, _b, lb in targets)) \
                    if targets else NONE
                for s, b, lb, receiver in built.get(cid, ()):  # a constructor's result is the object it builds
                    new |= building(s, b, lb, receiver)
                    new_lead |= building(s, b, lb, receiver, True)
                if not (new <= results[cid] and new_lead <= results_lead[cid]):
                    results[cid] = new | results[cid]
                    results_lead[cid] = new_lead | results_lead[cid]
                    changed = True
            if not changed:
                break

        sinks: dict[SiteKey, tuple[Refs, Refs]] = {}
        guards: dict[str, Refs] = {}
        spans, validates, held = self._checks(flow, callee, resolve, bind)

        def checked(line: int, role: str) -> set[str]:
            return {a for r, atoms, first, last in spans if first <= line <= last
                    and r in GUARDED_BY.get(role, (role, "any")) for a in atoms} if spans and line else set()

        if spans and flow.assigned:
            # a local every assignment of which is made where a check covers what it is made of is checked
            # wherever it is read (`bare_id = bare(paper_id)` after `if not is_valid(paper_id): return`, read
            # again in an `except` handler); per role of the sinks
            for sink_role in ROLES:
                for name, assignments in flow.assigned.items():
                    covered = False
                    for line, refs in assignments:
                        parts = {a for a in resolve(refs) if a[0] in "p^"}
                        here = checked(line, sink_role) if parts else set()
                        if not all(a in here or any(a.startswith(c + ".") for c in here) for a in parts):
                            break
                        covered = covered or bool(parts)
                    else:
                        if covered:
                            checked_locals.setdefault(sink_role, set()).add(name)

        def hold(refs: Refs, line: int, role: str) -> Refs:
            """REFS with those a check against a parameter's allow-list covers on LINE marked `k:`."""
            found = [(atoms, container) for r, atoms, first, last, container in held if first <= line <= last
                     and r in GUARDED_BY.get(role, (role, "any"))] if held and line else []
            if not found:
                return refs
            out: set[str] = set()
            for ref in refs:
                by = next((c for atoms, c in found for a in atoms if ref == a or ref.startswith(a + ".")), None)
                out.add(ref if by is None else held_if(by, ref))
            return frozenset(out)

        def add_sink(key: SiteKey, refs: Refs, lead: Refs, line: int) -> None:
            cut = checked(line, key[2]) if key[2] not in FLOW_FACTS else set()
            if cut:
                refs, lead = _without(refs, cut), _without(lead, cut)
            if key[2] not in FLOW_FACTS:
                refs, lead = hold(refs, line, key[2]), hold(lead, line, key[2])
            if not refs and key[2] not in KEPT_EMPTY:
                return
            old = sinks.get(key)
            sinks[key] = (refs, lead) if old is None else (old[0] | refs, old[1] | lead)

        for site in flow.sinks:
            # a program or a host is the start of its argument: made of what starts the values it names
            slot_role = site.role if site.role not in FLOW_FACTS else None
            add_sink((site.path, site.line, site.role, site.column), resolve(site.refs, site.role in LEAD_ROLES, slot_role),
                     resolve(site.lead, True, slot_role), site.line)
        for role, refs in flow.guards:
            atoms = _guarding(resolve(refs))
            if atoms:
                guards[role] = guards.get(role, NONE) | atoms
        for cid, made in built.items():  # the constructor's own `self` is the object it builds
            callee[cid] = [*callee[cid], *((s, {**b, receiver: building(s, b, lb, receiver)},
                                            {**lb, receiver: building(s, b, lb, receiver, True)})
                                           for s, b, lb, receiver in made)]
        for cid, targets in callee.items():
            line = flow.calls[cid].line
            for s, b, lb in targets:
                # env, results and checked_locals are settled now: what `bind` finds for one binding holds
                # for every sink and guard of the callee (its memo is shared by all of them, computed once)
                memo_b: dict[tuple[str, str, bool, str | None], Refs] = {}
                memo_lb = memo_b if lb is b else {}
                for key, (refs, lead) in s.sinks.items():
                    # a program or a host is the start of its argument: it maps through what starts the arguments
                    starts = key[2] in LEAD_ROLES
                    slot_role = key[2] if key[2] not in FLOW_FACTS else None
                    add_sink(key, bind(refs, lb, True, slot_role, memo_lb) if starts
                             else bind(refs, b, False, slot_role, memo_b),
                             bind(lead, lb, True, slot_role, memo_lb), line)
                for role, refs in s.guards.items():
                    atoms = _guarding(bind(refs, b, memo=memo_b))
                    if atoms:
                        guards[role] = guards.get(role, NONE) | atoms
        attrs = {a: (resolve(refs), resolve(flow.attrs_lead.get(a, refs), True)) for a, refs in flow.attrs.items()}
        returns, returns_lead = resolve(flow.returns), resolve(flow.returns_lead, True)
        if flow.returned and (spans or held):  # a value returned where a check holds for every role is not made of it
            returns, returns_lead = NONE, NONE
            for line, refs, lead in flow.returned:
                # an allow-list, or an alphabet safe wherever a word can go (`isalnum()`, `[\w-]+`)
                cut = checked(line, "any") | set.intersection(*(checked(line, r) for r in ROLES_SAFE_WITH_WORDS))
                resolved = resolve(refs)
                returns |= hold(_without(resolved, cut), line, "any")
                returns_lead |= hold(_without(resolve(lead, True), cut), line, "any")
                # checked for some roles only (`^[a-z0-9_$]+$` is safe SQL, not a shell word; a name found in
                # a run-time registry): the value handed back is the checked one, so for those roles the
                # check holds wherever the callers use it, as a guard of the function; only for a value
                # returned as it was given (`return name`), not one made from it before the check held
                direct = bool(refs) and all(r[:2] == "p:" or r[:1] == "^" for r in refs)
                for role in {r for r, _a, first, last in spans if direct and first <= line <= last}:
                    kept = _guarding(frozenset(a for a in checked(line, role) if a in resolved or any(
                        r.startswith(a + ".") for r in resolved)))
                    if kept:
                        guards[role] = guards.get(role, NONE) | kept
        predicate = self._predicate(flow, spans, callee, resolve, bind) if flow.truths else {}
        return Summary(returns, returns_lead, sinks, guards, attrs, validates, predicate, flow.closed)

    @staticmethod
    def _predicate(
        flow: FunctionFlow,
        spans: list[tuple[str, Refs, int, int]],
        callee: Mapping[str, list[tuple[Summary, Mapping[str, Refs], Mapping[str, Refs]]]],
        resolve: Callable[[Iterable[Ref]], Refs],
        bind: Callable[[Refs, Mapping[str, Refs]], Refs],
    ) -> dict[str, Refs]:
        """What a predicate's true answer tells of its parameters, per role: what holds at every place
        it returns something true (the test it returns, or the checks holding on that line)."""
        each: list[dict[str, Refs]] = []
        for line, tests in flow.truths or ():
            held: dict[str, set[str]] = {}
            for role, atoms, first, last in spans:
                if first <= line <= last:
                    held.setdefault(role, set()).update(atoms)
            for ck in tests:
                if ck.unless:
                    continue  # (a parameter's allow-list: not read through a predicate)
                if ck.call is not None:
                    for s, b, _lb in callee.get(ck.call, ()):
                        held_by = s.predicate if ck.predicate else s.validates
                        for role, atoms in held_by.items():
                            held.setdefault(role, set()).update(bind(atoms, b))
                else:
                    held.setdefault(ck.role, set()).update(resolve(ck.refs))
            each.append({role: frozenset(a for a in atoms if a[0] in "p^") for role, atoms in held.items()})
        if not each:
            return {}
        out: dict[str, Refs] = {}
        for role in set().union(*each):
            common = frozenset.intersection(*(t.get(role, NONE) | t.get("any", NONE) for t in each))
            if common:
                out[role] = common
        return out

    @staticmethod
    def _checks(
        flow: FunctionFlow,
        callee: Mapping[str, list[tuple[Summary, Mapping[str, Refs], Mapping[str, Refs]]]],
        resolve: Callable[[Iterable[Ref]], Refs],
        bind: Callable[[Refs, Mapping[str, Refs]], Refs],
    ) -> tuple[list[tuple[str, Refs, int, int]], dict[str, Refs], list[tuple[str, Refs, int, int, Refs]]]:
        """The checks of a function as (role, atoms, first line, last line), what it validates
        for its callers, and the checks against a parameter's allow-list (with the container's atoms
        that may be tool arguments). Only parameters and closure names are checked away: a source (an
        environment variable, a file's contents) or an unknown value stays what it is."""
        spans: list[tuple[str, Refs, int, int]] = []
        validates: dict[str, Refs] = {}
        held: list[tuple[str, Refs, int, int, Refs]] = []
        for ck in flow.checks:
            found: list[tuple[str, Refs]] = []
            if ck.call is not None:
                for s, b, _lb in callee.get(ck.call, ()):
                    told = s.predicate if ck.predicate else s.validates
                    found += [(role, bind(atoms, b)) for role, atoms in told.items()]
            else:
                found.append((ck.role, resolve(ck.refs)))
            for role, atoms in found:
                kept = frozenset(a for a in atoms if a[0] in "p^")
                if not kept:
                    continue
                container = _may_be_arguments(resolve(ck.unless)) if ck.unless else NONE
                if container:
                    held.append((role, kept, ck.first, ck.last, container))
                    continue
                spans.append((role, kept, ck.first, ck.last))
                if ck.exits:
                    validates[role] = validates.get(role, NONE) | kept
        return spans, validates, held


def _without(refs: Refs, cut: set[str]) -> Refs:
    """REFS less the checked atoms and their members (`p:args.path` when `p:args` was checked)."""
    return frozenset(r for r in refs if r not in cut and not any(r.startswith(a + ".") for a in cut))


GUARDED_BY: Mapping[str, tuple[str, ...]] = {
    "path": ("path", "any"),
    "url": ("url", "any"),
    CONTENTS: (MEDIA,),
}
"""The guards that make a role safe; any other role: its own and "any" (`.get(role, (role, "any"))`)."""


# what a `name_of` answers for a tool's whole arguments object: every argument reaches the call as
# data (`data_from` `*`); it never names a parameter that chooses a slot (`controlled_by`)
ALL_ARGUMENTS = "*"


def tool_control(
    summaries: Iterable[Summary],
    name_of: Callable[[str], str | None],
    fixed: Iterable[str] = (),
) -> dict[Place, list[Control]]:
    """The tool parameters reaching each sink call (path, line, column) of a tool, from its roots' summaries.

    `name_of` maps a handler atom (`x`, `x.key`; the `p:` removed) to a tool parameter name, or None
    when the atom is no tool parameter (a context object, `self`). `fixed` names the parameters whose
    value the SDK holds to a list the package wrote (`enum_parameters`): they choose among the
    package's own values and control no slot (they still reach the call as data)."""
    fixed_names = set(fixed)
    sinks: dict[SiteKey, tuple[set[str], set[str]]] = {}
    guards: dict[str, set[str]] = {}

    def settle(refs: Iterable[Ref]) -> Refs:
        """`k:` references: checked (gone) unless a tool argument or an unknown value makes the container."""
        out: set[str] = set()
        for r in refs:
            if r[:2] == HELD:
                container, inner = held_parts(r)
                made = {_bare(c) for c in container}  # (a receiver's attribute is the package's own, as in the check)
                if names(made, whole=True) or UNKNOWN in made:
                    out |= settle((inner,))
            else:
                out.add(r)
        return frozenset(out)

    def names(atoms: Iterable[str], whole: bool = False) -> set[str]:
        out: set[str] = set()
        for a in atoms:
            if a.startswith("p:") or a.startswith("^@"):
                n = name_of(a[2:] if a.startswith("p:") else a[1:])
                if n is not None and (whole or n != ALL_ARGUMENTS):
                    out.add(n)
        return out

    def sources(atoms: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({a[2:] for a in atoms if a.startswith("s:") and a != UNKNOWN}))

    def opaque(atoms: Iterable[str]) -> bool:
        return any(a == UNKNOWN or ((a.startswith(("p:self.", "p:cls.")) or a.split(".", 1)[0].endswith("_-1"))
                                    and name_of(a[2:]) is None) for a in atoms)

    for s in summaries:
        for key, (refs, lead) in s.sinks.items():
            settled, settled_lead = untag(settle(refs)), untag(settle(lead))
            # a sink site of column 0 is one not told apart on its line (a semgrep hit, a frontend that
            # gives no columns): it sees every call of its line
            for k in (key, (key[0], key[1], key[2], 0)) if key[3] else (key,):
                acc = sinks.setdefault(k, (set(), set()))
                acc[0].update(settled)
                acc[1].update(settled_lead)
        for role, refs in s.guards.items():
            guards.setdefault(role, set()).update(untag(refs))

    guarded = {role: names(atoms) for role, atoms in guards.items()}
    control: dict[Place, list[Control]] = {}
    for (path, line, role, column), (reaching, leading) in sorted(sinks.items()):
        if role in FLOW_FACTS:  # a fact of flow, not of danger: guards do not cut it
            control.setdefault((path, line, column), []).append(
                Control(role, tuple(sorted(names(reaching, whole=True))), (), sources(reaching), opaque(reaching)))
            continue
        if role == CONTENTS:  # what is left once the media checks are cut, also nothing
            control.setdefault((path, line, column), []).append(Control(
                role, tuple(sorted(names(reaching) - guarded.get(MEDIA, set()))), (), sources(reaching),
                opaque(reaching)))
            continue
        cut: set[str] = set(fixed_names)
        for g in GUARDED_BY.get(role, (role, "any")):
            cut |= guarded.get(g, set())
        params = names(reaching) - cut
        found = sources(reaching)
        if params or found:
            control.setdefault((path, line, column), []).append(
                Control(role, tuple(sorted(params)), tuple(sorted(names(leading) & params)), found))
    return control


def enum_parameters(schema: Mapping[str, object] | None) -> frozenset[str]:
    """The properties of an input schema whose value is one of constant strings, numbers or booleans
    (`enum`, `const`; also optional: `anyOf` of those and `null`). Only meaningful where the SDK
    validates the arguments against the schema before the handler runs (zod shapes, pydantic
    annotations), never for a schema that is only listed (a low-level server's `inputSchema`)."""
    props = schema.get("properties") if isinstance(schema, Mapping) else None
    if not isinstance(props, Mapping):
        return frozenset()

    def one_of(node: object) -> bool:
        if not isinstance(node, Mapping):
            return False
        if "const" in node:
            return _scalar(node["const"])
        values = node.get("enum")
        if isinstance(values, list) and values:
            return all(_scalar(v) for v in values)
        options = node.get("anyOf") or node.get("oneOf")
        if isinstance(options, list) and options:
            return all(one_of(o) or (isinstance(o, Mapping) and o.get("type") == "null") for o in options) \
                and any(one_of(o) for o in options)
        return False
    return frozenset(str(k) for k, v in props.items() if one_of(v))


_PLAIN = re.compile(r"[\w .,:@+=/-]*")


def _scalar(v: object) -> bool:
    """A constant that is no command line or path of its own making (no shell characters, no `..`)."""
    if isinstance(v, str):
        return bool(_PLAIN.fullmatch(v)) and ".." not in v
    return v is None or isinstance(v, (int, float, bool))


def param_namer(schema: Mapping[str, object] | None) -> Callable[[str], str | None]:
    """Map handler atoms to tool parameter names: `x` -> `x`; `arguments.key` -> `key` when
    `arguments` is a low-level handler's argument dict; names not in
    the input schema (when it lists properties) and receivers (`self`, `cls`) are dropped."""
    props: set[str] | None = None
    if isinstance(schema, Mapping):
        raw = schema.get("properties")
        if isinstance(raw, Mapping) and raw:
            props = {str(k) for k in raw}

    def name_of(atom: str) -> str | None:
        base, dot, key = atom.partition(".")
        if props is not None:
            if base in props:
                return base
            if dot and key.split(".", 1)[0] in props:
                return key.split(".", 1)[0]
            return None
        if base in ("self", "cls", "ctx", "context", "this"):
            return None
        if dot and base in ("arguments", "args", "params", "input", "request", "req"):
            return key.split(".", 1)[0]
        return base
    return name_of
