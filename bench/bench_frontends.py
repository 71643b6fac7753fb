#!/usr/bin/env python3
"""CPU time of the frontend stage of two analyzer source trees on the pinned corpus (issue 13's 1.3x bar).

    git archive e5797a6 analyzer semgrep-rules | tar -x -C /tmp/base      # the issue's starting commit
    MCPVET_CACHE_DIR=/work/oracle-work-NAME/mcpvet-cache \\
      python bench/bench_frontends.py --base /tmp/base/analyzer --runs 3 --work /tmp/bench-fe

What it measures: for each package of corpus/realworld.json (the 185 pinned servers; `--corpus pinned` for
corpus/pinned-python.json and corpus/pinned-npm.json, `--corpus all` for both; `--only NAME...`,
`--limit N`), the CPU seconds of the frontend stage, `fe.analyze(tree, hits, options)` of every frontend the
package's languages need (the loop `api._analyse` times as stats["seconds"]["frontends"]; the dependencies
the JavaScript frontend hands over are not part of it), of each tree (`--base`, `--now`: analyzer/ folders,
`--now` defaults to this checkout's). CPU, not wall time (the machine is shared): the driver process's own
CPU time (every thread) plus that of the parser workers it forked (reaped before the reading, through
RUSAGE_CHILDREN).

Both trees do the same work: the package is fetched (through MCPVET_CACHE_DIR; `--offline` once cached),
unpacked, listed and searched by semgrep once, by the `--now` tree, in a subprocess (`--prepare`); the
SourceTree and the semgrep hits are pickled, and each tree's driver (`--drive`, run in a fresh subprocess
with PYTHONPATH set to that tree) loads them into its own classes (the model's classes keep their names and
fields) and runs its own frontends on them, with default InspectOptions. Importing the frontends and making
them (`api._frontends_for`, or `frontends.frontend_for` where that is missing) happens before the clock
starts, as `api._import_later_stages` does in a run. Each measurement is a fresh process; the trees
alternate per package and run (base first on even package+run, now first on odd); a package's figure per
tree is the median of `--runs` runs. `--jobs N` measures N packages at once (CPU time, not wall time).

Prints per package base s, now s, ratio (now/base), and overall: the sum ratio (sum now / sum base), the
median of the ratios, the worst 10 and the packages over `--bar` (1.3). Writes the raw figures to
WORK/results.json. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "realworld": [ROOT / "corpus" / "realworld.json"],
    "pinned": [ROOT / "corpus" / "pinned-python.json", ROOT / "corpus" / "pinned-npm.json"],
}
CORPORA["all"] = CORPORA["realworld"] + CORPORA["pinned"]


# ---- the corpus ------------------------------------------------------------------------------------------


def corpus(which: str) -> list[tuple[str, str]]:
    """(name, spec) of every package of the chosen files, in file order, each spec once."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path in CORPORA[which]:
        doc = json.loads(path.read_text("utf-8"))
        for e in doc.get("servers") or doc.get("packages") or []:
            if "spec" in e:
                spec = str(e["spec"])
                name = re.sub(r"^(pypi|npm):", "", spec)
                name = re.split(r"==|(?<!^)@", name)[0]
            else:
                sep = "==" if e["ecosystem"] == "pypi" else "@"
                spec, name = f"{e['ecosystem']}:{e['name']}{sep}{e['version']}", str(e["name"])
            if spec not in seen:
                seen.add(spec)
                out.append((name, spec))
    return out


def slug(spec: str) -> str:
    return re.sub(r"[^A-Za-z0-9._=-]+", "_", spec)


# ---- subprocess modes (run with PYTHONPATH set to one tree's analyzer/) --------------------------------------


def prepare(spec: str, out: Path, offline: bool) -> int:
    """Fetch, unpack, discover and semgrep one package with this process's mcpvet; pickle tree and hits."""
    from mcpvet import api
    from mcpvet.options import InspectOptions
    from mcpvet.semgrep import run_semgrep

    options = InspectOptions(offline=offline)
    scratch = out / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    prepared = api._prepare(spec, options, scratch)
    run = run_semgrep(prepared.tree, options)
    data = {"spec": spec, "tree": prepared.tree, "hits": tuple(run.hits),
            "semgrep_errors": [e.message for e in run.errors]}
    tmp = out / "input.pickle.tmp"
    tmp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(out / "input.pickle")
    return 0


def _frontends(tree: Any) -> list[Any]:
    """The per-tree driver: the distinct frontends for the tree's languages, however this version names it."""
    from mcpvet import api

    if hasattr(api, "_frontends_for"):
        found, _missing = api._frontends_for(tree.languages)
        return list(found)
    from mcpvet.frontends import frontend_for  # an older layout: one lookup per language

    out: list[Any] = []
    for lang in tree.languages:
        fe = frontend_for(lang)
        if fe is not None and not any(fe is o for o in out):
            out.append(fe)
    return out


def _close_workers() -> None:
    """End a parser worker kept for a next call (newer `isolate`), so that RUSAGE_CHILDREN counts it."""
    from mcpvet import isolate

    close = getattr(isolate, "close_idle_worker", None)
    if close is not None:
        close()


def drive(path: Path) -> int:
    """Run this tree's frontends on the pickled input; print one JSON line of CPU seconds."""
    import gc
    import resource

    from mcpvet.options import InspectOptions

    data = pickle.loads(path.read_bytes())
    tree, hits = data["tree"], data["hits"]
    options = InspectOptions(offline=True)
    frontends = _frontends(tree)  # imports and makes them before the clock starts
    gc.collect()
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    tools = lines = 0
    failed: list[str] = []
    for fe in frontends:
        try:
            res = fe.analyze(tree, hits, options)
        except Exception as exc:  # reported, not raised: the other tree may still run
            failed.append(f"{type(exc).__name__}: {exc}"[:300])
            continue
        tools += len(res.tools)
        lines += res.lines_analysed
    cpu1, wall1 = time.process_time(), time.perf_counter()
    _close_workers()
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
    print(json.dumps({"cpu": cpu1 - cpu0 + workers, "parent": cpu1 - cpu0, "workers": workers,
                      "wall": wall1 - wall0, "tools": tools, "lines": lines, "failed": failed}))
    return 0


# ---- the parent -------------------------------------------------------------------------------------------


def _env(tree: Path, cache: Path | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(tree), "MCPVET_PROGRESS": "0"}
    if cache is not None:
        env["MCPVET_CACHE_DIR"] = str(cache)
    return env


def ensure_input(spec: str, work: Path, now: Path, cache: Path | None, offline: bool, timeout: float) -> str | None:
    """The pickled input of a package (made once, by the --now tree); an error text when it could not be made."""
    out = work / "pkgs" / slug(spec)
    if (out / "input.pickle").is_file():
        return None
    out.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, str(Path(__file__).resolve()), "--prepare", spec, "--out", str(out)]
    if offline:
        argv.append("--offline")
    try:
        done = subprocess.run(argv, env=_env(now, cache), capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False, cwd=out)
    except subprocess.TimeoutExpired:
        return f"preparing took more than {timeout:g} s"
    if done.returncode != 0 or not (out / "input.pickle").is_file():
        return (done.stderr.strip().splitlines() or ["exit code " + str(done.returncode)])[-1][:300]
    return None


def measure(tree: Path, spec: str, work: Path, timeout: float) -> dict[str, Any]:
    pickled = work / "pkgs" / slug(spec) / "input.pickle"
    argv = [sys.executable, str(Path(__file__).resolve()), "--drive", str(pickled)]
    try:
        done = subprocess.run(argv, env=_env(tree, None), capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False, cwd=pickled.parent)
    except subprocess.TimeoutExpired:
        return {"error": f"more than {timeout:g} s"}
    try:
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:300]}


def measure_package(row: dict[str, Any], i: int, base: Path, now: Path, work: Path, runs: int,
                    timeout: float) -> None:
    """`runs` measurements of each tree, alternating which goes first; the medians and their ratio into `row`."""
    cpu: dict[str, list[float]] = {"base": [], "now": []}
    for run in range(runs):
        order = [("base", base), ("now", now)] if (i + run) % 2 == 0 else [("now", now), ("base", base)]
        for label, tree in order:
            got = measure(tree, row["spec"], work, timeout)
            if "error" in got or got.get("failed"):
                row["error"] = f"{label}: {got.get('error') or got.get('failed')}"
                continue
            cpu[label].append(float(got["cpu"]))
            row.setdefault("detail", {}).setdefault(label, []).append(got)
    if cpu["base"] and cpu["now"]:
        row["base"], row["now"] = statistics.median(cpu["base"]), statistics.median(cpu["now"])
        row["ratio"] = row["now"] / max(row["base"], 1e-9)
        details = row["detail"]
        row["tools"] = f"{details['base'][0]['tools']}/{details['now'][0]['tools']}"


def report(rows: list[dict[str, Any]], bar: float) -> None:
    ok = [r for r in rows if r.get("base") is not None and r.get("now") is not None]
    print()
    print(f"{'package':52} {'base s':>8} {'now s':>8} {'ratio':>6}  tools base/now")
    for r in ok:
        print(f"{r['name'][:52]:52} {r['base']:8.3f} {r['now']:8.3f} {r['ratio']:6.2f}  {r['tools']}")
    for r in rows:
        if r not in ok:
            print(f"{r['name'][:52]:52} not measured: {r.get('error')}")
    if not ok:
        return
    base, now = sum(r["base"] for r in ok), sum(r["now"] for r in ok)
    ratios = [r["ratio"] for r in ok]
    print(f"\n{len(ok)} packages measured ({len(rows) - len(ok)} not); CPU seconds of the frontend stage, "
          f"median of {ok[0]['runs']} run(s) per tree")
    print(f"sum: base {base:.2f} s, now {now:.2f} s, sum ratio {now / base:.3f}")
    print(f"median ratio {statistics.median(ratios):.3f}; mean ratio {statistics.fmean(ratios):.3f}; "
          f"geometric mean {statistics.geometric_mean([max(x, 1e-9) for x in ratios]):.3f}")
    print("worst 10 by ratio:")
    for r in sorted(ok, key=lambda r: -r["ratio"])[:10]:
        print(f"  {r['name'][:52]:52} {r['base']:8.3f} {r['now']:8.3f} {r['ratio']:6.2f}")
    print("worst 10 by added seconds:")
    for r in sorted(ok, key=lambda r: r["base"] - r["now"])[:10]:
        print(f"  {r['name'][:52]:52} {r['base']:8.3f} {r['now']:8.3f} {r['now'] - r['base']:+8.3f} s")
    over = [r for r in ok if r["ratio"] > bar]
    print(f"over {bar:g}x: {len(over)}: " + ", ".join(f"{r['name']} {r['ratio']:.2f}" for r in over))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, help="the analyzer/ folder of the version to compare with")
    ap.add_argument("--now", type=Path, default=ROOT / "analyzer", help="default: this checkout's analyzer/")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="realworld")
    ap.add_argument("--only", nargs="+", default=[], metavar="NAME", help="package names (or specs)")
    ap.add_argument("--limit", type=int, default=0, help="the first N packages only")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bar", type=float, default=1.3)
    ap.add_argument("--work", type=Path, default=Path("/tmp/mcpvet-bench-frontends"),
                    help="unpacked packages and pickled inputs (kept and reused), results.json")
    ap.add_argument("--cache", type=Path, default=None, help="download cache (default: MCPVET_CACHE_DIR or mcpvet's)")
    ap.add_argument("--offline", action="store_true", help="fetch nothing: every package is in the cache")
    ap.add_argument("--jobs", type=int, default=1, help="packages measured at once")
    ap.add_argument("--prepare-jobs", type=int, default=1, help="packages prepared at once (before measuring)")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds for one subprocess")
    ap.add_argument("--prepare", metavar="SPEC", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--drive", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.prepare:
        return prepare(args.prepare, args.out, args.offline)
    if args.drive:
        return drive(args.drive)
    if args.base is None:
        ap.error("--base is required")
    base, now = args.base.resolve(), args.now.resolve()
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    packages = corpus(args.corpus)
    if args.only:
        wanted = set(args.only)
        packages = [(n, s) for n, s in packages if n in wanted or s in wanted]
    if args.limit:
        packages = packages[: args.limit]
    print(f"base {base}\nnow  {now}\n{len(packages)} packages, {args.runs} run(s) per tree, work {work}", flush=True)
    with ThreadPoolExecutor(max(1, args.prepare_jobs)) as pool:  # semgrep and fetching first, all at once
        prepared = list(pool.map(lambda p: ensure_input(p[1], work, now, args.cache, args.offline, args.timeout),
                                 packages))
    rows: list[dict[str, Any]] = [{"name": n, "spec": s, "runs": args.runs} for n, s in packages]
    lock = threading.Lock()

    def one(i: int) -> None:
        row, error = rows[i], prepared[i]
        if error:
            row["error"] = f"not prepared: {error}"
        else:
            measure_package(row, i, base, now, work, args.runs, args.timeout)
        with lock:
            if "ratio" in row:
                print(f"[{i + 1}/{len(packages)}] {row['name'][:48]:48} base {row['base']:7.3f} now {row['now']:7.3f} "
                      f"ratio {row['ratio']:5.2f}", flush=True)
            else:
                print(f"[{i + 1}/{len(packages)}] {row['name']}: {row.get('error')}", flush=True)
            (work / "results.json").write_text(json.dumps(rows, indent=1), "utf-8")

    # several packages at once: CPU time does not depend on how many processes share the cores
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        list(pool.map(one, range(len(packages))))
    report(rows, args.bar)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
