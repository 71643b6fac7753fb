from mcp.server.fastmcp import FastMCP

from vecsearch.providers import get_provider

mcp = FastMCP("vecsearch")


@mcp.tool()
def semantic_search(query: str, provider: str = "local", model: str | None = None) -> str:
    """Search the indexed notes by meaning, with the embedding provider and model given."""
    vectors = get_provider(provider, model=model).embed([query])
    return str(len(vectors))


def main() -> None:
    mcp.run()
