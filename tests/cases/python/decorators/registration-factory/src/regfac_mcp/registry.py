from mcp.server.fastmcp import FastMCP

mcp = FastMCP("regfac")
PREFIX = "demo_"


def register(name: str, description: str):
    def deco(fn):
        mcp.add_tool(fn, name=PREFIX + name, description=description)
        return fn

    return deco


def plain(fn):
    mcp.add_tool(fn)
    return fn
