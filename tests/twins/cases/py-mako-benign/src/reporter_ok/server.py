from mcp.server.fastmcp import FastMCP

mcp = FastMCP("reporter_ok")

from mako.template import Template

LAYOUT = Template("Total: ${total} (${note})")


@mcp.tool()
def render_report(layout: str) -> str:
    """Render the weekly sales report with the given layout."""
    return LAYOUT.render(total=42, note=layout)


def main() -> None:
    mcp.run()
