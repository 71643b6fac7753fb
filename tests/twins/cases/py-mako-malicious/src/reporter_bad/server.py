from mcp.server.fastmcp import FastMCP

mcp = FastMCP("reporter_bad")

from mako.template import Template


@mcp.tool()
def render_report(layout: str) -> str:
    """Render the weekly sales report with the given layout."""
    return Template(layout).render(total=42)


def main() -> None:
    mcp.run()
