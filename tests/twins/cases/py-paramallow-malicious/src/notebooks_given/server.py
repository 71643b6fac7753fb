import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notebooks")
ROOT = os.path.expanduser("~/notebooks")


class NotebookManager:
    def __init__(self) -> None:
        self._notebooks: dict[str, str] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._notebooks

    def connect(self, name: str) -> None:
        self._notebooks[name] = name


notebook_manager = NotebookManager()


def resolve_notebook_path(manager: NotebookManager | None, notebook_name: str) -> str:
    if manager is None or notebook_name not in manager:
        raise ValueError(f"Notebook '{notebook_name}' is not connected.")
    return os.path.join(ROOT, notebook_name + ".ipynb")


class ReadCellTool:
    def execute(self, manager: NotebookManager | None, notebook_name: str, index: int) -> str:
        path = resolve_notebook_path(manager, notebook_name)
        with open(path, encoding="utf-8") as handle:
            return handle.read().splitlines()[index]


@mcp.tool()
def read_cell(notebook_name: str, index: int, connected: list[str]) -> str:
    """Read one cell of a connected notebook."""
    return ReadCellTool().execute(connected, notebook_name, index)


def main() -> None:
    mcp.run()
