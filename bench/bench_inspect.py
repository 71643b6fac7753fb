#!/usr/bin/env python3
"""Time `mcpvet inspect` end to end and per stage; compare the two semgrep engines.

Usage:
    python bench/bench_inspect.py [SPEC ...]            # default: every case of ../shared/eval/cases
    python bench/bench_inspect.py --semgrep-compare [SPEC ...]
    python bench/bench_inspect.py --batch [SPEC ...]    # one semgrep run for all vs one per target

Prints figures; asserts nothing (performance is shown, not tested).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mcpvet import api
from mcpvet.options import InspectOptions
from mcpvet.semgrep import run_semgrep_many

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "cases"


def _default_specs() -> list[str]:
    return [str(p) for p in sorted(EVAL.iterdir()) if p.is_dir()] if EVAL.is_dir() else []


def bench_inspect(specs: list[str], options: InspectOptions) -> None:
    print(f"{'target':48} {'total s':>8} {'fetch':>6} {'semgrep':>8} {'frontends':>9} {'lines':>7} {'lines/s':>8} {'tools':>5}")
    for spec in specs:
        start = time.monotonic()
        card = api.inspect(spec, options)
        total = time.monotonic() - start
        sec = card.stats["seconds"]
        lines = card.stats["lines"]
        rate = lines / sec["frontends"] if sec["frontends"] > 0 else 0.0
        print(f"{spec[-48:]:48} {total:8.2f} {sec['fetch']:6.2f} {sec['semgrep']:8.2f} {sec['frontends']:9.2f} "
              f"{lines:7d} {rate:8.0f} {len(card.tools):5d}")


def _prepared(specs: list[str], options: InspectOptions, scratch: Path) -> list:
    out = []
    for i, spec in enumerate(specs):
        work = scratch / str(i)
        work.mkdir()
        out.append(api._prepare(spec, options, work))
    return out


def semgrep_compare(specs: list[str], options: InspectOptions) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="mcpvet-bench-"))
    try:
        trees = [p.tree for p in _prepared(specs, options, scratch)]
        files = sum(1 for t in trees for f in t.files if f.language.value != "other")
        results = {}
        for engine in ("experimental", "classic"):
            start = time.monotonic()
            runs = run_semgrep_many(trees, options, engine=engine)
            results[engine] = (time.monotonic() - start, {(t.name, h.path, h.line, h.rule, h.sink)
                                                          for t, r in zip(trees, runs, strict=True) for h in r.hits})
        exp_t, exp_hits = results["experimental"]
        cls_t, cls_hits = results["classic"]
        print(f"{len(trees)} targets, {files} source files")
        print(f"semgrep --experimental: {exp_t:6.2f} s  {len(exp_hits)} hits")
        print(f"semgrep (classic)     : {cls_t:6.2f} s  {len(cls_hits)} hits")
        print(f"same hits: {exp_hits == cls_hits}; only experimental: {len(exp_hits - cls_hits)}; "
              f"only classic: {len(cls_hits - exp_hits)}")
        for h in sorted(exp_hits ^ cls_hits)[:20]:
            print("  differs:", h, "(experimental only)" if h in exp_hits else "(classic only)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def batch_compare(specs: list[str], options: InspectOptions) -> None:
    start = time.monotonic()
    for spec in specs:
        api.inspect(spec, options)
    one_by_one = time.monotonic() - start
    start = time.monotonic()
    for _ in api.batch(specs, options):
        pass
    batched = time.monotonic() - start
    print(f"{len(specs)} targets: one by one {one_by_one:.2f} s ({len(specs) / one_by_one * 60:.0f}/min), "
          f"batch {batched:.2f} s ({len(specs) / batched * 60:.0f}/min)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="*")
    ap.add_argument("--semgrep-compare", action="store_true")
    ap.add_argument("--batch", action="store_true")
    args = ap.parse_args(argv)
    specs = args.specs or _default_specs()
    if not specs:
        print("no targets", file=sys.stderr)
        return 2
    options = InspectOptions()
    if args.semgrep_compare:
        semgrep_compare(specs, options)
    elif args.batch:
        batch_compare(specs, options)
    else:
        bench_inspect(specs, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
