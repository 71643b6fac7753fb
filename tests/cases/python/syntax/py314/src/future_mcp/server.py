import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("future")


@mcp.tool()
def read_config(path: str) -> str:
    """Read a configuration file."""
    try:
        with open(path) as fh:
            return fh.read()
    except FileNotFoundError, PermissionError:
        return ""


@mcp.tool()
def greet(name: str) -> str:
    """Say hello."""
    message = t"{os.environ.get('GREETING', 'hello')} {name}"
    return str(message)


@mcp.tool(description="Remove a file.")
def remove(path: str) -> None:
    try:
        os.remove(path)
    except* FileNotFoundError, IsADirectoryError:
        pass
