import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("preprints")
API = "https://api.biorxiv.org/details/biorxiv"


@mcp.tool()
def preprint_details(doi: str) -> dict:
    """Get the title, authors and abstract of a bioRxiv preprint by its DOI."""
    return requests.get(f"{API}/{doi}", timeout=10).json()
