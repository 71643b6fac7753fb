import re
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("attach")
STORE = Path.home() / ".attach-store"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def safe_name(filename: str) -> str:
    """Return a filesystem-safe file name."""
    cleaned = _UNSAFE.sub("_", filename).rstrip(" .")
    return cleaned or "attachment"


@mcp.tool()
def save_attachment(filename: str, content: str) -> str:
    """Save an attachment's text into the attachment store under its file name."""
    path = STORE / safe_name(filename)
    path.write_text(content)
    return str(path)
