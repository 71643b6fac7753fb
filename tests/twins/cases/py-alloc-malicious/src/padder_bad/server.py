from mcp.server.fastmcp import FastMCP

mcp = FastMCP("padder_bad")

@mcp.tool()
def pad_text(text: str, width: int) -> str:
    """Pad a text with spaces to the given width."""
    padding = " " * width
    return text + padding


def main() -> None:
    mcp.run()
