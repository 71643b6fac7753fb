"""Behaviour: what a tool admits to (name, description, schema, annotations), to compare with what it does.

Entry point: `declared_capabilities(tool)`; the checks in `mcpvet.checks.analysis` compare it with
the capabilities the frontends found.
"""

from __future__ import annotations

from mcpvet.behaviour.declared import declared_capabilities, explain, file_parameters, tool_denials, tool_texts

__all__ = ["declared_capabilities", "explain", "file_parameters", "tool_denials", "tool_texts"]
