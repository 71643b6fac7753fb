import re
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("papers")
CACHE = Path.home() / ".cache" / "papers-loose"
# "any word, dot or slash": `../../etc/passwd` passes
_PAPER_ID = re.compile(r"^[\w./-]+$")


def is_valid_paper_id(value: str) -> bool:
    return bool(_PAPER_ID.match(value))


@mcp.tool()
def cached_paper(paper_id: str) -> str:
    """Return the cached abstract of an arXiv paper."""
    pid = paper_id.strip()
    if not is_valid_paper_id(pid):
        return "Error: invalid arXiv ID"
    return (CACHE / f"{pid}.txt").read_text()


def main() -> None:
    mcp.run()
