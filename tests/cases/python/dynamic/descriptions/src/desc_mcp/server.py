import os
import textwrap

from mcp.server.fastmcp import FastMCP

from .texts import LIMIT, SEARCH

mcp = FastMCP("desc")
PREFIX = "List"


@mcp.tool(description=SEARCH + f" (at most {LIMIT} results).")
def search(term: str) -> list[str]:
    return []


@mcp.tool(description="{} the {} newest items.".format(PREFIX, LIMIT))
def newest() -> list[str]:
    return []


@mcp.tool(description=textwrap.dedent("""
    Explain a term.
      Indented detail.
"""))
def explain(term: str) -> str:
    return term


@mcp.tool(description=open(os.path.join(os.path.dirname(__file__), "help.txt")).read())
def helpful() -> str:
    return "x"


@mcp.tool(description=os.environ.get("TOOL_DESC", "Default"))
def envdesc() -> str:
    return "x"
