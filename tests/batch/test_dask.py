"""The same batch on Dask distributed: a LocalCluster, and a scheduler and two workers started as
separate processes (`dask scheduler`, `dask worker`), as on several machines."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import source_env
from tests.support.registry import copy_case

pytest.importorskip("distributed")


@pytest.fixture
def targets(tmp_path: Path) -> list[str]:
    cases = ["py-weather-key-in-handler", "js-sqlite-notes-cjs", "py-units-lowlevel-match"]
    return [str(copy_case(c, tmp_path / c)) for c in cases]


def _batch(argv: list[str]) -> subprocess.CompletedProcess[str]:
    env = source_env(MCPVET_PROGRESS="0")
    return subprocess.run([sys.executable, "-m", "mcpvet", "batch", *argv], capture_output=True, text=True,
                          env=env, timeout=120)


def _check(db: Path, targets: list[str], how: str) -> None:
    rows = list(sqlite3.connect(db).execute("SELECT spec, status, worker, tools FROM targets ORDER BY position"))
    assert [r[0] for r in rows] == targets
    assert all(r[1] == "analysed" and r[2].startswith("dask:") and r[3] >= 1 for r in rows), rows
    assert how


def test_local_cluster(targets: list[str], tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    done = _batch([*targets, "--db", str(db), "--scheduler", "local", "--jobs", "2", "--offline"])
    assert done.returncode in (0, 1), done.stderr
    assert "3 analysed, 0 failed" in done.stderr
    _check(db, targets, "LocalCluster")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    bin_dir = Path(sys.executable).parent
    dask = str(bin_dir / "dask") if (bin_dir / "dask").is_file() else shutil.which("dask")
    if dask is None:
        pytest.skip("the dask command is not installed")
    info = tmp_path / "scheduler.json"
    env = source_env()
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        deadline = time.monotonic() + 30
        while not info.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for _ in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                           "--no-dashboard", "--host", "127.0.0.1"], env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        from distributed import Client

        with Client(address, timeout="20s") as client:
            client.wait_for_workers(2, timeout=30)
        yield address
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(p.pid, signal.SIGKILL)


def test_scheduler_and_two_worker_processes(cluster: str, targets: list[str], tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    done = _batch([*targets, "--db", str(db), "--scheduler", cluster, "--offline"])
    assert done.returncode in (0, 1), done.stderr
    assert "3 analysed, 0 failed" in done.stderr
    _check(db, targets, "two dask worker processes")
    workers = {r[0] for r in sqlite3.connect(db).execute("SELECT worker FROM targets")}
    assert all(w.startswith("dask:") for w in workers)


def test_unreachable_scheduler_exits_3(tmp_path: Path) -> None:
    done = _batch([str(tmp_path), "--db", str(tmp_path / "d.db"), "--scheduler", "tcp://127.0.0.1:9"])
    assert done.returncode == 3 and "cannot reach the Dask scheduler" in done.stderr
