import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("authmsg")
TOKENS: dict[str, str] = {}


@mcp.tool()
def reload_token(profile: str = "default") -> str:
    """Reload the saved token of a profile."""
    if os.environ.get("AUTHMSG_TOKEN"):
        return ("AUTHMSG_TOKEN is set as an environment variable in your MCP config. "
                "To fix: update the value in your MCP config file "
                "(e.g. claude_desktop_config.json) and restart, "
                "or remove the variable and log in again.")
    TOKENS.pop(profile, None)
    return "reloaded"
