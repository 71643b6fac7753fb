"""Every analysis budget in one place, each with the reason for its value, and the record of cuts.

A budget bounds work that would otherwise grow without limit on hostile or merely huge input
(a bundle with thousands of call sites, a tool factory called in a loop, recursive helpers). A
budget is allowed to cut coverage, never to cut it silently: whoever stops because of a budget
calls `BudgetCuts.cut(...)`, and the cuts become `errors[]` entries naming the budget, what was
cut and, where known, the tool whose analysis is incomplete.

The frontends read their budgets from `InspectOptions.limits.budgets` (one `Budgets` object per
run); the module-level constants some frontends still keep are defaults taken from here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields

from mcpvet.model import AnalysisError

STAGE = "budget"
MAX_CUTS_LISTED = 50  # cuts beyond this are counted in one summary entry


@dataclass(frozen=True)
class Budgets:
    """The budgets of one analysis. Field docs are the reasons for the values (kept in sync by a test)."""

    # -- shared by the frontends and the analysis core
    evidence_per_kind: int = 5
    """Evidence items shown per capability kind of a tool: the shortest call paths; more only repeats the point."""
    unresolved_per_tool: int = 100
    """Unresolved calls listed per tool: enough to see the pattern; the count is still reported."""
    behaviour_per_kind: int = 10
    """Package behaviour (module/start-up/unattributed) items kept per kind and context."""

    frontend_seconds: int = 60
    """Seconds one frontend may spend on a package: typical packages take well under 10 s; a package
    that takes longer (a vendored SDK, huge generated tables) is cut rather than left to run for many
    minutes and gigabytes, and the tools and modules not finished are named. CPU seconds, so that a
    busy machine gets the same result later, not a smaller one: the analysis counts the CPU time of
    the thread running it (`analysis_clock`), the JavaScript parse counts its workers' CPU time (up
    to as much again; each file also has its own CPU limit, `parse_timeout_s`), and only a parse
    still unfinished after `backstop_factor` times this in wall-clock time is stopped by the clock
    (reported as an overload, not as this budget)."""

    taint_functions: int = 20_000
    """Functions whose data flow (tool arguments to sink arguments) is summarised per package: typical
    servers need a few hundred; past it controlled_by may miss parameters, and errors[] says so."""

    # -- Python frontend
    py_eval_depth: int = 80
    """Nested evaluations (calls inside calls) before a value is Unknown: deeper chains are recursion in practice."""
    py_loop_unroll: int = 256
    """Iterations of a literal loop unrolled to find tools registered in it (tool factories over lists)."""
    py_value_set: int = 64
    """Alternatives a value may have before it collapses to Unknown (branches multiply them)."""
    py_memo_entries: int = 2_000_000
    """Evaluations the Python evaluator remembers (about 500 bytes each, so about 1 GB): typical packages
    stay under 200,000; past it the frontend stops as when out of time, and names what was not finished."""
    py_context_depth: int = 4
    """Depth of call-graph nodes specialised for constant arguments (low-level dispatchers per tool name)."""

    # -- JavaScript/TypeScript frontend
    js_call_sites: int = 20
    """Call sites of one function used to bind its parameters (helpers called from hundreds of places)."""
    js_environments: int = 60
    """Parameter environments kept per function after combining call sites."""
    js_eval_depth: int = 48
    """Nested evaluations in the JS value model before a value is unknown."""
    js_eval_steps: int = 4000
    """Evaluation steps per value query: recursive helpers in bundles would otherwise explode."""
    js_instances: int = 200
    """Server instances and registration calls followed per package."""

    @classmethod
    def reasons(cls) -> dict[str, str]:
        """Each budget's reason, from the field docs (read from this module's source)."""
        import ast
        import inspect

        source = inspect.getsource(cls)
        body = ast.parse(source).body[0]
        assert isinstance(body, ast.ClassDef)
        out: dict[str, str] = {}
        last: str | None = None
        for node in body.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                last = node.target.id
            elif (last is not None and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                  and isinstance(node.value.value, str)):
                out[last] = " ".join(node.value.value.split())
                last = None
        return out

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


# the budgets' names, read once: cuts are recorded often (hundreds of thousands in a large bundle)
_NAMES = frozenset(Budgets.names())


@dataclass
class BudgetCuts:
    """What budgets cut in one analysis; turned into errors[] entries at the end."""

    cuts: dict[tuple[str, str, str | None, str | None], int] = field(default_factory=dict)

    def cut(self, budget: str, what: str, *, tool: str | None = None, path: str | None = None,
            times: int = 1) -> None:
        """Record that `budget` stopped work: `what` was not fully analysed (for `tool`, in `path`),
        `times` times."""
        if budget not in _NAMES:
            raise ValueError(f"unknown budget {budget!r}")
        key = (budget, what, tool, path)
        self.cuts[key] = self.cuts.get(key, 0) + times

    def errors(self, budgets: Budgets) -> list[AnalysisError]:
        out: list[AnalysisError] = []
        for n, ((budget, what, tool, path), times) in enumerate(sorted(self.cuts.items(), key=lambda kv: (
                kv[0][2] or "", kv[0][0], kv[0][3] or "", kv[0][1]))):
            if n == MAX_CUTS_LISTED:
                rest = len(self.cuts) - MAX_CUTS_LISTED
                out.append(AnalysisError(STAGE, f"… and {rest} more places where a budget cut the analysis"))
                break
            who = f"tool {tool!r}: " if tool else ""
            again = f" ({times} times)" if times > 1 else ""
            out.append(AnalysisError(
                STAGE, f"{who}{what}{again}: the {budget} budget ({getattr(budgets, budget)}) was reached, so "
                       "what lies beyond it was not analysed", path))
        return out

    def __bool__(self) -> bool:
        return bool(self.cuts)


def analysis_clock() -> float:
    """The clock of the frontend_seconds budget: CPU seconds of the calling thread. Wall-clock time
    would make results depend on the machine's load (other processes slowing the analysis down would
    cut it short), and the analysis must be deterministic; the process's CPU time would count the
    threads beside the analysis (provenance look-ups, the thread waiting on semgrep) as well."""
    return time.thread_time()
