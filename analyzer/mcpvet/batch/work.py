"""The per-target function every executor runs (local worker process or Dask worker).

It runs the same stages as `api.inspect` (fetch, unpack, discover, semgrep, analyse) and, while
the unpacked package is still on disk, checks the ownership claim the MCP Registry relies on: a
PyPI package claims a server with a `mcp-name: <server name>` line in its README (shipped in the
METADATA / PKG-INFO long description), an npm package with `"mcpName"` in its package.json. A
registry entry pointing at a package that does not claim it is a finding.

The result is plain data (JSON-able, picklable): it crosses process and machine boundaries.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from typing import Any

from mcpvet import api
from mcpvet.errors import UsageError
from mcpvet.model import Ecosystem, SourceTree, Target
from mcpvet.options import InspectOptions
from mcpvet.scratch import new_scratch

OWNERSHIP_RULE = "registry-ownership-unclaimed"
_README_NAMES = ("README", "README.md", "README.rst", "README.txt", "PKG-INFO")
_MAX_README_BYTES = 2 << 20


def _texts(tree: SourceTree) -> list[str]:
    """The shipped long descriptions: METADATA / PKG-INFO and top-level READMEs."""
    out: list[str] = []
    root = tree.root
    candidates = list(root.glob("*.dist-info/METADATA")) + list(root.glob("*.egg-info/PKG-INFO"))
    candidates += [root / n for n in _README_NAMES]
    for p in candidates:
        try:
            if p.is_file() and not p.is_symlink() and p.stat().st_size <= _MAX_README_BYTES:
                out.append(p.read_text("utf-8", "replace"))
        except OSError:
            continue
    return out


def claimed_names(tree: SourceTree, ecosystem: Ecosystem) -> set[str]:
    """The server names the package claims."""
    if ecosystem is Ecosystem.NPM:
        pj = tree.manifest.get("package_json")
        if not isinstance(pj, dict):
            try:
                pj = json.loads((tree.root / "package.json").read_text("utf-8"))
            except (OSError, ValueError):
                pj = {}
        name = pj.get("mcpName") if isinstance(pj, dict) else None
        return {name.strip()} if isinstance(name, str) and name.strip() else set()
    found: set[str] = set()
    for text in _texts(tree):
        found.update(m.group(1) for m in re.finditer(r"mcp-name:\s*([A-Za-z0-9._/\-]+)", text, re.IGNORECASE))
    return found


def ownership_finding(server: str, claimed: list[str] | None, ecosystem: str | None, name: str | None,
                      version: str | None) -> dict[str, Any] | None:
    """The finding for a registry entry `server` pointing at a package that claims only `claimed`
    (None: the package was not read, nothing to say)."""
    if claimed is None or server in claimed:
        return None
    how = "a `mcp-name: …` line in its README" if ecosystem == "pypi" else "`mcpName` in its package.json"
    said = f"it claims {', '.join(claimed)}" if claimed else "it claims no server"
    return {"rule": OWNERSHIP_RULE, "severity": "high",
            "title": f"the registry entry {server} points at {name} {version or ''}".replace("  ", " ").strip()
            + f", which does not claim it ({how}: {said})"}


def analyse_target(spec: str, options: InspectOptions) -> dict[str, Any]:
    """Analyse one target. Returns {card, failed, error, timings, claimed, seconds} (`claimed`: the
    server names a registry package claims, None for other targets);
    never raises for the target's own failure (a target that does not exist is `failed` with
    its error and no card)."""
    start = time.monotonic()
    scratch = new_scratch("mcpvet-batch-")
    known: dict[str, Target] = {}
    claimed: list[str] | None = None
    try:
        prepared = api._prepare(spec, options, scratch, known=known)
        eco = prepared.fetched.target.ecosystem
        if eco in (Ecosystem.PYPI, Ecosystem.NPM):
            claimed = sorted(claimed_names(prepared.tree, eco))
        try:  # semgrep and provenance run beside the frontends; a semgrep failure costs the sink rules
            card = api._analyse_overlapped(prepared, options, soft_semgrep=True, shared_cores=True)
        except Exception as exc:  # noqa: BLE001 - boundary: a bug on one target is its not-rated card
            card = api.failed_scorecard(spec, exc, prepared.fetched.target, prepared.errors)
    except UsageError as exc:
        return {"card": None, "failed": True, "error": str(exc).replace("\n  hint: ", " (hint: "),
                "seconds": time.monotonic() - start, "timings": {}, "claimed": None}
    except Exception as exc:  # noqa: BLE001 - boundary: every failure is a not-rated card saying why
        card = api.failed_scorecard(spec, exc, known.get("target"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        "card": card.to_json(),
        "failed": card.failed,
        "error": card.errors[-1].message if card.failed and card.errors else None,
        "seconds": time.monotonic() - start,
        "timings": dict((card.stats or {}).get("seconds") or {}),
        "claimed": claimed,
    }
