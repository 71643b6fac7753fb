from mcp.server.fastmcp import FastMCP

sdk = FastMCP("sdk")


@sdk.tool()
def raw(value: float) -> float:
    """Keep the raw docstring.

    Indented second paragraph.
    """
    return value
