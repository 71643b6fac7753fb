from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("guides")
GUIDES = Path(__file__).parent / "guides"


def list_guides() -> list[str]:
    return sorted(p.name for p in GUIDES.iterdir())


class ToolError(Exception):
    pass


def fail(message: str) -> None:
    """Raise the tool's structured error."""
    raise ToolError(message)


@mcp.tool()
def read_guide(name: str) -> str:
    """Return one of the bundled guides by its file name."""
    text = (GUIDES / name).read_text()
    if name not in list_guides():
        fail(f"unknown guide {name!r}")
    return text


def main() -> None:
    mcp.run()
