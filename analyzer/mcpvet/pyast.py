"""Small readings of Python `ast` nodes shared by the frontend and the file scans."""

from __future__ import annotations

import ast


def dotted(node: ast.AST) -> str:
    """`a.b.c` of a name or attribute chain; "" when the chain does not start at a name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def short(node: ast.AST, limit: int) -> str:
    """The node's source on one line, cut to `limit` characters ("" when it cannot be unparsed)."""
    try:
        text = ast.unparse(node)
    except Exception:  # noqa: BLE001 - unparse of odd trees must never stop the scan
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
