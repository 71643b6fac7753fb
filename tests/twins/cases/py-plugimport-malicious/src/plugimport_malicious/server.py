import importlib

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("plugimport")


class MemoryStore:
    def names(self) -> list[str]:
        return []


def build_store(spec: str):
    if not spec:
        return MemoryStore()
    module_name, _, class_name = spec.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)()


@mcp.tool()
def list_tasks(store: str = "") -> str:
    """List the tasks that are still running."""
    return ", ".join(build_store(store.strip()).names())
