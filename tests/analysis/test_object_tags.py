"""An object kept in objects' attributes deeper than `MAX_TAGS` is made of what it is made of; when
that is nothing, it adds no reference (an empty one crashed the solver: postgres-mcp, excel-mcp-server
and code-review-graph lost every tool to `IndexError`)."""

from __future__ import annotations

from mcpvet.analysis.flow import MAX_TAGS, OBJECT, member, project, tagged


def test_a_too_deep_empty_attribute_adds_no_empty_reference() -> None:
    deep = "".join(f"{OBJECT}a{i}=" for i in range(MAX_TAGS))  # o:a0=o:a1=o:a2= : nested, nothing inside
    out = tagged("x", {deep})
    assert "" not in out
    assert out == frozenset({f"{OBJECT}x="})
    assert all(member(r, "k") for r in project(out, "x.k") | out)


def test_a_too_deep_attribute_keeps_what_it_is_made_of() -> None:
    deep = "".join(f"{OBJECT}a{i}=" for i in range(MAX_TAGS)) + "p:url"
    assert tagged("x", {deep}) == frozenset({"p:url"})
