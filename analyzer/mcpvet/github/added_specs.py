"""The package specs a pull request to a list or registry repository adds: scan only those.

`python -m mcpvet.github.added_specs --base BASE_SHA [--head HEAD] [--json]` in the repository's
checkout. Two kinds of change are read:
- a `server.json` (MCP Registry format, any `*.json` with a `packages` array): every package
  entry (`registryType`/`registry_type`/`registry_name`: pypi or npm, `identifier`/`name`,
  `version`) that the base revision did not have; when the base had the same package at another
  version, that version is the `previous` one (a bump, for `mcpvet diff`);
- any other text file: the lines the PR adds, where a package is named as a spec (`pypi:x==1.2`,
  `npm:@s/y@2`), a registry page (pypi.org/project/x/1.2, npmjs.com/package/y/v/2), a command
  (`uvx x`, `npx -y y`, `pip install x`) or a GitHub repository link (scanned from git). A spec that
  a removed line also names is a moved line, not an addition; the same package removed at another
  version is the `previous` one.

Plain text out (one spec per line), or JSON lines `{"spec", "previous", "source"}` with `--json`.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_NPM = r"(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*"
_VERSION = r"[0-9A-Za-z][0-9A-Za-z.+!_-]*"
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"(?<![\w/])pypi:({_NAME})(?:==({_VERSION}))?"),
     lambda m: f"pypi:{m[1]}" + (f"=={m[2]}" if m[2] else "")),
    (re.compile(rf"(?<![\w/])npm:({_NPM})(?:@({_VERSION}))?"),
     lambda m: f"npm:{m[1]}" + (f"@{m[2]}" if m[2] else "")),
    (re.compile(rf"https?://pypi\.org/project/({_NAME})(?:/({_VERSION}))?/?"),
     lambda m: f"pypi:{m[1]}" + (f"=={m[2]}" if m[2] else "")),
    (re.compile(rf"https?://(?:www\.)?npmjs\.com/package/({_NPM})(?:/v/({_VERSION}))?"),
     lambda m: f"npm:{m[1]}" + (f"@{m[2]}" if m[2] else "")),
    (re.compile(rf"\b(?:uvx|pipx run|pip install)\s+(?:--?[\w-]+\s+)*({_NAME})(?:==({_VERSION}))?"),
     lambda m: f"pypi:{m[1]}" + (f"=={m[2]}" if m[2] else "")),
    (re.compile(rf"\bnpx\s+(?:-y\s+|--yes\s+)*({_NPM})(?:@({_VERSION}))?"),
     lambda m: f"npm:{m[1]}" + (f"@{m[2]}" if m[2] else "")),
    (re.compile(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?(?=[/)\s\"'>#?]|$)"),
     lambda m: f"git+https://github.com/{m[1]}/{m[2]}"),
)
_GITHUB_NOT_REPOS = {"orgs", "topics", "sponsors", "features", "marketplace", "settings", "apps", "login"}


@dataclass(frozen=True)
class Added:
    spec: str
    previous: str | None
    source: str


def specs_in_text(text: str) -> list[str]:
    """Every package spec named in `text`, in order, without repeats."""
    found: list[str] = []
    for pattern, build in _PATTERNS:
        for m in pattern.finditer(text):
            if pattern.pattern.startswith("https://github") and m[1].lower() in _GITHUB_NOT_REPOS:
                continue
            spec = build(m)
            if spec not in found:
                found.append(spec)
    return found


def package_of(spec: str) -> str:
    """The spec without its version: what a bump keeps."""
    if spec.startswith("pypi:"):
        return spec.split("==", 1)[0].lower()
    if spec.startswith("npm:"):
        name = spec[4:]
        at = name.find("@", 1)
        return "npm:" + (name[:at] if at > 0 else name)
    return spec


def _server_json_specs(text: str | None) -> list[str]:
    if not text:
        return []
    try:
        doc: Any = json.loads(text)
    except ValueError:
        return []
    entries = doc.get("packages") if isinstance(doc, dict) else None
    out: list[str] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        kind = str(entry.get("registryType") or entry.get("registry_type") or entry.get("registry_name") or "").lower()
        name = entry.get("identifier") or entry.get("name")
        version = entry.get("version")
        if kind not in ("pypi", "npm") or not isinstance(name, str) or not name:
            continue
        sep = "==" if kind == "pypi" else "@"
        out.append(f"{kind}:{name}" + (f"{sep}{version}" if isinstance(version, str) and version else ""))
    return out


def _pair(added: Iterable[str], removed: Iterable[str], source: str) -> list[Added]:
    gone = list(removed)
    out = []
    for spec in added:
        if spec in gone:
            continue  # a moved or re-wrapped line: nothing new
        previous = next((old for old in gone if package_of(old) == package_of(spec)), None)
        out.append(Added(spec, previous, source))
    return out


def file_changes(diff: str) -> dict[str, tuple[list[str], list[str]]]:
    """path -> (added lines, removed lines) of a `git diff` (new path for added lines)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    path = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:].strip()
            path = None if target == "/dev/null" else target[2:] if target.startswith("b/") else target
            if path is not None:
                out.setdefault(path, ([], []))
        elif line.startswith("--- ") or line.startswith("diff --git"):
            continue
        elif path is not None and line.startswith("+"):
            out[path][0].append(line[1:])
        elif path is not None and line.startswith("-"):
            out[path][1].append(line[1:])
    return out


def added_specs(diff: str, old_text: Callable[[str], str | None], new_text: Callable[[str], str | None]) -> list[Added]:
    """What the change adds, from its diff and each changed file at both revisions."""
    out: list[Added] = []
    for path, (plus, minus) in sorted(file_changes(diff).items()):
        if path.endswith(".json"):
            new = _server_json_specs(new_text(path))
            if new or '"packages"' in "\n".join(plus):
                out += _pair(new, _server_json_specs(old_text(path)), path)
                continue
        removed = [s for line in minus for s in specs_in_text(line)]
        out += _pair([s for line in plus for s in specs_in_text(line)], removed, path)
    seen: set[str] = set()
    unique = []
    for item in out:
        if item.spec not in seen:
            seen.add(item.spec)
            unique.append(item)
    return unique


def git_output(*args: str) -> str | None:
    proc = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    return proc.stdout if proc.returncode == 0 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mcpvet.github.added_specs", description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="The revision the pull request is based on.")
    parser.add_argument("--head", default="HEAD", help="The pull request's revision (default HEAD).")
    parser.add_argument("--json", action="store_true", help="JSON lines with spec, previous and source.")
    args = parser.parse_args(argv)
    diff = git_output("diff", "--no-color", "--no-renames", "--unified=0", f"{args.base}...{args.head}")
    if diff is None:
        diff = git_output("diff", "--no-color", "--no-renames", "--unified=0", args.base, args.head)
    if diff is None:
        sys.stderr.write(f"mcpvet added-specs: git diff {args.base} {args.head} failed (is the base fetched?)\n")
        return 2
    found = added_specs(diff, lambda p: git_output("show", f"{args.base}:{p}"),
                        lambda p: git_output("show", f"{args.head}:{p}"))
    for item in found:
        sys.stdout.write((json.dumps(asdict(item)) if args.json else item.spec) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
