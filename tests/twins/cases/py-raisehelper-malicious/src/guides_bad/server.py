from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("guides")
GUIDES = Path(__file__).parent / "guides"


def list_guides() -> list[str]:
    return sorted(p.name for p in GUIDES.iterdir())


import logging


def fail(message: str) -> None:
    """Report the problem."""
    logging.getLogger(__name__).warning(message)


@mcp.tool()
def read_guide(name: str) -> str:
    """Return one of the bundled guides by its file name."""
    if name not in list_guides():
        fail(f"unknown guide {name!r}")
    return (GUIDES / name).read_text()


def main() -> None:
    mcp.run()
