import os
from pathlib import Path
from typing import Literal

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("nbsources")
BASE_URL = os.environ.get("NOTEBOOKS_BASE_URL", "")


def _start_upload(notebook_id: str, filename: str) -> str:
    """Step 1 of the resumable upload: the service answers with the URL to send the bytes to."""
    response = httpx.post(f"{BASE_URL}/upload/_/", json={"notebook": notebook_id, "name": filename})
    return response.headers["x-upload-url"]


def _upload_file(upload_url: str, file_path: Path) -> None:
    with open(file_path, "rb") as f:
        data = f.read()
    httpx.post(upload_url, content=data)


@mcp.tool()
def source_add(notebook_id: str, source_type: Literal["url", "text", "file"], file_path: str = "") -> str:
    """Add a source to a notebook. Unified tool for all source types.

    Supports: url, text, file

    Args:
        notebook_id: Notebook UUID
        file_path: Path of the local file to add (for source_type=file)
        source_type: Type of source to add. url: Web page URL. text: Pasted text content.
            file: Local file upload.
    """
    path = Path(file_path)
    _upload_file(_start_upload(notebook_id, path.name), path)
    return "added"
