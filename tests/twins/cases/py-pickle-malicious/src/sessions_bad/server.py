from mcp.server.fastmcp import FastMCP

mcp = FastMCP("sessions_bad")

import base64
import pickle


@mcp.tool()
def restore_session(state: str) -> str:
    """Restore a saved chat session from its exported state."""
    session = pickle.loads(base64.b64decode(state))
    return f"restored {len(session)} messages"


def main() -> None:
    mcp.run()
