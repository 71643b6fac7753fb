"""Compact, picklable facts extracted from one JavaScript/TypeScript file.

Values are kept as the typed expression IR of `mcpvet.frontends.javascript.ir` (frozen, slotted
dataclasses; the node kinds are documented in that module's docstring), so that a worker process
can extract them and the main process can evaluate them across modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mcpvet.frontends.javascript.ir import Expr

IR = Expr  # the former name of the expression type


@dataclass
class CallFact:
    callee: IR
    args: tuple[IR, ...]
    line: int
    column: int
    text: str  # the callee as written (shortened), for unresolved-call reports
    is_new: bool = False


@dataclass
class FunctionFacts:
    fid: str
    name: str  # qualified name inside the file, e.g. "Server.handle" or "<module>"
    path: str
    line: int
    end_line: int
    parent: str | None
    kind: str  # "module" | "function" | "method" | "branch"
    cls: str | None = None  # class id when a method
    # the 1-based columns (bytes) where it starts on `line` and ends on `end_line`; 0: the whole line (the
    # module). A minified bundle's functions share one line: a hit placed by its column finds its own
    column: int = 0
    end_column: int = 0
    params: tuple[str, ...] = ()
    bindings: dict[str, IR] = field(default_factory=dict)
    calls: list[CallFact] = field(default_factory=list)
    anon_children: list[str] = field(default_factory=list)
    # (branch fid, key, group): key a string literal, or the IR of a named constant (`ToolName.ECHO`)
    branches: list[tuple[str, Any, str]] = field(default_factory=list)
    returns: list[IR] = field(default_factory=list)
    # a body made of declarations, `if (C) … return A` and a last `return B`: the value it returns with
    # its conditions (`Either(A, B, test=C)`), for the evaluator to choose by them; None otherwise
    result: IR | None = None
    direct_sinks: list[tuple[int, int, str, str, str]] = field(default_factory=list)  # line, col, kind, sink, snippet
    # `for (const x of ITEMS)`: x is bound to Param(loop_key, 0); tools expand ITEMS per element
    loops: list[tuple[str, IR]] = field(default_factory=list)
    # what the code of this function (or branch) itself shows, for `shapes.py` (line first):
    #   ("text", line, IR)       a `text: …` property (also `{ text }`)
    #   ("return", line, IR)     a returned value
    #   ("loop", line, header, exits, spawn, grows)  `while (true) {…}` / `for (;;) {…}`: whether the
    #                            body can leave (break/return/throw), the first callee that spawns
    #                            (spawn, fork, exec…, `new Worker`) or None, whether it grows (push, +=)
    #   ("count", line, bound, spawn)  `for (let i = 0; i < bound; …) {…}` whose body spawns
    #   ("cmp", line, names)     the names a comparison (<, >, <=, >=, >>) outside a for header compares
    #                            (not a sign test against 0 or 1, nor one gated by `&&` with another condition)
    shapes: list[tuple[Any, ...]] = field(default_factory=list)
    # guards that hold on a range of lines (`checks.py`): (kind, checked IR, extra, first line, last line,
    # holds until the function returns, callee IR of the failing call that must throw or None,
    # (line, column) of a validator call made as a statement or None, the names read by each early
    # `if (C) return;` before a check of the body, `checks.Found.early`); kind "any", "path", "regex", "call"
    checks: list[tuple[Any, ...]] = field(default_factory=list)
    throws: bool = False  # every path of the function throws (`fail(msg)` that only throws)
    # `this.X = value` written in this function (its branches' too), in order: a constructor's are what the
    # object it builds keeps (`FunctionFlow.attrs`)
    kept: list[tuple[str, Expr]] = field(default_factory=list)


@dataclass
class ClassFacts:
    cid: str
    name: str
    path: str
    line: int
    superclass: IR | None
    methods: dict[str, str] = field(default_factory=dict)  # name -> fid
    fields: dict[str, IR] = field(default_factory=dict)


@dataclass
class ModuleFacts:
    path: str
    language: str
    lines: int
    module_fid: str
    functions: dict[str, FunctionFacts] = field(default_factory=dict)
    classes: dict[str, ClassFacts] = field(default_factory=dict)
    esm_exports: dict[str, IR] = field(default_factory=dict)
    star_exports: list[str] = field(default_factory=list)
    cjs_exports: IR | None = None  # module.exports = X
    cjs_named: dict[str, IR] = field(default_factory=dict)  # exports.x = X
    member_assigns: list[tuple[IR, str, IR]] = field(default_factory=list)  # obj.prop = value
    syntax_error_lines: list[int] = field(default_factory=list)
    skipped_lines: list[tuple[int, int]] = field(default_factory=list)  # blanked by parse-error recovery
    recovery_gave_up_at: int | None = None  # later top-level code may be missing after this line
    truncated: bool = False  # nesting too deep: inner code skipped
    env_reads: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)  # line, EnvShape value, keys
    nodes: int = 0
