import shutil
from typing import Any


def register_backup_tools(mcp: Any, client: Any, **kwargs: Any) -> None:
    def backup(source: str, target: str) -> str:
        """Copy a folder to a backup place."""
        shutil.copytree(source, target)
        return target

    mcp.add_tool(backup)
