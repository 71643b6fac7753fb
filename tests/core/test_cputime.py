"""CPU-time limits with a wall-clock backstop (`mcpvet.cputime`), tested with counters for clocks:
what a limit decides depends on the CPU time used, never on how long the machine took."""

from __future__ import annotations

import os
import time

from mcpvet.cputime import OVERLOAD, CpuBudget, CpuMeter, overload_message, process_tree_cpu_s


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_slow_machine_does_not_cut_work_that_is_within_its_cpu_time() -> None:
    cpu, wall = Clock(), Clock()
    budget = CpuBudget(10.0, cpu, backstop_factor=10.0, wall_clock=wall)
    wall.now, cpu.now = 95.0, 9.0  # nine times slower than a quiet machine, still within 10 CPU seconds
    assert budget.state() == "ok" and budget.used() == 9.0
    cpu.now = 10.0
    assert budget.state() == "cpu"  # the CPU limit, at the same work on any machine


def test_the_backstop_stops_what_uses_no_cpu_time_and_is_told_apart() -> None:
    cpu, wall = Clock(), Clock()
    cpu.now, wall.now = 100.0, 1000.0  # the readings at the start are the zero
    budget = CpuBudget(2.0, cpu, backstop_factor=10.0, wall_clock=wall)
    wall.now = 1019.0
    assert budget.state() == "ok" and budget.wait_s(5.0) == 1.0  # the next look no later than the backstop
    wall.now = 1020.5
    assert budget.state() == "wall"
    cpu.now = 102.5
    assert budget.state() == "cpu"  # the CPU limit wins when both are past: the work was too much


def test_without_a_cpu_clock_the_limit_is_counted_in_wall_clock_time() -> None:
    wall = Clock()
    budget = CpuBudget(2.0, lambda: None, wall_clock=wall)
    wall.now = 1.5
    assert budget.used() is None and budget.state() == "ok" and budget.wait_s(5.0) == 0.5
    wall.now = 2.0
    assert budget.state() == "cpu"


def test_a_zero_budget_is_used_up_at_once() -> None:
    assert CpuBudget(0.0, Clock(), wall_clock=Clock()).state() == "cpu"


def test_a_meter_adds_up_cpu_seconds_never_subtracts() -> None:
    meter = CpuMeter()
    meter.add(1.5)
    meter.add(-3.0)
    meter.add(0.25)
    assert meter.seconds == 1.75
    budget = CpuBudget(2.0, lambda: meter.seconds, wall_clock=Clock())
    meter.add(0.25)
    assert budget.state() == "ok"  # counted from the reading at the start: 0.25 of 2 s
    meter.add(2.0)
    assert budget.state() == "cpu"


def test_the_overload_message_says_it_is_the_machine() -> None:
    text = overload_message("parsing this file", 20.0, 10.0)
    assert text.startswith(OVERLOAD) and "200 s of wall-clock time" in text and "CPU time limit of 20 s" in text


def test_cpu_time_of_a_process_tree_is_read_from_proc() -> None:
    start = process_tree_cpu_s(os.getpid())
    if start is None:  # no /proc on this system: the limits fall back to wall-clock time
        return
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    after = process_tree_cpu_s(os.getpid())
    assert after is not None and after - start >= 0.25  # clock ticks: 10 ms
    assert process_tree_cpu_s(2 ** 22 + 12345) is None  # no such process
