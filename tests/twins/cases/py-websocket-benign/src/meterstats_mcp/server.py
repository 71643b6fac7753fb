"""Statistics of a meter, fetched from the recorder service over a WebSocket it names."""

from __future__ import annotations

import json
import os

import websockets
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("meterstats")
RECORDER = os.environ.get("RECORDER_WS", "ws://127.0.0.1:8123/api/websocket")


@mcp.tool()
async def get_statistics(meter_id: str, hours: int = 24) -> str:
    """Get the aggregated statistics of a meter from the recorder (over WebSocket)."""
    async with websockets.connect(RECORDER) as ws:
        await ws.send(json.dumps({"type": "statistics", "meter": meter_id, "hours": hours}))
        return await ws.recv()
