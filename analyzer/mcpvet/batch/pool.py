"""A pool of worker processes, one target at a time each, with a CPU-time and a memory limit.

Each worker is a forked process in its own process group (so the semgrep and parser processes
it starts are counted with it and killed with it) that lives for many targets: imports, rule
loading and library summaries are paid once per worker. The parent sends a worker its next
target only when it is idle, watches the CPU time and the resident memory of the worker's whole
process group, and kills the group when a target overruns. The time limit is CPU seconds, so a
busy machine (more jobs than cores) finishes the same targets as a quiet one; a target still
unfinished after `backstop_factor` times the limit in wall-clock time is killed as an overload
(its error says so, apart from the CPU limit). A target whose worker was killed or
died is a result with its error; a fresh worker takes the next target. Nothing a target does
ends the batch.
"""

from __future__ import annotations

import ctypes
import faulthandler
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from mcpvet.batch.targets import Item
from mcpvet.cputime import BACKSTOP_FACTOR, OVERLOAD
from mcpvet.isolate import signal_name
from mcpvet.options import InspectOptions

_CTX = multiprocessing.get_context("fork")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 600.0  # one target: CPU seconds of the worker and every process it started
    memory_mb: int = 4096  # resident memory of a worker and every process it started
    backstop_factor: float = BACKSTOP_FACTOR  # wall-clock backstop: this many times timeout_s


def _proc_stats() -> Iterator[list[bytes]]:
    """The fields after the command name of /proc/PID/stat (state, ppid, pgrp, …), for every process
    we can still read."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                raw = fh.read()
        except OSError:
            continue
        yield raw[raw.rfind(b")") + 2:].split()


def group_usage() -> dict[int, tuple[float, float]]:
    """(resident memory in MiB, CPU seconds with the waited-for children) per process group, over
    every process we can see: one reading of /proc for both limits."""
    out: dict[int, tuple[float, float]] = {}
    for fields in _proc_stats():
        try:
            pgrp, rss_pages = int(fields[2]), int(fields[21])
            cpu = sum(int(f) for f in fields[11:15]) / _TICKS  # utime, stime, cutime, cstime
        except (IndexError, ValueError):
            continue
        rss, total = out.get(pgrp, (0.0, 0.0))
        out[pgrp] = (rss + rss_pages * _PAGE / (1 << 20), total + cpu)
    return out


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _descendants(pid: int) -> list[int]:
    """The live descendants of `pid` (from /proc's per-thread child lists; empty where there are none)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{parent}/task/{tid}/children", "rb") as fh:
                    kids = [int(k) for k in fh.read().split()]
            except (OSError, ValueError):
                continue
            out += kids
            todo += kids
    return out


def process_tree_cpu_s() -> float:
    """CPU seconds (user + system) used so far by this process, the children it has waited for, and
    its live descendants (a parser worker kept between targets has not been waited for yet). The
    difference over one target is what the target cost, whichever process did the work."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                raw = fh.read()
            fields = raw[raw.rfind(b")") + 2:].split()
            total += (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total


def group_cpu_s(pgrp: int) -> float:
    """CPU seconds of the live processes of process group `pgrp`, with the children each has waited for."""
    total = 0.0
    for fields in _proc_stats():
        try:
            if int(fields[2]) == pgrp:
                total += sum(int(f) for f in fields[11:15]) / _TICKS  # utime, stime, cutime, cstime
        except (IndexError, ValueError):
            continue
    return total


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _serve(conn: Connection, parent_pid: int) -> None:
    """The worker's loop: (spec, options) in, result dict out, until None or EOF."""
    from mcpvet.batch.work import analyse_target

    os.setpgrp()
    faulthandler.disable()  # a crash here is the target's, reported by the parent
    _die_with_parent()
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        spec, options = message
        cpu = process_tree_cpu_s()
        try:
            result: dict[str, Any] = analyse_target(spec, options)
        except BaseException as exc:  # noqa: BLE001 - even SystemExit of a bug is the target's error
            line = traceback.format_exception_only(type(exc), exc)[-1].strip()
            result = {"card": None, "failed": True, "error": f"the worker failed: {line}"}
        # the target's CPU time, its semgrep and parser processes included (stored with its timings)
        result["timings"] = {**(result.get("timings") or {}), "cpu": round(process_tree_cpu_s() - cpu, 3)}
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        result["worker_peak_mb"] = round(peak / 1024, 1)  # the largest process so far (KiB on Linux)
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - an unpicklable result
            conn.send({"card": None, "failed": True, "error": f"the result could not be sent: {exc}"})


class Worker:
    """One forked worker process and the target it is working on."""

    def __init__(self) -> None:
        parent, child = _CTX.Pipe(duplex=True)
        self.conn = parent
        self.proc = _CTX.Process(target=_serve, args=(child, os.getpid()), daemon=False, name="mcpvet-batch-worker")
        self.proc.start()
        child.close()
        self.item: Item | None = None
        self.started = 0.0
        self.started_cpu = 0.0
        self.peak_mb = 0.0

    @property
    def pid(self) -> int:
        return int(self.proc.pid or 0)

    def send(self, item: Item, options: InspectOptions) -> None:
        self.item = item
        self.started = time.monotonic()
        self.started_cpu = group_cpu_s(self.pid)
        self.peak_mb = 0.0
        self.conn.send((item.spec, options))

    def kill(self) -> None:
        for target in (self.pid,):
            try:
                os.killpg(target, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                os.kill(target, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.proc.join(timeout=5)
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()

    def death(self) -> str:
        self.proc.join(timeout=2)
        code = self.proc.exitcode
        killed_by = signal_name(code)
        if killed_by is not None:
            return f"the worker process died ({killed_by})"
        return f"the worker process exited unexpectedly (exit code {code})"


def _failure(message: str, worker: Worker, cpu: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"card": None, "failed": True, "error": message, "seconds": time.monotonic() - worker.started,
                           "worker": f"local:{worker.pid}", "max_rss_mb": round(worker.peak_mb, 1)}
    if cpu is not None:
        out["timings"] = {"cpu": round(max(0.0, cpu - worker.started_cpu), 3)}
    return out


def over_limits(limits: Limits, peak_mb: float, cpu_s: float, wall_s: float) -> str | None:
    """Why a target that has used `peak_mb` of memory, `cpu_s` CPU seconds and `wall_s` wall-clock
    seconds so far must be killed, or None. The time limit is CPU time; the wall-clock backstop
    (`backstop_factor` times it) is reported as the machine's overload, not the target's cost."""
    if peak_mb > limits.memory_mb:
        return f"killed: the target used more than {limits.memory_mb} MiB ({peak_mb:.0f} MiB resident, --memory-mb)"
    if cpu_s > limits.timeout_s:
        return f"killed: the target used more than {limits.timeout_s:g} s of CPU time (--timeout)"
    if wall_s > limits.timeout_s * limits.backstop_factor:
        return (f"killed: {OVERLOAD}: the target had used {cpu_s:.0f} s of CPU time after {wall_s:.0f} s "
                f"({limits.backstop_factor:g}x --timeout of {limits.timeout_s:g} s CPU)")
    return None


class LocalPool:
    """`jobs` worker processes on this machine."""

    name = "local"

    def __init__(self, jobs: int, options: InspectOptions, limits: Limits = Limits(), poll_s: float = 0.25,
                 persistent: bool = False) -> None:
        self.jobs = max(1, jobs)
        self.options = options
        self.limits = limits
        self.poll_s = poll_s
        self.persistent = persistent  # keep idle workers between run() calls (until close())
        self._idle: list[Worker] = []

    def close(self) -> None:
        for w in self._idle:
            w.close()
        self._idle = []

    def run(self, items: Iterable[Item]) -> Iterator[tuple[Item, dict[str, Any]]]:
        """(item, result) as each target finishes (not in input order)."""
        source = iter(items)
        workers: list[Worker] = [w for w in self._idle if w.proc.is_alive()]
        self._idle = []
        exhausted = False
        try:
            while True:
                idle = [w for w in workers if w.item is None]
                while not exhausted and (idle or len(workers) < self.jobs):
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        break
                    worker = idle.pop() if idle else self._spawn(workers)
                    try:
                        worker.send(item, self.options)
                    except (OSError, BrokenPipeError):
                        yield item, _failure(worker.death(), worker)
                        self._replace(workers, worker)
                busy = [w for w in workers if w.item is not None]
                if not busy:
                    return
                ready = wait([w.conn for w in busy], timeout=self.poll_s)
                for worker in busy:
                    if worker.conn in ready:
                        done = worker.item
                        assert done is not None
                        try:
                            result = worker.conn.recv()
                        except (EOFError, OSError):
                            yield done, _failure(worker.death(), worker)
                            self._replace(workers, worker)
                            continue
                        result.setdefault("worker", f"local:{worker.pid}")
                        result["max_rss_mb"] = round(max(worker.peak_mb, result.get("worker_peak_mb", 0.0)), 1)
                        worker.item = None
                        yield done, result
                yield from self._enforce(workers)
        finally:
            for w in workers:
                if w.item is not None:
                    w.kill()
                elif self.persistent:
                    self._idle.append(w)
                else:
                    w.close()

    def _spawn(self, workers: list[Worker]) -> Worker:
        w = Worker()
        workers.append(w)
        return w

    def _replace(self, workers: list[Worker], worker: Worker) -> None:
        worker.kill()
        workers.remove(worker)

    def _enforce(self, workers: list[Worker]) -> Iterator[tuple[Item, dict[str, Any]]]:
        busy = [w for w in workers if w.item is not None]
        if not busy:
            return
        usage = group_usage()
        now = time.monotonic()
        for w in busy:
            rss, cpu = usage.get(w.pid, (0.0, w.started_cpu))
            w.peak_mb = max(w.peak_mb, rss)
            item = w.item
            assert item is not None
            message = over_limits(self.limits, w.peak_mb, cpu - w.started_cpu, now - w.started)
            if message is None:
                continue
            # what the target's processes used before the kill (its semgrep and parser processes are
            # not waited for by anyone of ours once the group is killed)
            yield item, _failure(message, w, group_cpu_s(w.pid))
            self._replace(workers, w)
