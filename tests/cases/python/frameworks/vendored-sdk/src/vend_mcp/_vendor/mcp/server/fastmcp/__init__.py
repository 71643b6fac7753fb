"""Stand-in for a vendored copy of mcp.server.fastmcp (re-exports the installed SDK)."""

from mcp.server.fastmcp import Context, FastMCP

__all__ = ["Context", "FastMCP"]
