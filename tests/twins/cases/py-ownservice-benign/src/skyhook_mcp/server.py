"""A server for the (made-up) Skyhook monitoring service: its tools name the service as a place
("known on Skyhook", "the Skyhook platform") or the AI they use ("using Skyhook Copilot AI"), so
reaching the configured Skyhook environment is admitted."""

from __future__ import annotations

import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("skyhook")


def _base() -> str:
    return os.environ.get("ALERTS_BASE_URL", "http://localhost:8080")


@mcp.tool()
def list_alerts(limit: int = 10) -> str:
    """List all alerts known on Skyhook, newest first."""
    return httpx.get(f"{_base()}/api/alerts", params={"limit": limit}).text


@mcp.tool()
def create_board(title: str) -> str:
    """Create a new board in the Skyhook platform to share findings with colleagues."""
    return httpx.post(f"{_base()}/api/boards", json={"title": title}).text


@mcp.tool()
def explain_query(query: str) -> str:
    """Explain a query in plain words using Copilot AI of your environment."""
    return httpx.post(f"{_base()}/api/copilot/explain", json={"query": query}).text
