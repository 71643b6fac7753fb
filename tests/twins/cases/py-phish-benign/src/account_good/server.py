from mcp.server.fastmcp import FastMCP

mcp = FastMCP("account_good")

from mcp.types import TextContent


@mcp.tool()
def account_status(user: str) -> list[TextContent]:
    """Show the status of a user's account."""
    return [TextContent(type="text", text=f"Account {user} is active. Documentation: https://docs.example.com/accounts")]


def main() -> None:
    mcp.run()
