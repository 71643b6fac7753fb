"""Packages per hour of `mcpvet batch` and memory per worker, offline.

Serves N generated packages (the sample packages of corpus/cases, each published under several
names and versions) from the test suite's fake PyPI and npm, lists them in a fake MCP Registry,
and times `mcpvet batch --registry` three ways: local pool cold (empty download cache), local
pool warm (cache filled), and a 2-worker Dask LocalCluster (warm). Each run starts from an empty
store. Prints packages per hour (analysed + failed over wall time, listing included) and the
largest resident memory of a worker (its whole process group: worker, semgrep, parser workers).

    python bench/bench_batch.py            # 115 packages, --jobs 2
    python bench/bench_batch.py --count 30 --jobs 2 --no-dask
    python bench/bench_batch.py --pinned corpus/pinned-batch.txt   # online: 104 real packages

With `--pinned FILE` the targets are real packages fetched from PyPI and npm (online), the same
three runs over them: cold (empty download cache), warm, and a 2-worker Dask LocalCluster (warm).
`--cache DIR` uses (and fills) that download cache instead of a fresh one; with `--warm-only` the
cold run is left out (the cache must already hold the packages, e.g. from an earlier run):

    python bench/bench_batch.py --pinned corpus/pinned-batch.txt --no-dask --cache /tmp/mcpvet-bench-cache
    python bench/bench_batch.py --pinned corpus/pinned-batch.txt --no-dask --cache /tmp/mcpvet-bench-cache --warm-only

Each run prints, besides packages per hour (wall): the CPU time of the whole batch (the batch
process and everything it waited for: workers, semgrep, parsers), CPU seconds per package, and
`cpu_bound_packages_per_hour` = cores x 3600 / CPU seconds per package, what the machine does when
the batch has it to itself (on a loaded machine wall time says more about the other load than
about mcpvet); the per-target wall time's and CPU time's median, 90th percentile and maximum (a
target's CPU time is its worker's, semgrep and parser processes included, stored as its `cpu`
timing), and the most costly targets by CPU with their stages (the tail). `--per-target FILE` writes
every target's CPU and stages, per run, to FILE (JSON), to compare two versions target by target.

"Warm" means the cache folder of the cold run is used again: the artifacts (by their published
digest) and the provenance look-ups' answers (within their 6-hour time to live) come from it, and so
do the compiled start-up caches; the registry is still asked for each version's metadata, and every
target is analysed again (each run starts from an empty store).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.batch.fake_mcp_registry import FakeMCPRegistry, entry, package  # noqa: E402
from tests.support.fakehttp import FakeHTTPServer  # noqa: E402
from tests.support.registry import FakeRegistry, NpmVersion, PyPIFile  # noqa: E402

CASES = ROOT / "corpus" / "cases"
ANALYZER = [str(ROOT / "analyzer")]  # the mcpvet the batches run: this checkout's, or --analyzer
PER_TARGET: list[Path] = []  # --per-target FILE: each run's per-target CPU and stages written there


def publish(reg: FakeRegistry, count: int) -> list[dict]:
    cases = sorted(p for p in CASES.iterdir() if p.is_dir())
    entries = []
    for i in range(count):
        case = cases[i % len(cases)]
        version = f"1.0.{i // len(cases)}"
        name = f"bench-{case.name}-{i // len(cases)}"
        if (case / "package.json").is_file():
            v = NpmVersion.from_folder(case)
            v.manifest = {**v.manifest, "name": name, "version": version, "mcpName": f"io.bench/{name}"}
            reg.publish_npm(name, {version: v})
            pkg = package("npm", name, version)
        else:
            reg.publish_pypi(name, {version: [PyPIFile.wheel(case, name, version)]})
            pkg = package("pypi", name, version)
        entries.append(entry(f"io.bench/{name}", version, packages=[pkg]))
    return entries


def run(label: str, mcp: FakeMCPRegistry, reg: FakeRegistry, work: Path, cache: Path, extra: list[str]) -> dict:
    db = work / f"{label}.db"
    env = {**os.environ, "MCPVET_CACHE_DIR": str(cache), "MCPVET_OSV_URL": reg.pypi_url + "/osv",
           "MCPVET_PROGRESS": "0", "PYTHONPATH": ANALYZER[0]}
    start, cpu = time.monotonic(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "mcpvet", "batch", "--registry", mcp.url, "--db", str(db),
                           "--pypi-url", reg.pypi_url, "--npm-url", reg.npm_url, "--fail-on", "none", *extra],
                          capture_output=True, text=True, env=env)
    return _stats(label, db, done, time.monotonic() - start, _children_cpu() - cpu)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))]


def _tail(con: sqlite3.Connection) -> dict:
    """Per-target wall time and CPU time (the worker's, its semgrep and parser processes included):
    median, 90th percentile, maximum, the sum over targets, and the five most costly by CPU with stages."""
    rows = con.execute("SELECT key, spec, seconds FROM targets WHERE seconds IS NOT NULL ORDER BY seconds").fetchall()
    if not rows:
        return {}
    secs = [r[2] for r in rows]
    out: dict = {"target_s_p50": round(_pct(secs, 0.5), 2), "target_s_p90": round(_pct(secs, 0.9), 2),
                 "target_s_max": round(secs[-1], 1)}
    cpu = con.execute("SELECT t.key, t.spec, m.seconds FROM timings m JOIN targets t ON t.key = m.target_key "
                      "WHERE m.stage = 'cpu' ORDER BY m.seconds").fetchall()
    if cpu:
        per = [r[2] for r in cpu]
        out.update({"target_cpu_s_p50": round(_pct(per, 0.5), 2), "target_cpu_s_p90": round(_pct(per, 0.9), 2),
                    "target_cpu_s_max": round(per[-1], 1), "target_cpu_s_sum": round(sum(per), 1),
                    "targets_with_cpu": len(per)})
    slow = []
    for key, spec, _ in reversed((cpu or rows)[-5:]):
        stages = dict(con.execute("SELECT stage, ROUND(seconds, 2) FROM timings WHERE target_key = ?", (key,)))
        sec = con.execute("SELECT seconds FROM targets WHERE key = ?", (key,)).fetchone()[0]
        slow.append({"spec": spec, "seconds": round(sec or 0, 1), "stages": stages})
    out["slowest"] = slow
    if PER_TARGET:
        out["per_target"] = {spec: {"cpu": round(sec, 3), **dict(con.execute(
            "SELECT stage, ROUND(seconds, 3) FROM timings WHERE target_key = ?", (key,)))} for key, spec, sec in cpu}
    return out


def _stats(label: str, db: Path, done: subprocess.CompletedProcess[str], seconds: float, cpu: float = 0.0) -> dict:
    con = sqlite3.connect(db)
    counts = dict(con.execute("SELECT status, COUNT(*) FROM targets GROUP BY status"))
    per_worker = dict(con.execute("SELECT worker, MAX(max_rss_mb) FROM targets GROUP BY worker"))
    mean_target = con.execute("SELECT AVG(seconds) FROM targets WHERE status='analysed'").fetchone()[0] or 0
    n = counts.get("analysed", 0) + counts.get("failed", 0)
    cores = os.cpu_count() or 1
    per_package = cpu / n if n else 0.0
    return {"run": label, "exit": done.returncode, "packages": n, "analysed": counts.get("analysed", 0),
            "failed": counts.get("failed", 0), "seconds": round(seconds, 1),
            "packages_per_hour": round(n / seconds * 3600) if seconds else 0, "mean_target_s": round(mean_target, 2),
            "cpu_s": round(cpu, 1), "cpu_s_per_package": round(per_package, 2),
            "cpu_bound_packages_per_hour": round(cores * 3600 / per_package) if per_package else 0,
            "load_average": [round(x, 1) for x in os.getloadavg()],
            "max_worker_rss_mb": max((m or 0 for m in per_worker.values()), default=0),
            "workers": len(per_worker), **_tail(con)}


def run_pinned(label: str, listing: Path, work: Path, cache: Path, extra: list[str]) -> dict:
    db = work / f"{label}.db"
    env = {**os.environ, "MCPVET_CACHE_DIR": str(cache), "MCPVET_PROGRESS": "0", "PYTHONPATH": ANALYZER[0]}
    start, cpu = time.monotonic(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "mcpvet", "batch", f"@{listing}", "--db", str(db),
                           "--fail-on", "none", *extra], capture_output=True, text=True, env=env)
    return {**_stats(label, db, done, time.monotonic() - start, _children_cpu() - cpu),
            "stderr_tail": done.stderr.strip().splitlines()[-2:]}


def summary(r: dict) -> str:
    """One line a reader can quote."""
    return (f"{r['run']}: {r['packages']} packages ({r['failed']} failed) in {r['seconds']} s wall = "
            f"{r['packages_per_hour']}/h (load {r['load_average'][0]}); CPU {r['cpu_s']} s = {r['cpu_s_per_package']} s "
            f"a package -> {r['cpu_bound_packages_per_hour']}/h CPU-bound on {os.cpu_count()} cores; per target "
            f"p50 {r.get('target_s_p50')} s, p90 {r.get('target_s_p90')} s, max {r.get('target_s_max')} s wall; CPU "
            f"p50 {r.get('target_cpu_s_p50')} s, p90 {r.get('target_cpu_s_p90')} s, max {r.get('target_cpu_s_max')} s, "
            f"sum {r.get('target_cpu_s_sum')} s")


def main_pinned(listing: Path, jobs: int, dask: bool, cache_dir: Path | None = None, warm_only: bool = False) -> None:
    results = []
    with tempfile.TemporaryDirectory(prefix="mcpvet-bench-") as tmp:
        work = Path(tmp)
        cache = cache_dir or Path(tmp) / "cache"
        opts = ["--jobs", str(jobs)]
        if not warm_only:
            results.append(run_pinned("pinned-cold", listing, work, cache, opts))
        results.append(run_pinned("pinned-warm", listing, work, cache, opts))
        if dask:
            results.append(run_pinned("pinned-dask-local-2-workers-warm", listing, work, cache,
                                      [*opts, "--scheduler", "local"]))
    targets = [ln for ln in listing.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    print(f"cores: {os.cpu_count()}, pinned targets: {len(targets)} ({listing}), jobs: {jobs}, mcpvet from {ANALYZER[0]}")
    if PER_TARGET:
        PER_TARGET[0].write_text(json.dumps({r["run"]: r.pop("per_target", {}) for r in results}, indent=1))
    for r in results:
        print(json.dumps(r))
    for r in results:
        print(summary(r))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=115)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--pinned", type=Path, help="a list of pinned real targets (online) instead of generated ones")
    ap.add_argument("--cache", type=Path, help="with --pinned: this download cache (kept) instead of a fresh one")
    ap.add_argument("--warm-only", action="store_true", help="with --pinned --cache: leave out the cold run")
    ap.add_argument("--analyzer", type=Path, help="the analyzer/ folder of the mcpvet to time (default: this checkout's)")
    ap.add_argument("--per-target", type=Path, help="with --pinned: write each target's CPU and stages (JSON) to this file")
    args = ap.parse_args()
    if args.per_target:
        PER_TARGET.append(args.per_target)
    if args.analyzer:
        ANALYZER[0] = str(args.analyzer.resolve())
    if args.pinned:
        main_pinned(args.pinned, args.jobs, not args.no_dask, args.cache, args.warm_only)
        return
    http = FakeHTTPServer().start()
    reg = FakeRegistry(http)
    mcp = FakeMCPRegistry(publish(reg, args.count))
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="mcpvet-bench-") as tmp:
            work, cache = Path(tmp), Path(tmp) / "cache"
            jobs = ["--jobs", str(args.jobs)]
            results.append(run("local-cold", mcp, reg, work, cache, jobs))
            results.append(run("local-warm", mcp, reg, work, cache, jobs))
            if not args.no_dask:
                results.append(run("dask-local-2-workers-warm", mcp, reg, work, cache, [*jobs, "--scheduler", "local"]))
    finally:
        mcp.stop()
        http.stop()
    print(f"cores: {os.cpu_count()}, packages listed: {args.count}, jobs: {args.jobs}, mcpvet from {ANALYZER[0]}")
    if PER_TARGET:
        PER_TARGET[0].write_text(json.dumps({r["run"]: r.pop("per_target", {}) for r in results}, indent=1))
    for r in results:
        print(json.dumps(r))
    for r in results:
        print(summary(r))


if __name__ == "__main__":
    main()
