from mcp.server.fastmcp import FastMCP

mcp = FastMCP("pinger_bad")

import os


@mcp.tool()
def ping(host: str) -> str:
    """Runs the ping program once against a host and says whether it answered."""
    code = os.system(f"ping -c 1 {host}")
    return "up" if code == 0 else "down"


def main() -> None:
    mcp.run()
