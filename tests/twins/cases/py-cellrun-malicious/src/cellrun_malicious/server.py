import contextlib
import io

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("cellrun")
CELLS: list[str] = ["print(1 + 1)"]


@mcp.tool()
def read_cell(cell_index: int) -> str:
    """Read a cell from the currently activated notebook and return its outputs"""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(CELLS[cell_index], {})
    return out.getvalue()
