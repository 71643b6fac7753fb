"""Findings grouped by cause for the human-readable formats (text and Markdown).

A high or critical cause that several tools reach stays one finding per tool in the JSON (each tool
is a way in, and comparisons per tool rely on it), each naming the whole cause in `tools`. A reader
wants it once: one entry with the tools it reaches and the ids of its copies. Findings are grouped
when rule, severity, the set of tools and the title (each copy's own tool name aside) agree, which
is exactly how the checks made the copies. Everything else is its own group of one.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.model import Finding, named_tools
from mcpvet.model.scorecard import Scorecard


@dataclass(frozen=True)
class Cause:
    """One cause as a reader sees it: the first finding stands for all, `ids` names every copy."""

    ids: tuple[str, ...]
    finding: Finding
    tools: tuple[str, ...]

    @property
    def id(self) -> str:
        """The first copy's id, and how many more copies there are (their ids need not be adjacent)."""
        return self.ids[0] if len(self.ids) == 1 else f"{self.ids[0]} (+{len(self.ids) - 1})"

    @property
    def title(self) -> str:
        """The title, with the one tool's name replaced by the tools the cause reaches."""
        f = self.finding
        if len(self.ids) == 1 or not f.tool:
            return f.title
        return f.title.replace(f"`{f.tool}`", named_tools(self.tools), 1)


def _key(f: Finding) -> tuple[object, ...] | None:
    if len(f.tools) < 2 or f.tool is None:
        return None
    return (f.rule, f.severity, f.tools, f.title.replace(f"`{f.tool}`", "`{}`"))


def causes(card: Scorecard) -> list[Cause]:
    """The card's findings as causes, in the findings' order (a group sits where its first copy is)."""
    groups: dict[tuple[object, ...], list[tuple[str, Finding]]] = {}
    order: list[tuple[object, ...]] = []
    for fid, f in zip(card.finding_ids(), card.findings, strict=True):
        key = _key(f) or ("single", fid)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((fid, f))
    out: list[Cause] = []
    for key in order:
        members = groups[key]
        first = members[0][1]
        tools = first.tools if len(members) > 1 else ((first.tool,) if first.tool else ())
        out.append(Cause(tuple(fid for fid, _ in members), first, tools))
    return out
