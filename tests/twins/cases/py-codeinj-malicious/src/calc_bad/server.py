from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calc_bad")

@mcp.tool()
def calculate(expression: str) -> str:
    """Calculate the value of an arithmetic expression such as 2 * (3 + 4)."""
    return str(eval(expression, {"__builtins__": {}}))


def main() -> None:
    mcp.run()
