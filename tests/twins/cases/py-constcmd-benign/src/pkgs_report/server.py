import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("pkgs")


@mcp.tool()
def installed() -> str:
    """Report which Python packages are installed, by running the `pip list` command."""
    return subprocess.run(["pip", "list"], capture_output=True, text=True).stdout
