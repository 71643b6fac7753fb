#!/usr/bin/env python3
"""`mcpvet inspect` side by side with GuardDog's package scan on the pinned corpus's artifacts.

    python bench/bench_guarddog.py                      # corpus/pinned-*.json (19 artifacts), 5 runs each
    python bench/bench_guarddog.py --all                # also every target of corpus/pinned-batch.txt
    python bench/bench_guarddog.py --runs 7 --only mcp-server-time
    python bench/bench_guarddog.py --json out.json      # the raw timings as well
    python bench/bench_guarddog.py --baseline /tmp/old/analyzer   # an older mcpvet in the same rounds

Online once, then offline: the first run installs GuardDog (PyPI `guarddog`, pinned) into its
own virtual environment and downloads each pinned artifact (the file `mcpvet inspect pypi:…`
would analyse: a pure wheel, else the sdist; the npm tarball), checking its digest, into a cache
folder (`--cache`, default ~/.cache/mcpvet-bench). Both tools then read the same local file:

    mcpvet:   python -m mcpvet inspect --format json --offline --cache-dir EMPTY --fail-on none FILE
    GuardDog: guarddog pypi|npm scan --output-format json FILE

`--offline` with an empty cache folder: no provenance look-up reaches a network, so both sides
do local work only. GuardDog refreshes its popular-package lists (typosquatting) from hosts
outside the registries when its bundled copies are more than 30 days old; the bench gives it
a copy of its own bundled lists stamped today (GUARDDOG_TOP_PACKAGES_CACHE_LOCATION), so it
neither waits for a network nor changes what it compares names against.

Warm: bytecode is cached (as for an installed tool, even under PYTHONDONTWRITEBYTECODE: compiling
mcpvet's modules from source on every run cost a fifth of its CPU time), and each command runs
once untimed per artifact, then `--runs` times, alternating between the tools. Medians are
reported, of wall time and of CPU time (user + system of the command and every process it waited
for: semgrep, parser workers), which moves less with the machine's load. Prints per artifact the
two medians, their ratio, mcpvet's own per-stage split (import of the CLI and api, the
scorecard's `stats.seconds`, the whole of `api.inspect`, rendering; from `--stage-runs` extra runs
in a probe process, medians; the stages may overlap, so they can add up to more than `inspect`)
and the load average, then the median
ratio and the worst. Asserts nothing: performance is shown, not tested. Other work on the machine
moves the figures: compare runs made back to back.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin

ROOT = Path(__file__).resolve().parents[1]
GUARDDOG = "guarddog==3.2.0"
PYPI = os.environ.get("MCPVET_PYPI_URL", "https://pypi.org").rstrip("/")
NPM = os.environ.get("MCPVET_NPM_URL", "https://registry.npmjs.org").rstrip("/")
STAGES = ("import", "prepare", "semgrep", "frontends", "provenance", "checks", "render")

# mcpvet's per-stage split, in a process of its own run like the CLI's: what importing the CLI and
# the api costs, the scorecard's own stage timings (`stats.seconds`, not part of the JSON output),
# the whole of `api.inspect`, and rendering the JSON
_STAGE_PROBE = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from mcpvet import cli
try:  # what cli.main sets up before a command runs (start-up caches), in versions that have it
    from mcpvet import clifast, dccache, rxcache
    from mcpvet.options import default_cache_dir
    rxcache.install(default_cache_dir()); dccache.install(default_cache_dir()); clifast.install()
except ImportError:
    pass
from mcpvet import api
t1 = time.perf_counter()
opts = cli._options(None, None, Path(sys.argv[2]), False, None, None, None, None, False, True)
card = api.inspect(sys.argv[1], opts)
t2 = time.perf_counter()
from mcpvet.render import Format, render
render(card, Format.JSON)
t3 = time.perf_counter()
sec = card.stats.get("seconds", {})
prepare = sum(sec.get(k, 0.0) for k in ("fetch", "unpack", "discover"))
out = {"import": t1 - t0, "prepare": prepare, **{k: v for k, v in sec.items() if k not in ("fetch", "unpack", "discover")},
       "inspect": t2 - t1, "render": t3 - t2}
print(json.dumps(out))
"""


@dataclass
class Row:
    spec: str
    artifact: Path
    mcpvet: list[float] = field(default_factory=list)
    guarddog: list[float] = field(default_factory=list)
    mcpvet_cpu: list[float] = field(default_factory=list)
    guarddog_cpu: list[float] = field(default_factory=list)
    stages: dict[str, list[float]] = field(default_factory=dict)
    load: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def ratio(self) -> float:
        return statistics.median(self.mcpvet) / statistics.median(self.guarddog)


# ---------------------------------------------------------------- set-up (online, once)

def guarddog_venv(cache: Path) -> Path:
    """The guarddog executable of a virtual environment of its own (created on first use)."""
    venv = cache / ("venv-" + GUARDDOG.replace("==", "-"))
    exe = venv / "bin" / "guarddog"
    if not exe.is_file():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", GUARDDOG], check=True)
    return exe


def guarddog_lists(cache: Path, exe: Path) -> Path:
    """GuardDog's own bundled popular-package lists, stamped today so that it does not refresh them."""
    found = list((exe.parent.parent / "lib").glob("python3*/site-packages/guarddog/analyzer/metadata/resources"))
    if not found:
        raise SystemExit(f"guarddog's resources folder not found under {exe.parent.parent}")
    out = cache / "guarddog-top-packages"
    out.mkdir(parents=True, exist_ok=True)
    for src in found[0].iterdir():
        if src.suffix == ".json":
            doc = json.loads(src.read_text(encoding="utf-8"))
            doc["downloaded_timestamp"] = int(time.time())
            (out / src.name).write_text(json.dumps(doc), encoding="utf-8")
        else:
            shutil.copyfile(src, out / src.name)
    return out


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as resp:
        data: bytes = resp.read()
        return data


def pinned_specs(include_batch: bool) -> list[str]:
    specs: list[str] = []
    for name in ("pinned-python.json", "pinned-npm.json"):
        doc = json.loads((ROOT / "corpus" / name).read_text(encoding="utf-8"))
        specs += [p["spec"] for p in doc["packages"]]
    if include_batch:
        lines = (ROOT / "corpus" / "pinned-batch.txt").read_text(encoding="utf-8").splitlines()
        specs += [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    return list(dict.fromkeys(specs))


def download(spec: str, folder: Path) -> Path:
    """The artifact `mcpvet inspect SPEC` would analyse, downloaded once and checked against its digest."""
    folder.mkdir(parents=True, exist_ok=True)
    if spec.startswith("pypi:"):
        from mcpvet.fetch.pypi import choose_file

        name, _, version = spec[5:].partition("==")
        doc_url = f"{PYPI}/pypi/{quote(name)}/json"  # the per-version API is not served by every mirror
        doc = json.loads(_get(doc_url))
        chosen, _note = choose_file(doc["releases"][version], None)
        if chosen is None:
            raise RuntimeError(f"{spec}: no wheel nor sdist")
        url, algo, digest = urljoin(doc_url, chosen["url"]), "sha256", chosen["digests"]["sha256"]
        filename = chosen["filename"]
    elif spec.startswith("npm:"):
        rest = spec[4:]
        at = rest.rindex("@")
        name, version = rest[:at], rest[at + 1:]
        doc = json.loads(_get(f"{NPM}/{quote(name, safe='@')}/{quote(version)}"))
        url = urljoin(f"{NPM}/", doc["dist"]["tarball"])
        algo, digest = "sha1", doc["dist"]["shasum"]
        filename = name.replace("/", "__").lstrip("@") + f"-{version}.tgz"
    else:
        raise SystemExit(f"{spec}: only pypi: and npm: specs are pinned artifacts")
    path = folder / filename
    if path.is_file() and hashlib.new(algo, path.read_bytes()).hexdigest() == digest:
        return path
    data = _get(url)
    if hashlib.new(algo, data).hexdigest() != digest:
        raise RuntimeError(f"{spec}: {filename} does not match its registry {algo}")
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- timing (offline)

def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """(wall seconds, CPU seconds of the command and every process it waited for, the result)."""
    cpu = _cpu_of_children()
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=env, stdin=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, _cpu_of_children() - cpu, done


def measure(row: Row, runs: int, stage_runs: int, gd: Path, gd_env: dict[str, str], mv_env: dict[str, str],
            empty: Path, baseline: Row | None = None, base_env: dict[str, str] | None = None) -> None:
    """Time mcpvet and GuardDog on one artifact, alternating; with `baseline`, also the baseline
    mcpvet (`base_env` puts its source first on PYTHONPATH) in the same rounds."""
    eco = "npm" if row.spec.startswith("npm:") else "pypi"
    mv_cmd = [sys.executable, "-m", "mcpvet", "inspect", "--format", "json", "--offline", "--cache-dir", str(empty),
              "--fail-on", "none", str(row.artifact)]
    gd_cmd = [str(gd), eco, "scan", "--output-format", "json", str(row.artifact)]
    variants = [(row, mv_env)] + ([(baseline, base_env or mv_env)] if baseline is not None else [])
    for n in range(runs + 1):
        t_gd, cpu_gd, gdp = _timed(gd_cmd, gd_env)
        for target, env in variants:
            t_mv, cpu_mv, mv = _timed(mv_cmd, env)
            if n == 0:  # warm-up: untimed
                if mv.returncode not in (0, 1):
                    target.problems.append(f"mcpvet exit {mv.returncode}: {mv.stderr.decode(errors='replace')[-300:]}")
                if gdp.returncode != 0:
                    target.problems.append(f"guarddog exit {gdp.returncode}: "
                                           f"{gdp.stderr.decode(errors='replace')[-300:]}")
                continue
            target.mcpvet.append(t_mv)
            target.guarddog.append(t_gd)
            target.mcpvet_cpu.append(cpu_mv)
            target.guarddog_cpu.append(cpu_gd)
            target.load.append(os.getloadavg()[0])
    for _ in range(stage_runs):
        for target, env in variants:
            done = subprocess.run([sys.executable, "-c", _STAGE_PROBE, str(row.artifact), str(empty)],
                                  capture_output=True, env=env, stdin=subprocess.DEVNULL, check=False)
            try:
                seconds = json.loads(done.stdout.decode().strip().splitlines()[-1])
            except (ValueError, IndexError):
                target.problems.append(f"stage probe failed: {done.stderr.decode(errors='replace')[-300:]}")
                continue
            for stage, value in seconds.items():
                target.stages.setdefault(stage, []).append(float(value))


HEADER = (f"{'artifact':44} {'mcpvet':>7} {'gdog':>6} {'ratio':>6} " + " ".join(f"{s[:6]:>6}" for s in STAGES)
          + f" {'inspct':>6} {'other':>6} {'cpu mv':>6} {'cpu gd':>6} {'load':>5}")


def row_line(r: Row, label: str | None = None) -> str:
    med = statistics.median
    name = f"  {label}" if label else r.artifact.name[:44]
    if not r.mcpvet or not r.guarddog:
        return f"{name:44} not measured: {'; '.join(r.problems)}"
    stages = {s: med(v) for s, v in r.stages.items()}
    whole = stages.get("inspect", 0.0)
    # other: interpreter start-up, option parsing, output, exit (the CLI's wall time less the probe's parts)
    other = med(r.mcpvet) - stages.get("import", 0.0) - whole - stages.get("render", 0.0)
    cells = " ".join(f"{stages.get(s, 0.0):6.3f}" for s in STAGES)
    text = (f"{name:44} {med(r.mcpvet):7.3f} {med(r.guarddog):6.3f} {r.ratio():6.2f} {cells} "
            f"{whole:6.3f} {other:6.3f} {med(r.mcpvet_cpu):6.3f} {med(r.guarddog_cpu):6.3f} {med(r.load):5.2f}")
    return "\n".join([text, *(f"    ! {p}" for p in r.problems)])


def summary(rows: list[Row], label: str = "") -> None:
    med = statistics.median
    done = [r for r in rows if r.mcpvet and r.guarddog]
    if not done:
        return
    ratios = sorted((r.ratio(), r.artifact.name) for r in done)
    print(f"\n{label}{len(done)} artifacts, {len(done[0].mcpvet)} runs each (medians), cores {os.cpu_count()}, "
          f"load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"median ratio mcpvet/GuardDog: {med(r for r, _ in ratios):.2f}   worst: {ratios[-1][0]:.2f} "
          f"({ratios[-1][1]})   best: {ratios[0][0]:.2f}")
    print(f"median mcpvet {med(med(r.mcpvet) for r in done):.3f} s, median GuardDog "
          f"{med(med(r.guarddog) for r in done):.3f} s; artifacts over 1.2x: {sum(1 for r, _ in ratios if r > 1.2)}")
    cpu = sorted(med(r.mcpvet_cpu) / med(r.guarddog_cpu) for r in done)
    print(f"CPU time (all processes of a run; less sensitive to load than wall time): median ratio "
          f"{med(cpu):.2f}, worst {cpu[-1]:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--stage-runs", type=int, default=3, help="runs of mcpvet's per-stage split (medians)")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                    / "mcpvet-bench")
    ap.add_argument("--all", action="store_true", help="also every target of corpus/pinned-batch.txt")
    ap.add_argument("--only", action="append", default=[], help="only specs containing this text (repeatable)")
    ap.add_argument("--json", type=Path, help="write the raw timings here")
    ap.add_argument("--baseline", type=Path, help="an analyzer/ folder of another mcpvet version, timed in the same "
                    "rounds (before/after figures under the same load)")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    specs = [s for s in pinned_specs(args.all) if not args.only or any(o in s for o in args.only)]
    gd = guarddog_venv(args.cache)
    lists = guarddog_lists(args.cache, gd)
    rows = [Row(s, download(s, args.cache / "artifacts")) for s in specs]
    # warm as installed tools are: bytecode cached (GuardDog's was compiled by pip; mcpvet's goes to a
    # folder of the bench cache, so source trees stay clean), even where PYTHONDONTWRITEBYTECODE is set
    plain = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    gd_env = {**plain, "GUARDDOG_TOP_PACKAGES_CACHE_LOCATION": str(lists)}
    mv_env = {**plain, "MCPVET_PROGRESS": "0", "PYTHONPYCACHEPREFIX": str(args.cache / "pycache")}
    python_path = os.environ.get("PYTHONPATH")
    print(f"mcpvet from {python_path or 'the installed package'}; {GUARDDOG}; {len(rows)} artifacts; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    print(HEADER, flush=True)
    base_rows = [Row(r.spec, r.artifact) for r in rows] if args.baseline else []
    base_env = {**mv_env, "PYTHONPATH": str(args.baseline)} if args.baseline else None
    if args.baseline:
        print(f"baseline mcpvet from {args.baseline}, timed in the same rounds (lines 'baseline')", flush=True)
    with tempfile.TemporaryDirectory(prefix="mcpvet-bench-empty-cache-") as empty:
        for i, row in enumerate(rows):
            base = base_rows[i] if base_rows else None
            measure(row, args.runs, args.stage_runs, gd, gd_env, mv_env, Path(empty), base, base_env)
            print(row_line(row), flush=True)
            if base is not None:
                print(row_line(base, "baseline"), flush=True)
    summary(rows, "this mcpvet: " if base_rows else "")
    if base_rows:
        summary(base_rows, "baseline: ")
    if args.json:
        def raw(r: Row) -> dict[str, object]:
            return {"spec": r.spec, "artifact": r.artifact.name, "mcpvet": r.mcpvet, "guarddog": r.guarddog,
                    "mcpvet_cpu": r.mcpvet_cpu, "guarddog_cpu": r.guarddog_cpu, "stages": r.stages, "load": r.load,
                    "problems": r.problems}

        args.json.write_text(json.dumps({"rows": [raw(r) for r in rows], "baseline": [raw(r) for r in base_rows]},
                                        indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
