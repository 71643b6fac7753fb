"""Parse-error recovery that keeps the top-level statements after a syntax error.

tree-sitter recovers from most errors locally, but some (an unclosed class or block, a merge
conflict marker, an unclosed call) make it read every later top-level statement as part of the
broken one: `server.tool(...)` calls after the error end up inside a class body or an ERROR
node, and the tools they declare are lost. Real code starts its top-level statements in column
0, so a statement-like line in column 0 *inside* a damaged top-level node is where the next
statement most likely starts. The lines from the damaged node's start to just before it are
blanked (every byte but newlines becomes a space, so lines, columns and byte offsets are
unchanged) and the file is parsed again, until no damaged top-level node swallows such a line.
The blanked line ranges are reported: the tools declared there are not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from mcpvet.frontends.javascript.parse import parse_source

MAX_ROUNDS = 32  # re-parses per file
MAX_ERROR_NODES = 1000  # error and missing nodes collected per tree

# a line that starts a top-level statement or declaration in column 0
_STATEMENT = re.compile(
    rb"(?:import[\s{(\"'*]|export\s|(?:const|let|var)\s|(?:async\s+)?function[\s*(]|class[\s{]"
    rb"|(?:abstract|declare)\s|(?:interface|enum|namespace|module|type)\s+[A-Za-z_$]"
    rb"|(?:if|for|while|switch)\s*\(|(?:try|do)\s*\{|(?:await|void|new)\s|@[A-Za-z_$]|\(|;\s*\("
    rb"|[A-Za-z_$][\w$]*(?:\s*(?:\.|\(|\[|=(?![=>])|;)))"
)
_OPAQUE = frozenset({"string", "template_string", "comment", "regex", "string_fragment", "jsx_text"})


@dataclass
class Recovered:
    tree: Tree
    error_lines: list[int] = field(default_factory=list)  # 1-based lines of ERROR and MISSING nodes
    skipped: list[tuple[int, int]] = field(default_factory=list)  # 1-based inclusive line ranges blanked
    gave_up_at: int | None = None  # 1-based line: recovery stopped, later top-level code may be missing


def error_rows(root: Node) -> list[int]:
    """0-based rows of ERROR and MISSING nodes (only subtrees that contain an error are visited)."""
    rows: list[int] = []
    stack = [root]
    while stack and len(rows) < MAX_ERROR_NODES:
        node = stack.pop()
        if node.is_error or node.is_missing:
            rows.append(node.start_point[0])
            if node.is_missing:
                continue
        stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)
    return rows


def _line_starts(source: bytes | bytearray) -> list[int]:
    starts = [0]
    at = source.find(b"\n")
    while at >= 0:
        starts.append(at + 1)
        at = source.find(b"\n", at + 1)
    return starts


def _opaque_at(root: Node, row: int) -> bool:
    """Is the start of `row` inside a string, template, comment or regex?"""
    node: Node | None = root.descendant_for_point_range((row, 0), (row, 0))
    while node is not None and node.parent is not None:
        if node.type in _OPAQUE:
            return True
        node = node.parent
    return False


def _cut(root: Node, source: bytearray, starts: list[int]) -> tuple[int, int] | None:
    """0-based inclusive rows to blank, or None when no damaged top-level node swallows a
    column-0 statement (tree-sitter's own recovery is then kept)."""
    for top in root.children:
        if not (top.has_error or top.is_error or top.is_missing):
            continue
        first = top.start_point[0]
        last = min(top.end_point[0], len(starts) - 1)
        candidates = []
        for row in range(first + 1, last + 1):
            line = source[starts[row]: starts[row] + 200]
            if _STATEMENT.match(line) and not _opaque_at(root, row):
                candidates.append(row)
        if not candidates:
            continue
        return first, candidates[0] - 1
    return None


def _blank(source: bytearray, starts: list[int], first: int, last: int) -> None:
    begin = starts[first]
    end = starts[last + 1] if last + 1 < len(starts) else len(source)
    source[begin:end] = bytes(b if b == 0x0A else 0x20 for b in source[begin:end])


def parse_recovering(grammar: str, source: bytes) -> Recovered:
    tree = parse_source(grammar, source)
    if not tree.root_node.has_error:
        return Recovered(tree)
    found = set(error_rows(tree.root_node))
    buf = bytearray(source)
    starts = _line_starts(buf)
    skipped: list[tuple[int, int]] = []
    gave_up: int | None = None
    for round_ in range(MAX_ROUNDS + 1):
        if not tree.root_node.has_error:
            break
        cut = _cut(tree.root_node, buf, starts)
        if cut is None:
            break
        if round_ == MAX_ROUNDS:
            gave_up = cut[0] + 1
            break
        _blank(buf, starts, *cut)
        skipped.append((cut[0] + 1, cut[1] + 1))
        tree = parse_source(grammar, bytes(buf))
        found.update(error_rows(tree.root_node))
    return Recovered(tree, sorted(r + 1 for r in found), _merge(skipped), gave_up)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
