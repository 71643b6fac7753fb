import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("guard")


@mcp.tool()
def hello() -> str:
    """Say hello."""
    return "hello"


if __name__ == "__main__":
    os.system("echo direct")
    mcp.run()
