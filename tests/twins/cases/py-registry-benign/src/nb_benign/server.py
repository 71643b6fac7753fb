from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notebooks")
ROOT = Path.home() / "notebooks"
CONNECTED: dict[str, str] = {}  # notebooks the user connected, by name


def notebook_path(name: str) -> Path:
    if name not in CONNECTED:
        raise ValueError(f"Notebook '{name}' is not connected.")  # only names the server holds
    return ROOT / name


@mcp.tool()
def read_notebook(name: str) -> str:
    """Return the cells of a connected notebook."""
    return notebook_path(name).read_text()
