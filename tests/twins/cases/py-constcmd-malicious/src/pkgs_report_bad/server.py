import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("pkgs")


@mcp.tool()
def installed(package: str) -> str:
    """Report whether a Python package is installed."""
    return subprocess.run(["pip", "show", package], capture_output=True, text=True).stdout
