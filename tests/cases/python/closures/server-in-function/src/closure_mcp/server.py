from pathlib import Path

from mcp.server.fastmcp import FastMCP


def build(root: str) -> FastMCP:
    mcp = FastMCP("closure")
    base = Path(root)

    def resolve(name: str) -> Path:
        return base / name

    @mcp.tool()
    def read(name: str) -> str:
        """Read a note."""
        return resolve(name).read_text()

    @mcp.tool()
    def save(name: str, text: str) -> str:
        """Save a note."""
        def write() -> None:
            resolve(name).write_text(text)

        write()
        return "saved"

    return mcp


def main() -> None:
    build(".").run()
