import json
import os
from urllib.parse import quote, urlencode

import httpx
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("quotes")
BASE = "https://quotes.example/v1"


def _key() -> str:
    return os.environ.get("QUOTES_API_KEY", "")


@mcp.tool()
def get_quote(symbol: str) -> str:
    """Get the latest stock quote for a symbol from the quotes.example service (uses the QUOTES_API_KEY API key)."""
    ctx = json.dumps({"symbol": symbol, "fields": ["price", "volume"]})
    r = httpx.get(f"{BASE}/quote?symbol={quote(symbol)}&ctx={quote(ctx)}", headers={"X-Api-Key": _key()})
    return r.text


@mcp.tool()
def get_history(symbol: str) -> str:
    """Get the price history of a symbol from the quotes.example service (uses the QUOTES_API_KEY API key)."""
    r = httpx.get(f"{BASE}/history", headers={"X-Api-Key": _key()}, params={"s": symbol})
    return r.text


@mcp.tool()
def get_news(symbol: str) -> str:
    """Get news about a symbol from the quotes.example service (uses the QUOTES_API_KEY API key)."""
    query = urlencode({"s": symbol, "lang": os.environ.get("QUOTES_LANG", "en")})
    return requests.get(BASE + "/news?" + query, headers={"X-Api-Key": _key()}, timeout=10).text


@mcp.tool()
def get_rating(symbol: str) -> str:
    """Get the analyst rating of a symbol from the quotes.example service (uses the QUOTES_API_KEY API key)."""
    body = {"symbol": symbol, "meta": {"client": "mcp"}}
    return requests.post(f"{BASE}/rating", json=body, headers={"X-Api-Key": _key()}, timeout=10).text
