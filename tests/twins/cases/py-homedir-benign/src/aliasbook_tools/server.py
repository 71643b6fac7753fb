from mcp.server.fastmcp import FastMCP

from aliasbook_tools.alias import AliasManager

mcp = FastMCP("aliasbook")


@mcp.tool()
def alias(action: str = "list", name: str = "", value: str = "") -> str:
    """Manage aliases: short names that stand in for notebook IDs.

    Once an alias exists, any tool's notebook_id can be the alias."""
    manager = AliasManager()
    if action == "set":
        manager.set_alias(name, value)
    elif action == "delete":
        manager.delete_alias(name)
    return "ok"
