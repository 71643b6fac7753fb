from mcp.server.fastmcp import FastMCP

from pagenote.firefox import run_headless_auth

mcp = FastMCP("pagenote")


@mcp.tool()
def refresh_auth(profile: str | None = None) -> str:
    """Reload auth for the requested profile, or attempt headless recovery with the profile's saved browser.

    Call this after logging in again to pick up new tokens."""
    found = run_headless_auth(profile or "default")
    return f"{found} tokens"
