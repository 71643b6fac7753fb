import re
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("papers")
CACHE = Path.home() / ".cache" / "papers-ok"
# new-style 2404.18922 or old-style hep-ph/9901234: no `..`, never absolute
_PAPER_ID = re.compile(r"^(\d{4}\.\d{4,5}(v\d+)?|[a-z\-]+(/[a-z\-]+)?/\d{7}(v\d+)?)$", re.IGNORECASE)


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
