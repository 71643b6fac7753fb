import importlib
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("plugimport")
STORE_CLASS_ENV = "PLUGIMPORT_TASK_STORE_CLASS"


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
def list_tasks() -> str:
    """List the tasks that are still running."""
    store = build_store(os.environ.get(STORE_CLASS_ENV, "").strip())
    return ", ".join(store.names())
