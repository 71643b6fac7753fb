"""The local pool: a target that hangs, eats memory or kills its worker is a row with its error;
the others are done, by workers that live for many targets."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest

from mcpvet.batch import work
from mcpvet.batch.pool import Limits, LocalPool, over_limits
from mcpvet.batch.targets import Item
from mcpvet.cputime import OVERLOAD
from mcpvet.options import InspectOptions


def _fake(spec: str, options: InspectOptions) -> dict[str, Any]:
    if spec == "hang":
        time.sleep(60)
    if spec == "spin":
        while True:
            pass
    if spec == "hog":
        blocks = []
        for _ in range(96):  # 1.5 GiB at most; the 400 MiB limit is met long before the time limit
            blocks.append(bytearray(16 << 20))  # touched: resident
            time.sleep(0.005)
        time.sleep(60)  # held until the pool kills it
    if spec == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if spec == "raise":
        raise SystemExit("a bug that exits")
    return {"card": {"target": {"name": spec}}, "failed": False, "pid": os.getpid()}


def test_limits_and_crashes_cost_one_target(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(work, "analyse_target", _fake)
    specs = ["a", "hang", "b", "hog", "c", "segfault", "d", "raise", "e"]
    start = time.monotonic()
    # the backstop at 1x: a target that sleeps uses no CPU time, only the wall-clock backstop stops it
    pool = LocalPool(2, InspectOptions(), Limits(timeout_s=5.0, memory_mb=400, backstop_factor=1.0), poll_s=0.05)
    got = {item.spec: result for item, result in pool.run(Item(s, s) for s in specs)}
    assert set(got) == set(specs) and time.monotonic() - start < 30
    assert OVERLOAD in got["hang"]["error"] and "CPU time (--timeout)" not in got["hang"]["error"]
    assert "more than 400 MiB" in got["hog"]["error"]
    assert "SIGSEGV" in got["segfault"]["error"]
    assert "a bug that exits" in got["raise"]["error"]
    ok = [got[s] for s in "abcde"]
    assert all(r["failed"] is False and r["max_rss_mb"] > 0 for r in ok)
    assert len({r["pid"] for r in ok}) < len(ok), "a worker serves more than one target"


@pytest.mark.timeout(300)
def test_the_time_limit_is_cpu_time_of_the_target(monkeypatch: pytest.MonkeyPatch) -> None:
    """A target that computes without end is stopped by its CPU time, however busy the machine:
    the backstop (1000x) is never what stops it."""
    monkeypatch.setattr(work, "analyse_target", _fake)
    pool = LocalPool(1, InspectOptions(), Limits(timeout_s=1.0, backstop_factor=1000.0), poll_s=0.05)
    [(_, result)] = list(pool.run([Item("spin", "spin")]))
    assert "more than 1 s of CPU time (--timeout)" in result["error"] and OVERLOAD not in result["error"]
    assert result["timings"]["cpu"] >= 1.0


def test_which_limit_kills_a_target_is_decided_by_its_cpu_time_not_the_clock() -> None:
    limits = Limits(timeout_s=10.0, memory_mb=100, backstop_factor=10.0)
    assert over_limits(limits, 50, cpu_s=9.9, wall_s=99.0) is None  # a slow machine: 10x the wall time, still fine
    assert "of CPU time (--timeout)" in str(over_limits(limits, 50, cpu_s=10.1, wall_s=10.2))
    backstop = str(over_limits(limits, 50, cpu_s=2.0, wall_s=100.5))
    assert backstop.startswith(f"killed: {OVERLOAD}") and "--timeout" in backstop
    assert "MiB" in str(over_limits(limits, 101, cpu_s=0.0, wall_s=0.0))  # memory first


_BURN = "import time\nwhile time.process_time() < 0.4:\n    pass\n"


def _burner(spec: str, options: InspectOptions) -> dict[str, Any]:
    """Work done in other processes: one waited for, one still alive (a kept parser worker)."""
    import subprocess
    import sys

    if spec == "waited":
        subprocess.run([sys.executable, "-c", _BURN], check=True)
        return {"card": {}, "failed": False, "timings": {"fetch": 0.5}}
    kept = subprocess.Popen([sys.executable, "-c", _BURN + "print('done', flush=True)\ntime.sleep(60)\n"],
                            stdout=subprocess.PIPE, text=True)
    assert kept.stdout is not None and kept.stdout.readline().strip() == "done"
    return {"card": {}, "failed": False, "kept": kept.pid}


def test_a_targets_cpu_time_counts_the_processes_it_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(work, "analyse_target", _burner)
    pool = LocalPool(1, InspectOptions(), Limits(timeout_s=120.0))
    got = {item.spec: result for item, result in pool.run(Item(s, s) for s in ("waited", "alive"))}
    try:
        assert got["waited"]["timings"]["fetch"] == 0.5  # the target's own timings are kept
        assert got["waited"]["timings"]["cpu"] >= 0.4
        assert got["alive"]["timings"]["cpu"] >= 0.35  # /proc counts in clock ticks
    finally:
        os.kill(got["alive"]["kept"], signal.SIGKILL)


def _burn_then_hang(spec: str, options: InspectOptions) -> dict[str, Any]:
    while time.process_time() < 0.3:
        pass
    time.sleep(120)
    return {}


def test_a_killed_targets_cpu_time_is_what_it_used_before_the_kill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(work, "analyse_target", _burn_then_hang)
    pool = LocalPool(1, InspectOptions(), Limits(timeout_s=15.0, backstop_factor=1.0), poll_s=0.1)
    [(_, result)] = list(pool.run([Item("slow", "slow")]))
    assert OVERLOAD in result["error"]
    assert 0.25 <= result["timings"]["cpu"] < 15.0  # /proc counts in clock ticks
