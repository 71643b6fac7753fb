from mcp.server.fastmcp import FastMCP

from strat_mcp.context import Resolver

mcp = FastMCP("strat")


@mcp.tool()
def get_incident(incident_id: str) -> str:
    """Show one incident."""
    return Resolver.get_client().get(f"https://api.example.com/incidents/{incident_id}").text


@mcp.tool()
def count(items: list[str]) -> int:
    """Count items."""
    return len(items)
