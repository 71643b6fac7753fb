"""The MCP tool annotations a tool's code supports, and how the declared ones compare.

From the capabilities mcpvet found (the same facts the `annotation-mismatch` rule judges):
- `readOnlyHint`: true unless the tool writes files, runs a program or code, or sends a
  write request (POST/PUT/PATCH/DELETE, upload, send) over the network;
- `openWorldHint`: true exactly when the tool reaches the network;
- for a tool that changes things, `destructiveHint: true` and `idempotentHint: false`: the MCP
  defaults, since the code cannot prove an update harmless or a repeat call free of effects.

A declared hint is *contradicted* only when the code disproves a safe claim: read-only with
writes, a closed world with network access, non-destructive with file deletion. Claims on the
cautious side (`readOnlyHint: false` for a reader, `idempotentHint` either way) are left as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mcpvet.model import Kind, Tool

HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")
DELETE_SINK = re.compile(r"remove|unlink|rmtree|rmdir|\brm\b|\.rm$|delete|truncate", re.I)
NETWORK_WRITE_SINK = re.compile(r"(^|[.:])(post|put|patch|delete|upload\w*|send\w*|publish)$", re.I)


@dataclass(frozen=True)
class Problem:
    hint: str
    kind: str  # "missing" | "contradicted"
    expected: bool
    declared: Any = None
    reason: str = ""


def _sinks(tool: Tool, kind: Kind) -> list[str]:
    return [e.sink for c in tool.capabilities if c.kind is kind for e in c.evidence]


def changes(tool: Tool) -> list[str]:
    """What the tool does that changes its environment, in words (empty for a reader)."""
    kinds = tool.capability_kinds
    out = []
    if Kind.FS_WRITE in kinds:
        out.append("writes files")
    if Kind.PROCESS in kinds:
        out.append("runs programs")
    if Kind.CODE_EXEC in kinds:
        out.append("executes code")
    posts = [s for s in _sinks(tool, Kind.NETWORK) if NETWORK_WRITE_SINK.search(s)]
    if posts:
        out.append(f"sends write requests ({posts[0]})")
    return out


def suggested(tool: Tool) -> dict[str, bool]:
    """The annotations that match the code, in protocol order (the two update hints only for a tool that changes things)."""
    writes = bool(changes(tool))
    out = {"readOnlyHint": not writes}
    if writes:
        out["destructiveHint"] = True
        out["idempotentHint"] = False
    out["openWorldHint"] = Kind.NETWORK in tool.capability_kinds
    return out


def declared(annotations: dict[str, Any] | None, hint: str) -> tuple[bool, Any]:
    """(present, value) of a hint in declared annotations, accepting its snake_case spelling."""
    ann = annotations or {}
    snake = "".join("_" + c.lower() if c.isupper() else c for c in hint)
    for key in (hint, snake):
        if key in ann:
            return True, ann[key]
    return False, None


def problems(tool: Tool) -> list[Problem]:
    """Hints that are missing, or declared and disproved by the code."""
    want = suggested(tool)
    kinds = tool.capability_kinds
    out: list[Problem] = []
    for hint, expected in want.items():
        present, value = declared(tool.annotations, hint)
        if not present:
            out.append(Problem(hint, "missing", expected))
            continue
        reason = ""
        if hint == "readOnlyHint" and value is True and not expected:
            reason = " and ".join(changes(tool))
        elif hint == "openWorldHint" and value is False and Kind.NETWORK in kinds:
            reason = "reaches the network"
        elif hint == "destructiveHint" and value is False:
            deletes = [s for s in _sinks(tool, Kind.FS_WRITE) if DELETE_SINK.search(s)]
            reason = f"deletes files ({deletes[0]})" if deletes else ""
        if reason:
            out.append(Problem(hint, "contradicted", expected, value, reason))
    return out


def wanted_values(tool: Tool) -> dict[str, bool]:
    """What to write: every missing hint, and the right value for every contradicted one."""
    return {p.hint: p.expected for p in problems(tool)}
