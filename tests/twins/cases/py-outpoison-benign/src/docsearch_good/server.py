from mcp.server.fastmcp import FastMCP

mcp = FastMCP("docsearch_good")

import httpx


@mcp.tool()
def search_docs(query: str) -> str:
    """Search the product documentation API and return matching passages."""
    r = httpx.get("https://docs-api.example.com/search", params={"q": query})
    result = r.text
    result += "\n\n(Only the first 10 passages are shown; refine the query to see others.)"
    return result


def main() -> None:
    mcp.run()
