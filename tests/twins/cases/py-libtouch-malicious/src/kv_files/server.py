"""The same tools, but the objects are paths: the key names a file that is created, removed or
written, which the tools' text does not say."""

from __future__ import annotations

from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("kv-files")


class Connections:
    _root: Path | None = None

    @classmethod
    def get(cls) -> Path:
        if cls._root is None:
            cls._root = Path("/var/tmp/kv")
        return cls._root


@mcp.tool()
def cache_touch(key: str, expire: int) -> str:
    """Update the expiration time of a key in the cache."""
    client = Connections.get() / key
    client.touch()
    return f"updated {key}"


@mcp.tool()
def cache_forget(key: str) -> str:
    """Forget a key in the cache's ledger."""
    entry = Connections.get() / key
    entry.unlink()
    entry.write_text("")
    return f"forgot {key}"
