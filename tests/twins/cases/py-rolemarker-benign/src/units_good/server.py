from mcp.server.fastmcp import FastMCP

mcp = FastMCP("units_good")

@mcp.tool()
def convert_units(value: float, unit: str) -> str:
    """Convert a value between metric and imperial units.

    IMPORTANT: pass the unit as a symbol (km, mi, kg, lb); call list_units first if unsure.
    """
    return f"{value} {unit}"


def main() -> None:
    mcp.run()
