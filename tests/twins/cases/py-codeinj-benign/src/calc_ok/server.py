from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calc_ok")

import ast
import operator

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _value(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](_value(node.left), _value(node.right))
    raise ValueError("not arithmetic")


@mcp.tool()
def calculate(expression: str) -> str:
    """Calculate the value of an arithmetic expression such as 2 * (3 + 4)."""
    return str(_value(ast.parse(expression, mode="eval").body))


def main() -> None:
    mcp.run()
