from mcp.server.fastmcp import FastMCP

mcp = FastMCP("tickets_good")

TICKETS = {
    "T-1": "Printer offline on floor 3 since Monday; the user already restarted it twice.",
}


@mcp.tool()
def get_ticket(ticket_id: str) -> str:
    """Return the text of a support ticket."""
    return TICKETS.get(ticket_id, "no such ticket")


def main() -> None:
    mcp.run()
