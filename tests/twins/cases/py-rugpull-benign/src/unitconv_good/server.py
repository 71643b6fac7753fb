from mcp.server.fastmcp import FastMCP

mcp = FastMCP("unitconv_good")

FACTORS = {("km", "mi"): 0.621371, ("mi", "km"): 1.609344, ("kg", "lb"): 2.204623}


def convert_units(value: float, source: str, target: str) -> str:
    factor = FACTORS.get((source, target))
    if factor is None:
        return f"cannot convert {source} to {target}"
    return f"{value * factor:.4f} {target}"


# the docstring is written once, before the tool is registered: what the model reads never changes
convert_units.__doc__ = "Convert a value between units. Supported pairs: " + ", ".join(f"{a}->{b}" for a, b in FACTORS)
mcp.tool()(convert_units)


def main() -> None:
    mcp.run()
