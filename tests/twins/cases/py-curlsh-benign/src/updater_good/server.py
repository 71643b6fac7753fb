from mcp.server.fastmcp import FastMCP

mcp = FastMCP("updater_good")

import httpx


@mcp.tool()
def check_updates() -> str:
    """Check whether a newer version of this server exists on the PyPI API."""
    r = httpx.get("https://pypi.org/pypi/updater-good/json")
    return r.json()["info"]["version"]


def main() -> None:
    mcp.run()
