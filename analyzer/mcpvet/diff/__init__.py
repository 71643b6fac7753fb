"""`mcpvet diff`: what changed between two versions of a server, tool by tool (rug pulls).

Pure functions of two scorecards in their JSON form: `compare` gives the diff document, the
renderers of `mcpvet.diff.render` turn it into text, Markdown, JSON or SARIF. Findings are
matched by their stable fingerprint (`mcpvet.fingerprint`).
"""

from __future__ import annotations

from mcpvet.diff.compare import DIFF_VERSION, compare, is_empty
from mcpvet.diff.findings import counted_as_new

__all__ = ["DIFF_VERSION", "compare", "counted_as_new", "is_empty"]
