from __future__ import annotations

import os
import signal
import time

import pytest

from mcpvet.cputime import OVERLOAD, CpuMeter
from mcpvet.isolate import WorkerFailure, close_idle_worker, cpu_limit_reason, map_isolated


def _square(x: int) -> int:
    return x * x


def _misbehave(x: str) -> str:
    if x == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    if x == "hang":
        time.sleep(60)
    if x == "spin":
        while True:
            pass
    if x == "raise":
        raise ValueError("bad input")
    if x == "memory":
        blob = bytearray(4 << 30)  # over the limit
        return str(len(blob))
    if x == "deep":
        import ast

        return str(ast.parse("(" * 3000 + ")" * 3000))
    return x.upper()


def test_results_in_order() -> None:
    assert [r for _, r in map_isolated(_square, range(5))] == [0, 1, 4, 9, 16]


@pytest.mark.timeout(300)  # a failure that stalled the pool would hang here: no timing is asserted
@pytest.mark.parametrize("in_flight", [1, 2, 4])
def test_failures_are_contained_and_work_goes_on(in_flight: int) -> None:
    items = ["a", "segv", "b", "c", "raise", "memory", "segv", "segv", "d"]
    got = list(map_isolated(_misbehave, items, timeout_s=1.0, memory_bytes=512 << 20, in_flight=in_flight,
                            backstop_factor=60.0))
    assert [i for i, _ in got] == items  # in order, each exactly once
    out = dict(got)
    assert out["a"] == "A" and out["b"] == "B" and out["c"] == "C" and out["d"] == "D"
    assert isinstance(out["segv"], WorkerFailure) and "SIGSEGV" in out["segv"].reason
    assert isinstance(out["raise"], WorkerFailure) and "bad input" in out["raise"].reason
    assert isinstance(out["memory"], WorkerFailure)


def test_a_worker_that_waits_is_stopped_by_the_backstop_and_reported_as_overload() -> None:
    """Sleeping uses no CPU time: only the wall-clock backstop (2x 1 s here) stops it, and the
    failure says it was the clock, not the item's CPU time."""
    [(_, hang)] = list(map_isolated(_misbehave, ["hang"], timeout_s=1.0, backstop_factor=2.0))
    assert isinstance(hang, WorkerFailure) and hang.overload and OVERLOAD in hang.reason
    assert dict(map_isolated(_misbehave, ["a"])) == {"a": "A"}  # a fresh worker serves the next call


def _echo_big(blob: bytes) -> bytes:
    return blob * 2


def test_large_items_and_results_do_not_deadlock() -> None:
    """A large item sent while the worker sends back a large result must not block both sides."""
    items = [bytes([i]) * (6 << 20) for i in range(4)]
    start = time.monotonic()
    got = list(map_isolated(_echo_big, items, timeout_s=30.0, memory_bytes=None))
    assert time.monotonic() - start < 30
    assert [len(r) for _, r in got] == [12 << 20] * 4  # type: ignore[arg-type]


def _pid(_item: int) -> int:
    return os.getpid()


def test_one_worker_serves_call_after_call_and_a_failure_replaces_it() -> None:
    """Nothing is started per stage: the worker of one call serves the next (same limit, its
    function's module loaded before the fork); a worker that failed is not kept."""
    close_idle_worker()
    first = {pid for _, pid in map_isolated(_pid, range(3))}
    second = {pid for _, pid in map_isolated(_pid, range(3))}
    assert len(first) == 1 and first == second and first != {os.getpid()}
    got = list(map_isolated(_misbehave, ["a", "raise", "segv", "b"], timeout_s=5.0))
    assert [type(r).__name__ for _, r in got] == ["str", "WorkerFailure", "WorkerFailure", "str"]
    third = {pid for _, pid in map_isolated(_pid, range(2))}
    assert len(third) == 1 and third != first  # the crashed worker was replaced, not kept
    other_limit = {pid for _, pid in map_isolated(_pid, range(2), memory_bytes=1 << 30)}
    assert other_limit != third  # another address-space limit: another worker
    close_idle_worker()


def test_a_kept_worker_holds_no_descriptor_of_the_parent() -> None:
    """A worker forked while another thread starts a subprocess must not keep that subprocess's
    pipes open (the parent would wait on them as long as the kept worker lives: semgrep's start
    hung until the worker ended)."""
    import select

    close_idle_worker()
    read_end, write_end = os.pipe()
    try:
        list(map_isolated(_pid, range(2)))  # forked now, with write_end open, and kept
        os.close(write_end)
        write_end = -1
        ready, _, _ = select.select([read_end], [], [], 10.0)
        assert ready and os.read(read_end, 1) == b""  # end of file: no copy of the write end is left
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
        close_idle_worker()



def _in_forked_child(conn) -> None:  # type: ignore[no-untyped-def]
    """What map_isolated gives in a process forked from one that keeps a worker (a batch worker)."""
    try:
        conn.send([r for _, r in map_isolated(_square, [2, 3])])
    except BaseException as exc:  # handed to the test
        conn.send(repr(exc))
    close_idle_worker()


def test_a_forked_process_starts_its_own_worker_instead_of_the_inherited_one() -> None:
    import multiprocessing

    assert [r for _, r in map_isolated(_pid, [0])] != []  # this process now keeps a worker
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_in_forked_child, args=(child,))
    proc.start()
    try:
        assert parent.poll(60) and parent.recv() == [4, 9]
    finally:
        proc.join(10)
        close_idle_worker()


@pytest.mark.timeout(300)
def test_an_item_is_stopped_by_its_cpu_time_not_the_clock() -> None:
    """A parser that computes without end is stopped by the CPU time it used (the kernel's
    RLIMIT_CPU), whatever the machine's load: the backstop (1000x) is never what stops it. The
    meter counts the CPU time of every item, the stopped one at its limit."""
    meter = CpuMeter()
    got = dict(map_isolated(_misbehave, ["a", "spin", "b"], timeout_s=1.0, backstop_factor=1000.0, meter=meter))
    assert got["a"] == "A" and got["b"] == "B"
    spin = got["spin"]
    assert isinstance(spin, WorkerFailure) and not spin.overload and spin.reason == cpu_limit_reason(1.0)
    assert meter.seconds >= 1.0


def _burn_a_little(x: int) -> int:
    end = time.process_time() + 0.05
    while time.process_time() < end:
        pass
    return x


def test_an_item_that_finished_over_its_cpu_limit_fails_as_if_stopped() -> None:
    """The limit is the item's CPU time, read by the worker: finishing before anyone looked does not
    make an item over its limit pass (on a quiet machine or a busy one alike)."""
    got = dict(map_isolated(_burn_a_little, [1], timeout_s=0.01, backstop_factor=1e6))
    assert got[1] == WorkerFailure(cpu_limit_reason(0.01))
