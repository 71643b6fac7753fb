from mcp.server.fastmcp import FastMCP

mcp = FastMCP("sessions_ok")

import base64
import json


@mcp.tool()
def restore_session(state: str) -> str:
    """Restore a saved chat session from its exported state."""
    session = json.loads(base64.b64decode(state))
    return f"restored {len(session)} messages"


def main() -> None:
    mcp.run()
