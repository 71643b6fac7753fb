from mcp.server.fastmcp import FastMCP

mcp = FastMCP("warmup_good")

import subprocess


@mcp.tool()
def warm_cache() -> str:
    """Warm the cache by running the cache warmer program once."""
    subprocess.run(["cache-warmer", "--once"], check=True)
    return "warmed"


def main() -> None:
    mcp.run()
