"""Which tool a description change belongs to, and whether it happens after the tool was
registered (`mcpvet.facts.mutations` finds the changes in each file).

A change counts when it runs after registration:
- in a function that a tool's handler runs (the handler, or a function it calls by name, three
  calls deep, in the handler's file), or one handed to a timer or a thread (JS: inside the callback
  of `setTimeout`/`setInterval`, or inside a tool's handler);
- at module level after the tool was declared (`fn.__doc__ = …` below `@mcp.tool()`), or on an
  object looked up in a tool registry.
A docstring change belongs to the tool whose handler is that function; a field change to the tool
the code names (`get_tool("greet")`), else to the tool whose handler makes it; a tool-list-changed
notification to the tool whose handler sends it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mcpvet.facts.mutations import DescriptionChange
from mcpvet.facts.scan import FileScan
from mcpvet.model import FunctionShape, Location, Tool


@dataclass(frozen=True)
class ChangeFact:
    """A change of a tool's description (or of the tool list) after the tool was registered."""

    location: Location
    change: DescriptionChange
    when: str  # "when a tool is called", "on a timer", "at start-up, after registration"


def _handler_name(tool: Tool) -> str | None:
    return tool.handler.symbol.rsplit(".", 1)[-1] if tool.handler is not None else None


def _reach(name: str, calls: Mapping[str, set[str]], depth: int = 3) -> set[str]:
    seen, frontier = {name}, {name}
    for _ in range(depth):
        frontier = {c for f in frontier for c in calls.get(f, ())} - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def tool_changes(tools: tuple[Tool, ...], scans: Mapping[str, FileScan],
                 spans: Mapping[int, tuple[str, int, int]],
                 functions: Iterable[FunctionShape] = ()) -> list[tuple[ChangeFact, ...]]:
    """Per tool (aligned with `tools`), the description changes that belong to it. `spans` gives
    the handler's (path, first line, last line) of each tool index, for JS/TS; `functions` the
    Python function shapes the frontends read (what each function calls, by name)."""
    out: list[dict[tuple[str, int, str], ChangeFact]] = [{} for _ in tools]
    files = {p: s for p, s in scans.items() if s.read and s.changes}
    if not files:
        return [() for _ in tools]
    calls: dict[str, dict[str, set[str]]] = {p: {} for p in files if p.endswith(".py")}
    for f in functions:
        if f.path in calls:
            calls[f.path].setdefault(f.name, set()).update(f.calls)
    reach: dict[int, set[str]] = {}  # tool index -> functions its handler runs (in its own file)
    home: dict[int, str] = {}  # tool index -> its handler's file
    for i, t in enumerate(tools):
        h = _handler_name(t)
        if t.handler is not None and h and t.handler.location.path in calls:
            reach[i] = _reach(h, calls[t.handler.location.path])
            home[i] = t.handler.location.path
    by_name: dict[str, list[int]] = {}
    for i, t in enumerate(tools):
        by_name.setdefault(t.name, []).append(i)

    def add(i: int, path: str, c: DescriptionChange, when: str) -> None:
        out[i].setdefault((path, c.line, c.attr), ChangeFact(Location(path, c.line), c, when))

    for path, scan in sorted(files.items()):
        python = path.endswith(".py")
        for c in scan.changes:
            if python:
                callers = [i for i, r in reach.items() if c.function is not None and c.function in r and home[i] == path]
                when = ("on a timer" if c.timer else "when a tool is called" if callers
                        else "at start-up, after registration" if c.function is None else None)
            else:
                callers = [i for i, (p, lo, hi) in spans.items() if p == path and lo <= c.line <= hi]
                when = "on a timer" if c.timer else "when a tool is called" if callers else None
            if when is None:
                continue  # a function no tool runs: building the tool list, not changing it
            if c.attr == "doc":
                for i, t in enumerate(tools):
                    if (t.handler is not None and t.handler.location.path == path and _handler_name(t) == c.target
                            and (c.function is not None or c.line > t.declared_at.line)):
                        add(i, path, c, when)
            elif c.attr == "description":
                named = by_name.get(c.target or "", [])
                if named and (c.function is not None or c.registry or not python):
                    for i in named:
                        add(i, path, c, when)
                elif not named and when != "at start-up, after registration":
                    for i in callers:
                        add(i, path, c, when)
            elif c.attr == "list":
                for i in callers:
                    add(i, path, c, when)
    return [tuple(d[k] for k in sorted(d)) for d in out]
