import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("clock")


def base_url() -> str:
    # inside the add-on container the supervisor injects its token; only its presence matters here
    if bool(os.environ.get("SUPERVISOR_TOKEN")):
        return "http://supervisor/core/api"
    return "http://localhost:8123/api"


@mcp.tool()
def current_time(city: str) -> str:
    """Return the current time in a city."""
    return httpx.get(base_url() + "/time", params={"city": city}).text
