"""The same bridge, but the file it removes is the one the model names (any file of the temporary
space, or anywhere with `../`): a deletion the model directs."""

from __future__ import annotations

import base64
import os
import tempfile

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("sketchpad")


def _ask_app(command: str, params: dict[str, str]) -> dict[str, str]:
    return {"ok": command, **params}  # the real bridge talks to the app over a local socket


@mcp.tool(annotations={"readOnlyHint": True})
def canvas_capture(name: str = "canvas") -> str:
    """Return a picture of the drawing app's canvas."""
    temp_path = os.path.join(tempfile.gettempdir(), name)
    _ask_app("render", {"filepath": temp_path})
    with open(temp_path, "rb") as f:
        data = f.read()
    os.remove(temp_path)
    return base64.b64encode(data).decode()
