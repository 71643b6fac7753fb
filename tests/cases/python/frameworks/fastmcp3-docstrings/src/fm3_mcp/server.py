from typing import Annotated, Literal

from fastmcp import Context, FastMCP
from pydantic import Field

mcp = FastMCP("fm3")


@mcp.tool
def convert(value: float, unit: Literal["c", "f"] = "c", ctx: Context | None = None) -> float:
    """Convert a temperature.

    Args:
        value: The temperature to convert.
        unit: The unit of the input.

    Returns:
        The converted temperature.
    """
    return value


@mcp.tool
def plain(text: Annotated[str, Field(description="Any text")]) -> str:
    """Echo a text.

    Returns the text unchanged.
    """
    return text
