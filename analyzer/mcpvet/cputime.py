"""Time limits that do not depend on the machine's load: CPU seconds, with a wall-clock backstop.

A limit in wall-clock seconds gives a busy machine (a parallel batch, CI, other jobs) a smaller
result than a quiet one: the same work takes longer and is cut. mcpvet's time limits count CPU
time instead: the CPU seconds of the process doing the work (a parser worker: `isolate`; semgrep
and its children: `semgrep.runner`; a batch worker and every process it started: `batch.pool`;
the frontends' own analysis: `analysis.budgets.analysis_clock`). A process that waits without
using CPU (stopped, starved, or blocked on something that never answers) is caught by a
wall-clock backstop, `BACKSTOP_FACTOR` times the CPU limit, and reported apart from every
coverage budget: an errors[] entry of stage `OVERLOAD_STAGE` whose message starts with
`OVERLOAD`. The backstop is the last resort, never what decides a result on a working machine.

`CpuBudget` takes its clocks as arguments, so the budget logic is tested with counters instead
of a loaded machine. Imports nothing of mcpvet.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

BACKSTOP_FACTOR = 10.0  # wall-clock backstop = this many times the CPU limit
OVERLOAD_STAGE = "overload"  # the errors[] stage of a backstop hit (never "budget")
OVERLOAD = "wall-clock backstop hit: machine overloaded"

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

State = Literal["ok", "cpu", "wall"]


def overload_message(what: str, cpu_s: float, factor: float = BACKSTOP_FACTOR) -> str:
    """The errors[] text of a backstop hit: `what` had used less than its CPU limit of `cpu_s`
    seconds when `factor` times that much wall-clock time had passed."""
    return (f"{OVERLOAD}: {what} had not finished after {cpu_s * factor:g} s of wall-clock time ({factor:g}x its "
            f"CPU time limit of {cpu_s:g} s) and was stopped: the machine was too busy to run it, or it was "
            "waiting without computing; not a limit of the analysis, a rerun on a less busy machine may differ")


@dataclass
class CpuMeter:
    """CPU seconds used by work done elsewhere (parser workers), added up as their answers arrive."""

    seconds: float = 0.0

    def add(self, seconds: float) -> None:
        self.seconds += max(0.0, seconds)


@dataclass
class CpuBudget:
    """At most `cpu_s` CPU seconds as read by `cpu_clock` (from the first reading), and at most
    `backstop_factor * cpu_s` wall-clock seconds as read by `wall_clock`. A `cpu_clock` that gives
    None cannot be read on this system (no /proc): the CPU limit is then counted in wall-clock
    seconds, as a plain time-out would."""

    cpu_s: float
    cpu_clock: Callable[[], float | None]
    backstop_factor: float = BACKSTOP_FACTOR
    wall_clock: Callable[[], float] = time.monotonic
    _cpu0: float | None = field(init=False, default=None)
    _wall0: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self._cpu0 = self.cpu_clock()
        self._wall0 = self.wall_clock()

    @property
    def wall_s(self) -> float:
        return self.cpu_s * self.backstop_factor

    def used(self) -> float | None:
        """CPU seconds used since the start, or None when the CPU clock cannot be read."""
        now = self.cpu_clock()
        return None if now is None or self._cpu0 is None else max(0.0, now - self._cpu0)

    def elapsed(self) -> float:
        return self.wall_clock() - self._wall0

    def state(self) -> State:
        """"cpu" once the CPU limit is used up, "wall" once the backstop has passed, else "ok"."""
        used = self.used()
        elapsed = self.elapsed()
        if used is None:
            used = elapsed
        if used >= self.cpu_s:
            return "cpu"
        if elapsed > self.wall_s:
            return "wall"
        return "ok"

    def wait_s(self, tick: float) -> float:
        """How long to wait before the next look: `tick`, or less when the backstop is nearer."""
        left = self.wall_s - self.elapsed()
        if self.used() is None:
            left = min(left, self.cpu_s - self.elapsed())
        return max(0.0, min(tick, left))


def _stat_fields(pid: int) -> list[bytes] | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    return raw[raw.rfind(b")") + 2:].split()


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                out += [int(k) for k in fh.read().split()]
        except (OSError, ValueError):
            continue
    return out


def process_tree_cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) of process `pid`, the children it has waited for, and its live
    descendants; None when /proc cannot tell (not Linux, or the process is gone)."""
    own = _stat_fields(pid)
    if own is None:
        return None
    try:
        total = sum(int(f) for f in own[11:15]) / _TICKS  # utime, stime, cutime, cstime
    except (IndexError, ValueError):
        return None
    todo = _children(pid)
    seen: set[int] = set()
    while todo:
        child = todo.pop()
        if child in seen:
            continue
        seen.add(child)
        fields = _stat_fields(child)
        if fields is not None:
            try:
                total += sum(int(f) for f in fields[11:15]) / _TICKS
            except (IndexError, ValueError):
                pass
        todo += _children(child)
    return total
