"""Methods named like pathlib's (touch, unlink, write_text) called on objects of other kinds: a
memcached client (typed by the helper's return annotation), a class of the package with its own
methods, a string. None of them is a file."""

from __future__ import annotations


from mcp.server.fastmcp import FastMCP
from pymemcache.client.base import Client
from pymemcache.client.retrying import RetryingClient

mcp = FastMCP("kv-cache")


class Connections:
    _client: RetryingClient | None = None

    @classmethod
    def get(cls) -> RetryingClient:
        if cls._client is None:
            base = Client(("127.0.0.1", 11211))
            cls._client = RetryingClient(base, attempts=3)
        return cls._client


class Ledger:
    """An in-memory ledger of keys (no file)."""

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}

    def touch(self, key: str, expire: int) -> None:
        self.keys[key] = expire

    def unlink(self, key: str) -> None:
        self.keys.pop(key, None)

    def write_text(self, key: str) -> str:
        return f"{key}: {self.keys.get(key)}"


LEDGER = Ledger()


@mcp.tool()
def cache_touch(key: str, expire: int) -> str:
    """Update the expiration time of a key in the cache."""
    client = Connections.get()
    LEDGER.touch(key, expire)
    if client.touch(key, expire):
        return f"updated {key}"
    return f"{key} not found"


@mcp.tool()
def cache_forget(key: str) -> str:
    """Forget a key in the cache's ledger."""
    LEDGER.unlink(key)
    label = "ledger"
    return LEDGER.write_text(key) + label.strip()
