from __future__ import annotations

import os
import signal
import time

import pytest

from mcpvet.isolate import WorkerFailure, close_idle_worker, map_isolated


def _square(x: int) -> int:
    return x * x


def _misbehave(x: str) -> str:
    if x == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    if x == "hang":
        time.sleep(60)
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


@pytest.mark.parametrize("in_flight", [1, 2, 4])
def test_failures_are_contained_and_work_goes_on(in_flight: int) -> None:
    items = ["a", "segv", "b", "hang", "c", "raise", "memory", "segv", "segv", "d"]
    start = time.monotonic()
    got = list(map_isolated(_misbehave, items, timeout_s=1.0, memory_bytes=512 << 20, in_flight=in_flight))
    assert [i for i, _ in got] == items  # in order, each exactly once
    out = dict(got)
    assert time.monotonic() - start < 15
    assert out["a"] == "A" and out["b"] == "B" and out["c"] == "C" and out["d"] == "D"
    assert isinstance(out["segv"], WorkerFailure) and "SIGSEGV" in out["segv"].reason
    assert isinstance(out["hang"], WorkerFailure) and "timeout" in out["hang"].reason
    assert isinstance(out["raise"], WorkerFailure) and "bad input" in out["raise"].reason
    assert isinstance(out["memory"], WorkerFailure)


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
