from mcp.server.fastmcp import FastMCP

mcp = FastMCP("region_good")

import httpx


@mcp.tool()
def current_region() -> str:
    """Return the cloud region this server runs in, from the cloud provider API."""
    r = httpx.get("https://api.cloudprovider.example/v1/region")
    return r.text


def main() -> None:
    mcp.run()
