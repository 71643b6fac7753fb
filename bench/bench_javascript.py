#!/usr/bin/env python3
"""Time the JavaScript/TypeScript frontend: lines per second, seconds per package, a 1 MB bundle.

Usage:
    python bench/bench_javascript.py                 # the pinned packages of corpus/pinned-npm.json
    python bench/bench_javascript.py SPEC_OR_DIR ... # npm:NAME@VERSION, a local directory, …
    python bench/bench_javascript.py --bundle-mb 1   # also a synthetic minified bundle of that size

Fetching, unpacking and semgrep are timed separately from the frontend (`analyze`), which is
what the figures are about. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from mcpvet import api
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.model import FileRole, Language, SourceFile, SourceTree
from mcpvet.options import InspectOptions
from mcpvet.semgrep import run_semgrep

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "pinned-npm.json"


def _specs(args: list[str]) -> list[str]:
    if args:
        return args
    return [p["spec"] for p in json.loads(CORPUS.read_text("utf-8"))["packages"]]


def bench_spec(spec: str, options: InspectOptions, scratch: Path) -> dict[str, float | int | str]:
    t0 = time.perf_counter()
    prepared = api._prepare(spec, options, scratch)  # fetch + unpack + discover
    t1 = time.perf_counter()
    run = run_semgrep(prepared.tree, options)
    t2 = time.perf_counter()
    result = JavaScriptFrontend().analyze(prepared.tree, run.hits, options)
    t3 = time.perf_counter()
    return {
        "spec": spec,
        "files": result.files_analysed,
        "lines": result.lines_analysed,
        "tools": len(result.tools),
        "prepare_s": t1 - t0,
        "semgrep_s": t2 - t1,
        "frontend_s": t3 - t2,
        "lines_per_s": result.lines_analysed / max(t3 - t2, 1e-9),
        "nodes": int(result.stats.get("nodes", 0)),
        "edges": int(result.stats.get("edges", 0)),
        "unresolved": int(result.stats.get("unresolved_calls", 0)),
    }


def synthetic_bundle(megabytes: float, folder: Path) -> SourceTree:
    unit = (
        "var a{i}=function(e,t){{return e+t}},b{i}=function(e){{return a{i}(e,1)}};"
        "function c{i}(e){{return require('fs').readFileSync(e,'utf8')+b{i}(2)}}"
        "var d{i}={{k:function(){{return c{i}('x')}},m:[1,2,3].map(function(x){{return x*{i}}})}};"
    )
    parts: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1_000_000:
        chunk = unit.format(i=i)
        parts.append(chunk)
        size += len(chunk)
        i += 1
    parts.append("s.tool('read',function(e){return c7(e)});")
    path = folder / "dist" / "bundle.min.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(parts).encode("utf-8")
    path.write_bytes(data)
    sf = SourceFile("dist/bundle.min.js", path, Language.JAVASCRIPT, FileRole.SOURCE, len(data))
    return SourceTree(root=folder, files=(sf,), name="bundle", version=None, languages=(Language.JAVASCRIPT,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("specs", nargs="*")
    parser.add_argument("--bundle-mb", type=float, default=1.0, help="size of the synthetic bundle (0: none)")
    args = parser.parse_args()
    options = InspectOptions()
    rows = []
    for spec in _specs(args.specs):
        scratch = Path(tempfile.mkdtemp(prefix="mcpvet-bench-js-"))
        try:
            rows.append(bench_spec(spec, options, scratch))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    header = (f"{'package':60} {'files':>5} {'lines':>7} {'tools':>5} {'prep s':>7} {'semgrep s':>9} {'frontend s':>10} "
              f"{'lines/s':>9}")
    print(header)
    for r in rows:
        print(
            f"{str(r['spec'])[:60]:60} {r['files']:>5} {r['lines']:>7} {r['tools']:>5} {r['prepare_s']:>7.2f} "
            f"{r['semgrep_s']:>9.2f} {r['frontend_s']:>10.2f} {r['lines_per_s']:>9.0f}"
        )
    if rows:
        lines = sum(int(r["lines"]) for r in rows)
        secs = sum(float(r["frontend_s"]) for r in rows)
        print(f"total: {lines} lines in {secs:.2f} s of frontend time = {lines / max(secs, 1e-9):.0f} lines/s; "
              f"slowest package {max(float(r['frontend_s']) for r in rows):.2f} s")
    if args.bundle_mb > 0:
        folder = Path(tempfile.mkdtemp(prefix="mcpvet-bench-bundle-"))
        try:
            tree = synthetic_bundle(args.bundle_mb, folder)
            started = time.perf_counter()
            result = JavaScriptFrontend().analyze(tree, [], options)
            elapsed = time.perf_counter() - started
            size = tree.files[0].size
            print(f"synthetic minified bundle: {size / 1e6:.2f} MB, one line, {result.stats.get('nodes')} functions, "
                  f"{elapsed:.2f} s, {size / 1e6 / elapsed:.2f} MB/s, tools={[t.name for t in result.tools]}, "
                  f"errors={[e.message for e in result.errors]}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
