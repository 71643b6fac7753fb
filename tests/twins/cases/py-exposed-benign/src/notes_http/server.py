import os

import uvicorn
from mcp.server.fastmcp import FastMCP
from starlette.middleware.cors import CORSMiddleware

mcp = FastMCP("notes")
NOTES: dict[str, str] = {}
WILDCARD_ADDRESSES = ("0.0.0.0", "::")


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
        allow_origins=["http://localhost:6274"],
        allow_methods=["GET", "POST"],
    )
    host = os.environ.get("NOTES_HOST", "127.0.0.1")
    if host in ("0.0.0.0", "::"):
        raise SystemExit("refusing to listen on every interface")
    uvicorn.run(app, host=host, port=8000)
