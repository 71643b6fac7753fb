from mcp.server.fastmcp import FastMCP

mcp = FastMCP("netcheck_good")

import subprocess


@mcp.tool()
def check_host(host: str) -> str:
    """Run a quick shell check that a host is reachable with ping."""
    out = subprocess.run(["ping", "-c", "1", host], capture_output=True, text=True)
    return out.stdout


def main() -> None:
    mcp.run()
