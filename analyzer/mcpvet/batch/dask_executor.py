"""Scale-out on Dask distributed: the same per-target work, run on a cluster.

`--scheduler tcp://HOST:8786` connects to a running scheduler (`dask scheduler`, `dask worker
tcp://HOST:8786` on each machine, mcpvet installed on all of them); `--scheduler local` starts a
`LocalCluster` here. Each task runs its target in a forked, process-group-isolated worker with
the same time and memory limits as the local pool, and returns plain data; only the client
writes the store. At most two tasks per worker thread are in flight, so a listing of any size
streams and Ctrl-C leaves little to cancel.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from mcpvet.batch.pool import Limits, LocalPool
from mcpvet.batch.targets import Item
from mcpvet.options import InspectOptions

_DEFAULT_LIMITS = Limits()  # frozen: one shared default


class DaskUnavailable(Exception):
    """Dask is not installed or the scheduler cannot be reached."""


_RESIDENT: dict[tuple[Any, ...], LocalPool] = {}
_LOCK = threading.Lock()


def run_one(item: Item, options: InspectOptions, limits: Limits) -> dict[str, Any]:
    """The task a Dask worker runs: one target in an isolated child process. The child lives on
    between tasks (per Dask worker thread), so fixed costs are paid once, as in the local pool."""
    import socket

    # Dask's nanny starts workers as daemonic processes, which multiprocessing forbids to have
    # children; our worker (and the parser workers it starts) are killed by us, not by that rule.
    multiprocessing.current_process()._config["daemon"] = False  # type: ignore[attr-defined]
    key = (threading.get_ident(), options, limits)
    with _LOCK:
        pool = _RESIDENT.pop(key, None) or LocalPool(1, options, limits, persistent=True)
    try:
        for _, result in pool.run([item]):
            result["worker"] = f"dask:{socket.gethostname()}:{result.get('worker', '')}"
            return result
        return {"card": None, "failed": True, "error": "the Dask task produced no result"}
    finally:
        with _LOCK:
            _RESIDENT[key] = pool


class DaskPool:
    name = "dask"

    def __init__(self, address: str, options: InspectOptions, limits: Limits = _DEFAULT_LIMITS, workers: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise DaskUnavailable("Dask is not installed: pip install 'mcpvet[dask]'") from None
        self.options = options
        self.limits = limits
        self.cluster: Any = None
        try:
            if address == "local":
                import dask

                with dask.config.set({"distributed.worker.daemon": False}):
                    self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                host="127.0.0.1", dashboard_address=None)
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout="5s")
        except (OSError, TimeoutError) as exc:
            if self.cluster is not None:
                self.cluster.close()
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.window = 2 * threads
        self.jobs = threads

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def run(self, items: Iterable[Item]) -> Iterator[tuple[Item, dict[str, Any]]]:
        from distributed import as_completed

        source = iter(items)
        pending: dict[Any, Item] = {}
        queue = as_completed()
        try:
            for item in source:
                pending[self._submit(item, queue)] = item
                if len(pending) >= self.window:
                    break
            for future in queue:
                item = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - the task itself failed (its worker died, …): the target's error
                    result = {"card": None, "failed": True, "error": f"the Dask task failed: {type(exc).__name__}: {exc}"}
                yield item, result
                nxt = next(source, None)
                if nxt is not None:
                    pending[self._submit(nxt, queue)] = nxt
        finally:
            for future in pending:
                future.cancel()

    def _submit(self, item: Item, queue: Any) -> Any:
        future = self.client.submit(run_one, item, self.options, self.limits, pure=False, retries=0)
        queue.add(future)
        return future
