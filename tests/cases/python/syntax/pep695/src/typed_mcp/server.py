import subprocess

from mcp.server.fastmcp import FastMCP

from typed_mcp.pages import Page, Row, first

mcp = FastMCP("typed")


class Registry[ToolT]:
    def __init__(self) -> None:
        self.items: list[ToolT] = []


@mcp.tool()
def run_job[T](name: str) -> str:
    """Run a job by name."""
    return subprocess.run(["job", name], capture_output=True, text=True).stdout


@mcp.tool()
def page_of(rows: list[str]) -> str:
    """Show the first row."""
    page: Page[Row] = Page(items=[{"row": r} for r in rows])
    return first([str(x) for x in page.items])
