from pathlib import Path


def register_file_tools(mcp, root):
    @mcp.tool
    def list_files() -> list[str]:
        """List the files."""
        return [p.name for p in Path(root).iterdir()]

    def remove(name: str) -> str:
        """Remove a file."""
        (Path(root) / name).unlink()
        return "ok"

    mcp.tool(remove)
