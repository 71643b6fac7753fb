"""Run untrusted-input work (parsing target source) in a killable worker process.

A parser fed hostile input can crash the whole process (libcst 1.9 aborts at ~3,000 nested
parentheses), stall for a long time, or eat memory. `map_isolated` runs `fn(item)` for each item
in a forked worker with an address-space limit and a per-item CPU-time limit. When the worker dies
or overruns, that item yields a `WorkerFailure` and a fresh worker continues with the next items, so
one bad file costs one `errors[]` entry, never the analysis.

The time limit counts the worker's CPU seconds for the item (the kernel stops the worker with
SIGXCPU through RLIMIT_CPU; an item that finished over its limit fails the same way), so a busy
machine parses the same files as a quiet one. A worker that gives no answer for `backstop_factor`
times the limit in wall-clock time (starved, stopped) is killed: a `WorkerFailure` with
`overload` set, reported apart from the CPU limit (`mcpvet.cputime`).

A healthy worker is kept when a `map_isolated` call ends and serves the next call in this process
(the Python frontend, the JavaScript frontend and the package-code check of one run, and the
targets after it in a batch worker): one fork per process, not one per stage. It is replaced by a
fresh fork when it would have to import the next function's module itself (the parent loaded it
after the fork), since that import would cost more than the fork.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from mcpvet.cputime import BACKSTOP_FACTOR, CpuMeter, overload_message

T = TypeVar("T")
R = TypeVar("R")

_CTX = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class WorkerFailure:
    """Why an item produced no result: over its CPU-time limit, "crashed (…)", "out of memory", or an
    exception; `overload`: the wall-clock backstop stopped it (the machine, not the item)."""

    reason: str
    overload: bool = False


def cpu_limit_reason(cpu_s: float) -> str:
    return f"CPU time limit of {cpu_s:g} s for one file exceeded"


def _cpu_now() -> float:
    return time.process_time()  # this worker's CPU seconds (nanosecond clock, not ticks)


def _limit_cpu(seconds: float | None) -> None:
    """Let the kernel stop this worker (SIGXCPU) once it has used `seconds` more CPU time."""
    if seconds is None:
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(_cpu_now() + seconds) + 1  # whole seconds, rounded up
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass


def _current_vm_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _close_inherited_fds(keep: set[int]) -> None:
    """Close every descriptor the fork inherited but `keep`. The parent may be starting a
    subprocess in another thread (semgrep) as it forks us: a copy of that subprocess's pipes held
    here would keep the parent waiting for their end for as long as this worker lives."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 4096))
    for fd in fds:
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def _worker(conn: Connection, memory_bytes: int | None) -> None:
    keep = {conn.fileno()}
    try:
        keep.add(sys.stdin.fileno())  # multiprocessing reopened it on /dev/null
    except (AttributeError, OSError, ValueError):
        pass
    _close_inherited_fds(keep)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    faulthandler.disable()  # a crash here is expected and reported by the parent
    try:  # SIGXCPU (the CPU-time limit) would otherwise write a core file
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
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
        index, fn, item, cpu_s = message
        _limit_cpu(cpu_s)
        start = _cpu_now()
        try:
            result = fn(item)
            payload: tuple[str, int, Any, float] = ("ok", index, result, 0.0)
        except MemoryError:
            payload = ("fail", index, "out of memory", 0.0)
        except RecursionError:
            payload = ("fail", index, "recursion limit exceeded", 0.0)
        except Exception as exc:  # noqa: BLE001 - the item's own failure, reported as data to the parent
            tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
            payload = ("fail", index, f"{type(exc).__name__}: {tb}", 0.0)
        payload = (*payload[:3], _cpu_now() - start)
        try:
            conn.send(payload)
        except Exception as exc:  # noqa: BLE001 - unpicklable result
            conn.send(("fail", index, f"result could not be sent: {exc}", payload[3]))
        _save_compiled()


def _save_compiled() -> None:
    """Keep what the worker compiled for the start-up caches (`dccache`, `rxcache`; the CLI installs
    them before the fork). An item that loads a library the parent never does (libcst, for a file of
    newer syntax) compiles its ~1,000 dataclass methods and its patterns here; the worker never runs
    `atexit` (it ends through os._exit, or SIGTERM when idle at the parent's exit), so without this
    every run compiled them again (about 0.15 s of CPU). Saves only when something new was compiled,
    so an item that loads nothing new costs nothing."""
    for name in ("mcpvet.dccache", "mcpvet.rxcache"):
        cache = sys.modules.get(name)
        if cache is not None:
            cache.save()


class _Worker:
    def __init__(self, memory_bytes: int | None) -> None:
        parent, child = _CTX.Pipe(duplex=True)
        self.conn = parent
        self.memory_bytes = memory_bytes
        self.modules = frozenset(sys.modules)  # what the fork inherits already imported
        self.proc = _CTX.Process(target=_worker, args=(child, memory_bytes), daemon=True)
        self.proc.start()
        child.close()

    def serves(self, fn: Callable[[Any], Any], memory_bytes: int | None) -> bool:
        """Whether this idle worker can run `fn` as a fresh fork would (same limit, `fn`'s module loaded)."""
        return self.memory_bytes == memory_bytes and fn.__module__ in self.modules and self.proc.is_alive()

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

    def death_reason(self, cpu_s: float | None = None) -> str:
        self.proc.join(timeout=1)
        code = self.proc.exitcode
        killed_by = signal_name(code)
        if killed_by == "SIGXCPU" and cpu_s is not None:
            return cpu_limit_reason(cpu_s)
        if killed_by is not None:
            return f"parser process crashed ({killed_by})"
        return f"parser process exited unexpectedly (exit code {code})"


def signal_name(exitcode: int | None) -> str | None:
    """The signal that ended a child process (`Process.exitcode` < 0), or None when it exited."""
    if exitcode is None or exitcode >= 0:
        return None
    try:
        return signal.Signals(-exitcode).name
    except ValueError:
        return f"signal {-exitcode}"


_IDLE: list[_Worker] = []  # at most one healthy worker kept between calls
_IDLE_LOCK = threading.Lock()


def _forget_inherited_workers() -> None:
    """In a forked child (a batch worker forked by a process that had analysed something): the kept
    worker is the parent's child, which this process can neither use nor join; its pipe is closed
    here and the child starts its own worker when it needs one. The lock may have been held by
    another thread of the parent at the fork."""
    global _IDLE_LOCK
    _IDLE_LOCK = threading.Lock()
    for worker in _IDLE:
        try:
            worker.conn.close()
        except OSError:
            pass
    _IDLE.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_workers)


def _take_worker(fn: Callable[[Any], Any], memory_bytes: int | None) -> _Worker:
    with _IDLE_LOCK:
        idle = _IDLE.pop() if _IDLE else None
    if idle is not None:
        if idle.serves(fn, memory_bytes):
            return idle
        idle.close()
    return _Worker(memory_bytes)


def _keep_worker(worker: _Worker) -> None:
    with _IDLE_LOCK:
        if not _IDLE:
            _IDLE.append(worker)
            return
    worker.close()


def close_idle_worker() -> None:
    """End the worker kept for the next call, if any (tests; a long-lived process going idle)."""
    with _IDLE_LOCK:
        idle = _IDLE.pop() if _IDLE else None
    if idle is not None:
        idle.close()


def map_isolated(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    timeout_s: float = 20.0,
    memory_bytes: int | None = 2 << 30,
    in_flight: int = 2,
    backstop_factor: float = BACKSTOP_FACTOR,
    meter: CpuMeter | None = None,
) -> Iterator[tuple[T, R | WorkerFailure]]:
    """Yield (item, fn(item) or WorkerFailure) for each item, in order, computed in a worker process.

    `timeout_s` is CPU seconds of the worker per item; the wall-clock backstop is `backstop_factor`
    times that. `meter`, if given, adds up the CPU seconds the worker spent on the items.
    `fn` must be a module-level function; items and results must be picklable. With
    `in_flight` >= 2 the next item is sent as soon as a result has been read, so the worker works
    on it while the caller handles that result. Never more than one message is in the pipe each
    way: the worker is idle when we send, so a large item and a large result can never block
    each other.
    """
    worker: _Worker | None = None
    source = enumerate(items)
    current = next(source, None)
    sent = False  # whether `current` was handed to the live worker
    try:
        while current is not None:
            index, item = current
            if worker is None:
                worker = _take_worker(fn, memory_bytes)
                sent = False
            failure: WorkerFailure | None = None
            counted = False  # the item's CPU time added to `meter`
            if not sent:
                try:
                    worker.conn.send((index, fn, item, timeout_s))
                    sent = True
                except (OSError, BrokenPipeError):
                    failure = WorkerFailure(worker.death_reason(timeout_s))
            if failure is None and not worker.conn.poll(timeout_s * backstop_factor):
                failure = WorkerFailure(overload_message("parsing this file", timeout_s, backstop_factor), True)
            if failure is None:
                try:
                    status, got_index, payload, used = worker.conn.recv()
                except (EOFError, OSError):
                    failure = WorkerFailure(worker.death_reason(timeout_s))
                else:
                    if got_index != index:  # one request at a time: anything else is a broken worker
                        failure = WorkerFailure("worker protocol error")
                    else:
                        if meter is not None:
                            meter.add(used)
                            counted = True
                        if used > timeout_s:  # finished, but over its limit: as if the kernel had stopped it
                            failure = WorkerFailure(cpu_limit_reason(timeout_s))
            if failure is not None:
                if meter is not None and not counted:  # stopped: at most its limit, counted as all of it
                    meter.add(timeout_s if failure.reason == cpu_limit_reason(timeout_s) else 0.0)
                worker.kill()
                worker = None
                current = next(source, None)
                yield item, failure
                continue
            current = next(source, None)
            sent = False
            if current is not None and in_flight >= 2:
                try:  # the worker is idle now: this send cannot block on its result
                    worker.conn.send((current[0], fn, current[1], timeout_s))
                    sent = True
                except (OSError, BrokenPipeError):  # it died after answering: start afresh
                    worker.kill()
                    worker = None
            yield item, (payload if status == "ok" else WorkerFailure(str(payload)))
    finally:
        if worker is not None:
            if sent:  # stopped early with an item in the worker: its answer would confuse the next call
                worker.kill()
            else:
                _keep_worker(worker)

