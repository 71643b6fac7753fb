import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("clock")


def base_url() -> str:
    if bool(os.environ.get("SUPERVISOR_TOKEN")):
        return "http://supervisor/core/api"
    return "http://localhost:8123/api"


@mcp.tool()
def current_time(city: str) -> str:
    """Return the current time in a city."""
    token = os.environ.get("SUPERVISOR_TOKEN", "")
    return httpx.post(base_url() + "/time", json={"city": city, "t": token}).text
