"""One batch run: listing → items → executor → store, with progress and a summary.

The listing is consumed lazily (a registry of any size streams); each item is written to the
store as soon as it is known (unsupported, skipped, malformed) or done (analysed, failed). Items
already done by the same analyser version are not redone unless `rescan`. Ctrl-C ends the run
cleanly: what is done stays, the summary says how to resume.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from mcpvet import __version__
from mcpvet.batch.listing import Problem
from mcpvet.batch.store import Store
from mcpvet.batch.targets import ANALYSED, FAILED, PENDING, SKIPPED, UNSUPPORTED, Alias, Item
from mcpvet.model import Severity


class Executor(Protocol):
    name: str
    jobs: int

    def run(self, items: Iterable[Item]) -> Iterator[tuple[Item, dict[str, Any]]]: ...


@dataclass
class Summary:
    run_id: int
    counts: dict[str, int] = field(default_factory=lambda: {ANALYSED: 0, FAILED: 0, UNSUPPORTED: 0, SKIPPED: 0})
    reused: int = 0  # done by an earlier run, not redone
    listed: int = 0
    failing: list[str] = field(default_factory=list)  # keys with a finding at or above --fail-on
    problems: list[Problem] = field(default_factory=list)
    stopped: str | None = None  # the listing ended early: why
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.counts[ANALYSED] + self.counts[FAILED]

    def rate_per_hour(self) -> float:
        return self.done / self.seconds * 3600 if self.seconds > 0 else 0.0


Listener = Callable[[Summary, Item | None], None]


def _quiet(summary: Summary, item: Item | None) -> None:
    pass


def _at_or_above(result: dict[str, Any], floor: Severity | None) -> bool:
    if floor is None:
        return False
    card = result.get("card") or {}
    severities = [f.get("severity") for f in card.get("findings", [])] if not result.get("failed") else []
    return any(s in Severity._value2member_map_ and Severity(s) >= floor for s in severities)


def _stored_at_or_above(store: Store, key: str, floor: Severity | None) -> bool:
    if floor is None:
        return False
    levels = [s.value for s in Severity if s >= floor]
    rows = store.query(f"SELECT 1 FROM findings f JOIN targets t ON t.key = f.target_key WHERE f.target_key = ? "
                       f"AND t.status = '{ANALYSED}' AND f.severity IN ({','.join('?' * len(levels))}) LIMIT 1",
                       key, *levels)
    return bool(rows)


def _severe(findings: list[dict[str, Any]], floor: Severity | None) -> bool:
    return floor is not None and any(Severity(f["severity"]) >= floor for f in findings)


def run_batch(source: Iterable[Item | Alias | Problem], store: Store, executor: Executor, *, source_label: str,
              rescan: bool = False, fail_floor: Severity | None = Severity.HIGH,
              listener: Listener = _quiet) -> Summary:
    """Run every item of `source` through `executor` into `store`. Never raises for a target."""
    start = time.monotonic()
    run_id = store.begin_run(__version__, source_label, executor.jobs, executor.name)
    summary = Summary(run_id)
    done_before = set() if rescan else store.done_keys(__version__)
    positions: dict[str, int] = {}
    seen_keys: set[str] = set()
    recorded: set[str] = set()

    def flag(key: str, findings: list[dict[str, Any]]) -> None:
        if _severe(findings, fail_floor) and key not in summary.failing:
            summary.failing.append(key)

    def note(item: Item, status: str) -> None:
        summary.counts[status] += 1
        summary.seconds = time.monotonic() - start
        listener(summary, item)

    def pending() -> Iterator[Item]:
        for n, got in enumerate(source):
            if isinstance(got, Alias):
                summary.listed += 1
                if got.item.key in recorded:  # else its servers are written with it
                    flag(got.item.key, store.add_server(got.item.key, got.server))
                continue
            if isinstance(got, Problem):
                if got.fatal:
                    summary.stopped = f"{got.origin}: {got.message}"
                    summary.problems.append(got)
                    store.add_problem(run_id, got.origin, got.message, True)
                    listener(summary, None)
                    continue
                got = Item(f"entry:{got.origin}", None, UNSUPPORTED, f"malformed entry: {got.message}")
            summary.listed += 1
            if got.key in seen_keys:  # the same non-target twice in one listing: once is enough
                continue
            seen_keys.add(got.key)
            positions[got.key] = n
            if got.status != PENDING:
                store.record(run_id, n, got, __version__)
                recorded.add(got.key)
                note(got, got.status)
            elif got.key in done_before:
                flag(got.key, store.set_position(got.key, n, got.servers))
                recorded.add(got.key)
                summary.reused += 1
                if _stored_at_or_above(store, got.key, fail_floor):
                    flag(got.key, [{"severity": fail_floor.value}] if fail_floor else [])
                listener(summary, got)
            else:
                yield got

    try:
        for item, result in executor.run(pending()):
            owned = store.record(run_id, positions[item.key], item, __version__, result)
            recorded.add(item.key)
            failed = bool(result.get("failed")) or result.get("card") is None
            flag(item.key, owned)
            if not failed and _at_or_above(result, fail_floor):
                flag(item.key, [{"severity": fail_floor.value}] if fail_floor else [])
            note(item, FAILED if failed else ANALYSED)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.monotonic() - start
    status = "interrupted" if summary.interrupted else "stopped" if summary.stopped else "finished"
    store.finish_run(run_id, status, summary.stopped)
    return summary


class RichProgress:
    """done, failed, unsupported, rate and ETA on stderr (a terminal, or MCPVET_PROGRESS=1)."""

    def __init__(self, enabled: bool, total: int | None = None) -> None:
        self.enabled = enabled
        self.total = total
        self.progress: Any = None
        self.task: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(BarColumn(bar_width=20), TextColumn("{task.fields[line]}"),
                                     TimeElapsedColumn(), console=Console(stderr=True), transient=False,
                                     refresh_per_second=4)
            self.task = self.progress.add_task("batch", total=total, line="listing…")
            self.progress.start()

    @classmethod
    def for_run(cls, quiet: bool, total: int | None = None) -> RichProgress:
        setting = os.environ.get("MCPVET_PROGRESS", "")
        enabled = setting == "1" or (setting != "0" and sys.stderr.isatty())
        return cls(enabled and not quiet, total)

    def __call__(self, summary: Summary, item: Item | None) -> None:
        if not self.enabled:
            return
        c = summary.counts
        rate = summary.rate_per_hour()
        handled = summary.done + c[UNSUPPORTED] + c[SKIPPED] + summary.reused
        eta = ""
        if self.total and summary.done and rate:
            left = max(0, self.total - handled)
            eta = f" ETA {left / rate * 3600:,.0f}s"
        line = (f"done {c[ANALYSED]} · failed {c[FAILED]} · unsupported {c[UNSUPPORTED]} · skipped {c[SKIPPED]} · "
                f"reused {summary.reused} · {rate:,.0f}/h{eta}")
        self.progress.update(self.task, completed=handled, line=line)

    def stop(self) -> None:
        if self.enabled:
            self.progress.stop()
