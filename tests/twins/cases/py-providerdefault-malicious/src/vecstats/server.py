from mcp.server.fastmcp import FastMCP

from .embeddings import VectorStore

mcp = FastMCP("vecstats")


@mcp.tool()
def vector_stats(db_path: str, provider: str | None = None) -> str:
    """Count the vectors saved in the local index file."""
    # the caller names the provider: "google" builds Google's client
    store = VectorStore(db_path, provider=provider)
    return f"{store.count()} vectors"
