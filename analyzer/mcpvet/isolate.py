"""Run untrusted-input work (parsing target source) in a killable worker process.

A parser fed hostile input can crash the whole process (libcst 1.9 aborts at ~3,000 nested
parentheses), stall for a long time, or eat memory. `map_isolated` runs `fn(item)` for each item
in a forked worker with an address-space limit and a per-item timeout. When the worker dies or
overruns, that item yields a `WorkerFailure` and a fresh worker continues with the next items, so
one bad file costs one `errors[]` entry, never the analysis.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import resource
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_CTX = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class WorkerFailure:
    """Why an item produced no result: "timeout", "crashed (…)", "out of memory", or an exception."""

    reason: str


def _current_vm_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _worker(fn: Callable[[Any], Any], conn: Connection, memory_bytes: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    faulthandler.disable()  # a crash here is expected and reported by the parent
    if memory_bytes:
        limit = _current_vm_bytes() + memory_bytes
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        index, item = message
        try:
            result = fn(item)
            payload: tuple[str, int, Any] = ("ok", index, result)
        except MemoryError:
            payload = ("fail", index, "out of memory")
        except RecursionError:
            payload = ("fail", index, "recursion limit exceeded")
        except Exception as exc:  # the item's own failure, reported as data to the parent
            tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
            payload = ("fail", index, f"{type(exc).__name__}: {tb}")
        try:
            conn.send(payload)
        except Exception as exc:  # unpicklable result
            conn.send(("fail", index, f"result could not be sent: {exc}"))


class _Worker:
    def __init__(self, fn: Callable[[Any], Any], memory_bytes: int | None) -> None:
        parent, child = _CTX.Pipe(duplex=True)
        self.conn = parent
        self.proc = _CTX.Process(target=_worker, args=(fn, child, memory_bytes), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()

    def death_reason(self) -> str:
        self.proc.join(timeout=1)
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"parser process crashed ({name})"
        return f"parser process exited unexpectedly (exit code {code})"


def map_isolated(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    timeout_s: float = 20.0,
    memory_bytes: int | None = 2 << 30,
    in_flight: int = 2,
) -> Iterator[tuple[T, R | WorkerFailure]]:
    """Yield (item, fn(item) or WorkerFailure) for each item, in order, computed in a worker process.

    `fn` must be a module-level function; items and results must be picklable. Up to `in_flight`
    items are queued at the worker, so it works on the next item while the caller handles a
    result. The worker runs them in order, so when it dies the oldest queued item is the one that
    killed it; the others are sent again to a fresh worker.
    """
    worker: _Worker | None = None
    source = enumerate(items)
    pending: deque[tuple[int, T]] = deque()
    exhausted = False

    def fill() -> bool:
        """Queue items up to `in_flight`; False when the worker died while we sent."""
        nonlocal exhausted
        while not exhausted and len(pending) < max(1, in_flight):
            nxt = next(source, None)
            if nxt is None:
                exhausted = True
                break
            pending.append(nxt)
            assert worker is not None
            try:
                worker.conn.send(nxt)
            except (OSError, BrokenPipeError):
                return False
        return True

    try:
        while True:
            if worker is None:
                worker = _Worker(fn, memory_bytes)
                for queued in pending:  # items the dead worker had not answered
                    try:
                        worker.conn.send(queued)
                    except (OSError, BrokenPipeError):
                        break
            alive = fill()
            if not pending:
                return
            index, item = pending[0]
            failure: WorkerFailure | None = None
            if not alive:
                failure = WorkerFailure(worker.death_reason())
            elif not worker.conn.poll(timeout_s):
                failure = WorkerFailure(f"timeout after {timeout_s:g} s")
            else:
                try:
                    status, got_index, payload = worker.conn.recv()
                except (EOFError, OSError):
                    failure = WorkerFailure(worker.death_reason())
                else:
                    if got_index != index:  # answers come in order; anything else is a broken worker
                        failure = WorkerFailure("worker protocol error")
            if failure is not None:
                worker.kill()
                worker = None
                pending.popleft()
                yield item, failure
                continue
            pending.popleft()
            fill()  # keep the worker busy while the caller handles this result
            yield item, (payload if status == "ok" else WorkerFailure(str(payload)))
    finally:
        if worker is not None:
            worker.close()

