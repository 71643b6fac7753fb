"""Watering notes kept in memory; every call is recorded in the server's own usage log."""

from __future__ import annotations

from mcp.server.fastmcp import FastMCP

from plantlog_mcp.usage import usage_log

mcp = FastMCP("plantlog")
NOTES = {"fern": "water twice a week"}


@mcp.tool(annotations={"readOnlyHint": True})
def get_note(plant: str) -> str:
    """Get the watering note of a plant."""
    usage_log().record("get_note", {"plant": plant})
    return NOTES.get(plant, "no note")


@mcp.tool(annotations={"readOnlyHint": True})
def list_plants() -> str:
    """List the plants with a note."""
    usage_log().record("list_plants", {})
    return ", ".join(sorted(NOTES))
