"""Where the tools mcpvet missed are declared, in the installed source (for triage of the oracle table).

Reads corpus/oracle/results.json (bench/oracle_compare.py) and the installs that bench/oracle_run.py left in
its work folder; for each package with missed tools or description mismatches prints mcpvet's frontend
errors and the first file:line of the installed package (its own files, not its dependencies) where each
missed tool name appears as a string literal.

    python bench/oracle_locate.py [--work DIR] [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("ORACLE_RESULTS", ROOT / "corpus" / "oracle" / "results.json"))
SOURCE_SUFFIXES = (".py", ".js", ".mjs", ".cjs", ".ts", ".json")


def package_files(work: Path, row: dict[str, Any]) -> tuple[list[Path], Path]:
    """The package's own source files and the folder their paths are given from."""
    root = work / row["ecosystem"] / f"{row['name'].replace('/', '__')}@{row['version']}"
    if row["ecosystem"] == "npm":
        for prefix in ("npm", "npm-dated"):
            base = root / prefix / "node_modules" / row["name"]
            if base.is_dir():
                return [p for p in base.rglob("*") if p.suffix in SOURCE_SUFFIXES and "node_modules" not in
                        p.relative_to(base).parts and p.is_file()], base
        return [], work
    for venv in ("venv", "venv-dated"):
        sites = list((root / venv / "lib").glob("python3*/site-packages"))
        if not sites:
            continue
        site = sites[0]
        norm = re.sub(r"[-_.]+", "_", row["name"]).lower()
        record = next((d / "RECORD" for d in site.glob("*.dist-info")
                       if re.sub(r"[-_.]+", "_", d.name.removesuffix(".dist-info").rsplit("-", 1)[0]).lower() == norm), None)
        if record and record.is_file():
            names = [line.split(",", 1)[0] for line in record.read_text().splitlines()]
            return [site / n for n in names if n.endswith(".py") and (site / n).is_file()], site
    return [], work


def locate(files: list[Path], name: str, base: Path) -> str | None:
    pattern = re.compile(r"""["'`]""" + re.escape(name) + r"""["'`]""")
    fallback = None
    for f in files:
        try:
            lines = f.read_text(errors="replace").splitlines()
        except OSError:
            continue
        for i, line in enumerate(lines, 1):
            if pattern.search(line):
                return f"{f.relative_to(base)}:{i}"
            if fallback is None and re.search(r"\bdef " + re.escape(name) + r"\b|\b" + re.escape(name) + r"\s*[(:=]", line):
                fallback = f"{f.relative_to(base)}:{i} (as an identifier)"
    return fallback


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("MCPVET_ORACLE_WORK",
                                                                     Path(tempfile.gettempdir()) / "mcpvet-oracle")))
    ap.add_argument("--limit", type=int, default=4, help="missed tools located per package")
    args = ap.parse_args(argv)
    rows = json.loads(RESULTS.read_text())["packages"]
    for row in rows:
        c = row.get("cmp")
        if not c or (args.names and row["name"] not in args.names):
            continue
        if not c["missed"] and not c["desc_mismatches"]:
            continue
        files, base = package_files(args.work, row)
        print(f"## {row['spec']}: {c['matched']}/{c['live']} found, {c['found']} reported, "
              f"{len(c['desc_mismatches'])} description mismatches")
        for e in row.get("mcpvet_errors", [])[:4]:
            print(f"  mcpvet error: {e[:220]}")
        for name in c["missed"][: args.limit]:
            print(f"  missed {name}: {locate(files, name, base) or 'name not found as a literal'}")
        for m in c["desc_mismatches"][:2]:
            print(f"  description of {m['tool']} ({m['source']}, {m['at']}):\n    live:   {m['live'][:160]!r}\n"
                  f"    mcpvet: {m['mcpvet'][:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
