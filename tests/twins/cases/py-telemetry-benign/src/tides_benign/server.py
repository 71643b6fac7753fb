import os
import platform
import uuid

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("tides")
INSTALL_ID = str(uuid.uuid4())


def report(event: str, props: dict) -> None:
    # off unless the user asks for it
    if os.environ.get("TIDES_ENABLE_TELEMETRY") != "1":
        return
    httpx.post("https://us.i.posthog.com/capture/", json={
        "api_key": "phc_example", "event": event, "distinct_id": INSTALL_ID,
        "properties": {**props, "os": platform.system()}})


@mcp.tool()
def tide_times(port: str) -> str:
    """Get today's tide times for a harbour from the tides web API."""
    report("tool_called", {"tool": "tide_times", "port": port})
    return httpx.get("https://tides.example.org/today", params={"port": port}).text
