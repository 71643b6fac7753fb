"""`mcpvet annotate PATH`: compare, print or write each tool's annotations, from an analysed folder.

Exit codes: 0 nothing to do (or written); 1 with `--check`, an annotation is missing or contradicted
(or, when writing, one could not be placed); the CLI maps usage errors to 2 and a failed
analysis to 3 before calling `run`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from mcpvet.annotate.codemod import Edit, annotate_source
from mcpvet.annotate.hints import problems, suggested, wanted_values
from mcpvet.model import Tool
from mcpvet.model.scorecard import Scorecard


def _writable_python(tool: Tool) -> bool:
    return tool.declared_at.path.endswith(".py")


def _where(tool: Tool) -> str:
    return f"{tool.declared_at.path}:{tool.declared_at.line}"


def _inside(root: Path, rel: str) -> Path | None:
    path = (root / rel).resolve()
    return path if path.is_relative_to(root.resolve()) and path.is_file() else None


def _report_problems(tools: list[Tool], out: TextIO) -> int:
    count = 0
    for tool in tools:
        for p in problems(tool):
            count += 1
            want = json.dumps(p.expected)
            if p.kind == "missing":
                out.write(f"{_where(tool)}: {tool.name}: {p.hint} missing (the code supports {want})\n")
            else:
                out.write(f"{_where(tool)}: {tool.name}: {p.hint}: {json.dumps(p.declared)} contradicted: it {p.reason} "
                          f"(should be {want})\n")
    return count


def _suggestions(tools: list[Tool], out: TextIO) -> None:
    for tool in tools:
        hints = ", ".join(f"{k}: {json.dumps(v)}" for k, v in suggested(tool).items())
        out.write(f"{_where(tool)}: {tool.name}: annotations: {{ {hints} }}\n")


def run(card: Scorecard, root: Path, *, check: bool = False, diff: bool = False, out: TextIO,
        err: TextIO, write: Callable[[Path, str], None] | None = None) -> int:
    """Compare (`check`), print the patch (`diff`) or write the annotations of every tool of `card`."""
    tools = list(card.tools)
    if not tools:
        err.write("mcpvet annotate: no tool found in " + str(root) + "\n")
        return 1 if check else 0
    python = [t for t in tools if _writable_python(t)]
    others = [t for t in tools if not _writable_python(t)]
    failed = 0
    if check:
        failed = _report_problems(tools, out)
    if others and not check:
        out.write(f"{len(others)} tool(s) not in Python: add these annotations by hand\n")
        _suggestions(others, out)
    if check and not diff:
        return 1 if failed else 0

    by_file: dict[str, list[Edit]] = {}
    for tool in python:
        values = wanted_values(tool)
        if values:
            by_file.setdefault(tool.declared_at.path, []).append(Edit(tool.name, tool.declared_at.line, values))
    unplaced = 0
    written = 0
    for rel, edits in sorted(by_file.items()):
        path = _inside(root, rel)
        if path is None:
            err.write(f"mcpvet annotate: {rel}: not a file inside {root}\n")
            unplaced += len(edits)
            continue
        before = path.read_bytes().decode("utf-8")
        outcome = annotate_source(before, edits)
        for name, why in sorted(outcome.not_placed.items()):
            err.write(f"mcpvet annotate: {rel}: {name}: {why}\n")
            unplaced += 1
        if outcome.source == before:
            continue
        if diff:
            out.writelines(difflib.unified_diff(before.splitlines(keepends=True), outcome.source.splitlines(keepends=True),
                                                f"a/{rel}", f"b/{rel}"))
        else:
            (write or _write)(path, outcome.source)
            written += len(outcome.placed)
            out.write(f"{rel}: annotated {', '.join(outcome.placed)}\n")
    if not diff and not check:
        out.write(f"mcpvet annotate: {written} tool(s) annotated" + (f", {unplaced} not placed" if unplaced else "") + "\n")
    if check:
        return 1 if failed else 0
    return 1 if unplaced else 0


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)
