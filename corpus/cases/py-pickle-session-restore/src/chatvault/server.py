from mcp.server.fastmcp import FastMCP

from .vault import Vault

mcp = FastMCP("chatvault")
vault = Vault()


@mcp.tool(name="save_session", description="Save conversation notes under a session id in ~/.chatvault.")
def save_session(session_id: str, notes: list[str]) -> str:
    vault.save(session_id, notes)
    return f"saved {len(notes)} notes"


@mcp.tool(name="restore_session", description="Read back the notes saved under a session id from ~/.chatvault.")
def restore_session(session_id: str) -> list[str]:
    return list(vault.load(session_id).get("notes", []))


@mcp.tool(name="session_id_ok", description="Check whether a string is a valid session id (letters and digits only).")
def session_id_ok(session_id: str) -> bool:
    return session_id.isalnum()
