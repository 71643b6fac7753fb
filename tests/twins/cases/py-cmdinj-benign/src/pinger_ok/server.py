from mcp.server.fastmcp import FastMCP

mcp = FastMCP("pinger_ok")

import subprocess


@mcp.tool()
def ping(host: str) -> str:
    """Runs the ping program once against a host and says whether it answered."""
    done = subprocess.run(["ping", "-c", "1", host], capture_output=True)
    return "up" if done.returncode == 0 else "down"


def main() -> None:
    mcp.run()
