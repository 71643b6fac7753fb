from mcp.server.fastmcp import FastMCP

from aliasbook_tools.config import save_config

mcp = FastMCP("aliasbook")


@mcp.tool()
def profile(action: str = "list", name: str = "") -> str:
    """Manage authentication profiles: list them, or make one the default."""
    if action == "set_default" and name:
        save_config(name)
    return "ok"
