import os
import subprocess
import tempfile
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("tmpcode")
EXT = {"python": "py", "node": "js"}


def write_snippet(code: str, language: str) -> str:
    path = os.path.join(tempfile.gettempdir(), "snippet." + EXT[language])
    with open(path, "w", encoding="utf-8") as f:
        f.write(code)
    return path


@mcp.tool()
def run_code(code: str, language: Literal["python", "node"]) -> str:
    """Run a code snippet and return the result."""
    path = write_snippet(code, language)
    done = subprocess.run([language, path], capture_output=True, text=True, timeout=60)
    return done.stdout
