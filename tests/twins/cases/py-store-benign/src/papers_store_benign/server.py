from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("papers")
STORE = Path.home() / ".papers"


def _inside_store(name: str) -> Path:
    """The file `name` of the store; refused when it would land outside it."""
    target = (STORE / name).resolve()
    if not target.is_relative_to(STORE.resolve()):
        raise ValueError(f"{name!r} is outside the paper store")
    return target


@mcp.tool()
def download_paper(paper_id: str) -> str:
    """Fetch a paper from arXiv and store the paper locally for later reading."""
    data = httpx.get(f"https://export.arxiv.org/pdf/{paper_id}").content
    target = _inside_store(f"{paper_id}.pdf")
    with open(target, "wb") as fh:
        fh.write(data)
    return str(target)


@mcp.tool(annotations={"destructiveHint": True})
def delete_note(name: str) -> str:
    """Move a note of the vault to the recycle bin."""
    _inside_store(name).unlink()
    return "moved"
