"""Hostile inputs through the real command line: exit code, scorecard or not, traceback or not,
wall time and peak memory per shape.

    python bench/bench_hostile.py              # every shape, one run each
    python bench/bench_hostile.py -k tar       # shapes whose name contains "tar"

A shape holds when `mcpvet inspect SHAPE --format json` ends within 60 s and 2 GiB with either a
scorecard on stdout (exit 0, 1 or 3) or a usage error (exit 2, nothing on stdout), and never a
Python traceback. The shapes are the generators of tests/hostile (one test per shape there); this
script measures them end to end, offline (registry URLs point at a closed loopback port).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import generators as gen  # noqa: E402

TIME_BOUND_S = 60.0
MEMORY_BOUND_MB = 2048.0


def _binary_py_folder(d: Path) -> Path:
    root = d / "binary-py"
    (root / "pkg").mkdir(parents=True)
    for i in range(5):
        (root / "pkg" / f"m{i}.py").write_bytes(os.urandom(4 << 20))
    return root


def _string_assignments_folder(d: Path) -> Path:
    root = d / "strings"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "table.py").write_text("".join(f"S{i} = 'value number {i}'\n" for i in range(80_000)))
    return root


def _fifo_folder(d: Path) -> Path:
    return gen.special_files_folder(d)


SHAPES: dict[str, Callable[[Path], Path]] = {
    "zero-byte .tar.gz": gen.zero_byte_archive,
    "truncated .tar.gz": gen.truncated_targz,
    "HTML saved as .tar.gz": gen.html_as_targz,
    "truncated wheel": gen.truncated_wheel,
    "empty .tar.gz": gen.empty_targz,
    "empty wheel": gen.empty_wheel,
    "folders-only .tar.gz": gen.folders_only_targz,
    "links-only .tar.gz": gen.links_only_targz,
    "tar of 200,000 members": gen.many_member_targz,
    "zip64 declaring 200,000 entries": gen.zip64_declaring_many_entries,
    "package.json nested 100,000 deep": gen.nested_json_folder,
    "a field nested 600 deep": gen.nested_field_folder,
    "pyproject.toml nested 100,000 deep": gen.nested_toml_folder,
    "absurd package.json": gen.absurd_package_json_folder,
    "absurd pyproject.toml": gen.absurd_pyproject_folder,
    "FIFO, socket in a folder": _fifo_folder,
    "links out of the folder": lambda d: gen.symlinks_out_folder(d)[0],
    "5,000 links": gen.many_links_folder,
    "manifests not in UTF-8": gen.encodings_folder,
    "site-packages of 40 distributions": gen.site_packages_folder,
    "5 binary .py files of 4 MB": _binary_py_folder,
    "80,000 string assignments (1 MB)": _string_assignments_folder,
}


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def run_shape(name: str, make: Callable[[Path], Path], mcpvet: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="mcpvet-bench-hostile-") as tmp:
        target = make(Path(tmp))
        url = _closed_port()
        env = {**os.environ, "MCPVET_PYPI_URL": url, "MCPVET_NPM_URL": url, "MCPVET_OSV_URL": url,
               "MCPVET_CACHE_DIR": str(Path(tmp) / "cache"), "MCPVET_PROGRESS": "0"}
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        start = time.monotonic()
        with out_path.open("wb") as out, err_path.open("wb") as err:
            proc = subprocess.Popen([mcpvet, "inspect", str(target), "--format", "json"], stdout=out, stderr=err,
                                    env=env, stdin=subprocess.DEVNULL)
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            except KeyboardInterrupt:
                proc.kill()
                raise
        seconds = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        stdout, stderr = out_path.read_text("utf-8", "replace"), err_path.read_text("utf-8", "replace")
        try:
            card = json.loads(stdout) if stdout.strip() else None
        except ValueError:
            card = None
        peak_mb = usage.ru_maxrss / 1024
        traceback = "Traceback (most recent call last)" in stderr
        outcome_ok = (code in (0, 1, 3) and card is not None) or (code == 2 and not stdout.strip())
        holds = outcome_ok and not traceback and seconds <= TIME_BOUND_S and peak_mb <= MEMORY_BOUND_MB
        last_error = str(card["errors"][-1].get("message", "")) if card and card.get("errors") else ""
        last_stderr = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        return {"shape": name, "exit": code, "scorecard": card is not None, "traceback": traceback,
                "seconds": round(seconds, 2), "peak_mb": round(peak_mb), "holds": holds,
                "says": (last_error or last_stderr)[:100]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-k", default="", help="only shapes whose name contains this")
    parser.add_argument("--json", help="write the rows to this file as JSON")
    args = parser.parse_args()
    mcpvet = str(Path(sys.executable).parent / "mcpvet")
    rows = []
    print(f"{'shape':38} {'exit':>4} {'card':>5} {'tb':>3} {'secs':>7} {'MB':>6}  holds  last errors[] entry")
    for name, make in SHAPES.items():
        if args.k.lower() not in name.lower():
            continue
        row = run_shape(name, make, mcpvet)
        rows.append(row)
        print(f"{name:38} {row['exit']:>4} {str(row['scorecard']):>5} {'yes' if row['traceback'] else 'no':>3} "
              f"{row['seconds']:>7.2f} {row['peak_mb']:>6}  {'yes' if row['holds'] else 'NO':5}  {row['says']}",
              flush=True)
    held = sum(1 for r in rows if r["holds"])
    print(f"\n{held} of {len(rows)} shapes hold (bound: {TIME_BOUND_S:g} s, {MEMORY_BOUND_MB:g} MB, no traceback)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
