#!/usr/bin/env python3
"""Show that two versions of mcpvet give the same scorecards: a guard for speed work.

    python bench/same_results.py --before /tmp/mcpvet-before/analyzer            # vs this checkout
    python bench/same_results.py --before OLD/analyzer --after NEW/analyzer TARGET...

Runs `python -m mcpvet inspect --format json --offline --cache-dir EMPTY --fail-on none TARGET`
with each source tree first on PYTHONPATH, over every folder of corpus/cases and every pinned
artifact that bench/bench_guarddog.py has downloaded (~/.cache/mcpvet-bench/artifacts), or the
targets given. Compares the JSON documents, with timing fields (any key naming seconds) removed
(the scorecard carries none today), and the exit codes. Both run from an empty folder: semgrep
names a rule by its path from the working folder, and that name is in its time-out messages.
Prints one line per target and the first differences; exits 1 when any target differs. Note that
semgrep's per-rule time-outs (5 s a rule and file) depend on the machine's load: on a busy machine
large bundles can differ in those errors[] entries from run to run, with either version.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mcpvet-bench" / "artifacts"


def default_targets() -> list[str]:
    cases = sorted(str(p) for p in (ROOT / "corpus" / "cases").iterdir() if p.is_dir())
    pinned = sorted(str(p) for p in ARTIFACTS.iterdir() if p.is_file()) if ARTIFACTS.is_dir() else []
    return cases + pinned


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if "seconds" not in k}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def run(source: Path, target: str, empty: Path) -> tuple[int, Any]:
    env = {**os.environ, "PYTHONPATH": str(source), "MCPVET_PROGRESS": "0"}
    done = subprocess.run([sys.executable, "-m", "mcpvet", "inspect", "--format", "json", "--offline", "--cache-dir",
                           str(empty), "--fail-on", "none", str(Path(target).resolve())], capture_output=True, env=env,
                          stdin=subprocess.DEVNULL, check=False, cwd=empty)  # semgrep names rules by their path from here
    try:
        return done.returncode, _strip(json.loads(done.stdout))
    except ValueError:
        return done.returncode, {"unreadable output": done.stderr.decode(errors="replace")[-500:]}


def differences(a: Any, b: Any, path: str = "$") -> list[str]:
    if type(a) is not type(b):
        return [f"{path}: {a!r:.120} != {b!r:.120}"]
    if isinstance(a, dict):
        out = [f"{path}.{k}: only in {'before' if k in a else 'after'}" for k in sorted(set(a) ^ set(b))]
        for k in sorted(set(a) & set(b)):
            out += differences(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list):
        out = [f"{path}: {len(a)} items != {len(b)} items"] if len(a) != len(b) else []
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            out += differences(x, y, f"{path}[{i}]")
        return out
    return [] if a == b else [f"{path}: {a!r:.120} != {b!r:.120}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("targets", nargs="*")
    ap.add_argument("--before", type=Path, required=True, help="the analyzer/ folder of the version to compare with")
    ap.add_argument("--after", type=Path, default=ROOT / "analyzer", help="default: this checkout's analyzer/")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    targets = args.targets or default_targets()
    differ = 0
    with tempfile.TemporaryDirectory(prefix="mcpvet-same-") as empty:
        def both(target: str) -> tuple[tuple[int, Any], tuple[int, Any]]:
            return run(args.before, target, Path(empty)), run(args.after, target, Path(empty))

        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            for target, ((code_a, doc_a), (code_b, doc_b)) in zip(targets, pool.map(both, targets), strict=True):
                diffs = differences(doc_a, doc_b)
                if code_a != code_b:
                    diffs.insert(0, f"exit code {code_a} != {code_b}")
                tools = len(doc_a.get("tools", [])) if isinstance(doc_a, dict) else 0
                print(f"{'same' if not diffs else 'DIFFERENT':9} {Path(target).name[:60]:60} exit {code_a}, {tools} tools",
                      flush=True)
                for d in diffs[:10]:
                    print(f"    {d}")
                differ += bool(diffs)
    print(f"{len(targets)} targets, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
