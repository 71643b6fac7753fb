"""Benchmark of the Python frontend on the pinned real packages (and any local folders given).

For each package: fetch (cached) and unpack through mcpvet's own stages, then time discovery,
the semgrep run and the Python frontend separately, and print lines, seconds and lines/s.

    python bench/bench_python.py                 # every package of corpus/pinned-python.json
    python bench/bench_python.py path/to/pkg ... # local folders instead
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from mcpvet.discover import discover
from mcpvet.fetch import fetch_target
from mcpvet.frontends.python import PythonFrontend
from mcpvet.model import Language
from mcpvet.options import InspectOptions
from mcpvet.semgrep import run_semgrep
from mcpvet.unpack import unpack

ROOT = Path(__file__).resolve().parents[1]


def roots(args: list[str], scratch: Path, options: InspectOptions) -> list[tuple[str, Path]]:
    if args:
        return [(a, Path(a)) for a in args]
    out = []
    for i, pkg in enumerate(json.loads((ROOT / "corpus" / "pinned-python.json").read_text())["packages"]):
        fetched = fetch_target(pkg["spec"], options, scratch / f"f{i}")
        res = unpack(fetched.archive, scratch / f"u{i}", options.unpack)
        out.append((pkg["spec"], res.root))
    return out


def main(argv: list[str]) -> int:
    options = InspectOptions()
    with tempfile.TemporaryDirectory() as tmp:
        targets = roots(argv, Path(tmp), options)
        print(
            f"{'package':44} {'files':>5} {'lines':>6} {'tools':>5} {'discover':>8} {'semgrep':>8} {'frontend':>8} "
            f"{'total':>6} {'fe lines/s':>10}")
        totals = [0, 0.0, 0.0]
        for name, root in targets:
            t0 = time.perf_counter()
            tree, _ = discover(root, name_hint=root.name)
            t1 = time.perf_counter()
            run = run_semgrep(tree, options)
            t2 = time.perf_counter()
            result = PythonFrontend().analyze(tree, run.hits, options)
            t3 = time.perf_counter()
            lines = result.lines_analysed
            fe = t3 - t2
            totals[0] += lines
            totals[1] += fe
            totals[2] += t3 - t0
            print(
                f"{name[:44]:44} {len(tree.files_of(Language.PYTHON)):5d} {lines:6d} {len(result.tools):5d} "
                f"{t1 - t0:8.2f} {t2 - t1:8.2f} {fe:8.2f} {t3 - t0:6.2f} {lines / fe if fe else 0:10.0f}"
            )
        print(
            f"all: {totals[0]} lines, frontend {totals[1]:.2f} s ({totals[0] / totals[1]:.0f} lines/s), with discovery "
            f"and semgrep {totals[2]:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
