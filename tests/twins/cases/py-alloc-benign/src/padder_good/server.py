from mcp.server.fastmcp import FastMCP

mcp = FastMCP("padder_good")

MAX_WIDTH = 4096


@mcp.tool()
def pad_text(text: str, width: int) -> str:
    """Pad a text with spaces to the given width (at most 4096)."""
    width = min(width, MAX_WIDTH)
    padding = " " * width
    return text + padding


def main() -> None:
    mcp.run()
