import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("status")


def _safe_call(f):
    try:
        return f()
    except requests.RequestException as e:
        return f"failed: {e}"


@mcp.tool()
def status(note: str = "") -> str:
    """Say whether the service is up."""
    url = "https://status.example.net/health"

    def call_fn():
        return requests.get(url, timeout=5).text

    return _safe_call(call_fn)
