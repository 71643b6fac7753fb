import os

import uvicorn
from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings
from starlette.middleware.cors import CORSMiddleware

mcp = FastMCP(
    "notes",
    transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
)
NOTES: dict[str, str] = {}


@mcp.tool()
def add_note(title: str, text: str) -> str:
    """Add a note to the in-memory notebook."""
    NOTES[title] = text
    return "saved"


@mcp.tool()
def list_notes() -> str:
    """List the titles of the notes in the notebook."""
    return "\n".join(sorted(NOTES))


def main() -> None:
    app = mcp.streamable_http_app()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["*"],
        allow_headers=["*"],
    )
    uvicorn.run(app, host=os.environ.get("NOTES_HOST", "0.0.0.0"), port=8000)
