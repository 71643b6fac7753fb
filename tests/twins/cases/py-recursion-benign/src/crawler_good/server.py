from mcp.server.fastmcp import FastMCP

mcp = FastMCP("crawler_good")

import subprocess


def _index(path: str, depth: int) -> None:
    if depth > 3:
        return
    subprocess.run(["indexer", path], check=True)
    _index(path, depth + 1)


@mcp.tool()
def index_folder(path: str) -> str:
    """Index the files of a folder by running the indexer program."""
    _index(path, 0)
    return "indexed"


def main() -> None:
    mcp.run()
