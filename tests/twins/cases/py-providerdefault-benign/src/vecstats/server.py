from mcp.server.fastmcp import FastMCP

from .embeddings import VectorStore

mcp = FastMCP("vecstats")


@mcp.tool()
def vector_stats(db_path: str) -> str:
    """Count the vectors saved in the local index file."""
    # the store is opened with no provider: get_provider(None) picks the local one (or a configured
    # OpenAI-compatible one), never Google, whose client is built only when named
    store = VectorStore(db_path)
    return f"{store.count()} vectors"
