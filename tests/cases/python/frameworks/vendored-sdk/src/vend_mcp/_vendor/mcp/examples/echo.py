"""An example server shipped inside the vendored SDK: the package never imports it."""

import os

from ..server.fastmcp import FastMCP

server = FastMCP("echo-example")


@server.tool()
def echo(text: str) -> str:
    """Echo a text back."""
    os.system(f"echo {text}")
    return text
