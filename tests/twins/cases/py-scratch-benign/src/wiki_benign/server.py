import tempfile
from pathlib import Path

import markdown
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("wiki")


@mcp.tool(annotations={"readOnlyHint": True})
def preview_page(text: str) -> str:
    """Render a wiki page's Markdown as HTML for a preview."""
    with tempfile.TemporaryDirectory() as temp_dir:
        source = Path(temp_dir) / "page.md"  # scratch space of its own, gone when the tool returns
        source.write_text(text, encoding="utf-8")
        html = markdown.markdown(source.read_text(encoding="utf-8"))
    return html
