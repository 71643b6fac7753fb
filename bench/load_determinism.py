#!/usr/bin/env python3
"""Does a busy machine give the same scorecard as a quiet one? (engineering rule: deterministic)

    python bench/load_determinism.py                                  # the default four packages
    python bench/load_determinism.py --jobs 8 --repeat 2 --cache DIR SPEC...

First runs `python -m mcpvet inspect SPEC --format json --offline --fail-on none` once per
package, one at a time (the quiet run), then runs every package `--repeat` times more, `--jobs`
inspects at once (on a 2-core machine `--jobs 8` is a load of 8 and more: each inspect also
runs semgrep and a parser worker). Compares each loaded scorecard with the quiet one: the tool
names, the findings (rule, tool, severity, title), the errors[] marks of coverage budgets
(stage "budget") and of the wall-clock backstop (stage "overload"), and the remaining errors[].
Prints one line per run and a summary; exits 1 when any loaded run differs from the quiet one.

The packages are read from an mcpvet download cache (`--cache`, default
/work/oracle-work/mcpvet-cache, set with MCPVET_CACHE_DIR), offline. The source tree analysed
with is this checkout's (or `--source DIR/analyzer`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPECS = ("npm:@sentry/mcp-server@0.39.0", "npm:@shopify/dev-mcp@1.16.0", "npm:@azure-devops/mcp@2.10.0",
                 "pypi:jcodemunch-mcp==1.108.399")


def inspect(spec: str, cache: Path, source: Path, timeout: float) -> dict[str, Any]:
    env = {**os.environ, "MCPVET_CACHE_DIR": str(cache), "MCPVET_PROGRESS": "0", "PYTHONPATH": str(source)}
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "mcpvet", "inspect", spec, "--format", "json", "--offline",
                               "--fail-on", "none"], capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"inspect_error": f"ran past {timeout:g} s", "wall": time.monotonic() - start}
    card: dict[str, Any] = (json.loads(done.stdout) if done.stdout.strip().startswith("{")
                            else {"inspect_error": f"exit {done.returncode}: {done.stderr.strip()[-300:]}"})
    card["wall"] = time.monotonic() - start
    return card


def digest(card: dict[str, Any]) -> dict[str, Any]:
    """What must not depend on the machine's load."""
    errors = card.get("errors") or []
    return {
        "error": card.get("inspect_error"),
        "tools": sorted(t.get("name", "") for t in card.get("tools") or []),
        "findings": sorted((f.get("rule"), f.get("tool"), f.get("severity"), f.get("title"))
                           for f in card.get("findings") or []),
        "budget": sorted(e.get("message", "") for e in errors if e.get("stage") == "budget"),
        "overload": sorted(e.get("message", "") for e in errors if e.get("stage") == "overload"),
        "other": sorted((e.get("stage") or "", e.get("path") or "", e.get("message") or "") for e in errors
                        if e.get("stage") not in ("budget", "overload")),
    }


def differences(quiet: dict[str, Any], loaded: dict[str, Any]) -> list[str]:
    out = []
    for key in ("error", "tools", "findings", "budget", "overload", "other"):
        if quiet[key] != loaded[key]:
            if isinstance(quiet[key], list):
                gone = [x for x in quiet[key] if x not in loaded[key]]
                new = [x for x in loaded[key] if x not in quiet[key]]
                out.append(f"{key}: -{len(gone)} +{len(new)} {(gone + new)[:2]}")
            else:
                out.append(f"{key}: {quiet[key]!r} -> {loaded[key]!r}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="*", default=list(DEFAULT_SPECS))
    ap.add_argument("--jobs", type=int, default=8, help="inspects at once in the loaded run")
    ap.add_argument("--repeat", type=int, default=2, help="loaded runs of each package")
    ap.add_argument("--cache", type=Path, default=Path("/work/oracle-work/mcpvet-cache"))
    ap.add_argument("--source", type=Path, default=ROOT / "analyzer")
    ap.add_argument("--timeout", type=float, default=3600.0)
    ap.add_argument("--json", type=Path, help="write the digests of every run here")
    args = ap.parse_args()

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    quiet: dict[str, dict[str, Any]] = {}
    for spec in args.specs:
        card = inspect(spec, args.cache, args.source, args.timeout)
        quiet[spec] = digest(card)
        q = quiet[spec]
        print(f"quiet  {spec}: {len(q['tools'])} tools, {len(q['findings'])} findings, {len(q['budget'])} budget "
              f"marks, {len(q['overload'])} backstop marks, {card['wall']:.1f} s", flush=True)

    runs = [spec for spec in args.specs for _ in range(args.repeat)]
    loads: list[float] = []
    with ThreadPoolExecutor(args.jobs) as pool:
        futures = [(spec, pool.submit(inspect, spec, args.cache, args.source, args.timeout)) for spec in runs]
        results = []
        for spec, fut in futures:
            while not fut.done():
                loads.append(os.getloadavg()[0])
                time.sleep(1.0)
            results.append((spec, fut.result()))
    same = 0
    record: dict[str, Any] = {"quiet": quiet, "loaded": []}
    for spec, card in results:
        d = digest(card)
        diff = differences(quiet[spec], d)
        same += not diff
        record["loaded"].append({"spec": spec, **d})
        print(f"loaded {spec}: {'same' if not diff else 'DIFFERENT'} ({len(d['tools'])} tools, {len(d['findings'])} "
              f"findings, {len(d['budget'])} budget marks, {len(d['overload'])} backstop marks, {card['wall']:.1f} s)"
              + "".join(f"\n    {line}" for line in diff), flush=True)
    peak = max(loads, default=0.0)
    print(f"\n{same} of {len(results)} loaded runs equal the quiet run; load average up to {peak:.1f} "
          f"(--jobs {args.jobs} on {os.cpu_count()} cores)")
    if args.json:
        args.json.write_text(json.dumps(record, indent=1, default=list))
    return 0 if same == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
