"""What the GitHub Action runs: scan the target(s), write one Markdown report (and SARIF), set the gate.

`python -m mcpvet.github.scan --target T --out DIR [--fail-on high] [--config FILE] [--diff-base SPEC|auto]
[--base SHA] [--sarif] [-- extra mcpvet options]`

- `--target .` (the repository), any spec, or `added`: the packages the pull request adds to a
  list or registry repository (`mcpvet.github.added_specs` against `--base`);
- `--diff-base SPEC`: also `mcpvet diff SPEC TARGET` (a PR that bumps a version); `auto` with
  `added`: against the version a bumped entry had before. When a diff ran, the gate is the diff's
  (`--fail-on` applies to what is new only), else the scan's;
- `--sarif`: `DIR/mcpvet.sarif` for code scanning (one target only: alerts need one root); for a folder
  target inside the repository (`servers/weather`) its paths are made repository-relative.

Every analysis is a `mcpvet` subprocess (this module never imports the pipeline). Writes
`DIR/report.md` (under 60,000 characters: a later package's report is shortened to a line when
the comment would overflow) and, under GitHub Actions, the outputs `exit-code`, `report` and `sarif`.
Exit code: the worst of the runs (3 an analysis failed, 1 a finding at or above --fail-on, 0 clean).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mcpvet.github.added_specs import Added, added_specs, git_output

MAX_REPORT = 60_000
_GATE_ORDER = {0: 0, 1: 1, 2: 2, 3: 3}


@dataclass(frozen=True)
class Job:
    target: str
    previous: str | None = None


def _mcpvet(args: list[str]) -> int:
    return subprocess.run([sys.executable, "-m", "mcpvet", *args], check=False).returncode


def _worst(codes: list[int]) -> int:
    return max(codes, key=lambda c: _GATE_ORDER.get(c, 3), default=0)


def _jobs(target: str, diff_base: str | None, base: str | None) -> list[Job] | str:
    if target != "added":
        return [Job(target, diff_base if diff_base and diff_base != "auto" else None)]
    if not base:
        return "--target added needs --base (the pull request's base revision)"
    diff = git_output("diff", "--no-color", "--no-renames", "--unified=0", f"{base}...HEAD")
    if diff is None:
        return f"git diff {base}...HEAD failed (fetch the base revision: actions/checkout with fetch-depth: 0)"
    found: list[Added] = added_specs(diff, lambda p: git_output("show", f"{base}:{p}"),
                                     lambda p: git_output("show", f"HEAD:{p}"))
    return [Job(a.spec, a.previous if diff_base == "auto" else None) for a in found]


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError:
        return ""


def run(target: str, out: Path, *, fail_on: str = "high", config: str | None = None, diff_base: str | None = None,
        base: str | None = None, sarif: bool = False, extra: list[str] | None = None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    extra = list(extra or [])
    common = ["--fail-on", fail_on, *(["--config", config] if config else []), *extra]
    jobs = _jobs(target, diff_base, base)
    report = out / "report.md"
    if isinstance(jobs, str):
        report.write_text(f"## mcpvet\n\n**Not scanned**: {jobs}\n", "utf-8")
        sys.stderr.write(f"mcpvet action: {jobs}\n")
        return 2
    if not jobs:
        report.write_text("## mcpvet\n\nThis pull request adds no package to scan.\n", "utf-8")
        return 0
    sections: list[str] = []
    codes: list[int] = []
    with tempfile.TemporaryDirectory(prefix="mcpvet-action-") as tmp:
        for i, job in enumerate(jobs):
            md = Path(tmp) / f"{i}.md"
            code = _mcpvet(["inspect", job.target, "--format", "markdown", "-o", str(md), *common])
            text = _read(md)
            if not text and code in (0, 1):
                code = 3  # exits 0, 1 and 3 always write a report: without one, mcpvet itself did not run
            gate = code
            text = text or f"## mcpvet: `{job.target}`\n\n**Not analysed** (exit {code}): see the workflow log.\n"
            if job.previous:
                diff_md = Path(tmp) / f"{i}-diff.md"
                diff_code = _mcpvet(["diff", job.previous, job.target, "--format", "markdown", "-o", str(diff_md), *common])
                if diff_code in (0, 1):
                    gate = diff_code  # a bump is judged on what it brings
                diff_text = _read(diff_md) or f"_mcpvet diff {job.previous} → {job.target} failed (exit {diff_code})._\n"
                text = diff_text + "\n<details><summary>Full scorecard of the new version</summary>\n\n" + text + "\n</details>\n"
            if sarif and len(jobs) == 1:
                _mcpvet(["inspect", job.target, "--format", "sarif", "-o", str(out / "mcpvet.sarif"), *common,
                         "--fail-on", "none"])
                rebase_sarif(out / "mcpvet.sarif", job.target)
            codes.append(gate)
            sections.append(text)
    body = _compose(sections, jobs, codes)
    report.write_text(body, "utf-8")
    return _worst(codes)


def _walk_uris(node: object, prefix: str) -> None:
    if isinstance(node, dict):
        location = node.get("artifactLocation")
        if isinstance(location, dict) and isinstance(location.get("uri"), str):
            location["uri"] = f"{prefix}/{location['uri']}"
        for value in node.values():
            _walk_uris(value, prefix)
    elif isinstance(node, list):
        for value in node:
            _walk_uris(value, prefix)


def rebase_sarif(path: Path, target: str, cwd: Path | None = None) -> None:
    """Paths in the SARIF are relative to the scanned folder; code scanning wants them relative to the
    repository. A folder target inside the working directory (`servers/weather`) prefixes them."""
    folder = Path(target)
    here = (cwd or Path.cwd()).resolve()
    if not path.is_file() or not folder.is_dir():
        return
    resolved = (here / folder).resolve()
    if resolved == here or not resolved.is_relative_to(here):
        return
    prefix = resolved.relative_to(here).as_posix()
    doc = json.loads(path.read_text("utf-8"))
    for run in doc.get("runs", []):
        _walk_uris(run.get("results", []), prefix)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "utf-8")


def _compose(sections: list[str], jobs: list[Job], codes: list[int]) -> str:
    """The sections in order; one that would take the report past MAX_REPORT becomes a single line."""
    out: list[str] = []
    size = 0
    for text, job, code in zip(sections, jobs, codes, strict=True):
        verdict = {0: "passed", 1: "failed the gate", 3: "analysis failed"}.get(code, f"exit {code}")
        if size + len(text) + 200 > MAX_REPORT:
            text = f"## mcpvet: `{job.target}` — {verdict}\n\n_The full report did not fit in this comment; run " \
                   f"`mcpvet inspect {job.target} --format markdown` or see the workflow log._\n"
        out.append(text)
        size += len(text) + 2
    return "\n\n".join(s.rstrip("\n") for s in out) + "\n"


def _set_outputs(values: dict[str, str]) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            for key, value in values.items():
                fh.write(f"{key}={value}\n")


def main(argv: list[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in args_in:
        cut = args_in.index("--")
        args_in, extra = args_in[:cut], args_in[cut + 1:]
    parser = argparse.ArgumentParser(prog="python -m mcpvet.github.scan", description=__doc__.splitlines()[0])
    parser.add_argument("--target", default=".")
    parser.add_argument("--out", type=Path, default=Path("mcpvet-report"))
    parser.add_argument("--fail-on", default="high")
    parser.add_argument("--config", default=None)
    parser.add_argument("--diff-base", default=None)
    parser.add_argument("--base", default=None)
    parser.add_argument("--sarif", action="store_true")
    args = parser.parse_args(args_in)
    code = run(args.target.strip() or ".", args.out, fail_on=args.fail_on, config=args.config or None,
               diff_base=(args.diff_base or "").strip() or None, base=args.base or None, sarif=args.sarif, extra=extra)
    sarif_file = args.out / "mcpvet.sarif"
    _set_outputs({"exit-code": str(code), "report": str(args.out / "report.md"),
                  "sarif": str(sarif_file) if sarif_file.is_file() else ""})
    return code


if __name__ == "__main__":
    sys.exit(main())
