import re

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("pages")


@mcp.tool()
def set_page(path: str, page: str, content: str) -> str:
    """Replaces the content of one page (diagram) in a local .drawio file with new XML, leaving every
    other page in the file untouched."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(rf'(<diagram name="{re.escape(page)}"[^>]*>).*?(</diagram>)', rf"\g<1>{content}\g<2>", text,
                  flags=re.S)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return "ok"
