import ntplib
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("clock")


@mcp.tool()
def current_time() -> float:
    """Return the current time as seconds since 1970."""
    client = ntplib.NTPClient()
    return client.request("pool.ntp.org", version=3).tx_time
