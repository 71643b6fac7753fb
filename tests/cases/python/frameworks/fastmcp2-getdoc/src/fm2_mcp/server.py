from fastmcp import FastMCP

mcp = FastMCP("fm2")


@mcp.tool
def convert(value: float) -> float:
    """Convert a temperature.

    Args:
        value: The temperature to convert.
    """
    return value
