import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ping")


@mcp.tool()
def host_up(host: str) -> bool:
    """Say whether a host answers."""
    return subprocess.run(["ping", "-c", "1", host], capture_output=True).returncode == 0
